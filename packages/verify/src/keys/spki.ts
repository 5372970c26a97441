import { SignatureError, type SigningKeyAlgorithm } from "@parmanasystems/core/portable";

// SPKI DER prefixes of the two key types (RFC 8410 §4 for Ed25519; RFC 5480 §2 for P-256 with
// an uncompressed point); the raw public key follows each.
const ED25519_PREFIX = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
]);
const P256_PREFIX = Uint8Array.from([
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
  0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
]);
const RAW_LENGTH: Readonly<Record<SigningKeyAlgorithm, number>> = {
  ed25519: 32,
  "ecdsa-p256-sha256": 65,
};

// Algorithm identifiers of keys we recognise but do not verify with, for a precise SIG-002.
const OTHER_KEY_TYPES: readonly (readonly [string, readonly number[]])[] = [
  ["rsa", [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]],
  ["ed448", [0x06, 0x03, 0x2b, 0x65, 0x71]],
  ["x25519", [0x06, 0x03, 0x2b, 0x65, 0x6e]],
  ["x448", [0x06, 0x03, 0x2b, 0x65, 0x6f]],
  ["ec", [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]],
];

/**
 * The algorithm of an SPKI DER public key and its raw key bytes.
 *
 * @internal
 * @throws SignatureError `SIG-002` a key of another type, `SIG-001` anything else
 */
export function readSpki(der: Uint8Array): {
  algorithm: SigningKeyAlgorithm;
  raw: Uint8Array;
} {
  for (const [algorithm, prefix] of [
    ["ed25519", ED25519_PREFIX],
    ["ecdsa-p256-sha256", P256_PREFIX],
  ] as const) {
    if (der.length === prefix.length + RAW_LENGTH[algorithm] && startsWith(der, prefix)) {
      const raw = der.slice(prefix.length);
      if (algorithm === "ecdsa-p256-sha256" && raw[0] !== 0x04) break;
      return { algorithm, raw };
    }
  }
  for (const [name, oid] of OTHER_KEY_TYPES) {
    if (contains(der, oid)) {
      throw new SignatureError(
        "SIG-002",
        `unsupported key type ${name === "ec" ? "ec (another curve, or a compressed point)" : name}; use Ed25519 or ECDSA P-256`,
        { details: { keyType: name } },
      );
    }
  }
  throw new SignatureError("SIG-001", "the public key is not an SPKI Ed25519 or P-256 key");
}

/**
 * The SPKI DER encoding of a raw public key.
 *
 * @internal
 * @throws SignatureError `SIG-001` when the bytes are not a raw key of the algorithm
 */
export function spkiFromRaw(algorithm: SigningKeyAlgorithm, raw: Uint8Array): Uint8Array {
  const expected = RAW_LENGTH[algorithm];
  if (raw.length !== expected || (algorithm === "ecdsa-p256-sha256" && raw[0] !== 0x04)) {
    throw new SignatureError(
      "SIG-001",
      algorithm === "ed25519"
        ? `a raw Ed25519 public key has 32 bytes, got ${raw.length}`
        : `a raw P-256 public key has 65 bytes (04 || x || y), got ${raw.length}`,
    );
  }
  const prefix = algorithm === "ed25519" ? ED25519_PREFIX : P256_PREFIX;
  const der = new Uint8Array(prefix.length + raw.length);
  der.set(prefix, 0);
  der.set(raw, prefix.length);
  return der;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function contains(bytes: Uint8Array, needle: readonly number[]): boolean {
  outer: for (let start = 0; start + needle.length <= bytes.length; start++) {
    for (let index = 0; index < needle.length; index++)
      if (bytes[start + index] !== needle[index]) continue outer;
    return true;
  }
  return false;
}
