import {
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type GetItemCommandOutput,
} from "@aws-sdk/client-dynamodb";
import {
  canonicalHash,
  canonicalize,
  OverrideError,
  StoreError,
  type ExecutionAttestation,
  type PendingOverride,
  type PendingOverrideReference,
  type PendingOverrideStore,
  type Signer,
  type Verifier,
} from "@parmanasystems/core";
import { checkOptionNames, nowMs, type Clock, type SdkClient } from "../internal/options.js";
import {
  describeProviderFailure,
  failureText,
  sendWithDeadline,
} from "../internal/send-with-deadline.js";
import { dynamoConnection, isConditionalCheckFailed } from "./dynamo-connection.js";

/** Options of {@link DynamoPendingOverrideStore}. */
export interface DynamoPendingOverrideStoreOptions {
  /** The table; its partition key is the string attribute `pk` (see `createPendingOverrideTable`). */
  readonly tableName: string;
  /**
   * Signs override records when `approveOverride` / `rejectOverride` get no `signer` option:
   * signers cannot be stored in a table, so every instance configures its own (the same KMS key).
   */
  readonly signer: Signer;
  /** Verifies override records before they are returned (the pair of `signer`). */
  readonly verifier: Verifier;
  /** An existing `DynamoDBClient` (you close it). When absent, the store creates one for `region`. */
  readonly client?: DynamoDBClient;
  /** Region of the client the store creates; `"us-east-1"` by default. Not with `client`. */
  readonly region?: string;
  /** Deadline of one DynamoDB call in ms, SDK retries included. Default 3,000. */
  readonly operationTimeoutMs?: number;
  /** Clock for `recordedAt` / `resolvedAt` (a Date or epoch ms); the system clock by default. */
  readonly clock?: Clock;
}

const OPTION_NAMES = [
  "tableName",
  "signer",
  "verifier",
  "client",
  "region",
  "operationTimeoutMs",
  "clock",
] as const;
const OWNER = "DynamoPendingOverrideStore";

interface StoredDecision {
  readonly pending: PendingOverride;
  readonly resolvedAt: number;
}

/**
 * Pending-override decisions in a DynamoDB table, so a decision made by one Lambda instance can be
 * approved or rejected from another (the in-memory default only serves the process that decided).
 * Same contract as core's `MemoryPendingOverrideStore`:
 *
 * - `record` is idempotent for the same attestation; a different attestation of the same policy
 *   under an unresolved `executionId` replaces it (a retry); anything else is `SYS-028`.
 * - `find` by `executionId` or by `execution_fingerprint` (strongly consistent reads; a
 *   fingerprint shared by several unresolved decisions is `SYS-028`). The attestation read back
 *   must hash to the hash stored beside it, else `STORE-003`.
 * - `markResolved` is one conditional `UpdateItem`: of concurrent callers exactly one gets true.
 * - The roles of the rule (`overrideRoles`) are stored with the decision, so `approveOverride`
 *   enforces them in every instance.
 *
 * Items: `pk = "execution#<executionId>"` holds one decision; `pk = "fingerprint#<fingerprint>"`
 * lists the executionIds decided with that fingerprint.
 *
 * @example
 * ```ts
 * const overrides = new DynamoPendingOverrideStore({ tableName: "parmana-pending-overrides", signer, verifier });
 * await executeFromSignals(input, signer, verifier, { replayStore, pendingOverrideStore: overrides });
 * await approveOverride({ executionId, approved_by, approver_role, reason }, { store: overrides });
 * ```
 */
export class DynamoPendingOverrideStore implements PendingOverrideStore {
  /** The table name. */
  readonly tableName: string;
  readonly #signer: Signer;
  readonly #verifier: Verifier;
  readonly #client: SdkClient;
  readonly #ownsClient: boolean;
  readonly #timeoutMs: number;
  readonly #clock: Clock;
  #closed = false;

  /**
   * @param options - `{ tableName, signer, verifier, client?, region?, operationTimeoutMs?, clock? }`
   * @throws StoreError `STORE-001` for an unknown option, a wrong type, or both client and region
   */
  constructor(options: DynamoPendingOverrideStoreOptions) {
    checkOptionNames(options, OPTION_NAMES, OWNER);
    const raw = options as unknown as Record<string, unknown>;
    if (typeof (raw["signer"] as Signer | undefined)?.sign !== "function") {
      throw new StoreError("STORE-001", `${OWNER} needs signer with a sign(payload) method`, {
        details: { option: "signer" },
      });
    }
    if (typeof (raw["verifier"] as Verifier | undefined)?.verify !== "function") {
      throw new StoreError(
        "STORE-001",
        `${OWNER} needs verifier with a verify(payload, signature) method`,
        {
          details: { option: "verifier" },
        },
      );
    }
    this.#signer = options.signer;
    this.#verifier = options.verifier;
    const connection = dynamoConnection(raw, OWNER);
    this.tableName = connection.tableName;
    this.#client = connection.client;
    this.#ownsClient = connection.ownsClient;
    this.#timeoutMs = connection.timeoutMs;
    this.#clock = connection.clock;
  }

