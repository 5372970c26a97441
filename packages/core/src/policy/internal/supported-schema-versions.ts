/**
 * Policy `schemaVersion`s this runtime evaluates. Defined with the policy model, which checks it;
 * the runtime's manifest and capabilities read it from here.
 */
export const SUPPORTED_SCHEMA_VERSIONS: readonly string[] = Object.freeze(["1.0.0"]);
