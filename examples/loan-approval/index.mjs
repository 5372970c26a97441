// Parmana end to end on one loan application:
//   1. load (or create) an Ed25519 key pair in out/keys/
//   2. decide the application under policies/loan-approval/1.0.0 and seal it in an attestation
//   3. write out/attestation.json, read it back and verify it with the public key alone
//   4. tamper with a copy and show which check catches it
//   5. submit the same application again and show the replay being refused
//
// Run from the repository root with `pnpm demo` (after `pnpm build`), or here with `pnpm start`.
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
  executionId: "loan-app-0001",
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