  /**
   * Records a pending decision.
   *
   * @param pending - the attestation, with the rule id and roles that may resolve it
   * @throws OverrideError `SYS-024` malformed entry, `SYS-028` executionId held by another attestation
   * @throws StoreError `STORE-002` DynamoDB failed (retryable)
   */
  async record(pending: PendingOverride): Promise<void> {
    const { executionId, fingerprint, policyId } = checkPending(pending);
    this.#checkOpen();
    let attestationJson: string;
    try {
      attestationJson = canonicalize(pending.attestation);
    } catch (error) {
      throw new OverrideError(
        "SYS-024",
        `invalid pending decision: the attestation is not plain JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    const attestationHash = canonicalHash(pending.attestation);
    // The fingerprint index first: a crash between the two writes leaves an index entry without a
    // decision (skipped by find), never a decision that a fingerprint lookup cannot reach.
    await this.#send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: { pk: { S: `fingerprint#${fingerprint}` } },
        UpdateExpression: "ADD #ids :id",
        ExpressionAttributeNames: { "#ids": "executionIds" },
        ExpressionAttributeValues: { ":id": { SS: [executionId] } },
      }),
      "record",
    );
    const item: Record<string, AttributeValue> = {
      pk: { S: `execution#${executionId}` },
      executionId: { S: executionId },
      execution_fingerprint: { S: fingerprint },
      policyId: { S: policyId },
      attestation: { S: attestationJson },
      attestationHash: { S: attestationHash },
      ruleId: { S: pending.ruleId },
      resolved: { BOOL: false },
      recordedAt: { N: String(nowMs(this.#clock, OWNER)) },
    };
    if (pending.overrideRoles !== undefined) {
      item["overrideRoles"] = { L: pending.overrideRoles.map((role) => ({ S: role })) };
    }
    try {
      await this.#send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: item,
          // New, or an unresolved decision of the same policy (a retry after a failed attempt).
          ConditionExpression:
            "attribute_not_exists(pk) OR (#resolved = :false AND #policyId = :policyId)",
          ExpressionAttributeNames: { "#resolved": "resolved", "#policyId": "policyId" },
          ExpressionAttributeValues: { ":false": { BOOL: false }, ":policyId": { S: policyId } },
        }),
        "record",
        true,
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const existing = await this.#get(`execution#${executionId}`);
      if (existing?.["attestationHash"]?.S === attestationHash) return;
      const resolved = existing?.["resolved"]?.BOOL === true;
      throw new OverrideError(
        "SYS-028",
        `executionId ${executionId} is already recorded for a different attestation${resolved ? " and was resolved" : ` of policy ${String(existing?.["policyId"]?.S)}`}; give each business transaction its own executionId`,
        { details: { executionId } },
      );
    }
  }

  /**
   * Finds a decision by `executionId` (and, when both are given, the fingerprint must match) or by
   * `execution_fingerprint` alone.
   *
   * @param reference - either id
   * @returns the decision with `resolved` set, or undefined
   * @throws OverrideError `SYS-028` when a fingerprint alone matches several unresolved decisions
   * @throws StoreError `STORE-002` DynamoDB failed (retryable), `STORE-003` malformed item
   */
  async find(reference: PendingOverrideReference): Promise<PendingOverride | undefined> {
    this.#checkOpen();
    const executionId = reference?.executionId;
    const fingerprint = reference?.execution_fingerprint;
    if (typeof executionId === "string" && executionId.length > 0) {
      const found = await this.#decision(executionId);
      if (found === undefined) return undefined;
      if (
        typeof fingerprint === "string" &&
        found.pending.attestation.execution_fingerprint !== fingerprint
      ) {
        return undefined;
      }
      return found.pending;
    }
    if (typeof fingerprint !== "string" || fingerprint.length === 0) return undefined;
    const index = await this.#get(`fingerprint#${fingerprint}`);
    const ids = index?.["executionIds"]?.SS ?? [];
    const unresolved: StoredDecision[] = [];
    let latestResolved: StoredDecision | undefined;
    for (const id of ids) {
      const found = await this.#decision(id);
      if (found === undefined || found.pending.attestation.execution_fingerprint !== fingerprint)
        continue;
      if (found.pending.resolved !== true) unresolved.push(found);
      else if (latestResolved === undefined || found.resolvedAt > latestResolved.resolvedAt) {
        latestResolved = found;
      }
    }
    if (unresolved.length > 1) {
      const executionIds = unresolved.map((entry) => entry.pending.attestation.executionId).sort();
      throw new OverrideError(
        "SYS-028",
        `execution_fingerprint ${fingerprint} matches ${unresolved.length} pending decisions (${executionIds.join(", ")}); refer to one by executionId`,
        { details: { execution_fingerprint: fingerprint, executionIds } },
      );
    }
    return (unresolved[0] ?? latestResolved)?.pending;
  }

