// DER handling for ECDSA P-256 signatures (X9.62 / RFC 3279 §2.2.3: SEQUENCE { INTEGER r, INTEGER s }).

/** Order n of the P-256 group (SEC 2 §2.4.2). */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const HALF_ORDER = P256_ORDER >> 1n;

/** r and s of a DER ECDSA signature, or undefined when it is not strict DER with `0 < r, s < n`. */
export function parseDerSignature(der: Uint8Array): { r: bigint; s: bigint } | undefined {
  // Short-form lengths only: a P-256 signature is at most 72 bytes.
  if (der.length < 8 || der.length > 72 || der[0] !== 0x30 || der[1] !== der.length - 2) {
    return undefined;
  }
  const r = readInteger(der, 2);
  if (r === undefined) return undefined;
  const s = readInteger(der, r.next);
  if (s === undefined || s.next !== der.length) return undefined;
  if (r.value <= 0n || r.value >= P256_ORDER || s.value <= 0n || s.value >= P256_ORDER) {
    return undefined;
  }
  return { r: r.value, s: s.value };
}

/**
 * Rewrites a signature with `s > n/2` as the equivalent one with `n - s` (both verify; the low-S
 * form is the one strict verifiers accept, as BIP 62 and many WebCrypto wrappers require). KMS
 * returns either form at random.
 *
 * @returns the DER signature in low-S form, or undefined when `der` is not a valid P-256 signature
 */
export function toLowS(der: Uint8Array): Uint8Array | undefined {
  const parsed = parseDerSignature(der);
  if (parsed === undefined) return undefined;
  if (parsed.s <= HALF_ORDER) return der;
  return encodeDerSignature(parsed.r, P256_ORDER - parsed.s);
}

/** True when the signature's s is in the upper half of the order (for tests and diagnostics). */
export function isHighS(der: Uint8Array): boolean {
  const parsed = parseDerSignature(der);
  return parsed !== undefined && parsed.s > HALF_ORDER;
}

/** Encodes r and s as a strict DER SEQUENCE of two INTEGERs. */
export function encodeDerSignature(r: bigint, s: bigint): Uint8Array {
  const rBytes = integerBytes(r);
  const sBytes = integerBytes(s);
  const body = [0x02, rBytes.length, ...rBytes, 0x02, sBytes.length, ...sBytes];
  return Uint8Array.from([0x30, body.length, ...body]);
}

function readInteger(der: Uint8Array, at: number): { value: bigint; next: number } | undefined {
  if (der[at] !== 0x02) return undefined;
  const length = der[at + 1];
  if (length === undefined || length < 1 || length > 33) return undefined;
  const start = at + 2;
  const end = start + length;
  if (end > der.length) return undefined;
  const first = der[start] as number;
  // Minimal encoding: no negative numbers, no superfluous leading zero.
  if (first & 0x80) return undefined;
  if (first === 0 && length > 1 && ((der[start + 1] as number) & 0x80) === 0) return undefined;
  let value = 0n;
  for (let i = start; i < end; i++) value = (value << 8n) | BigInt(der[i] as number);
  return { value, next: end };
}

function integerBytes(value: bigint): number[] {
  const bytes: number[] = [];
  for (let v = value; v > 0n; v >>= 8n) bytes.unshift(Number(v & 0xffn));
  if (bytes.length === 0) bytes.push(0);
  if ((bytes[0] as number) & 0x80) bytes.unshift(0);
  return bytes;
}
