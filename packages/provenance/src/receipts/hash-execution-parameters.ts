import { canonicalHash } from "@parmanasystems/core";

/**
 * Hashes execution parameters: `"sha256:"` + SHA-256 of their RFC 8785 canonical JSON. The same
 * function computes `authorizedParametersHash` (intent) and `executedParametersHash` (report),
 * so reconciliation compares like with like; key order never matters.
 *
 * @param parameters - plain JSON (objects, arrays, strings, finite numbers, booleans, null)
 * @returns `"sha256:<64 hex>"`
 * @throws CanonicalizationError `CANONICAL-` codes when `parameters` is not plain JSON (including `undefined`)
 * @example
 * ```ts
 * hashExecutionParameters({ amount: 500000, currency: "INR" }) ===
 *   hashExecutionParameters({ currency: "INR", amount: 500000 }); // true
 * ```
 */
export function hashExecutionParameters(parameters: unknown): string {
  return canonicalHash(parameters);
}
