export { evaluateProvenancePolicy } from "./evaluate-provenance-policy.js";
export type {
  ProvenancePolicyRequirements,
  ProvenancePolicyResult,
} from "./provenance-policy.types.js";
