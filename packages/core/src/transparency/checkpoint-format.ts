// Platform-neutral (no node: import): the checkpoint text of c2sp.org/tlog-checkpoint, shared as
// source with @parmanasystems/verify.
import { decodeBase64Strict, encodeBase64 } from "../crypto/base64.js";
import { TrustError } from "../errors/parmana-error.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { isUint8Array } from "../internal/is-uint8-array.js";
import { MERKLE_HASH_SIZE, isTreeCount } from "./internal/tree-math.js";
import type { Checkpoint } from "./transparency.types.js";

const TREE_SIZE = /^(0|[1-9][0-9]*)$/;
const CONTROL = /[\u0000-\u001f\u007f]/u;

function malformed(message: string): TrustError {
  return new TrustError("TRUST-081", message);
}

/**
 * Writes the note text of a checkpoint (c2sp.org/tlog-checkpoint): the origin, the tree size in
 * decimal, the base64 root hash, and any extension lines, each ending with a newline.
 *
 * @param checkpoint - origin, tree size, 32-byte root hash, optional extension lines
 * @returns the note text (unsigned)
 * @throws TrustError `TRUST-081` when a field cannot be written as a valid checkpoint
 * @see https://c2sp.org/tlog-checkpoint
 * @example
 * ```ts
 * formatCheckpoint({ origin: "audit.example.com/decisions", treeSize: 8, rootHash, extensions: [] });
 * // "audit.example.com/decisions\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"
 * ```
 */
export function formatCheckpoint(
  checkpoint: Pick<Checkpoint, "origin" | "treeSize" | "rootHash"> & {
    readonly extensions?: readonly string[];
  },
): string {
  try {
    const { origin, treeSize, rootHash } = checkpoint;
    const extensions = checkpoint.extensions ?? [];
    if (typeof origin !== "string" || origin.length === 0 || CONTROL.test(origin)) {
      throw malformed("the origin must be a non-empty line of text");
    }
    if (!isTreeCount(treeSize))
      throw malformed("the tree size must be a safe non-negative integer");
    if (!isUint8Array(rootHash) || rootHash.length !== MERKLE_HASH_SIZE) {
      throw malformed("the root hash must be 32 bytes");
    }
    for (const line of extensions) {
      if (typeof line !== "string" || line.length === 0 || CONTROL.test(line)) {
        throw malformed("extension lines must be non-empty lines of text");
      }
    }
    return [origin, String(treeSize), encodeBase64(rootHash), ...extensions]
      .map((l) => `${l}\n`)
      .join("");
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-081", "formatCheckpoint");
  }
}

/**
 * Reads the note text of a checkpoint. Strict: the tree size has no leading zeroes and fits in a
 * safe integer, the root hash is canonical base64 of 32 bytes, no line is empty.
 *
 * @param text - the note text (signatures already removed; see {@link openCheckpoint})
 * @returns the checkpoint
 * @throws TrustError `TRUST-081` when the text is not a checkpoint
 * @see https://c2sp.org/tlog-checkpoint
 * @example
 * ```ts
 * parseCheckpoint("audit.example.com/decisions\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n").treeSize; // 8
 * ```
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== "string" || !text.endsWith("\n")) {
    throw malformed("the checkpoint text must end with a newline");
  }
  const lines = text.slice(0, -1).split("\n");
  if (lines.length < 3) throw malformed("a checkpoint has at least three lines");
  if (lines.some((line) => line.length === 0)) throw malformed("a checkpoint has no empty lines");
  if (lines.some((line) => CONTROL.test(line)))
    throw malformed("a checkpoint holds a control character");
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (!TREE_SIZE.test(size) || !Number.isSafeInteger(Number(size))) {
    throw malformed(
      `the tree size line ${JSON.stringify(size.slice(0, 40))} is not a decimal size`,
    );
  }
  const rootHash = decodeBase64Strict(root);
  if (rootHash === undefined || rootHash.length !== MERKLE_HASH_SIZE) {
    throw malformed("the root hash line is not base64 of 32 bytes");
  }
  return { origin, treeSize: Number(size), rootHash, extensions };
}
