// Platform-neutral (no node: import): the text formats of c2sp.org/signed-note, shared as source
// with @parmanasystems/verify. Nothing here verifies a signature.
import { decodeBase64Strict, encodeBase64 } from "../crypto/base64.js";
import { TrustError } from "../errors/parmana-error.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { isUint8Array } from "../internal/is-uint8-array.js";
import type { NoteSignature, NoteVerifierKey, SignedNote } from "./transparency.types.js";

/** c2sp.org/signed-note: "— " (U+2014 EM DASH, space) opens every signature line. @internal */
export const SIGNATURE_PREFIX = "\u2014 ";
/** @internal */
export const ED25519_SIGNATURE_TYPE = 0x01;
/** @internal */
export const ED25519_SIGNATURE_SIZE = 64;
/** @internal */
export const ED25519_PUBLIC_KEY_SIZE = 32;
/** More than the 16 signatures the format obliges verifiers to accept. */
const MAX_SIGNATURES = 64;
/** Caps the work an oversized note can cause (64 post-quantum signatures fit). */
const MAX_NOTE_LENGTH = 512 * 1024;
// Unicode spaces (White_Space) are not allowed in key names, nor is the vkey separator "+".
const BAD_KEY_NAME = /[\s\u0085+]/u;
// ASCII control characters other than newline are never allowed anywhere in a note.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/u;
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** @internal */
export function malformed(message: string, details?: Record<string, unknown>): TrustError {
  return new TrustError("TRUST-080", message, details === undefined ? {} : { details });
}

/** @internal */
export function badKey(message: string, cause?: unknown): TrustError {
  return new TrustError("TRUST-087", message, cause === undefined ? {} : { cause });
}

/**
 * Tells whether a string can be a note key name: non-empty, no Unicode space, no "+", no control
 * character (c2sp.org/signed-note).
 *
 * @param name - the candidate key name, e.g. `"audit.example.com/decisions"`
 * @returns true when the name is allowed
 * @example
 * ```ts
 * isValidNoteKeyName("audit.example.com/decisions"); // true
 * isValidNoteKeyName("my log"); // false
 * ```
 */
export function isValidNoteKeyName(name: unknown): name is string {
  return (
    typeof name === "string" && name.length > 0 && !BAD_KEY_NAME.test(name) && !CONTROL.test(name)
  );
}

/** @internal */
export function readUint32(bytes: Uint8Array): number {
  return (
    (bytes[0] as number) * 0x1000000 +
    ((bytes[1] as number) << 16) +
    ((bytes[2] as number) << 8) +
    (bytes[3] as number)
  );
}

/** @internal */
export function uint32Bytes(value: number): Uint8Array {
  return Uint8Array.of(
    (value >>> 24) & 0xff,
    (value >>> 16) & 0xff,
    (value >>> 8) & 0xff,
    value & 0xff,
  );
}

/** @internal */
export function hex8(value: number): string {
  return value.toString(16).padStart(8, "0");
}

/**
 * Writes a verifier key in the `vkey` text form: `name+hex(key ID)+base64(0x01 ‖ public key)`.
 *
 * @param key - from {@link noteVerifierKey}
 * @returns the vkey string, e.g. `example.com/foo+530d903a+AekyeRrm...`
 * @see https://c2sp.org/signed-note
 * @example
 * ```ts
 * formatNoteVerifierKey(noteVerifierKey("audit.example.com/decisions", publicKeyPem));
 * ```
 */
export function formatNoteVerifierKey(key: NoteVerifierKey): string {
  try {
    const material = new Uint8Array(1 + ED25519_PUBLIC_KEY_SIZE);
    material[0] = ED25519_SIGNATURE_TYPE;
    material.set(key.publicKey, 1);
    return `${key.name}+${hex8(key.keyId)}+${encodeBase64(material)}`;
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-087", "formatNoteVerifierKey");
  }
}

function noteString(note: string | Uint8Array): string {
  if (typeof note === "string") return note;
  if (!isUint8Array(note)) throw malformed("a signed note is text or UTF-8 bytes");
  try {
    return STRICT_UTF8.decode(note);
  } catch {
    throw malformed("the note is not valid UTF-8");
  }
}

