import { Worker } from "node:worker_threads";
import { CliError } from "../errors/index.js";
import type { WorkerInit, WorkerRequest, WorkerResponse } from "./worker-protocol.js";
import type { VerificationJob, VerificationOutcome } from "./verification.types.js";

interface PendingBatch {
  readonly resolve: (outcomes: VerificationOutcome[]) => void;
  readonly reject: (error: unknown) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly pending: Map<number, PendingBatch>;
}

/** A pool of verification workers. */
export interface VerificationBackend {
  /** Verifies a batch of inputs; the outcomes come in the batch's order. */
  run(jobs: readonly VerificationJob[]): Promise<VerificationOutcome[]>;
  close(): Promise<void>;
}

/**
 * Verifies on a pool of worker threads, each with its own verifier, so verifying many files
 * uses every core. Batches go to the worker with the fewest batches outstanding.
 *
 * @param size - number of workers
 * @param init - what each worker builds its verifier from, and what its outcomes carry
 * @param workerUrl - the built worker script (`dist/verify-worker.js`)
 * @returns the backend
 */
export function createWorkerPoolBackend(
  size: number,
  init: WorkerInit,
  workerUrl: URL,
): VerificationBackend {
  let nextBatchId = 0;
  let failure: unknown;
  const workers: PoolWorker[] = [];

  const fail = (poolWorker: PoolWorker, error: unknown): void => {
    failure ??= error;
    for (const batch of poolWorker.pending.values()) batch.reject(error);
    poolWorker.pending.clear();
  };

  for (let index = 0; index < size; index += 1) {
    const worker = new Worker(workerUrl, { workerData: init });
    const poolWorker: PoolWorker = { worker, pending: new Map() };
    worker.on("message", (response: WorkerResponse) => {
      if ("initError" in response) {
        fail(
          poolWorker,
          new CliError(
            response.initError.code,
            response.initError.message.replace(/^\[[^\]]+\] /, ""),
          ),
        );
        return;
      }
      const batch = poolWorker.pending.get(response.batchId);
      poolWorker.pending.delete(response.batchId);
      batch?.resolve(response.outcomes as VerificationOutcome[]);
    });
    worker.on("error", (error) => fail(poolWorker, error));
    worker.on("exit", (code) => {
      if (poolWorker.pending.size > 0) {
        fail(
          poolWorker,
          new CliError(
            "CLI-010",
            `a verification worker exited (code ${code}) with work outstanding`,
          ),
        );
      }
    });
    workers.push(poolWorker);
  }

  return {
    run(jobs: readonly VerificationJob[]): Promise<VerificationOutcome[]> {
      if (failure !== undefined) return Promise.reject(failure);
      let target = workers[0] as PoolWorker;
      for (const candidate of workers)
        if (candidate.pending.size < target.pending.size) target = candidate;
      const batchId = nextBatchId;
      nextBatchId += 1;
      return new Promise<VerificationOutcome[]>((resolve, reject) => {
        target.pending.set(batchId, { resolve, reject });
        target.worker.postMessage({ batchId, jobs } satisfies WorkerRequest);
      });
    },
    async close(): Promise<void> {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}
