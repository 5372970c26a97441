import type { AttestationChecker } from "./attestation-checker.js";
import { checkJob } from "./check-job.js";
import type { VerificationJob, VerificationOutcome } from "./verification.types.js";

/** Something that verifies batches of inputs: this thread, or a pool of workers. */
export interface VerificationBackend {
  run(jobs: readonly VerificationJob[]): Promise<VerificationOutcome[]>;
  close(): Promise<void>;
}

/**
 * Verifies in this thread: cheaper than starting workers for a handful of files.
 *
 * @param checker - this thread's verifier
 * @returns the backend
 */
export function createInProcessBackend(checker: AttestationChecker): VerificationBackend {
  return {
    async run(jobs) {
      const outcomes: VerificationOutcome[] = [];
      for (const job of jobs) outcomes.push(await checkJob(job, checker));
      return outcomes;
    },
    async close() {},
  };
}
