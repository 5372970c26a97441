import { isPrefixedHash } from "../../hashing/internal/prefixed-hash.js";
import type { RuntimeManifest } from "../runtime-manifest.types.js";
import { isSemver } from "./semver.js";
import { isObjectRecord } from "../../internal/type-checks.js";

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function fileMapProblems(value: unknown, where: string): string[] {
  if (!isObjectRecord(value)) return [`${where} must be an object of file path to "sha256:<hex>"`];
  return Object.entries(value)
    .filter(([, hash]) => !isPrefixedHash(hash))
    .map(([name]) => `${where}["${name}"] is not a "sha256:<hex>" hash`);
}

/** Every problem with the shape of a runtime manifest; empty when well formed. @internal */
export function runtimeManifestProblems(value: unknown): string[] {
  if (!isObjectRecord(value)) return ["the runtime manifest is not a JSON object"];
  const problems: string[] = [];
  if (value["runtimeManifestVersion"] !== "1") problems.push('runtimeManifestVersion must be "1"');
  if (value["source"] !== "build" && value["source"] !== "development")
    problems.push('source must be "build" or "development"');
  if (!isSemver(value["runtimeVersion"])) problems.push("runtimeVersion must be a semver version");
  if (!isSemver(value["evaluatorSemanticVersion"]))
    problems.push("evaluatorSemanticVersion must be a semver version");
  if (!isPrefixedHash(value["evaluatorSemanticHash"]))
    problems.push('evaluatorSemanticHash must be "sha256:<hex>"');
  if (!isPrefixedHash(value["evaluatorArtifactHash"]))
    problems.push('evaluatorArtifactHash must be "sha256:<hex>"');
  if (!isStringList(value["supportedSchemaVersions"]))
    problems.push("supportedSchemaVersions must be a list of strings");
  if (!isStringList(value["capabilities"])) problems.push("capabilities must be a list of strings");
  problems.push(...fileMapProblems(value["files"], "files"));
  const known = new Set([
    "runtimeManifestVersion",
    "source",
    "runtimeVersion",
    "evaluatorSemanticVersion",
    "evaluatorSemanticHash",
    "supportedSchemaVersions",
    "capabilities",
    "files",
    "evaluatorArtifactHash",
    "runtimeHash",
  ]);
  for (const key of Object.keys(value)) if (!known.has(key)) problems.push(`unknown member ${key}`);
  if (value["runtimeHash"] !== undefined && !isPrefixedHash(value["runtimeHash"]))
    problems.push('runtimeHash must be "sha256:<hex>"');
  return problems;
}

/**
 * A runtime manifest without the `runtimeHash` member that `getRuntimeManifest()` adds: the
 * part the hash covers. @internal
 */
export function runtimeManifestDefinition(manifest: RuntimeManifest): RuntimeManifest {
  if (!Object.hasOwn(manifest, "runtimeHash")) return manifest;
  const { runtimeHash: _stated, ...definition } = manifest as RuntimeManifest & {
    readonly runtimeHash?: unknown;
  };
  return definition;
}

/** Every problem with the shape of a release manifest; empty when well formed. @internal */
export function releaseManifestProblems(value: unknown): string[] {
  if (!isObjectRecord(value)) return ["the release manifest is not a JSON object"];
  const problems: string[] = [];
  if (value["releaseManifestVersion"] !== "1") problems.push('releaseManifestVersion must be "1"');
  if (value["source"] !== "build" && value["source"] !== "development")
    problems.push('source must be "build" or "development"');
  const packages = value["packages"];
  if (!isObjectRecord(packages)) {
    problems.push("packages must be an object keyed by package name");
  } else {
    for (const [name, entry] of Object.entries(packages)) {
      if (!isObjectRecord(entry)) {
        problems.push(`packages["${name}"] must be an object`);
        continue;
      }
      if (!isSemver(entry["version"]))
        problems.push(`packages["${name}"].version must be a semver version`);
      problems.push(...fileMapProblems(entry["files"], `packages["${name}"].files`));
    }
  }
  return problems;
}
