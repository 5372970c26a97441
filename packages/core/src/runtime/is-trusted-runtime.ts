import type { TrustRoot } from "../trust/trust-root.types.js";
import { getRuntimeIdentity } from "./get-runtime-manifest.js";
import { getRuntimeHistory } from "./runtime-history.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { TrustError } from "../errors/parmana-error.js";

/** Where a trusted runtime hash was found. */
export type TrustedRuntimeSource = "running" | "history" | "trust-root" | "options";

/** Options of {@link isTrustedRuntime} / {@link checkTrustedRuntime}. */
export interface TrustedRuntimeOptions {
  /** Its `trustedRuntimeHashes` are trusted (no version cross-check: the root lists hashes). */
  readonly trustRoot?: Pick<TrustRoot, "trustedRuntimeHashes">;
  /** More runtime hashes to trust, without a version cross-check. */
  readonly trustedRuntimeHashes?: readonly string[];
  /** More runtimes to trust, each with the version it must come with. */
  readonly trustedRuntimes?: readonly {
    readonly runtimeHash: string;
    readonly runtimeVersion: string;
  }[];
}

/** @deprecated Use {@link TrustedRuntimeCheckResult}: results are named after their function. */
export type TrustedRuntimeCheck = TrustedRuntimeCheckResult;

/** Result of {@link checkTrustedRuntime}. */
export interface TrustedRuntimeCheckResult {
  readonly trusted: boolean;
  /** Where the hash was found, when trusted. */
  readonly source?: TrustedRuntimeSource;
  /** `TRUST-067` unknown runtime, `TRUST-068` known hash with another version. */
  readonly code?: string;
  readonly reason?: string;
}

/**
 * Decides whether a runtime hash names code this verifier trusts: the running runtime, an
 * earlier release from the committed runtime history (both with their exact version), a hash
 * listed in the trust root, or one given in the options.
 *
 * @param runtimeHash - an attestation's `runtimeHash`
 * @param runtimeVersion - the attestation's `runtimeVersion`
 * @param options - trust root and extra trusted runtimes
 * @returns whether it is trusted, where it was found, or why not
 * @throws TrustError `TRUST-060`..`TRUST-063` when this installation's own manifests are broken
 */
export function checkTrustedRuntime(
  runtimeHash: string,
  runtimeVersion: string,
  options: TrustedRuntimeOptions = {},
): TrustedRuntimeCheckResult {
  try {
    const knownVersions: string[] = [];
    const versioned: [TrustedRuntimeSource, { runtimeHash: string; runtimeVersion: string }[]][] = [
      ["running", [getRuntimeIdentity()]],
      ["history", [...getRuntimeHistory()]],
      ["options", [...(options.trustedRuntimes ?? [])]],
    ];
    for (const [source, entries] of versioned) {
      for (const entry of entries) {
        if (entry.runtimeHash !== runtimeHash) continue;
        if (entry.runtimeVersion === runtimeVersion) return { trusted: true, source };
        knownVersions.push(entry.runtimeVersion);
      }
    }
    if (options.trustRoot?.trustedRuntimeHashes.includes(runtimeHash) === true)
      return { trusted: true, source: "trust-root" };
    if (options.trustedRuntimeHashes?.includes(runtimeHash) === true)
      return { trusted: true, source: "options" };
    if (knownVersions.length > 0) {
      return {
        trusted: false,
        code: "TRUST-068",
        reason: `runtime ${runtimeHash} is version ${knownVersions.join(", ")}, not ${runtimeVersion}`,
      };
    }
    return {
      trusted: false,
      code: "TRUST-067",
      reason: `runtime ${runtimeHash} (${runtimeVersion}) is not the running runtime, an earlier release, or listed in the trust root or options`,
    };
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-070", "checkTrustedRuntime");
  }
}

/**
 * True when {@link checkTrustedRuntime} trusts the runtime.
 *
 * @param runtimeHash - an attestation's `runtimeHash`
 * @param runtimeVersion - the attestation's `runtimeVersion`
 * @param options - trust root and extra trusted runtimes
 * @returns whether the runtime is trusted
 * @throws TrustError as {@link checkTrustedRuntime}
 * @example
 * ```ts
 * isTrustedRuntime(attestation.runtimeHash, attestation.runtimeVersion, { trustRoot });
 * ```
 */
export function isTrustedRuntime(
  runtimeHash: string,
  runtimeVersion: string,
  options: TrustedRuntimeOptions = {},
): boolean {
  try {
    return checkTrustedRuntime(runtimeHash, runtimeVersion, options).trusted;
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-070", "isTrustedRuntime");
  }
}
