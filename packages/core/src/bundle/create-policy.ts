import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { TrustError, ValidationError } from "../errors/parmana-error.js";
import { makeDirectory } from "../internal/make-directory.js";
import { isSafePolicyId } from "../policy/internal/identifiers.js";
import type { PolicyDocument } from "../policy/policy.types.js";
import { compareSemver, parseSemver, type SemVer } from "../runtime/internal/semver.js";
import {
  BUNDLE_MANIFEST_FILE,
  BUNDLE_SIGNATURE_FILE,
  POLICY_ARTIFACT,
  normalizeArtifactText,
} from "./bundle-files.js";

/** Where {@link createPolicy} / {@link upgradePolicy} wrote a policy. */
export interface PolicyLocation {
  readonly policyId: string;
  readonly policyVersion: string;
  /** The version folder. */
  readonly dir: string;
  /** The policy.json path. */
  readonly path: string;
}

/** Options of {@link createPolicy}. */
export interface CreatePolicyOptions {
  readonly description?: string;
}

/**
 * Scaffolds `<root>/<policyId>/1.0.0/policy.json`: one example signal, one example rule and a
 * catch-all rule last, so the policy decides every valid input. Refuses to touch an existing
 * policy.
 *
 * @param root - the policies root
 * @param policyId - a safe folder name: letters, digits, '.', '_', '-'
 * @param options - a description
 * @returns where the policy was written
 * @throws TrustError `TRUST-049` when the id is not a safe folder name or the policy exists;
 *   ValidationError `VAL-020` when `root` is not a path string or `options` cannot be read
 * @example
 * ```ts
 * createPolicy("./policies", "loan-approval").path; // ".../policies/loan-approval/1.0.0/policy.json"
 * ```
 */
