// executeFromSignals with VaultSigner + VaultVerifier + MemoryReplayStore against the
// Transit-compatible server, the way the documented usage wires them, and the attestation
// checked by core's verifyAttestation: with a LocalVerifier built from exportPublicKeyPem()
// (an auditor without Vault access), with the VaultVerifier, and with a trust root built from
// the key's versions, before and after a rotation, for Ed25519 and ECDSA P-256 keys.
import { fileURLToPath } from "node:url";
import {
  createTrustRoot,
  executeFromSignals,
  LocalVerifier,
  MemoryReplayStore,
  ReplayError,
  verifyAttestation,
} from "@parmanasystems/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVaultTrustRootKeys, VaultSigner, VaultVerifier } from "../src/index.js";
import { expectRejectsParmanaError } from "../../../test-support/expect-parmana-error.js";
import { type TransitServer } from "./helpers/transit-server.js";
import { useTransitServer } from "./helpers/use-transit-server.js";

const policiesRoot = fileURLToPath(new URL("./fixtures/policies/", import.meta.url));
let previousRoot: string | undefined;
let vault: TransitServer;

beforeAll(() => {
  // The documented four-argument call finds policies through PARMANA_POLICIES_ROOT.
  previousRoot = process.env["PARMANA_POLICIES_ROOT"];
  process.env["PARMANA_POLICIES_ROOT"] = policiesRoot;
});
afterAll(() => {
  if (previousRoot === undefined) delete process.env["PARMANA_POLICIES_ROOT"];
  else process.env["PARMANA_POLICIES_ROOT"] = previousRoot;
});
useTransitServer(
  (server) => {
    vault = server;
  },
  { keyName: null },
);

const input = (executionId: string, credit_score = 720) => ({
  executionId,
  policyId: "loan-approval",
  policyVersion: "1.0.0",
  signals: { credit_score },
});

describe.each([
  ["ed25519", "ed25519"],
  ["ecdsa-p256", "ecdsa-p256-sha256"],
] as const)("executeFromSignals with a Vault %s key", (type, algorithm) => {
  it("issues an attestation that verifies offline, through Vault, and under a trust root", async () => {
    vault.createKey("parmana", type);
    const signer = new VaultSigner(vault.address, vault.rootToken, "parmana");
    await signer.ready();
    const verifier = new VaultVerifier(vault.address, vault.rootToken, "parmana");
    const store = new MemoryReplayStore({ warnInProduction: false });

    const attestation = await executeFromSignals(input("loan-1"), signer, verifier, store);
    expect(attestation.decision).toEqual({
      action: "approve",
      requires_override: false,
      reason: "Credit score meets standard threshold.",
    });
    expect(attestation.signerKeyId).toBe("vault:transit/parmana:v1");
    expect(JSON.stringify(attestation)).not.toContain(vault.rootToken);
    expect(signer.algorithm).toBe(algorithm);
    expect(await store.hasExecuted("loan-approval:loan-1")).toBe(true);

    // An auditor with only the exported public key, verifying synchronously.
    const offline = new LocalVerifier(await signer.exportPublicKeyPem());
    const stored = JSON.parse(JSON.stringify(attestation)) as Record<string, unknown>;
    expect(verifyAttestation(stored, offline)).toMatchObject({
      valid: true,
      checks: {
        signature_verified: true,
        runtime_verified: true,
        schema_compatible: true,
        governed: true,
      },
    });
    expect((await verifyAttestation(stored, verifier)).valid).toBe(true);
    const tampered = {
      ...stored,
      decision: { ...(stored["decision"] as object), action: "reject" },
    };
    expect(verifyAttestation(tampered, offline).valid).toBe(false);
    expect((await verifyAttestation(tampered, verifier)).valid).toBe(false);

    // The same transaction again is a replay.
    const replay = await expectRejectsParmanaError(
      executeFromSignals(input("loan-1"), signer, verifier, store),
      "INV-013",
      ReplayError,
    );
    expect(replay.message).toBe("[INV-013] Replay detected: loan-approval:loan-1");

    // After a rotation: new attestations name v2; old and new verify, each with its own key.
    vault.rotate("parmana");
    const unchangedBeforeRead = await executeFromSignals(input("loan-2"), signer, verifier, store);
    expect(unchangedBeforeRead.signerKeyId).toBe("vault:transit/parmana:v1");
    const rotated = await executeFromSignals(input("loan-3"), signer, verifier, store);
    expect(rotated.signerKeyId).toBe("vault:transit/parmana:v2");
    const v2 = new LocalVerifier(await signer.exportPublicKeyPem(2));
    expect(verifyAttestation(rotated, v2).valid).toBe(true);
    expect(verifyAttestation(rotated, offline).valid).toBe(false);
    expect((await verifyAttestation(stored, verifier)).valid).toBe(true);
    expect((await verifyAttestation(rotated, verifier)).valid).toBe(true);

    // A trust root listing both versions picks the key by signerKeyId.
    const trustRoot = createTrustRoot({ keys: await createVaultTrustRootKeys(signer) });
    for (const record of [stored, unchangedBeforeRead, rotated]) {
      expect(verifyAttestation(record, offline, { trustRoot })).toMatchObject({
        valid: true,
        errors: [],
      });
    }
    // An attestation whose signerKeyId names the wrong version is refused under the root.
    const mislabelled = { ...rotated, signerKeyId: "vault:transit/parmana:v1" };
    expect(verifyAttestation(mislabelled, offline, { trustRoot }).valid).toBe(false);
  });
});

