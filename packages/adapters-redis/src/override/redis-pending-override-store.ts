import {
  OverrideError,
  ParmanaError,
  StoreError,
  type PendingOverride,
  type PendingOverrideReference,
  type PendingOverrideStore,
  type Signer,
  type Verifier,
} from "@parmanasystems/core";
import { describeValueRedacted } from "@parmanasystems/core/internal";
import { closeConnection, CommandRunner } from "../connection/command-runner.js";
import { openConnection } from "../connection/open-connection.js";
import type { RedisClient } from "../connection/redis-client.types.js";
import {
  readFlag,
  readMilliseconds,
  readPrefix,
  rejectUnknownOptions,
} from "../connection/store-options.js";
import { MARK_RESOLVED_SCRIPT, RECORD_SCRIPT, RecordReply } from "./override-scripts.js";
import type {
  RedisPendingOverrideStoreOptions,
  RedisPendingOverrideStoreSettings,
} from "./redis-pending-override-store.types.js";
import { parseStoredOverride, serializePending } from "./stored-override.js";

const STORE = "RedisPendingOverrideStore";
const OPTION_NAMES = [
  "signer",
  "verifier",
  "prefix",
  "recordTtlMs",
  "operationTimeoutMs",
  "coalesceWrites",
] as const;
const DEFAULT_PREFIX = "parmana:override:";
const DEFAULT_OPERATION_TIMEOUT_MS = 2_000;
const MAX_TTL_MS = 10 * 365 * 24 * 3_600_000;
const MAX_TIMEOUT_MS = 600_000;
const MAX_ID_BYTES = 1024;

interface Settings {
  readonly signer: Signer;
  readonly verifier: Verifier;
  readonly prefix: string;
  readonly recordTtlMs: number | undefined;
  readonly timeoutMs: number;
  readonly coalesceWrites: boolean;
}

interface Loaded {
  readonly pending: PendingOverride;
  readonly resolvedAt: number | undefined;
}

/**
 * Pending overrides in Redis, so that a decision that requires an override can be approved or
 * rejected by any instance of a service, and after a restart, not only in the process that
 * decided. Pass it to `executeFromSignals` (`pendingOverrideStore`) and to `approveOverride` /
 * `rejectOverride` (`store`).
 *
 * - Stores the serializable part of a decision (attestation, rule id, allowed roles) in one
 *   Redis hash per executionId, plus an index by execution fingerprint. The signer and verifier
 *   are not stored: each instance gives its own to the constructor.
 * - Reading a decision back checks its hash and verifies the attestation's signature with the
 *   verifier, so an attestation altered in Redis is refused (`STORE-003`).
 * - `markResolved` is one Lua check-and-set: of concurrent approvals and rejections in any
 *   number of processes, exactly one succeeds; the others get `[SYS-022]`. The rule's
 *   `override_roles` travel with the decision, so `approveOverride` enforces them everywhere.
 * - `record` keeps the in-memory store's rules: the same attestation again is a no-op, a retry
 *   of the same policy replaces an unresolved decision, anything else is `[SYS-028]`.
 * - Every command has a deadline (`operationTimeoutMs`); Redis failing is `STORE-002`
 *   (retryable) and nothing is resolved.
 *
 * @example
 * ```ts
 * import { approveOverride, executeFromSignals } from "@parmanasystems/core";
 * import { RedisPendingOverrideStore, RedisReplayStore } from "@parmanasystems/adapters-redis";
 *
 * const overrides = new RedisPendingOverrideStore(process.env.REDIS_URL, { signer, verifier });
 * const replayStore = new RedisReplayStore(process.env.REDIS_URL);
 * const attestation = await executeFromSignals(input, signer, verifier, {
 *   replayStore,
 *   pendingOverrideStore: overrides,
 * });
 * // later, in any instance:
 * const record = await approveOverride(
 *   { executionId: attestation.executionId, approved_by: "risk@example.com", approver_role: "risk-manager", reason: "Reviewed" },
 *   { store: overrides },
 * );
 * ```
 */
