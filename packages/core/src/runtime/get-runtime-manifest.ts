import type { ParmanaErrorCodeOf } from "../errors/parmana-error.js";
import { codedBoundary } from "../internal/coded-boundary.js";
import { malformedInput } from "../internal/malformed-input.js";
import { TrustError } from "../errors/parmana-error.js";
import { canonicalHash } from "../hashing/sha256.js";
import {
  computeEvaluatorArtifactHash,
  computeEvaluatorSemanticHash,
  createRuntimeManifest,
} from "./create-runtime-manifest.js";
import { EVALUATOR_SEMANTICS } from "./evaluator-semantics.js";
import { EMBEDDED_RUNTIME_IDENTITY } from "./internal/embedded-runtime-identity.js";
import { readSiblingFile } from "./read-sibling-file.js";
import { runtimeManifestHashProblems } from "./internal/runtime-manifest-hash-problems.js";
import {
  releaseManifestProblems,
  runtimeManifestDefinition,
} from "./internal/runtime-manifest-shape.js";
import type {
  ReleaseManifest,
  RunningRuntimeManifest,
  RuntimeIdentity,
  RuntimeManifest,
} from "./runtime-manifest.types.js";

/** Name of the core package in release manifests. */
export const CORE_PACKAGE_NAME = "@parmanasystems/core";

/** Version reported when running from source somewhere the package.json cannot be found. */
const UNKNOWN_DEVELOPMENT_VERSION = "0.0.0-development";

interface LoadedRuntime {
  readonly manifest: RunningRuntimeManifest;
  readonly release: ReleaseManifest;
  readonly identity: RuntimeIdentity;
}

let loaded: LoadedRuntime | undefined;

/**
 * The manifest of the running `@parmanasystems/core`, together with its `runtimeHash` (the value
 * every attestation it signs carries): read once from `dist/runtime-manifest.json` (written by
 * the build) and cached. When the code runs from source (vitest, tsx) there is no such file next
 * to the module, and the same manifest is computed in memory with `source: "development"` and
 * `files: {}`, so its `runtimeHash` differs from every build's.
 *
 * @returns the frozen runtime manifest with its `runtimeHash`
 * @throws TrustError `TRUST-060` the shipped manifest is malformed, `TRUST-061` it does not
 *   belong to this build, `TRUST-062` the release manifest beside it is missing or malformed
 * @example
 * ```ts
 * const { runtimeVersion, runtimeHash, capabilities } = getRuntimeManifest();
 * console.log(runtimeVersion, runtimeHash); // "0.1.0" "sha256:..."
 * ```
 */
export function getRuntimeManifest(): RunningRuntimeManifest {
  return loadRuntime().manifest;
}

/**
 * The release manifest shipped with the running core (`dist/release-manifest.json`): every
 * package's built files with their hashes. From source: a development manifest naming core
 * with no files.
 *
 * @returns the frozen release manifest
 * @throws TrustError as {@link getRuntimeManifest}
 */
export function getReleaseManifest(): ReleaseManifest {
  return loadRuntime().release;
}

/**
 * The runtime fields an attestation carries, computed once.
 *
 * @returns `{ runtimeVersion, runtimeHash, releaseManifestHash, evaluatorSemanticHash, evaluatorArtifactHash }`
 * @throws TrustError as {@link getRuntimeManifest}
 * @example
 * ```ts
 * const { runtimeHash } = getRuntimeIdentity(); // "sha256:..."
 * ```
 */
export function getRuntimeIdentity(): RuntimeIdentity {
  return loadRuntime().identity;
}

/**
 * The `runtimeHash` of a runtime manifest: the canonical hash of its definition. A `runtimeHash`
 * member (as `getRuntimeManifest()` returns it) is not part of the definition and is ignored.
 *
 * @param manifest - a runtime manifest
 * @returns `"sha256:<hex>"`
 * @throws CanonicalizationError when the manifest is not plain JSON
 * @example
 * ```ts
 * computeRuntimeHash(getRuntimeManifest()) === getRuntimeManifest().runtimeHash; // true
 * ```
 */
export function computeRuntimeHash(manifest: RuntimeManifest): string {
  return codedBoundary(
    () => canonicalHash(runtimeManifestDefinition(manifest)),
    (raw) => malformedInput("computeRuntimeHash", "a runtime manifest object", raw),
  );
}

