import type { LuaScript } from "./lua-script.js";
import type { RedisClient } from "./redis-client.types.js";

/** Why a Redis command failed: it did not answer in time, or it answered with an error. */
export class RedisCommandFailure extends Error {
  /** True when the deadline passed (the command may still be applied later). */
  readonly timedOut: boolean;

  constructor(message: string, timedOut: boolean, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "RedisCommandFailure";
    this.timedOut = timedOut;
  }
}

/**
 * Runs Redis commands under one deadline each. ioredis keeps commands in its offline queue while
 * it reconnects, and a command sent to a server that stopped answering waits for its socket to
 * time out; the deadline turns both into a prompt failure. A command that missed its deadline
 * can still be applied when the connection comes back: every write of the stores is therefore
 * safe to apply late (a late reservation expires, a late confirm or release checks its token).
 */
export class CommandRunner {
  readonly #client: RedisClient;
  readonly #timeoutMs: number;
  readonly #lastError: () => Error | undefined;

  constructor(client: RedisClient, timeoutMs: number, lastError: () => Error | undefined) {
    this.#client = client;
    this.#timeoutMs = timeoutMs;
    this.#lastError = lastError;
  }

  /** The connection the commands go through. */
  get client(): RedisClient {
    return this.#client;
  }

  /**
   * Runs `command` against the client within the deadline.
   *
   * @throws RedisCommandFailure when it rejects or misses the deadline
   */
  run<T>(command: (client: RedisClient) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        reject(new RedisCommandFailure(this.#timeoutMessage(), true, this.#lastError()));
      }, this.#timeoutMs);
      let pending: Promise<T>;
      try {
        pending = command(this.#client);
      } catch (error) {
        clearTimeout(timer);
        reject(this.#failure(error));
        return;
      }
      pending.then(
        (value) => {
          clearTimeout(timer);
          if (!settled) resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          // After the deadline the caller has its answer; a late rejection is dropped here.
          if (!settled) reject(this.#failure(error));
        },
      );
    });
  }

  /**
   * Runs a one-key Lua script: `EVALSHA`, and `EVAL` when the server does not have it cached
   * yet (a restart, a failover, another Cluster node). One key per script, so on a Cluster the
   * whole script runs on the node that owns the key, atomically.
   *
   * @throws RedisCommandFailure when it fails or misses the deadline
   */
  script(script: LuaScript, key: string, args: readonly (string | number)[]): Promise<unknown> {
    return this.run(async (client) => {
      try {
        return await client.evalsha(script.sha1, 1, key, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
        return await client.eval(script.source, 1, key, ...args);
      }
    });
  }

  #failure(error: unknown): RedisCommandFailure {
    const message = error instanceof Error ? error.message : String(error);
    return new RedisCommandFailure(`Redis failed: ${message}`, false, error);
  }

  #timeoutMessage(): string {
    const lastError = this.#lastError();
    return `Redis did not answer within ${this.#timeoutMs} ms (connection ${this.#client.status}${lastError === undefined ? "" : `, last error: ${lastError.message}`})`;
  }
}
