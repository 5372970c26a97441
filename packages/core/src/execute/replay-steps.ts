import { InvariantError, ParmanaError, ReplayError } from "../errors/parmana-error.js";
import type { ReplayStore, ReservationToken } from "../replay/replay-store.types.js";
import type { Deadline } from "./deadline.js";
import { isThenable } from "../internal/type-checks.js";
import {
  confirmInMemoryNow,
  MemoryReplayStore,
  reserveInMemoryNow,
} from "../replay/memory-replay-store.js";

// How long a release after a failure may take once the call's deadline is spent: the caller is
// about to throw, and the store's reservation TTL frees the key anyway.
const RELEASE_GRACE_MS = 1_000;

/**
 * Step 5: reserves the replay key and returns its fencing token (`undefined` for a store written
 * to the original interface, which returns nothing). Such stores throw a plain `Error("[INV-013] Replay detected: ...")`;
 * that becomes a `ReplayError` so callers see one class whatever the store. When the deadline
 * passes while the store is still answering, a reservation that arrives late is released with
 * its own token.
 *
 * @param store - the replay store
 * @param key - the replay key
 * @param deadline - the call's deadline
 * @returns the reservation token, if the store hands one out: directly for a plain
 *   MemoryReplayStore (no Promise, so the caller need not await), else a Promise of it
 * @throws ReplayError `INV-013` when the key is taken
 * @throws InvariantError `INV-REPLAY-005` when the store fails otherwise (its own coded errors
 *   pass through), `INV-REPLAY-006` when it returns something other than a token or nothing,
 *   `INV-EXEC-004` when the deadline passes
 */
export function reserveKey(
  store: ReplayStore,
  key: string,
  deadline: Deadline,
): ReservationToken | undefined | Promise<ReservationToken | undefined> {
  if (isPlainMemoryStore(store)) {
    // Synchronous: the token (always a non-empty string) is returned without a Promise, after
    // the same deadline check `deadline.within` makes for a synchronous answer.
    let token: string;
    try {
      token = reserveInMemoryNow(store, key);
    } catch (error) {
      throw storeFailure(error, key, "reserve");
    }
    try {
      deadline.check("the replay store's reserve");
    } catch (error) {
      // Reserved, but too late to decide: the call fails and holds nothing.
      void releaseQuietly(store, key, token);
      throw storeFailure(error, key, "reserve");
    }
    return token;
  }
  return reserveInStore(store, key, deadline);
}

async function reserveInStore(
  store: ReplayStore,
  key: string,
  deadline: Deadline,
): Promise<ReservationToken | undefined> {
  let answer: unknown;
  try {
    answer = store.reserve(key);
  } catch (error) {
    throw storeFailure(error, key, "reserve");
  }
  let token: unknown;
  try {
    token = await deadline.within(answer, "the replay store's reserve");
  } catch (error) {
    if (ParmanaError.isInstance(error) && error.code === "INV-EXEC-004") {
      // A reservation made after the deadline (one still arriving, or a synchronous store's that
      // came back too late) is released with what the store returned, as any failure's is.
      Promise.resolve(answer).then(
        (late) => releaseQuietly(store, key, late as ReservationToken | undefined),
        () => undefined,
      );
    }
    throw storeFailure(error, key, "reserve");
  }
  if (token === undefined || token === null) return undefined;
  if (typeof token !== "string" || token.length === 0) {
    await releaseQuietly(store, key, token as ReservationToken);
    throw new InvariantError(
      "INV-REPLAY-006",
      `the replay store's reserve returned ${typeof token === "string" ? "an empty string" : typeof token} instead of a reservation token (a non-empty string) or nothing`,
      { details: { key } },
    );
  }
  return token;
}

/**
 * Step 8: confirms the replay key with this attempt's token. A fenced store refuses with
 * `INV-REPLAY-003` once the token no longer holds the key.
 *
 * @param store - the replay store
 * @param key - the replay key
 * @param token - the token `reserveKey` returned
 * @param deadline - the call's deadline
 * @returns nothing for a plain MemoryReplayStore (confirmed synchronously), else a Promise
 * @throws InvariantError `INV-REPLAY-003` the reservation lapsed, `INV-REPLAY-005` when the store
 *   fails (its own coded errors pass through), `INV-EXEC-004` when the deadline passes
 */
export function confirmKey(
  store: ReplayStore,
  key: string,
  token: ReservationToken | undefined,
  deadline: Deadline,
): void | Promise<void> {
  if (isPlainMemoryStore(store)) {
    // Synchronous: nothing to await, no deadline to race (see isPlainMemoryStore).
    try {
      confirmInMemoryNow(store, key, token);
    } catch (error) {
      throw storeFailure(error, key, "confirm");
    }
    return;
  }
  return confirmInStore(store, key, token, deadline);
}

async function confirmInStore(
  store: ReplayStore,
  key: string,
  token: ReservationToken | undefined,
  deadline: Deadline,
): Promise<void> {
  try {
    // Stores written to the original interface get its call shape: no token argument at all.
    const answer = token === undefined ? store.confirm(key) : store.confirm(key, token);
    // Not `deadline.within`: once a confirm has succeeded the key is spent, so its attestation is
    // returned even when a synchronous store answered after the deadline.
    await (isThenable(answer) ? deadline.within(answer, "the replay store's confirm") : answer);
  } catch (error) {
    throw storeFailure(error, key, "confirm");
  }
}

/**
 * Gives the reservation back after a failure, when the store can, with this attempt's token so
 * that only its own reservation is freed. A failing or slow release is swallowed (after at most
 * one second): the caller is about to throw the original error, and the reservation expires after
 * the store's TTL anyway.
 *
 * @param store - the replay store
 * @param key - the replay key
 * @param token - the token `reserveKey` returned
 */
export async function releaseQuietly(
  store: ReplayStore,
  key: string,
  token: ReservationToken | undefined,
): Promise<void> {
  if (typeof store.release !== "function") return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const answer = token === undefined ? store.release(key) : store.release(key, token);
    if (!isThenable(answer)) return;
    await Promise.race([
      answer,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, RELEASE_GRACE_MS);
      }),
    ]);
  } catch {
    // See above: the original failure matters more; the TTL frees the key.
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/**
 * A MemoryReplayStore whose reserve and confirm are its own: they are then called synchronously
 * (the same checks and state changes, no Promise and no deadline timer per step).
 */
function isPlainMemoryStore(store: ReplayStore): store is MemoryReplayStore {
  try {
    return (
      store instanceof MemoryReplayStore &&
      store.reserve === MemoryReplayStore.prototype.reserve &&
      store.confirm === MemoryReplayStore.prototype.confirm
    );
  } catch {
    // A Proxy whose traps throw is no plain store; its own call then fails as a store failure.
    return false;
  }
}

function storeFailure(error: unknown, key: string, operation: string): ParmanaError {
  if (ParmanaError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith("[INV-013]")) {
    return new ReplayError("INV-013", `Replay detected: ${key}`, {
      details: { key },
      cause: error,
    });
  }
  // A store's own lapsed-reservation refusal stays what it is: permanent, not a store outage.
  if (message.startsWith("[INV-REPLAY-003]")) {
    return new InvariantError("INV-REPLAY-003", `Cannot confirm ${key}: ${message}`, {
      details: { key },
      cause: error,
      retryable: false,
    });
  }
  return new InvariantError(
    "INV-REPLAY-005",
    `the replay store failed to ${operation} ${key}: ${message}`,
    {
      details: { key, operation },
      cause: error,
      retryable: true,
    },
  );
}
