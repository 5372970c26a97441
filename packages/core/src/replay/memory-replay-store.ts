import { InvariantError, ReplayError } from "../errors/parmana-error.js";
import { randomBase64Url } from "../internal/node-crypto.js";
import type { ReplayKeyStatus, ReplayStore, ReservationToken } from "./replay-store.types.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";

/** Options of {@link MemoryReplayStore}. */
export interface MemoryReplayStoreOptions {
  /** Warn once per process on `console.warn` when `NODE_ENV=production`. Default true. */
  readonly warnInProduction?: boolean;
  /** Most keys held at once (reserved, confirmed or released). Default 1,000,000. */
  readonly maxSize?: number;
  /** Seconds an unconfirmed reservation holds its key (a crashed attempt). Default 300. */
  readonly reservationTtlSeconds?: number;
  /**
   * Seconds a released key is remembered as `"released"` (for {@link MemoryReplayStore.status}
   * and to name the cause when a late `confirm` arrives). A released key never blocks a new
   * `reserve`; the record is the first thing evicted at capacity. Default 30.
   */
  readonly failedTtlSeconds?: number;
  /** Clock in epoch milliseconds; inject one in tests. Default `Date.now`. */
  readonly now?: () => number;
}

const RESERVED = 0;
const CONFIRMED = 1;
const RELEASED = 2;
// An entry taken out of the map (expired, evicted or replaced): no key refers to it any more.
const DROPPED = 3;

interface Entry {
  state: typeof RESERVED | typeof CONFIRMED | typeof RELEASED | typeof DROPPED;
  /** Epoch ms after which the entry no longer exists; Infinity for confirmed keys. */
  expiresAt: number;
  /** The fencing token of the reservation that holds (or confirmed) the key; none for markExecuted. */
  token: ReservationToken | undefined;
}

let productionWarningShown = false;

// The synchronous bodies of reserve and confirm, reachable from executeFromSignals (below).
let reserveNow: (store: MemoryReplayStore, key: string) => ReservationToken;
let confirmNow: (store: MemoryReplayStore, key: string, token?: ReservationToken) => void;

/**
 * A replay store in process memory: the default for tests, scripts and single-process services.
 * Decided keys are kept until the process exits (bounded by `maxSize`), so a restart or a second
 * process does not see them; use a shared store (Redis, DynamoDB) in production.
 *
 * - `reserve` is atomic: its check-and-set runs synchronously, so of N concurrent callers with one
 *   key exactly one succeeds; the others reject with `ReplayError` `[INV-013]`. It returns a fresh
 *   random fencing token (128 bits, base64url).
 * - A reservation that is neither confirmed nor released expires after `reservationTtlSeconds`.
 * - `confirm(key, token)` succeeds only while that token holds the key: once the reservation has
 *   lapsed (and perhaps been taken by another attempt) it throws `[INV-REPLAY-003]`
 *   (`retryable: false`) and changes nothing. Without a token (a caller written to the original
 *   interface) it confirms whatever
 *   reservation holds the key.
 * - `release(key, token)` frees the key at once, only while that token holds it (a stale token is
 *   a no-op), so a retry can proceed; the store remembers it as `"released"` for
 *   `failedTtlSeconds`, without blocking anything.
 * - At `maxSize`, expired and released records are evicted first; if every entry is live,
 *   `reserve` throws `[INV-REPLAY-002]` and reserves nothing (decided keys are never forgotten).
 *
 * @example
 * ```ts
 * const store = new MemoryReplayStore();
 * const attestation = await executeFromSignals(input, signer, verifier, store);
 * ```
 */
export class MemoryReplayStore implements ReplayStore {
  readonly #entries = new Map<string, Entry>();
  readonly #maxSize: number;
  readonly #reservationTtlMs: number;
  readonly #failedTtlMs: number;
  readonly #now: () => number;
  // The last reservation made and its key. Every entry leaves the map through a path that marks
  // it DROPPED, so while this one is still RESERVED it is the map's entry for that key: its
  // confirmation needs no second lookup in a map that holds every decided key.
  #lastReserved: Entry | undefined;
  #lastReservedKey = "";

  static {
    reserveNow = (store, key) => store.#reserveNow(key);
    confirmNow = (store, key, token) => store.#confirmNow(key, token);
  }

