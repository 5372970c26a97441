import { StoreError } from "@parmanasystems/core";
import { Redis } from "ioredis";
import { isIoredisClient } from "./is-ioredis-client.js";
import type { RedisClient } from "./redis-client.types.js";
import { describeValueRedacted, isPlainRecord } from "@parmanasystems/core/internal";

/** A store's connection and its settings, once the constructor form is resolved. */
export interface OpenedConnection<S> {
  readonly client: RedisClient;
  /** True when the store opened the connection itself (then it closes it in `disconnect()`). */
  readonly owned: boolean;
  /** What the store's reader made of the other options. */
  readonly settings: S;
  /** The last connection error of an owned client, for failure messages. */
  readonly lastError: () => Error | undefined;
}

/**
 * Resolves the three constructor forms every store of this package accepts:
 * `(url?, options?)`, `(client, options?)` and `(options)` with `client` or `url` inside.
 * Checks the connection arguments and reads the other options (`readSettings`) before opening
 * anything, so a bad call leaves no socket open.
 *
 * @throws StoreError `STORE-001` for a value that is neither a URL, an ioredis client nor an
 *   options object, a non-ioredis `client`, a malformed URL, or both `client` and `url`
 */
export function openConnection<S>(
  storeName: string,
  first: unknown,
  second: unknown,
  readSettings: (options: Record<string, unknown>) => S,
): OpenedConnection<S> {
  let url: unknown;
  let client: unknown;
  let options: Record<string, unknown>;
  if (first === undefined || typeof first === "string" || isIoredisClient(first)) {
    if (second !== undefined && !isPlainRecord(second)) {
      throw new StoreError(
        "STORE-001",
        `${storeName}: the second argument must be an options object, got ${describeValueRedacted(second)}`,
      );
    }
    options = { ...(second ?? {}) };
    for (const name of ["client", "url"]) {
      if (options[name] !== undefined) {
        throw new StoreError(
          "STORE-001",
          `${storeName}: option ${name} is only accepted in the one-argument options form; the first argument already names the connection`,
          { details: { option: name } },
        );
      }
    }
    if (isIoredisClient(first)) client = first;
    else url = first;
  } else if (isPlainRecord(first) && !looksLikeClient(first)) {
    if (second !== undefined) {
      throw new StoreError(
        "STORE-001",
        `${storeName}: with an options object as first argument there is no second argument, got ${describeValueRedacted(second)}`,
      );
    }
    ({ client, url, ...options } = first);
    if (client !== undefined && url !== undefined) {
      throw new StoreError(
        "STORE-001",
        `${storeName}: give either option client or option url, not both`,
      );
    }
    if (client !== undefined && !isIoredisClient(client)) {
      throw new StoreError(
        "STORE-001",
        `${storeName}: option client must be an ioredis Redis or Cluster instance, got ${describeValueRedacted(client)}`,
        { details: { option: "client" } },
      );
    }
  } else {
    throw new StoreError(
      "STORE-001",
      `${storeName}: expected a Redis URL, an ioredis Redis or Cluster instance, or an options object, got ${describeValueRedacted(first)}${typeof first === "object" && first !== null ? " (not an ioredis client)" : ""}`,
    );
  }

  if (client === undefined) checkUrl(storeName, url);
  const settings = readSettings(options);
  if (client !== undefined) {
    return { client: client as RedisClient, owned: false, settings, lastError: noError };
  }
  // The URL is never echoed in messages: it may carry a password.
  const own = url === undefined ? new Redis() : new Redis(url as string);
  let lastError: Error | undefined;
  // Without a listener ioredis prints every reconnection failure; the store reports them itself,
  // as failed operations, and keeps the latest one for their messages.
  own.on("error", (error: unknown) => {
    lastError = error instanceof Error ? error : new Error(String(error));
  });
  own.on("ready", () => {
    lastError = undefined;
  });
  return { client: own, owned: true, settings, lastError: () => lastError };
}

/** A plain object with Redis command methods is some other library's client, not options. */
function looksLikeClient(value: Record<string, unknown>): boolean {
  return CLIENT_METHODS.some((name) => typeof value[name] === "function");
}

const CLIENT_METHODS = ["get", "set", "eval", "call", "sendCommand", "connect", "quit"];

function noError(): undefined {
  return undefined;
}

function checkUrl(storeName: string, url: unknown): void {
  if (url === undefined) return;
  let valid = false;
  if (typeof url === "string" && url.length > 0) {
    if (url.startsWith("/")) valid = true;
    else {
      try {
        const parsed = new URL(url);
        valid = parsed.protocol === "redis:" || parsed.protocol === "rediss:";
      } catch {
        valid = false;
      }
    }
  }
  if (!valid) {
    throw new StoreError(
      "STORE-001",
      `${storeName}: the Redis URL must be a redis:// or rediss:// URL or a Unix socket path, got ${describeValueRedacted(url)}`,
      { details: { option: "url" } },
    );
  }
}
