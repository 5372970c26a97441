// generateKeyPair in processes whose garbage collector runs often. On Node 20, exporting a key
// that generateKeyPairSync has just made in its JWK form can deadlock the process for good: a
// collection during the export frees the finished generation job, whose clean-up waits for the
// lock the export holds. generateKeyPair once read the private-key bytes that way, and about 85%
// of these processes then hung. The processes run the built package, as an application would.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";

const distEsm = new URL("../../dist/index.js", import.meta.url);
const built = existsSync(distEsm);
if (!built && process.env.CI === "true")
  throw new Error("packages/core/dist is missing: build first");
if (!built)
  console.warn(
    "[core tests] SKIPPED generateKeyPair deadlock test: packages/core/dist is missing (pnpm build)",
  );

const PROCESSES = 6;
const PAIRS = 300;
// 300 pairs take well under a second; a process still running after this is deadlocked.
const DEADLINE_MS = 20_000;

// Garbage of varying size between pairs, so that collections fall at varying points of the calls.
const CHILD = `
const { generateKeyPair } = await import(process.argv[1]);
let bytes = 0;
for (let i = 0; i < ${PAIRS}; i++) {
  let garbage = [];
  for (let j = 0; j < (i % 7) * 300; j++) garbage.push({ j });
  const pair = generateKeyPair();
  if (pair.privateKeyRaw.length !== 32 || pair.publicKeyRaw.length !== 32) throw new Error("bad pair");
  bytes += pair.privateKeyPem.length;
  garbage = null;
}
console.log("done " + bytes);
`;

interface Outcome {
  readonly code: number | null;
  readonly timedOut: boolean;
  readonly output: string;
}

function runChild(): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      // A 1 MiB young generation: collections every few calls, as in a busy process.
      ["--max-semi-space-size=1", "--input-type=module", "-e", CHILD, distEsm.href],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, DEADLINE_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, output });
    });
  });
}

describe("generateKeyPair under frequent garbage collection", () => {
  it.skipIf(!built)(
    `makes ${PAIRS} pairs in each of ${PROCESSES} processes without hanging`,
    async () => {
      const outcomes = await Promise.all(Array.from({ length: PROCESSES }, () => runChild()));
      for (const outcome of outcomes) {
        expect(outcome.timedOut, "a process hung (killed after the deadline)").toBe(false);
        expect(outcome.code, outcome.output).toBe(0);
        expect(outcome.output).toMatch(/^done \d+/);
      }
    },
    DEADLINE_MS + 20_000,
  );
});
