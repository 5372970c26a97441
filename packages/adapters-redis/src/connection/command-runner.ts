import type { Writable } from "node:stream";
import type { Redis } from "ioredis";
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
 * Most commands one socket write carries when writes are coalesced. Large enough that a write
 * costs little per command, small enough that Redis starts on a tick's first commands while the
 * client still prepares the others (measured with 16 and 128 calls in flight: see the README).
 */
export const MAX_BATCH = 8;

/** A command waiting for its answer, in the order of its deadline. */
interface Pending {
  readonly deadline: number;
  settled: boolean;
  readonly expire: () => void;
}

/**
 * Runs Redis commands under one deadline each. ioredis keeps commands in its offline queue while
 * it reconnects, and a command sent to a server that stopped answering waits for its socket to
 * time out; the deadline turns both into a prompt failure. A command that missed its deadline
 * can still be applied when the connection comes back: every write of the stores is therefore
 * safe to apply late (a late reservation expires, a late confirm or release checks its token).
 *
 * All commands of a runner share one timeout, so their deadlines come in the order they were
 * sent: one timer for the oldest pending deadline serves them all (a timer per command costs
 * more than the rest of the bookkeeping on the hot path).
 */
export class CommandRunner {
  readonly #client: RedisClient;
  readonly #timeoutMs: number;
  readonly #lastError: () => Error | undefined;
  #pending: Pending[] = [];
  #unsettled = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  // Whether #timer keeps the process alive (only while a command is unsettled).
  #timerHeld = false;
  readonly #coalesce: boolean;
  // The socket corked in this tick, uncorked by #flush at the end of the tick.
  #corked: Writable | undefined;
  // Commands held on #corked since it was last corked (at most MAX_BATCH).
  #batched = 0;
  readonly #flush = (): void => {
    const stream = this.#corked;
    this.#corked = undefined;
    this.#batched = 0;
    stream?.uncork();
  };

  /**
   * @param client - the connection
   * @param timeoutMs - the deadline of every command
   * @param lastError - the connection's latest error, for failure messages
   * @param coalesceWrites - while replies are pending, send the commands issued in one tick in
   *   few socket writes (see `#hold`); never on a Cluster (its commands go to several nodes), nor on
   *   a client with ioredis's `enableAutoPipelining` (it batches its writes itself)
   */
  constructor(
    client: RedisClient,
    timeoutMs: number,
    lastError: () => Error | undefined,
    coalesceWrites = false,
  ) {
    this.#client = client;
    this.#timeoutMs = timeoutMs;
    this.#lastError = lastError;
    this.#coalesce = coalesceWrites && !client.isCluster && !autoPipelines(client);
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
  run<T>(
    command: (client: RedisClient) => Promise<T>,
    retry?: (error: unknown, client: RedisClient) => Promise<T> | undefined,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let answer: Promise<T>;
      if (this.#coalesce) this.#hold();
      try {
        answer = command(this.#client);
      } catch (error) {
        reject(this.#failure(error));
        return;
      }
      const entry: Pending = {
        deadline: performance.now() + this.#timeoutMs,
        settled: false,
        expire: () =>
          reject(new RedisCommandFailure(this.#timeoutMessage(), true, this.#lastError())),
      };
      this.#pending.push(entry);
      this.#unsettled++;
      this.#watch();
      const onValue = (value: T): void => {
        if (this.#settle(entry)) resolve(value);
      };
      // After the deadline the caller has its answer; a late rejection is dropped here.
      const onError = (error: unknown): void => {
        if (this.#settle(entry)) reject(this.#failure(error));
      };
      answer.then(onValue, (error: unknown) => {
        if (entry.settled) return;
        let again: Promise<T> | undefined;
        try {
          again = retry?.(error, this.#client);
        } catch (retryError) {
          onError(retryError);
          return;
        }
        // The retry runs under the same deadline as the first attempt.
        if (again === undefined) onError(error);
        else again.then(onValue, onError);
      });
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
    return this.run(
      (client) => client.evalsha(script.sha1, 1, key, ...args),
      (error, client) =>
        error instanceof Error && error.message.startsWith("NOSCRIPT")
          ? client.eval(script.source, 1, key, ...args)
          : undefined,
    );
  }

  /**
   * Coalesces writes (Nagle's rule, per tick). While none of this runner's commands awaits its
   * reply, Redis has nothing of ours to work on: the command is written at once, since holding it
   * would only add latency (one call at a time behaves exactly as without coalescing). While
   * replies are pending, the tick's commands are held on the socket and sent in batches of at
   * most {@link MAX_BATCH} (one `writev` each), the last one once the tick's code has run. When
   * one read brings several replies, the calls they resume issue their next commands in the same
   * tick: a few writes then carry them all, and Redis reads and answers each batch in one go,
   * instead of a write, a read and a server wake-up per command. The cap lets Redis start on the
   * first commands while the rest are still being prepared (one batch for the whole tick leaves
   * client and server waiting on each other in turn). A command waits at most for the rest of
   * the tick; each keeps its own reply and deadline. ioredis writes commands in order on one
   * socket, so the order is unchanged; commands that another user of the same client issues
   * during a held tick are held with ours, in their order.
   */
  #hold(): void {
    const held = this.#corked;
    if (held === undefined) {
      if (this.#unsettled === 0) return;
      const stream = (this.#client as Redis).stream as Writable | undefined;
      if (stream === undefined || stream === null || !stream.writable) return;
      stream.cork();
      this.#corked = stream;
      this.#batched = 1;
      process.nextTick(this.#flush);
      return;
    }
    if (this.#batched === MAX_BATCH) {
      // Sends the full batch now and holds the next one; #flush still ends the tick's last.
      held.uncork();
      held.cork();
      this.#batched = 0;
    }
    this.#batched++;
  }

  /** Marks an answered command; false when its deadline already failed it. */
  #settle(entry: Pending): boolean {
    if (entry.settled) return false;
    entry.settled = true;
    // Nothing left to watch: the timer no longer keeps the process alive. It is left scheduled
    // (unref'd) rather than cleared, so the next command reuses it instead of creating one: it
    // fires no later than any later command's deadline, and then re-arms for what is pending.
    if (--this.#unsettled === 0) {
      this.#pending = [];
      if (this.#timer !== undefined && this.#timerHeld) {
        this.#timer.unref();
        this.#timerHeld = false;
      }
    }
    return true;
  }

  /** Makes sure a timer that keeps the process alive will fire by the oldest pending deadline. */
  #watch(): void {
    if (this.#timer === undefined) this.#arm(this.#timeoutMs);
    else if (!this.#timerHeld) {
      this.#timer.ref();
      this.#timerHeld = true;
    }
  }

  #arm(delayMs: number): void {
    this.#timer = setTimeout(() => this.#expireDue(), delayMs);
    this.#timerHeld = true;
  }

  /** Fails every command whose deadline passed, drops answered ones, and waits for the next. */
  #expireDue(): void {
    this.#timer = undefined;
    this.#timerHeld = false;
    const now = performance.now();
    const pending = this.#pending;
    let index = 0;
    for (; index < pending.length; index++) {
      const entry = pending[index] as Pending;
      if (entry.settled) continue;
      if (entry.deadline > now) break;
      entry.settled = true;
      this.#unsettled--;
      entry.expire();
    }
    this.#pending = index === 0 ? pending : pending.slice(index);
    const next = this.#pending.find((entry) => !entry.settled);
    if (next !== undefined) this.#arm(Math.max(1, next.deadline - now));
    else this.#pending = [];
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

/** True for a client with ioredis's `enableAutoPipelining`, which batches its writes itself. */
function autoPipelines(client: RedisClient): boolean {
  return (client as Redis).options?.enableAutoPipelining === true;
}

/**
 * Closes a connection a store opened itself: gracefully (`QUIT`, within the deadline) when Redis
 * answers, at once otherwise, so a shutdown never waits on an unreachable server.
 */
export async function closeConnection(runner: CommandRunner): Promise<void> {
  const client = runner.client;
  if (client.status === "ready") {
    try {
      await runner.run((connection) => connection.quit());
      return;
    } catch {
      // Fall through: drop the socket without waiting for Redis.
    }
  }
  client.disconnect();
}
