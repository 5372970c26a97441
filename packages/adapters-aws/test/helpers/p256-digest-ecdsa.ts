// ECDSA P-256 over a caller-supplied SHA-256 digest (FIPS 186-4 §6.4), for the KMS test server's
// `MessageType: DIGEST`. node:crypto only signs whole messages (it hashes them itself), so the
// test server does this step with BigInt arithmetic. Test code: not constant time, not for keys
// that matter.
import { randomBytes, type KeyObject } from "node:crypto";

// SEC 2 §2.4.2 (secp256r1).
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const A = P - 3n;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const G = {
  x: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
  y: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
};

type Point = { x: bigint; y: bigint } | null;

const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;

function invert(a: bigint, m: bigint): bigint {
  // Extended Euclid.
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return mod(oldS, m);
}

function add(p1: Point, p2: Point): Point {
  if (p1 === null) return p2;
  if (p2 === null) return p1;
  let lambda: bigint;
  if (p1.x === p2.x) {
    if (mod(p1.y + p2.y, P) === 0n) return null;
    lambda = mod((3n * p1.x * p1.x + A) * invert(2n * p1.y, P), P);
  } else {
    lambda = mod((p2.y - p1.y) * invert(p2.x - p1.x, P), P);
  }
  const x = mod(lambda * lambda - p1.x - p2.x, P);
  return { x, y: mod(lambda * (p1.x - x) - p1.y, P) };
}

function multiply(k: bigint, point: Point): Point {
  let result: Point = null;
  let addend = point;
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) result = add(result, addend);
    addend = add(addend, addend);
  }
  return result;
}

const toBigInt = (bytes: Uint8Array): bigint =>
  BigInt(`0x${Buffer.from(bytes).toString("hex") || "0"}`);

function scalarOf(key: KeyObject, field: "d" | "x" | "y"): bigint {
  const jwk = key.export({ format: "jwk" });
  return toBigInt(Buffer.from(String(jwk[field]), "base64url"));
}

/** Signs a 32-byte digest with a P-256 private key; returns r and s. */
export function signDigest(digest: Uint8Array, privateKey: KeyObject): { r: bigint; s: bigint } {
  const d = scalarOf(privateKey, "d");
  const z = toBigInt(digest);
  for (;;) {
    const k = mod(toBigInt(randomBytes(40)), N - 1n) + 1n;
    const point = multiply(k, G);
    if (point === null) continue;
    const r = mod(point.x, N);
    if (r === 0n) continue;
    const s = mod(invert(k, N) * (z + r * d), N);
    if (s === 0n) continue;
    return { r, s };
  }
}

/** Verifies r and s over a 32-byte digest with a P-256 public key. */
export function verifyDigest(
  digest: Uint8Array,
  signature: { r: bigint; s: bigint },
  publicKey: KeyObject,
): boolean {
  const { r, s } = signature;
  if (r <= 0n || r >= N || s <= 0n || s >= N) return false;
  const q = { x: scalarOf(publicKey, "x"), y: scalarOf(publicKey, "y") };
  const w = invert(s, N);
  const point = add(multiply(mod(toBigInt(digest) * w, N), G), multiply(mod(r * w, N), q));
  return point !== null && mod(point.x, N) === r;
}
