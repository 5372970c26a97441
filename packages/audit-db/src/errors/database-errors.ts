import { ParmanaError, StoreError } from "@parmanasystems/core";

/** The SQLSTATE the append-only triggers raise (see migration 0002). */
export const APPEND_ONLY_SQLSTATE: string = "PM051";

/** Conditions that mean the database could not be reached or lost the connection. */
const UNAVAILABLE_STATES = new Set(["57P01", "57P02", "57P03", "53300", "57014"]);
const UNAVAILABLE_NODE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "EPIPE",
  "EAI_AGAIN",
]);

/** The SQLSTATE of a driver error, when it has one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Turns a driver failure into a coded error: coded errors pass through, append-only refusals
 * become `STORE-051`, lost connections `STORE-002` (retryable), anything else `STORE-058`.
 * Messages carry the operation and SQL state, never the connection string.
 *
 * @param error - what the driver threw
 * @param operation - what was being done, e.g. "record decision claim-1"
 */
export function databaseError(error: unknown, operation: string): ParmanaError {
  if (ParmanaError.isInstance(error)) return error;
  const state = sqlState(error);
  const message = error instanceof Error ? error.message : String(error);
  if (state === APPEND_ONLY_SQLSTATE) {
    return new StoreError("STORE-051", `${operation} refused: ${message}`, {
      cause: error,
      details: { operation, sqlState: state },
    });
  }
  if (isUnavailable(error, state, message)) {
    return new StoreError(
      "STORE-002",
      `the audit database is unavailable (${operation}): ${safeMessage(message)}`,
      {
        cause: error,
        retryable: true,
        details: { operation, ...(state ? { sqlState: state } : {}) },
      },
    );
  }
  return new StoreError(
    "STORE-058",
    `the audit database refused ${operation}${state ? ` (SQL state ${state})` : ""}: ${safeMessage(message)}`,
    { cause: error, details: { operation, ...(state ? { sqlState: state } : {}) } },
  );
}

function isUnavailable(error: unknown, state: string | undefined, message: string): boolean {
  if (state !== undefined) return state.startsWith("08") || UNAVAILABLE_STATES.has(state);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && UNAVAILABLE_NODE_CODES.has(code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i.test(
    message,
  );
}

// Drivers sometimes echo a connection URL; a password must never reach a message.
function safeMessage(message: string): string {
  return message.replace(/\b(postgres(?:ql)?:\/\/)[^\s@/]*@/gi, "$1***@").slice(0, 500);
}
