import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { Redis } from "ioredis";

/**
 * A server a snippet talks to. The snippets read where it is from the environment variables the
 * docs name (`REDIS_URL`, `DATABASE_URL`, `KMS_KEY_ID`, `VAULT_ADDR`, ...): a snippet (or its
 * prelude) that mentions one of `variables` needs this service.
 */
export interface SnippetService {
  readonly name: string;
  readonly variables: readonly string[];
  /** The environment a snippet runs with, or why the service cannot be reached. */
  start(): Promise<{ env: Record<string, string> } | { unavailable: string }>;
  stop(): Promise<void>;
}

const REDIS_URL = process.env["REDIS_URL"] ?? "redis://127.0.0.1:6379";
const DATABASE_URL = process.env["DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
// Logical database of the shared Redis kept for these snippets: flushed before each run, since
// documented calls without an executionId use fixed replay keys.
const SNIPPET_REDIS_DB = 9;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function redisService(): SnippetService {
  return {
    name: "Redis",
    variables: ["REDIS_URL"],
    async start() {
      const url = new URL(REDIS_URL);
      url.pathname = `/${SNIPPET_REDIS_DB}`;
      const client = new Redis(url.toString(), {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 2000,
        retryStrategy: () => null,
      });
      client.on("error", () => {});
      try {
        await client.connect();
        await client.flushdb();
        return { env: { REDIS_URL: url.toString() } };
      } catch (error) {
        return { unavailable: `Redis unreachable at ${REDIS_URL}: ${message(error)}` };
      } finally {
        client.disconnect();
      }
    },
    async stop() {},
  };
}

// pg is a dependency of audit-db, not of this package: borrow it rather than add one.
const requireFromAuditDb = createRequire(
  new URL("../../../packages/audit-db/package.json", import.meta.url),
);

/** The part of pg's Client used here. */
interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}

function postgresService(): SnippetService {
  const database = `docs_snippets_${randomBytes(6).toString("hex")}`;
  let created = false;
  const admin = async <T>(run: (client: PgClient) => Promise<T>): Promise<T> => {
    const pg = requireFromAuditDb("pg") as {
      Client: new (options: {
        connectionString: string;
        connectionTimeoutMillis: number;
      }) => PgClient;
    };
    const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2000 });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end().catch(() => {});
    }
  };
  return {
    name: "Postgres",
    variables: ["DATABASE_URL"],
    async start() {
      try {
        await admin((client) => client.query(`CREATE DATABASE ${database}`));
        created = true;
      } catch (error) {
        return { unavailable: `Postgres unreachable at ${DATABASE_URL}: ${message(error)}` };
      }
      const url = new URL(DATABASE_URL);
      url.pathname = `/${database}`;
      return { env: { DATABASE_URL: url.toString() } };
    },
    async stop() {
      if (created) await admin((client) => client.query(`DROP DATABASE ${database} WITH (FORCE)`));
    },
  };
}

// The adapters' own test servers, loaded by path (typed here by the part used) so this package's
// type-check does not pull in their dependencies.
const AWS_ENDPOINTS: string = "../../../packages/adapters-aws/test/helpers/aws-test-endpoints.js";
const TRANSIT_SERVER: string = "../../../packages/adapters-vault/test/helpers/transit-server.js";

/**
 * AWS KMS and DynamoDB, served locally by the endpoints adapters-aws tests against (a KMS
 * JSON 1.1 server and dynalite); the SDK finds them through `AWS_ENDPOINT_URL_<SERVICE>`.
 */
function awsService(): SnippetService {
  let stop: (() => Promise<void>) | undefined;
  return {
    name: "AWS (local KMS and DynamoDB endpoints)",
    variables: ["KMS_KEY_ID", "DYNAMO_TABLE"],
    async start() {
      const { startAwsTestEndpoints, REPLAY_TABLE, OVERRIDE_TABLE } = (await import(
        AWS_ENDPOINTS
      )) as {
        startAwsTestEndpoints(): Promise<{
          kms: { endpoint: string };
          dynamo: { endpoint: string };
          keys: { ed25519: { arn: string } };
          stop(): Promise<void>;
        }>;
        REPLAY_TABLE: string;
        OVERRIDE_TABLE: string;
      };
      const endpoints = await startAwsTestEndpoints();
      stop = () => endpoints.stop();
      return {
        env: {
          AWS_ENDPOINT_URL_KMS: endpoints.kms.endpoint,
          AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamo.endpoint,
          AWS_REGION: "us-east-1",
          AWS_ACCESS_KEY_ID: "AKIDTESTONLY",
          AWS_SECRET_ACCESS_KEY: "test-secret-not-real",
          KMS_KEY_ID: endpoints.keys.ed25519.arn,
          DYNAMO_TABLE: REPLAY_TABLE,
          DYNAMO_OVERRIDE_TABLE: OVERRIDE_TABLE,
        },
      };
    },
    async stop() {
      await stop?.();
    },
  };
}

/** HashiCorp Vault's Transit engine, served locally by the server adapters-vault tests against. */
function vaultService(): SnippetService {
  let stop: (() => Promise<void>) | undefined;
  return {
    name: "Vault Transit (local server)",
    variables: ["VAULT_ADDR", "VAULT_TOKEN"],
    async start() {
      const { startTransitServer } = (await import(TRANSIT_SERVER)) as {
        startTransitServer(): Promise<{
          address: string;
          rootToken: string;
          createKey(name: string, type: "ed25519"): void;
          close(): Promise<void>;
        }>;
      };
      const server = await startTransitServer();
      server.createKey("parmana", "ed25519");
      stop = () => server.close();
      return { env: { VAULT_ADDR: server.address, VAULT_TOKEN: server.rootToken } };
    },
    async stop() {
      await stop?.();
    },
  };
}

/** Every service a documentation snippet may need. */
export function snippetServices(): SnippetService[] {
  return [redisService(), postgresService(), awsService(), vaultService()];
}
