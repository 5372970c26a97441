import type { SdkClient } from "./options.js";

/** Thrown (and caught inside this package) when a call outlived its `operationTimeoutMs`. */
export class DeadlineExceeded extends Error {
  override readonly name = "DeadlineExceeded";
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/**
 * Sends one SDK command with a deadline that covers the SDK's own retries: the request is aborted
 * when `timeoutMs` passes, and the caller gets {@link DeadlineExceeded}. An SDK client without a
 * deadline waits on a dead TCP peer for minutes; a replay store or signer must fail closed sooner.
 */
export async function sendWithDeadline<T>(
  client: SdkClient,
  command: unknown,
  timeoutMs: number,
): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return (await client.send(command, { abortSignal: controller.signal })) as T;
  } catch (error) {
    if (timedOut) throw new DeadlineExceeded(timeoutMs);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** What an SDK error says about itself, without its message (which may name the key or table). */
export interface ProviderFailure {
  /** The AWS error type (`NotFoundException`), a Node network code (`ECONNREFUSED`), or `DeadlineExceeded`. */
  readonly providerError: string;
  /** The HTTP status AWS answered with, when there was an answer. */
  readonly httpStatusCode?: number;
  /** AWS request id, for a support case. */
  readonly requestId?: string;
  /** `"client"` or `"server"` when AWS said so. */
  readonly fault?: string;
}

/** Reads the facts of an SDK or network error that are safe to show. */
export function describeProviderFailure(error: unknown): ProviderFailure {
  if (error instanceof DeadlineExceeded) return { providerError: "DeadlineExceeded" };
  const candidate = error as {
    name?: unknown;
    code?: unknown;
    $fault?: unknown;
    $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
  } | null;
  if (typeof candidate !== "object" || candidate === null) return { providerError: "UnknownError" };
  const code =
    typeof candidate.code === "string" && /^E[A-Z_]+$/.test(candidate.code)
      ? candidate.code
      : undefined;
  const name =
    typeof candidate.name === "string" && /^[A-Za-z0-9_.]{1,100}$/.test(candidate.name)
      ? candidate.name
      : "UnknownError";
  const status = candidate.$metadata?.httpStatusCode;
  const requestId = candidate.$metadata?.requestId;
  return {
    providerError: code ?? name,
    ...(typeof status === "number" ? { httpStatusCode: status } : {}),
    ...(typeof requestId === "string" && /^[A-Za-z0-9-]{1,128}$/.test(requestId)
      ? { requestId }
      : {}),
    ...(candidate.$fault === "client" || candidate.$fault === "server"
      ? { fault: candidate.$fault }
      : {}),
  };
}

/** Whether the same call may succeed later: timeouts, network errors, throttling, server faults. */
export function isTransient(failure: ProviderFailure): boolean {
  if (failure.providerError === "DeadlineExceeded") return true;
  if (/^E[A-Z_]+$/.test(failure.providerError)) return true;
  if (
    /Throttl|TooManyRequests|RequestLimitExceeded|ProvisionedThroughputExceeded|LimitExceeded/.test(
      failure.providerError,
    )
  )
    return true;
  if (failure.fault === "server") return true;
  return failure.httpStatusCode !== undefined && failure.httpStatusCode >= 500;
}

/** How a failure reads in a message: the provider's error type and status, nothing else. */
export function failureText(failure: ProviderFailure): string {
  return failure.httpStatusCode === undefined
    ? failure.providerError
    : `${failure.providerError} (HTTP ${failure.httpStatusCode})`;
}
