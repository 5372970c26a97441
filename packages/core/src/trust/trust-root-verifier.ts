import type { Clock } from "../internal/read-clock.js";
import type { SyncVerifier } from "../crypto/signer.types.js";
import { TrustError } from "../errors/parmana-error.js";
import { loadTrustRoot } from "./load-trust-root.js";
import { checkTrustRootFreshness } from "./check-trust-root-freshness.js";
import { selectTrustedKey } from "./select-trusted-key.js";
import {
  firstAccepted,
  isRefusal,
  planTrustRootSignature,
  sameKeyUnderAnotherIdHint,
  signatureRefusal,
} from "./internal/trust-root-explain.js";
import type { TrustKeyPurpose, TrustRoot } from "./trust-root.types.js";

/** Options of {@link createTrustRootVerifier}. */
export interface TrustRootVerifierOptions {
  /**
   * The newest trust root this verifier has seen. A root older than it (a version it replaced)
   * is refused with `TRUST-071`, one with its version but other content with `TRUST-072`, so an
   * archived root cannot be replayed to accept a key revoked since.
   */
  readonly newestSeen?: TrustRoot | string;
  /**
   * Purposes a key needs; by default taken from the signing domain inside the signed bytes
   * (`attestation` for attestations, `manifest`/`bundle` for bundle manifests, ...).
   */
  readonly purpose?: TrustKeyPurpose | readonly TrustKeyPurpose[];
  /** Signing time for payloads that carry no `issuedAt` (bundle manifests); the clock by default. */
  readonly at?: string | Date;
  /** Key to use for payloads that carry no `signerKeyId`; otherwise every suitable key is tried. */
  readonly keyId?: string;
  /** Clock for payloads without `issuedAt` when `at` is not given (a Date or epoch ms). */
  readonly clock?: Clock;
}

/** @deprecated Use {@link TrustRootVerificationResult}: results are named `*VerificationResult`. */
export type TrustRootVerification = TrustRootVerificationResult;

/** What a trust-root verifier found for one signature. */
export interface TrustRootVerificationResult {
  readonly valid: boolean;
  /** The key that verified, or the one named by the payload. */
  readonly keyId?: string;
  /** `TRUST-02x` code when `valid` is false. */
  readonly code?: string;
  /** Why the signature was refused. */
  readonly reason?: string;
}

/** What the key selection needs to know about one signature. */
export interface TrustRootSignatureContext {
  readonly keyId?: string;
  readonly at?: string | Date;
  readonly purpose?: TrustKeyPurpose | readonly TrustKeyPurpose[];
}

/**
 * A {@link SyncVerifier} backed by a trust root: it reads the signing envelope it is given,
 * chooses the key by the payload's `signerKeyId` at its `issuedAt` for the purpose its signing
 * domain implies, and verifies with that key's algorithm. Usable wherever a verifier is
 * (`verifyAttestation`, `verifyBundle`), and `explain` tells why a signature was refused.
 */
export interface TrustRootVerifier extends SyncVerifier {
  readonly trustRoot: TrustRoot;
  readonly trustRootVersion: string;
  /** Like `verify`, with the key used or the reason for refusal. */
  explain(
    payload: string,
    signature: string,
    context?: TrustRootSignatureContext,
  ): TrustRootVerificationResult;
}

/**
 * Builds a verifier that picks keys from a trust root, across rotations and revocations.
 *
 * @param trustRoot - a trust root, a path to one, or its JSON text (validated with {@link loadTrustRoot})
 * @param options - purpose, signing time and key for payloads that do not name them
 * @returns the verifier
 * @throws TrustError `TRUST-001`/`TRUST-002` for a trust root that cannot be loaded
 * @example
 * ```ts
 * const verifier = createTrustRootVerifier(loadTrustRoot("trust/trust-root.json"));
 * verifyAttestation(attestation, verifier).checks.signature_verified;
 * verifier.explain(signingInput, attestation.signature).reason; // "key k1 was revoked at ..."
 * ```
 */
export function createTrustRootVerifier(
  trustRoot: TrustRoot | string,
  options: TrustRootVerifierOptions = {},
): TrustRootVerifier {
  const root = loadTrustRoot(trustRoot);
  if (options.newestSeen !== undefined) checkTrustRootFreshness(root, options.newestSeen);
  const explain = (
    payload: string,
    signature: string,
    context: TrustRootSignatureContext = {},
  ): TrustRootVerificationResult => {
    const plan = planTrustRootSignature(payload, signature, context, options);
    if (isRefusal(plan)) return plan;
    const { purpose, at, keyId } = plan;
    if (keyId !== undefined) return verifyWith(root, keyId, at, purpose, payload, signature);
    // No key named: any key fit for the purpose at that time may have signed.
    return firstAccepted(root, purpose, lazily(root, at, purpose, payload, signature));
  };
  return {
    trustRoot: root,
    trustRootVersion: root.trustRootVersion,
    explain,
    verify(payload: string, signature: string): boolean {
      if (typeof payload !== "string" || typeof signature !== "string") {
        throw new TrustError("TRUST-026", "payload and signature must be strings");
      }
      return explain(payload, signature).valid;
    },
  };
}

// Keys are tried in order and verification stops at the first that accepts.
function* lazily(
  root: TrustRoot,
  at: string | Date,
  purpose: TrustKeyPurpose | readonly TrustKeyPurpose[],
  payload: string,
  signature: string,
): Generator<TrustRootVerificationResult> {
  for (const key of root.keys) yield verifyWith(root, key.keyId, at, purpose, payload, signature);
}

function verifyWith(
  root: TrustRoot,
  keyId: string,
  at: string | Date,
  purpose: TrustKeyPurpose | readonly TrustKeyPurpose[],
  payload: string,
  signature: string,
): TrustRootVerificationResult {
  const choice = selectTrustedKey(root, keyId, { at, purpose });
  if (!choice.ok) {
    const reason =
      choice.code === "TRUST-020"
        ? `${choice.reason}${sameKeyUnderAnotherId(root, at, purpose, payload, signature)}`
        : choice.reason;
    return { valid: false, keyId, code: choice.code, reason };
  }
  if (choice.verifier.verify(payload, signature)) return { valid: true, keyId };
  return signatureRefusal(root, keyId);
}

// An unknown key id is often the right key under the wrong name (an id derived from the key
// where the root uses a chosen one): say so, so the fix is obvious. Still refused.
function sameKeyUnderAnotherId(
  root: TrustRoot,
  at: string | Date,
  purpose: TrustKeyPurpose | readonly TrustKeyPurpose[],
  payload: string,
  signature: string,
): string {
  for (const key of root.keys) {
    const choice = selectTrustedKey(root, key.keyId, { at, purpose });
    if (choice.ok && choice.verifier.verify(payload, signature)) {
      return sameKeyUnderAnotherIdHint(key.keyId);
    }
  }
  return "";
}
