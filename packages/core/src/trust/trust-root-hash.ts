import { canonicalHash } from "../hashing/sha256.js";
import { trustRootHashInput } from "./internal/trust-root-hash-input.js";
import type { TrustRoot } from "./trust-root.types.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { TrustError } from "../errors/parmana-error.js";

/**
 * The hash a rotation record names for a trust root: the canonical hash of the root without
 * its `rotations` history (the history of a root includes the record naming this very hash, so
 * it cannot be part of it).
 *
 * @param root - a trust root
 * @returns `"sha256:<hex>"`
 * @throws CanonicalizationError when the root is not plain JSON
 * @example
 * ```ts
 * const record = root.rotations?.at(-1);
 * record?.newRootHash === computeTrustRootHash(root); // true for a well-formed root
 * ```
 */
export function computeTrustRootHash(root: TrustRoot): string {
  try {
    return canonicalHash(trustRootHashInput(root));
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-013", "computeTrustRootHash");
  }
}
