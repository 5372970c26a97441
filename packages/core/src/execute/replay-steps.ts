import { InvariantError, ParmanaError, ReplayError } from "../errors/parmana-error.js";
import type { ReplayStore } from "../replay/replay-store.types.js";

/**
 * Step 5: reserves the replay key. Seed stores throw a plain `Error("[INV-013] Replay detected: ...")`;
 * that becomes a `ReplayError` so callers see one class whatever the store.
 *
 * @param store - the replay store
 * @param key - the replay key
 * @throws ReplayError `INV-013` when the key is taken
 * @throws InvariantError `INV-REPLAY-005` when the store fails otherwise (its own coded errors pass through)
 */
export async function reserveKey(store: ReplayStore, key: string): Promise<void> {
  try {
    await store.reserve(key);
  } catch (error) {
    throw storeFailure(error, key, "reserve");
  }
}

/**
 * Step 8: confirms the replay key.
 *
 * @param store - the replay store
 * @param key - the replay key
 * @throws InvariantError `INV-REPLAY-005` when the store fails (its own coded errors pass through)
 */
export async function confirmKey(store: ReplayStore, key: string): Promise<void> {
  try {
    await store.confirm(key);
  } catch (error) {
    throw storeFailure(error, key, "confirm");
  }
}

/**
 * Gives the reservation back after a failure, when the store can. A failing release is
 * swallowed: the caller is about to throw the original error, and the reservation expires
 * after the store's TTL anyway.
 *
 * @param store - the replay store
 * @param key - the replay key
 */
export async function releaseQuietly(store: ReplayStore, key: string): Promise<void> {
  if (typeof store.release !== "function") return;
  try {
    await store.release(key);
  } catch {
    // See above: the original failure matters more; the TTL frees the key.
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
