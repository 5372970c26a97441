// Parmana's override flow on an insurance claim:
//   1. a claim above the standard limit is decided "manual_review" and attested pending_override
//   2. an adjuster (not allowed by the policy) tries to approve it and is refused
//   3. a claims manager approves it: a separate signed override record, bound to the hash of the
//      original attestation, which is never modified
//   4. the original attestation and the override record both verify; a second approval is refused
//
// Run after `pnpm build`: `pnpm --filter @parmanasystems/example-insurance-claims start`.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  approveOverride,
  executeFromSignals,
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  MemoryReplayStore,
  ParmanaError,
  verifyAttestation,
  verifyOverride,
} from "@parmanasystems/core";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "out");
const ok = (text) => console.log(`  ✓ ${text}`);
const bad = (text) => console.log(`  ✗ ${text}`);
const step = (title) => console.log(`\n${title}`);

const { privateKeyPem, publicKeyPem } = generateKeyPair();
const signer = new LocalSigner(privateKeyPem);
const verifier = new LocalVerifier(publicKeyPem);
const store = new MemoryReplayStore();

// 1. The claim: gold customer, active policy, 7.5 lakh claimed (above the 5 lakh standard limit).
step("1. Decide the claim");
const claim = {
  executionId: "claim-CLM-2024-00441",
  policyId: "claims-approval",
  policyVersion: "1.0.0",
  signals: { claim_amount: 750000, policy_active: true, customer_tier: "gold" },
};
const attestation = await executeFromSignals(
  claim,
  signer,
  verifier,
  { policiesRootPath: join(here, "policies") },
  store,
);
console.log(
  `    claim ${claim.executionId}: amount ${claim.signals.claim_amount}, tier ${claim.signals.customer_tier}`,
);
ok(
  `decision: ${attestation.decision.action} (requires_override: ${attestation.decision.requires_override})`,
);
console.log(`    ${attestation.decision.reason}`);
ok(`execution_state: ${attestation.execution_state}`);

// 2. The rule names who may override it: claims-manager or risk-manager.
step("2. An adjuster tries to approve it");
try {
  await approveOverride({
    executionId: attestation.executionId,
    approved_by: "adjuster@insurer.example",
    approver_role: "claims-adjuster",
    reason: "Looks fine to me.",
  });
  fail("an adjuster must not be able to approve this claim");
} catch (error) {
  if (!ParmanaError.isInstance(error)) throw error;
  ok(`refused: ${error.message}`);
}

// 3. The claims manager approves: a new signed record; the attestation stays as it was.
step("3. The claims manager approves it");
const override = await approveOverride({
  executionId: attestation.executionId,
  approved_by: "priya.sharma@insurer.example",
  approver_role: "claims-manager",
  reason: "Hospital bills and discharge summary verified against the claim.",
});
ok(
  `override ${override.decision} by ${override.approved_by ?? override.resolved_by} (${override.approver_role})`,
);
console.log(
  `    bound to attestation ${override.attestationHash.slice(0, 23)}…, resolved ${override.resolvedAt}`,
);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "attestation.json"), `${JSON.stringify(attestation, null, 2)}\n`);
writeFileSync(join(outDir, "override.json"), `${JSON.stringify(override, null, 2)}\n`);
ok(`wrote ${relative(process.cwd(), outDir) || "."}/attestation.json and override.json`);

// 4. An auditor verifies both with the public key.
step("4. Verify the attestation and the override record");
const attestationResult = verifyAttestation(attestation, verifier);
printChecks("attestation", attestationResult.checks);
if (!attestationResult.valid) fail("the original attestation should still verify");
const overrideResult = verifyOverride(override, attestation, verifier);
printChecks("override", overrideResult.checks);
if (!overrideResult.valid)
  fail(`the override record should verify: ${overrideResult.errors.join("; ")}`);
ok("valid: the approval is signed, names its approver and role, and belongs to this decision");

const forged = { ...override, approver_role: "risk-manager" };
const forgedResult = verifyOverride(forged, attestation, verifier);
if (forgedResult.valid) fail("a changed override record must not verify");
ok(`a copy with approver_role changed fails: ${forgedResult.errors[0] ?? "invalid"}`);

step("5. Approve it again");
try {
  await approveOverride({
    executionId: attestation.executionId,
    approved_by: "other.manager@insurer.example",
    approver_role: "claims-manager",
    reason: "Second approval.",
  });
  fail("a decision is resolved once");
} catch (error) {
  if (!ParmanaError.isInstance(error)) throw error;
  ok(`refused: ${error.message}`);
}

console.log("\nDone.");

function printChecks(label, checks) {
  for (const [name, passed] of Object.entries(checks)) (passed ? ok : bad)(`${label}: ${name}`);
}

function fail(message) {
  console.error(`\n✗ ${message}`);
  process.exit(1);
}
