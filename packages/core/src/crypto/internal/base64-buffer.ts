// Node-only twins of base64.ts for the signing and verification hot paths: Buffer's native codec
// instead of btoa/atob and a pattern test. Same results: standard alphabet, padded, and strict.

/**
 * Standard padded base64 of `bytes`, byte for byte what `encodeBase64` returns.
 *
 * @param bytes - the bytes to encode
 * @returns the base64 text
 */
export function encodeBase64Buffer(bytes: Uint8Array): string {
  // A Buffer (node:crypto's signatures are) is encoded as it is, without a view made over it.
  if (Buffer.isBuffer(bytes)) return bytes.toString("base64");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/**
 * Decodes canonical standard base64 (RFC 4648 §4, padded, zero unused bits): exactly the texts
 * `decodeBase64Strict` accepts. Buffer's decoder is lenient (it skips unknown characters and
 * accepts the URL alphabet and missing padding), so the bytes are re-encoded and compared: a text
 * is accepted only if it is the one encoding of what it decodes to.
 *
 * @param text - the base64 text
 * @returns the bytes, or `undefined` when `text` is not canonical base64
 */
export function decodeBase64StrictBuffer(text: string): Uint8Array | undefined {
  if (typeof text !== "string") return undefined;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : undefined;
}
