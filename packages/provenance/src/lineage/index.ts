export { createLineageEvent } from "./create-lineage-event.js";
export { verifyLineageChain } from "./verify-lineage-chain.js";
export type {
  LineageEvent,
  CreateLineageEventInput,
  LineageChainVerificationResult,
  LineageChainVerification,
} from "./lineage.types.js";
