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

/**
 * The catalogue's codes that start with `prefix`, e.g. `ParmanaErrorCodeOf<"VAL">` is
 * `"VAL-001" | "VAL-002" | ...`. Each family class accepts only its own family's codes, so a code
 * given to the wrong class fails to compile.
 */
export type ParmanaErrorCodeOf<Prefix extends string> = Extract<
  ParmanaErrorCode,
  `${Prefix}-${string}`
>;

/** `VAL-` family: the execution input or its signals are invalid. */
export class ValidationError extends ParmanaError {
  declare readonly code: ParmanaErrorCodeOf<"VAL">;
  /** @param code - a `VAL-` code; see {@link ParmanaError} for the other parameters */
  constructor(code: ParmanaErrorCodeOf<"VAL">, message: string, options?: ParmanaErrorOptions) {
    super(code, message, options);
  }
}

/** `POL-` family: a policy file is missing, malformed or fails type-checking. */
export class PolicyError extends ParmanaError {
  declare readonly code: ParmanaErrorCodeOf<"POL">;
  /** @param code - a `POL-` code; see {@link ParmanaError} for the other parameters */
  constructor(code: ParmanaErrorCodeOf<"POL">, message: string, options?: ParmanaErrorOptions) {
    super(code, message, options);
  }
}

/** `INV-` family: an execution invariant would be broken. */
export class InvariantError extends ParmanaError {
  declare readonly code: ParmanaErrorCodeOf<"INV">;
  /** @param code - an `INV-` code; see {@link ParmanaError} for the other parameters */
  constructor(code: ParmanaErrorCodeOf<"INV">, message: string, options?: ParmanaErrorOptions) {
    super(code, message, options);
  }
}

/** `INV-013`: the business transaction (or fingerprint) was already decided or is being decided. */
export class ReplayError extends InvariantError {}

/** `SYS-` family: execution-time system failures such as no matching rule. */
export class SystemError extends ParmanaError {
  declare readonly code: ParmanaErrorCodeOf<"SYS">;
  /** @param code - a `SYS-` code; see {@link ParmanaError} for the other parameters */
  constructor(code: ParmanaErrorCodeOf<"SYS">, message: string, options?: ParmanaErrorOptions) {
    super(code, message, options);
  }
}

/** `SYS-02x`: an override cannot be approved or rejected. */
export class OverrideError extends SystemError {}

/** `CANONICAL-` family: a value is not representable as RFC 8785 canonical JSON. */
export class CanonicalizationError extends ParmanaError {
  declare readonly code: ParmanaErrorCodeOf<"CANONICAL">;
  /** @param code - a `CANONICAL-` code; see {@link ParmanaError} for the other parameters */
  constructor(
    code: ParmanaErrorCodeOf<"CANONICAL">,
    message: string,
    options?: ParmanaErrorOptions,
  ) {
    super(code, message, options);
  }
}

/** `SIG-` family: keys, signers and signatures. */
export class SignatureError extends ParmanaError {
  declare readonly code: ParmanaErrorCodeOf<"SIG">;
  /** @param code - a `SIG-` code; see {@link ParmanaError} for the other parameters */
  constructor(code: ParmanaErrorCodeOf<"SIG">, message: string, options?: ParmanaErrorOptions) {
    super(code, message, options);
  }
}

/** `TRUST-` family: trust roots, bundles and runtime identity. */
export class TrustError extends ParmanaError {
  declare readonly code: ParmanaErrorCodeOf<"TRUST">;
  /** @param code - a `TRUST-` code; see {@link ParmanaError} for the other parameters */
  constructor(code: ParmanaErrorCodeOf<"TRUST">, message: string, options?: ParmanaErrorOptions) {
    super(code, message, options);
  }
}

/** `STORE-` family: a store is unreachable or misbehaving; `retryable` says whether to retry. */
export class StoreError extends ParmanaError {
  declare readonly code: ParmanaErrorCodeOf<"STORE">;
  /** @param code - a `STORE-` code; see {@link ParmanaError} for the other parameters */
  constructor(code: ParmanaErrorCodeOf<"STORE">, message: string, options?: ParmanaErrorOptions) {
    super(code, message, options);
  }
}

/** `PROV-` family: provenance, lineage, receipts, authorities and proof bundles. */
export class ProvenanceError extends ParmanaError {
  declare readonly code: ParmanaErrorCodeOf<"PROV">;
  /** @param code - a `PROV-` code; see {@link ParmanaError} for the other parameters */
  constructor(code: ParmanaErrorCodeOf<"PROV">, message: string, options?: ParmanaErrorOptions) {
    super(code, message, options);
  }
}
