// Platform-neutral (no node: import): how bundle content is read and checked, shared as source
// with @parmanasystems/verify.
import type { BundleManifest } from "../bundle.types.js";

/** File name of the policy inside a bundle folder. */
export const POLICY_ARTIFACT = "policy.json";

/** Drops a leading BOM and turns CRLF into LF. @internal */
export function normalizeArtifactText(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n/g, "\n");
}

/**
 * policy.json must name the manifest's policy: `policyId`, `policyVersion`, `schemaVersion`.
 * Writes a `TRUST-048` error and returns false when it does not.
 *
 * @internal
 */
export function checkPolicyIdentity(
  policy: unknown,
  manifest: BundleManifest,
  errors: string[],
): boolean {
  if (typeof policy !== "object" || policy === null || Array.isArray(policy)) {
    errors.push(`[TRUST-048] ${POLICY_ARTIFACT} is not a JSON object`);
    return false;
  }
  const record = policy as Record<string, unknown>;
  const mismatched = (["policyId", "policyVersion", "schemaVersion"] as const).filter(
    (field) => record[field] !== manifest[field],
  );
  if (mismatched.length > 0) {
    errors.push(
      `[TRUST-048] ${POLICY_ARTIFACT} differs from the manifest in ${mismatched.join(", ")}`,
    );
    return false;
  }
  return true;
}
