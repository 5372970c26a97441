// Order n of the P-256 group (SEC 2 §2.4.2 / FIPS 186-4 D.1.2.3).
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const HALF_ORDER = P256_ORDER >> 1n;

/**
 * Rewrites a DER ECDSA P-256 signature (`SEQUENCE { INTEGER r, INTEGER s }`, SEC 1 §C.8) so that
 * `s <= n/2`. (r, s) and (r, n - s) are both valid for the same message; verifiers that enforce
 * low-S (as many do, to stop signature malleability) accept only the low one. Vault's ECDSA
 * answers have a high s about half the time.
 *
 * @returns the low-S DER, or undefined when `der` is not a strict DER P-256 signature
 */
export function normalizeP256SignatureLowS(der: Uint8Array): Uint8Array | undefined {
  const parsed = parseDerSignature(der);
  if (parsed === undefined) return undefined;
  const { r, s } = parsed;
  if (r <= 0n || r >= P256_ORDER || s <= 0n || s >= P256_ORDER) return undefined;
  if (s <= HALF_ORDER) return der;
  return encodeDerSignature(r, P256_ORDER - s);
}

function parseDerSignature(der: Uint8Array): { r: bigint; s: bigint } | undefined {
  // Short-form lengths only: a P-256 signature is at most 72 bytes.
  if (der.length < 8 || der.length > 72 || der[0] !== 0x30 || der[1] !== der.length - 2) {
    return undefined;
  }
  const r = readInteger(der, 2);
  if (r === undefined) return undefined;
  const s = readInteger(der, r.next);
  if (s === undefined || s.next !== der.length) return undefined;
  return { r: r.value, s: s.value };
}

function readInteger(der: Uint8Array, at: number): { value: bigint; next: number } | undefined {
  if (der[at] !== 0x02) return undefined;
  const length = der[at + 1];
  if (length === undefined || length === 0 || length > 33) return undefined;
  const start = at + 2;
  const end = start + length;
  if (end > der.length) return undefined;
  const first = der[start] as number;
  // DER: no negative numbers, no unneeded leading zero (X.690 §8.3.2).
  if (first & 0x80) return undefined;
  if (first === 0 && length > 1 && !((der[start + 1] as number) & 0x80)) return undefined;
  let value = 0n;
  for (let index = start; index < end; index++)
    value = (value << 8n) | BigInt(der[index] as number);
  return { value, next: end };
}

function encodeDerSignature(r: bigint, s: bigint): Uint8Array {
  const rBytes = integerBytes(r);
  const sBytes = integerBytes(s);
  const body = [0x02, rBytes.length, ...rBytes, 0x02, sBytes.length, ...sBytes];
  return Uint8Array.from([0x30, body.length, ...body]);
}

function integerBytes(value: bigint): number[] {
  const bytes: number[] = [];
  for (let rest = value; rest > 0n; rest >>= 8n) bytes.unshift(Number(rest & 0xffn));
  if (bytes.length === 0 || (bytes[0] as number) & 0x80) bytes.unshift(0);
  return bytes;
}
