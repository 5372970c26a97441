import type { PolicyDocument, RuleOutcome } from "./policy.types.js";

/** A problem found in a policy, with its `POL-` code and the JSON path it refers to. */
export interface PolicyProblem {
  readonly code: string;
  readonly message: string;
  /** JSON path into the policy document, e.g. `$.rules[2].condition.all[0].greater_than`. */
  readonly path: string;
}

/** A problem found in execution signals, with its `VAL-` code. */
export interface SignalProblem {
  readonly code: string;
  readonly message: string;
  /** Name of the signal concerned, when there is one. */
  readonly signal?: string;
  /** Execution input member concerned (`policyId`, `policyVersion`, `executionId`), for `VAL-001`/`VAL-002`. */
  readonly field?: string;
}

/** The decision a policy reaches for a set of signals. */
export interface PolicyDecision extends RuleOutcome {
  /** `id` of the rule that matched. */
  readonly rule_id: string;
}

/**
 * A policy compiled once: evaluation does no parsing, no lookups by name, and allocates
 * nothing beyond the returned decision (which is shared per rule and frozen).
 */
export interface CompiledPolicy {
  readonly policyId: string;
  readonly policyVersion: string;
  readonly schemaVersion: string;
  /** The validated policy document, deep-frozen. */
  readonly document: PolicyDocument;
  /** `canonicalHash(document)`: `"sha256:<hex>"`. */
  readonly policyHash: string;
  /**
   * Present when the policy was served from a signed bundle (strict registry). Without it the
   * attestation's `bundleHash`/`manifestHash` fall back to `policyHash` and `manifestSignature`
   * is empty.
   */
  readonly bundle?: {
    readonly bundleHash: string;
    readonly manifestHash: string;
    readonly manifestSignature: string;
  };
  /** Returns every problem with the signals (`VAL-` codes); empty when they are valid. */
  validateSignals(signals: unknown): readonly SignalProblem[];
  /** First matching rule's decision, or `undefined` when no rule matches. Signals must be valid. */
  evaluate(signals: Readonly<Record<string, unknown>>): PolicyDecision | undefined;
  /** Roles allowed to override the given rule's decision, or undefined when any role may. */
  overrideRolesFor(ruleId: string): readonly string[] | undefined;
}

/** Result of `validatePolicy` / `compilePolicy`: every problem at once. */
/** What {@link validatePolicy} returns: every problem, no compiled policy. */
export interface PolicyValidationResult {
  readonly valid: boolean;
  readonly errors: readonly PolicyProblem[];
  readonly warnings: readonly PolicyProblem[];
}

/** A policy that compiled: `valid` is true and `policy` is present (warnings may remain). */
export interface PolicyCompilationSuccess extends PolicyValidationResult {
  readonly valid: true;
  readonly policy: CompiledPolicy;
  /** Absolute path of the file read, when compiled from a path. */
  readonly source?: string;
}

/** A policy that did not compile: `valid` is false, `errors` says why, there is no `policy`. */
export interface PolicyCompilationFailure extends PolicyValidationResult {
  readonly valid: false;
  readonly policy?: undefined;
  /** Absolute path of the file read, when compiled from a path. */
  readonly source?: string;
}

/**
 * What {@link compilePolicy} returns, discriminated by `valid`: after `if (result.valid)`,
 * `result.policy` is a `CompiledPolicy`.
 */
export type PolicyCompilationResult = PolicyCompilationSuccess | PolicyCompilationFailure;
