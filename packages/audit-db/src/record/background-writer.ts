import { ParmanaError, StoreError } from "@parmanasystems/core";
import type { BackgroundWriteInfo, BackgroundWriteStats } from "../audit-db.types.js";

/** One queued write. */
export interface BackgroundJob {
  readonly info: BackgroundWriteInfo;
  readonly run: () => Promise<void>;
}

/**
 * The opt-in background mode: writes queue in a bounded FIFO and one drain loop stores them in
 * order. A write that fails or does not fit is counted and handed to `onError` with
 * `STORE-057`; nothing is lost silently. `flush()` resolves once everything queued so far was
 * attempted.
 */
export class BackgroundWriter {
  readonly #queue: BackgroundJob[] = [];
  readonly #maxQueueSize: number;
  readonly #onError: (error: Error, info: BackgroundWriteInfo) => void;
  #draining: Promise<void> | undefined;
  #written = 0;
  #failed = 0;
  #dropped = 0;

  constructor(maxQueueSize: number, onError: (error: Error, info: BackgroundWriteInfo) => void) {
    this.#maxQueueSize = maxQueueSize;
    this.#onError = onError;
  }

  /** Queues a write; returns false (and reports it) when the queue is full. */
  enqueue(job: BackgroundJob): boolean {
    if (this.#queue.length >= this.#maxQueueSize) {
      this.#dropped += 1;
      this.#report(
        new StoreError(
          "STORE-057",
          `background write dropped: the queue is full (maxQueueSize ${this.#maxQueueSize})${job.info.executionId === undefined ? "" : ` for ${job.info.executionId}`}`,
          { retryable: true, details: { ...job.info, reason: "queue_full" } },
        ),
        job.info,
      );
      return false;
    }
    this.#queue.push(job);
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = undefined;
    });
    return true;
  }

  /** Resolves when every write queued so far has been attempted. */
  async flush(): Promise<void> {
    while (this.#draining !== undefined) await this.#draining;
  }

  get stats(): BackgroundWriteStats {
    return {
      queued: this.#queue.length,
      written: this.#written,
      failed: this.#failed,
      dropped: this.#dropped,
    };
  }

  async #drain(): Promise<void> {
    // Let the caller's synchronous code finish first so bursts are written together.
    await Promise.resolve();
    for (let job = this.#queue.shift(); job !== undefined; job = this.#queue.shift()) {
      try {
        await job.run();
        this.#written += 1;
      } catch (error) {
        this.#failed += 1;
        const cause = error instanceof Error ? error : new Error(String(error));
        this.#report(
          new StoreError(
            "STORE-057",
            `background write failed${job.info.executionId === undefined ? "" : ` for ${job.info.executionId}`}: ${cause.message}`,
            {
              cause,
              retryable: ParmanaError.isInstance(error) ? error.retryable : false,
              details: {
                ...job.info,
                reason: ParmanaError.isInstance(error) ? error.code : "error",
              },
            },
          ),
          job.info,
        );
      }
    }
  }

  #report(error: Error, info: BackgroundWriteInfo): void {
    try {
      this.#onError(error, info);
    } catch {
      // A throwing callback must not stop the writer; the counters still hold the failure.
    }
  }
}
