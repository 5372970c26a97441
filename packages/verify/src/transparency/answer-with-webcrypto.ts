import {
  equalBytes,
  inclusionProofSides,
  planConsistencyCheck,
  SignatureError,
  type TransparencyAnswer,
  type TransparencyRequest,
} from "@parmanasystems/core/portable";
import { subtle } from "../crypto/subtle.js";
import { importPublicKey } from "../keys/import-public-key.js";
import type { PublicKeyInput, VerificationKey } from "../keys/verification-key.types.js";

// The SPKI DER of an Ed25519 key is a 12-byte prefix and the 32 raw bytes (RFC 8410 §4).
const ED25519_SPKI_PREFIX_LENGTH = 12;

// Log keys are few and checked often: keep the imported ones by their raw bytes.
const logKeys = new Map<string, Promise<VerificationKey>>();
const LOG_KEY_CACHE_SIZE = 16;

function importLogKey(raw: Uint8Array): Promise<VerificationKey> {
  const id = Array.from(raw, (byte) => byte.toString(16).padStart(2, "0")).join("");
  let key = logKeys.get(id);
  if (key === undefined) {
    key = importPublicKey(Uint8Array.from(raw));
    logKeys.set(id, key);
    if (logKeys.size > LOG_KEY_CACHE_SIZE) logKeys.delete(logKeys.keys().next().value as string);
    key.catch(() => logKeys.delete(id));
  }
  return key;
}

async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest("SHA-256", data));
}

// RFC 9162 §2.1.1: an interior node is SHA-256(0x01 ‖ left ‖ right).
function hashChildren(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  const data = new Uint8Array(1 + left.length + right.length);
  data[0] = 0x01;
  data.set(left, 1);
  data.set(right, 1 + left.length);
  return sha256(data);
}

/**
 * Answers the shared transparency checks' requests with WebCrypto (core answers the same requests
 * with node:crypto), so both report the same results.
 *
 * @internal
 */
export async function answerWithWebCrypto(
  request: TransparencyRequest,
): Promise<TransparencyAnswer> {
  switch (request.kind) {
    case "ed25519-raw": {
      const key = await importPublicKey(request.publicKey as PublicKeyInput);
      if (key.algorithm !== "ed25519") throw new SignatureError("SIG-002", "not an Ed25519 key");
      return key.spki.slice(ED25519_SPKI_PREFIX_LENGTH);
    }
    case "sha256":
      return sha256(request.data);
    case "ed25519-verify": {
      const key = await importLogKey(request.publicKey);
      try {
        return await subtle().verify(
          { name: "Ed25519" },
          key.cryptoKey,
          request.signature,
          request.message,
        );
      } catch {
        return false;
      }
    }
    case "merkle-inclusion": {
      const sides = inclusionProofSides(
        request.leafIndex,
        request.treeSize,
        request.leafHash,
        request.hashes,
      );
      if (sides === undefined) return false;
      let node = request.leafHash;
      for (const [i, left] of sides.entries()) {
        const sibling = request.hashes[i] as Uint8Array;
        node = left ? await hashChildren(sibling, node) : await hashChildren(node, sibling);
      }
      return equalBytes(node, request.rootHash);
    }
    case "merkle-consistency": {
      const plan = planConsistencyCheck(
        request.size1,
        request.size2,
        request.hashes,
        request.root1,
        request.root2,
      );
      if ("verdict" in plan) return plan.verdict;
      let first = plan.path[0] as Uint8Array;
      let second = first;
      for (const [i, left] of plan.sides.entries()) {
        const node = plan.path[i + 1] as Uint8Array;
        if (left) {
          first = await hashChildren(node, first);
          second = await hashChildren(node, second);
        } else {
          second = await hashChildren(second, node);
        }
      }
      return equalBytes(first, request.root1) && equalBytes(second, request.root2);
    }
  }
}
