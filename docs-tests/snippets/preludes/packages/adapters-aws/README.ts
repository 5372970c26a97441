// The page's service: a decision that waits for a reviewer, on the DynamoDB table named by
// DYNAMO_TABLE.
import { randomUUID } from "node:crypto";
import { DynamoReplayStore } from "@parmanasystems/adapters-aws";
import type { ExecuteInput } from "@parmanasystems/core";

export const store: DynamoReplayStore = new DynamoReplayStore(process.env.DYNAMO_TABLE as string);
export const input: ExecuteInput = {
  executionId: `payment-${randomUUID()}`,
  policyId: "loan-approval",
  policyVersion: "1.0.0",
  signals: { credit_score: 650, loan_amount: 15000 },
};
export const executionId: string = input.executionId as string;
