import { KMSClient } from "@aws-sdk/client-kms";
import { KmsTestServer, type TestKey } from "./kms-test-server.js";

/** Static fake credentials: the test endpoints record SigV4 headers but never check them. */
export const TEST_CREDENTIALS = {
  accessKeyId: "AKIDTESTONLY",
  secretAccessKey: "test-secret-not-real",
} as const;

/** A real `KMSClient` pointed at a test endpoint. */
export function kmsClient(endpoint: string, options: { maxAttempts?: number } = {}): KMSClient {
  return new KMSClient({
    endpoint,
    region: "us-east-1",
    credentials: TEST_CREDENTIALS,
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });
}

/** A running KMS test endpoint, a client for it (no SDK retries), and one key of each spec. */
export interface KmsFixture {
  readonly server: KmsTestServer;
  readonly client: KMSClient;
  readonly p256: TestKey;
  readonly ed25519: TestKey;
  stop(): Promise<void>;
}

/** Starts a {@link KmsFixture}; keys get the aliases `<aliasPrefix>-p256` / `-ed25519` when given. */
export async function startKmsFixture(aliasPrefix?: string): Promise<KmsFixture> {
  const server = await KmsTestServer.start();
  const client = kmsClient(server.endpoint, { maxAttempts: 1 });
  return {
    server,
    client,
    p256: server.createKey("ECC_NIST_P256", aliasPrefix && `${aliasPrefix}-p256`),
    ed25519: server.createKey("ECC_NIST_EDWARDS25519", aliasPrefix && `${aliasPrefix}-ed25519`),
    async stop() {
      client.destroy();
      await server.close();
    },
  };
}
