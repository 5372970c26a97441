import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  clientFromOptions,
  clockOption,
  nonEmptyString,
  positiveMs,
  type Clock,
  type SdkClient,
} from "../internal/options.js";

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

/** What both DynamoDB adapters read from their options. */
export interface DynamoConnection {
  readonly tableName: string;
  readonly client: SdkClient;
  readonly ownsClient: boolean;
  readonly timeoutMs: number;
  readonly clock: Clock;
}

/**
 * Reads `tableName`, `operationTimeoutMs`, `clock` and `client` / `region` (creating a client
 * last, once every option has been checked, so a refused constructor leaves nothing open).
 *
 * @throws StoreError `STORE-001` for a missing or malformed option
 */
export function dynamoConnection(
  options: Record<string, unknown>,
  owner: string,
): DynamoConnection {
  const tableName = nonEmptyString(options["tableName"], "tableName", owner);
  const timeoutMs = positiveMs(
    options["operationTimeoutMs"],
    DEFAULT_DYNAMO_TIMEOUT_MS,
    "operationTimeoutMs",
    owner,
  );
  const clock = clockOption(options["clock"], owner);
  const { client, ownsClient } = clientFromOptions(
    options,
    "DynamoDBClient",
    owner,
    createDynamoClient,
  );
  return { tableName, client, ownsClient, timeoutMs, clock };
}
