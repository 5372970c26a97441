export type {
  SignalType,
  SignalDeclaration,
  ComparisonOperator,
  ConditionOperand,
  LeafCondition,
  Condition,
  RuleOutcome,
  PolicyRule,
  PolicyDocument,
} from "./policy.types.js";
export type {
  PolicyProblem,
  SignalProblem,
  PolicyDecision,
  CompiledPolicy,
  PolicyCompilationResult,
  PolicyCompilationSuccess,
  PolicyCompilationFailure,
  PolicyValidationResult,
} from "./compiled-policy.types.js";
export type { PolicyRegistry } from "./policy-registry.types.js";
export { compilePolicy } from "./compile-policy.js";
export type { CompilePolicyOptions } from "./compile-policy.js";
export { validatePolicy } from "./validate-policy.js";
export { validateSignalsAgainstSchema } from "./validate-signals.js";
export { validateExecutionInputShape } from "./validate-execution-input.js";
export { evaluatePolicy } from "./evaluate-policy.js";
export { ensureCompiledPolicy, isCompiledPolicy } from "./ensure-compiled-policy.js";
export { createSignalValidationError, createPolicyCompilationError } from "./problem-errors.js";
export { MemoryPolicyRegistry } from "./memory-policy-registry.js";
export { resolvePoliciesRoot, POLICIES_ROOT_ENV } from "./resolve-policies-root.js";
export type { PoliciesRootOptions } from "./resolve-policies-root.js";
