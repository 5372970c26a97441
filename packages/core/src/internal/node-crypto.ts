// The only module in core that touches node:crypto. Everything else goes through these
// functions, so a browser build can swap in WebCrypto behind the same seam.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  randomFillSync,
  randomUUID as nodeRandomUUID,
  sign as nodeSign,
  timingSafeEqual as nodeTimingSafeEqual,
  verify as nodeVerify,
  type KeyObject,
} from "node:crypto";
import * as nodeCrypto from "node:crypto";

export type { KeyObject };

/** SHA-256 of a UTF-8 string or bytes, as lowercase hex. */
export function sha256HexDigest(data: string | Uint8Array): string {
  return typeof oneShotHash === "function"
    ? oneShotHash("sha256", data, "hex")
    : createHash("sha256").update(data).digest("hex");
}

// crypto.hash (Node 20.12+, 21.7+): the same digest without a Hash object and its stream, about a
// third of createHash's cost for the small inputs of a decision. Read from the namespace so that
// earlier Node 20 releases, which lack it, load this module and fall back to createHash.
type OneShotHash = (algorithm: string, data: string | Uint8Array, encoding: "hex") => string;
const oneShotHash = (nodeCrypto as { hash?: OneShotHash }).hash;

/** SHA-256 of a UTF-8 string or bytes, as bytes. */
export function sha256Bytes(data: string | Uint8Array): Uint8Array {
  return createHash("sha256").update(data).digest();
}

/** `size` random bytes as unpadded base64url text (reservation tokens, for instance). */
export function randomBase64Url(size: number): string {
  if (size > RANDOM_POOL_BYTES) return randomBytes(size).toString("base64url");
  // One CSPRNG call per 4 KiB rather than per token (node:crypto's randomUUID pools the same
  // way): a system call per reservation was a measurable part of a decision. Each byte is used once.
  if (randomPoolOffset + size > RANDOM_POOL_BYTES) {
    randomFillSync(randomPool);
    randomPoolOffset = 0;
  }
  const text = randomPool.toString("base64url", randomPoolOffset, randomPoolOffset + size);
  randomPoolOffset += size;
  return text;
}

const RANDOM_POOL_BYTES = 4096;
const randomPool = Buffer.alloc(RANDOM_POOL_BYTES);
let randomPoolOffset = RANDOM_POOL_BYTES;

/** A random RFC 4122 version 4 UUID. */
export function randomUUID(): string {
  return nodeRandomUUID();
}

/** Constant-time equality of two byte strings of any length. */
export function timingSafeEqualBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return nodeTimingSafeEqual(a, b);
}

/** Structural KeyObject check: works for KeyObjects from another copy of the module or realm. */
export function isKeyObject(value: unknown): value is KeyObject {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { type?: unknown; export?: unknown; asymmetricKeyType?: unknown };
  return (
    (candidate.type === "private" || candidate.type === "public" || candidate.type === "secret") &&
    typeof candidate.export === "function"
  );
}

export function parsePrivateKeyPem(pem: string): KeyObject {
  return createPrivateKey({ key: pem, format: "pem" });
}

export function parsePublicKeyPem(pem: string): KeyObject {
  return createPublicKey({ key: pem, format: "pem" });
}

export function parsePublicKeyDer(der: Uint8Array): KeyObject {
  return createPublicKey({ key: bufferView(der), format: "der", type: "spki" });
}

export function parsePrivateKeyDer(der: Uint8Array): KeyObject {
  return createPrivateKey({ key: bufferView(der), format: "der", type: "pkcs8" });
}

// A Buffer over the same memory: no copy of key material (or of a message) is left behind.
function bufferView(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function publicKeyFromPrivate(privateKey: KeyObject): KeyObject {
  return createPublicKey(privateKey);
}

export function generateEd25519(): { privateKey: KeyObject; publicKey: KeyObject } {
  return detachedFromGeneration(generateKeyPairSync("ed25519").privateKey);
}

export function generateP256(): { privateKey: KeyObject; publicKey: KeyObject } {
  return detachedFromGeneration(generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey);
}

// A key pair rebuilt from the generated private key's PKCS#8 encoding, sharing nothing with the
// generation: on Node 20, exporting a KeyObject that generateKeyPairSync made as a JWK can
// deadlock the process for good when a garbage collection during the export frees the finished
// generation job, whose clean-up waits for the lock the export holds (85% of processes making 300
// Ed25519 pairs with a 1 MiB young generation; P-256 keys too; not seen on Node 22 or 24). The
// pairs core hands out may be exported in any form.
function detachedFromGeneration(generated: KeyObject): {
  privateKey: KeyObject;
  publicKey: KeyObject;
} {
  const der = generated.export({ format: "der", type: "pkcs8" });
  try {
    const privateKey = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
    return { privateKey, publicKey: createPublicKey(privateKey) };
  } finally {
    // The DER copy holds the secret; don't leave it in memory longer than needed.
    der.fill(0);
  }
}

/**
 * One-shot signature. Ed25519 signs the message itself (no pre-hash, RFC 8032 PureEdDSA);
 * ECDSA P-256 hashes with SHA-256 and returns a DER signature, the format KMS uses.
 */
export function signMessage(message: Uint8Array, privateKey: KeyObject): Uint8Array {
  const algorithm = privateKey.asymmetricKeyType === "ed25519" ? null : "sha256";
  return nodeSign(algorithm, message, privateKey);
}

/** One-shot verification; never throws for a malformed signature, returns false. */
export function verifyMessage(
  message: Uint8Array,
  publicKey: KeyObject,
  signature: Uint8Array,
): boolean {
  const algorithm = publicKey.asymmetricKeyType === "ed25519" ? null : "sha256";
  try {
    return nodeVerify(algorithm, message, publicKey, signature);
  } catch {
    return false;
  }
}

/** SHA-256 over the concatenation of several byte strings, without copying them together. */
export function sha256Concat(parts: readonly Uint8Array[]): Uint8Array {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
}
