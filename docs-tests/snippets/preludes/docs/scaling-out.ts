// A request that needs a reviewer, and the review handler's inputs.
import { randomUUID } from "node:crypto";
import type { ExecuteInput } from "@parmanasystems/core";

export const input: ExecuteInput = {
  executionId: `loan-app-${randomUUID()}`,
  policyId: "loan-approval",
  policyVersion: "1.0.0",
  signals: { credit_score: 650, loan_amount: 15000 },
};
export const executionId: string = input.executionId as string;
export const approved_by = "risk@example.com";
export const approver_role = "risk-manager";
export const reason = "Reviewed the supporting documents.";
void process.env.REDIS_URL; // the page runs against the Redis named by REDIS_URL
