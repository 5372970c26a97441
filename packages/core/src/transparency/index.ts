// Merkle hashing and proof checks (RFC 9162 §2.1)
export {
  hashMerkleLeaf,
  hashMerkleChildren,
  emptyMerkleRoot,
  MERKLE_HASH_SIZE,
} from "./merkle-hash.js";
export {
  rootFromInclusionProof,
  verifyInclusionProof,
  verifyConsistencyProof,
} from "./verify-merkle-proof.js";

// Proof computation from stored complete-subtree hashes
export {
  planInclusionProof,
  planConsistencyProof,
  planTreeRoot,
  assembleMerkleProof,
  assembleMerkleRoot,
  computeInclusionProof,
  computeConsistencyProof,
  computeTreeRoot,
  appendSiblingNodes,
  nodesCompletedByAppend,
} from "./merkle-proof-plan.js";
export { MerkleTree } from "./merkle-tree.js";

// Signed notes and checkpoints (c2sp.org/signed-note, c2sp.org/tlog-checkpoint)
export {
  isValidNoteKeyName,
  formatNoteVerifierKey,
  parseSignedNote,
  formatSignedNote,
} from "./note-format.js";
export {
  noteKeyId,
  noteVerifierKey,
  parseNoteVerifierKey,
  createNoteSigner,
  signNote,
  openSignedNote,
} from "./signed-note.js";
export type { NoteSigner } from "./signed-note.js";
export { formatCheckpoint, parseCheckpoint } from "./checkpoint-format.js";
export { signCheckpoint, openCheckpoint } from "./checkpoint.js";

// Verifying membership and growth of a log
export { verifyInclusion, verifyConsistency } from "./verify-transparency.js";

export type {
  Checkpoint,
  ConsistencyProof,
  ConsistencyVerificationResult,
  InclusionProof,
  InclusionProofBundle,
  InclusionVerificationResult,
  MerkleHashSource,
  MerkleNodeHash,
  MerkleNodeId,
  MerkleProofPlan,
  NoteSignature,
  NoteVerifierKey,
  SignedNote,
} from "./transparency.types.js";
export type { LogVerificationKey } from "./log-verification-key.types.js";