export class RedisPendingOverrideStore implements PendingOverrideStore {
  readonly #runner: CommandRunner;
  readonly #owned: boolean;
  readonly #signer: Signer;
  readonly #verifier: Verifier;
  readonly #prefix: string;
  readonly #recordTtlMs: number | undefined;
  #closed = false;

  /**
   * A Redis URL (none means ioredis's default, `127.0.0.1:6379`); the store opens the
   * connection and closes it in {@link disconnect}.
   *
   * @param url - `redis://` or `rediss://` URL, or a Unix socket path
   * @param options - {@link RedisPendingOverrideStoreSettings}: `signer` and `verifier` required
   * @throws StoreError `STORE-001` for a malformed URL, a missing signer or verifier, an unknown
   *   option or a bad option value
   */
  constructor(url: string | undefined, options: RedisPendingOverrideStoreSettings);
  /**
   * A connection you own (ioredis `Redis` or `Cluster`); the store never closes it.
   *
   * @param client - ioredis `Redis` or `Cluster`
   * @param options - {@link RedisPendingOverrideStoreSettings}: `signer` and `verifier` required
   * @throws StoreError `STORE-001` for a client that is not ioredis or bad options
   */
  constructor(client: RedisClient, options: RedisPendingOverrideStoreSettings);
  /**
   * One options object: `client` or `url`, `signer`, `verifier` and the other settings.
   *
   * @param options - {@link RedisPendingOverrideStoreOptions}
   * @throws StoreError `STORE-001` for a client that is not ioredis or bad options
   */
  constructor(options: RedisPendingOverrideStoreOptions);
  constructor(
    urlClientOrOptions: string | undefined | RedisClient | RedisPendingOverrideStoreOptions,
    options?: RedisPendingOverrideStoreSettings,
  ) {
    const connection = openConnection(STORE, urlClientOrOptions, options, readSettings);
    const settings = connection.settings;
    this.#runner = new CommandRunner(
      connection.client,
      settings.timeoutMs,
      connection.lastError,
      settings.coalesceWrites,
    );
    this.#owned = connection.owned;
    this.#signer = settings.signer;
    this.#verifier = settings.verifier;
    this.#prefix = settings.prefix;
    this.#recordTtlMs = settings.recordTtlMs;
  }

  /**
   * Records a pending decision (`executeFromSignals` calls it before confirming the replay key).
   *
   * @param pending - the attestation, rule id and allowed roles (its signer and verifier are
   *   not stored)
   * @throws OverrideError `SYS-024` malformed entry (nothing written), `SYS-028` executionId
   *   held by another attestation that was resolved or belongs to another policy
   * @throws StoreError `STORE-002` (retryable) Redis failed, `STORE-003` the key holds a record
   *   this library does not write, `STORE-005` after {@link disconnect}
   * @example
   * ```ts
   * await store.record({ attestation, signer, verifier, ruleId: "manual-review", overrideRoles: ["risk-manager"] });
   * ```
   */
  async record(pending: PendingOverride): Promise<void> {
    const serialized = serializePending(pending);
    checkId(serialized.executionId, "attestation.executionId");
    checkId(serialized.fingerprint, "attestation.execution_fingerprint");
    this.#checkOpen();
    const ttl = this.#recordTtlMs === undefined ? "" : this.#recordTtlMs;
    const reply = await this.#command("record", () =>
      this.#runner.script(RECORD_SCRIPT, this.#executionKey(serialized.executionId), [
        serialized.attestationHash,
        serialized.policyId,
        serialized.fingerprint,
        serialized.record,
        ttl,
      ]),
    );
    if (reply === RecordReply.resolved || reply === RecordReply.otherPolicy) {
      throw new OverrideError(
        "SYS-028",
        `executionId ${serialized.executionId} is already recorded for a different attestation${reply === RecordReply.resolved ? " and was resolved" : " of another policy"}; give each business transaction its own executionId`,
        { details: { executionId: serialized.executionId } },
      );
    }
    if (reply === RecordReply.foreign) throw this.#foreign(serialized.executionId);
    // The index only helps lookups by fingerprint; entries are checked against the record.
    const indexKey = this.#fingerprintKey(serialized.fingerprint);
    await this.#command("record", () =>
      this.#runner.run<unknown>((client) =>
        ttl === ""
          ? client.sadd(indexKey, serialized.executionId)
          : client.multi().sadd(indexKey, serialized.executionId).pexpire(indexKey, ttl).exec(),
      ),
    );
  }

  /**
   * Finds a decision by `executionId` (with `execution_fingerprint` too, both must match) or by
   * `execution_fingerprint` alone (the one unresolved decision with it, else the latest
   * resolved one). The returned decision carries this store's signer and verifier.
   *
   * @param reference - `{ executionId }` and/or `{ execution_fingerprint }`
   * @returns the decision with `resolved` set, or undefined
   * @throws OverrideError `SYS-028` when a fingerprint alone matches several unresolved decisions
   * @throws StoreError `STORE-002` (retryable) Redis or the verifier failed, `STORE-003` a stored
   *   decision is malformed or its attestation does not verify, `STORE-005` after {@link disconnect}
   * @example
   * ```ts
   * const pending = await store.find({ executionId: "app-42" });
   * pending?.overrideRoles; // ["risk-manager"]
   * ```
   */
  async find(reference: PendingOverrideReference): Promise<PendingOverride | undefined> {
    const executionId = reference?.executionId;
    const fingerprint = reference?.execution_fingerprint;
    this.#checkOpen();
    if (typeof executionId === "string") {
      if (!isUsableId(executionId)) return undefined;
      const loaded = await this.#load(executionId);
      if (loaded === undefined) return undefined;
      if (
        typeof fingerprint === "string" &&
        loaded.pending.attestation.execution_fingerprint !== fingerprint
      )
        return undefined;
      return loaded.pending;
    }
    if (typeof fingerprint !== "string" || !isUsableId(fingerprint)) return undefined;
    const ids = await this.#command("find", () =>
      this.#runner.run((client) => client.smembers(this.#fingerprintKey(fingerprint))),
    );
    const loaded = await Promise.all(ids.map((id) => this.#load(id)));
    const unresolved: PendingOverride[] = [];
    let latest: Loaded | undefined;
    for (const entry of loaded) {
      if (entry === undefined || entry.pending.attestation.execution_fingerprint !== fingerprint)
        continue;
      if (entry.resolvedAt === undefined) unresolved.push(entry.pending);
      else if (latest === undefined || (latest.resolvedAt ?? 0) < entry.resolvedAt) latest = entry;
    }
    if (unresolved.length > 1) {
      const executionIds = unresolved.map((pending) => pending.attestation.executionId).sort();
      throw new OverrideError(
        "SYS-028",
        `execution_fingerprint ${fingerprint} matches ${unresolved.length} pending decisions (${executionIds.join(", ")}); refer to one by executionId`,
        { details: { execution_fingerprint: fingerprint, executionIds } },
      );
    }
    return unresolved[0] ?? latest?.pending;
  }

  /**
   * Marks a decision resolved, once, atomically across processes (one Lua check-and-set).
   *
   * @param executionId - the decision's executionId
   * @returns true for the first call on a recorded decision; false when already resolved or unknown
   * @throws StoreError `STORE-002` (retryable) Redis failed (nothing resolved, unless the
   *   command was applied after its deadline: the decision then stays resolved, never twice),
   *   `STORE-005` after {@link disconnect}
   * @example
   * ```ts
   * if (await store.markResolved("app-42")) {
   *   // this call resolved it
   * }
   * ```
   */
  async markResolved(executionId: string): Promise<boolean> {
    if (!isUsableId(executionId)) return false;
    this.#checkOpen();
    const reply = await this.#command("markResolved", () =>
      this.#runner.script(MARK_RESOLVED_SCRIPT, this.#executionKey(executionId), []),
    );
    return reply === 1;
  }

  /**
   * Stops the store; closes the connection only if the store opened it (URL form). Later calls
   * throw `STORE-005`. Calling it again does nothing.
   *
   * @example
   * ```ts
   * await store.disconnect();
   * ```
   */
  async disconnect(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#owned) await closeConnection(this.#runner);
  }

  async #load(executionId: string): Promise<Loaded | undefined> {
    const [hash, record, resolved] = await this.#command("find", () =>
      this.#runner.run((client) =>
        client.hmget(this.#executionKey(executionId), "hash", "record", "resolved"),
      ),
    );
    if (hash === null && record === null && resolved === null) return undefined;
    const stored = await parseStoredOverride(
      { hash: hash ?? null, record: record ?? null },
      executionId,
      this.#verifier,
      STORE,
    );
    const resolvedAt = resolved === null || resolved === undefined ? undefined : Number(resolved);
    const pending: PendingOverride = Object.freeze({
      attestation: Object.freeze(stored.attestation),
      signer: this.#signer,
      verifier: this.#verifier,
      ruleId: stored.ruleId,
      ...(stored.overrideRoles === undefined
        ? {}
        : { overrideRoles: Object.freeze([...stored.overrideRoles]) }),
      resolved: resolvedAt !== undefined,
    });
    return { pending, resolvedAt };
  }

  #executionKey(executionId: string): string {
    return `${this.#prefix}execution:${executionId}`;
  }

  #fingerprintKey(fingerprint: string): string {
    return `${this.#prefix}fingerprint:${fingerprint}`;
  }

  #checkOpen(): void {
    if (this.#closed) throw new StoreError("STORE-005", `${STORE} was used after disconnect()`);
  }

  async #command<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (ParmanaError.isInstance(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      if (message.includes("WRONGTYPE")) {
        throw new StoreError(
          "STORE-003",
          `${STORE} could not ${operation}: a key under prefix ${this.#prefix} holds a value this library does not write; give Parmana a prefix of its own`,
          { details: { operation }, cause: error },
        );
      }
      throw new StoreError("STORE-002", `${STORE} could not ${operation}: ${message}`, {
        details: { operation },
        cause: error,
        retryable: true,
      });
    }
  }

  #foreign(executionId: string): StoreError {
    return new StoreError(
      "STORE-003",
      `${STORE}: the key for executionId ${executionId} holds a record this library does not write; give Parmana a prefix of its own`,
      { details: { executionId } },
    );
  }
}

