// verifyAttestation (all four checks, LocalVerifier) against its floor: one raw Ed25519
// crypto.verify of the same signing input with the same key, measured in the same run.
// Aim: verify <= 1.15x raw verify.
import { verify as rawVerify } from "node:crypto";
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
import { measure, printResults, resultOf } from "./lib/compare.js";

const AIM = 1.15;

/** Runs the comparison and prints its table and ratio. */
export async function runBench(): Promise<void> {
  const policy = JSON.parse(
    readFileSync(new URL("../fixtures/loan-approval-policy.json", import.meta.url), "utf8"),
  ) as PolicyDocument;
  const { publicKey, privateKeyPem, publicKeyPem } = generateKeyPair();
  const verifier = new LocalVerifier(publicKeyPem);
  const attestation = await executeFromSignals(
    {
      executionId: "loan-app-1",
      policyId: policy.policyId,
      policyVersion: policy.policyVersion,
      signals: LOAN_SIGNALS,
    },
    new LocalSigner(privateKeyPem),
    verifier,
    {
      replayStore: new MemoryReplayStore({ warnInProduction: false }),
      policies: new MemoryPolicyRegistry([policy]),
    },
  );
  // A stored attestation as an auditor gets it: parsed JSON, not the frozen original.
  const stored = JSON.parse(JSON.stringify(attestation)) as Record<string, unknown>;
  const bytes = Buffer.from(attestationSigningInput(stored), "utf8");
  const signature = Buffer.from(attestation.signature, "base64");
  if (!verifyAttestation(stored, verifier).valid || !rawVerify(null, bytes, publicKey, signature)) {
    throw new Error("the attestation does not verify");
  }

  const results = measure([
    { name: "verifyAttestation", fn: () => verifyAttestation(stored, verifier) },
    { name: "crypto.verify (raw)", fn: () => rawVerify(null, bytes, publicKey, signature) },
  ]);
  printResults(
    `verifyAttestation vs raw Ed25519 verify, ${bytes.length}-byte signing input`,
    results,
  );
  const ours = resultOf(results, "verifyAttestation");
  const raw = resultOf(results, "crypto.verify (raw)");
  // Judged on median times (robust to a shared machine's scheduling spikes); the mean ratio is shown too.
  const ratio = (ours.medianMicros ?? ours.meanMicros) / (raw.medianMicros ?? raw.meanMicros);
  const meanRatio = ours.meanMicros / raw.meanMicros;
  console.log(
    `ratio verifyAttestation / crypto.verify (raw) time = ${ratio.toFixed(3)} (median; mean ${meanRatio.toFixed(3)}; aim: <= ${AIM}) ${ratio <= AIM ? "MET" : "NOT MET"}`,
  );
}
