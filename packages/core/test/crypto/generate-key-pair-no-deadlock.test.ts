// generateKeyPair and generateP256KeyPair in processes whose garbage collector runs often, with
// every key they return exported as a JWK. On Node 20, exporting a KeyObject that
// generateKeyPairSync made in its JWK form can deadlock the process for good: a collection during
// the export frees the finished generation job, whose clean-up waits for the lock the export
// holds (85% of bare node:crypto processes that generate and export 300 pairs this way). Core used
// to read its own private-key bytes that way and hand such KeyObjects out; it now hands out keys
// rebuilt from their PKCS#8 encoding. The hang depends on where collections fall, so this test
// catches a regression by chance, not every time: with the old code, about 1 in 16 "generate"
// processes hung, and "export" processes caught keys handed out straight from the generation.
// The processes run the built package, as an application would.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { builtCore } from "../helpers/built-core.js";

const { esm: distEsm, built } = builtCore("key-pair deadlock test");

const PAIRS = 300;
// 300 pairs take about a second; a process still running after this is deadlocked.
const DEADLINE_MS = 20_000;

// Each process makes PAIRS pairs with garbage of varying size in between, so that collections
// fall at varying points of the calls. "generate" makes Ed25519 pairs only; "export" makes both
// kinds and exports every returned KeyObject as a JWK, as an application publishing its keys would.
const CHILD = `
const { generateKeyPair, generateP256KeyPair } = await import(process.argv[1]);
const exportAll = process.argv[2] === "export";
let bytes = 0;
for (let i = 0; i < ${PAIRS}; i++) {
  let garbage = [];
  for (let j = 0; j < (i % 7) * 300; j++) garbage.push({ j });
  const pair = generateKeyPair();
  if (pair.privateKeyRaw.length !== 32 || pair.publicKeyRaw.length !== 32) throw new Error("bad pair");
  bytes += pair.privateKeyPem.length;
  if (exportAll) {
    const p256 = generateP256KeyPair();
    for (const key of [pair.privateKey, pair.publicKey, p256.privateKey, p256.publicKey])
      bytes += JSON.stringify(key.export({ format: "jwk" })).length;
  }
  garbage = null;
}
console.log("done " + bytes);
`;

type Kind = "generate" | "export";
const PROCESSES: readonly Kind[] = [
  "generate",
  "generate",
  "generate",
  "export",
  "export",
  "export",
];

interface Outcome {
  readonly code: number | null;
  readonly timedOut: boolean;
  readonly output: string;
}

function runChild(kind: Kind): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      // A 1 MiB young generation: collections every few calls, as in a busy process.
      ["--max-semi-space-size=1", "--input-type=module", "-e", CHILD, distEsm.href, kind],
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
    `makes ${PAIRS} pairs in each of ${PROCESSES.length} processes, and exports them, without hanging`,
    async () => {
      const outcomes = await Promise.all(PROCESSES.map((kind) => runChild(kind)));
      for (const outcome of outcomes) {
        expect(outcome.timedOut, "a process hung (killed after the deadline)").toBe(false);
        expect(outcome.code, outcome.output).toBe(0);
        expect(outcome.output).toMatch(/^done \d+/);
      }
    },
    DEADLINE_MS + 20_000,
  );
});
