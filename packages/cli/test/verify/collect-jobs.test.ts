import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { collectJobs } from "../../src/verify/collect-jobs.js";
import type { VerificationJob } from "../../src/verify/verification.types.js";
import { memoryIo } from "../helpers/memory-io.js";

const dir = mkdtempSync(join(tmpdir(), "parmana-cli-jobs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function all(jobs: AsyncIterable<VerificationJob>): Promise<VerificationJob[]> {
  const list: VerificationJob[] = [];
  for await (const job of jobs) list.push(job);
  return list;
}

describe("collectJobs", () => {
  mkdirSync(join(dir, "set/nested"), { recursive: true });
  for (const name of ["set/b.json", "set/a.json", "set/nested/c.json", "set/notes.txt"])
    writeFileSync(join(dir, name), "{}");

  it("expands globs (sorted), folders (every *.json below) and keeps literal paths as given", async () => {
    const { jobs, total } = await collectJobs(memoryIo({ cwd: dir }), [
      "set/*.json",
      "set",
      "missing.json",
    ]);
    const list = await all(jobs);
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
      (await collectJobs(memoryIo({ cwd: dir }), ["nothing/*.json", "empty"])).jobs,
    );
    expect(list.map((job) => job.error?.code)).toEqual(["CLI-007", "CLI-007"]);
  });

  it("reads NDJSON from stdin when no path is given and stdin is not a TTY, skipping blank lines", async () => {
    const io = memoryIo({ stdin: '{"a":1}\n\n{"a":2}\r\n[{"b":1},{"b":2}]\n' });
    const { jobs, total } = await collectJobs(io, []);
    expect(total).toBeUndefined();
    expect(await all(jobs)).toEqual([
      { source: "stdin:1", text: '{"a":1}' },
      { source: "stdin:3", text: '{"a":2}' },
      { source: "stdin:4[0]", text: '{"b":1}' },
      { source: "stdin:4[1]", text: '{"b":2}' },
    ]);
  });

  it("reads a pretty-printed document (an object or an array) from stdin as a whole", async () => {
    const object = await all(
      (await collectJobs(memoryIo({ stdin: '{\n  "a": 1\n}\n' }), ["-"])).jobs,
    );
    expect(object).toEqual([{ source: "stdin", text: '{\n  "a": 1\n}' }]);
    const array = await all(
      (await collectJobs(memoryIo({ stdin: '[\n {"a": 1},\n {"a": 2}\n]' }), ["-"])).jobs,
    );
    expect(array).toEqual([
      { source: "stdin[0]", text: '{"a":1}' },
      { source: "stdin[1]", text: '{"a":2}' },
    ]);
  });

  it("does not read a TTY stdin unless '-' is given", async () => {
    const { jobs, total } = await collectJobs(memoryIo({ cwd: dir }), ["set/a.json"]);
    expect(total).toBe(1);
    expect(await all(jobs)).toHaveLength(1);
  });
});
