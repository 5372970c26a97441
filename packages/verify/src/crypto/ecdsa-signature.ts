// ECDSA signatures: Parmana carries them as DER (what AWS KMS and node:crypto produce); WebCrypto
// verifies the fixed-size IEEE P1363 form r || s. The conversion is strict DER, as OpenSSL's
// verifier is (it re-encodes and compares), so both accept exactly the same byte strings.

/** Size of r and s for P-256. */
const P256_SCALAR_BYTES = 32;

/**
 * The r || s form (64 bytes) of a strict-DER P-256 signature, or undefined when the bytes are
 * not exactly one minimal DER `SEQUENCE { INTEGER r, INTEGER s }` with non-negative r and s that
 * fit in 32 bytes.
 *
 * @internal
 */
export function p256DerToRaw(der: Uint8Array): Uint8Array | undefined {
  // SEQUENCE with a short-form length: a P-256 signature is at most 72 bytes.
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2 || (der[1] as number) >= 0x80)
    return undefined;
  const raw = new Uint8Array(2 * P256_SCALAR_BYTES);
  let offset = 2;
  for (let part = 0; part < 2; part++) {
    if (der[offset] !== 0x02) return undefined;
    const length = der[offset + 1] as number;
    const start = offset + 2;
    const end = start + length;
    if (length === 0 || length >= 0x80 || end > der.length) return undefined;
    const first = der[start] as number;
    if (first & 0x80) return undefined; // negative
    // Minimal encoding: a leading zero only when the next byte has its top bit set.
    if (first === 0 && length > 1 && ((der[start + 1] as number) & 0x80) === 0) return undefined;
    const value =
      first === 0 && length > 1 ? der.subarray(start + 1, end) : der.subarray(start, end);
    if (value.length > P256_SCALAR_BYTES) return undefined;
    raw.set(value, (part + 1) * P256_SCALAR_BYTES - value.length);
    offset = end;
  }
  return offset === der.length ? raw : undefined;
}

/**
 * The minimal DER form of an r || s P-256 signature (for tests and tools that sign with
 * WebCrypto and need Parmana's format).
 *
 * @internal
 */
export function p256RawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length !== 2 * P256_SCALAR_BYTES) throw new RangeError("r || s must be 64 bytes");
  const integer = (bytes: Uint8Array): number[] => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const body = [...bytes.subarray(start)];
    if ((body[0] as number) & 0x80) body.unshift(0);
    return [0x02, body.length, ...body];
  };
  const content = [
    ...integer(raw.subarray(0, P256_SCALAR_BYTES)),
    ...integer(raw.subarray(P256_SCALAR_BYTES)),
  ];
  return Uint8Array.from([0x30, content.length, ...content]);
}
