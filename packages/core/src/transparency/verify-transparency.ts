import { canonicalize } from "../canonical/canonicalize.js";
import { decodeBase64Strict } from "../crypto/base64.js";
import { ParmanaError, TrustError } from "../errors/parmana-error.js";
import { timingSafeEqualBytes } from "../internal/node-crypto.js";
import { isUint8Array } from "../internal/is-uint8-array.js";
import { isTreeCount } from "./internal/tree-math.js";
import { MERKLE_HASH_SIZE, emptyMerkleRoot, hashMerkleLeaf } from "./merkle-hash.js";
import { openCheckpoint } from "./checkpoint.js";
import { verifyConsistencyProof, verifyInclusionProof } from "./verify-merkle-proof.js";
import type {
  Checkpoint,
  ConsistencyVerificationResult,
  InclusionVerificationResult,
  LogVerificationKey,
} from "./transparency.types.js";
import type { NotPromiseLike } from "../verify/not-promise-like.types.js";

/** Far above any real path (2 · 53 levels); bounds the work a hostile proof can cause. */
const MAX_PROOF_HASHES = 128;

function line(error: unknown): string {
  if (ParmanaError.isInstance(error)) return error.message;
  return `[TRUST-080] ${error instanceof Error ? error.message : String(error)}`;
}

function requireKey(key: unknown): void {
  if (key === undefined || key === null) {
    throw new TrustError("TRUST-087", "a log key is needed to verify a checkpoint");
  }
}

function tryOpen(
  note: unknown,
  key: LogVerificationKey,
  errors: string[],
  label: string,
): Checkpoint | undefined {
  if (typeof note !== "string" && !isUint8Array(note)) {
    errors.push(`[TRUST-080] the ${label} is not a signed note (text)`);
    return undefined;
  }
  try {
    return openCheckpoint(note, key);
  } catch (error) {
    errors.push(label === "checkpoint" ? line(error) : `${line(error)} (${label})`);
    return undefined;
  }
}

// Reads the proof fields an untrusted JSON file supplies; every defect becomes a TRUST-083 line.
function readHashes(value: unknown, errors: string[]): Uint8Array[] | undefined {
  if (!Array.isArray(value)) {
    errors.push("[TRUST-083] the proof's hashes are not a list");
    return undefined;
  }
  if (value.length > MAX_PROOF_HASHES) {
    errors.push(`[TRUST-083] the proof has more than ${MAX_PROOF_HASHES} hashes`);
    return undefined;
  }
  const hashes: Uint8Array[] = [];
  for (const [i, item] of value.entries()) {
    const bytes = typeof item === "string" ? decodeBase64Strict(item) : undefined;
    if (bytes === undefined || bytes.length !== MERKLE_HASH_SIZE) {
      errors.push(`[TRUST-083] proof hash ${i} is not base64 of 32 bytes`);
      return undefined;
    }
    hashes.push(bytes);
  }
  return hashes;
}

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

/**
 * Verifies that an attestation is in a transparency log: the checkpoint is signed by the log's
 * key, and the inclusion proof leads from the attestation's leaf hash
 * (SHA-256(0x00 ‖ canonicalize(attestation))) to the checkpoint's root at the proof's index.
 * This checks membership in the log, not the attestation's own signature: run
 * `verifyAttestation` for that.
 *
 * Never throws for a bad proof or checkpoint: it reports each failure as a `[CODE] message` line.
 *
 * @param attestation - the attestation, exactly as signed and recorded
 * @param proof - `{ leafIndex, treeSize, hashes }` (hashes standard base64), as `parmana audit prove` writes it
 * @param checkpoint - the signed checkpoint (C2SP signed note text)
 * @param key - the log key: a vkey, an Ed25519 public key (named by the checkpoint's origin), or `{ name, publicKey }`
 * @returns `{ valid, errors, checkpoint?, leafIndex? }`; errors use `TRUST-080`..`TRUST-088`
 * @throws TrustError `TRUST-087` when no key is given (misuse)
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 * @example
 * ```ts
 * const bundle = JSON.parse(readFileSync("proof.json", "utf8"));
 * const result = verifyInclusion(bundle.attestation, bundle.proof, bundle.checkpoint, logPublicKeyPem);
 * if (!result.valid) console.error(result.errors.join("\n"));
 * ```
 */
