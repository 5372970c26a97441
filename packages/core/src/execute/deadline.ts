import { InvariantError } from "../errors/parmana-error.js";
import { isThenable } from "../internal/type-checks.js";

/**
 * Default deadline of one `executeFromSignals` call, in milliseconds: 30 s, a tenth of
 * `MemoryReplayStore`'s 300 s reservation TTL, so an attempt fails closed long before its
 * reservation can lapse under it.
 */
export const DEFAULT_EXECUTE_TIMEOUT_MS = 30_000;

// setTimeout's largest delay; a longer one fires at once.
const MAX_TIMEOUT_MS = 2_147_483_647;

// What the shared timer rejects with; `within` turns it into the coded error naming the step.
const EXPIRED: unique symbol = Symbol("deadline expired");

/**
 * The deadline of one call: every awaited step (store, signer, verifier) races it, and every
 * synchronous step is checked against it when it returns. One timer per call, started the first
 * time a step is asynchronous and cleared by {@link Deadline.dispose}.
 */
export class Deadline {
  readonly timeoutMs: number;
  readonly #endsAt: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #expired: Promise<never> | undefined;

  /** @param timeoutMs - milliseconds from now */
  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
    this.#endsAt = performance.now() + timeoutMs;
  }

  /**
   * Throws `INV-EXEC-004` when the deadline has passed.
   *
   * @param step - what was running, for the message
   */
  check(step: string): void {
    if (performance.now() >= this.#endsAt) throw this.#timeout(step);
  }

  /**
   * The value of a step that may be synchronous or a Promise, within the deadline.
   *
   * @param value - what the step returned
   * @param step - what is running, for the message
   * @returns the value (synchronously when it was not a Promise)
   */
  within<T>(value: T | PromiseLike<T>, step: string): T | Promise<T> {
    if (!isThenable(value)) {
      this.check(step);
      return value;
    }
    return Promise.race([value, this.#expiry()]).catch((error: unknown) => {
      throw error === EXPIRED ? this.#timeout(step) : error;
    });
  }

  /** Stops the timer so that it holds neither the event loop nor the call's objects. */
  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }

  #expiry(): Promise<never> {
    if (this.#expired === undefined) {
      const remaining = Math.max(0, Math.min(MAX_TIMEOUT_MS, this.#endsAt - performance.now()));
      this.#expired = new Promise<never>((_, reject) => {
        this.#timer = setTimeout(() => reject(EXPIRED), remaining);
      });
      // Nobody may be racing it when it fires (between steps); that is not an unhandled rejection.
      this.#expired.catch(() => undefined);
    }
    return this.#expired;
  }

  #timeout(step: string): InvariantError {
    return new InvariantError(
      "INV-EXEC-004",
      `executeFromSignals did not finish within timeoutMs (${this.timeoutMs} ms): ${step} was still running; nothing was decided and the reservation was released`,
      { details: { step, timeoutMs: this.timeoutMs }, retryable: true },
    );
  }
}

/**
 * Reads the `timeoutMs` option.
 *
 * @param value - the option as given
 * @returns milliseconds
 * @throws InvariantError `INV-EXEC-003` unless a finite number `> 0` and at most `2^31 - 1`
 */
export function readTimeoutMs(value: unknown): number {
  if (value === undefined) return DEFAULT_EXECUTE_TIMEOUT_MS;
  if (typeof value !== "number" || !(value > 0) || value > MAX_TIMEOUT_MS) {
    throw new InvariantError(
      "INV-EXEC-003",
      `options.timeoutMs must be a number of milliseconds > 0 and <= ${MAX_TIMEOUT_MS}, got ${typeof value === "number" ? String(value) : typeof value}`,
    );
  }
  return value;
}
