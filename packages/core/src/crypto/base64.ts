// Platform-neutral (no Buffer, no node: import): shared as source with @parmanasystems/verify.
// atob/btoa are globals in Node 16+, browsers, Deno, Bun and workers.
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
  let binary = "";
  // Chunks keep String.fromCharCode's argument list short for large inputs.
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Strict standard base64 decoding: returns undefined for anything that is not canonical padded
 * base64 (a lenient decoder would silently skip bad characters, which must never make a
 * signature valid).
 */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (typeof text !== "string" || !BASE64_PATTERN.test(text)) return undefined;
  // RFC 4648 §3.5: the unused bits before the padding must be zero, so each byte string has
  // exactly one accepted encoding.
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  if (padding > 0) {
    const last = ALPHABET.indexOf(text[text.length - 1 - padding] as string);
    if ((last & (padding === 2 ? 0x0f : 0x03)) !== 0) return undefined;
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