export function verifyInclusion<A, P>(
  attestation: NotPromiseLike<A>,
  proof: NotPromiseLike<P>,
  checkpoint: string | Uint8Array,
  key: LogVerificationKey,
): InclusionVerificationResult {
  requireKey(key);
  const errors: string[] = [];
  const opened = tryOpen(checkpoint, key, errors, "checkpoint");
  const leafIndex = field(proof, "leafIndex");
  const treeSize = field(proof, "treeSize");
  if (!isTreeCount(leafIndex))
    errors.push("[TRUST-083] the proof's leafIndex is not a non-negative integer");
  if (!isTreeCount(treeSize))
    errors.push("[TRUST-083] the proof's treeSize is not a non-negative integer");
  const hashes = readHashes(field(proof, "hashes"), errors);
  let leafHash: Uint8Array | undefined;
  try {
    leafHash = hashMerkleLeaf(canonicalize(attestation));
  } catch (cause) {
    errors.push(`[TRUST-088] the attestation cannot be hashed as a log leaf: ${line(cause)}`);
  }
  if (opened !== undefined && isTreeCount(treeSize) && treeSize !== opened.treeSize) {
    errors.push(
      `[TRUST-086] the proof is for tree size ${treeSize} but the checkpoint is for ${opened.treeSize}`,
    );
  }
  if (
    errors.length === 0 &&
    opened !== undefined &&
    hashes !== undefined &&
    leafHash !== undefined
  ) {
    if (
      !verifyInclusionProof(leafIndex as number, opened.treeSize, leafHash, hashes, opened.rootHash)
    ) {
      errors.push(
        `[TRUST-084] the inclusion proof does not lead from this attestation at index ${String(leafIndex)} to the checkpoint's root`,
      );
    }
  }
  return {
    valid: errors.length === 0,
    errors,
    ...(opened === undefined ? {} : { checkpoint: opened }),
    ...(isTreeCount(leafIndex) ? { leafIndex } : {}),
  };
}

/**
 * Verifies that a log only grew between two checkpoints: both are signed by the log's key, have
 * the same origin, and the consistency proof shows the older tree is a prefix of the newer one.
 * Two checkpoints of the same size must have the same root (anything else proves the log forked).
 * An empty older checkpoint is consistent with every newer one.
 *
 * Never throws for a bad proof or checkpoint: it reports each failure as a `[CODE] message` line.
 *
 * @param oldCheckpoint - the checkpoint saved earlier (signed note text)
 * @param newCheckpoint - the current checkpoint
 * @param proof - `{ oldSize, newSize, hashes }` (hashes standard base64)
 * @param key - the log key (as for {@link verifyInclusion})
 * @returns `{ valid, errors, oldCheckpoint?, newCheckpoint? }`; errors use `TRUST-080`..`TRUST-087`
 * @throws TrustError `TRUST-087` when no key is given (misuse)
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.2
 * @example
 * ```ts
 * const result = verifyConsistency(savedCheckpoint, todaysCheckpoint, proof, logPublicKeyPem);
 * if (result.valid) console.log("the log only grew");
 * ```
 */
export function verifyConsistency(
  oldCheckpoint: string | Uint8Array,
  newCheckpoint: string | Uint8Array,
  proof: unknown,
  key: LogVerificationKey,
): ConsistencyVerificationResult {
  requireKey(key);
  const errors: string[] = [];
  const older = tryOpen(oldCheckpoint, key, errors, "old checkpoint");
  const newer = tryOpen(newCheckpoint, key, errors, "new checkpoint");
  const oldSize = field(proof, "oldSize");
  const newSize = field(proof, "newSize");
  if (!isTreeCount(oldSize))
    errors.push("[TRUST-083] the proof's oldSize is not a non-negative integer");
  if (!isTreeCount(newSize))
    errors.push("[TRUST-083] the proof's newSize is not a non-negative integer");
  const hashes = readHashes(field(proof, "hashes"), errors);
  if (older !== undefined && newer !== undefined) {
    if (older.origin !== newer.origin) {
      errors.push(
        `[TRUST-086] the checkpoints are from different logs (${JSON.stringify(older.origin)} and ${JSON.stringify(newer.origin)})`,
      );
    }
    if (isTreeCount(oldSize) && oldSize !== older.treeSize) {
      errors.push(
        `[TRUST-086] the proof starts at size ${oldSize} but the old checkpoint is for ${older.treeSize}`,
      );
    }
    if (isTreeCount(newSize) && newSize !== newer.treeSize) {
      errors.push(
        `[TRUST-086] the proof ends at size ${newSize} but the new checkpoint is for ${newer.treeSize}`,
      );
    }
  }
  if (errors.length === 0 && older !== undefined && newer !== undefined && hashes !== undefined) {
    const consistent =
      older.treeSize === 0
        ? hashes.length === 0 && timingSafeEqualBytes(older.rootHash, emptyMerkleRoot())
        : verifyConsistencyProof(
            older.treeSize,
            newer.treeSize,
            hashes,
            older.rootHash,
            newer.rootHash,
          );
    if (!consistent) {
      errors.push(
        older.treeSize > newer.treeSize
          ? `[TRUST-085] the log shrank from ${older.treeSize} to ${newer.treeSize} leaves`
          : `[TRUST-085] the tree of ${older.treeSize} leaves is not a prefix of the tree of ${newer.treeSize}: entries were changed or dropped`,
      );
    }
  }
  return {
    valid: errors.length === 0,
    errors,
    ...(older === undefined ? {} : { oldCheckpoint: older }),
    ...(newer === undefined ? {} : { newCheckpoint: newer }),
  };
}
