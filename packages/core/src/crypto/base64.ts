import { CanonicalizationError } from "../errors/parmana-error.js";
import { isUint8Array } from "../internal/is-uint8-array.js";

const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Standard base64 with padding (RFC 4648 §4).
 *
 * @param bytes - the bytes
 * @returns base64 text
 * @throws CanonicalizationError `CANONICAL-012` when `bytes` is not a Uint8Array
 */
export function encodeBase64(bytes: Uint8Array): string {
  if (!isUint8Array(bytes)) {
    throw new CanonicalizationError(
      "CANONICAL-012",
      `expected a Uint8Array to encode, got ${bytes === null ? "null" : typeof bytes}`,
    );
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/**
 * Strict standard base64 decoding: returns undefined for anything that is not canonical padded
 * base64 (Buffer.from would silently skip bad characters, which must never make a signature valid).
 */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (typeof text !== "string" || !BASE64_PATTERN.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64");
  // Rejects non-zero padding bits, so each byte string has exactly one accepted encoding.
  if (bytes.toString("base64") !== text) return undefined;
  return new Uint8Array(bytes);
}