/**
 * Takes a C2SP signed note apart: the text (through its final newline), then a blank line, then
 * one or more lines `— <key name> <base64(key ID ‖ signature)>`. Strict: any deviation is refused,
 * and signatures are not checked here ({@link openSignedNote} does that).
 *
 * @param note - the note, as text or UTF-8 bytes
 * @returns the text and the signature lines
 * @throws TrustError `TRUST-080` when the note is malformed, too large or has too many signatures
 * @see https://c2sp.org/signed-note
 * @example
 * ```ts
 * const { text, signatures } = parseSignedNote(readFileSync("checkpoint", "utf8"));
 * ```
 */
export function parseSignedNote(note: string | Uint8Array): SignedNote {
  const full = noteString(note);
  if (full.length > MAX_NOTE_LENGTH)
    throw malformed(`the note exceeds ${MAX_NOTE_LENGTH} characters`);
  if (CONTROL.test(full)) throw malformed("the note holds a control character other than newline");
  if (/[\ud800-\udfff]/u.test(full))
    throw malformed("the note is not valid UTF-8 (lone surrogate)");
  // The text ends at the last blank line; everything after it is signature lines.
  const split = full.lastIndexOf("\n\n");
  if (split < 0) throw malformed("the note has no blank line before its signatures");
  const text = full.slice(0, split + 1);
  const block = full.slice(split + 2);
  if (block.length === 0 || !block.endsWith("\n")) {
    throw malformed("the note's signature lines are missing or do not end with a newline");
  }
  const lines = block.slice(0, -1).split("\n");
  if (lines.length > MAX_SIGNATURES)
    throw malformed(`the note has more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line, i): NoteSignature => {
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw malformed(`signature line ${i + 1} does not start with "\u2014 "`, { line: i + 1 });
    }
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(" ");
    const keyName = space < 0 ? "" : rest.slice(0, space);
    if (!isValidNoteKeyName(keyName)) {
      throw malformed(`signature line ${i + 1} has no valid key name`, { line: i + 1 });
    }
    const bytes = decodeBase64Strict(rest.slice(space + 1));
    if (bytes === undefined || bytes.length < 5) {
      throw malformed(`signature line ${i + 1} is not base64 of a key ID and a signature`, {
        line: i + 1,
      });
    }
    return { keyName, keyId: readUint32(bytes), signature: bytes.slice(4) };
  });
  return { text, signatures };
}

/**
 * Writes a signed note: the text, a blank line, one line per signature.
 *
 * @param note - the text (must end with a newline) and its signatures
 * @returns the note as text
 * @throws TrustError `TRUST-080` when the text or a signature cannot be written as a valid note
 * @example
 * ```ts
 * formatSignedNote({ text: "hello\n", signatures: [sig] });
 * ```
 */
export function formatSignedNote(note: SignedNote): string {
  try {
    checkNoteText(note.text);
    if (note.signatures.length === 0) throw malformed("a signed note needs at least one signature");
    const lines = note.signatures.map((sig) => {
      if (!isValidNoteKeyName(sig.keyName)) throw malformed("a signature's key name is not valid");
      const bytes = new Uint8Array(4 + sig.signature.length);
      bytes.set(uint32Bytes(sig.keyId), 0);
      bytes.set(sig.signature, 4);
      return `${SIGNATURE_PREFIX}${sig.keyName} ${encodeBase64(bytes)}\n`;
    });
    return `${note.text}\n${lines.join("")}`;
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-080", "formatSignedNote");
  }
}

/** @internal */
export function checkNoteText(text: unknown): asserts text is string {
  if (typeof text !== "string" || !text.endsWith("\n")) {
    throw malformed("the note text must end with a newline");
  }
  if (CONTROL.test(text))
    throw malformed("the note text holds a control character other than newline");
  if (/[\ud800-\udfff]/u.test(text)) throw malformed("the note text holds a lone surrogate");
}
