import { randomUUID } from "node:crypto";
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type GetItemCommandOutput,
} from "@aws-sdk/client-dynamodb";
import {
  InvariantError,
  ReplayError,
  StoreError,
  type ReplayStore,
  type ReservationToken,
} from "@parmanasystems/core";
import {
  checkOptionNames,
  DEFAULT_REGION,
  nowMs,
  positiveMs,
  type Clock,
  type SdkClient,
} from "../internal/options.js";
import {
  describeProviderFailure,
  failureText,
  sendWithDeadline,
} from "../internal/send-with-deadline.js";
import { dynamoConnection, isConditionalCheckFailed } from "./dynamo-connection.js";

/** Options of {@link DynamoReplayStore} (the options form). */
export interface DynamoReplayStoreOptions {
  /** The table; its partition key is the string attribute `fingerprint`. */
  readonly tableName: string;
  /** An existing `DynamoDBClient` (you close it). When absent, the store creates one for `region`. */
  readonly client?: DynamoDBClient;
  /** Region of the client the store creates; `"us-east-1"` by default. Not with `client`. */
  readonly region?: string;
  /** How long an unconfirmed reservation holds its key, in ms. Default 300,000 (5 minutes). */
  readonly reservationTtlMs?: number;
  /** How long a confirmed key is remembered, in ms (its DynamoDB TTL). Default 30 days. */
  readonly confirmedTtlMs?: number;
  /** Deadline of one DynamoDB call in ms, SDK retries included. Default 3,000. */
  readonly operationTimeoutMs?: number;
  /** Clock (a Date or epoch milliseconds); the system clock by default. */
  readonly clock?: Clock;
}

/** Default {@link DynamoReplayStoreOptions.reservationTtlMs}. */
export const DEFAULT_RESERVATION_TTL_MS = 300_000;

const DAY_MS = 86_400_000;
const OPTION_NAMES = [
  "tableName",
  "client",
  "region",
  "reservationTtlMs",
  "confirmedTtlMs",
  "operationTimeoutMs",
  "clock",
] as const;
/** DynamoDB's limit on a partition key value. */
const MAX_KEY_BYTES = 2048;

// Attribute names: `status` and `ttl` are DynamoDB reserved words, so every expression uses
// placeholders.
const NAMES = { "#fp": "fingerprint", "#st": "status", "#ttl": "ttl", "#tok": "token" } as const;

/**
 * A replay store in a DynamoDB table, shared by every instance of a service (Lambda functions,
 * containers). It meets the fenced `ReplayStore` contract:
 *
 * - `reserve` is one conditional `PutItem` (`attribute_not_exists(fingerprint) OR #ttl < :now`):
 *   of N concurrent callers exactly one succeeds, the others get `ReplayError` `INV-013`. The item
 *   carries a fresh token and expires after `reservationTtlMs`; an expired item that DynamoDB has
 *   not deleted yet (TTL deletion is lazy, often days late) is reclaimed by the next `reserve`.
 * - `confirm(key, token)` is a `PutItem` conditional on the token and an unexpired reservation; a
 *   lapsed or foreign token gets `INV-REPLAY-003` and changes nothing. `confirm(key)` without a
 *   token (callers of the original interface) confirms whatever live reservation holds the key.
 * - `release(key, token)` deletes the reservation only while the token holds it.
 * - `hasExecuted` is a strongly consistent `GetItem`.
 * - Any other failure (throttling after the SDK's retries, network, deadline) is
 *   `INV-REPLAY-005` with `retryable: true`: the caller gets no attestation.
 *
 * A successful decision costs exactly two requests: `reserve` and `confirm`.
 *
 * @example
 * ```ts
 * const store = new DynamoReplayStore(process.env.DYNAMO_TABLE!);
 * const attestation = await executeFromSignals(input, signer, verifier, store);
 * ```
 */
export class DynamoReplayStore implements ReplayStore {
  /** The table name. */
  readonly tableName: string;
  readonly #client: SdkClient;
  readonly #ownsClient: boolean;
  readonly #reservationTtlMs: number;
  readonly #confirmedTtlMs: number;
  readonly #timeoutMs: number;
  readonly #clock: Clock;
  #closed = false;

