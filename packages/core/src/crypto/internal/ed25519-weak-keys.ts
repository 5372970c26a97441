// Platform-neutral (no node: import): shared as source with @parmanasystems/verify, so both
// verifiers refuse exactly the same Ed25519 public keys with the same error.
import { SignatureError } from "../../errors/parmana-error.js";

/**
 * Ed25519 public keys that must never be trusted (RFC 8032 §5.1.3, "Taming the many EdDSAs"):
 *
 * - the 8 points of small order (the identity, the point of order 2, the two of order 4 and the
 *   four of order 8). Under such a key A, [k]A is one of 8 points whatever the message, so a
 *   signature R = identity, S = 0 (or a handful of others) verifies for every message.
 * - non-canonical encodings: the y coordinate written as a value `>= p = 2^255 - 19`.
 *
 * The small-order points have y in `{0, 1, p - 1, Y8, p - Y8}`; both signs of x share one y, and
 * the sign bit (bit 255) is ignored here, so checking y covers all 8 points and their encodings.
 */
const P = (1n << 255n) - 19n;
// y of the points of order 8 (little-endian c7176a70...92ac037a).
const Y8 = 0x7a03ac9277fdc74ec6cc392cfa53202a0f67100d760b3cba4fd84d3d706a17c7n;
const SMALL_ORDER_Y: ReadonlySet<bigint> = new Set([0n, 1n, P - 1n, Y8, P - Y8]);

/**
 * Why a raw Ed25519 public key must be refused, or undefined when it is acceptable.
 *
 * @param raw - the 32-byte RFC 8032 encoding
 * @returns `"small-order"`, `"non-canonical"` or undefined
 */
export function weakEd25519PublicKey(raw: Uint8Array): "small-order" | "non-canonical" | undefined {
  let y = 0n;
  for (let index = 31; index >= 0; index -= 1) y = (y << 8n) | BigInt(raw[index] ?? 0);
  y &= (1n << 255n) - 1n; // drop the sign bit of x
  if (y >= P) return "non-canonical";
  return SMALL_ORDER_Y.has(y) ? "small-order" : undefined;
}

/**
 * The `SIG-012` error for a raw Ed25519 public key that must be refused, or undefined when the
 * key is acceptable. Every public key entering Parmana passes here (PEM, raw bytes, JWK,
 * KeyObjects, trust roots), in core and in the WebCrypto verifier alike.
 *
 * @param raw - the 32-byte RFC 8032 encoding
 * @returns the error to throw, or undefined
 * @internal
 */
export function weakEd25519KeyError(raw: Uint8Array): SignatureError | undefined {
  const weakness = weakEd25519PublicKey(raw);
  if (weakness === undefined) return undefined;
  return new SignatureError(
    "SIG-012",
    weakness === "small-order"
      ? "the Ed25519 public key is a point of small order: signatures under it can be forged without any private key"
      : "the Ed25519 public key is not canonically encoded (its y coordinate is >= 2^255 - 19)",
    { details: { weakness } },
  );
}
