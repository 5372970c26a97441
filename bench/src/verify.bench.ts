// verifyAttestation (every check, LocalVerifier) against its floor: one raw Ed25519
// crypto.verify of the same signing input with the same key (a KeyObject imported once), in the
// same run, in interleaved rounds (lib/interleave.ts), judged on CPU time. The library does
// exactly one signature verification per call. Aim: verifyAttestation <= 1.07x raw verify.
import { verify as rawVerify } from "node:crypto";
import { attestationSigningInput, verifyAttestation } from "@parmanasystems/core";
import { interleave, printRatio, printSides } from "./lib/interleave.js";
import { asStored, loanBench } from "./lib/loan-bench.js";

const AIM = 1.07;
const SMOKE = process.env["BENCH_SMOKE"] === "1";

/** Runs the comparison and prints its table and ratio. */
export async function runBench(): Promise<void> {
  const bench = loanBench();
  const { verifier } = bench;
  const { publicKey } = bench.keys;
  const attestation = await bench.decide("loan-app-1");
  const stored = asStored(attestation);
  const bytes = Buffer.from(attestationSigningInput(stored), "utf8");
  const signature = Buffer.from(attestation.signature, "base64");
  if (!verifyAttestation(stored, verifier).valid || !rawVerify(null, bytes, publicKey, signature)) {
    throw new Error("the attestation does not verify");
  }

  const results = await interleave(
    [
      { name: "verifyAttestation", call: () => verifyAttestation(stored, verifier) },
      { name: "crypto.verify (raw)", call: () => rawVerify(null, bytes, publicKey, signature) },
      // The control: the floor against itself shows how far this run's method strays from 1.
      {
        name: "crypto.verify (raw), control copy",
        call: () => rawVerify(null, bytes, publicKey, signature),
      },
    ],
    SMOKE
      ? { rounds: 2, callsPerRound: 50, warmupCalls: 20 }
      : { rounds: 9, callsPerRound: 3000, warmupCalls: 3000 },
  );
  printSides(
    `verifyAttestation vs raw Ed25519 verify (${bytes.length}-byte signing input; CPU time, interleaved rounds)`,
    results,
  );
  printRatio("verifyAttestation / crypto.verify (raw)", results[0]!, results[1]!, AIM);
  printRatio(
    "control: crypto.verify (raw), a second copy / itself",
    results[2]!,
    results[1]!,
    undefined,
  );
}