  /**
   * @param options - capacity, TTLs, clock and the production warning
   * @throws InvariantError `INV-EXEC-003` when an option has the wrong type or range
   */
  constructor(options: MemoryReplayStoreOptions = {}) {
    try {
      this.#maxSize = positiveInteger(options.maxSize, 1_000_000, "maxSize");
      this.#reservationTtlMs =
        nonNegativeSeconds(options.reservationTtlSeconds, 300, "reservationTtlSeconds") * 1000;
      this.#failedTtlMs =
        nonNegativeSeconds(options.failedTtlSeconds, 30, "failedTtlSeconds") * 1000;
      if (options.now !== undefined && typeof options.now !== "function") {
        throw new InvariantError(
          "INV-EXEC-003",
          "MemoryReplayStore option now must be a function returning epoch milliseconds",
        );
      }
      this.#now = options.now ?? Date.now;
      if (
        (options.warnInProduction ?? true) &&
        !productionWarningShown &&
        process.env["NODE_ENV"] === "production"
      ) {
        productionWarningShown = true;
        console.warn(
          "[parmana] MemoryReplayStore keeps replay state in this process only: a restart or a second instance will not see decided transactions. Use a shared ReplayStore (Redis, DynamoDB) in production.",
        );
      }
    } catch (error) {
      throw codedInputError(error, InvariantError, "INV-EXEC-003", "MemoryReplayStore");
    }
  }

  /** Number of records held (reserved, confirmed and released, including expired ones not yet evicted). */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Claims `key` for one attempt.
   *
   * @param key - the replay key
   * @returns the reservation's fencing token, to present to `confirm` and `release`
   * @throws ReplayError `INV-013` when the key is reserved or confirmed
   * @throws InvariantError `INV-REPLAY-002` when the store is full, `INV-REPLAY-004` for a bad key
   */
  async reserve(key: string): Promise<ReservationToken> {
    return this.#reserveNow(key);
  }

  #reserveNow(key: string): ReservationToken {
    // Synchronous from here to the set: no other caller can interleave between check and set.
    checkKey(key);
    const now = this.#now();
    const entry = this.#live(key, now);
    if (entry !== undefined && entry.state !== RELEASED) {
      throw new ReplayError("INV-013", `Replay detected: ${key}`, { details: { key } });
    }
    if (entry === undefined && this.#entries.size >= this.#maxSize) {
      this.#evict(now);
      if (this.#entries.size >= this.#maxSize) {
        throw new InvariantError(
          "INV-REPLAY-002",
          `MemoryReplayStore is full (maxSize ${this.#maxSize}); cannot reserve ${key}`,
          { details: { key, maxSize: this.#maxSize } },
        );
      }
    }
    const token = randomBase64Url(16);
    // A released record is replaced by the new reservation.
    if (entry !== undefined) entry.state = DROPPED;
    const reserved: Entry = { state: RESERVED, expiresAt: now + this.#reservationTtlMs, token };
    this.#entries.set(key, reserved);
    this.#lastReserved = reserved;
    this.#lastReservedKey = key;
    return token;
  }

  /**
   * Marks a reserved key as decided. With a token, only while that token holds the key (repeating
   * the confirm of one's own token is idempotent); without one, whatever reservation holds it
   * (idempotent for a key already confirmed).
   *
   * @param key - the replay key
   * @param token - the token `reserve` returned for this attempt
   * @throws InvariantError `INV-REPLAY-003` (`retryable: false`) when the token no longer holds the
   *   key or the key has no live reservation, `INV-REPLAY-004` for a bad key or token
   */
  async confirm(key: string, token?: ReservationToken): Promise<void> {
    this.#confirmNow(key, token);
  }

  #confirmNow(key: string, token?: ReservationToken): void {
    checkKey(key);
    checkToken(token);
    const now = this.#now();
    const last = this.#lastReserved;
    if (
      last !== undefined &&
      token !== undefined &&
      last.token === token &&
      last.state === RESERVED &&
      last.expiresAt > now &&
      this.#lastReservedKey === key
    ) {
      // The reservation this token made, still in the map under `key` (see #lastReserved).
      last.state = CONFIRMED;
      last.expiresAt = Number.POSITIVE_INFINITY;
      return;
    }
    const entry = this.#live(key, now);
    if (entry === undefined || entry.state === RELEASED) {
      const why =
        entry === undefined ? "was never reserved or its reservation expired" : "was released";
      throw lapsed(key, why);
    }
    if (token !== undefined && entry.token !== token) {
      throw lapsed(
        key,
        entry.state === CONFIRMED
          ? "was confirmed by another reservation"
          : "is held by another reservation (this attempt's reservation expired)",
      );
    }
    entry.state = CONFIRMED;
    entry.expiresAt = Number.POSITIVE_INFINITY;
  }

  /**
   * @param key - the replay key
   * @returns true only when the key is confirmed
   * @throws InvariantError `INV-REPLAY-004` for a bad key
   */
  async hasExecuted(key: string): Promise<boolean> {
    checkKey(key);
    return this.#live(key, this.#now())?.state === CONFIRMED;
  }

  /**
   * Records `key` as decided whether or not it was reserved (to load history from an audit
   * database, for instance). Unlike `reserve`, it never fails on capacity: it records a fact.
   *
   * @param key - the replay key
   * @throws InvariantError `INV-REPLAY-004` for a bad key
   */
  async markExecuted(key: string): Promise<void> {
    checkKey(key);
    const now = this.#now();
    const previous = this.#live(key, now);
    if (previous === undefined && this.#entries.size >= this.#maxSize) this.#evict(now);
    // The record it replaces (a reservation, even a live one) no longer holds the key.
    if (previous !== undefined) previous.state = DROPPED;
    this.#entries.set(key, {
      state: CONFIRMED,
      expiresAt: Number.POSITIVE_INFINITY,
      token: undefined,
    });
  }

