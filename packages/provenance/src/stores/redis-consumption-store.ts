import { ProvenanceError, type Clock } from "@parmanasystems/core";
import type { ExecutionAuthority } from "../authority/execution-authority.types.js";
import type {
  AuthorityConsumptionStatus,
  AuthorityConsumptionStore,
  ConsumptionResult,
  ExecutionConsumptionInput,
  ExecutionConsumptionStore,
} from "../consumption/consumption.types.js";
import { messageOf, ownValue } from "../internal/lifecycle-guards.js";
import {
  authorityForStatus,
  classifyConsumption,
  parseStoredConsumption,
  readStoreClock,
  requireAuthorityHash,
  requireStoreClock,
  toConsumptionResult,
  type StoredConsumption,
} from "./consumption-call.js";
import type { RedisConsumptionClient, RedisConsumptionStoreOptions } from "./redis-client.types.js";
import { readStoreOptions, requireClientMethods } from "./store-options.js";
import { withDeadline } from "./with-deadline.js";

const DEFAULT_GRACE_MS = 300_000;
const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * Redis-backed consumption store: atomic across processes through `SET key value NX`, one key
 * per authority (`<prefix>:<authorityHash>`, value the JSON record). Keys written through the
 * authority form expire `expiryGraceMs` after the authority's `expiresAt` (`PX`); record-form
 * keys never expire (the record names no expiry).
 *
 * Fail closed: any Redis error, a closed connection or a missed deadline makes `consume`
 * resolve false (authority form) or `{ consumed: false }` (record form) — never true, never a
 * rejection — and makes `get`/`getStatus` reject with a retryable `PROV-026`, never answer
 * "available". A command that timed out may still have been applied by Redis; the authority is
 * then spent without having been used, which is the safe side.
 *
 * Both store interfaces are implemented, as by {@link InMemoryConsumptionStore}. The client is
 * used through {@link RedisConsumptionClient}: pass an `ioredis` instance; this package does not
 * depend on ioredis.
 *
 * @example
 * ```ts
 * import Redis from "ioredis";
 * const store = new RedisConsumptionStore(new Redis(process.env.REDIS_URL), "parmana:consumed");
 * ```
 */
export class RedisConsumptionStore implements ExecutionConsumptionStore, AuthorityConsumptionStore {
  readonly #client: RedisConsumptionClient;
  readonly #prefix: string;
  readonly #clock: Clock | undefined;
  readonly #graceMs: number | false;
  readonly #timeoutMs: number;

  /**
   * @param redisClient - an ioredis client (or any {@link RedisConsumptionClient})
   * @param prefix - key prefix, default `"parmana:consumed"`
   * @param options - `clock`, `expiryGraceMs`, `operationTimeoutMs`
   * @throws ProvenanceError `PROV-021` when the client lacks `set`/`get`, the prefix is empty or an
   *   option is malformed
   */
  constructor(
    redisClient: RedisConsumptionClient,
    prefix: string = "parmana:consumed",
    options: RedisConsumptionStoreOptions = {},
  ) {
    requireClientMethods(redisClient, ["set", "get"], "RedisConsumptionStore", "redisClient");
    if (typeof prefix !== "string" || prefix.length === 0) {
      throw new ProvenanceError(
        "PROV-021",
        "RedisConsumptionStore: prefix must be a non-empty string",
      );
    }
    const { record, clock } = readStoreOptions(options, "RedisConsumptionStore");
    const grace = ownValue(record, "expiryGraceMs");
    if (
      grace !== undefined &&
      grace !== false &&
      !(typeof grace === "number" && Number.isSafeInteger(grace) && grace >= 0)
    ) {
      throw new ProvenanceError(
        "PROV-021",
        "RedisConsumptionStore: expiryGraceMs must be a non-negative integer or false",
      );
    }
    const timeout = ownValue(record, "operationTimeoutMs");
    if (
      timeout !== undefined &&
      !(typeof timeout === "number" && Number.isSafeInteger(timeout) && timeout > 0)
    ) {
      throw new ProvenanceError(
        "PROV-021",
        "RedisConsumptionStore: operationTimeoutMs must be a positive integer",
      );
    }
    this.#client = redisClient;
    this.#prefix = prefix;
    this.#clock = clock;
    this.#graceMs = (grace as number | false | undefined) ?? DEFAULT_GRACE_MS;
    this.#timeoutMs = (timeout as number | undefined) ?? DEFAULT_TIMEOUT_MS;
  }

