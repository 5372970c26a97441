import type { SyncVerifier } from "../crypto/signer.types.js";
import { TrustError } from "../errors/parmana-error.js";
import { loadTrustRoot } from "./load-trust-root.js";
import { selectTrustedKey } from "./select-trusted-key.js";
import { purposesForDomain } from "./trust-key-purposes.js";
import type { TrustKeyPurpose, TrustRoot } from "./trust-root.types.js";

/** Options of {@link createTrustRootVerifier}. */
export interface TrustRootVerifierOptions {
  /**
   * Purposes a key needs; by default taken from the signing domain inside the signed bytes
   * (`attestation` for attestations, `manifest`/`bundle` for bundle manifests, ...).
   */
  readonly purpose?: TrustKeyPurpose | readonly TrustKeyPurpose[];
  /** Signing time for payloads that carry no `issuedAt` (bundle manifests); the clock by default. */
  readonly at?: string | Date;
  /** Key to use for payloads that carry no `signerKeyId`; otherwise every suitable key is tried. */
  readonly keyId?: string;
  /** Clock for payloads without `issuedAt` when `at` is not given. */
  readonly clock?: () => Date;
}

/** What a trust-root verifier found for one signature. */
export interface TrustRootVerification {
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
  ): TrustRootVerification;
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
  const explain = (
    payload: string,
    signature: string,
    context: TrustRootSignatureContext = {},
  ): TrustRootVerification => {
    if (typeof payload !== "string" || typeof signature !== "string") {
      return { valid: false, code: "TRUST-026", reason: "payload and signature must be strings" };
    }
    const envelope = readEnvelope(payload);
    const purpose =
      context.purpose ??
      options.purpose ??
      (envelope === undefined ? undefined : purposesForDomain(envelope.domain));
    if (purpose === undefined || (typeof purpose !== "string" && purpose.length === 0)) {
      return {
        valid: false,
        code: "TRUST-024",
        reason: "the signed bytes name no known signing domain, so no key purpose applies",
      };
    }
    const at =
      context.at ?? envelope?.issuedAt ?? options.at ?? (options.clock ?? (() => new Date()))();
    const keyId = context.keyId ?? envelope?.signerKeyId ?? options.keyId;
    if (keyId !== undefined) return verifyWith(root, keyId, at, purpose, payload, signature);
    // No key named: any key fit for the purpose at that time may have signed.
    let firstRefusal: TrustRootVerification | undefined;
    for (const key of root.keys) {
      const outcome = verifyWith(root, key.keyId, at, purpose, payload, signature);
      if (outcome.valid) return outcome;
      firstRefusal ??= outcome.code === "TRUST-024" ? undefined : outcome;
    }
    return (
      firstRefusal ?? {
        valid: false,
        code: "TRUST-024",
        reason: `no key of trust root ${root.trustRootVersion} is meant for ${[purpose].flat().join(" or ")}`,
      }
    );
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

function verifyWith(
  root: TrustRoot,
  keyId: string,
  at: string | Date,
  purpose: TrustKeyPurpose | readonly TrustKeyPurpose[],
  payload: string,
  signature: string,
): TrustRootVerification {
  const choice = selectTrustedKey(root, keyId, { at, purpose });
  if (!choice.ok) {
    const reason =
      choice.code === "TRUST-020"
        ? `${choice.reason}${sameKeyUnderAnotherId(root, at, purpose, payload, signature)}`
        : choice.reason;
    return { valid: false, keyId, code: choice.code, reason };
  }
  if (choice.verifier.verify(payload, signature)) return { valid: true, keyId };
  return {
    valid: false,
    keyId,
    code: "TRUST-026",
    reason: `the signature does not verify under key ${keyId} of trust root ${root.trustRootVersion}`,
  };
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
      return `; the signing key itself is in the trust root, under key id ${JSON.stringify(key.keyId)}: sign with that id (LocalSigner.fromFile reads it from key.json beside the key, or pass { keyId })`;
    }
  }
  return "";
}

interface EnvelopeFacts {
  readonly domain: string;
  readonly signerKeyId?: string;
  readonly issuedAt?: string;
}

// The signing input is JCS JSON `{ domain, payload }`; the key id and time travel inside it.
function readEnvelope(signingInput: string): EnvelopeFacts | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(signingInput);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { domain, payload } = parsed as { domain?: unknown; payload?: unknown };
  if (typeof domain !== "string") return undefined;
  const body =
    typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : {};
  return {
    domain,
    ...(typeof body["signerKeyId"] === "string" ? { signerKeyId: body["signerKeyId"] } : {}),
    ...(typeof body["issuedAt"] === "string" ? { issuedAt: body["issuedAt"] } : {}),
  };
}
