import { exportEd25519PublicKeyRaw, toPublicKeyObject } from "../../crypto/keys.js";
import type { PublicKeyInput } from "../../crypto/keys.js";
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

/**
 * Answers the shared transparency checks' requests with node:crypto, synchronously.
 *
 * @internal
 */
export function answerTransparencyRequest(request: TransparencyRequest): TransparencyAnswer {
  switch (request.kind) {
    case "ed25519-raw":
      return exportEd25519PublicKeyRaw(request.publicKey as PublicKeyInput);
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