  /**
   * @param tableName - the table
   * @param region - region of the client the store creates; `"us-east-1"` by default
   * @param ttlDays - days a confirmed key is remembered (its DynamoDB TTL); 30 by default
   * @throws StoreError `STORE-001` for a bad argument
   */
  constructor(tableName: string, region?: string, ttlDays?: number);
  /**
   * @param options - `{ tableName, client?, region?, reservationTtlMs?, confirmedTtlMs?, operationTimeoutMs?, clock? }`
   * @throws StoreError `STORE-001` for an unknown option, a wrong type, or both client and region
   */
  constructor(options: DynamoReplayStoreOptions);
  constructor(
    tableNameOrOptions: string | DynamoReplayStoreOptions,
    region?: string,
    ttlDays?: number,
  ) {
    const owner = "DynamoReplayStore";
    let options: Record<string, unknown>;
    if (typeof tableNameOrOptions === "string") {
      if (
        ttlDays !== undefined &&
        (typeof ttlDays !== "number" || !(ttlDays > 0) || !Number.isFinite(ttlDays))
      ) {
        throw new StoreError("STORE-001", `${owner} ttlDays must be a positive number of days`, {
          details: { option: "ttlDays" },
        });
      }
      options = {
        tableName: tableNameOrOptions,
        region: region ?? DEFAULT_REGION,
        confirmedTtlMs: Math.round((ttlDays ?? 30) * DAY_MS),
      };
    } else {
      checkOptionNames(tableNameOrOptions, OPTION_NAMES, owner);
      options = tableNameOrOptions;
    }
    this.#reservationTtlMs = positiveMs(
      options["reservationTtlMs"],
      DEFAULT_RESERVATION_TTL_MS,
      "reservationTtlMs",
      owner,
    );
    this.#confirmedTtlMs = positiveMs(
      options["confirmedTtlMs"],
      30 * DAY_MS,
      "confirmedTtlMs",
      owner,
    );
    const connection = dynamoConnection(options, owner);
    this.tableName = connection.tableName;
    this.#client = connection.client;
    this.#ownsClient = connection.ownsClient;
    this.#timeoutMs = connection.timeoutMs;
    this.#clock = connection.clock;
  }

  /**
   * Claims `key` for one attempt.
   *
   * @param key - the replay key
   * @returns the reservation's fencing token
   * @throws ReplayError `INV-013` when the key is reserved (unexpired) or confirmed
   * @throws InvariantError `INV-REPLAY-004` bad key, `INV-REPLAY-005` DynamoDB failed (retryable)
   */
  async reserve(key: string): Promise<ReservationToken> {
    checkKey(key);
    this.#checkOpen();
    const nowMsValue = this.#nowMsValue();
    const token = randomUUID();
    try {
      await this.#send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: replayItem(
            key,
            "reserved",
            expirySeconds(nowMsValue, this.#reservationTtlMs),
            token,
          ),
          // Free, or present but expired (TTL deletes lazily): both are claimable.
          ConditionExpression: "attribute_not_exists(#fp) OR #ttl < :now",
          ExpressionAttributeNames: { "#fp": NAMES["#fp"], "#ttl": NAMES["#ttl"] },
          ExpressionAttributeValues: { ":now": { N: String(Math.floor(nowMsValue / 1000)) } },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        throw new ReplayError("INV-013", `Replay detected: ${key}`, { details: { key } });
      }
      throw this.#failure(error, "reserve", key);
    }
    return token;
  }

  /**
   * Marks a reserved key as decided. With a token, only while that token still holds the key;
   * without one, whatever live reservation holds it. Confirming again with the same token (an SDK
   * retry of a confirm that succeeded) succeeds.
   *
   * @param key - the replay key
   * @param token - the token `reserve` returned
   * @throws InvariantError `INV-REPLAY-003` the reservation lapsed or belongs to another attempt,
   *   `INV-REPLAY-004` bad key, `INV-REPLAY-005` DynamoDB failed (retryable)
   */
  async confirm(key: string, token?: ReservationToken): Promise<void> {
    checkKey(key);
    if (token !== undefined && (typeof token !== "string" || token.length === 0)) {
      throw new InvariantError("INV-REPLAY-003", `Cannot confirm ${key}: the token is malformed`, {
        details: { key },
      });
    }
    this.#checkOpen();
    const nowMsValue = this.#nowMsValue();
    const now = Math.floor(nowMsValue / 1000);
    const values: Record<string, { S: string } | { N: string }> = {
      ":now": { N: String(now) },
      ":reserved": { S: "reserved" },
    };
    let condition: string;
    if (token === undefined) {
      condition = "#st = :reserved AND #ttl >= :now";
    } else {
      values[":tok"] = { S: token };
      values[":confirmed"] = { S: "confirmed" };
      condition = "#tok = :tok AND ((#st = :reserved AND #ttl >= :now) OR #st = :confirmed)";
    }
    try {
      await this.#send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: this.#confirmedItem(key, nowMsValue, token),
          ConditionExpression: condition,
          ExpressionAttributeNames: {
            "#st": NAMES["#st"],
            "#ttl": NAMES["#ttl"],
            ...(token === undefined ? {} : { "#tok": NAMES["#tok"] }),
          },
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        throw new InvariantError(
          "INV-REPLAY-003",
          `Cannot confirm ${key}: its reservation expired, was released, or is held by another attempt`,
          { details: { key } },
        );
      }
      throw this.#failure(error, "confirm", key);
    }
  }

  /**
   * @param key - the replay key
   * @returns true only when the key is confirmed and its record has not expired
   * @throws InvariantError `INV-REPLAY-004` bad key, `INV-REPLAY-005` DynamoDB failed (retryable)
   * @throws StoreError `STORE-003` when the item is not one this store writes
   */
  async hasExecuted(key: string): Promise<boolean> {
    checkKey(key);
    this.#checkOpen();
    const now = this.#nowSeconds();
    let answer: GetItemCommandOutput;
    try {
      answer = await this.#send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: { fingerprint: { S: key } },
          ConsistentRead: true,
        }),
      );
    } catch (error) {
      throw this.#failure(error, "read", key);
    }
    const item = answer.Item;
    if (item === undefined) return false;
    const status = item["status"]?.S;
    const ttl = Number(item["ttl"]?.N);
    if ((status !== "reserved" && status !== "confirmed") || !Number.isSafeInteger(ttl)) {
      throw new StoreError(
        "STORE-003",
        `the item for ${key} in table ${this.tableName} is not a replay record (status and ttl)`,
        { details: { key, tableName: this.tableName } },
      );
    }
    return status === "confirmed" && ttl >= now;
  }

  /**
   * Records `key` as decided whether or not it was reserved (loading history, for example).
   *
   * @param key - the replay key
   * @throws InvariantError `INV-REPLAY-004` bad key, `INV-REPLAY-005` DynamoDB failed (retryable)
   */
  async markExecuted(key: string): Promise<void> {
    checkKey(key);
    this.#checkOpen();
    try {
      await this.#send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: this.#confirmedItem(key, this.#nowMsValue(), undefined),
        }),
      );
    } catch (error) {
      throw this.#failure(error, "markExecuted", key);
    }
  }

  /**
   * Gives up a reservation after a failed attempt so a retry can proceed at once. With a token,
   * only while that token holds the key; a confirmed key is never released. Otherwise a no-op.
   *
   * @param key - the replay key
   * @param token - the token `reserve` returned
   * @throws InvariantError `INV-REPLAY-004` bad key, `INV-REPLAY-005` DynamoDB failed (retryable)
   */
  async release(key: string, token?: ReservationToken): Promise<void> {
    checkKey(key);
    this.#checkOpen();
    try {
      await this.#send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: { fingerprint: { S: key } },
          ConditionExpression:
            token === undefined ? "#st = :reserved" : "#st = :reserved AND #tok = :tok",
          ExpressionAttributeNames: {
            "#st": NAMES["#st"],
            ...(token === undefined ? {} : { "#tok": NAMES["#tok"] }),
          },
          ExpressionAttributeValues: {
            ":reserved": { S: "reserved" },
            ...(token === undefined ? {} : { ":tok": { S: String(token) } }),
          },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) return;
      throw this.#failure(error, "release", key);
    }
  }

  /** Closes the `DynamoDBClient` the store created; a client you passed in stays open. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsClient) this.#client.destroy();
  }

  /** The record of a decided key: kept `confirmedTtlMs`, with the deciding attempt's token. */
  #confirmedItem(
    key: string,
    nowMsValue: number,
    token: string | undefined,
  ): Record<string, AttributeValue> {
    const expiry = expirySeconds(nowMsValue, this.#confirmedTtlMs);
    return replayItem(key, "confirmed", expiry, token ?? randomUUID());
  }

  #send<T>(command: unknown): Promise<T> {
    return sendWithDeadline<T>(this.#client, command, this.#timeoutMs);
  }

  #nowMsValue(): number {
    return nowMs(this.#clock, "DynamoReplayStore");
  }

  #nowSeconds(): number {
    return Math.floor(this.#nowMsValue() / 1000);
  }

  #checkOpen(): void {
    if (this.#closed) throw new StoreError("STORE-005", "DynamoReplayStore was used after close()");
  }

  #failure(error: unknown, operation: string, key: string): InvariantError {
    const facts = describeProviderFailure(error);
    return new InvariantError(
      "INV-REPLAY-005",
      `the replay store failed to ${operation} ${key}: DynamoDB answered ${failureText(facts)}`,
      {
        details: { key, operation, tableName: this.tableName, ...facts },

        retryable: true,
      },
    );
  }
}

