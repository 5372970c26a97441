import { KMSClient } from "@aws-sdk/client-kms";

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
