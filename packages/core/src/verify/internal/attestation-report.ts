// Platform-neutral (no node: import): the per-check bookkeeping of verifyAttestation, shared as
// source with @parmanasystems/verify so both report the same checks, codes and messages.
import { SUPPORTED_SCHEMA_VERSIONS } from "../../runtime/runtime-capabilities.js";
import { describeUntrusted as describe } from "../../internal/type-checks.js";
import type { RecordFindings } from "./check-attestation-record.js";
import type { TrustedRuntimeSet } from "./trusted-runtime-set.js";
import type { AttestationVerificationResult } from "../verify-attestation.types.js";

/**
 * Collects what each check of an attestation verification found, then assembles the result.
 *
 * @internal
 */
export class Report {
  readonly signatureErrors: string[] = [];
  readonly runtimeErrors: string[] = [];
  readonly schemaErrors: string[] = [];
  readonly governed: RecordFindings = { errors: [], warnings: [] };
  #malformed = false;

  /** The input is not a record at all: every check fails. */
  malformed(error: string): void {
    this.#malformed = true;
    this.governed.errors.push(error);
  }

  finishWithAnswer(answer: unknown): AttestationVerificationResult {
    if (answer === true) return this.finish(true);
    this.signatureErrors.push(
      answer === false
        ? "[INV-VERIFY-002] the signature does not verify under the verifier's key"
        : `[INV-VERIFY-003] the verifier answered ${describe(answer)} instead of a boolean`,
    );
    return this.finish(false);
  }

  finish(signatureVerified: boolean): AttestationVerificationResult {
    const checks = {
      signature_verified: signatureVerified,
      runtime_verified: !this.#malformed && this.runtimeErrors.length === 0,
      schema_compatible: !this.#malformed && this.schemaErrors.length === 0,
      governed: this.governed.errors.length === 0,
    };
    return {
      valid:
        checks.signature_verified &&
        checks.runtime_verified &&
        checks.schema_compatible &&
        checks.governed,
      checks,
      errors: [
        ...this.signatureErrors,
        ...this.runtimeErrors,
        ...this.schemaErrors,
        ...this.governed.errors,
      ],
      warnings: this.governed.warnings,
    };
  }
}

/**
 * `schema_compatible`: `schemaVersion` is one of the supported versions.
 *
 * @internal
 */
export function checkSchema(
  record: Readonly<Record<string, unknown>>,
  supportedSchemaVersions: readonly string[] | undefined,
  report: Report,
): void {
  const supported = supportedSchemaVersions ?? SUPPORTED_SCHEMA_VERSIONS;
  const schemaVersion = record["schemaVersion"];
  if (typeof schemaVersion !== "string" || !supported.includes(schemaVersion)) {
    report.schemaErrors.push(
      `[INV-VERIFY-006] schemaVersion ${describe(schemaVersion)} is not supported (supported: ${supported.join(", ")})`,
    );
  }
}

/**
 * `runtime_verified`: `runtimeHash` is trusted and, unless trusted for any version, comes with
 * one of its trusted `runtimeVersion`s.
 *
 * @internal
 */
export function checkRuntime(
  record: Readonly<Record<string, unknown>>,
  trusted: TrustedRuntimeSet,
  report: Report,
): void {
  const runtimeHash = record["runtimeHash"];
  const runtimeVersion = record["runtimeVersion"];
  if (typeof runtimeHash !== "string" || typeof runtimeVersion !== "string") {
    report.runtimeErrors.push(
      "[INV-VERIFY-004] the attestation names no runtime (runtimeHash and runtimeVersion must be strings)",
    );
    return;
  }
  if (trusted.anyVersionHashes.has(runtimeHash)) return;
  const versions = trusted.versionsByHash.get(runtimeHash);
  if (versions === undefined) {
    report.runtimeErrors.push(
      `[INV-VERIFY-004] runtimeHash ${describe(runtimeHash)} is not a trusted runtime`,
    );
  } else if (!versions.has(runtimeVersion)) {
    report.runtimeErrors.push(
      `[INV-VERIFY-005] runtimeVersion ${describe(runtimeVersion)} does not match the trusted runtime ${runtimeHash} (version ${[...versions].join(", ")})`,
    );
  }
}
