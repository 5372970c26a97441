import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTimeToLiveCommand,
  type DescribeTableCommandOutput,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { StoreError } from "@parmanasystems/core";
import { nonEmptyString, sdkClientOption, type SdkClient } from "../internal/options.js";
import {
  describeProviderFailure,
  failureText,
  isTransient,
  sendWithDeadline,
} from "../internal/send-with-deadline.js";

/** What {@link createReplayTable} and {@link createPendingOverrideTable} did. */
export interface CreateTableResult {
  readonly tableName: string;
  /** False when the table already existed (the call is idempotent). */
  readonly created: boolean;
}

/** Options of the table helpers. */
export interface CreateTableOptions {
  /** How long to wait for the table to become ACTIVE, in ms. Default 60,000. */
  readonly waitTimeoutMs?: number;
}

const CALL_TIMEOUT_MS = 10_000;

/**
 * Creates the replay table the documented CloudFormation snippet describes: partition key
 * `fingerprint` (string), on-demand billing (`PAY_PER_REQUEST`), TTL on the `ttl` attribute.
 * Waits until the table is ACTIVE. An existing table is kept (its TTL setting is still applied).
 *
 * For production, prefer infrastructure as code (the CloudFormation snippet in the README); this
 * helper suits tests, scripts and first set-ups. It needs `dynamodb:CreateTable`,
 * `dynamodb:DescribeTable` and `dynamodb:UpdateTimeToLive`.
 *
 * @param client - a `DynamoDBClient` (not closed)
 * @param tableName - the table to create
 * @returns whether it was created
 * @throws StoreError `STORE-030` when DynamoDB refuses (`retryable` for transient failures),
 *   `STORE-001` for bad arguments
 * @example
 * ```ts
 * await createReplayTable(new DynamoDBClient({}), "parmana-replay");
 * ```
 */
export function createReplayTable(
  client: DynamoDBClient,
  tableName: string,
  options: CreateTableOptions = {},
): Promise<CreateTableResult> {
  return createTable(client, tableName, "fingerprint", "ttl", options);
}

/**
 * Creates the table of a {@link DynamoPendingOverrideStore}: partition key `pk` (string),
 * on-demand billing, no TTL (pending decisions wait for a human). Waits until it is ACTIVE; an
 * existing table is kept.
 *
 * @param client - a `DynamoDBClient` (not closed)
 * @param tableName - the table to create
 * @returns whether it was created
 * @throws StoreError `STORE-030` when DynamoDB refuses, `STORE-001` for bad arguments
 * @example
 * ```ts
 * await createPendingOverrideTable(new DynamoDBClient({}), "parmana-pending-overrides");
 * ```
 */
export function createPendingOverrideTable(
  client: DynamoDBClient,
  tableName: string,
  options: CreateTableOptions = {},
): Promise<CreateTableResult> {
  return createTable(client, tableName, "pk", undefined, options);
}

async function createTable(
  clientInput: DynamoDBClient,
  tableNameInput: string,
  hashKey: string,
  ttlAttribute: string | undefined,
  options: CreateTableOptions,
): Promise<CreateTableResult> {
  const owner = ttlAttribute === undefined ? "createPendingOverrideTable" : "createReplayTable";
  const client = sdkClientOption(clientInput, "DynamoDBClient", owner);
  const tableName = nonEmptyString(tableNameInput, "tableName", owner);
  const waitTimeoutMs = options.waitTimeoutMs ?? 60_000;
  let created = true;
  try {
    await sendWithDeadline(
      client,
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: hashKey, AttributeType: "S" }],
        KeySchema: [{ AttributeName: hashKey, KeyType: "HASH" }],
      }),
      CALL_TIMEOUT_MS,
    );
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name !== "ResourceInUseException") {
      throw setupFailure(error, "CreateTable", tableName);
    }
    created = false;
  }
  await waitUntilActive(client, tableName, waitTimeoutMs);
  if (ttlAttribute !== undefined) {
    try {
      await sendWithDeadline(
        client,
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
        }),
        CALL_TIMEOUT_MS,
      );
    } catch (error) {
      // Enabling TTL twice is refused with "TimeToLive is already enabled": the wanted state.
      const message = error instanceof Error ? error.message : "";
      if (!/already enabled/i.test(message))
        throw setupFailure(error, "UpdateTimeToLive", tableName);
    }
  }
  return { tableName, created };
}

async function waitUntilActive(
  client: SdkClient,
  tableName: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 2_000)) {
    let answer: DescribeTableCommandOutput;
    try {
      answer = await sendWithDeadline(
        client,
        new DescribeTableCommand({ TableName: tableName }),
        CALL_TIMEOUT_MS,
      );
    } catch (error) {
      throw setupFailure(error, "DescribeTable", tableName);
    }
    if (answer.Table?.TableStatus === "ACTIVE") return;
    if (Date.now() + delay > deadline) {
      throw new StoreError(
        "STORE-030",
        `table ${tableName} did not become ACTIVE within ${timeoutMs} ms (status ${String(answer.Table?.TableStatus)})`,
        { details: { tableName, operation: "DescribeTable" }, retryable: true },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

function setupFailure(error: unknown, operation: string, tableName: string): StoreError {
  const facts = describeProviderFailure(error);
  return new StoreError(
    "STORE-030",
    `could not set up table ${tableName}: ${operation} answered ${failureText(facts)}`,
    { details: { tableName, operation, ...facts }, retryable: isTransient(facts) },
  );
}
