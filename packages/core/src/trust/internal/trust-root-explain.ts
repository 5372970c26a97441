import { readClockInstant } from "../../internal/read-clock.js";
// Platform-neutral (no node: import): how a trust-root verifier reads a signing input and
// chooses among outcomes, shared as source with @parmanasystems/verify.
import { purposesForDomain } from "../trust-key-purposes.js";
import type {
  TrustRootSignatureContext,
  TrustRootVerificationResult,
  TrustRootVerifierOptions,
} from "../trust-root-verifier.js";
import type { TrustKeyPurpose, TrustRoot } from "../trust-root.types.js";

/** What is needed to check one signature against a trust root. */
export interface TrustRootSignaturePlan {
  readonly purpose: TrustKeyPurpose | readonly TrustKeyPurpose[];
  readonly at: string | Date;
  /** The key named by the context, the payload or the options; undefined: try every key. */
  readonly keyId: string | undefined;
}

/**
 * Reads purpose, signing time and key id from the context, the signed envelope and the options,
 * or refuses (`TRUST-026` non-strings, `TRUST-024` no known domain).
 *
 * @internal
 */
export function planTrustRootSignature(
  payload: unknown,
  signature: unknown,
  context: TrustRootSignatureContext,
  options: TrustRootVerifierOptions,
): TrustRootSignaturePlan | TrustRootVerificationResult {
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
  const at = context.at ?? envelope?.issuedAt ?? options.at ?? readClock(options);
  const keyId = context.keyId ?? envelope?.signerKeyId ?? options.keyId;
  return { purpose, at, keyId };
}

// The verifier's clock as a Date; a clock that is not one or reads no valid instant gives an
// Invalid Date, which key selection refuses as no valid signing time (`TRUST-025`).
function readClock(options: TrustRootVerifierOptions): Date {
  return new Date(readClockInstant(options.clock, "date-or-epoch-ms") ?? Number.NaN);
}

/**
 * True when {@link planTrustRootSignature} refused.
 *
 * @internal
 */
export function isRefusal(
  plan: TrustRootSignaturePlan | TrustRootVerificationResult,
): plan is TrustRootVerificationResult {
  return "valid" in plan;
}

/**
 * The refusal for a signature that does not verify under the chosen key.
 *
 * @internal
 */
export function signatureRefusal(root: TrustRoot, keyId: string): TrustRootVerificationResult {
  return {
    valid: false,
    keyId,
    code: "TRUST-026",
    reason: `the signature does not verify under key ${keyId} of trust root ${root.trustRootVersion}`,
  };
}

/**
 * When no key is named, any key fit for the purpose may have signed: the first accepted outcome
 * (in key order), else the first refusal other than "wrong purpose", else `TRUST-024`. Outcomes
 * are consumed lazily, so a caller may stop verifying at the first success.
 *
 * @internal
 */
export function firstAccepted(
  root: TrustRoot,
  purpose: TrustKeyPurpose | readonly TrustKeyPurpose[],
  outcomes: Iterable<TrustRootVerificationResult>,
): TrustRootVerificationResult {
  let firstRefusal: TrustRootVerificationResult | undefined;
  for (const outcome of outcomes) {
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

/**
 * The hint added to a `TRUST-020` refusal when the signature verifies under a key the root holds
 * under another id (an id derived from the key where the root uses a chosen one). @internal
 */
export function sameKeyUnderAnotherIdHint(trustedKeyId: string): string {
  return `; the signing key itself is in the trust root, under key id ${JSON.stringify(trustedKeyId)}: sign with that id (LocalSigner.fromFile reads it from key.json beside the key, or pass { keyId })`;
}
