import { randomUUID } from "node:crypto";
import type { ExecuteInput } from "@parmanasystems/core";

/** A claim whose credit score falls in the manual-review band: the decision waits for a human. */
export const claim: ExecuteInput = {
  executionId: `loan-app-${randomUUID()}`,
  policyId: "loan-approval",
  policyVersion: "1.0.0",
  signals: { credit_score: 650, loan_amount: 15000 },
};
