import type { AttestationChecker } from "./attestation-checker.js";
import { checkJob } from "./check-job.js";
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
  /**
   * Whether valid outcomes carry the attestation's identity (default true); invalid ones always
   * do. Not needed when valid outcomes are not shown.
   */
  readonly identityOfValid?: boolean;
  /** Up to this many inputs are verified in this thread even when workers are allowed. */
  readonly inProcessThreshold: number;
  /** The built worker script. */
  readonly workerUrl: URL;
  /** Called once per input, in input order. */
  readonly onOutcome: (outcome: VerificationOutcome) => void;
  /**
   * Called after a run of outcomes, before waiting for more input or for workers: what
   * `onOutcome` buffered can be written out.
   */
  readonly onFlush?: () => void;
}

/** Inputs per message to a worker: large enough to amortise messaging, small enough to balance. */
const BATCH_SIZE = 64;

/**
 * Verifies every input, on worker threads when there are many, reporting outcomes in input
 * order. Inputs are pulled lazily, a batch at a time, so NDJSON on stdin streams with bounded
 * memory; in this thread a batch is verified synchronously, with no asynchronous step per input.
 *
 * @param batches - the inputs, in order, in batches of any size
 * @param options - verifier, parallelism and the outcome callback
 * @returns how many workers were used (0: verified in this thread)
 */
export async function verifyMany(
  batches: AsyncIterable<readonly VerificationJob[]>,
  options: VerifyManyOptions,
): Promise<{ usedWorkers: number }> {
  const iterator = batches[Symbol.asyncIterator]();
  const head: (readonly VerificationJob[])[] = [];
  let headCount = 0;
  let exhausted = false;
  // Look ahead just far enough to know whether starting workers pays off.
  while (headCount <= options.inProcessThreshold) {
    const next = await iterator.next();
    if (next.done === true) {
      exhausted = true;
      break;
    }
    head.push(next.value);
    headCount += next.value.length;
  }
  const next = async (): Promise<readonly VerificationJob[] | undefined> => {
    if (exhausted) return undefined;
    const result = await iterator.next();
    if (result.done !== true) return result.value;
    exhausted = true;
    return undefined;
  };
  const useWorkers = options.workers > 1 && !exhausted;
  const identityOfValid = options.identityOfValid ?? true;
  if (!useWorkers) {
    const { checker, onOutcome } = options;
    for (let batch = head.shift(); batch !== undefined; batch = head.shift() ?? (await next())) {
      for (const job of batch) onOutcome(checkJob(job, checker, identityOfValid));
      options.onFlush?.();
    }
    return { usedWorkers: 0 };
  }

  const backend = createWorkerPoolBackend(
    options.workers,
    { config: options.config, identityOfValid },
    options.workerUrl,
  );
  const maxInFlight = options.workers * 4;
  const inFlight: Promise<VerificationOutcome[]>[] = [];
  const emitOldest = async (): Promise<void> => {
    const oldest = inFlight.shift();
    if (oldest === undefined) return;
    for (const outcome of await oldest) options.onOutcome(outcome);
    options.onFlush?.();
  };
  let pending: VerificationJob[] = [];
  const dispatch = async (): Promise<void> => {
    const promise = backend.run(pending);
    // Settled later in order; a rejection is surfaced by emitOldest, never left unhandled.
    promise.catch(() => undefined);
    inFlight.push(promise);
    pending = [];
    if (inFlight.length >= maxInFlight) await emitOldest();
  };
  try {
    for (let batch = head.shift(); batch !== undefined; batch = head.shift() ?? (await next())) {
      for (const job of batch) {
        pending.push(job);
        if (pending.length >= BATCH_SIZE) await dispatch();
      }
    }
    if (pending.length > 0) await dispatch();
    while (inFlight.length > 0) await emitOldest();
  } finally {
    await backend.close();
  }
  return { usedWorkers: options.workers };
}