function loadRuntime(): LoadedRuntime {
  if (loaded !== undefined) return loaded;
  // The copy compiled into the built code first: it survives bundling (esbuild, ncc, webpack).
  const manifestText =
    EMBEDDED_RUNTIME_IDENTITY?.runtimeManifest ?? readSiblingFile("./runtime-manifest.json");
  const manifest =
    manifestText === undefined ? developmentManifest() : parseBuiltManifest(manifestText);
  const release =
    manifestText === undefined ? developmentRelease(manifest.runtimeVersion) : parseRelease();
  const runtimeHash = computeRuntimeHash(manifest);
  const identity: RuntimeIdentity = Object.freeze({
    runtimeVersion: manifest.runtimeVersion,
    runtimeHash,
    releaseManifestHash: canonicalHash(release),
    evaluatorSemanticHash: manifest.evaluatorSemanticHash,
    evaluatorArtifactHash: manifest.evaluatorArtifactHash,
  });
  loaded = {
    manifest: deepFreeze({ ...runtimeManifestDefinition(manifest), runtimeHash }),
    release: deepFreeze(release),
    identity,
  };
  return loaded;
}

function developmentManifest(): RuntimeManifest {
  return createRuntimeManifest({
    runtimeVersion: sourcePackageVersion(),
    files: {},
    source: "development",
  });
}

function developmentRelease(version: string): ReleaseManifest {
  return {
    releaseManifestVersion: "1",
    source: "development",
    packages: { [CORE_PACKAGE_NAME]: { version, files: {} } },
  };
}

// From source, src/runtime/ is two levels below the package root.
function sourcePackageVersion(): string {
  const text = readSiblingFile("../../package.json");
  if (text === undefined) return UNKNOWN_DEVELOPMENT_VERSION;
  try {
    const parsed = JSON.parse(text) as { name?: unknown; version?: unknown };
    if (parsed.name === CORE_PACKAGE_NAME && typeof parsed.version === "string")
      return parsed.version;
  } catch {
    // An unrelated or broken package.json: fall through to the placeholder version.
  }
  return UNKNOWN_DEVELOPMENT_VERSION;
}

function parseBuiltManifest(text: string): RuntimeManifest {
  const value = parseJson(text, "TRUST-060", "dist/runtime-manifest.json");
  const problems = runtimeManifestHashProblems(value);
  if (problems.length > 0) {
    throw new TrustError(
      "TRUST-060",
      `dist/runtime-manifest.json is malformed: ${problems.join("; ")}`,
      {
        details: { problems },
      },
    );
  }
  const manifest = value as RuntimeManifest;
  // The manifest must describe the code that is running, or every attestation would lie.
  const mismatches: string[] = [];
  if (manifest.evaluatorSemanticHash !== computeEvaluatorSemanticHash(EVALUATOR_SEMANTICS)) {
    mismatches.push(
      "evaluatorSemanticHash differs from the evaluator semantics compiled into this build",
    );
  }
  if (manifest.evaluatorSemanticVersion !== EVALUATOR_SEMANTICS.semanticsVersion) {
    mismatches.push("evaluatorSemanticVersion differs from this build's");
  }
  if (manifest.evaluatorArtifactHash !== computeEvaluatorArtifactHash(manifest.files)) {
    mismatches.push("evaluatorArtifactHash is not the hash of files");
  }
  if (manifest.source !== "build") mismatches.push('source must be "build" in a shipped manifest');
  if (mismatches.length > 0) {
    throw new TrustError(
      "TRUST-061",
      `dist/runtime-manifest.json does not belong to this build: ${mismatches.join("; ")}`,
      {
        details: { problems: mismatches },
      },
    );
  }
  return manifest;
}

function parseRelease(): ReleaseManifest {
  const text =
    EMBEDDED_RUNTIME_IDENTITY?.releaseManifest ?? readSiblingFile("./release-manifest.json");
  if (text === undefined) {
    throw new TrustError(
      "TRUST-062",
      "dist/release-manifest.json is missing beside dist/runtime-manifest.json; rebuild with `pnpm build`",
    );
  }
  const value = parseJson(text, "TRUST-062", "dist/release-manifest.json");
  const problems = releaseManifestProblems(value);
  if (problems.length > 0) {
    throw new TrustError(
      "TRUST-062",
      `dist/release-manifest.json is malformed: ${problems.join("; ")}`,
      {
        details: { problems },
      },
    );
  }
  return value as ReleaseManifest;
}

function parseJson(text: string, code: ParmanaErrorCodeOf<"TRUST">, name: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new TrustError(code, `${name} is not valid JSON`, { cause });
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}
