// executeFromSignals against its floor: the essential work done with raw node:crypto on the same
// bytes, in the same run, in interleaved rounds (lib/interleave.ts), judged on CPU time.
//
// The floor is what any implementation of the contract must do at least once per decision:
//   - one Ed25519 sign of the signing input,
//   - one Ed25519 verify of that fresh signature (executeFromSignals never returns a signature it
//     has not verified with the given verifier: SIG-006),
//   - two SHA-256 digests: signalsHash over the canonical signals and execution_fingerprint over
//     { policyId, policyVersion, signals }, with the cheapest node:crypto call for them
//     (crypto.hash, one-shot, which the library uses too; createHash where Node lacks it).
// Raw sign + verify alone (the floor before the hashes were counted) is reported beside it, and so
// is the floor with createHash digests (the floor's definition until the library moved to
// crypto.hash), unjudged, to compare with earlier figures.
// Loan policy from a MemoryPolicyRegistry, MemoryReplayStore with distinct executionIds,
// LocalSigner/LocalVerifier. Aim: executeFromSignals <= 1.12x the floor.
//
// A reference side, unjudged: the bare implementation (lib/bare-execute.ts), less than any
// JavaScript implementation of the same attestation can do. Its ratio to the floor is what the
// JavaScript between two OpenSSL calls costs on this machine, whoever writes it; the library's
// ratio to it is what validation, evaluation and failing closed add.
import { createHash, sign as rawSign, verify as rawVerify } from "node:crypto";
import { attestationSigningInput, canonicalize, verifyAttestation } from "@parmanasystems/core";
import { LOAN_SIGNALS } from "./lib/loan-signals.js";
import { interleave, printRatio, printSides } from "./lib/interleave.js";
import { loanBench } from "./lib/loan-bench.js";
import { bareExecute } from "./lib/bare-execute.js";
import { sha256Hex as digest } from "./lib/sha256-hex.js";

const AIM = 1.12;
const SMOKE = process.env["BENCH_SMOKE"] === "1";

/** Runs the comparison and prints per-call times and the ratios. */
export async function runBench(): Promise<void> {
  const bench = loanBench();
  const { policy, verifier } = bench;
  const { privateKey, publicKey } = bench.keys;
  let next = 0;
  const execute = () => bench.decide(`loan-app-${next++}`);

  // The raw side signs, verifies and hashes exactly the bytes executeFromSignals does.
  const sample = await execute();
  if (!verifyAttestation(sample, verifier).valid)
    throw new Error("the sample attestation does not verify");
  const bytes = Buffer.from(attestationSigningInput(sample), "utf8");
  const canonicalSignals = canonicalize(LOAN_SIGNALS);
  const fingerprintInput = canonicalize({
    policyId: policy.policyId,
    policyVersion: policy.policyVersion,
    signals: LOAN_SIGNALS,
  });
  if (createHash("sha256").update(canonicalSignals).digest("hex") !== sample.signalsHash)
    throw new Error("the floor's signals hash differs from the attestation's");
  if (createHash("sha256").update(fingerprintInput).digest("hex") !== sample.execution_fingerprint)
    throw new Error("the floor's fingerprint differs from the attestation's");
  const signVerify = (): boolean =>
    rawVerify(null, bytes, publicKey, rawSign(null, bytes, privateKey));
  const floor = (): boolean => {
    digest(canonicalSignals);
    digest(fingerprintInput);
    return signVerify();
  };
  const floorCreateHash = (): boolean => {
    createHash("sha256").update(canonicalSignals).digest("hex");
    createHash("sha256").update(fingerprintInput).digest("hex");
    return signVerify();
  };
  if (digest(canonicalSignals) !== sample.signalsHash || !floor() || !floorCreateHash())
    throw new Error("raw sign + verify failed");
  const bare = bareExecute(sample, LOAN_SIGNALS, bench.keys);
  let nextBare = 0;
  const bareSample = await bare(`bare-${nextBare++}`);
  if (!verifyAttestation(bareSample, verifier).valid)
    throw new Error("the bare implementation's attestation does not verify");
  // For the same executionId and instant, it signs exactly the bytes the library signs.
  const librarySigningInput = attestationSigningInput({
    ...sample,
    executionId: bareSample.executionId,
    issuedAt: bareSample.issuedAt,
  });
  if (
    Object.keys(bareSample).join() !== Object.keys(sample).join() ||
    attestationSigningInput(bareSample) !== librarySigningInput
  )
    throw new Error("the bare implementation's attestation differs from the library's");

  const results = await interleave(
    [
      { name: "executeFromSignals", call: execute, async: true },
      { name: "floor: sign + verify + 2 SHA-256 (raw)", call: floor },
      { name: "sign + verify (raw)", call: signVerify },
      { name: "floor with createHash digests (raw)", call: floorCreateHash },
      // The control: the floor against itself shows how far this run's method strays from 1.
      { name: "floor, control copy", call: () => floor() },
      {
        name: "bare implementation (reference)",
        call: () => bare(`bare-${nextBare++}`),
        async: true,
      },
    ],
    SMOKE
      ? { rounds: 2, callsPerRound: 50, warmupCalls: 20 }
      : { rounds: 9, callsPerRound: 2000, warmupCalls: 2000 },
  );
  const [ours, floorResult, signVerifyResult, floorCreateHashResult, control, bareResult] =
    results as [
      (typeof results)[0],
      (typeof results)[0],
      (typeof results)[0],
      (typeof results)[0],
      (typeof results)[0],
      (typeof results)[0],
    ];
  printSides(
    `executeFromSignals vs raw node:crypto (${bytes.length}-byte signing input; CPU time, interleaved rounds)`,
    results,
  );
  printRatio("executeFromSignals / floor", ours, floorResult, AIM);
  printRatio("executeFromSignals / raw sign + verify", ours, signVerifyResult, undefined);
  printRatio(
    "executeFromSignals / floor with createHash digests",
    ours,
    floorCreateHashResult,
    undefined,
  );
  printRatio("control: floor, a second copy / itself", control, floorResult, undefined);
  printRatio("reference: bare implementation / floor", bareResult, floorResult, undefined);
  printRatio("executeFromSignals / bare implementation", ours, bareResult, undefined);
}
