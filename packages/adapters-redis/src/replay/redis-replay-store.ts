import {
  InvariantError,
  ParmanaError,
  ReplayError,
  StoreError,
  type ReplayStore,
  type ReservationToken,
} from "@parmanasystems/core";
import {
  closeConnection,
  CommandRunner,
  RedisCommandFailure,
} from "../connection/command-runner.js";
import { openConnection } from "../connection/open-connection.js";
import type { RedisClient } from "../connection/redis-client.types.js";
import {
  readFlag,
  readMilliseconds,
  readPrefix,
  rejectUnknownOptions,
} from "../connection/store-options.js";
import { checkReplayKey, readToken } from "./replay-key.js";
import { newToken } from "./reservation-token.js";
import {
  CONFIRM_SCRIPT,
  CONFIRMED,
  RELEASE_SCRIPT,
  RESERVED_PREFIX,
  DOCUMENTED_RESERVED,
  ScriptReply,
} from "./replay-scripts.js";
import type {
  RedisReplayKeyStatus,
  RedisReplayStoreOptions,
  RedisReplayStoreSettings,
} from "./redis-replay-store.types.js";

const STORE = "RedisReplayStore";
const OPTION_NAMES = [
  "prefix",
  "reservationTtlMs",
  "confirmedTtlMs",
  "operationTimeoutMs",
  "coalesceWrites",
] as const;
const DEFAULT_PREFIX = "parmana:replay:";
const DEFAULT_RESERVATION_TTL_MS = 300_000;
const DEFAULT_OPERATION_TIMEOUT_MS = 2_000;
const MAX_TTL_MS = 10 * 365 * 24 * 3_600_000;
const MAX_TIMEOUT_MS = 600_000;

/**
 * A replay store in Redis, shared by every instance of a service and surviving restarts: the
 * documented `RedisReplayStore`, with fencing tokens, deadlines and Redis Cluster support.
 *
 * - Keys are `parmana:replay:<key>` (prefix configurable). `"confirmed"` means decided, as in the
 *   documented class, so keys it wrote read correctly here (and the other way round).
 * - `reserve` is one atomic `SET key "reserved:<token>" NX PX <reservationTtlMs>`: of N callers
 *   with one key, in any number of processes, exactly one gets a token; the others get
 *   `[INV-013] Replay detected: <key>`. A reservation nobody confirms or releases expires.
 * - `confirm(key, token)` and `release(key, token)` are Lua compare-and-set / compare-and-delete
 *   on that token: an attempt whose reservation lapsed can neither confirm
 *   (`INV-REPLAY-003`) nor free another attempt's reservation. Without a token (the documented
 *   form), they act on whatever reservation holds the key.
 * - Every command has a deadline (`operationTimeoutMs`); Redis unreachable, failing or late is
 *   `INV-REPLAY-005` (retryable), so `executeFromSignals` returns no attestation.
 * - Works on an ioredis `Redis` or `Cluster`: each operation touches one key, so it runs on the
 *   node that owns that key.
 * - While some of its commands await replies, concurrent calls' commands issued in the same tick
 *   leave in batches of at most 8 per socket write (`coalesceWrites`, on by default, also on a
 *   client you pass in; not on a `Cluster` or an auto-pipelining client): fewer system calls and
 *   Redis wake-ups per call, each command with its own reply, order and deadline.
 *
 * @example The documented usage: the store opens its own connection
 * ```ts
 * import { executeFromSignals } from "@parmanasystems/core";
 * import { RedisReplayStore } from "@parmanasystems/adapters-redis";
 *
 * const store = new RedisReplayStore(process.env.REDIS_URL);
 * const attestation = await executeFromSignals(input, signer, verifier, store);
 * await store.disconnect(); // at shutdown
 * ```
 * @example A connection you own (a Redis Cluster here), with options
 * ```ts
 * import { Cluster } from "ioredis";
 * const cluster = new Cluster([{ host: "10.0.0.1", port: 6379 }]);
 * const store = new RedisReplayStore(cluster, { reservationTtlMs: 60_000, operationTimeoutMs: 500 });
 * ```
 */
