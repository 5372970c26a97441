import { exportEd25519PublicKeyRaw, toPublicKeyObject } from "../../crypto/keys.js";
import type { PublicKeyInput } from "../../crypto/keys.js";
import { isUint8Array } from "../../internal/is-uint8-array.js";
import { sha256Concat, verifyMessage, type KeyObject } from "../../internal/node-crypto.js";
import type { TransparencyAnswer, TransparencyRequest } from "./transparency-steps.types.js";
import { verifyConsistencyProof, verifyInclusionProof } from "../verify-merkle-proof.js";

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

// Reading a log key (parsing its PEM, or building a KeyObject from its raw bytes to check it, plus
// the weak-key check) costs several Ed25519 verifications, and the shared steps read the key twice
// per checkpoint (once for itself, once for its note key ID). A key given as text (PEM) or as raw
// bytes is remembered by that text, or by the bytes themselves, with the 32 raw bytes it was read
// as. Only keys that were read successfully are kept: a refused key is read (and refused) again on
// every call. A fresh copy is handed out each time, so no caller can alter what is cached.
const RAW_KEYS = new Map<string, Uint8Array>();
const RAW_KEY_CACHE_SIZE = 16;

function ed25519RawKey(publicKey: unknown): Uint8Array {
  const id = rawKeyCacheId(publicKey);
  const hit = id === undefined ? undefined : RAW_KEYS.get(id);
  if (hit !== undefined) return hit.slice();
  const raw = exportEd25519PublicKeyRaw(publicKey as PublicKeyInput);
  if (id !== undefined) {
    if (RAW_KEYS.size >= RAW_KEY_CACHE_SIZE) {
      RAW_KEYS.delete(RAW_KEYS.keys().next().value as string);
    }
    // Raw bytes are filed under the bytes that were read (what the key is), not under a second
    // reading of the caller's array.
    RAW_KEYS.set(isUint8Array(publicKey) ? rawId(raw) : id, raw.slice());
  }
  return raw;
}

/** The cache entry of a key given as text or as 32 raw bytes; other forms are not cached. */
function rawKeyCacheId(publicKey: unknown): string | undefined {
  if (typeof publicKey === "string") return `text:${publicKey}`;
  if (isUint8Array(publicKey) && publicKey.length === 32) return rawId(publicKey);
  return undefined;
}

function rawId(raw: Uint8Array): string {
  return `raw:${Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("hex")}`;
}

/**
 * Answers the shared transparency checks' requests with node:crypto, synchronously.
 *
 * @internal
 */
export function answerTransparencyRequest(request: TransparencyRequest): TransparencyAnswer {
  switch (request.kind) {
    case "ed25519-raw":
      return ed25519RawKey(request.publicKey);
    case "sha256":
      return sha256Concat([request.data]);
    case "ed25519-verify":
      return verifyMessage(request.message, ed25519KeyObject(request.publicKey), request.signature);
    case "merkle-inclusion":
      return verifyInclusionProof(
        request.leafIndex,
        request.treeSize,
        request.leafHash,
        request.hashes,
        request.rootHash,
      );
    case "merkle-consistency":
      return verifyConsistencyProof(
        request.size1,
        request.size2,
        request.hashes,
        request.root1,
        request.root2,
      );
  }
}
