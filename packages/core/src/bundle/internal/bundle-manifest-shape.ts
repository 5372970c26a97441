import { decodeBase64Strict } from "../../crypto/base64.js";
import { isPrefixedHash } from "../../hashing/internal/prefixed-hash.js";
import { isSemver } from "../../runtime/internal/semver.js";
import { isObjectRecord } from "../../internal/type-checks.js";

const MANIFEST_MEMBERS = new Set([
  "bundleManifestVersion",
  "policyId",
  "policyVersion",
  "schemaVersion",
  "artifacts",
  "bundleHash",
  "runtimeRequirements",
]);
const REQUIREMENT_MEMBERS = new Set([
  "minRuntimeVersion",
  "evaluatorSemanticVersion",
  "schemaVersion",
  "capabilities",
]);
// Artifact paths stay inside the bundle folder: no absolute paths, no `..`, no backslashes.
const SAFE_PATH = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/** Every problem with the shape of a bundle manifest; empty when well formed. @internal */
export function bundleManifestProblems(value: unknown): string[] {
  if (!isObjectRecord(value)) return ["the manifest is not a JSON object"];
  const problems: string[] = [];
  for (const key of Object.keys(value))
    if (!MANIFEST_MEMBERS.has(key)) problems.push(`unknown member ${key}`);
  if (value["bundleManifestVersion"] !== "1") problems.push('bundleManifestVersion must be "1"');
  if (typeof value["policyId"] !== "string" || value["policyId"].length === 0)
    problems.push("policyId must be a non-empty string");
  if (!isSemver(value["policyVersion"])) problems.push("policyVersion must be a semver version");
  if (typeof value["schemaVersion"] !== "string") problems.push("schemaVersion must be a string");
  if (!isPrefixedHash(value["bundleHash"])) problems.push('bundleHash must be "sha256:<hex>"');
  const artifacts = value["artifacts"];
  if (!Array.isArray(artifacts) || artifacts.length === 0) {
    problems.push("artifacts must be a non-empty list");
  } else {
    const paths = new Set<unknown>();
    artifacts.forEach((artifact: unknown, index) => {
      if (
        !isObjectRecord(artifact) ||
        Object.keys(artifact).some((key) => key !== "path" && key !== "hash")
      ) {
        problems.push(`artifacts[${index}] must be { path, hash }`);
        return;
      }
      if (typeof artifact["path"] !== "string" || !SAFE_PATH.test(artifact["path"]))
        problems.push(`artifacts[${index}].path must be a relative path inside the bundle`);
      if (!isPrefixedHash(artifact["hash"]))
        problems.push(`artifacts[${index}].hash must be "sha256:<hex>"`);
      if (paths.has(artifact["path"])) problems.push(`artifacts[${index}].path is listed twice`);
      paths.add(artifact["path"]);
    });
    if (!paths.has("policy.json")) problems.push("artifacts must include policy.json");
  }
  const requirements = value["runtimeRequirements"];
  if (!isObjectRecord(requirements)) {
    problems.push("runtimeRequirements must be an object");
  } else {
    for (const key of Object.keys(requirements))
      if (!REQUIREMENT_MEMBERS.has(key)) problems.push(`unknown member runtimeRequirements.${key}`);
    if (!isSemver(requirements["minRuntimeVersion"]))
      problems.push("runtimeRequirements.minRuntimeVersion must be a semver version");
    if (!isSemver(requirements["evaluatorSemanticVersion"]))
      problems.push("runtimeRequirements.evaluatorSemanticVersion must be a semver version");
    if (typeof requirements["schemaVersion"] !== "string")
      problems.push("runtimeRequirements.schemaVersion must be a string");
    const capabilities = requirements["capabilities"];
    if (!Array.isArray(capabilities) || !capabilities.every((item) => typeof item === "string")) {
      problems.push("runtimeRequirements.capabilities must be a list of strings");
    }
  }
  return problems;
}

/** Every problem with the shape of bundle.sig; empty when well formed. @internal */
export function bundleSignatureProblems(value: unknown): string[] {
  if (!isObjectRecord(value)) return ["bundle.sig is not a JSON object"];
  const problems: string[] = [];
  if (typeof value["keyId"] !== "string" || value["keyId"].length === 0)
    problems.push("keyId must be a non-empty string");
  if (value["algorithm"] !== "ed25519" && value["algorithm"] !== "ecdsa-p256-sha256")
    problems.push('algorithm must be "ed25519" or "ecdsa-p256-sha256"');
  if (
    typeof value["signature"] !== "string" ||
    decodeBase64Strict(value["signature"]) === undefined
  )
    problems.push("signature must be standard base64");
  for (const key of Object.keys(value))
    if (!["keyId", "algorithm", "signature"].includes(key)) problems.push(`unknown member ${key}`);
  return problems;
}