it("runs the documented usage unchanged: a fresh signer, the four-argument call", async () => {
  vault.createKey("parmana", "ed25519");
  const signer = new VaultSigner(vault.address, vault.rootToken, "parmana");
  const verifier = new VaultVerifier(vault.address, vault.rootToken, "parmana");

  const attestation = await executeFromSignals(
    { policyId: "loan-approval", policyVersion: "1.0.0", signals: { credit_score: 720 } },
    signer,
    verifier,
    new MemoryReplayStore({ warnInProduction: false }),
  );
  // The signer had not read its key when the payload was built: no version named, and every
  // version is tried by VaultVerifier. From the next call on, the version is named.
  expect(attestation.signerKeyId).toBe("vault:transit/parmana");
  const result = await verifyAttestation(attestation, verifier);
  expect(result.valid).toBe(true);
  const next = await executeFromSignals(
    { policyId: "loan-approval", policyVersion: "1.0.0", signals: { credit_score: 650 } },
    signer,
    verifier,
    new MemoryReplayStore({ warnInProduction: false }),
  );
  expect(next.signerKeyId).toBe("vault:transit/parmana:v1");
  expect(next.decision.action).toBe("refer");
});

it("fails closed when Vault is down: no attestation, the reservation released", async () => {
  vault.createKey("parmana", "ed25519");
  const signer = await new VaultSigner({
    address: vault.address,
    keyName: "parmana",
    auth: { token: vault.rootToken },
    timeoutMs: 300,
  }).ready();
  const verifier = await new VaultVerifier(vault.address, vault.rootToken, "parmana").ready();
  const store = new MemoryReplayStore({ warnInProduction: false });
  vault.setFault({ kind: "status", status: 503 }, { times: 1 });
  const error = await expectRejectsParmanaError(
    executeFromSignals(input("loan-9"), signer, verifier, store),
    "SIG-005",
  );
  expect(error.retryable).toBe(true);
  expect(await store.hasExecuted("loan-approval:loan-9")).toBe(false);
  // The retry goes through: the failed attempt held nothing.
  const attestation = await executeFromSignals(input("loan-9"), signer, verifier, store);
  expect(attestation.executionId).toBe("loan-9");
});
