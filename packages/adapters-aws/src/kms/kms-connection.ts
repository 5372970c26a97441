import { KMSClient } from "@aws-sdk/client-kms";
import {
  checkOptionNames,
  clientFromOptions,
  DEFAULT_REGION,
  nonEmptyString,
  positiveMs,
  type SdkClient,
} from "../internal/options.js";

/** Default deadline of one KMS call, SDK retries included. */
export const DEFAULT_KMS_TIMEOUT_MS = 5_000;

/** Options both KMS classes share. */
export interface KmsConnectionOptions {
  /** The key: key ARN (recommended), key id, alias name (`alias/…`) or alias ARN. */
  readonly keyId: string;
  /**
   * An existing `KMSClient` (endpoint, credentials, retries are yours; you close it). When absent,
   * the adapter creates one for `region` and closes it in `close()`.
   */
  readonly client?: KMSClient;
  /** Region of the client the adapter creates; `"us-east-1"` by default. Not with `client`. */
  readonly region?: string;
  /** Deadline of one KMS call in milliseconds, SDK retries included. Default 5,000. */
  readonly operationTimeoutMs?: number;
}

/** A parsed KMS connection: who owns the client, which key, which deadline. */
export interface KmsConnection {
  readonly client: SdkClient;
  readonly ownsClient: boolean;
  readonly keyId: string;
  readonly timeoutMs: number;
}

const createClient = (region: string): SdkClient =>
  new KMSClient({ region }) as unknown as SdkClient;

/**
 * Reads either constructor form: the documented `(keyId, region = "us-east-1")`, or one options
 * object.
 *
 * @throws StoreError `STORE-001` unknown option, wrong type, or both `client` and `region`
 */
export function kmsConnection(
  owner: string,
  keyIdOrOptions: unknown,
  region: unknown,
  extraOptionNames: readonly string[],
): { connection: KmsConnection; options: Record<string, unknown> } {
  if (typeof keyIdOrOptions === "string") {
    const keyId = nonEmptyString(keyIdOrOptions, "a KMS key id", owner);
    const regionName =
      region === undefined ? DEFAULT_REGION : nonEmptyString(region, "region", owner);
    return {
      connection: {
        client: createClient(regionName),
        ownsClient: true,
        keyId,
        timeoutMs: DEFAULT_KMS_TIMEOUT_MS,
      },
      options: {},
    };
  }
  checkOptionNames(
    keyIdOrOptions,
    ["keyId", "client", "region", "operationTimeoutMs", ...extraOptionNames],
    owner,
  );
  const options = keyIdOrOptions;
  const keyId = nonEmptyString(options["keyId"], "keyId", owner);
  const timeoutMs = positiveMs(
    options["operationTimeoutMs"],
    DEFAULT_KMS_TIMEOUT_MS,
    "operationTimeoutMs",
    owner,
  );
  // Validate every option before creating a client, so a refused constructor leaves nothing open.
  const { client, ownsClient } = clientFromOptions(options, "KMSClient", owner, createClient);
  return { connection: { client, ownsClient, keyId, timeoutMs }, options };
}
