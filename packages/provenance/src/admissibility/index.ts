export { evaluateAdmissibility } from "./evaluate-admissibility.js";
export type {
  AdmissibilityPolicy,
  AdmissibilityResult,
  SignalAdmissibilityResult,
} from "./admissibility.types.js";
