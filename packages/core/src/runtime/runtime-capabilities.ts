import { EVALUATOR_SEMANTICS, type EvaluatorSemanticsDescriptor } from "./evaluator-semantics.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { TrustError } from "../errors/parmana-error.js";

// The policy model owns the list (policy checks read it, and policy sits below runtime).
export { SUPPORTED_SCHEMA_VERSIONS } from "../policy/internal/supported-schema-versions.js";

/**
 * Lists the capabilities an evaluator semantics descriptor grants, sorted: `operator:<name>`,
 * `composite:<name>`, `signal-type:<type>`. A bundle names the capabilities its policy uses and
 * a runtime lacking one refuses it.
 *
 * @param descriptor - evaluator semantics; the shipped {@link EVALUATOR_SEMANTICS} by default
 * @returns the capability names, sorted by code unit
 * @example
 * ```ts
 * runtimeCapabilities().includes("operator:not_in"); // true
 * ```
 */
export function runtimeCapabilities(
  descriptor: EvaluatorSemanticsDescriptor = EVALUATOR_SEMANTICS,
): readonly string[] {
  try {
    const names = [
      ...Object.keys(descriptor.operators).map((name) => `operator:${name}`),
      ...Object.keys(descriptor.composites).map((name) => `composite:${name}`),
      ...Object.keys(descriptor.signalTypes).map((name) => `signal-type:${name}`),
    ];
    return Object.freeze(names.sort());
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-070", "runtimeCapabilities");
  }
}
