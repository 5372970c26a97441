import { canonicalHash } from "../../hashing/sha256.js";
import { runtimeManifestDefinition, runtimeManifestProblems } from "./runtime-manifest-shape.js";
import type { RuntimeManifest } from "../runtime-manifest.types.js";

/**
 * Every problem with a runtime manifest: its shape, and a stated `runtimeHash` (as
 * `getRuntimeManifest()` returns it) that is not the hash of the rest. Kept apart from the shape
 * check, which is platform-neutral and shared with the WebCrypto verifier. @internal
 */
export function runtimeManifestHashProblems(value: unknown): string[] {
  const problems = runtimeManifestProblems(value);
  if (problems.length > 0) return problems;
  const stated = (value as { readonly runtimeHash?: unknown }).runtimeHash;
  if (stated === undefined) return problems;
  const expected = canonicalHash(runtimeManifestDefinition(value as RuntimeManifest));
  return stated === expected
    ? problems
    : [`runtimeHash is not the hash of the manifest (expected ${expected})`];
}
