import { sha256Concat } from "../internal/node-crypto.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { TrustError } from "../errors/parmana-error.js";

// RFC 9162 §2.1.1: the one-byte prefixes that keep a leaf from ever hashing like an interior node
// (the second-preimage defence of RFC 6962).
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);
const EMPTY = new Uint8Array(0);
const UTF8 = new TextEncoder();

export { MERKLE_HASH_SIZE } from "./internal/tree-math.js";

/**
 * Hash of one leaf: SHA-256(0x00 ‖ data) (RFC 9162 §2.1.1).
 *
 * @param data - the leaf's bytes; a string is hashed as UTF-8
 * @returns 32 bytes
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1
 * @example
 * ```ts
 * hashMerkleLeaf(new Uint8Array(0)); // 6e340b9c...afa01d (the RFC 6962 reference tree's first leaf)
 * ```
 */
export function hashMerkleLeaf(data: Uint8Array | string): Uint8Array {
  try {
    return sha256Concat([LEAF_PREFIX, typeof data === "string" ? UTF8.encode(data) : data]);
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-083", "hashMerkleLeaf");
  }
}

/**
 * Hash of an interior node: SHA-256(0x01 ‖ left ‖ right) (RFC 9162 §2.1.1).
 *
 * @param left - hash of the left subtree
 * @param right - hash of the right subtree
 * @returns 32 bytes
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1
 * @example
 * ```ts
 * const root = hashMerkleChildren(hashMerkleLeaf("a"), hashMerkleLeaf("b"));
 * ```
 */
export function hashMerkleChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  try {
    return sha256Concat([NODE_PREFIX, left, right]);
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-083", "hashMerkleChildren");
  }
}

/**
 * Root hash of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1).
 *
 * @returns 32 bytes (e3b0c442...b855)
 * @example
 * ```ts
 * emptyMerkleRoot(); // the root a checkpoint of tree size 0 carries
 * ```
 */
export function emptyMerkleRoot(): Uint8Array {
  return sha256Concat([EMPTY]);
}
