// dynalite ships no types; the declaration next to this file describes the part we use.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./dynalite.d.ts" />
/**
 * DynamoDB for tests: dynalite (an independent DynamoDB implementation from npm, in memory)
 * on a free loopback port, spoken to by the real `DynamoDBClient` over HTTP.
 *
 * The front of the server counts requests per operation (`X-Amz-Target`) so tests and benches can
 * show how many round trips a decision costs. dynalite does not implement `UpdateTimeToLive`;
 * the front answers it as the DynamoDB API reference describes (echoing the specification) and
 * records it, and answers a second enabling with the documented `ValidationException`
 * ("TimeToLive is already enabled"). Every other operation is dynalite's.
 */
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

export class DynamoTestServer {
  /** Requests per operation name (`PutItem`, `GetItem`, ...). */
  readonly counts: Map<string, number> = new Map();
  /** Tables whose TTL was enabled, with the attribute. */
  readonly timeToLive: Map<string, string> = new Map();
  readonly #sockets = new Set<Socket>();
  readonly #clients: DynamoDBClient[] = [];

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
    readonly port: number,
  ) {
    server.on("connection", (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
  }

  /** Starts dynalite (in memory, tables ACTIVE at once) on a free port, or on `port` when given. */
  static async start(port = 0): Promise<DynamoTestServer> {
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    const original = server.listeners("request") as Listener[];
    server.removeAllListeners("request");
    // Assigned once the server exists; the listener below only runs after that.
    // eslint-disable-next-line prefer-const
    let instance: DynamoTestServer | undefined;
    server.on("request", (request: IncomingMessage, response: ServerResponse) => {
      (instance as DynamoTestServer).#front(request, response, original);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    const address = server.address() as AddressInfo;
    instance = new DynamoTestServer(server, `http://127.0.0.1:${address.port}`, address.port);
    return instance;
  }

  /** Total requests of the given operations (all when none given). */
  count(...operations: string[]): number {
    let total = 0;
    for (const [operation, count] of this.counts) {
      if (operations.length === 0 || operations.includes(operation)) total += count;
    }
    return total;
  }

  resetCounts(): void {
    this.counts.clear();
  }

  /** A real SDK client for this endpoint (static fake credentials, closed by `close()`). */
  client(options: { maxAttempts?: number; requestTimeoutMs?: number } = {}): DynamoDBClient {
    const client = new DynamoDBClient({
      endpoint: this.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "AKIDTESTONLY", secretAccessKey: "test-secret-not-real" },
      ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
      ...(options.requestTimeoutMs === undefined
        ? {}
        : {
            requestHandler: {
              requestTimeout: options.requestTimeoutMs,
              connectionTimeout: options.requestTimeoutMs,
            },
          }),
    });
    this.#clients.push(client);
    return client;
  }

  /** Stops dynalite and cuts every open connection (a killed endpoint). */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Closes the server and the clients made by {@link client}. */
  async shutdown(): Promise<void> {
    for (const client of this.#clients) client.destroy();
    await this.close().catch(() => {});
  }

  #front(request: IncomingMessage, response: ServerResponse, original: Listener[]): void {
    const target = String(request.headers["x-amz-target"] ?? "");
    const operation = target.replace(/^DynamoDB_\d+\./, "");
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
    if (operation !== "UpdateTimeToLive") {
      for (const listener of original) listener.call(this.server, request, response);
      return;
    }
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as {
        TableName?: string;
        TimeToLiveSpecification?: { AttributeName?: string; Enabled?: boolean };
      };
      const table = String(body.TableName);
      const spec = body.TimeToLiveSpecification ?? {};
      let status = 200;
      let answer: unknown = { TimeToLiveSpecification: spec };
      if (spec.Enabled === true && this.timeToLive.has(table)) {
        status = 400;
        answer = {
          __type: "com.amazon.coral.validate#ValidationException",
          message: "TimeToLive is already enabled",
        };
      } else if (spec.Enabled === true && typeof spec.AttributeName === "string") {
        this.timeToLive.set(table, spec.AttributeName);
      }
      const text = JSON.stringify(answer);
      response.writeHead(status, {
        "Content-Type": "application/x-amz-json-1.0",
        "Content-Length": Buffer.byteLength(text),
      });
      response.end(text);
    });
  }
}

/** A TCP server that accepts connections and never answers (a hung endpoint). */
export async function startSilentServer(): Promise<{
  endpoint: string;
  close: () => Promise<void>;
}> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
