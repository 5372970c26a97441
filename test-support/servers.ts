// The local servers the integration tests share (Redis, Postgres), how to tell whether they answer,
// and how a suite skips with its reason when they do not, but fails under `CI=true`.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { describe } from "vitest";

/** The shared local Redis of the test environment. */
export const REDIS_URL: string = process.env["REDIS_URL"] ?? "redis://127.0.0.1:6379";
/** The shared local Postgres of the test environment. */
export const DATABASE_URL: string =
  process.env["DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";

/** A short random suffix so parallel runs never share keys or tables. */
export function runId(): string {
  return randomBytes(6).toString("hex");
}

/** Why the Redis at `url` cannot be used, or undefined when it answers PING. */
export async function redisUnavailableReason(url: string = REDIS_URL): Promise<string | undefined> {
  const probe = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  probe.on("error", () => {});
  try {
    await probe.connect();
    await probe.ping();
    return undefined;
  } catch (error) {
    return `Redis unreachable at ${url}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    probe.disconnect();
  }
}

/** Why the Postgres at `url` cannot be used, or undefined when it answers SELECT 1. */
export async function postgresUnavailableReason(
  url: string = DATABASE_URL,
): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    return `Postgres unreachable at ${url}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * `describe` when the servers are there or `CI=true` (then their absence must fail the run),
 * otherwise `describe.skip` with the reason in the suite name and on stderr.
 */
export function serverSuite(reason: string | undefined): (name: string, body: () => void) => void {
  if (reason === undefined || process.env["CI"] === "true")
    return (name, body) => describe(name, body);
  console.warn(`[skipped] ${reason}`);
  return (name, body) => describe.skip(`${name} — SKIPPED: ${reason}`, body);
}
