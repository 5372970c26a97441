// What JavaScript between two OpenSSL calls costs in place, on the machine at hand: a ladder of
// sides, each one an Ed25519 sign + verify of a 1,280-byte message (the size of an attestation's
// signing input) plus one more piece of the work every attestation needs, each step adding to
// the one before. Run in interleaved rounds (lib/interleave.ts) and judged on CPU time like the
// floors, so each step's ratio to the step before is what that piece costs among the OpenSSL
// calls, which on a shared host can be several times what it costs on its own.
import { sign as rawSign, verify as rawVerify } from "node:crypto";
import { canonicalize, generateKeyPair } from "@parmanasystems/core";
import { interleave, printRatio, printSides, type Side } from "./lib/interleave.js";
import { LOAN_SIGNALS } from "./lib/loan-signals.js";

const SMOKE = process.env["BENCH_SMOKE"] === "1";
const MESSAGE_BYTES = 1280;
// Distinct messages, cycled (a power of two, for a cheap index).
const POOL = 4096;

/** Runs the ladder and prints each step against the one before and against the first. */
export async function runBench(): Promise<void> {
  const { privateKey, publicKey } = generateKeyPair();
  const filler = "a".repeat(MESSAGE_BYTES);
  const texts = Array.from(
    { length: POOL },
    (_, index) => `${`loan-app-${index}`.padEnd(20)}${filler.slice(20)}`,
  );
  const messages = texts.map((text) => Buffer.from(text, "utf8"));
  const one = messages[0] as Buffer;
  // The shape of an attestation: twenty members of about 55 characters.
  const record = Object.fromEntries(
    Array.from({ length: 20 }, (_, index) => [`member${index}`, "v".repeat(55)]),
  );
  let next = 0;
  const seen = new Map<string, number>();
  const signVerify = (bytes: Buffer): boolean =>
    rawVerify(null, bytes, publicKey, rawSign(null, bytes, privateKey));
  const distinct = (): boolean => signVerify(messages[next++ & (POOL - 1)] as Buffer);
  const fromText = (): boolean => signVerify(Buffer.from(texts[next++ & (POOL - 1)] as string));
  const withMap = (): boolean => {
    const key = `loan-approval:${next}`;
    if (seen.has(key)) throw new Error(`replay: ${key}`);
    seen.set(key, 1);
    return fromText();
  };
  const withCanonical = (): boolean => canonicalize(LOAN_SIGNALS).length > 0 && withMap();
  const withStringify = (): boolean => JSON.stringify(record).length > 0 && withCanonical();

  const sides: Side[] = [
    { name: "1. one message, signed and verified", call: () => signVerify(one) },
    { name: "2. + distinct messages", call: distinct },
    { name: "3. + an async function, awaited", call: async () => distinct(), async: true },
    { name: "4. + UTF-8 bytes from a string", call: async () => fromText(), async: true },
    { name: "5. + replay check-and-set in a Map", call: async () => withMap(), async: true },
    { name: "6. + canonicalize nine signals", call: async () => withCanonical(), async: true },
    { name: "7. + JSON.stringify of 20 members", call: async () => withStringify(), async: true },
    // The control: the first step against itself shows how far this run's method strays from 1.
    { name: "1. again (control)", call: () => signVerify(one) },
  ];
  const results = await interleave(
    sides,
    SMOKE
      ? { rounds: 2, callsPerRound: 40, warmupCalls: 20 }
      : { rounds: 9, callsPerRound: 1200, warmupCalls: 1000 },
  );
  printSides(
    `sign + verify (${MESSAGE_BYTES} bytes) with JavaScript between the calls, each step adding to the one before (CPU time, interleaved rounds)`,
    results,
  );
  const first = results[0]!;
  for (let step = 1; step < 7; step++) {
    printRatio(`step ${step + 1} / step ${step}`, results[step]!, results[step - 1]!, undefined);
  }
  printRatio("step 7 / step 1", results[6]!, first, undefined);
  printRatio("control: step 1, a second copy / itself", results[7]!, first, undefined);
}
