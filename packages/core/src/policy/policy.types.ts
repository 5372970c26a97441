/** Signal types a policy's `signalsSchema` may declare. */
export type SignalType = "integer" | "number" | "boolean" | "string" | "enum";

/** Declaration of one signal. Every declared signal is required. */
export interface SignalDeclaration {
  readonly type: SignalType;
  /** Allowed values; required when `type` is `"enum"`. */
  readonly values?: readonly string[];
  /** Free-text description for authors. */
  readonly description?: string;
}

/** Comparison operators of a leaf condition. */
export type ComparisonOperator =
  | "equals"
  | "not_equals"
  | "greater_than"
  | "greater_than_or_equal"
  | "less_than"
  | "less_than_or_equal"
  | "in"
  | "not_in";

/** Operand of a comparison: a scalar, or a list of scalars for `in` / `not_in`. */
export type ConditionOperand = string | number | boolean | readonly (string | number | boolean)[];

/** `{ signal, <operator>: operand }`, exactly one operator. */
export type LeafCondition = { readonly signal: string } & {
  readonly [K in ComparisonOperator]?: ConditionOperand;
};

/** A policy condition: a leaf or a composite. `{ all: [] }` always matches, `{ any: [] }` never. */
export type Condition =
  | LeafCondition
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition };

/** What a matched rule decides. */
export interface RuleOutcome {
  /** Free-form action, e.g. "approve", "reject", "manual_review". */
  readonly action: string;
  readonly requires_override: boolean;
  readonly reason: string;
}

/** One ordered rule; the first rule whose condition matches decides. */
export interface PolicyRule {
  readonly id: string;
  readonly condition: Condition;
  readonly outcome: RuleOutcome;
  /** Roles allowed to approve an override of this rule's decision; any role when absent. */
  readonly override_roles?: readonly string[];
  readonly description?: string;
}

/** The policy file `policies/{policyId}/{policyVersion}/policy.json`. */
export interface PolicyDocument {
  readonly policyId: string;
  /** Semantic version, equal to its folder name. */
  readonly policyVersion: string;
  /** Policy schema format version; `"1.0.0"`. */
  readonly schemaVersion: string;
  readonly description?: string;
  readonly signalsSchema: Readonly<Record<string, SignalDeclaration>>;
  readonly rules: readonly PolicyRule[];
}
