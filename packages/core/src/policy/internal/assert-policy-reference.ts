import { PolicyError } from "../../errors/parmana-error.js";
import { isSafePolicyId, isSemver } from "./identifiers.js";
import { describeValue } from "../../internal/type-checks.js";

/**
 * Refuses a lookup whose policyId is not a safe folder name (`POL-003`) or whose version is not
 * semver (`POL-022`), before any file is touched: `../../etc` never reaches the filesystem.
 */
export function assertPolicyReference(policyId: unknown, policyVersion: unknown): void {
  if (!isSafePolicyId(policyId)) {
    throw new PolicyError(
      "POL-003",
      `policyId ${describeValue(policyId)} is not a valid policy id (letters, digits, '.', '_', '-', starting with a letter or digit); nothing was looked up`,
      { details: { policyId: typeof policyId === "string" ? policyId.slice(0, 256) : undefined } },
    );
  }
  if (!isSemver(policyVersion)) {
    throw new PolicyError(
      "POL-022",
      `policyVersion ${describeValue(policyVersion)} of policy ${policyId} is not a semantic version such as "1.0.0"; nothing was looked up`,
      {
        details: {
          policyId,
          policyVersion:
            typeof policyVersion === "string" ? policyVersion.slice(0, 256) : undefined,
        },
      },
    );
  }
}
