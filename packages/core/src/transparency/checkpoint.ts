import { decodeBase64Strict, encodeBase64 } from "../crypto/base64.js";
import type { PublicKeyInput } from "../crypto/keys.js";
import { TrustError } from "../errors/parmana-error.js";
import { isUint8Array } from "../internal/is-uint8-array.js";
import { isTreeCount } from "./internal/tree-math.js";
import { MERKLE_HASH_SIZE } from "./merkle-hash.js";
import {
  isValidNoteKeyName,
  noteVerifierKey,
  openSignedNote,
  parseNoteVerifierKey,
  parseSignedNote,
  signNote,
  type NoteSigner,
} from "./signed-note.js";
import type { Checkpoint, LogVerificationKey, NoteVerifierKey } from "./transparency.types.js";
import { codedInputError } from "../errors/coded-input-guard.js";

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

/**
 * Signs a checkpoint: its note text, signed by the log's note signer.
 *
 * @param checkpoint - origin, tree size, root hash
 * @param signer - the log's note signer ({@link createNoteSigner}); its name should be the origin
 * @returns the signed checkpoint, as text
 * @throws TrustError `TRUST-081` bad checkpoint fields; `TRUST-087` a signer with the wrong key
 * @example
 * ```ts
 * const note = await signCheckpoint({ origin, treeSize, rootHash }, noteSigner);
 * ```
 */
export async function signCheckpoint(
  checkpoint: Pick<Checkpoint, "origin" | "treeSize" | "rootHash"> & {
    readonly extensions?: readonly string[];
  },
  signer: NoteSigner,
): Promise<string> {
  try {
    return signNote(formatCheckpoint(checkpoint), signer);
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-081", "signCheckpoint");
  }
}

/**
 * Turns the key a caller gave into a note verifier key. A bare public key takes the checkpoint's
 * origin as its name (the format recommends that the log's key name be its origin).
 *
 * @internal
 */
export function resolveLogKey(
  key: LogVerificationKey,
  origin: string | undefined,
): NoteVerifierKey {
  if (typeof key === "string" && !key.includes("-----BEGIN")) return parseNoteVerifierKey(key);
  if (
    key !== null &&
    typeof key === "object" &&
    !isUint8Array(key) &&
    "name" in key &&
    "publicKey" in key
  ) {
    return noteVerifierKey(key.name, key.publicKey);
  }
  if (origin === undefined || !isValidNoteKeyName(origin)) {
    throw new TrustError(
      "TRUST-087",
      "the checkpoint's origin cannot serve as a key name; give the key as { name, publicKey } or a vkey",
    );
  }
  return noteVerifierKey(origin, key as PublicKeyInput);
}

/**
 * Verifies a signed checkpoint with the log's key and returns its content. The note must carry a
 * valid signature by that key (other signatures, e.g. witnesses', are ignored).
 *
 * @param note - the signed checkpoint
 * @param key - the log key: a vkey, an Ed25519 public key (named by the checkpoint's origin), or `{ name, publicKey }`
 * @returns the verified checkpoint
 * @throws TrustError `TRUST-080` malformed note, `TRUST-081` malformed checkpoint, `TRUST-082` not
 *   signed by the key, `TRUST-087` unusable key
 * @example
 * ```ts
 * const { treeSize, rootHash } = openCheckpoint(readFileSync("checkpoint.txt", "utf8"), logPublicKeyPem);
 * ```
 */
export function openCheckpoint(note: string | Uint8Array, key: LogVerificationKey): Checkpoint {
  // The origin line is read before verifying only to name a bare key; nothing else is trusted yet.
  const { text: unverified } = parseSignedNote(note);
  const verifierKey = resolveLogKey(key, unverified.slice(0, unverified.indexOf("\n")));
  const { text } = openSignedNote(note, [verifierKey]);
  return parseCheckpoint(text);
}
