import type { CompiledPolicy, PolicyDecision, SignalProblem } from "../compiled-policy.types.js";
import type { PolicyDocument } from "../policy.types.js";
import { checkSignals } from "./check-signals.js";
import { compileCondition, type Predicate } from "./compile-condition.js";
import { createSignalCheck, type SignalChecks } from "./signal-checks.js";

/**
 * Builds the evaluator of a validated, deep-frozen document. Everything an evaluation needs is
 * prepared here: one predicate and one frozen decision per rule, in order; one check per signal.
 */
export function createCompiledPolicy(document: PolicyDocument, policyHash: string): CompiledPolicy {
  const predicates: Predicate[] = [];
  const decisions: PolicyDecision[] = [];
  const overrideRoles = new Map<string, readonly string[] | undefined>();
  for (const rule of document.rules) {
    predicates.push(compileCondition(rule.condition));
    decisions.push(
      Object.freeze({
        action: rule.outcome.action,
        requires_override: rule.outcome.requires_override,
        reason: rule.outcome.reason,
        rule_id: rule.id,
      }),
    );
    overrideRoles.set(rule.id, rule.override_roles);
  }
  const ruleCount = predicates.length;

  const names = Object.keys(document.signalsSchema);
  const signalChecks: SignalChecks = {
    names,
    checks: names.map((name) => {
      const declaration = document.signalsSchema[name]!;
      return createSignalCheck(name, declaration.type, declaration.values);
    }),
    declared: new Set(names),
  };

  return Object.freeze({
    policyId: document.policyId,
    policyVersion: document.policyVersion,
    schemaVersion: document.schemaVersion,
    document,
    policyHash,
    validateSignals(signals: unknown): readonly SignalProblem[] {
      return checkSignals(signals, signalChecks);
    },
    evaluate(signals: Readonly<Record<string, unknown>>): PolicyDecision | undefined {
      for (let index = 0; index < ruleCount; index++) {
        if ((predicates[index] as Predicate)(signals)) return decisions[index];
      }
      return undefined;
    },
    overrideRolesFor(ruleId: string): readonly string[] | undefined {
      return overrideRoles.get(ruleId);
    },
  });
}
