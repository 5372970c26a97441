import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { SdkClient } from "../internal/options.js";

/** Default deadline of one DynamoDB call, SDK retries included. */
export const DEFAULT_DYNAMO_TIMEOUT_MS = 3_000;

/** Creates the client an adapter owns (positional form, or options without `client`). */
export const createDynamoClient = (region: string): SdkClient =>
  new DynamoDBClient({ region }) as unknown as SdkClient;

/** DynamoDB's answer to a failed `ConditionExpression`. */
export function isConditionalCheckFailed(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { name?: unknown }).name === "ConditionalCheckFailedException"
  );
}
