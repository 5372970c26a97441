import { decodeBase64Strict, encodeBase64 } from "../crypto/base64.js";
import {
  exportEd25519PublicKeyRaw,
  toPublicKeyObject,
  type PublicKeyInput,
} from "../crypto/keys.js";
import type { Signer } from "../crypto/signer.types.js";
import { TrustError } from "../errors/parmana-error.js";
import { isUint8Array } from "../internal/is-uint8-array.js";
import { sha256Concat, verifyMessage, type KeyObject } from "../internal/node-crypto.js";
import type { NoteSignature, NoteVerifierKey, SignedNote } from "./transparency.types.js";
import { codedInputError } from "../errors/coded-input-guard.js";

// c2sp.org/signed-note: "— " (U+2014 EM DASH, space) opens every signature line.
const SIGNATURE_PREFIX = "\u2014 ";
const ED25519_SIGNATURE_TYPE = 0x01;
const ED25519_SIGNATURE_SIZE = 64;
const ED25519_PUBLIC_KEY_SIZE = 32;
/** More than the 16 signatures the format obliges verifiers to accept. */
const MAX_SIGNATURES = 64;
/** Caps the work an oversized note can cause (64 post-quantum signatures fit). */
const MAX_NOTE_LENGTH = 512 * 1024;
// Unicode spaces (White_Space) are not allowed in key names, nor is the vkey separator "+".
const BAD_KEY_NAME = /[\s\u0085+]/u;
// ASCII control characters other than newline are never allowed anywhere in a note.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/u;
const UTF8 = new TextEncoder();
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function malformed(message: string, details?: Record<string, unknown>): TrustError {
  return new TrustError("TRUST-080", message, details === undefined ? {} : { details });
}

function badKey(message: string, cause?: unknown): TrustError {
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
    if (!isValidNoteKeyName(name))
      throw badKey(`${JSON.stringify(name)} is not a valid note key name`);
    const raw = rawEd25519(publicKey);
    const digest = sha256Concat([
      UTF8.encode(name),
      Uint8Array.of(0x0a, ED25519_SIGNATURE_TYPE),
      raw,
    ]);
    return readUint32(digest);
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-087", "noteKeyId");
  }
}

function rawEd25519(publicKey: PublicKeyInput): Uint8Array {
  try {
    return exportEd25519PublicKeyRaw(publicKey);
  } catch (cause) {
    throw badKey("the log key must be an Ed25519 public key", cause);
  }
}

function readUint32(bytes: Uint8Array): number {
  return (
    (bytes[0] as number) * 0x1000000 +
    ((bytes[1] as number) << 16) +
    ((bytes[2] as number) << 8) +
    (bytes[3] as number)
  );
}

function uint32Bytes(value: number): Uint8Array {
  return Uint8Array.of(
    (value >>> 24) & 0xff,
    (value >>> 16) & 0xff,
    (value >>> 8) & 0xff,
    value & 0xff,
  );
}

function hex8(value: number): string {
  return value.toString(16).padStart(8, "0");
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
  const raw = rawEd25519(publicKey);
  return { name, keyId: noteKeyId(name, raw), publicKey: raw };
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
  if (typeof vkey !== "string") throw badKey("a verifier key is a string");
  // Split at the first two "+" only: names never hold one, but base64 key material may.
  const first = vkey.indexOf("+");
  const second = first < 0 ? -1 : vkey.indexOf("+", first + 1);
  if (second < 0) throw badKey("a verifier key has the form name+keyid+key");
  const name = vkey.slice(0, first);
  const id = vkey.slice(first + 1, second);
  const material = vkey.slice(second + 1);
  if (!isValidNoteKeyName(name)) throw badKey("the verifier key's name is not a valid key name");
  if (!/^[0-9a-f]{8}$/.test(id))
    throw badKey("the verifier key's ID is not 8 lowercase hex digits");
  const bytes = decodeBase64Strict(material);
  if (bytes === undefined || bytes.length !== 1 + ED25519_PUBLIC_KEY_SIZE) {
    throw badKey("the verifier key's material is not base64 of a type byte and a 32-byte key");
  }
  if (bytes[0] !== ED25519_SIGNATURE_TYPE) {
    throw badKey(
      `verifier key type 0x${hex8(bytes[0] as number).slice(6)} is not supported (Ed25519 only)`,
    );
  }
  const key = noteVerifierKey(name, bytes.subarray(1));
  if (hex8(key.keyId) !== id) throw badKey("the verifier key's ID does not match its name and key");
  return key;
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

function checkNoteText(text: unknown): asserts text is string {
  if (typeof text !== "string" || !text.endsWith("\n")) {
    throw malformed("the note text must end with a newline");
  }
  if (CONTROL.test(text))
    throw malformed("the note text holds a control character other than newline");
  if (/[\ud800-\udfff]/u.test(text)) throw malformed("the note text holds a lone surrogate");
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

// Building a KeyObject from raw bytes costs more than the Ed25519 verification itself; a verifier
// checks many checkpoints with the same few log keys, so keep the last few (public keys only).
const KEY_OBJECTS = new Map<string, KeyObject>();
const KEY_OBJECT_CACHE_SIZE = 16;

function ed25519KeyObject(raw: Uint8Array): KeyObject {
  const id = Buffer.from(raw).toString("hex");
  let key = KEY_OBJECTS.get(id);
  if (key === undefined) {
    key = toPublicKeyObject(raw);
    if (KEY_OBJECTS.size >= KEY_OBJECT_CACHE_SIZE) {
      KEY_OBJECTS.delete(KEY_OBJECTS.keys().next().value as string);
    }
    KEY_OBJECTS.set(id, key);
  }
  return key;
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
  const parsed = parseSignedNote(note);
  const message = UTF8.encode(parsed.text);
  const verifiedBy: string[] = [];
  for (const sig of parsed.signatures) {
    const key = keys.find((k) => k.name === sig.keyName && k.keyId === sig.keyId);
    if (key === undefined) continue;
    const ok =
      sig.signature.length === ED25519_SIGNATURE_SIZE &&
      verifyMessage(message, ed25519KeyObject(key.publicKey), sig.signature);
    if (!ok) {
      throw new TrustError("TRUST-082", `the signature by ${key.name} does not verify`, {
        details: { keyName: key.name, keyId: hex8(key.keyId) },
      });
    }
    verifiedBy.push(key.name);
  }
  if (verifiedBy.length === 0) {
    throw new TrustError("TRUST-082", "the note carries no signature by a trusted key", {
      details: { keys: keys.map((k) => `${k.name}+${hex8(k.keyId)}`) },
    });
  }
  return { text: parsed.text, verifiedBy };
}
