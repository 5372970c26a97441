// @parmanasystems/adapters-vault against its floors, measured in the same run with calls
// alternating one by one (a shared machine's slow moments then fall on both sides):
//  1. local verification: VaultVerifier.verify (awaited, keys cached) vs LocalVerifier.verify of
//     the same attestation signing input and signature. Aim: <= 1.1x.
//  2. signing: VaultSigner.sign vs one raw fetch of the same Transit sign request (with a
//     deadline, as every call of the adapter has), against the package's test server (a
//     Transit-compatible HTTP server on loopback), plus the requests
//     the server counted for N executeFromSignals calls: exactly one sign request per
//     attestation, no verify and no key read. Aim: sign <= 1.1x one round trip.
import { fileURLToPath } from "node:url";
import {
  attestationSigningInput,
  executeFromSignals,
  LocalVerifier,
  MemoryReplayStore,
} from "@parmanasystems/core";
import { VaultSigner, VaultVerifier } from "@parmanasystems/adapters-vault";
import { mean, median } from "./lib/compare.js";
import { printTable, recordFigure, recordRatio } from "./lib/report.js";
import { SMOKE } from "./lib/smoke.js";
// The Transit-compatible server of the package's tests: the bench measures against the same
// wire protocol the tests prove, on loopback, with nothing else installed.
import { startTransitServer } from "../../packages/adapters-vault/test/helpers/transit-server.js";

// A smoke run: one round of a few dozen calls per side.
const ROUNDS = SMOKE ? 1 : 7;
const VERIFY_CALLS_PER_ROUND = SMOKE ? 50 : 3000;
const SIGN_CALLS_PER_ROUND = SMOKE ? 20 : 300;
const EXECUTIONS_COUNTED = SMOKE ? 20 : 200;
const VERIFY_AIM = 1.1;
const SIGN_AIM = 1.1;

// The adapter package's one-signal loan policy: the attestation's size hardly depends on the
// signals (only their hash is signed), and this keeps the bench independent of other fixtures.
const POLICIES_ROOT = fileURLToPath(
  new URL("../../packages/adapters-vault/test/fixtures/policies/", import.meta.url),
);

/** Runs both comparisons and prints per-call times, ratios and request counts. */
export async function runBench(): Promise<void> {
  const vault = await startTransitServer();
  try {
    vault.createKey("parmana", "ed25519");
    const signer = await new VaultSigner(vault.address, vault.rootToken, "parmana").ready();
    const verifier = await new VaultVerifier(vault.address, vault.rootToken, "parmana").ready();
    const local = new LocalVerifier(await signer.exportPublicKeyPem());
    const store = new MemoryReplayStore({ maxSize: 10_000_000, warnInProduction: false });
    let next = 0;
    const execute = () =>
      executeFromSignals(
        {
          executionId: `vault-loan-${next++}`,
          policyId: "loan-approval",
          policyVersion: "1.0.0",
          signals: { credit_score: 742 },
        },
        signer,
        verifier,
        { policiesRootPath: POLICIES_ROOT },
        store,
      );

    // Requests per attestation, counted by the server.
    await execute();
    vault.resetRequests();
    for (let i = 0; i < EXECUTIONS_COUNTED; i++) await execute();
    const signRequests = vault.count("/sign/");
    const otherRequests = vault.requests.length - signRequests;
    console.log(
      `\n## requests per executeFromSignals (VaultSigner + VaultVerifier, ${EXECUTIONS_COUNTED} calls)`,
    );
    console.log(
      `sign requests per attestation = ${(signRequests / EXECUTIONS_COUNTED).toFixed(3)}, other requests = ${otherRequests} (aim: exactly 1 and 0) ${signRequests === EXECUTIONS_COUNTED && otherRequests === 0 ? "MET" : "NOT MET"}`,
    );
    recordFigure({
      label: "Vault sign requests per executeFromSignals",
      value: signRequests / EXECUTIONS_COUNTED,
      unit: "requests",
      aim: { op: "==", value: 1 },
    });
    recordFigure({
      label: "other Vault requests during executeFromSignals",
      value: otherRequests,
      unit: "requests",
      aim: { op: "==", value: 0 },
    });

    // 1. Local verification.
    const sample = await execute();
    const input = attestationSigningInput(sample);
    const signature = sample.signature;
    if (!(await verifier.verify(input, signature)) || !local.verify(input, signature)) {
      throw new Error("the sample attestation does not verify");
    }
    vault.resetRequests();
    const verifyResult = await compare(
      "VaultVerifier.verify (local)",
      async () => {
        await verifier.verify(input, signature);
      },
      "LocalVerifier.verify",
      () => {
        local.verify(input, signature);
      },
      VERIFY_CALLS_PER_ROUND,
    );
    if (vault.requests.length !== 0) throw new Error("local verification made a request");
    report(
      `VaultVerifier.verify vs LocalVerifier.verify (${Buffer.byteLength(input)}-byte signing input)`,
      verifyResult,
      VERIFY_AIM,
    );

    // 2. Signing: one HTTP round trip, compared with a raw fetch of the same request.
    const url = `${vault.address}/v1/transit/sign/parmana`;
    const body = JSON.stringify({ input: Buffer.from(input).toString("base64"), prehashed: false });
    // The floor: the same request with the same kind of deadline (a client that can hang
    // forever is not a fair floor); what is left is the adapter's own work.
    const rawRoundTrip = async (): Promise<void> => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "x-vault-token": vault.rootToken, "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.json();
    };
    const signResult = await compare(
      "VaultSigner.sign",
      async () => {
        await signer.sign(input);
      },
      "fetch of the same sign request (raw, with deadline)",
      rawRoundTrip,
      SIGN_CALLS_PER_ROUND,
    );
    report(`VaultSigner.sign vs one raw HTTP round trip (loopback)`, signResult, SIGN_AIM);
  } finally {
    await vault.close();
  }
}

