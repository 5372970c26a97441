import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { describe } from "vitest";

export const REDIS_URL: string = process.env["REDIS_URL"] ?? "redis://127.0.0.1:6379";
export const DATABASE_URL: string =
  process.env["DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";

/** A short random suffix so parallel runs never share keys or tables. */
export function runId(): string {
  return randomBytes(6).toString("hex");
}

/** Why Redis cannot be used, or undefined when it answers PING. */
export async function redisUnavailableReason(url: string = REDIS_URL): Promise<string | undefined> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return `Redis unreachable at ${url}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    client.disconnect();
  }
}

/** Why Postgres cannot be used, or undefined when it answers SELECT 1. */
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
 * `describe` when the server is reachable or CI is set (then an unreachable server must fail the
 * run), otherwise `describe.skip` with the reason in the suite name and on stderr.
 */
export function serverSuite(reason: string | undefined): (name: string, body: () => void) => void {
  if (reason === undefined || process.env["CI"] === "true")
    return (name, body) => describe(name, body);
  console.warn(`[skipped] ${reason}`);
  return (name, body) => describe.skip(`${name} — SKIPPED: ${reason}`, body);
}