  /**
   * Gives up a reservation after a failed attempt, so a retry can reserve the key at once.
   * Releasing a confirmed or unknown key changes nothing: a decided transaction stays decided.
   * With a token, only the reservation that token holds is freed: a late attempt whose
   * reservation lapsed cannot free another attempt's.
   *
   * @param key - the replay key
   * @param token - the token `reserve` returned for this attempt
   * @throws InvariantError `INV-REPLAY-004` for a bad key or token
   */
  async release(key: string, token?: ReservationToken): Promise<void> {
    checkKey(key);
    checkToken(token);
    const now = this.#now();
    const entry = this.#live(key, now);
    if (entry === undefined || entry.state !== RESERVED) return;
    if (token !== undefined && entry.token !== token) return;
    entry.state = RELEASED;
    entry.expiresAt = now + this.#failedTtlMs;
  }

  /**
   * Diagnostic view of one key (synchronous; not part of the `ReplayStore` interface).
   *
   * @param key - the replay key
   * @returns `"reserved"`, `"confirmed"`, `"released"` or `"unknown"` (never seen, or expired)
   */
  status(key: string): ReplayKeyStatus {
    const entry = this.#live(key, this.#now());
    if (entry === undefined) return "unknown";
    return entry.state === CONFIRMED
      ? "confirmed"
      : entry.state === RESERVED
        ? "reserved"
        : "released";
  }

  /** The entry for `key` unless it expired (an expired entry is dropped on the way). */
  #live(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now) {
      this.#entries.delete(key);
      entry.state = DROPPED;
      return undefined;
    }
    return entry;
  }

  /** Drops expired entries and released records; only called at capacity. */
  #evict(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now || entry.state === RELEASED) {
        this.#entries.delete(key);
        entry.state = DROPPED;
      }
    }
  }
}

function checkKey(key: unknown): asserts key is string {
  if (typeof key !== "string" || key.length === 0) {
    throw new InvariantError(
      "INV-REPLAY-004",
      `replay key must be a non-empty string, got ${describe(key)}`,
    );
  }
}

function checkToken(token: unknown): asserts token is ReservationToken | undefined {
  if (token !== undefined && (typeof token !== "string" || token.length === 0)) {
    throw new InvariantError(
      "INV-REPLAY-004",
      `reservation token must be the non-empty string reserve returned, got ${describe(token)}`,
    );
  }
}

function lapsed(key: string, why: string): InvariantError {
  return new InvariantError("INV-REPLAY-003", `Cannot confirm ${key}: it ${why}`, {
    details: { key },
    retryable: false,
  });
}

function describe(value: unknown): string {
  return typeof value === "string" ? "an empty string" : value === null ? "null" : typeof value;
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InvariantError(
      "INV-EXEC-003",
      `MemoryReplayStore option ${name} must be a positive integer, got ${String(value)}`,
    );
  }
  return value;
}

function nonNegativeSeconds(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvariantError(
      "INV-EXEC-003",
      `MemoryReplayStore option ${name} must be a finite number of seconds >= 0, got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Reserves synchronously in a `MemoryReplayStore` whose `reserve` and `confirm` are its own:
 * `executeFromSignals` then needs no Promise and no deadline timer for the step. The same
 * checks and state change as `reserve`, which wraps this.
 *
 * @param store - the store
 * @param key - the replay key
 * @returns the reservation token
 * @throws what `reserve` rejects with
 */
export function reserveInMemoryNow(store: MemoryReplayStore, key: string): ReservationToken {
  return reserveNow(store, key);
}

/**
 * Confirms synchronously; see {@link reserveInMemoryNow}.
 *
 * @param store - the store
 * @param key - the replay key
 * @param token - the reservation token
 * @throws what `confirm` rejects with
 */
export function confirmInMemoryNow(
  store: MemoryReplayStore,
  key: string,
  token: ReservationToken | undefined,
): void {
  confirmNow(store, key, token);
}
