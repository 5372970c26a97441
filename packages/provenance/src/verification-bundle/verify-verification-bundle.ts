import { ParmanaError } from "@parmanasystems/core";
import { timingSafeEqualStrings } from "../internal/crypto.js";
import { isStringKeyedRecord } from "../internal/plain-record.js";
import { PREFIXED_SHA256_PATTERN, RecordReader } from "../internal/record-reader.js";
import { isIsoDateTime } from "@parmanasystems/core/internal";
import { VERIFICATION_BUNDLE_SCHEMA_VERSION } from "./create-verification-bundle.js";
import { hashVerificationBundle } from "./hash-verification-bundle.js";
import { readVerificationBundleComponents } from "./read-verification-bundle-components.js";
import type {
  VerificationBundle,
  VerificationBundleCheckResult,
} from "./verification-bundle.types.js";

const KNOWN_MEMBERS = new Set([
  "schemaVersion",
  "generatedAt",
  "executionId",
  "attestationHash",
  "provenance",
  "executionReceipt",
  "reconciliation",
  "auditTimeline",
  "bundleHash",
]);

/**
 * Verifies a verification bundle and says what is wrong with it. Never throws: the verification
 * bundle may come from anyone. Checks, all of which must pass:
 *
 * 1. the verification bundle is a plain object with only the documented members,
 *    `schemaVersion` `"1.0.0"`, an ISO-8601 `generatedAt`, non-empty
 *    `executionId`/`attestationHash`, a well-formed `bundleHash`;
 * 2. `bundleHash` equals {@link hashVerificationBundle} of the verification bundle (compared in
 *    constant time);
 * 3. the records are well formed and consistent: receipt and reconciliation name the
 *    verification bundle's execution and attestation, the reconciliation embeds its receipt, and
 *    the embedded `reconciliationHash` and `timelineHash` match their content (a record altered
 *    and re-hashed at the verification bundle level is still caught here).
 *
 * It proves integrity and internal consistency of the evidence, not that the attestation itself
 * is valid: verify that separately with `verifyAttestation`.
 *
 * @param bundle - an untrusted verification bundle
 * @returns `{ valid, errors }`
 * @example
 * ```ts
 * const { valid, errors } = checkVerificationBundle(bundle);
 * ```
 */
export function checkVerificationBundle(bundle: VerificationBundle): VerificationBundleCheckResult {
  try {
    return checkMembers(bundle);
  } catch (error) {
    // A throwing getter or Proxy trap in an untrusted verification bundle is a failed check,
    // never an exception.
    return {
      valid: false,
      errors: [`unreadable bundle: ${error instanceof Error ? error.name : typeof error}`],
    };
  }
}

function checkMembers(bundle: VerificationBundle): VerificationBundleCheckResult {
  if (!isStringKeyedRecord(bundle))
    return { valid: false, errors: ["bundle must be a plain object"] };
  const errors: string[] = [];
  const record = bundle as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_MEMBERS.has(key) && record[key] !== undefined)
      errors.push(`unknown member ${JSON.stringify(key)}`);
  }
  const own = (key: string): unknown =>
    Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
  if (own("schemaVersion") !== VERIFICATION_BUNDLE_SCHEMA_VERSION)
    errors.push(`schemaVersion must be "${VERIFICATION_BUNDLE_SCHEMA_VERSION}"`);
  if (!isIsoDateTime(own("generatedAt")))
    errors.push("generatedAt must be an ISO-8601 date-time with a time zone");
  const executionId = own("executionId");
  const attestationHash = own("attestationHash");
  if (typeof executionId !== "string" || executionId.length === 0)
    errors.push("executionId must be a non-empty string");
  if (typeof attestationHash !== "string" || attestationHash.length === 0)
    errors.push("attestationHash must be a non-empty string");
  const bundleHash = own("bundleHash");
  if (typeof bundleHash !== "string" || !PREFIXED_SHA256_PATTERN.test(bundleHash)) {
    errors.push('bundleHash must be "sha256:" followed by 64 lowercase hex digits');
  } else {
    const recomputed = attempt(() => hashVerificationBundle(bundle), errors);
    if (recomputed !== undefined && !timingSafeEqualStrings(recomputed, bundleHash))
      errors.push("bundleHash does not match the bundle content");
  }
  if (typeof executionId === "string" && typeof attestationHash === "string") {
    attempt(
      () =>
        readVerificationBundleComponents(
          new RecordReader("PROV-015", "verifyVerificationBundle: bundle", bundle),
          executionId,
          attestationHash,
          "verifyVerificationBundle",
        ),
      errors,
    );
  }
  return { valid: errors.length === 0, errors };
}

/**
 * Verifies a verification bundle: true only when every check of {@link checkVerificationBundle}
 * passes. Never throws.
 *
 * @param bundle - an untrusted verification bundle
 * @returns whether the verification bundle is intact and consistent
 * @example
 * ```ts
 * if (!verifyVerificationBundle(bundle)) throw new Error("verification bundle was altered");
 * ```
 */
export function verifyVerificationBundle(bundle: VerificationBundle): boolean {
  return checkVerificationBundle(bundle).valid;
}

function attempt<T>(work: () => T, errors: string[]): T | undefined {
  try {
    return work();
  } catch (error) {
    // Coded errors describe the problem; anything else (a throwing getter, a Proxy trap) is reported, not rethrown.
    errors.push(
      ParmanaError.isInstance(error)
        ? error.message
        : `unreadable bundle: ${error instanceof Error ? error.name : typeof error}`,
    );
    return undefined;
  }
}
