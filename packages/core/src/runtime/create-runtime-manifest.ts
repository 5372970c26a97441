import { canonicalHash } from "../hashing/sha256.js";
import { EVALUATOR_SEMANTICS, type EvaluatorSemanticsDescriptor } from "./evaluator-semantics.js";
import { SUPPORTED_SCHEMA_VERSIONS, runtimeCapabilities } from "./runtime-capabilities.js";
import type { RuntimeManifest, RuntimeManifestSource } from "./runtime-manifest.types.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { TrustError } from "../errors/parmana-error.js";

/** Input of {@link createRuntimeManifest}. */
export interface CreateRuntimeManifestOptions {
  /** Semver of `@parmanasystems/core`. */
  readonly runtimeVersion: string;
  /** `"sha256:<hex>"` of each built code file by path relative to `dist/`; `{}` from source. */
  readonly files: Readonly<Record<string, string>>;
  readonly source: RuntimeManifestSource;
  /** Evaluator semantics; the shipped descriptor by default (tests pass mutated copies). */
  readonly semantics?: EvaluatorSemanticsDescriptor;
}

/**
 * `canonicalHash` of an evaluator semantics descriptor: the `evaluatorSemanticHash`.
 *
 * @param descriptor - evaluator semantics; the shipped {@link EVALUATOR_SEMANTICS} by default
 * @returns `"sha256:<hex>"`
 */
export function computeEvaluatorSemanticHash(
  descriptor: EvaluatorSemanticsDescriptor = EVALUATOR_SEMANTICS,
): string {
  return canonicalHash(descriptor);
}

/**
 * The `evaluatorArtifactHash` of a set of built files. Core is bundled into one file per module
 * format, so the evaluator's built code is those files: the hash is `canonicalHash({ files })`.
 *
 * @param files - `"sha256:<hex>"` by path relative to `dist/`
 * @returns `"sha256:<hex>"`
 */
export function computeEvaluatorArtifactHash(files: Readonly<Record<string, string>>): string {
  return canonicalHash({ files });
}

/**
 * Builds a runtime manifest. The build script uses this (from the freshly built `dist`) to
 * write `dist/runtime-manifest.json`; running from source uses it with `files: {}`.
 *
 * @param options - version, built file hashes and source
 * @returns the manifest; its `canonicalHash` is the `runtimeHash`
 * @throws CanonicalizationError when `files` is not plain JSON
 */
export function createRuntimeManifest(options: CreateRuntimeManifestOptions): RuntimeManifest {
  try {
    const semantics = options.semantics ?? EVALUATOR_SEMANTICS;
    const files: Record<string, string> = {};
    // Sorted so the object is identical however the caller listed the files.
    for (const name of Object.keys(options.files).sort())
      files[name] = options.files[name] as string;
    return {
      runtimeManifestVersion: "1",
      source: options.source,
      runtimeVersion: options.runtimeVersion,
      evaluatorSemanticVersion: semantics.semanticsVersion,
      evaluatorSemanticHash: computeEvaluatorSemanticHash(semantics),
      supportedSchemaVersions: [...SUPPORTED_SCHEMA_VERSIONS],
      capabilities: [...runtimeCapabilities(semantics)],
      files,
      evaluatorArtifactHash: computeEvaluatorArtifactHash(files),
    };
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-070", "createRuntimeManifest");
  }
}
