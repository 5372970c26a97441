// What the shared transparency checks (signed notes, checkpoints, proofs) ask their platform to
// compute: core answers with node:crypto, synchronously; @parmanasystems/verify with WebCrypto.

/** The 32 raw bytes of an Ed25519 public key given in any accepted form; throws when unusable. */
export interface Ed25519RawKeyRequest {
  readonly kind: "ed25519-raw";
  readonly publicKey: unknown;
}

/** SHA-256 of bytes (32 bytes). */
export interface Sha256Request {
  readonly kind: "sha256";
  readonly data: Uint8Array;
}

/** Whether a 64-byte Ed25519 signature over `message` verifies under a raw public key. */
export interface Ed25519VerifyRequest {
  readonly kind: "ed25519-verify";
  readonly message: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly signature: Uint8Array;
}

/** Whether an RFC 9162 inclusion proof leads from the leaf hash to the root. */
export interface MerkleInclusionRequest {
  readonly kind: "merkle-inclusion";
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: Uint8Array;
  readonly hashes: readonly Uint8Array[];
  readonly rootHash: Uint8Array;
}

/** Whether an RFC 9162 consistency proof shows the tree of `size1` is a prefix of `size2`'s. */
export interface MerkleConsistencyRequest {
  readonly kind: "merkle-consistency";
  readonly size1: number;
  readonly size2: number;
  readonly hashes: readonly Uint8Array[];
  readonly root1: Uint8Array;
  readonly root2: Uint8Array;
}

/** Anything the shared transparency checks ask for. */
export type TransparencyRequest =
  | Ed25519RawKeyRequest
  | Sha256Request
  | Ed25519VerifyRequest
  | MerkleInclusionRequest
  | MerkleConsistencyRequest;

/** The answer to a request: bytes (raw key, digest) or a verdict. */
export type TransparencyAnswer = Uint8Array | boolean;

/** A shared transparency check, run by `runSteps` (core) or `runStepsAsync` (WebCrypto). */
export type TransparencySteps<Result> = Generator<TransparencyRequest, Result, TransparencyAnswer>;

/**
 * A log key as the shared checks see it: a note verifier key string, a public key in a form the
 * platform reads (its name is then the checkpoint's origin), or `{ name, publicKey }`.
 */
export type PortableLogKey = string | Uint8Array | object;
