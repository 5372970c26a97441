import { canonicalHash } from "@parmanasystems/core";
import { readExecutionReceipt } from "./assert-execution-receipt.js";
import type { ExecutionReceipt } from "./execution-receipt.types.js";

/**
 * Hashes an execution receipt: `"sha256:"` + SHA-256 of the RFC 8785 canonical JSON of its
 * documented members (members absent or `undefined` are left out; unknown extra members are
 * not part of a receipt and are ignored). Changing any documented member changes the hash.
 *
 * @param receipt - a receipt made by {@link createExecutionReceipt}
 * @returns `"sha256:<64 hex>"`
 * @throws ProvenanceError `PROV-009` when the receipt is malformed
 * @example
 * ```ts
 * const receiptHash = hashExecutionReceipt(receipt);
 * ```
 */
export function hashExecutionReceipt(receipt: ExecutionReceipt): string {
  return canonicalHash(readExecutionReceipt(receipt, "hashExecutionReceipt: receipt"));
}
