import { InvariantError } from "@parmanasystems/core/portable";
import type { WebCryptoSubtle } from "./webcrypto.types.js";

/**
 * The platform's WebCrypto `SubtleCrypto` (browsers, Node 20+, Deno, Bun, workerd), looked up
 * when first needed so that importing this package never fails.
 *
 * @internal
 * @throws InvariantError `INV-VERIFY-030` when the platform has no WebCrypto
 */
export function subtle(): WebCryptoSubtle {
  const candidate = (globalThis as { crypto?: { subtle?: WebCryptoSubtle } }).crypto?.subtle;
  if (candidate === undefined) {
    throw new InvariantError(
      "INV-VERIFY-030",
      "WebCrypto (globalThis.crypto.subtle) is not available on this platform",
    );
  }
  return candidate;
}

const encoder = new TextEncoder();

/**
 * UTF-8 bytes of a string.
 *
 * @internal
 */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * SHA-256 of a UTF-8 string or bytes, as lowercase hex.
 *
 * @internal
 */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? utf8(data) : new Uint8Array(data);
  const digest = new Uint8Array(await subtle().digest("SHA-256", bytes));
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
