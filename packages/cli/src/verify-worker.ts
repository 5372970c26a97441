import { parentPort, workerData } from "node:worker_threads";
import { ParmanaError } from "@parmanasystems/core";
import { createAttestationChecker, type AttestationChecker } from "./verify/attestation-checker.js";
import { checkJob } from "./verify/check-job.js";
import type { WorkerInit, WorkerRequest, WorkerResponse } from "./verify/worker-protocol.js";

// One verification worker: builds its own verifier once, then verifies batches it is sent.
const port = parentPort;
if (port !== null) {
  const init = workerData as WorkerInit;
  let checker: AttestationChecker | undefined;
  try {
    checker = createAttestationChecker(init.config);
  } catch (error) {
    const code = ParmanaError.isInstance(error) ? error.code : "CLI-010";
    const message = error instanceof Error ? error.message : String(error);
    port.postMessage({ initError: { code, message } } satisfies WorkerResponse);
  }
  if (checker !== undefined) {
    const ready = checker;
    port.on("message", (request: WorkerRequest) => {
      const outcomes = request.jobs.map((job) => checkJob(job, ready, init.identityOfValid));
      port.postMessage({ batchId: request.batchId, outcomes } satisfies WorkerResponse);
    });
  }
}