function readSettings(options: Record<string, unknown>): Settings {
  rejectUnknownOptions(STORE, options, OPTION_NAMES);
  const signer = options["signer"] as Signer | undefined;
  const verifier = options["verifier"] as Verifier | undefined;
  if (typeof signer?.sign !== "function") {
    throw new StoreError(
      "STORE-001",
      `${STORE}: option signer must have a sign(payload) method (the signer of the attestations), got ${describeValueRedacted(signer)}`,
      { details: { option: "signer" } },
    );
  }
  if (typeof verifier?.verify !== "function") {
    throw new StoreError(
      "STORE-001",
      `${STORE}: option verifier must have a verify(payload, signature) method, got ${describeValueRedacted(verifier)}`,
      { details: { option: "verifier" } },
    );
  }
  return {
    signer,
    verifier,
    prefix: readPrefix(STORE, options, DEFAULT_PREFIX),
    recordTtlMs: readMilliseconds(STORE, options, "recordTtlMs", MAX_TTL_MS),
    timeoutMs:
      readMilliseconds(STORE, options, "operationTimeoutMs", MAX_TIMEOUT_MS) ??
      DEFAULT_OPERATION_TIMEOUT_MS,
    coalesceWrites: readFlag(STORE, options, "coalesceWrites") ?? true,
  };
}

function isUsableId(id: unknown): id is string {
  return (
    typeof id === "string" &&
    id.length > 0 &&
    id.isWellFormed() &&
    Buffer.byteLength(id, "utf8") <= MAX_ID_BYTES
  );
}

function checkId(id: string, name: string): void {
  if (!isUsableId(id)) {
    throw new OverrideError(
      "SYS-024",
      `invalid pending decision: ${name} must be well-formed Unicode of at most ${MAX_ID_BYTES} UTF-8 bytes`,
      { details: { problems: [`${name} is too long or has a lone surrogate`] } },
    );
  }
}
