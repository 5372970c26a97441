// Signed attestations for the override and execution-integrity tests, assembled by hand (payload
// signed under the attestation domain) so these tests do not depend on executeFromSignals.
import {
  canonicalizeForSigning,
  computeExecutionFingerprint,
  computeSignalsHash,
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  SIGNING_DOMAINS,
  type AttestationPayload,
  type ExecutionAttestation,
  type PendingOverride,
} from "@parmanasystems/core";

/** A key pair with its signer and verifier. */
export interface OverrideTestKeys {
  readonly signer: LocalSigner;
  readonly verifier: LocalVerifier;
  readonly publicKeyPem: string;
}

/** Generates an Ed25519 key pair with its LocalSigner and LocalVerifier. */
export function makeOverrideKeys(keyId?: string): OverrideTestKeys {
  const pair = generateKeyPair();
  return {
    signer: new LocalSigner(pair.privateKeyPem, keyId === undefined ? {} : { keyId }),
    verifier: new LocalVerifier(pair.publicKeyPem),
    publicKeyPem: pair.publicKeyPem,
  };
}

/** The claim signals of the claims-approval example (large claim → manual review). */
export const CLAIM_SIGNALS: Readonly<Record<string, unknown>> = Object.freeze({
  claim_amount: 750000,
  policy_active: true,
});

const HASH_B = `sha256:${"b".repeat(64)}`;
const HASH_C = `sha256:${"c".repeat(64)}`;

/** Options of {@link makeClaimAttestation}. */
export interface ClaimAttestationOptions {
  readonly executionId?: string;
  readonly signals?: Readonly<Record<string, unknown>>;
  readonly pending?: boolean;
  readonly action?: string;
  readonly issuedAt?: string;
}

/** Builds and signs a claims-approval attestation, pending override unless `pending: false`. */
export function makeClaimAttestation(
  keys: OverrideTestKeys,
  options: ClaimAttestationOptions = {},
): ExecutionAttestation {
  const signals = options.signals ?? CLAIM_SIGNALS;
  const pending = options.pending ?? true;
  const payload: AttestationPayload = {
    executionId: options.executionId ?? "claim-CLM-2024-00441",
    execution_fingerprint: computeExecutionFingerprint("claims-approval", "1.0.0", signals),
    policyId: "claims-approval",
    policyVersion: "1.0.0",
    schemaVersion: "1.0.0",
    runtimeVersion: "1.0.0",
    runtimeHash: HASH_B,
    decision: pending
      ? {
          action: options.action ?? "manual_review",
          requires_override: true,
          reason: "Claim above the automatic limit.",
        }
      : {
          action: options.action ?? "approve",
          requires_override: false,
          reason: "Claim within the automatic limit.",
        },
    execution_state: pending ? "pending_override" : "completed",
    signalsHash: computeSignalsHash(signals),
    bundleHash: HASH_C,
    manifestHash: HASH_C,
    releaseManifestHash: HASH_B,
    evaluatorHash: HASH_B,
    evaluatorSemanticHash: HASH_B,
    evaluatorArtifactHash: HASH_B,
    manifestSignature: "",
    trustRootVersion: "local",
    signerKeyId: keys.signer.keyId,
    issuedAt: options.issuedAt ?? "2026-03-01T09:00:00.000Z",
  };
  const signature = keys.signer.sign(canonicalizeForSigning(payload, SIGNING_DOMAINS.attestation));
  return Object.freeze({ ...payload, signature });
}

/** A pending decision for a store, as executeFromSignals records it. */
export function pendingFor(
  attestation: ExecutionAttestation,
  keys: OverrideTestKeys,
  overrideRoles?: readonly string[],
): PendingOverride {
  return {
    attestation,
    signer: keys.signer,
    verifier: keys.verifier,
    ruleId: "review-large-claim",
    ...(overrideRoles === undefined ? {} : { overrideRoles }),
  };
}
