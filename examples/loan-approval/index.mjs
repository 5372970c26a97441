// Parmana end to end on one loan application:
//   1. load (or create) an Ed25519 key pair in out/keys/
//   2. decide the application under policies/loan-approval/1.0.0 and seal it in an attestation
//   3. write out/attestation.json, read it back and verify it with the public key alone
//   4. tamper with a copy and show which check catches it
//   5. submit the same application again and show the replay being refused
//   6. record the decision in the embedded audit database (out/audit-db), query it back by
//      decision and signal, and re-verify everything stored with the public key
//
// Run from the repository root with `pnpm demo` (after `pnpm build`), or here with `pnpm start`.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  executeFromSignals,
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  MemoryReplayStore,
  ParmanaError,
  verifyAttestation,
} from "@parmanasystems/core";
import { AuditDb } from "@parmanasystems/audit-db";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "out");
const keysDir = join(outDir, "keys");
const show = (path) => relative(process.cwd(), path) || ".";

const ok = (text) => console.log(`  ✓ ${text}`);
const bad = (text) => console.log(`  ✗ ${text}`);
const step = (title) => console.log(`\n${title}`);

// 1. Key pair: kept in out/keys so the attestation stays verifiable between runs.
step("1. Signing key");
mkdirSync(keysDir, { recursive: true });
const privateKeyPath = join(keysDir, "private-key.pem");
const publicKeyPath = join(keysDir, "public-key.pem");
if (existsSync(privateKeyPath) && existsSync(publicKeyPath)) {
  ok(`loaded the key pair from ${show(keysDir)}/`);
} else {
  const { privateKeyPem, publicKeyPem } = generateKeyPair();
  writeFileSync(privateKeyPath, privateKeyPem, { mode: 0o600 });
  writeFileSync(publicKeyPath, publicKeyPem);
  ok(`generated a new Ed25519 key pair in ${show(keysDir)}/`);
}
const signer = new LocalSigner(readFileSync(privateKeyPath, "utf8"));
const verifier = new LocalVerifier(readFileSync(publicKeyPath, "utf8"));
console.log(`    key id: ${signer.keyId}`);

// 2. The decision. The replay store remembers decided transactions (one process here; Redis or
//    DynamoDB across a fleet).
step("2. Decide the loan application");
const store = new MemoryReplayStore();
const application = {
  // A new business transaction id per run: the audit database keeps every run's decision.
  executionId: `loan-app-${randomUUID().slice(0, 8)}`,
  policyId: "loan-approval",
  policyVersion: "1.0.0",
  signals: { credit_score: 720, loan_amount: 15000 },
};
const runtimeEnvironment = { policiesRootPath: join(here, "policies") };
const attestation = await executeFromSignals(
  application,
  signer,
  verifier,
  runtimeEnvironment,
  store,
);
console.log(
  `    application ${application.executionId}: credit_score ${application.signals.credit_score}, loan_amount ${application.signals.loan_amount}`,
);
ok(`decision: ${attestation.decision.action} — ${attestation.decision.reason}`);
console.log(
  `    policy ${attestation.policyId}@${attestation.policyVersion}, bundle ${attestation.bundleHash.slice(0, 23)}…`,
);
console.log(`    runtime ${attestation.runtimeVersion}, ${attestation.runtimeHash.slice(0, 23)}…`);
console.log(
  `    fingerprint ${attestation.execution_fingerprint.slice(0, 16)}…, issued ${attestation.issuedAt}`,
);

// 3. Store, reload, verify: an auditor needs only the JSON and the public key.
step("3. Store the attestation and verify it later");
const attestationPath = join(outDir, "attestation.json");
writeFileSync(attestationPath, `${JSON.stringify(attestation, null, 2)}\n`);
ok(`wrote ${show(attestationPath)}`);
const stored = JSON.parse(readFileSync(attestationPath, "utf8"));
const result = verifyAttestation(stored, verifier);
printChecks(result);
if (!result.valid) fail("the stored attestation should verify");
ok("valid: the decision is exactly what the policy decided, signed by this key");

// 4. Tampering: change the decision in a copy.
step("4. Tamper with a copy (approve → reject)");
const tampered = { ...stored, decision: { ...stored.decision, action: "reject" } };
const tamperedResult = verifyAttestation(tampered, verifier);
printChecks(tamperedResult);
if (tamperedResult.valid) fail("a tampered attestation must not verify");
const failed = Object.entries(tamperedResult.checks)
  .filter(([, passed]) => !passed)
  .map(([name]) => name);
ok(`rejected: ${failed.join(", ")} failed`);
for (const error of tamperedResult.errors) console.log(`    ${error}`);

// 5. Replay: the same business transaction again.
step("5. Submit the same application again");
try {
  await executeFromSignals(application, signer, verifier, runtimeEnvironment, store);
  fail("a replayed application must be refused");
} catch (error) {
  if (!ParmanaError.isInstance(error) || error.code !== "INV-013") throw error;
  ok(`refused: ${error.message}`);
}

// 6. The audit trail: an embedded Postgres (PGlite) in out/audit-db; a postgres:// URL in production.
step("6. Record the decision in the audit database, query it, re-verify it");
const auditDb = new AuditDb({ dataDir: join(outDir, "audit-db") });
const recorded = await auditDb.recordDecision(attestation, { signals: application.signals });
ok(`recorded ${recorded.executionId} (row ${recorded.id}) in ${show(join(outDir, "audit-db"))}/`);
const page = await auditDb.queryDecisions({
  policyId: "loan-approval",
  decision: attestation.decision.action,
  signals: { all: [{ signal: "credit_score", greater_than_or_equal: 700 }] },
});
ok(
  `query "${attestation.decision.action} decisions with credit_score >= 700": ${page.rows.length} row${page.rows.length === 1 ? "" : "s"}${page.nextCursor ? " (more pages)" : ""}, newest ${page.rows[0]?.execution_id}`,
);
const report = await auditDb.verifyAll({ verifier });
if (report.invalid > 0) fail(`${report.invalid} stored attestations no longer verify`);
ok(`re-verified every stored attestation: ${report.checked} checked, ${report.valid} valid`);
const stats = await auditDb.getStats();
console.log(
  `    total_decisions ${stats.total_decisions}, decisions_today ${stats.decisions_today}`,
);
await auditDb.close();
console.log(
  `    try: npx parmana audit query --db ${show(join(outDir, "audit-db"))} --decision approve`,
);

console.log("\nDone.");

function printChecks(verification) {
  for (const [name, passed] of Object.entries(verification.checks)) {
    (passed ? ok : bad)(name);
  }
}

function fail(message) {
  console.error(`\n✗ ${message}`);
  process.exit(1);
}
