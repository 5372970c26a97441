// Platform-neutral (no node: import): the checks of verifyInclusion and verifyConsistency,
// shared as source with @parmanasystems/verify, so both report the same lines in the same order.
import { canonicalize } from "../../canonical/canonicalize.js";
import { decodeBase64Strict } from "../../crypto/base64.js";
import { ParmanaError, TrustError } from "../../errors/parmana-error.js";
import { isUint8Array } from "../../internal/is-uint8-array.js";
import { MERKLE_HASH_SIZE, isTreeCount } from "./tree-math.js";
import { equalBytes } from "./merkle-proof-shape.js";
import { openCheckpointSteps } from "./open-checkpoint-steps.js";
import type { PortableLogKey, TransparencySteps } from "./transparency-steps.types.js";
import type {
  Checkpoint,
  ConsistencyVerificationResult,
  InclusionVerificationResult,
} from "../transparency.types.js";

const UTF8 = new TextEncoder();

// SHA-256(0x00 ‖ data): a log leaf (RFC 9162 §2.1.1).
function* leafHashSteps(text: string): TransparencySteps<Uint8Array> {
  const bytes = UTF8.encode(text);
  const data = new Uint8Array(bytes.length + 1);
  data.set(bytes, 1);
  return (yield { kind: "sha256", data }) as Uint8Array;
}

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

function* tryOpen(
  note: unknown,
  key: PortableLogKey,
  errors: string[],
  label: string,
): TransparencySteps<Checkpoint | undefined> {
  if (typeof note !== "string" && !isUint8Array(note)) {
    errors.push(`[TRUST-080] the ${label} is not a signed note (text)`);
    return undefined;
  }
  try {
    return yield* openCheckpointSteps(note, key);
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
 * Steps of `verifyInclusion` (see there).
 *
 * @internal
 */
export function* inclusionSteps(
  attestation: unknown,
  proof: unknown,
  checkpoint: string | Uint8Array,
  key: PortableLogKey,
): TransparencySteps<InclusionVerificationResult> {
  requireKey(key);
  const errors: string[] = [];
  const opened = yield* tryOpen(checkpoint, key, errors, "checkpoint");
  const leafIndex = field(proof, "leafIndex");
  const treeSize = field(proof, "treeSize");
  if (!isTreeCount(leafIndex))
    errors.push("[TRUST-083] the proof's leafIndex is not a non-negative integer");
  if (!isTreeCount(treeSize))
    errors.push("[TRUST-083] the proof's treeSize is not a non-negative integer");
  const hashes = readHashes(field(proof, "hashes"), errors);
  let leafHash: Uint8Array | undefined;
  try {
    leafHash = yield* leafHashSteps(canonicalize(attestation));
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
      !((yield {
        kind: "merkle-inclusion",
        leafIndex: leafIndex as number,
        treeSize: opened.treeSize,
        leafHash,
        hashes,
        rootHash: opened.rootHash,
      }) as boolean)
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
 * Steps of `verifyConsistency` (see there).
 *
 * @internal
 */
export function* consistencySteps(
  oldCheckpoint: string | Uint8Array,
  newCheckpoint: string | Uint8Array,
  proof: unknown,
  key: PortableLogKey,
): TransparencySteps<ConsistencyVerificationResult> {
  requireKey(key);
  const errors: string[] = [];
  const older = yield* tryOpen(oldCheckpoint, key, errors, "old checkpoint");
  const newer = yield* tryOpen(newCheckpoint, key, errors, "new checkpoint");
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
        ? hashes.length === 0 &&
          equalBytes(
            older.rootHash,
            (yield { kind: "sha256", data: new Uint8Array(0) }) as Uint8Array,
          )
        : ((yield {
            kind: "merkle-consistency",
            size1: older.treeSize,
            size2: newer.treeSize,
            hashes,
            root1: older.rootHash,
            root2: newer.rootHash,
          }) as boolean);
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
