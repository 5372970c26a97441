import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { collectJobs } from "../../src/verify/collect-jobs.js";
import type { VerificationJob } from "../../src/verify/verification.types.js";
import { memoryIo } from "../helpers/memory-io.js";

const dir = mkdtempSync(join(tmpdir(), "parmana-cli-jobs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function all(batches: AsyncIterable<readonly VerificationJob[]>): Promise<VerificationJob[]> {
  const list: VerificationJob[] = [];
  for await (const batch of batches) list.push(...batch);
  return list;
}

describe("collectJobs", () => {
  mkdirSync(join(dir, "set/nested"), { recursive: true });
  for (const name of ["set/b.json", "set/a.json", "set/nested/c.json", "set/notes.txt"])
    writeFileSync(join(dir, name), "{}");

  it("expands globs (sorted), folders (every *.json below) and keeps literal paths as given", async () => {
    const { batches, total } = await collectJobs(memoryIo({ cwd: dir }), [
      "set/*.json",
      "set",
      "missing.json",
    ]);
    const list = await all(batches);
    expect(total).toBe(6);
    expect(list.map((job) => job.source)).toEqual([
      "set/a.json",
      "set/b.json",
      "set/a.json",
      "set/b.json",
      "set/nested/c.json",
      "missing.json",
    ]);
    expect(list[5]?.path).toBe(join(dir, "missing.json"));
  });

  it("turns a glob or folder with no match into a CLI-007 input", async () => {
    mkdirSync(join(dir, "empty"), { recursive: true });
    const list = await all(
      (await collectJobs(memoryIo({ cwd: dir }), ["nothing/*.json", "empty"])).batches,
    );
    expect(list.map((job) => job.error?.code)).toEqual(["CLI-007", "CLI-007"]);
  });

  it("reads NDJSON from stdin when no path is given and stdin is not a TTY, skipping blank lines", async () => {
    const io = memoryIo({ stdin: '{"a":1}\n\n{"a":2}\r\n[{"b":1},{"b":2}]\n' });
    const { batches, total } = await collectJobs(io, []);
    expect(total).toBeUndefined();
    expect(await all(batches)).toEqual([
      { source: "stdin:1", text: '{"a":1}' },
      { source: "stdin:3", text: '{"a":2}' },
      { source: "stdin:4[0]", text: '{"b":1}' },
      { source: "stdin:4[1]", text: '{"b":2}' },
    ]);
  });

  it("splits lines across chunk boundaries: a character, a CRLF or a line cut between chunks", async () => {
    const text = '{"n":"é€😀"}\r\n{"n":2}\n\n{"n":"long line"}\r\n{"n":3}';
    const bytes = Buffer.from(text, "utf8");
    // Every way of cutting the input in two, and in pieces of 1, 2 and 3 bytes.
    const cuttings: Buffer[][] = [];
    for (let at = 0; at <= bytes.length; at += 1)
      cuttings.push([bytes.subarray(0, at), bytes.subarray(at)]);
    for (const size of [1, 2, 3]) {
      const pieces: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
      cuttings.push(pieces);
    }
    for (const pieces of cuttings) {
      const io = { ...memoryIo(), stdin: Readable.from(pieces) };
      expect(await all((await collectJobs(io, ["-"])).batches)).toEqual([
        { source: "stdin:1", text: '{"n":"é€😀"}' },
        { source: "stdin:2", text: '{"n":2}' },
        { source: "stdin:4", text: '{"n":"long line"}' },
        { source: "stdin:5", text: '{"n":3}' },
      ]);
    }
  });

  it("hands over stdin's inputs a batch per chunk read, not one at a time", async () => {
    const chunks = ['{"a":1}\n{"a":2}\n{"a', '":3}\n', '{"a":4}\n{"a":5}'].map((chunk) =>
      Buffer.from(chunk),
    );
    const io = { ...memoryIo(), stdin: Readable.from(chunks) };
    const batches: string[][] = [];
    for await (const batch of (await collectJobs(io, ["-"])).batches)
      batches.push(batch.map((job) => job.source));
    expect(batches).toEqual([["stdin:1", "stdin:2"], ["stdin:3"], ["stdin:4"], ["stdin:5"]]);
  });

  it("reads a pretty-printed document (an object or an array) from stdin as a whole", async () => {
    const object = await all(
      (await collectJobs(memoryIo({ stdin: '{\n  "a": 1\n}\n' }), ["-"])).batches,
    );
    expect(object).toEqual([{ source: "stdin", text: '{\n  "a": 1\n}' }]);
    const array = await all(
      (await collectJobs(memoryIo({ stdin: '[\n {"a": 1},\n {"a": 2}\n]' }), ["-"])).batches,
    );
    expect(array).toEqual([
      { source: "stdin[0]", text: '{"a":1}' },
      { source: "stdin[1]", text: '{"a":2}' },
    ]);
  });

  it("does not read a TTY stdin unless '-' is given", async () => {
    const { batches, total } = await collectJobs(memoryIo({ cwd: dir }), ["set/a.json"]);
    expect(total).toBe(1);
    expect(await all(batches)).toHaveLength(1);
  });
});