  /** Record form (`ExecutionConsumptionStore`); see {@link InMemoryConsumptionStore.consume}. */
  consume(input: ExecutionConsumptionInput): Promise<ConsumptionResult>;
  /** Authority form (`AuthorityConsumptionStore`): true only for the call that consumed it. */
  consume(authority: ExecutionAuthority, consumerIdentity: string): Promise<boolean>;
  async consume(...args: unknown[]): Promise<ConsumptionResult | boolean> {
    const now = readStoreClock(this.#clock);
    const call = classifyConsumption(args, now);
    const record = call.record;
    if (call.form === "authority") {
      if (record === undefined || now === undefined) return false;
      return (await this.#setOnce(record, this.#expiryMs(call.expiresAtMs, now))) === true;
    }
    if (record === undefined) return { consumed: false };
    const outcome = await this.#setOnce(record, undefined);
    if (outcome === true) return toConsumptionResult(record, true);
    if (outcome === "error") return { consumed: false };
    // Lost the race: report the winner when Redis still answers (best effort).
    try {
      const winner = parseStoredConsumption(
        await this.#command(() => this.#client.get(this.#key(record.authorityHash))),
      );
      return winner === undefined ? { consumed: false } : toConsumptionResult(winner, false);
    } catch {
      return { consumed: false };
    }
  }

  /**
   * @param authorityHash - the consumed authority's hash
   * @returns the record, `{ consumed: true }` alone when the stored value is unreadable (the key
   *   exists, so it is consumed), or null when never consumed
   * @throws ProvenanceError `PROV-033` for a malformed hash; `PROV-026` (retryable) when Redis fails
   */
  async get(authorityHash: string): Promise<ConsumptionResult | null> {
    const hash = requireAuthorityHash(authorityHash, "RedisConsumptionStore.get");
    const value = await this.#query(
      () => this.#client.get(this.#key(hash)),
      "RedisConsumptionStore.get",
    );
    if (value === null || value === undefined) return null;
    const record = parseStoredConsumption(value);
    return record === undefined ? { consumed: true } : toConsumptionResult(record, true);
  }

  /**
   * @param authority - the authority
   * @returns `"invalid"`, `"consumed"`, `"expired"` or `"available"`
   * @throws ProvenanceError `PROV-026` (retryable) when Redis fails; `PROV-021` when the clock misbehaves
   */
  async getStatus(authority: ExecutionAuthority): Promise<AuthorityConsumptionStatus> {
    const intact = authorityForStatus(authority);
    if (intact === undefined) return "invalid";
    const value = await this.#query(
      () => this.#client.get(this.#key(intact.authority.authorityHash)),
      "RedisConsumptionStore.getStatus",
    );
    if (value !== null && value !== undefined) return "consumed";
    return requireStoreClock(this.#clock, "RedisConsumptionStore.getStatus") >= intact.expiresAtMs
      ? "expired"
      : "available";
  }

  #key(authorityHash: string): string {
    return `${this.#prefix}:${authorityHash}`;
  }

  #expiryMs(expiresAtMs: number | undefined, now: number): number | undefined {
    if (this.#graceMs === false || expiresAtMs === undefined) return undefined;
    return Math.max(1, expiresAtMs - now + this.#graceMs);
  }

  /** SET NX (with PX when given): true when set, false when the key existed, "error" on failure. */
  async #setOnce(record: StoredConsumption, pxMs: number | undefined): Promise<boolean | "error"> {
    const key = this.#key(record.authorityHash);
    const value = JSON.stringify(record);
    try {
      const reply = await this.#command(() =>
        pxMs === undefined
          ? this.#client.set(key, value, "NX")
          : this.#client.set(key, value, "PX", pxMs, "NX"),
      );
      return reply === "OK";
    } catch {
      return "error";
    }
  }

  #command<T>(operation: () => Promise<T>): Promise<T> {
    return withDeadline(operation, this.#timeoutMs, "Redis");
  }

  async #query<T>(operation: () => Promise<T>, functionName: string): Promise<T> {
    try {
      return await this.#command(operation);
    } catch (cause) {
      throw new ProvenanceError(
        "PROV-026",
        `${functionName}: Redis is unavailable, failing closed: ${messageOf(cause)}`,
        {
          cause,
          retryable: true,
        },
      );
    }
  }
}
