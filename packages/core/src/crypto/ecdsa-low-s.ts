// Platform-neutral (no node: import): shared as source with @parmanasystems/verify, so both
// verifiers accept exactly the same P-256 signatures.
import { SignatureError } from "../errors/parmana-error.js";
import { isUint8Array } from "../internal/is-uint8-array.js";

/** Order n of the P-256 base point (SEC 2 §2.4.2). */
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const HALF_N = N >> 1n;

/** r and s of a strict DER ECDSA signature, or undefined for anything else. */
export function parseDerEcdsa(der: Uint8Array): { r: bigint; s: bigint } | undefined {
  // SEQUENCE { INTEGER r, INTEGER s }; both fit in 33 bytes, so every length is one byte.
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const r = readInteger(der, 2);
  if (r === undefined) return undefined;
  const s = readInteger(der, r.next);
  if (s === undefined || s.next !== der.length) return undefined;
  if (r.value < 1n || r.value >= N || s.value < 1n || s.value >= N) return undefined;
  return { r: r.value, s: s.value };
}

/**
 * True when a DER P-256 signature is in low-S form (`s <= n/2`).
 *
 * @param der - the DER signature
 * @returns false for a high-S or unparseable signature
 */
export function isLowSEcdsa(der: Uint8Array): boolean {
  const parsed = parseDerEcdsa(der);
  return parsed !== undefined && parsed.s <= HALF_N;
}

/**
 * Rewrites a DER ECDSA P-256 signature into its low-S form: s becomes `n - s` when `s > n/2` (r is
 * unchanged). Both forms verify under the same key, so Parmana accepts only the low-S one and
 * every signer it ships emits it; a signer backed by a provider that returns either form (AWS
 * KMS, for instance) passes its signatures through this function.
 *
 * @param der - a strict DER signature (SEQUENCE of INTEGER r, INTEGER s)
 * @returns the low-S DER signature (a new array; the same bytes when already low-S)
 * @throws SignatureError `SIG-013` when `der` is not a strict DER P-256 signature
 * @example
 * ```ts
 * const der = normalizeEcdsaP256Signature(new Uint8Array(kmsResponse.Signature));
 * ```
 */
export function normalizeEcdsaP256Signature(der: Uint8Array): Uint8Array {
  const parsed = isUint8Array(der) ? parseDerEcdsa(der) : undefined;
  if (parsed === undefined) {
    throw new SignatureError(
      "SIG-013",
      "not a strict DER ECDSA P-256 signature (SEQUENCE of two minimal INTEGERs between 1 and n - 1)",
    );
  }
  if (parsed.s <= HALF_N) return Uint8Array.from(der);
  const r = integerBytes(parsed.r);
  const s = integerBytes(N - parsed.s);
  return Uint8Array.from([
    0x30,
    4 + r.length + s.length,
    0x02,
    r.length,
    ...r,
    0x02,
    s.length,
    ...s,
  ]);
}

function readInteger(der: Uint8Array, at: number): { value: bigint; next: number } | undefined {
  if (der[at] !== 0x02) return undefined;
  const length = der[at + 1];
  if (length === undefined || length < 1 || length > 33) return undefined;
  const start = at + 2;
  const end = start + length;
  if (end > der.length) return undefined;
  const first = der[start] as number;
  // Minimal and positive: no sign bit set, no superfluous leading zero.
  if (first & 0x80) return undefined;
  if (first === 0 && length > 1 && !((der[start + 1] as number) & 0x80)) return undefined;
  let value = 0n;
  for (let index = start; index < end; index += 1)
    value = (value << 8n) | BigInt(der[index] as number);
  return { value, next: end };
}

function integerBytes(value: bigint): number[] {
  const bytes: number[] = [];
  for (let rest = value; rest > 0n; rest >>= 8n) bytes.unshift(Number(rest & 0xffn));
  if (bytes.length === 0 || (bytes[0] as number) & 0x80) bytes.unshift(0);
  return bytes;
}
