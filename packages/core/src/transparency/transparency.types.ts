/**
 * A complete subtree of the log: the `2^level` leaves from `index · 2^level` on. Level 0 nodes
 * are the leaves themselves.
 */
export interface MerkleNodeId {
  readonly level: number;
  readonly index: number;
}

/** A complete subtree with its hash. */
export interface MerkleNodeHash extends MerkleNodeId {
  readonly hash: Uint8Array;
}

/**
 * Where a log keeps the hashes of its complete subtrees (a database table, or the in-memory
 * {@link MerkleTree}). Proofs are computed from these in one read of O(log n) nodes.
 */
export interface MerkleHashSource {
  /**
   * Returns the hash of each node asked for, in the same order. Every node asked for is a
   * complete subtree within the tree the caller knows of.
   */
  getNodeHashes(
    nodes: readonly MerkleNodeId[],
  ): readonly Uint8Array[] | Promise<readonly Uint8Array[]>;
}

/**
 * The complete subtrees a proof is made of: `nodes` in reading order, and `segments[i]` how many
 * consecutive nodes fold into proof entry `i`.
 */
export interface MerkleProofPlan {
  readonly nodes: readonly MerkleNodeId[];
  readonly segments: readonly number[];
}

/** The body of a C2SP `tlog-checkpoint`: which log, how many leaves, and their root. */
export interface Checkpoint {
  /** The log's identity, e.g. `"audit.example.com/decisions"`. */
  readonly origin: string;
  /** Number of leaves. */
  readonly treeSize: number;
  /** RFC 9162 root hash of the first `treeSize` leaves (32 bytes). */
  readonly rootHash: Uint8Array;
  /** Optional extension lines (opaque, not recommended by the format). */
  readonly extensions: readonly string[];
}

/** One signature line of a signed note. */
export interface NoteSignature {
  /** The key name written on the line. */
  readonly keyName: string;
  /** The 32-bit key ID (the first four signature bytes, big-endian). */
  readonly keyId: number;
  /** The signature proper (without the key ID). */
  readonly signature: Uint8Array;
}

/** A C2SP signed note taken apart: its text (ending in a newline) and its signature lines. */
export interface SignedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** An Ed25519 note verifier key: a name, its key ID, and the 32-byte public key. */
export interface NoteVerifierKey {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: Uint8Array;
}

/**
 * An inclusion proof as `parmana audit prove` writes it: the leaf's position, the tree size it is
 * proved against, and the audit path as standard base64.
 */
export interface InclusionProof {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly hashes: readonly string[];
}

/** A consistency proof between two tree sizes, hashes as standard base64. */
export interface ConsistencyProof {
  readonly oldSize: number;
  readonly newSize: number;
  readonly hashes: readonly string[];
}

/**
 * What `parmana audit prove` writes: an attestation, its inclusion proof, and the signed
 * checkpoint the proof leads to. Everything a third party needs, with the log's public key, to
 * check that the decision is in the log.
 */
export interface InclusionProofBundle {
  readonly type: "parmana.inclusion-proof/v1";
  readonly attestation: unknown;
  readonly proof: InclusionProof;
  readonly checkpoint: string;
}

/** Outcome of {@link verifyInclusion}: `valid`, and each failure as a `[CODE] message` line. */
export interface InclusionVerificationResult {
  readonly valid: boolean;
  readonly errors: readonly string[];
  /** The checkpoint, when its signature verified. */
  readonly checkpoint?: Checkpoint;
  /** The leaf's index in the log, when the proof was well formed. */
  readonly leafIndex?: number;
}

/** Outcome of {@link verifyConsistency}. */
export interface ConsistencyVerificationResult {
  readonly valid: boolean;
  readonly errors: readonly string[];
  readonly oldCheckpoint?: Checkpoint;
  readonly newCheckpoint?: Checkpoint;
}
