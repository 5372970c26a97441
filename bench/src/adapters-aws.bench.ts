// @parmanasystems/adapters-aws, on the test endpoints the package's tests use (a KMS-compatible
// HTTP server and dynalite), through the real AWS SDK clients:
//  1. KMSVerifier in local mode against core's LocalVerifier on the same key, signature and
//     600-byte input, awaited one call at a time in alternating rounds (the verifier's API is
//     async, so both sides pay an await). Aim: KMSVerifier <= 1.10x LocalVerifier, both keys.
//  2. DynamoReplayStore round trips per decision, counted by the DynamoDB endpoint itself: a
//     successful executeFromSignals must cost exactly 2 requests (reserve, confirm), a refused
//     replay exactly 1. Then the time of reserve + confirm against two raw PutItem calls.
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { executeFromSignals, LocalVerifier } from "@parmanasystems/core";
import { DynamoReplayStore, KMSSigner, KMSVerifier } from "@parmanasystems/adapters-aws";
import {
  POLICIES_ROOT,
  REPLAY_TABLE,
  startAwsTestEndpoints,
} from "../../packages/adapters-aws/test/helpers/aws-test-endpoints.js";
import { recordFigure, recordRatio, recordTable } from "./lib/report.js";
import { SMOKE } from "./lib/smoke.js";

// A smoke run: a few dozen verifications and decisions.
const VERIFY_CALLS = SMOKE ? 50 : 10_000;
const DECISIONS = SMOKE ? 10 : 200;
const STORE_CALLS = SMOKE ? 10 : 100;
const AIM = 1.1;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1000;
}

/**
 * Interleaves the two cases call by call (alternating which goes first) and returns the median
 * microseconds per awaited call of each: on a machine shared with other work, a slow moment then
 * hits both sides alike, and medians ignore the spikes.
 */
async function compare(
  calls: number,
  ours: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
): Promise<{ ours: number; baseline: number }> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < Math.min(calls, 200); i++) {
    await ours();
    await baseline();
  }
  for (let i = 0; i < calls; i++) {
    if (i % 2 === 0) {
      a.push(await timed(ours));
      b.push(await timed(baseline));
    } else {
      b.push(await timed(baseline));
      a.push(await timed(ours));
    }
  }
  return { ours: median(a), baseline: median(b) };
}

