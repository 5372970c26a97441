/**
 * The examples/lambda-payment-approval handler, invoked locally as Lambda would: the module is
 * loaded once (its KMSSigner, KMSVerifier and DynamoReplayStore are built at load time from the
 * environment, in the documented positional form), then the exported handler is called per
 * event. The AWS SDK finds the test endpoints through the standard AWS_ENDPOINT_URL_KMS /
 * AWS_ENDPOINT_URL_DYNAMODB variables and takes static fake credentials from the environment.
 * Runs once per supported key type.
 */
import {
  LocalVerifier,
  ParmanaError,
  verifyAttestation,
  type ExecutionAttestation,
} from "@parmanasystems/core";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  REPLAY_TABLE,
  startAwsTestEndpoints,
  type AwsTestEndpoints,
} from "../helpers/aws-test-endpoints.js";
import { publicKeyPem } from "../helpers/kms-test-server.js";
import { TEST_CREDENTIALS } from "../helpers/kms-client.js";

interface HandlerResult {
  decision: { action: string; requires_override: boolean; reason: string };
  executionId: string;
  signature: string;
  attestation: ExecutionAttestation;
}
type Handler = (event: {
  executionId?: string;
  signals: Record<string, unknown>;
}) => Promise<HandlerResult>;

const HANDLER = new URL("../../../../examples/lambda-payment-approval/handler.mjs", import.meta.url)
  .href;
let aws: AwsTestEndpoints;
const savedEnv = { ...process.env };

beforeAll(async () => {
  aws = await startAwsTestEndpoints();
});

afterEach(() => {
  process.env = { ...savedEnv };
  vi.resetModules();
});

afterAll(async () => {
  await aws.stop();
});

async function loadHandler(keyArn: string): Promise<Handler> {
  Object.assign(process.env, {
    KMS_KEY_ID: keyArn,
    DYNAMO_TABLE: REPLAY_TABLE,
    AWS_ENDPOINT_URL_KMS: aws.kms.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: aws.dynamo.endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
  });
  delete process.env["PARMANA_POLICIES_ROOT"];
  vi.resetModules();
  const module = (await import(/* @vite-ignore */ HANDLER)) as { handler: Handler };
  return module.handler;
}

describe.each(["p256", "ed25519"] as const)("lambda-payment-approval handler, %s key", (which) => {
  it("decides payments on warm invocations; the attestation verifies offline; a retried payment is refused", async () => {
    const key = aws.keys[which];
    const handler = await loadHandler(key.arn);
    const getPublicKeys = aws.kms.count("GetPublicKey");

    const approved = await handler({
      executionId: `${which}-pay-1`,
      signals: { amount: 120, beneficiary_known: true, sanctions_hit: false },
    });
    expect(approved.decision.action).toBe("approve");
    expect(approved.executionId).toBe(`${which}-pay-1`);
    expect(approved.signature).toBe(approved.attestation.signature);
    expect(approved.attestation.signerKeyId).toBe(key.arn);

    const rejected = await handler({
      executionId: `${which}-pay-2`,
      signals: { amount: 120, beneficiary_known: true, sanctions_hit: true },
    });
    expect(rejected.decision.action).toBe("reject");
    const review = await handler({
      executionId: `${which}-pay-3`,
      signals: { amount: 20_000, beneficiary_known: false, sanctions_hit: false },
    });
    expect(review.decision).toMatchObject({ action: "manual_review", requires_override: true });

    // Warm invocations reuse the cached public keys: one GetPublicKey each for signer and verifier.
    expect(aws.kms.count("GetPublicKey") - getPublicKeys).toBe(2);

    const offline = new LocalVerifier(publicKeyPem(key));
    for (const result of [approved, rejected, review]) {
      expect(verifyAttestation(result.attestation, offline).valid).toBe(true);
    }

    // The handler's module graph was loaded fresh, so its core is another copy of the module:
    // identify the error by its marker and name, not by instanceof.
    const replay = await handler({
      executionId: `${which}-pay-1`,
      signals: { amount: 120, beneficiary_known: true, sanctions_hit: false },
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(ParmanaError.isInstance(replay)).toBe(true);
    expect(replay).toMatchObject({
      name: "ReplayError",
      code: "INV-013",
      message: `[INV-013] Replay detected: payment-approval:${which}-pay-1`,
    });
  });
});