interface Comparison {
  readonly names: readonly [string, string];
  readonly ours: readonly number[];
  readonly baseline: readonly number[];
  readonly roundRatios: readonly number[];
}

async function compare(
  oursName: string,
  ours: () => unknown,
  baselineName: string,
  baseline: () => unknown,
  callsPerRound: number,
): Promise<Comparison> {
  // Calls alternate one by one (ours, baseline, baseline, ours, ...): on a shared machine a
  // slow moment then hits both sides alike. Each call is timed on its own.
  const timeOne = async (fn: () => unknown): Promise<number> => {
    const start = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - start) / 1000;
  };
  for (let i = 0; i < callsPerRound; i++) {
    await timeOne(ours);
    await timeOne(baseline);
  }
  const oursAll: number[] = [];
  const baselineAll: number[] = [];
  const roundRatios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const oursRound: number[] = [];
    const baselineRound: number[] = [];
    for (let i = 0; i < callsPerRound; i++) {
      if ((round + i) % 2 === 0) {
        oursRound.push(await timeOne(ours));
        baselineRound.push(await timeOne(baseline));
      } else {
        baselineRound.push(await timeOne(baseline));
        oursRound.push(await timeOne(ours));
      }
    }
    roundRatios.push(median(oursRound) / median(baselineRound));
    oursAll.push(...oursRound);
    baselineAll.push(...baselineRound);
  }
  return { names: [oursName, baselineName], ours: oursAll, baseline: baselineAll, roundRatios };
}

function report(title: string, result: Comparison, aim: number): void {
  printTable(`${title} (${ROUNDS} rounds)`, [
    {
      case: result.names[0],
      "median µs/call": median(result.ours).toFixed(2),
      "mean µs/call": mean(result.ours).toFixed(2),
    },
    {
      case: result.names[1],
      "median µs/call": median(result.baseline).toFixed(2),
      "mean µs/call": mean(result.baseline).toFixed(2),
    },
  ]);
  const ratio = median(result.ours) / median(result.baseline);
  recordRatio({
    label: `${result.names[0]} / ${result.names[1]}`,
    basis: "time",
    median: ratio,
    min: Math.min(...result.roundRatios),
    max: Math.max(...result.roundRatios),
    aim: { op: "<=", value: aim },
    note: "median over all calls; min and max are of the per-round median ratios",
  });
  console.log(
    `ratio ${result.names[0]} / ${result.names[1]} time = ${ratio.toFixed(3)} (median; per round ${result.roundRatios.map((r) => r.toFixed(2)).join(", ")}; mean ${(mean(result.ours) / mean(result.baseline)).toFixed(3)}; aim: <= ${aim}) ${ratio <= aim ? "MET" : "NOT MET"}`,
  );
}