/** Runs both parts and prints their figures. */
export async function runBench(): Promise<void> {
  const aws = await startAwsTestEndpoints();
  try {
    const payload = JSON.stringify({
      domain: "PARMANA_ATTESTATION_V1",
      payload: "x".repeat(600),
    }).slice(0, 600);
    const verifyTitle = "KMSVerifier (local mode) vs LocalVerifier, 600-byte input, awaited calls";
    console.log(`\n## ${verifyTitle}`);
    const verifyRows: Record<string, string>[] = [];
    for (const which of ["p256", "ed25519"] as const) {
      const key = aws.keys[which];
      const signer = new KMSSigner({ client: aws.kmsClient, keyId: key.arn });
      const kmsVerifier = new KMSVerifier({ client: aws.kmsClient, keyId: key.arn });
      const signature = await signer.sign(payload);
      const local = new LocalVerifier(await signer.exportPublicKeyPem());
      if (!(await kmsVerifier.verify(payload, signature)) || !local.verify(payload, signature)) {
        throw new Error("signature does not verify");
      }
      const getPublicKeys = aws.kms.count("GetPublicKey");
      const verifyRequests = aws.kms.count("Verify");
      const times = await compare(
        VERIFY_CALLS,
        () => kmsVerifier.verify(payload, signature),
        async () => local.verify(payload, signature),
      );
      const ratio = times.ours / times.baseline;
      console.log(
        `${which}: KMSVerifier.verify ${times.ours.toFixed(2)} µs, LocalVerifier.verify ${times.baseline.toFixed(2)} µs; ` +
          `ratio ${ratio.toFixed(3)} (aim: <= ${AIM.toFixed(2)}) ${ratio <= AIM ? "MET" : "NOT MET"}; ` +
          `KMS requests during ${2 * VERIFY_CALLS + 2 * Math.min(VERIFY_CALLS, 200)} verifications: ${aws.kms.count("GetPublicKey") - getPublicKeys + aws.kms.count("Verify") - verifyRequests}`,
      );
      verifyRows.push({
        key: which,
        "KMSVerifier.verify µs": times.ours.toFixed(2),
        "LocalVerifier.verify µs": times.baseline.toFixed(2),
      });
      recordRatio({
        label: `KMSVerifier.verify / LocalVerifier.verify (${which})`,
        basis: "time",
        median: ratio,
        aim: { op: "<=", value: AIM },
      });
      recordFigure({
        label: `KMS requests during local verification (${which})`,
        value:
          aws.kms.count("GetPublicKey") - getPublicKeys + aws.kms.count("Verify") - verifyRequests,
        unit: "requests",
      });
    }
    recordTable(verifyTitle, verifyRows);

    const storeTitle =
      "DynamoReplayStore round trips per decision (counted by the DynamoDB endpoint)";
    console.log(`\n## ${storeTitle}`);
    const signer = new KMSSigner({ client: aws.kmsClient, keyId: aws.keys.ed25519.arn });
    const verifier = new KMSVerifier({ client: aws.kmsClient, keyId: aws.keys.ed25519.arn });
    await Promise.all([signer.ready(), verifier.ready()]);
    const store = new DynamoReplayStore({ client: aws.dynamoClient, tableName: REPLAY_TABLE });
    const input = (i: number) => ({
      executionId: `bench-${i}`,
      policyId: "payment-approval",
      policyVersion: "1.0.0",
      signals: { amount: 100 + i, beneficiary_known: true, sanctions_hit: false },
    });
    const environment = { policiesRootPath: POLICIES_ROOT };
    aws.dynamo.resetCounts();
    for (let i = 0; i < DECISIONS; i++)
      await executeFromSignals(input(i), signer, verifier, environment, store);
    const perDecision = aws.dynamo.count() / DECISIONS;
    aws.dynamo.resetCounts();
    let refused = 0;
    for (let i = 0; i < DECISIONS; i++) {
      await executeFromSignals(input(i), signer, verifier, environment, store).catch(
        () => (refused += 1),
      );
    }
    const perReplay = aws.dynamo.count() / DECISIONS;
    console.log(
      `decisions: ${DECISIONS}, DynamoDB requests per decision: ${perDecision.toFixed(2)} (aim: exactly 2) ${perDecision === 2 ? "MET" : "NOT MET"}`,
    );
    console.log(
      `replays refused: ${refused}/${DECISIONS}, DynamoDB requests per refused replay: ${perReplay.toFixed(2)} (aim: exactly 1) ${perReplay === 1 && refused === DECISIONS ? "MET" : "NOT MET"}`,
    );
    recordTable(storeTitle, [
      { case: "decision", count: DECISIONS, "DynamoDB requests each": perDecision },
      { case: "refused replay", count: refused, "DynamoDB requests each": perReplay },
    ]);
    recordFigure({
      label: "DynamoDB requests per decision",
      value: perDecision,
      unit: "requests",
      aim: { op: "==", value: 2 },
    });
    recordFigure({
      label: "DynamoDB requests per refused replay",
      value: perReplay,
      unit: "requests",
      aim: { op: "==", value: 1 },
      met: perReplay === 1 && refused === DECISIONS,
    });

    let n = 0;
    const times = await compare(
      STORE_CALLS,
      async () => {
        const key = `bench-store-${n++}`;
        await store.confirm(key, await store.reserve(key));
      },
      async () => {
        const key = `bench-raw-${n++}`;
        for (const status of ["reserved", "confirmed"]) {
          await aws.dynamoClient.send(
            new PutItemCommand({
              TableName: REPLAY_TABLE,
              Item: { fingerprint: { S: key }, status: { S: status } },
            }),
          );
        }
      },
    );
    console.log(
      `reserve + confirm ${times.ours.toFixed(0)} µs vs two raw unconditional PutItem ${times.baseline.toFixed(0)} µs: ratio ${(times.ours / times.baseline).toFixed(3)} (informational: dynalite on loopback, not DynamoDB's latency)`,
    );
    recordRatio({
      label: "DynamoReplayStore reserve + confirm / two raw PutItem",
      basis: "time",
      median: times.ours / times.baseline,
      note: "informational: dynalite on loopback",
    });
  } finally {
    await aws.stop();
  }
}
