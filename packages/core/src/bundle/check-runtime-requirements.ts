import { codedBoundary } from "../internal/coded-boundary.js";
import { malformedInput } from "../internal/malformed-input.js";
import { getRuntimeManifest } from "../runtime/get-runtime-manifest.js";
import type { RuntimeManifest } from "../runtime/runtime-manifest.types.js";
import { compareSemver, parseSemver } from "../runtime/internal/semver.js";
import type { RuntimeRequirements } from "./bundle.types.js";

/**
 * Every way a runtime falls short of a bundle's requirements: too old a version, another
 * evaluator semantics major version, an unsupported schema version, missing capabilities.
 * Minor semantics versions only add meaning, and what a policy uses is named by capabilities,
 * so only the major version must match.
 *
 * @param requirements - a bundle manifest's `runtimeRequirements`
 * @param runtime - the runtime manifest to check; the running one by default
 * @returns the problems, empty when the runtime meets every requirement
 * @throws TrustError as `getRuntimeManifest` when the running runtime's manifest is broken,
 *   `TRUST-070` when `requirements` or `runtime` cannot be read as such
 */
export function checkRuntimeRequirements(
  requirements: RuntimeRequirements,
  runtime: RuntimeManifest = getRuntimeManifest(),
): string[] {
  return codedBoundary(
    () => unmetRequirements(requirements, runtime),
    (raw) =>
      malformedInput(
        "checkRuntimeRequirements",
        "runtime requirements and a runtime manifest",
        raw,
      ),
  );
}

function unmetRequirements(requirements: RuntimeRequirements, runtime: RuntimeManifest): string[] {
  const problems: string[] = [];
  const minimum = parseSemver(requirements.minRuntimeVersion);
  const actual = parseSemver(runtime.runtimeVersion);
  if (minimum === undefined || actual === undefined) {
    problems.push(
      `minRuntimeVersion ${String(requirements.minRuntimeVersion)} cannot be compared with runtime ${runtime.runtimeVersion}`,
    );
  } else if (compareSemver(actual, minimum) < 0) {
    problems.push(
      `the bundle needs runtime ${requirements.minRuntimeVersion} or later, this runtime is ${runtime.runtimeVersion}`,
    );
  }
  const requiredSemantics = parseSemver(requirements.evaluatorSemanticVersion);
  const actualSemantics = parseSemver(runtime.evaluatorSemanticVersion);
  if (
    requiredSemantics === undefined ||
    actualSemantics === undefined ||
    requiredSemantics.major !== actualSemantics.major
  ) {
    problems.push(
      `the bundle was built for evaluator semantics ${String(requirements.evaluatorSemanticVersion)}, this runtime implements ${runtime.evaluatorSemanticVersion}`,
    );
  }
  if (!runtime.supportedSchemaVersions.includes(requirements.schemaVersion)) {
    problems.push(
      `schema version ${String(requirements.schemaVersion)} is not supported (supported: ${runtime.supportedSchemaVersions.join(", ")})`,
    );
  }
  const missing = requirements.capabilities.filter(
    (capability) => !runtime.capabilities.includes(capability),
  );
  if (missing.length > 0)
    problems.push(`this runtime lacks the capabilities ${missing.join(", ")}`);
  return problems;
}
