// `parmana verify attestation` writes its results a batch at a time; these tests hold it to the
// order of a line-at-a-time writer: stdout and stderr interleave as the inputs came.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { generateKeyPair } from "@parmanasystems/core";
import { runCli } from "../../src/cli/run-cli.js";
import type { CliIo } from "../../src/cli/command.types.js";
import { bufferOutput } from "../../src/io/output-buffer.js";

const dir = mkdtempSync(join(tmpdir(), "parmana-cli-order-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "public.pem"), generateKeyPair().publicKeyPem);

/** An io whose two output streams write into one log, as a terminal shows them. */
function sharedLogIo(stdin: string[]): { io: CliIo; log: string[] } {
  const log: string[] = [];
  return {
    log,
    io: {
      stdout: { write: (text: string) => log.push(`out:${text}`), isTTY: false },
      stderr: { write: (text: string) => log.push(`err:${text}`), isTTY: false },
      stdin: Readable.from(stdin.map((chunk) => Buffer.from(chunk))),
      cwd: dir,
      env: { NO_COLOR: "1" },
    },
  };
}

describe("verify attestation output order", () => {
  it("an input error on stderr comes between the results before and after it", async () => {
    // Not signed with the key: each line is an INVALID result on stdout; line 2 is an input error.
    const line = (id: string) => JSON.stringify({ executionId: id, signature: "AAAA" });
    const { io, log } = sharedLogIo([`${line("one")}\nnot json\n${line("three")}\n`]);
    const code = await runCli(
      ["verify", "attestation", "--key", "public.pem", "--workers", "0", "--json"],
      io,
    );
    expect(code).toBe(2);
    // Joined within a stream, the writes must still read: result 1, the error, results 2 and 3.
    const sources = log.flatMap((entry) =>
      entry
        .split("\n")
        .filter((text) => text !== "" && text !== "out:" && text !== "err:")
        .map((text) => text.replace(/^(out|err):/, ""))
        .map((text) =>
          text.startsWith("{")
            ? `out ${(JSON.parse(text) as { source: string }).source}`
            : `err ${text.split(" (")[0] ?? ""}`,
        ),
    );
    expect(sources).toEqual([
      "out stdin:1",
      "err parmana: [CLI-004] attestation is not valid JSON: stdin:2",
      "out stdin:2",
      "out stdin:3",
      "err 3 attestations: 0 valid, 2 invalid, 1 error",
    ]);
  });

  it("a buffer writes once it holds the limit, and on flush, never an empty write", () => {
    const writes: string[] = [];
    const out = bufferOutput({ write: (text: string) => writes.push(text) }, 10);
    out.flush();
    out.write("12345");
    out.write("6789");
    expect(writes).toEqual([]);
    out.write("0a");
    expect(writes).toEqual(["1234567890a"]);
    out.write("b");
    out.flush();
    out.flush();
    expect(writes).toEqual(["1234567890a", "b"]);
  });
});
