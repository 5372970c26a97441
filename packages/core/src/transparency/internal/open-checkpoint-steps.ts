// Platform-neutral (no node: import): opening a signed checkpoint with a log key, shared as
// source with @parmanasystems/verify.
import { isUint8Array } from "../../internal/is-uint8-array.js";
import { TrustError } from "../../errors/parmana-error.js";
import { parseCheckpoint } from "../checkpoint-format.js";
import { isValidNoteKeyName, parseSignedNote } from "../note-format.js";
import {
  noteVerifierKeySteps,
  openSignedNoteSteps,
  parseNoteVerifierKeySteps,
} from "./note-key-steps.js";
import type { PortableLogKey, TransparencySteps } from "./transparency-steps.types.js";
import type { Checkpoint, NoteVerifierKey } from "../transparency.types.js";

/**
 * Steps that turn the key a caller gave into a note verifier key. A bare public key takes the
 * checkpoint's origin as its name (the format recommends that the log's key name be its origin).
 *
 * @internal
 */
export function* resolveLogKeySteps(
  key: PortableLogKey,
  origin: string | undefined,
): TransparencySteps<NoteVerifierKey> {
  if (typeof key === "string" && !key.includes("-----BEGIN"))
    return yield* parseNoteVerifierKeySteps(key);
  if (
    key !== null &&
    typeof key === "object" &&
    !isUint8Array(key) &&
    "name" in key &&
    "publicKey" in key
  ) {
    return yield* noteVerifierKeySteps(key.name as string, key.publicKey);
  }
  if (origin === undefined || !isValidNoteKeyName(origin)) {
    throw new TrustError(
      "TRUST-087",
      "the checkpoint's origin cannot serve as a key name; give the key as { name, publicKey } or a vkey",
    );
  }
  return yield* noteVerifierKeySteps(origin, key);
}

/**
 * Steps of `openCheckpoint`.
 *
 * @internal
 */
export function* openCheckpointSteps(
  note: string | Uint8Array,
  key: PortableLogKey,
): TransparencySteps<Checkpoint> {
  // The origin line is read before verifying only to name a bare key; nothing else is trusted yet.
  const { text: unverified } = parseSignedNote(note);
  const verifierKey = yield* resolveLogKeySteps(key, unverified.slice(0, unverified.indexOf("\n")));
  const { text } = yield* openSignedNoteSteps(note, [verifierKey]);
  return parseCheckpoint(text);
}
