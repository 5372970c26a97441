import {
  canonicalize,
  invalidTrustRootError,
  isPlainRecord,
  ParmanaError,
  TrustError,
  trustRootHashInput,
  trustRootProblems,
  type TrustRoot,
  type TrustRootKey,
} from "@parmanasystems/core/portable";
import { prepareCanonicalHash } from "../crypto/canonical-hasher.js";
import { importPublicKey } from "../keys/import-public-key.js";
import type { VerificationKey } from "../keys/verification-key.types.js";

/** A validated trust root with its keys imported for WebCrypto. */
export interface LoadedTrustRoot {
  readonly root: TrustRoot;
  /** Each key of `root` (by object) to its imported form, or undefined when unusable. */
  readonly keys: ReadonlyMap<TrustRootKey, VerificationKey | undefined>;
}

// Keyed on the root's canonical text, never on the caller's object: a root edited in place (a key
// revoked) is validated and imported again.
const cache = new Map<string, Promise<LoadedTrustRoot>>();
const CACHE_SIZE = 16;

/**
 * Validates a trust root exactly as `@parmanasystems/core`'s `loadTrustRoot` does (every
 * problem, `TRUST-003`..`TRUST-014`, the rotation records and the root hash) and imports its
 * keys.
 *
 * @param input - a trust root object or its JSON text
 * @returns the validated root (a deep-frozen copy) and its imported keys
 * @throws TrustError `TRUST-001` text that is not JSON, `TRUST-002` an invalid root
 * @internal
 */
export function loadTrustRoot(input: unknown): Promise<LoadedTrustRoot> {
  const value = typeof input === "string" ? parseRootText(input) : input;
  let text: string;
  try {
    text = canonicalize(value);
  } catch {
    // Not plain JSON: the validation below reports why, as core does.
    return load(value);
  }
  let pending = cache.get(text);
  if (pending === undefined) {
    pending = load(JSON.parse(text) as unknown);
    cache.set(text, pending);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    pending.catch(() => cache.delete(text));
  }
  return pending;
}

async function load(value: unknown): Promise<LoadedTrustRoot> {
  const pems = new Set<string>();
  if (isPlainRecord(value) && Array.isArray(value["keys"])) {
    for (const key of value["keys"] as unknown[]) {
      if (isPlainRecord(key) && typeof key["publicKey"] === "string") pems.add(key["publicKey"]);
    }
  }
  const imported = new Map<string, VerificationKey | ParmanaError>();
  for (const pem of pems) {
    try {
      imported.set(pem, await importPublicKey(pem));
    } catch (error) {
      imported.set(
        pem,
        ParmanaError.isInstance(error)
          ? (error as ParmanaError)
          : new TrustError("TRUST-008", "unusable key"),
      );
    }
  }
  const rootHash = await prepareCanonicalHash(
    isPlainRecord(value) ? [trustRootHashInput(value)] : [],
  );
  const problems = trustRootProblems(value, {
    publicKeyAlgorithm(pem: string): string {
      const key = imported.get(pem);
      if (key === undefined || key instanceof Error) throw key ?? new Error("unparseable PEM");
      return key.algorithm;
    },
    rootHash: (root) => rootHash(trustRootHashInput(root)),
  });
  if (problems.length > 0) throw invalidTrustRootError(problems);
  const root = deepFreeze(JSON.parse(JSON.stringify(value)) as TrustRoot);
  const keys = new Map<TrustRootKey, VerificationKey | undefined>();
  for (const key of root.keys) {
    const found = imported.get(key.publicKey);
    keys.set(key, found instanceof Error ? undefined : found);
  }
  return { root, keys };
}

function parseRootText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new TrustError("TRUST-001", "trust root text is not valid JSON", { cause, details: {} });
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/**
 * True for something shaped like a trust root (an object with `trustRootVersion` and `keys`),
 * as opposed to a public key.
 *
 * @internal
 */
export function looksLikeTrustRoot(value: unknown): boolean {
  if (typeof value === "string") return value.trimStart().startsWith("{");
  return isPlainRecord(value) && "trustRootVersion" in value && "keys" in value;
}
