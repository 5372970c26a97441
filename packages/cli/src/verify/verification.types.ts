/** One attestation to verify: a file to read, or JSON text (a line of NDJSON on stdin). */
export interface VerificationJob {
  /** Where it came from, as shown to the user: a path or `stdin:<line>`. */
  readonly source: string;
  /** Absolute path of a file holding one attestation. */
  readonly path?: string;
  /** The attestation's JSON text. */
  readonly text?: string;
  /** An input problem found before reading (a glob that matched nothing). */
  readonly error?: OutcomeError;
}

/** A coded failure to read or parse one input. */
export interface OutcomeError {
  readonly code: string;
  /** The full message, starting with `[CODE]`. */
  readonly message: string;
}

/** The identity of a verified attestation, shown beside the checks. */
export interface AttestationIdentity {
  readonly executionId?: string;
  readonly policyId?: string;
  readonly policyVersion?: string;
  readonly action?: string;
  /** The decision's reason (shown by the documented `parmana-verify --attestation` form). */
  readonly reason?: string;
  readonly signerKeyId?: string;
  readonly issuedAt?: string;
  readonly trustRootVersion?: string;
}

/** The four checks of `verifyAttestation`, in display order. */
export const CHECK_NAMES: readonly [
  "signature_verified",
  "runtime_verified",
  "schema_compatible",
  "governed",
] = ["signature_verified", "runtime_verified", "schema_compatible", "governed"];

/** What `verifyAttestation` reported, reduced to plain data that crosses worker boundaries. */
export interface CheckResult {
  readonly valid: boolean;
  readonly checks: Readonly<Record<string, boolean>>;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/** The outcome for one input. */
export type VerificationOutcome =
  | {
      readonly source: string;
      readonly status: "valid" | "invalid";
      readonly result: CheckResult;
      /** Empty for a valid outcome when valid outcomes are not shown (`--quiet` without `--json`). */
      readonly identity: AttestationIdentity;
    }
  | { readonly source: string; readonly status: "error"; readonly error: OutcomeError };

/**
 * What every verifier (in this thread or a worker) is built from. Plain data, so it can be
 * sent to workers, each of which builds its own verifier.
 */
export interface CheckerConfig {
  readonly cwd: string;
  /** Public key PEM file (`--key`). */
  readonly publicKeyPath?: string;
  /** Trust root file (`--trust-root`). */
  readonly trustRootPath?: string;
  /** Policy folder or policy.json whose bundle and decision the attestations must match (`--policy`). */
  readonly policyPath?: string;
  /** Signals file the attestations must match (`--signals`). */
  readonly signalsPath?: string;
}

/** Counts for the summary line. */
export interface VerificationSummary {
  valid: number;
  invalid: number;
  errors: number;
  /** Paths, folders or globs that matched no file (not attestations, so not counted as such). */
  unmatched?: number;
}