export class RedisReplayStore implements ReplayStore {
  readonly #runner: CommandRunner;
  readonly #owned: boolean;
  readonly #prefix: string;
  readonly #reservationTtlMs: number;
  readonly #confirmedTtlMs: number | undefined;
  #closed = false;

  /**
   * The documented form: a Redis URL (`process.env.REDIS_URL`; none means ioredis's default,
   * `127.0.0.1:6379`). The store opens the connection and closes it in {@link disconnect}.
   *
   * @param url - `redis://` or `rediss://` URL, or a Unix socket path
   * @param options - {@link RedisReplayStoreSettings}
   * @throws StoreError `STORE-001` for a malformed URL, an unknown option or a bad option value
   */
  constructor(url?: string, options?: RedisReplayStoreSettings);
  /**
   * A connection you own: an ioredis `Redis` or `Cluster`. The store never closes it.
   *
   * @param client - ioredis `Redis` or `Cluster`
   * @param options - {@link RedisReplayStoreSettings}
   * @throws StoreError `STORE-001` for a client that is not ioredis, an unknown option or a bad value
   */
  constructor(client: RedisClient, options?: RedisReplayStoreSettings);
  /**
   * One options object: `client` (yours) or `url` (the store's own connection) plus settings.
   *
   * @param options - {@link RedisReplayStoreOptions}
   * @throws StoreError `STORE-001` for a client that is not ioredis, both client and url, an
   *   unknown option or a bad value
   */
  constructor(options: RedisReplayStoreOptions);
  constructor(
    urlClientOrOptions?: string | RedisClient | RedisReplayStoreOptions,
    options?: RedisReplayStoreSettings,
  ) {
    // Options are read before openConnection opens anything, so bad options leave no socket.
    const connection = openConnection(STORE, urlClientOrOptions, options, (settings) => {
      rejectUnknownOptions(STORE, settings, OPTION_NAMES);
      return {
        prefix: readPrefix(STORE, settings, DEFAULT_PREFIX),
        reservationTtlMs:
          readMilliseconds(STORE, settings, "reservationTtlMs", MAX_TTL_MS) ??
          DEFAULT_RESERVATION_TTL_MS,
        confirmedTtlMs: readMilliseconds(STORE, settings, "confirmedTtlMs", MAX_TTL_MS),
        timeoutMs:
          readMilliseconds(STORE, settings, "operationTimeoutMs", MAX_TIMEOUT_MS) ??
          DEFAULT_OPERATION_TIMEOUT_MS,
        coalesceWrites: readFlag(STORE, settings, "coalesceWrites") ?? true,
      };
    });
    const settings = connection.settings;
    this.#runner = new CommandRunner(
      connection.client,
      settings.timeoutMs,
      connection.lastError,
      settings.coalesceWrites,
    );
    this.#owned = connection.owned;
    this.#prefix = settings.prefix;
    this.#reservationTtlMs = settings.reservationTtlMs;
    this.#confirmedTtlMs = settings.confirmedTtlMs;
  }

  /**
   * Claims `key` for one attempt.
   *
   * @param key - the replay key (non-empty, at most 1024 UTF-8 bytes)
   * @returns the reservation's fencing token, to pass to {@link confirm} or {@link release}
   * @throws ReplayError `INV-013` when the key is reserved or confirmed
   * @throws InvariantError `INV-REPLAY-004` for a bad key (nothing sent); `INV-REPLAY-005`
   *   (retryable) when Redis fails or misses the deadline
   * @throws StoreError `STORE-005` after {@link disconnect}
   * @example
   * ```ts
   * const token = await store.reserve("loan-approval:app-42");
   * ```
   */
  async reserve(key: string): Promise<ReservationToken> {
    checkReplayKey(key);
    this.#checkOpen();
    const token = newToken();
    const redisKey = this.#prefix + key;
    const reply = await this.#command(
      "reserve",
      key,
      () =>
        this.#runner.run((client) =>
          client.set(redisKey, RESERVED_PREFIX + token, "PX", this.#reservationTtlMs, "NX"),
        ),
      () => {
        // The SET may still be applied when the connection comes back (ioredis queues it), which
        // would block the key for a whole reservation TTL although this caller has given up.
        // A release with the same token, queued behind it on the same connection, undoes it.
        this.#runner.script(RELEASE_SCRIPT, redisKey, [token]).catch(() => {});
      },
    );
    if (reply !== "OK") {
      throw new ReplayError("INV-013", `Replay detected: ${key}`, { details: { key } });
    }
    return token;
  }

  /**
   * Marks a reserved key as decided. With the token from {@link reserve}, only while that
   * reservation still holds the key (compare-and-set in one Lua script); without one (the
   * documented form), whatever reservation holds it, and a key already confirmed stays so.
   *
   * @param key - the replay key
   * @param token - the token `reserve` returned; omit it only for the documented token-less form
   * @throws InvariantError `INV-REPLAY-003` when the reservation lapsed, was released, is held by
   *   another attempt, or (with a token) the key is already confirmed: nothing changes;
   *   `INV-REPLAY-004` bad key; `INV-REPLAY-005` (retryable) Redis failed
   * @throws StoreError `STORE-020` malformed token, `STORE-003` the key holds a value this
   *   library does not write, `STORE-005` after {@link disconnect}
   * @example
   * ```ts
   * const token = await store.reserve(key);
   * // ... decide and sign ...
   * await store.confirm(key, token);
   * ```
   */
  async confirm(key: string, token?: ReservationToken): Promise<void> {
    checkReplayKey(key);
    const fence = readToken(token, "confirm");
    this.#checkOpen();
    const reply = await this.#command("confirm", key, () =>
      this.#runner.script(CONFIRM_SCRIPT, this.#prefix + key, [
        fence,
        this.#confirmedTtlMs === undefined ? "" : this.#confirmedTtlMs,
      ]),
    );
    switch (reply) {
      case ScriptReply.done:
        return;
      case ScriptReply.confirmed:
        if (fence === "") return;
        throw lapsed(
          key,
          "it is already confirmed (its reservation lapsed and another attempt decided it, or this attempt confirmed it already)",
        );
      case ScriptReply.absent:
        throw lapsed(key, "it was never reserved, was released, or its reservation expired");
      case ScriptReply.heldByAnother:
        throw lapsed(
          key,
          "another attempt's reservation holds it (this attempt's reservation lapsed)",
        );
      default:
        throw this.#foreign(key, "confirm");
    }
  }

  /**
   * True only once `key` is confirmed; a reservation alone is not an execution.
   *
   * @param key - the replay key
   * @throws InvariantError `INV-REPLAY-004` bad key, `INV-REPLAY-005` (retryable) Redis failed
   * @throws StoreError `STORE-003` foreign value, `STORE-005` after {@link disconnect}
   * @example
   * ```ts
   * if (await store.hasExecuted("loan-approval:app-42")) return storedAttestation;
   * ```
   */
  async hasExecuted(key: string): Promise<boolean> {
    return (await this.status(key)) === "confirmed";
  }

  /**
   * Records `key` as decided whether or not it was reserved (loading history, for example),
   * with the `confirmedTtlMs` retention.
   *
   * @param key - the replay key
   * @throws InvariantError `INV-REPLAY-004` bad key, `INV-REPLAY-005` (retryable) Redis failed
   * @throws StoreError `STORE-005` after {@link disconnect}
   * @example
   * ```ts
   * for (const row of decidedBeforeMigration) await store.markExecuted(row.replayKey);
   * ```
   */
  async markExecuted(key: string): Promise<void> {
    checkReplayKey(key);
    this.#checkOpen();
    const ttl = this.#confirmedTtlMs;
    await this.#command("markExecuted", key, () =>
      this.#runner.run((client) =>
        ttl === undefined
          ? client.set(this.#prefix + key, CONFIRMED)
          : client.set(this.#prefix + key, CONFIRMED, "PX", ttl),
      ),
    );
  }

  /**
   * Gives up a reservation after a failed attempt so a retry can reserve the key at once. With a
   * token, only while that reservation holds the key (compare-and-delete); a confirmed key,
   * another attempt's reservation or an unknown key is left as it is.
   *
   * @param key - the replay key
   * @param token - the token `reserve` returned; omit it only for the documented token-less form
   * @throws InvariantError `INV-REPLAY-004` bad key, `INV-REPLAY-005` (retryable) Redis failed
   * @throws StoreError `STORE-020` malformed token, `STORE-005` after {@link disconnect}
   * @example
   * ```ts
   * const token = await store.reserve(key);
   * try { await work(); await store.confirm(key, token); }
   * catch (error) { await store.release(key, token); throw error; }
   * ```
   */
  async release(key: string, token?: ReservationToken): Promise<void> {
    checkReplayKey(key);
    const fence = readToken(token, "release");
    this.#checkOpen();
    await this.#command("release", key, () =>
      this.#runner.script(RELEASE_SCRIPT, this.#prefix + key, [fence]),
    );
  }

  /**
   * State of one key, for diagnostics and operations (not part of `ReplayStore`).
   *
   * @param key - the replay key
   * @returns `"confirmed"`, `"reserved"` (by any attempt) or `"unknown"` (absent or expired)
   * @throws InvariantError `INV-REPLAY-004` bad key, `INV-REPLAY-005` (retryable) Redis failed
   * @throws StoreError `STORE-003` foreign value, `STORE-005` after {@link disconnect}
   * @example
   * ```ts
   * await store.status("loan-approval:app-42"); // "reserved"
   * ```
   */
  async status(key: string): Promise<RedisReplayKeyStatus> {
    checkReplayKey(key);
    this.#checkOpen();
    const value = await this.#command("read", key, () =>
      this.#runner.run((client) => client.get(this.#prefix + key)),
    );
    if (value === null) return "unknown";
    if (value === CONFIRMED) return "confirmed";
    if (value === DOCUMENTED_RESERVED || value.startsWith(RESERVED_PREFIX)) return "reserved";
    throw this.#foreign(key, "read");
  }

  /**
   * Stops the store. A connection it opened itself (URL form) is closed, gracefully when Redis
   * answers (`QUIT`, within the deadline), at once otherwise; a client you passed in is left
   * open. Later calls throw `STORE-005`. Calling it again does nothing.
   *
   * @example
   * ```ts
   * process.on("SIGTERM", () => void store.disconnect());
   * ```
   */
  async disconnect(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#owned) await closeConnection(this.#runner);
  }

  #checkOpen(): void {
    if (this.#closed) {
      throw new StoreError("STORE-005", `${STORE} was used after disconnect()`);
    }
  }

  /** Runs one deadline-bound Redis call and turns its failure into the store's coded errors. */
  #command<T>(
    operation: string,
    key: string,
    call: () => Promise<T>,
    onTimeout?: () => void,
  ): Promise<T> {
    // A promise chain rather than an async function: one layer less on every command.
    return call().then(undefined, (error: unknown) => {
      if (ParmanaError.isInstance(error)) throw error;
      if (error instanceof RedisCommandFailure && error.timedOut) onTimeout?.();
      if (error instanceof RedisCommandFailure && error.message.includes("WRONGTYPE")) {
        throw this.#foreign(key, operation, error);
      }
      throw new InvariantError(
        "INV-REPLAY-005",
        `${STORE} could not ${operation} ${key}, failing closed: ${error instanceof Error ? error.message : String(error)}`,
        { details: { key, operation }, cause: error, retryable: true },
      );
    });
  }

  #foreign(key: string, operation: string, cause?: unknown): StoreError {
    return new StoreError(
      "STORE-003",
      `${STORE} could not ${operation} ${key}: the Redis key ${this.#prefix}${key} holds a value this library does not write; give Parmana a prefix of its own`,
      { details: { key, operation }, ...(cause === undefined ? {} : { cause }) },
    );
  }
}

function lapsed(key: string, why: string): InvariantError {
  return new InvariantError("INV-REPLAY-003", `Cannot confirm ${key}: ${why}`, {
    details: { key },
  });
}
