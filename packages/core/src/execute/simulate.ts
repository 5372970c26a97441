import type { ExecuteInput, SimulateOptions, SimulationResult } from "./execute.types.js";
import { noRuleMatched, prepareExecution } from "./internal/prepare-execution.js";

/**
 * Decides like `executeFromSignals` (same validation, same policy resolution, same hashes)
 * without signing, without a replay store and without recording anything: for dry runs, policy
 * tests and "what would happen" screens.
 *
 * @param input - `{ executionId?, policyId, policyVersion, signals }` (executionId is ignored)
 * @param options - the policy registry or runtime environment; the default file registry otherwise
 * @returns `{ decision, rule_id, execution_fingerprint, signalsHash }`
 * @throws ValidationError `VAL-` codes, PolicyError `POL-` codes, SystemError `SYS-006` when no
 *   rule matches, CanonicalizationError `CANONICAL-` codes
 * @example
 * ```ts
 * const { decision, rule_id } = simulate({ policyId: "loan-approval", policyVersion: "1.0.0", signals: { credit_score: 720 } });
 * ```
 */
export function simulate(input: ExecuteInput, options: SimulateOptions = {}): SimulationResult {
  const prepared = prepareExecution(input, options);
  const decision = prepared.policy.evaluate(prepared.signals);
  if (decision === undefined)
    throw noRuleMatched(prepared.policy.policyId, prepared.policy.policyVersion);
  return {
    decision: {
      action: decision.action,
      requires_override: decision.requires_override,
      reason: decision.reason,
    },
    rule_id: decision.rule_id,
    execution_fingerprint: prepared.execution_fingerprint,
    signalsHash: prepared.signalsHash,
  };
}
