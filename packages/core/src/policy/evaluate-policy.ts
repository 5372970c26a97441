import { SystemError, PolicyError } from "../errors/parmana-error.js";
import type { CompiledPolicy, PolicyDecision } from "./compiled-policy.types.js";
import type { PolicyDocument } from "./policy.types.js";
import { ensureCompiledPolicy } from "./ensure-compiled-policy.js";
import { createSignalValidationError } from "./problem-errors.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";

/**
 * Decides signals under a policy: validates the signals against its `signalsSchema`, then
 * evaluates the rules top to bottom and returns the first match's outcome with its `rule_id`.
 * Nothing is signed, hashed into a store or reserved; use it to simulate, test policies, or
 * re-check a decision.
 *
 * Signals must be plain values (unwrap governed signals with `extractSignalValues` first).
 * A document is compiled on first use and the compilation cached per document object.
 *
 * @param policy - a policy document or a compiled policy
 * @param signals - plain signal values
 * @returns the decision (a frozen object shared by every decision of that rule)
 * @throws PolicyError (`POL-`) when the document does not compile
 * @throws ValidationError (`VAL-003`..`VAL-010`, first problem's code) when the signals do not
 *   fit the schema; every problem is in `details.problems`
 * @throws SystemError `SYS-006` when no rule matches
 * @example
 * ```ts
 * evaluatePolicy(loanPolicy, { credit_score: 720, loan_amount: 15000 });
 * // { action: "approve", requires_override: false, reason: "Credit score meets standard threshold.", rule_id: "approve-standard" }
 * ```
 */
export function evaluatePolicy(
  policy: PolicyDocument | CompiledPolicy,
  signals: unknown,
): PolicyDecision {
  try {
    const compiled = ensureCompiledPolicy(policy);
    const problems = compiled.validateSignals(signals);
    if (problems.length > 0) throw createSignalValidationError(problems);
    const decision = compiled.evaluate(signals as Readonly<Record<string, unknown>>);
    if (decision === undefined) {
      throw new SystemError(
        "SYS-006",
        `No rule matched the signals under policy ${compiled.policyId}@${compiled.policyVersion}`,
        {
          details: { policyId: compiled.policyId, policyVersion: compiled.policyVersion },
        },
      );
    }
    return decision;
  } catch (error) {
    throw codedInputError(error, PolicyError, "POL-030", "evaluatePolicy");
  }
}
