export { explainGovernance } from "./explain-governance.js";
export type {
  GovernanceExplanation,
  ExplainGovernanceInput,
} from "./governance-explanation.types.js";
