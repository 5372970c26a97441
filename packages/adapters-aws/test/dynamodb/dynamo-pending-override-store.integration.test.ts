/**
 * DynamoPendingOverrideStore on dynalite through the real DynamoDBClient: the store keeps core's
 * pending-override contract (idempotent record, retry replacement, SYS-028 conflicts, lookups by
 * executionId or fingerprint, overrideRoles kept) and markResolved is atomic across concurrent
 * callers, which only a real conditional write can show. A tampered item is refused.
 */
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import {
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  OverrideError,
  StoreError,
  type ExecutionAttestation,
  type PendingOverride,
} from "@parmanasystems/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoPendingOverrideStore } from "../../src/index.js";
import {
  OVERRIDE_TABLE,
  startAwsTestEndpoints,
  type AwsTestEndpoints,
} from "../helpers/aws-test-endpoints.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";

let aws: AwsTestEndpoints;
let store: DynamoPendingOverrideStore;
const keys = generateKeyPair();
const signer = new LocalSigner(keys.privateKeyPem);
const verifier = new LocalVerifier(keys.publicKeyPem);

/** Another instance's store on the same table. */
function newStore(tableName: string = OVERRIDE_TABLE): DynamoPendingOverrideStore {
  return new DynamoPendingOverrideStore({ client: aws.dynamoClient, tableName, signer, verifier });
}

beforeAll(async () => {
  aws = await startAwsTestEndpoints();
  store = newStore();
});

afterAll(async () => {
  await aws.stop();
});

function pending(
  executionId: string,
  fingerprint: string,
  extra: Partial<ExecutionAttestation> = {},
): PendingOverride {
  const attestation = {
    executionId,
    execution_fingerprint: fingerprint,
    policyId: "payment-approval",
    policyVersion: "1.0.0",
    execution_state: "pending_override",
    decision: { action: "manual_review", requires_override: true, reason: "review" },
    signature: "c2ln",
    ...extra,
  } as unknown as ExecutionAttestation;
  return {
    attestation,
    signer,
    verifier,
    ruleId: "review-large-new-beneficiary",
    overrideRoles: ["payments-officer"],
  };
}

const fp = (n: number): string => n.toString(16).padStart(64, "0");

describe("DynamoPendingOverrideStore", () => {
  it("records and finds by executionId or fingerprint, with roles, rule and the configured signer", async () => {
    await store.record(pending("ex-1", fp(1)));
    const byId = await store.find({ executionId: "ex-1" });
    expect(byId).toMatchObject({
      ruleId: "review-large-new-beneficiary",
      overrideRoles: ["payments-officer"],
      resolved: false,
    });
    expect(byId?.signer).toBe(signer);
    expect(byId?.attestation).toEqual(pending("ex-1", fp(1)).attestation);
    expect((await store.find({ execution_fingerprint: fp(1) }))?.attestation.executionId).toBe(
      "ex-1",
    );
    expect(await store.find({ executionId: "ex-1", execution_fingerprint: fp(2) })).toBeUndefined();
    expect(await store.find({ executionId: "missing" })).toBeUndefined();
    expect(await store.find({})).toBeUndefined();
  });

  it("record is idempotent; a retry of the same policy replaces an unresolved decision; other conflicts are SYS-028", async () => {
    await store.record(pending("ex-2", fp(2)));
    await store.record(pending("ex-2", fp(2)));
    await store.record(pending("ex-2", fp(2), { signature: "cmV0cnk=" } as never));
    expect((await store.find({ executionId: "ex-2" }))?.attestation.signature).toBe("cmV0cnk=");
    await expectRejectsParmanaError(
      store.record(pending("ex-2", fp(2), { policyId: "other" } as never)),
      "SYS-028",
      OverrideError,
      /policy payment-approval/,
    );
    expect(await store.markResolved("ex-2")).toBe(true);
    await store.record(pending("ex-2", fp(2), { signature: "cmV0cnk=" } as never));
    await expectRejectsParmanaError(
      store.record(pending("ex-2", fp(2))),
      "SYS-028",
      OverrideError,
      /was resolved/,
    );
  });

  it("a fingerprint shared by two unresolved decisions is ambiguous (SYS-028); once one is resolved it is not", async () => {
    await store.record(pending("ex-3a", fp(3)));
    await store.record(pending("ex-3b", fp(3)));
    await expectRejectsParmanaError(
      store.find({ execution_fingerprint: fp(3) }),
      "SYS-028",
      OverrideError,
      /ex-3a, ex-3b/,
    );
    expect(await store.markResolved("ex-3a")).toBe(true);
    expect((await store.find({ execution_fingerprint: fp(3) }))?.attestation.executionId).toBe(
      "ex-3b",
    );
  });

  it("markResolved is atomic: of 25 concurrent callers exactly one gets true", async () => {
    await store.record(pending("ex-4", fp(4)));
    const others = Array.from({ length: 5 }, () => newStore());
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        (others[i % 5] as DynamoPendingOverrideStore).markResolved("ex-4"),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.find({ executionId: "ex-4" }))?.resolved).toBe(true);
    expect(await store.markResolved("never-recorded")).toBe(false);
  });

  it("refuses a tampered item with STORE-003", async () => {
    await store.record(pending("ex-5", fp(5)));
    const { Item } = await aws.dynamoClient.send(
      new GetItemCommand({ TableName: OVERRIDE_TABLE, Key: { pk: { S: "execution#ex-5" } } }),
    );
    const edited = JSON.parse(String(Item?.["attestation"]?.S)) as Record<string, unknown>;
    edited["decision"] = { action: "approve", requires_override: false, reason: "edited" };
    await aws.dynamoClient.send(
      new PutItemCommand({
        TableName: OVERRIDE_TABLE,
        Item: { ...Item, attestation: { S: JSON.stringify(edited) } },
      }),
    );
    await expectRejectsParmanaError(
      store.find({ executionId: "ex-5" }),
      "STORE-003",
      StoreError,
      /does not match its stored hash/,
    );
  });

  it("refuses malformed decisions (SYS-024), bad options (STORE-001); DynamoDB failures are retryable STORE-002", async () => {
    await expectRejectsParmanaError(
      store.record({ ...pending("", fp(6)) }),
      "SYS-024",
      OverrideError,
      /executionId/,
    );
    const before = aws.dynamo.count();
    await expectRejectsParmanaError(
      store.record(
        pending("ex-6", fp(6), { decision: { action: "x", reason: undefined } } as never),
      ),
      "SYS-024",
      OverrideError,
      /not plain JSON/,
    );
    expect(aws.dynamo.count()).toBe(before);
    await expectRejectsParmanaError(
      () =>
        new DynamoPendingOverrideStore({
          client: aws.dynamoClient,
          tableName: OVERRIDE_TABLE,
          signer,
        } as never),
      "STORE-001",
      StoreError,
      /verifier/,
    );
    await expectRejectsParmanaError(
      () =>
        new DynamoPendingOverrideStore({
          client: aws.dynamoClient,
          tableName: OVERRIDE_TABLE,
          signer,
          verifier,
          ttl: 1,
        } as never),
      "STORE-001",
      StoreError,
      /"ttl"/,
    );
    const missing = newStore("no-such-table");
    const error = await expectRejectsParmanaError(
      missing.find({ executionId: "x" }),
      "STORE-002",
      StoreError,
      /ResourceNotFoundException/,
    );
    expect(error.retryable).toBe(true);
  });
});
