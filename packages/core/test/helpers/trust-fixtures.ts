import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import {
  LocalSigner,
  SIGNING_DOMAINS,
  canonicalizeForSigning,
  attestationSigningInput,
  computeExecutionHashes,
  createTrustRootKey,
  getRuntimeIdentity,
  type AttestationPayload,
  type ExecutionAttestation,
  type TrustKeyPurpose,
  type TrustRootKey,
} from "@parmanasystems/core";

/** PKCS#8 DER prefix of an Ed25519 private key (RFC 8410 §7); the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/** A deterministic Ed25519 key made from a one-byte seed pattern, so fixtures are stable. */
export interface FixtureKey {
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  readonly signer: LocalSigner;
  readonly keyId: string;
}

/**
 * Builds a deterministic Ed25519 key from `seedByte` repeated 32 times.
 *
 * @param seedByte - 0..255
 * @param keyId - the id the signer reports
 */
export function fixtureKey(seedByte: number, keyId: string): FixtureKey {
  const der = Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.alloc(32, seedByte)]);
  const privateKey = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  const publicKeyPem = createPublicKey(privateKey)
    .export({ format: "pem", type: "spki" })
    .toString();
  return { privateKey, publicKeyPem, signer: new LocalSigner(privateKey, { keyId }), keyId };
}

/** A trust-root key entry for a fixture key. */
export function trustKey(
  key: FixtureKey,
  purposes: readonly TrustKeyPurpose[],
  validity: { validFrom?: string; validUntil?: string; revokedAt?: string } = {},
): TrustRootKey {
  const entry = createTrustRootKey(key.publicKeyPem, {
    keyId: key.keyId,
    purposes,
    validFrom: validity.validFrom ?? "2026-01-01T00:00:00Z",
    ...(validity.validUntil === undefined ? {} : { validUntil: validity.validUntil }),
  });
  return validity.revokedAt === undefined ? entry : { ...entry, revokedAt: validity.revokedAt };
}

/** An attestation-like payload as the execute step signs it (only the fields key choice reads matter). */
export function signedPayload(
  key: FixtureKey,
  issuedAt: string,
  extra: Record<string, unknown> = {},
): { signingInput: string; signature: string } {
  const payload = { executionId: `exec-${issuedAt}`, signerKeyId: key.keyId, issuedAt, ...extra };
  const signingInput = canonicalizeForSigning(payload, SIGNING_DOMAINS.attestation);
  return { signingInput, signature: key.signer.sign(signingInput) };
}

/**
 * A complete attestation signed by `key` at `issuedAt`, as executeFromSignals would produce it
 * for a trivial policy (the verification tests only need a well-formed, correctly signed record).
 */
export function fixtureAttestation(
  key: FixtureKey,
  issuedAt: string,
  trustRootVersion: string,
): ExecutionAttestation {
  const signals = { amount: 100 };
  const identity = getRuntimeIdentity();
  const policyHash = `sha256:${"1".repeat(64)}`;
  const payload: AttestationPayload = {
    executionId: `exec-${issuedAt}`,
    ...computeExecutionHashes("fixture-policy", "1.0.0", signals),
    policyId: "fixture-policy",
    policyVersion: "1.0.0",
    schemaVersion: "1.0.0",
    runtimeVersion: identity.runtimeVersion,
    runtimeHash: identity.runtimeHash,
    decision: { action: "approve", requires_override: false, reason: "fixture" },
    execution_state: "completed",
    bundleHash: policyHash,
    manifestHash: policyHash,
    releaseManifestHash: identity.releaseManifestHash,
    evaluatorHash: identity.evaluatorSemanticHash,
    evaluatorSemanticHash: identity.evaluatorSemanticHash,
    evaluatorArtifactHash: identity.evaluatorArtifactHash,
    manifestSignature: "",
    trustRootVersion,
    signerKeyId: key.keyId,
    issuedAt,
  };
  return { ...payload, signature: key.signer.sign(attestationSigningInput(payload)) };
}
