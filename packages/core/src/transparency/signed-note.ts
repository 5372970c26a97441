import { decodeBase64Strict } from "../crypto/base64.js";
import { toPublicKeyObject, type PublicKeyInput } from "../crypto/keys.js";
import type { Signer } from "../crypto/signer.types.js";
import { TrustError } from "../errors/parmana-error.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { runSteps } from "../internal/run-steps.js";
import { verifyMessage } from "../internal/node-crypto.js";
import { answerTransparencyRequest } from "./internal/answer-transparency.js";
import { ED25519_SIGNATURE_SIZE, badKey, checkNoteText, formatSignedNote } from "./note-format.js";
import {
  noteKeyIdSteps,
  noteVerifierKeySteps,
  openSignedNoteSteps,
  parseNoteVerifierKeySteps,
} from "./internal/note-key-steps.js";
import type { NoteSignature, NoteVerifierKey } from "./transparency.types.js";

const UTF8 = new TextEncoder();

/**
 * The 32-bit key ID of an Ed25519 note key: the first four bytes, big-endian, of
 * SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key) (c2sp.org/signed-note, Ed25519 signatures).
 *
 * @param name - the key name
 * @param publicKey - the Ed25519 public key (PEM, KeyObject or 32 raw bytes)
 * @returns the key ID as an unsigned 32-bit integer
 * @throws TrustError `TRUST-087` when the name is not a valid key name or the key is not Ed25519
 * @see https://c2sp.org/signed-note
 * @example
 * ```ts
 * noteKeyId("example.com/foo", rawPublicKey).toString(16).padStart(8, "0");
 * ```
 */
export function noteKeyId(name: string, publicKey: PublicKeyInput): number {
  try {
    return runSteps(noteKeyIdSteps(name, publicKey), answerTransparencyRequest);
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-087", "noteKeyId");
  }
}

/**
 * Builds the Ed25519 verifier key of a note key.
 *
 * @param name - the key name (conventionally the log's origin)
 * @param publicKey - the Ed25519 public key
 * @returns the key with its computed key ID
 * @throws TrustError `TRUST-087` for an invalid name or a key that is not Ed25519
 * @example
 * ```ts
 * const key = noteVerifierKey("audit.example.com/decisions", publicKeyPem);
 * ```
 */
export function noteVerifierKey(name: string, publicKey: PublicKeyInput): NoteVerifierKey {
  return runSteps(noteVerifierKeySteps(name, publicKey), answerTransparencyRequest);
}

/**
 * Reads a `vkey` string. Only Ed25519 (type 0x01) keys are accepted, and the key ID must be the
 * one the name and key give.
 *
 * @param vkey - `name+hex(key ID)+base64(0x01 ‖ public key)`
 * @returns the verifier key
 * @throws TrustError `TRUST-087` when the string is malformed, of another type, or its ID is wrong
 * @example
 * ```ts
 * const key = parseNoteVerifierKey("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
 * ```
 */
export function parseNoteVerifierKey(vkey: string): NoteVerifierKey {
  return runSteps(parseNoteVerifierKeySteps(vkey), answerTransparencyRequest);
}

/** Signs note text with an Ed25519 key under a key name. */
export interface NoteSigner {
  /** The key name written on the signature line. */
  readonly name: string;
  /** The key ID of the name and the public key. */
  readonly keyId: number;
  /** Signs the note text (its UTF-8 bytes). */
  sign(text: string): Promise<Uint8Array>;
}

/**
 * Makes a note signer from any Ed25519 {@link Signer} (a `LocalSigner`, or a Vault or other remote
 * signer) and its public key: the signer's `sign` receives the note text, whose UTF-8 bytes are
 * what Ed25519 signs, exactly as the signed-note format requires.
 *
 * @param name - the key name (conventionally the log's origin)
 * @param signer - an Ed25519 signer
 * @param publicKey - the signer's public key, for the key ID
 * @returns a note signer
 * @throws TrustError `TRUST-087` for an invalid name, a non-Ed25519 key or signer
 * @example
 * ```ts
 * const noteSigner = createNoteSigner("audit.example.com/decisions", new LocalSigner(privateKeyPem), publicKeyPem);
 * ```
 */
export function createNoteSigner(
  name: string,
  signer: Signer,
  publicKey: PublicKeyInput,
): NoteSigner {
  try {
    if (signer === null || typeof signer !== "object" || typeof signer.sign !== "function") {
      throw badKey("a note signer needs a Signer with a sign method");
    }
    if (signer.algorithm !== undefined && signer.algorithm !== "ed25519") {
      throw badKey(`note signatures are Ed25519; the signer's algorithm is ${signer.algorithm}`);
    }
    const keyId = noteKeyId(name, publicKey);
    const verifierKey = toPublicKeyObject(publicKey);
    return {
      name,
      keyId,
      async sign(text: string): Promise<Uint8Array> {
        const signature = decodeBase64Strict(await signer.sign(text));
        // A signer holding another key would publish notes nobody can verify: catch it here.
        if (
          signature === undefined ||
          signature.length !== ED25519_SIGNATURE_SIZE ||
          !verifyMessage(UTF8.encode(text), verifierKey, signature)
        ) {
          throw new TrustError(
            "TRUST-087",
            "the signer's signature does not verify under its public key",
          );
        }
        return signature;
      },
    };
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-087", "createNoteSigner");
  }
}

/**
 * Signs note text and returns the signed note.
 *
 * @param text - the note text, ending with a newline
 * @param signers - one or more note signers
 * @returns the signed note text
 * @throws TrustError `TRUST-080` malformed text; `TRUST-087` a signer with the wrong key
 * @example
 * ```ts
 * const note = await signNote("hello\n", noteSigner);
 * ```
 */
export async function signNote(
  text: string,
  signers: NoteSigner | readonly NoteSigner[],
): Promise<string> {
  checkNoteText(text);
  const list = Array.isArray(signers)
    ? (signers as readonly NoteSigner[])
    : [signers as NoteSigner];
  const signatures: NoteSignature[] = [];
  for (const signer of list) {
    signatures.push({
      keyName: signer.name,
      keyId: signer.keyId,
      signature: await signer.sign(text),
    });
  }
  return formatSignedNote({ text, signatures });
}

/**
 * Parses a signed note and checks it against trusted keys, following the format's rules:
 * signatures from unknown keys (name and ID not both matching) are ignored; a signature from a
 * known key that fails rejects the whole note; at least one known key must have signed.
 *
 * @param note - the signed note
 * @param keys - the trusted verifier keys
 * @returns the note text and the names of the keys whose signatures verified
 * @throws TrustError `TRUST-080` malformed note; `TRUST-082` no trusted signature, or a bad one
 * @see https://c2sp.org/signed-note
 * @example
 * ```ts
 * const { text } = openSignedNote(note, [parseNoteVerifierKey(vkey)]);
 * ```
 */
export function openSignedNote(
  note: string | Uint8Array,
  keys: readonly NoteVerifierKey[],
): { readonly text: string; readonly verifiedBy: readonly string[] } {
  return runSteps(openSignedNoteSteps(note, keys), answerTransparencyRequest);
}
