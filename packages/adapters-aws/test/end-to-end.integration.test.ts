/**
 * executeFromSignals end to end on AWS adapters, over HTTP through the real SDK clients: a KMS key
 * (ECDSA P-256 and Ed25519) signs, KMSVerifier self-checks, DynamoReplayStore (dynalite) guards the
 * replay key, DynamoPendingOverrideStore carries a pending decision to another instance. The
 * attestation is then verified offline by core's verifyAttestation with a LocalVerifier built
 * from exportPublicKeyPem(), and a successful decision costs exactly two DynamoDB requests.
 */
import {
  approveOverride,
  executeFromSignals,
  LocalVerifier,
  OverrideError,
  ReplayError,
  SignatureError,
  verifyAttestation,
  verifyOverride,
} from "@parmanasystems/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DynamoPendingOverrideStore,
  DynamoReplayStore,
  KMSSigner,
  KMSVerifier,
} from "../src/index.js";
import {
  OVERRIDE_TABLE,
  POLICIES_ROOT,
  REPLAY_TABLE,
  startAwsTestEndpoints,
  type AwsTestEndpoints,
} from "./helpers/aws-test-endpoints.js";
import { expectRejectsParmanaError } from "../../../test-support/expect-parmana-error.js";

let aws: AwsTestEndpoints;

beforeAll(async () => {
  aws = await startAwsTestEndpoints();
});

afterAll(async () => {
  await aws.stop();
});

/** One service instance: a signer and verifier on KMS keys, a replay store on the shared table. */
function adapters(
  signingKeyArn: string,
  verifyingKeyArn: string = signingKeyArn,
): { signer: KMSSigner; verifier: KMSVerifier; store: DynamoReplayStore } {
  return {
    signer: new KMSSigner({ client: aws.kmsClient, keyId: signingKeyArn }),
    verifier: new KMSVerifier({ client: aws.kmsClient, keyId: verifyingKeyArn }),
    store: new DynamoReplayStore({ client: aws.dynamoClient, tableName: REPLAY_TABLE }),
  };
}

/** A payment under the example's policy. */
function payment(
  executionId: string,
  amount: number,
  beneficiaryKnown = true,
): {
  executionId: string;
  policyId: string;
  policyVersion: string;
  signals: Record<string, unknown>;
} {
  return {
    executionId,
    policyId: "payment-approval",
    policyVersion: "1.0.0",
    signals: { amount, beneficiary_known: beneficiaryKnown, sanctions_hit: false },
  };
}

const ENVIRONMENT = { policiesRootPath: POLICIES_ROOT };

describe.each(["p256", "ed25519"] as const)("executeFromSignals with a KMS %s key", (which) => {
  it("decides, signs in KMS, confirms in DynamoDB with exactly 2 requests; the attestation verifies offline", async () => {
    const key = aws.keys[which];
    const { signer, verifier, store } = adapters(key.arn);
    const input = payment(`pay-${which}-0001`, 2500);
    // Warm the key caches so the count below is the decision's own requests.
    await Promise.all([signer.ready(), verifier.ready()]);
    aws.dynamo.resetCounts();
    const signs = aws.kms.count("Sign");

    const attestation = await executeFromSignals(input, signer, verifier, ENVIRONMENT, store);

    expect(aws.dynamo.count()).toBe(2);
    expect(aws.dynamo.counts.get("PutItem")).toBe(2);
    expect(aws.kms.count("Sign")).toBe(signs + 1);
    expect(attestation.decision).toEqual({
      action: "approve",
      requires_override: false,
      reason: "Approved: within the standard limits.",
    });
    expect(attestation.signerKeyId).toBe(key.arn);
    expect(await store.hasExecuted("payment-approval:pay-" + which + "-0001")).toBe(true);

    const offline = new LocalVerifier(await signer.exportPublicKeyPem());
    const result = verifyAttestation(attestation, offline);
    expect(result.valid).toBe(true);
    expect(result.checks).toEqual({
      signature_verified: true,
      runtime_verified: true,
      schema_compatible: true,
      governed: true,
    });
    expect((await verifyAttestation(attestation, verifier)).valid).toBe(true);
    const tampered = { ...attestation, decision: { ...attestation.decision, action: "reject" } };
    expect(verifyAttestation(tampered, offline).valid).toBe(false);

    // The same business transaction again: refused, nothing signed.
    await expectRejectsParmanaError(
      executeFromSignals(input, signer, verifier, ENVIRONMENT, store),
      "INV-013",
      ReplayError,
      `Replay detected: payment-approval:pay-${which}-0001`,
    );
    expect(aws.kms.count("Sign")).toBe(signs + 1);
  });
});

