import { runSteps } from "../internal/run-steps.js";
import { formatCheckpoint } from "./checkpoint-format.js";
import { answerTransparencyRequest } from "./internal/answer-transparency.js";
import { openCheckpointSteps, resolveLogKeySteps } from "./internal/open-checkpoint-steps.js";
import { signNote, type NoteSigner } from "./signed-note.js";
import type { LogVerificationKey } from "./log-verification-key.types.js";
import type { Checkpoint, NoteVerifierKey } from "./transparency.types.js";

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
  return signNote(formatCheckpoint(checkpoint), signer);
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
  return runSteps(resolveLogKeySteps(key, origin), answerTransparencyRequest);
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
  return runSteps(openCheckpointSteps(note, key), answerTransparencyRequest);
}
