// The scaling floor for `parmana verify attestation --workers`: raw node:crypto Ed25519 verifies of
// the same messages, on two worker threads at once against this thread alone. Two threads of one
// process do not get twice the verifies of one, even with two cores free (OpenSSL's shared state,
// the threads' own event loops), so the CLI's --workers scaling is judged against this floor in
// the same run, not against an ideal 0.5.
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { Worker } from "node:worker_threads";

/** The worker: verifies `count` of the messages when told to, then says done. CommonJS (eval). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { createPublicKey, verify } = require("node:crypto");
const key = createPublicKey(workerData.publicKeyPem);
const messages = workerData.messages.map((message) => Buffer.from(message));
const signatures = workerData.signatures.map((signature) => Buffer.from(signature));
parentPort.on("message", (count) => {
  for (let index = 0; index < count; index++) {
    const at = index % messages.length;
    if (!verify(null, messages[at], key, signatures[at])) throw new Error("raw verify failed");
  }
  parentPort.postMessage("done");
});
`;

/** Raw verifies on two worker threads and in this thread, on the same messages and key. */
export interface RawVerifyThreads {
  /** Wall microseconds for `count` verifies split over the two worker threads. */
  onTwoThreads(count: number): Promise<number>;
  /** Wall microseconds for `count` verifies in this thread. */
  inThisThread(count: number): number;
  close(): Promise<void>;
}

/**
 * Starts two warmed-up verification threads.
 *
 * @param publicKeyPem - the key the signatures verify under
 * @param messages - the signed messages (the attestations' signing inputs)
 * @param signatures - their signatures, same order
 */
export async function startRawVerifyThreads(
  publicKeyPem: string,
  messages: readonly Uint8Array[],
  signatures: readonly Uint8Array[],
): Promise<RawVerifyThreads> {
  const key: KeyObject = createPublicKey(publicKeyPem);
  const workers = [0, 1].map(
    () =>
      new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { publicKeyPem, messages, signatures },
      }),
  );
  const run = (worker: Worker, count: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const onError = (error: unknown): void => reject(error);
      worker.once("error", onError);
      worker.once("message", () => {
        worker.off("error", onError);
        resolve();
      });
      worker.postMessage(count);
    });
  const inThisThread = (count: number): number => {
    const started = process.hrtime.bigint();
    for (let index = 0; index < count; index++) {
      const at = index % messages.length;
      if (!verify(null, messages[at] as Uint8Array, key, signatures[at] as Uint8Array))
        throw new Error("raw verify failed");
    }
    return Number(process.hrtime.bigint() - started) / 1000;
  };
  const onTwoThreads = async (count: number): Promise<number> => {
    const started = process.hrtime.bigint();
    const half = Math.ceil(count / 2);
    await Promise.all([run(workers[0] as Worker, half), run(workers[1] as Worker, count - half)]);
    return Number(process.hrtime.bigint() - started) / 1000;
  };
  // Warm-up: both threads compile and load what they verify with.
  await onTwoThreads(Math.min(400, messages.length * 2));
  inThisThread(200);
  return {
    onTwoThreads,
    inThisThread,
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
