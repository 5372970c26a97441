// Platform-neutral (no node: import): note verifier keys and signature checks of
// c2sp.org/signed-note, shared as source with @parmanasystems/verify. Hashing, reading a public
// key and verifying Ed25519 are asked of the platform (see transparency-steps.types.ts).
import { decodeBase64Strict } from "../../crypto/base64.js";
import { TrustError } from "../../errors/parmana-error.js";
import {
  ED25519_PUBLIC_KEY_SIZE,
  ED25519_SIGNATURE_SIZE,
  ED25519_SIGNATURE_TYPE,
  badKey,
  hex8,
  isValidNoteKeyName,
  parseSignedNote,
  readUint32,
} from "../note-format.js";
import type { TransparencySteps } from "./transparency-steps.types.js";
import type { NoteVerifierKey } from "../transparency.types.js";

const UTF8 = new TextEncoder();

/** The raw Ed25519 key, or `TRUST-087` when the key is not a usable Ed25519 public key. */
function* rawEd25519Steps(publicKey: unknown): TransparencySteps<Uint8Array> {
  try {
    return (yield { kind: "ed25519-raw", publicKey }) as Uint8Array;
  } catch (cause) {
    throw badKey("the log key must be an Ed25519 public key", cause);
  }
}

/**
 * Steps of `noteKeyId`: the first four bytes, big-endian, of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key).
 *
 * @internal
 */
export function* noteKeyIdSteps(name: string, publicKey: unknown): TransparencySteps<number> {
  if (!isValidNoteKeyName(name))
    throw badKey(`${JSON.stringify(name)} is not a valid note key name`);
  const raw = yield* rawEd25519Steps(publicKey);
  const nameBytes = UTF8.encode(name);
  const data = new Uint8Array(nameBytes.length + 2 + raw.length);
  data.set(nameBytes, 0);
  data.set([0x0a, ED25519_SIGNATURE_TYPE], nameBytes.length);
  data.set(raw, nameBytes.length + 2);
  return readUint32((yield { kind: "sha256", data }) as Uint8Array);
}

/**
 * Steps of `noteVerifierKey`.
 *
 * @internal
 */
export function* noteVerifierKeySteps(
  name: string,
  publicKey: unknown,
): TransparencySteps<NoteVerifierKey> {
  const raw = yield* rawEd25519Steps(publicKey);
  return { name, keyId: yield* noteKeyIdSteps(name, raw), publicKey: raw };
}

/**
 * Steps of `parseNoteVerifierKey`.
 *
 * @internal
 */
export function* parseNoteVerifierKeySteps(vkey: string): TransparencySteps<NoteVerifierKey> {
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
  const key = yield* noteVerifierKeySteps(name, bytes.subarray(1));
  if (hex8(key.keyId) !== id) throw badKey("the verifier key's ID does not match its name and key");
  return key;
}

/**
 * Steps of `openSignedNote`: signatures from unknown keys are ignored, a failing signature from a
 * known key rejects the note, and at least one known key must have signed.
 *
 * @internal
 */
export function* openSignedNoteSteps(
  note: string | Uint8Array,
  keys: readonly NoteVerifierKey[],
): TransparencySteps<{ readonly text: string; readonly verifiedBy: readonly string[] }> {
  const parsed = parseSignedNote(note);
  const message = UTF8.encode(parsed.text);
  const verifiedBy: string[] = [];
  for (const sig of parsed.signatures) {
    const key = keys.find((k) => k.name === sig.keyName && k.keyId === sig.keyId);
    if (key === undefined) continue;
    const ok =
      sig.signature.length === ED25519_SIGNATURE_SIZE &&
      ((yield {
        kind: "ed25519-verify",
        message,
        publicKey: key.publicKey,
        signature: sig.signature,
      }) as boolean);
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
