import type { ParmanaErrorCode } from "./error-code.types.js";
const PARMANA_ERROR_MARKER: unique symbol = Symbol.for(
  "@parmanasystems/core/ParmanaError",
) as never;

/** Options every Parmana error accepts. */
export interface ParmanaErrorOptions {
  /** Structured facts about the failure (paths, keys, the list of problems). */
  readonly details?: Record<string, unknown>;
  /** The underlying error, kept through ES2022 error chaining. */
  readonly cause?: unknown;
  /** True when the same call may succeed later (a store briefly unreachable). Defaults to false. */
  readonly retryable?: boolean;
}

/**
 * The one base class of every error Parmana throws.
 *
 * `code` is stable across releases and the message always starts with `[CODE]`, e.g.
 * `[INV-013] Replay detected: loan-approval:app-42`. Identify errors with
 * {@link ParmanaError.isInstance} or by `code`, not with `instanceof` alone: an application can
 * end up with two installed copies of `@parmanasystems/core`, and the `Symbol.for` marker works
 * across both.
 *
 * @example
 * ```ts
 * try {
 *   await executeFromSignals(input, signer, verifier, store);
 * } catch (err) {
 *   if (ParmanaError.isInstance(err) && err.code === "INV-013") {
 *     // the transaction was already decided
 *   }
 * }
 * ```
 */
export class ParmanaError extends Error {
  /**
   * Stable error code, e.g. `"VAL-004"`: one of {@link ParmanaErrorCode} for core's catalogue
   * (completion and typo checks in comparisons), or another package's code (`CLI-001`).
   */
  readonly code: ParmanaErrorCode | (string & {});
  /** Structured details; never contains key material. */
  readonly details: Record<string, unknown> | undefined;
  /** Whether retrying the same call may succeed. */
  readonly retryable: boolean;

  /**
   * @param code - the stable code; the message is prefixed with `[code] `
   * @param message - a sentence saying what went wrong (without the prefix)
   * @param options - details, cause and retryability
   */
  constructor(
    code: ParmanaErrorCode | (string & {}),
    message: string,
    options: ParmanaErrorOptions = {},
  ) {
    super(
      `[${code}] ${message}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = new.target.name;
    this.code = code;
    this.details = options.details;
    this.retryable = options.retryable ?? false;
    Object.defineProperty(this, PARMANA_ERROR_MARKER, { value: true, enumerable: false });
  }

  /**
   * Tells whether a value is a Parmana error, from any installed copy of the package.
   *
   * @param value - anything caught
   * @returns true when `value` carries the Parmana error marker
   */
  static isInstance(value: unknown): value is ParmanaError {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[PARMANA_ERROR_MARKER] === true
    );
  }
}

/** `VAL-` family: the execution input or its signals are invalid. */
export class ValidationError extends ParmanaError {}

/** `POL-` family: a policy file is missing, malformed or fails type-checking. */
export class PolicyError extends ParmanaError {}

/** `INV-` family: an execution invariant would be broken. */
export class InvariantError extends ParmanaError {}

/** `INV-013`: the business transaction (or fingerprint) was already decided or is being decided. */
export class ReplayError extends InvariantError {}

/** `SYS-` family: execution-time system failures such as no matching rule. */
export class SystemError extends ParmanaError {}

/** `SYS-02x`: an override cannot be approved or rejected. */
export class OverrideError extends SystemError {}

/** `CANONICAL-` family: a value is not representable as RFC 8785 canonical JSON. */
export class CanonicalizationError extends ParmanaError {}

/** `SIG-` family: keys, signers and signatures. */
export class SignatureError extends ParmanaError {}

/** `TRUST-` family: trust roots, bundles and runtime identity. */
export class TrustError extends ParmanaError {}

/** `STORE-` family: a store is unreachable or misbehaving; `retryable` says whether to retry. */
export class StoreError extends ParmanaError {}

/** `PROV-` family: provenance, lineage, receipts, authorities and proof bundles. */
export class ProvenanceError extends ParmanaError {}