  /**
   * Marks a decision resolved, once (one conditional `UpdateItem`).
   *
   * @param executionId - the decision's executionId
   * @returns true for the first call on a recorded, unresolved decision; false otherwise
   * @throws StoreError `STORE-002` DynamoDB failed (retryable)
   */
  async markResolved(executionId: string): Promise<boolean> {
    if (typeof executionId !== "string" || executionId.length === 0) return false;
    this.#checkOpen();
    try {
      await this.#send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { pk: { S: `execution#${executionId}` } },
          UpdateExpression: "SET #resolved = :true, #resolvedAt = :now",
          ConditionExpression: "attribute_exists(pk) AND #resolved = :false",
          ExpressionAttributeNames: { "#resolved": "resolved", "#resolvedAt": "resolvedAt" },
          ExpressionAttributeValues: {
            ":true": { BOOL: true },
            ":false": { BOOL: false },
            ":now": { N: String(nowMs(this.#clock, OWNER)) },
          },
        }),
        "markResolved",
        true,
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** Closes the `DynamoDBClient` the store created; a client you passed in stays open. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsClient) this.#client.destroy();
  }

  async #decision(executionId: string): Promise<StoredDecision | undefined> {
    const item = await this.#get(`execution#${executionId}`);
    if (item === undefined) return undefined;
    const json = item["attestation"]?.S;
    const hash = item["attestationHash"]?.S;
    const ruleId = item["ruleId"]?.S;
    const resolved = item["resolved"]?.BOOL;
    const roles = item["overrideRoles"];
    let attestation: ExecutionAttestation | undefined;
    try {
      attestation = json === undefined ? undefined : (JSON.parse(json) as ExecutionAttestation);
    } catch {
      attestation = undefined;
    }
    const rolesOk =
      roles === undefined ||
      (Array.isArray(roles.L) && roles.L.every((role) => typeof role.S === "string"));
    if (
      attestation === undefined ||
      typeof ruleId !== "string" ||
      typeof resolved !== "boolean" ||
      !rolesOk ||
      canonicalHash(attestation) !== hash ||
      attestation.executionId !== executionId
    ) {
      throw new StoreError(
        "STORE-003",
        `the pending decision ${executionId} in table ${this.tableName} is malformed or does not match its stored hash`,
        { details: { executionId, tableName: this.tableName } },
      );
    }
    const overrideRoles = roles?.L?.map((role) => role.S as string);
    return {
      pending: Object.freeze({
        attestation,
        signer: this.#signer,
        verifier: this.#verifier,
        ruleId,
        ...(overrideRoles === undefined ? {} : { overrideRoles: Object.freeze(overrideRoles) }),
        resolved,
      }),
      resolvedAt: Number(item["resolvedAt"]?.N ?? 0),
    };
  }

  async #get(pk: string): Promise<Record<string, AttributeValue> | undefined> {
    const answer: GetItemCommandOutput = await this.#send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { pk: { S: pk } },
        ConsistentRead: true,
      }),
      "find",
    );
    return answer.Item;
  }

  /** Sends a command; failures other than a failed condition become `STORE-002`. */
  async #send<T>(command: unknown, operation: string, passConditionFailure = false): Promise<T> {
    try {
      return await sendWithDeadline<T>(this.#client, command, this.#timeoutMs);
    } catch (error) {
      if (passConditionFailure && isConditionalCheckFailed(error)) throw error;
      const facts = describeProviderFailure(error);
      throw new StoreError(
        "STORE-002",
        `the pending-override store failed to ${operation}: DynamoDB answered ${failureText(facts)}`,
        {
          details: { operation, tableName: this.tableName, ...facts },

          retryable: true,
        },
      );
    }
  }

  #checkOpen(): void {
    if (this.#closed) throw new StoreError("STORE-005", `${OWNER} was used after close()`);
  }
}

function checkPending(pending: PendingOverride): {
  executionId: string;
  fingerprint: string;
  policyId: string;
} {
  const attestation = (pending as { attestation?: unknown } | null)?.attestation as
    Record<string, unknown> | null | undefined;
  const problems: string[] = [];
  const executionId = attestation?.["executionId"];
  const fingerprint = attestation?.["execution_fingerprint"];
  const policyId = attestation?.["policyId"];
  if (typeof executionId !== "string" || executionId.length === 0)
    problems.push("attestation.executionId must be a non-empty string");
  if (typeof fingerprint !== "string" || fingerprint.length === 0)
    problems.push("attestation.execution_fingerprint must be a non-empty string");
  if (typeof policyId !== "string" || policyId.length === 0)
    problems.push("attestation.policyId must be a non-empty string");
  if (typeof pending?.ruleId !== "string") problems.push("ruleId must be a string");
  if (
    pending?.overrideRoles !== undefined &&
    (!Array.isArray(pending.overrideRoles) ||
      !pending.overrideRoles.every((role) => typeof role === "string"))
  ) {
    problems.push("overrideRoles must be an array of strings");
  }
  if (problems.length > 0) {
    throw new OverrideError("SYS-024", `invalid pending decision: ${problems.join("; ")}`, {
      details: { problems },
    });
  }
  return {
    executionId: executionId as string,
    fingerprint: fingerprint as string,
    policyId: policyId as string,
  };
}
