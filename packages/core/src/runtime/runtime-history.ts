import { TrustError } from "../errors/parmana-error.js";
import { EMBEDDED_RUNTIME_IDENTITY } from "./internal/embedded-runtime-identity.js";
import { readSiblingFile } from "./read-sibling-file.js";
import { isPrefixedHash } from "../hashing/internal/prefixed-hash.js";
import { isSemver } from "./internal/semver.js";

/** One earlier release of `@parmanasystems/core`, as recorded by `runtime:record`. */
export interface RuntimeHistoryEntry {
  readonly runtimeVersion: string;
  readonly runtimeHash: string;
  readonly releaseManifestHash?: string;
  readonly evaluatorSemanticHash?: string;
  readonly evaluatorArtifactHash?: string;
}

const OPTIONAL_HASHES = [
  "releaseManifestHash",
  "evaluatorSemanticHash",
  "evaluatorArtifactHash",
] as const;

let history: readonly RuntimeHistoryEntry[] | undefined;

/**
 * The runtimes of earlier releases that this package still trusts: the committed
 * `src/runtime/runtime-history.json`, shipped as `dist/runtime-history.json` outside the hashed
 * files. Upgrading the library therefore never turns old attestations invalid. Read once.
 *
 * @returns the entries, oldest first (empty when none were recorded)
 * @throws TrustError `TRUST-063` when the history file is malformed
 */
export function getRuntimeHistory(): readonly RuntimeHistoryEntry[] {
  if (history !== undefined) return history;
  const text =
    EMBEDDED_RUNTIME_IDENTITY?.runtimeHistory ?? readSiblingFile("./runtime-history.json");
  history = text === undefined ? Object.freeze([]) : parseRuntimeHistory(text);
  return history;
}

/**
 * Parses and checks runtime-history JSON text.
 *
 * @param text - the JSON text of a runtime history
 * @returns frozen entries
 * @throws TrustError `TRUST-063` when it is not a list of `{ runtimeVersion, runtimeHash }` entries
 */
export function parseRuntimeHistory(text: string): readonly RuntimeHistoryEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new TrustError("TRUST-063", "runtime-history.json is not valid JSON", { cause });
  }
  const problems: string[] = [];
  if (!Array.isArray(value)) {
    problems.push("the history must be a JSON list");
  } else {
    value.forEach((entry: unknown, index) => {
      const record = (typeof entry === "object" && entry !== null ? entry : {}) as Record<
        string,
        unknown
      >;
      if (!isSemver(record["runtimeVersion"]))
        problems.push(`[${index}].runtimeVersion must be a semver version`);
      if (!isPrefixedHash(record["runtimeHash"]))
        problems.push(`[${index}].runtimeHash must be "sha256:<hex>"`);
      for (const name of OPTIONAL_HASHES) {
        if (record[name] !== undefined && !isPrefixedHash(record[name]))
          problems.push(`[${index}].${name} must be "sha256:<hex>"`);
      }
    });
  }
  if (problems.length > 0) {
    throw new TrustError("TRUST-063", `runtime-history.json is malformed: ${problems.join("; ")}`, {
      details: { problems },
    });
  }
  return Object.freeze(
    (value as RuntimeHistoryEntry[]).map((entry) => Object.freeze({ ...entry })),
  );
}