describe("executeFromSignals failure paths on AWS adapters", () => {
  it("a KMS signing failure releases the DynamoDB reservation, so a retry decides", async () => {
    const key = aws.keys.p256;
    const { signer, verifier, store } = adapters(key.arn);
    await signer.ready();
    const input = payment("pay-retry-0001", 10);
    aws.kms.failNext("Sign", "KMSInternalException", 500, 10);
    await expectRejectsParmanaError(
      executeFromSignals(input, signer, verifier, ENVIRONMENT, store),
      "SIG-005",
      SignatureError,
    );
    aws.kms.failNext("Sign", "KMSInternalException", 500, 0);
    expect(await store.hasExecuted("payment-approval:pay-retry-0001")).toBe(false);
    const attestation = await executeFromSignals(input, signer, verifier, ENVIRONMENT, store);
    expect(attestation.executionId).toBe("pay-retry-0001");
  });

  it("a signer whose key differs from the verifier's is caught before confirm; the key stays free", async () => {
    const { signer, verifier, store } = adapters(aws.keys.ed25519.arn, aws.keys.p256.arn);
    const input = payment("pay-mismatch-0001", 10);
    await expectRejectsParmanaError(
      executeFromSignals(input, signer, verifier, ENVIRONMENT, store),
      "SIG-006",
      SignatureError,
    );
    expect(await store.hasExecuted("payment-approval:pay-mismatch-0001")).toBe(false);
  });
});

describe("pending overrides across instances (DynamoPendingOverrideStore)", () => {
  it("a decision recorded by one instance is approved from another; roles are enforced; once only", async () => {
    const key = aws.keys.p256;
    const instance = () => {
      const { signer, verifier, store } = adapters(key.arn);
      return {
        signer,
        verifier,
        replayStore: store,
        overrides: new DynamoPendingOverrideStore({
          client: aws.dynamoClient,
          tableName: OVERRIDE_TABLE,
          signer,
          verifier,
        }),
      };
    };
    const deciding = instance();
    const attestation = await executeFromSignals(
      payment("pay-large-0001", 50_000, false),
      deciding.signer,
      deciding.verifier,
      {
        replayStore: deciding.replayStore,
        pendingOverrideStore: deciding.overrides,
        runtimeEnvironment: ENVIRONMENT,
      },
    );
    expect(attestation.execution_state).toBe("pending_override");

    const approving = instance();
    await expectRejectsParmanaError(
      approveOverride(
        {
          executionId: "pay-large-0001",
          approved_by: "eve",
          approver_role: "intern",
          reason: "looks fine",
        },
        { store: approving.overrides },
      ),
      "SYS-023",
      OverrideError,
      /payments-officer/,
    );
    const record = await approveOverride(
      {
        executionId: "pay-large-0001",
        approved_by: "asha",
        approver_role: "payments-officer",
        reason: "Beneficiary verified by phone.",
      },
      { store: approving.overrides },
    );
    expect(record.signerKeyId).toBe(key.arn);
    expect(
      verifyOverride(
        record,
        attestation,
        new LocalVerifier(await approving.signer.exportPublicKeyPem()),
      ).valid,
    ).toBe(true);
    await expectRejectsParmanaError(
      approveOverride(
        {
          execution_fingerprint: attestation.execution_fingerprint,
          approved_by: "asha",
          approver_role: "payments-officer",
          reason: "again",
        },
        { store: instance().overrides },
      ),
      "SYS-022",
      OverrideError,
    );
  });
});
