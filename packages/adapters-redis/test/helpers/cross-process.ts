import { verifyAttestation, type ExecutionAttestation, type Verifier } from "@parmanasystems/core";
import { expect } from "vitest";
import { startWorker } from "./spawn-worker.js";

/** What one race worker reports. */
interface RaceAnswer {
  readonly attestations: ExecutionAttestation[];
  readonly replays: number;
  readonly others: { code?: string; message: string }[];
}

/**
 * Starts `processes` workers that each fire `perProcess` concurrent executeFromSignals calls on
 * one executionId as soon as all of them are connected, and checks the outcome: exactly one
 * attestation in total, that it verifies, and INV-013 for every other call.
 */
export async function raceAcrossProcesses(options: {
  readonly env: Record<string, string>;
  readonly executionId: string;
  readonly processes: number;
  readonly perProcess: number;
  readonly verifier: Verifier;
}): Promise<ExecutionAttestation> {
  const workers = Array.from({ length: options.processes }, () =>
    startWorker("race", {
      ...options.env,
      EXECUTION_ID: options.executionId,
      CONCURRENCY: String(options.perProcess),
    }),
  );
  try {
    for (const worker of workers)
      expect(await worker.next<{ ready: boolean }>()).toEqual({ ready: true });
    for (const worker of workers) worker.process.stdin.end("go\n");
    const answers = await Promise.all(workers.map((worker) => worker.next<RaceAnswer>()));
    await Promise.all(workers.map((worker) => worker.exited));
    const attestations = answers.flatMap((answer) => answer.attestations);
    const others = answers.flatMap((answer) => answer.others);
    const replays = answers.reduce((sum, answer) => sum + answer.replays, 0);
    expect(others).toEqual([]);
    expect(attestations).toHaveLength(1);
    expect(replays).toBe(options.processes * options.perProcess - 1);
    const [attestation] = attestations as [ExecutionAttestation];
    expect(attestation.executionId).toBe(options.executionId);
    expect((await verifyAttestation(attestation, options.verifier)).valid).toBe(true);
    return attestation;
  } finally {
    for (const worker of workers)
      if (worker.process.exitCode === null) worker.process.kill("SIGKILL");
  }
}