export function createPolicy(
  root: string,
  policyId: string,
  options: CreatePolicyOptions = {},
): PolicyLocation {
  if (!isSafePolicyId(policyId)) {
    throw new TrustError(
      "TRUST-049",
      `${showPolicyId(policyId)} is not a valid policy id (letters, digits, '.', '_', '-', starting with a letter or digit)`,
    );
  }
  const policyDir = join(resolve(requireRoot(root, "createPolicy")), policyId);
  const description = readDescription(options);
  if (existsSync(policyDir)) {
    throw new TrustError(
      "TRUST-049",
      `policy ${policyId} already exists at ${policyDir}; create a new version with upgradePolicy() (command line: \`parmana policy upgrade ${policyId}\`)`,
      { details: { path: policyDir } },
    );
  }
  const document: PolicyDocument = {
    policyId,
    policyVersion: "1.0.0",
    schemaVersion: "1.0.0",
    description: description ?? `Decisions for ${policyId}.`,
    signalsSchema: { amount: { type: "number", description: "Amount requested." } },
    rules: [
      {
        id: "approve-small-amounts",
        condition: { all: [{ signal: "amount", less_than_or_equal: 1000 }] },
        outcome: {
          action: "approve",
          requires_override: false,
          reason: "Amount within the automatic approval limit.",
        },
      },
      {
        id: "default",
        condition: { all: [] },
        outcome: {
          action: "reject",
          requires_override: false,
          reason: "No approval rule matched.",
        },
      },
    ],
  };
  const dir = join(policyDir, "1.0.0");
  makeDirectory(dir);
  const path = join(dir, POLICY_ARTIFACT);
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`, { flag: "wx" });
  return { policyId, policyVersion: "1.0.0", dir, path };
}

/**
 * Copies the latest version of a policy (by semver precedence) to the next patch version, with
 * `policyVersion` updated, leaving every existing version untouched. Files beside policy.json
 * (test tables) are copied too; the bundle files are not, since the new version must be built
 * and signed again.
 *
 * @param root - the policies root
 * @param policyId - an existing policy
 * @returns where the new version was written
 * @throws TrustError `TRUST-049` bad id; `TRUST-050` no such policy or no version folder with a
 *   policy.json; `TRUST-048` the latest policy.json is not a JSON object; ValidationError
 *   `VAL-020` when `root` is not a path string
 * @example
 * ```ts
 * upgradePolicy("./policies", "loan-approval").policyVersion; // "1.0.1"
 * ```
 */
export function upgradePolicy(root: string, policyId: string): PolicyLocation {
  if (!isSafePolicyId(policyId))
    throw new TrustError("TRUST-049", `${showPolicyId(policyId)} is not a valid policy id`);
  const policyDir = join(resolve(requireRoot(root, "upgradePolicy")), policyId);
  let entries: string[];
  try {
    entries = readdirSync(policyDir);
  } catch {
    throw new TrustError("TRUST-050", `policy ${policyId} not found at ${policyDir}`, {
      details: { path: policyDir },
    });
  }
  const versions = entries
    .map((name) => ({ name, semver: parseSemver(name) }))
    .filter(
      (entry): entry is { name: string; semver: SemVer } =>
        entry.semver !== undefined && existsSync(join(policyDir, entry.name, POLICY_ARTIFACT)),
    )
    .sort((a, b) => compareSemver(a.semver, b.semver));
  const latest = versions.at(-1);
  if (latest === undefined)
    throw new TrustError(
      "TRUST-050",
      `policy ${policyId} has no version folder with a ${POLICY_ARTIFACT} in ${policyDir}`,
    );
  // The next patch of a prerelease is its release (1.1.0-rc.1 → 1.1.0), as semver orders them.
  const { major, minor, patch, prerelease } = latest.semver;
  const next =
    prerelease.length > 0 ? `${major}.${minor}.${patch}` : `${major}.${minor}.${patch + 1}`;
  const dir = join(policyDir, next);
  if (existsSync(dir))
    throw new TrustError("TRUST-049", `version ${next} of ${policyId} already exists at ${dir}`);

  const sourceDir = join(policyDir, latest.name);
  const text = normalizeArtifactText(readFileSync(join(sourceDir, POLICY_ARTIFACT), "utf8"));
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new TrustError("TRUST-048", `${join(sourceDir, POLICY_ARTIFACT)} is not valid JSON`);
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new TrustError("TRUST-048", `${join(sourceDir, POLICY_ARTIFACT)} is not a JSON object`);
  }
  cpSync(sourceDir, dir, {
    recursive: true,
    errorOnExist: true,
    force: false,
    filter: (source) =>
      ![BUNDLE_MANIFEST_FILE, BUNDLE_SIGNATURE_FILE].some(
        (name) => source.endsWith(`/${name}`) || source.endsWith(`\\${name}`),
      ),
  });
  const path = join(dir, POLICY_ARTIFACT);
  writeFileSync(path, `${JSON.stringify({ ...document, policyVersion: next }, null, 2)}\n`);
  return { policyId, policyVersion: next, dir, path };
}

/** A policy id for a message: JSON text for a string, the kind of anything else. */
function showPolicyId(policyId: unknown): string {
  return typeof policyId === "string" ? JSON.stringify(policyId) : `a ${typeof policyId}`;
}

/**
 * The policies root, checked to be a path.
 *
 * @throws ValidationError `VAL-020` for anything but a non-empty string
 */
function requireRoot(root: unknown, functionName: string): string {
  if (typeof root !== "string" || root.length === 0) {
    throw new ValidationError(
      "VAL-020",
      `${functionName}: the policies root must be a non-empty path string, got a ${root === null ? "null" : typeof root}`,
    );
  }
  return root;
}

/**
 * `options.description`, read once.
 *
 * @throws ValidationError `VAL-020` when options cannot be read or the description is not a string
 */
function readDescription(options: unknown): string | undefined {
  let description: unknown;
  try {
    description =
      options === undefined || options === null
        ? undefined
        : (options as CreatePolicyOptions).description;
  } catch (cause) {
    throw new ValidationError("VAL-020", "createPolicy: options could not be read", { cause });
  }
  if (description !== undefined && typeof description !== "string") {
    throw new ValidationError("VAL-020", "createPolicy: options.description must be a string");
  }
  return description;
}
