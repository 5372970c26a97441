import { ProvenanceError, canonicalHash } from "@parmanasystems/core";
import { isStringKeyedRecord, withoutUndefinedMembers } from "../internal/plain-record.js";
import type { VerificationBundle } from "./verification-bundle.types.js";

/**
 * Hashes a verification bundle: `"sha256:"` + SHA-256 of the RFC 8785 canonical JSON of every
 * member except `bundleHash` (top-level members set to `undefined` count as absent). The bundle
 * is hashed as given, nested records included, so any change anywhere changes the hash.
 *
 * @param bundle - a verification bundle with or without its `bundleHash`
 * @returns `"sha256:<64 hex>"`
 * @throws ProvenanceError `PROV-015` when `bundle` is not a plain object
 * @throws CanonicalizationError when the verification bundle holds non-JSON values
 */
export function hashVerificationBundle(bundle: Omit<VerificationBundle, "bundleHash">): string {
  if (!isStringKeyedRecord(bundle)) {
    throw new ProvenanceError("PROV-015", "hashVerificationBundle: bundle must be a plain object");
  }
  let content: Record<string, unknown>;
  try {
    content = withoutUndefinedMembers(bundle);
  } catch (cause) {
    throw new ProvenanceError("PROV-015", "hashVerificationBundle: bundle could not be read", {
      cause,
    });
  }
  delete content["bundleHash"];
  return canonicalHash(content);
}