/** One replay record, with the documented attribute names. */
function replayItem(
  key: string,
  status: "reserved" | "confirmed",
  ttlSeconds: number,
  token: string,
): Record<string, AttributeValue> {
  return {
    fingerprint: { S: key },
    status: { S: status },
    ttl: { N: String(ttlSeconds) },
    token: { S: token },
  };
}

/**
 * The `ttl` attribute (epoch seconds, as DynamoDB TTL requires) of a record that must live at
 * least `lifetimeMs`. A record is live while `ttl >= now` in whole seconds, so it lasts between
 * `lifetimeMs` and `lifetimeMs` + 1 s.
 */
function expirySeconds(nowMsValue: number, lifetimeMs: number): number {
  return Math.floor((nowMsValue + lifetimeMs) / 1000);
}

function checkKey(key: unknown): asserts key is string {
  if (typeof key !== "string" || key.length === 0) {
    throw new InvariantError(
      "INV-REPLAY-004",
      `replay key must be a non-empty string, got ${typeof key === "string" ? "an empty string" : key === null ? "null" : typeof key}`,
    );
  }
  if (Buffer.byteLength(key, "utf8") > MAX_KEY_BYTES) {
    throw new InvariantError(
      "INV-REPLAY-004",
      `replay key is ${Buffer.byteLength(key, "utf8")} bytes; a DynamoDB partition key holds at most ${MAX_KEY_BYTES}`,
    );
  }
}
