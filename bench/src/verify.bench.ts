// verifyAttestation (every check, LocalVerifier) against its floor: one raw Ed25519
// crypto.verify of the same signing input with the same key (a KeyObject imported once), in the
// same run, in interleaved rounds (lib/interleave.ts), judged on CPU time. The library does
// exactly one signature verification per call. Aim: verifyAttestation <= 1.07x raw verify.
//
// A reference side, unjudged: the bare verification (lib/bare-verify.ts), less than any
// JavaScript verifier of a stored attestation can do. Its ratio to raw verify is what laying out
// and decoding in JavaScript costs on this machine, whoever writes it; verifyAttestation's ratio
// to it is what the complete checks add.
import { verify as rawVerify } from "node:crypto";
import { attestationSigningInput, verifyAttestation } from "@parmanasystems/core";
import { interleave, printRatio, printSides } from "./lib/interleave.js";
import { asStored, loanBench } from "./lib/loan-bench.js";
import { bareVerify, type StoredAttestation } from "./lib/bare-verify.js";

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
  const bareStored = stored as unknown as StoredAttestation;
  if (!bareVerify(bareStored, publicKey)) throw new Error("the bare verification fails");
  if (bareVerify({ ...bareStored, executionId: "another" }, publicKey))
    throw new Error("the bare verification accepts a changed attestation");

  const results = await interleave(
    [
      { name: "verifyAttestation", call: () => verifyAttestation(stored, verifier) },
      { name: "crypto.verify (raw)", call: () => rawVerify(null, bytes, publicKey, signature) },
      // The control: the floor against itself shows how far this run's method strays from 1.
      {
        name: "crypto.verify (raw), control copy",
        call: () => rawVerify(null, bytes, publicKey, signature),
      },
      { name: "bare verification (reference)", call: () => bareVerify(bareStored, publicKey) },
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
  printRatio(
    "reference: bare verification / crypto.verify (raw)",
    results[3]!,
    results[1]!,
    undefined,
  );
  printRatio("verifyAttestation / bare verification", results[0]!, results[3]!, undefined);
}
