import { CanonicalizationError } from "../errors/parmana-error.js";
import { isUint8Array } from "../internal/is-uint8-array.js";
import { canonicalize } from "../canonical/canonicalize.js";
import { sha256HexDigest } from "../internal/node-crypto.js";

/** Prefix carried by artifact and evidence hashes. */
export const SHA256_PREFIX = "sha256:";

/**
 * SHA-256 of a UTF-8 string or of bytes, as bare lowercase hex.
 *
 * @param data - a string (hashed as UTF-8) or bytes
 * @returns 64 lowercase hex characters
 * @throws CanonicalizationError `CANONICAL-012` for anything else
 * @example
 * ```ts
 * sha256Hex("abc"); // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 * ```
 */
export function sha256Hex(data: string | Uint8Array): string {
  return sha256HexDigest(hashable(data));
}

/** Refuses anything but a string or bytes with a coded error (node:crypto would throw raw). */
function hashable(data: unknown): string | Uint8Array {
  if (typeof data === "string" || isUint8Array(data)) return data;
  throw new CanonicalizationError(
    "CANONICAL-012",
    `expected a string or a Uint8Array to hash, got ${data === null ? "null" : typeof data}`,
  );
}

/**
 * `"sha256:" + hex` of the RFC 8785 canonical form of a JSON value: the hash every artifact
 * (bundles, manifests, evidence, lineage, receipts) carries.
 *
 * @param value - plain JSON data
 * @returns `"sha256:<64 hex>"`
 * @throws CanonicalizationError when `value` is not plain JSON (`CANONICAL-` codes)
 */
export function canonicalHash(value: unknown): string {
  return SHA256_PREFIX + sha256HexDigest(canonicalize(value));
}

/**
 * `"sha256:" + hex` of a string or bytes.
 *
 * @param data - a string (hashed as UTF-8) or bytes
 * @returns `"sha256:<64 hex>"`
 * @throws CanonicalizationError `CANONICAL-012` for anything else
 */
export function prefixedSha256(data: string | Uint8Array): string {
  return SHA256_PREFIX + sha256HexDigest(hashable(data));
}
