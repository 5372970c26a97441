// executeFromSignals against its floor: one raw Ed25519 crypto.sign plus one crypto.verify of the
// same signing input, measured in the same run, in alternating rounds (a shared machine's slow
// moments then fall on both sides). Loan policy from a MemoryPolicyRegistry, MemoryReplayStore
// with distinct executionIds, LocalSigner/LocalVerifier. Aim: execute <= 1.3x raw sign + verify.
import { sign as rawSign, verify as rawVerify } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  attestationSigningInput,
  executeFromSignals,
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  MemoryPolicyRegistry,
  MemoryReplayStore,
  verifyAttestation,
  type PolicyDocument,
} from "@parmanasystems/core";
import { LOAN_SIGNALS } from "./lib/loan-signals.js";

const ROUNDS = 7;
const CALLS_PER_ROUND = 3000;
const WARMUP_CALLS = 3000;
const AIM = 1.3;

const SIGNALS = LOAN_SIGNALS;

/** Runs the comparison and prints per-call times and the ratio. */
export async function runBench(): Promise<void> {
  const policy = JSON.parse(
    readFileSync(new URL("../fixtures/loan-approval-policy.json", import.meta.url), "utf8"),
  ) as PolicyDocument;
  const { privateKey, publicKey, privateKeyPem, publicKeyPem } = generateKeyPair();
  const signer = new LocalSigner(privateKeyPem);
  const verifier = new LocalVerifier(publicKeyPem);
  const options = {
    replayStore: new MemoryReplayStore({ maxSize: 10_000_000, warnInProduction: false }),
    policies: new MemoryPolicyRegistry([policy]),
  };
  let next = 0;
  const execute = () =>
    executeFromSignals(
      {
        executionId: `loan-app-${next++}`,
        policyId: policy.policyId,
        policyVersion: policy.policyVersion,
        signals: SIGNALS,
      },
      signer,
      verifier,
      options,
    );

  // The raw side signs and verifies exactly the bytes executeFromSignals signs.
  const sample = await execute();
  if (!verifyAttestation(sample, verifier).valid)
    throw new Error("the sample attestation does not verify");
  const bytes = Buffer.from(attestationSigningInput(sample), "utf8");
  const raw = (): boolean => rawVerify(null, bytes, publicKey, rawSign(null, bytes, privateKey));
  if (!raw()) throw new Error("raw sign + verify failed");

  for (let i = 0; i < WARMUP_CALLS; i++) {
    await execute();
    raw();
  }

  // Like lib/compare's measure(): each round runs a block of each side, in alternating order (a
  // shared machine's slow moments then fall on both), every call is timed on its own, and the
  // ratio is judged on median times (robust to scheduling spikes), the ratio of means beside it.
  const executeSamples: number[] = [];
  const rawSamples: number[] = [];
  const roundRatios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const executeRound: number[] = [];
    const rawRound: number[] = [];
    const executeBlock = async (): Promise<void> => {
      for (let i = 0; i < CALLS_PER_ROUND; i++) {
        const start = process.hrtime.bigint();
        await execute();
        executeRound.push(Number(process.hrtime.bigint() - start) / 1000);
      }
    };
    const rawBlock = (): void => {
      for (let i = 0; i < CALLS_PER_ROUND; i++) rawRound.push(timeSync(raw));
    };
    if (round % 2 === 0) {
      await executeBlock();
      rawBlock();
    } else {
      rawBlock();
      await executeBlock();
    }
    roundRatios.push(median(executeRound) / median(rawRound));
    executeSamples.push(...executeRound);
    rawSamples.push(...rawRound);
  }

  console.log(
    `\n## executeFromSignals vs raw crypto.sign + crypto.verify (${bytes.length}-byte signing input, ${ROUNDS} rounds x ${CALLS_PER_ROUND} calls per side)`,
  );
  console.table([
    {
      case: "executeFromSignals",
      "median µs/call": median(executeSamples).toFixed(2),
      "mean µs/call": mean(executeSamples).toFixed(2),
    },
    {
      case: "crypto.sign + crypto.verify (raw)",
      "median µs/call": median(rawSamples).toFixed(2),
      "mean µs/call": mean(rawSamples).toFixed(2),
    },
  ]);
  const ratio = median(executeSamples) / median(rawSamples);
  const meanRatio = mean(executeSamples) / mean(rawSamples);
  console.log(
    `ratio executeFromSignals / raw sign+verify time = ${ratio.toFixed(3)} (median; per round ${roundRatios.map((r) => r.toFixed(2)).join(", ")}; mean ${meanRatio.toFixed(3)}; aim: <= ${AIM}) ${ratio <= AIM ? "MET" : "NOT MET"}`,
  );
}

function timeSync(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1000;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
