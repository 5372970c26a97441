import type { Condition, PolicyDocument } from "../policy/policy.types.js";
import { EVALUATOR_SEMANTICS } from "../runtime/evaluator-semantics.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { PolicyError } from "../errors/parmana-error.js";

/**
 * The runtime capabilities a policy uses: each operator (`operator:<name>`), composite
 * (`composite:<name>`) and declared signal type (`signal-type:<type>`), sorted. A runtime that
 * lacks one refuses the bundle instead of evaluating it with other meanings.
 *
 * @param document - a valid policy document
 * @returns sorted capability names
 * @example
 * ```ts
 * policyCapabilities(policy); // ["composite:all", "operator:greater_than", "signal-type:integer"]
 * ```
 */
export function policyCapabilities(document: PolicyDocument): readonly string[] {
  try {
    const found = new Set<string>();
    for (const declaration of Object.values(document.signalsSchema))
      found.add(`signal-type:${declaration.type}`);
    for (const rule of document.rules) collect(rule.condition, found);
    return [...found].sort();
  } catch (error) {
    throw codedInputError(error, PolicyError, "POL-030", "policyCapabilities");
  }
}

function collect(condition: Condition, found: Set<string>): void {
  const record = condition as Readonly<Record<string, unknown>>;
  for (const [member, value] of Object.entries(record)) {
    if (member === "signal") continue;
    if (Object.prototype.hasOwnProperty.call(EVALUATOR_SEMANTICS.composites, member)) {
      found.add(`composite:${member}`);
      for (const child of Array.isArray(value) ? value : [value])
        collect(child as Condition, found);
    } else {
      found.add(`operator:${member}`);
    }
  }
}
