import type { AttestationChecker } from "./attestation-checker.js";
import { createInProcessBackend, type VerificationBackend } from "./in-process-backend.js";
import { createWorkerPoolBackend } from "./worker-pool-backend.js";
import type { CheckerConfig, VerificationJob, VerificationOutcome } from "./verification.types.js";

/** Options of {@link verifyMany}. */
export interface VerifyManyOptions {
  /** What workers build their verifiers from. */
  readonly config: CheckerConfig;
  /** This thread's verifier, already built (it also proved the key or trust root loads). */
  readonly checker: AttestationChecker;
  /** Number of workers; 0 or 1 verifies in this thread. */
  readonly workers: number;
  /** Up to this many inputs are verified in this thread even when workers are allowed. */
  readonly inProcessThreshold: number;
  /** The built worker script. */
  readonly workerUrl: URL;
  /** Called once per input, in input order. */
  readonly onOutcome: (outcome: VerificationOutcome) => void;
}

/** Inputs per message to a worker: large enough to amortise messaging, small enough to balance. */
const BATCH_SIZE = 32;

/**
 * Verifies every input, on worker threads when there are many, reporting outcomes in input
 * order. Inputs are pulled lazily, so NDJSON on stdin streams with bounded memory.
 *
 * @param jobs - the inputs
 * @param options - verifier, parallelism and the outcome callback
 * @returns whether a worker pool was used
 */
export async function verifyMany(
  jobs: AsyncIterable<VerificationJob>,
  options: VerifyManyOptions,
): Promise<{ usedWorkers: number }> {
  const iterator = jobs[Symbol.asyncIterator]();
  const head: VerificationJob[] = [];
  let exhausted = false;
  // Look ahead just far enough to know whether starting workers pays off.
  while (head.length <= options.inProcessThreshold) {
    const next = await iterator.next();
    if (next.done === true) {
      exhausted = true;
      break;
    }
    head.push(next.value);
  }
  const useWorkers = options.workers > 1 && !exhausted;
  const backend: VerificationBackend = useWorkers
    ? createWorkerPoolBackend(options.workers, options.config, options.workerUrl)
    : createInProcessBackend(options.checker);
  const batchSize = useWorkers ? BATCH_SIZE : 1;
  const maxInFlight = useWorkers ? options.workers * 4 : 1;
  const inFlight: Promise<VerificationOutcome[]>[] = [];

  const emitOldest = async (): Promise<void> => {
    const oldest = inFlight.shift();
    if (oldest === undefined) return;
    for (const outcome of await oldest) options.onOutcome(outcome);
  };
  let batch: VerificationJob[] = [];
  const dispatch = async (): Promise<void> => {
    if (batch.length === 0) return;
    const promise = backend.run(batch);
    // Settled later in order; a rejection is surfaced by emitOldest, never left unhandled.
    promise.catch(() => undefined);
    inFlight.push(promise);
    batch = [];
    if (inFlight.length >= maxInFlight) await emitOldest();
  };

  try {
    for (const job of head) {
      batch.push(job);
      if (batch.length >= batchSize) await dispatch();
    }
    while (!exhausted) {
      const next = await iterator.next();
      if (next.done === true) break;
      batch.push(next.value);
      if (batch.length >= batchSize) await dispatch();
    }
    await dispatch();
    while (inFlight.length > 0) await emitOldest();
  } finally {
    await backend.close();
  }
  return { usedWorkers: useWorkers ? options.workers : 0 };
}
