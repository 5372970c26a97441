import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import {
  REDIS_URL,
  redisUnavailableReason,
  runId,
  serverSuite,
} from "../../../../test-support/servers.js";

export { REDIS_URL, redisUnavailableReason, runId, serverSuite };

/** The installed server binary the fault and Cluster tests start privately. */
export const REDIS_SERVER_BINARY: string =
  process.env["REDIS_SERVER_BINARY"] ?? "/usr/bin/redis-server";
const REDIS_CLI_BINARY = process.env["REDIS_CLI_BINARY"] ?? "redis-cli";

/** Why a private redis-server cannot be started, or undefined when the binary runs. */
export function redisServerUnavailableReason(): string | undefined {
  const result = spawnSync(REDIS_SERVER_BINARY, ["--version"], { encoding: "utf8" });
  if (result.status === 0) return undefined;
  return `cannot run ${REDIS_SERVER_BINARY}: ${result.error?.message ?? result.stderr}`;
}

/** A loopback TCP port that is free now (and, with `withBus`, port + 10000 too). */
export async function freePort(withBus = false): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await listenOnce(0);
    if (!withBus) return port;
    if (port + 10000 > 65535) continue;
    if ((await listenOnce(port + 10000).catch(() => undefined)) !== undefined) return port;
  }
  throw new Error("no free port pair found");
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/** A redis-server this test owns: start, SIGKILL, restart on the same port, stop. */
export class PrivateRedisServer {
  readonly port: number;
  readonly #dir: string;
  readonly #extraArgs: readonly string[];
  #process: ChildProcess | undefined;

  private constructor(port: number, dir: string, extraArgs: readonly string[]) {
    this.port = port;
    this.#dir = dir;
    this.#extraArgs = extraArgs;
  }

  /** Starts a server on a free port in a fresh temporary directory. */
  static async start(
    extraArgs: readonly string[] = [],
    withBus = false,
  ): Promise<PrivateRedisServer> {
    const port = await freePort(withBus);
    const dir = mkdtempSync(join(tmpdir(), "parmana-redis-"));
    const server = new PrivateRedisServer(port, dir, extraArgs);
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.#process !== undefined;
  }

  /** (Re)starts the server on its port and waits until it answers PING. */
  async restart(): Promise<void> {
    if (this.#process !== undefined) throw new Error("already running");
    const child = spawn(
      REDIS_SERVER_BINARY,
      [
        "--port",
        String(this.port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        this.#dir,
        ...this.#extraArgs,
      ],
      { stdio: "ignore" },
    );
    this.#process = child;
    child.once("exit", () => {
      if (this.#process === child) this.#process = undefined;
    });
    const deadline = Date.now() + 10_000;
    while ((await redisUnavailableReason(this.url)) !== undefined) {
      if (this.#process !== child) throw new Error(`redis-server on ${this.port} exited at start`);
      if (Date.now() > deadline) throw new Error(`redis-server on ${this.port} did not start`);
      await sleep(50);
    }
  }

  /** Kills the server at once (SIGKILL: no goodbye to clients) and waits for it to be gone. */
  async kill(): Promise<void> {
    const child = this.#process;
    if (child === undefined) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGKILL");
    await exited;
    this.#process = undefined;
  }

  /** Kills the server and removes its directory. */
  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** A 3-node Redis Cluster (no replicas) on free ports, started from the installed binary. */
export class PrivateRedisCluster {
  readonly nodes: readonly PrivateRedisServer[];

  private constructor(nodes: readonly PrivateRedisServer[]) {
    this.nodes = nodes;
  }

  /** Starts three `--cluster-enabled yes` nodes and joins them with `redis-cli --cluster create`. */
  static async start(): Promise<PrivateRedisCluster> {
    const nodes: PrivateRedisServer[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        nodes.push(
          await PrivateRedisServer.start(
            [
              "--cluster-enabled",
              "yes",
              "--cluster-config-file",
              "nodes.conf",
              "--cluster-node-timeout",
              "5000",
            ],
            true,
          ),
        );
      }
      const created = spawnSync(
        REDIS_CLI_BINARY,
        [
          "--cluster",
          "create",
          ...nodes.map((node) => `127.0.0.1:${node.port}`),
          "--cluster-replicas",
          "0",
          "--cluster-yes",
        ],
        { encoding: "utf8", timeout: 30_000 },
      );
      if (created.status !== 0) {
        throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
      }
      const cluster = new PrivateRedisCluster(nodes);
      await cluster.#waitUntilOk();
      return cluster;
    } catch (error) {
      for (const node of nodes) await node.stop();
      throw error;
    }
  }

  /** Startup nodes for an ioredis `Cluster`. */
  get startupNodes(): { host: string; port: number }[] {
    return this.nodes.map((node) => ({ host: "127.0.0.1", port: node.port }));
  }

  async stop(): Promise<void> {
    for (const node of this.nodes) await node.stop();
  }

  async #waitUntilOk(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (const node of this.nodes) {
      const client = new Redis(node.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      client.on("error", () => {});
      try {
        await client.connect();
        for (;;) {
          const info = await client.cluster("INFO");
          if (String(info).includes("cluster_state:ok")) break;
          if (Date.now() > deadline) throw new Error(`cluster node ${node.port} never became ok`);
          await sleep(100);
        }
      } finally {
        client.disconnect();
      }
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
