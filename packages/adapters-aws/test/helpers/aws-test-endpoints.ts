import { fileURLToPath } from "node:url";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { KMSClient } from "@aws-sdk/client-kms";
import { createPendingOverrideTable, createReplayTable } from "../../src/index.js";
import { DynamoTestServer } from "./dynamo-test-server.js";
import { kmsClient } from "./kms-client.js";
import { KmsTestServer, type TestKey } from "./kms-test-server.js";

/** The payment-approval policy of the Lambda example, inside this repository. */
export const POLICIES_ROOT: string = fileURLToPath(
  new URL("../../../../examples/lambda-payment-approval/policies", import.meta.url),
);

export const REPLAY_TABLE = "parmana-replay";
export const OVERRIDE_TABLE = "parmana-pending-overrides";

/** Both test endpoints, an SDK client for each, the two supported keys and the two tables. */
export interface AwsTestEndpoints {
  readonly kms: KmsTestServer;
  readonly dynamo: DynamoTestServer;
  readonly kmsClient: KMSClient;
  readonly dynamoClient: DynamoDBClient;
  readonly keys: { readonly p256: TestKey; readonly ed25519: TestKey };
  stop(): Promise<void>;
}

export async function startAwsTestEndpoints(): Promise<AwsTestEndpoints> {
  const kms = await KmsTestServer.start();
  const dynamo = await DynamoTestServer.start();
  const client = kmsClient(kms.endpoint);
  const dynamoClient = dynamo.client();
  await createReplayTable(dynamoClient, REPLAY_TABLE);
  await createPendingOverrideTable(dynamoClient, OVERRIDE_TABLE);
  return {
    kms,
    dynamo,
    kmsClient: client,
    dynamoClient,
    keys: { p256: kms.createKey("ECC_NIST_P256"), ed25519: kms.createKey("ECC_NIST_EDWARDS25519") },
    async stop() {
      client.destroy();
      await dynamo.shutdown();
      await kms.close();
    },
  };
}
