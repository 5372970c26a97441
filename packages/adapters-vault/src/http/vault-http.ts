import { request as httpsRequest } from "node:https";
import type { VaultConfig } from "../options/resolve-options.js";

/** Largest Vault answer read. Transit answers are a few kilobytes; more means a broken peer. */
export const MAX_RESPONSE_BYTES: number = 1024 * 1024;

/** A Vault answer: its status and parsed JSON body (undefined when the body is empty). */
export interface VaultHttpResponse {
  readonly status: number;
  readonly body: unknown;
}

/** One HTTP call to Vault. `path` starts after `/v1/`. */
export interface VaultHttpRequest {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly token?: string;
  readonly body?: unknown;
  /**
   * Whether a request that died on a reset connection may be sent once more. True for Transit
   * reads, signs and verifies (repeating them changes nothing); false for logins, which may
   * use up a limited secret id.
   */
  readonly repeatable?: boolean;
}

// A pooled keep-alive connection that the server closed just as it was reused fails with one
// of these before any answer was received; one more attempt on a fresh connection fixes it.
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "ECONNABORTED"]);

/** Why a call got no usable answer. Internal: callers turn it into a coded Parmana error. */
export class VaultTransportFailure extends Error {
  constructor(
    readonly kind: "timeout" | "network" | "too-large" | "not-json",
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = "VaultTransportFailure";
  }
}

/**
 * Sends one request with the deadline covering connection, headers and body, reads at most
 * {@link MAX_RESPONSE_BYTES}, and parses JSON. Node's fetch by default; node:https when a
 * private CA is configured (fetch has no per-call CA option without a client library).
 *
 * @throws VaultTransportFailure when no complete JSON answer arrived in time
 */
export async function vaultHttp(
  config: VaultConfig,
  request: VaultHttpRequest,
): Promise<VaultHttpResponse> {
  const url = `${config.address}/v1/${request.path}`;
  const headers: Record<string, string> = { accept: "application/json" };
  if (request.token !== undefined) headers["x-vault-token"] = request.token;
  if (config.namespace !== undefined) headers["x-vault-namespace"] = config.namespace;
  let payload: string | undefined;
  if (request.body !== undefined) {
    payload = JSON.stringify(request.body);
    headers["content-type"] = "application/json";
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeoutMs);
  const send = async (): Promise<VaultHttpResponse> => {
    const { status, chunks } =
      config.ca === undefined
        ? await sendWithFetch(url, request.method, headers, payload, controller.signal)
        : await sendWithHttps(url, request.method, headers, payload, config.ca, controller.signal);
    const text = await readLimited(chunks, status);
    return { status, body: parseJson(text, status) };
  };
  try {
    try {
      return await send();
    } catch (error) {
      if (request.repeatable !== true || controller.signal.aborted || !isReset(error)) throw error;
      return await send();
    }
  } catch (error) {
    if (error instanceof VaultTransportFailure) throw error;
    if (controller.signal.aborted) {
      throw new VaultTransportFailure(
        "timeout",
        undefined,
        `no answer within ${config.timeoutMs} ms`,
      );
    }
    throw new VaultTransportFailure("network", undefined, networkReason(error));
  } finally {
    clearTimeout(timer);
  }
}

interface RawResponse {
  readonly status: number;
  readonly chunks: AsyncIterable<Uint8Array>;
}

async function sendWithFetch(
  url: string,
  method: string,
  headers: Record<string, string>,
  payload: string | undefined,
  signal: AbortSignal,
): Promise<RawResponse> {
  const response = await fetch(url, {
    method,
    headers,
    ...(payload === undefined ? {} : { body: payload }),
    signal,
    // A redirect (a standby node without request forwarding) is answered as its status, never
    // followed: following it would send X-Vault-Token to whatever address the server names.
    redirect: "manual",
  });
  const body = response.body;
  return {
    status: response.status,
    chunks: body === null ? emptyChunks() : (body as unknown as AsyncIterable<Uint8Array>),
  };
}

function sendWithHttps(
  url: string,
  method: string,
  headers: Record<string, string>,
  payload: string | undefined,
  ca: readonly string[],
  signal: AbortSignal,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(url, { method, headers, ca: [...ca], signal }, (incoming) => {
      resolve({ status: incoming.statusCode ?? 0, chunks: incoming });
    });
    outgoing.on("error", reject);
    outgoing.end(payload);
  });
}

async function* emptyChunks(): AsyncIterable<Uint8Array> {}

async function readLimited(chunks: AsyncIterable<Uint8Array>, status: number): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      // Leaving the loop cancels the stream, so the rest is never downloaded.
      throw new VaultTransportFailure(
        "too-large",
        status,
        `an answer larger than ${MAX_RESPONSE_BYTES} bytes`,
      );
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString("utf8");
}

function parseJson(text: string, status: number): unknown {
  if (text.trim().length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new VaultTransportFailure(
      "not-json",
      status,
      `HTTP ${status} with a body that is not JSON`,
    );
  }
}

function isReset(error: unknown): boolean {
  if (error instanceof VaultTransportFailure) return false;
  return RESET_CODES.has(errorCode(error) ?? "");
}

function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === "string") return cause.code;
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

function networkReason(error: unknown): string {
  // The code (ECONNREFUSED, CERT_HAS_EXPIRED, ...) helps; a message could carry anything.
  const code = errorCode(error);
  return code === undefined ? "the request failed" : `the request failed (${code})`;
}

/**
 * The `errors` array of a Vault error body (`{"errors": ["permission denied"]}`), trimmed: a
 * hostile or broken server must not fill our error messages. `secret` is blanked out in case
 * the server echoes the token.
 */
export function vaultErrors(body: unknown, secret: string | undefined): string[] {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((item): item is string => typeof item === "string")
    .slice(0, 5)
    .map((item) => {
      const scrubbed = secret === undefined ? item : item.split(secret).join("[redacted]");
      return scrubbed.length > 200 ? `${scrubbed.slice(0, 200)}...` : scrubbed;
    });
}
