import { inspect } from "node:util";
import { ParmanaError } from "@parmanasystems/core";
import { expect } from "vitest";

type ErrorClass = abstract new (...args: never[]) => ParmanaError;

/**
 * Awaits `action` (a promise or a function that throws or rejects) and asserts it failed with a
 * ParmanaError of `errorClass`, `code`, a `[code] ` message prefix and, when given, `messagePart`.
 * Returns the error for further checks.
 */
export async function expectFailure(
  action: Promise<unknown> | (() => unknown),
  code: string,
  errorClass: ErrorClass,
  messagePart?: string | RegExp,
): Promise<ParmanaError> {
  let caught: unknown = undefined;
  let threw = false;
  try {
    await (typeof action === "function" ? action() : action);
  } catch (error) {
    threw = true;
    caught = error;
  }
  expect(threw, `expected ${code}, but it succeeded`).toBe(true);
  expect(ParmanaError.isInstance(caught), `expected a ParmanaError, got ${String(caught)}`).toBe(
    true,
  );
  const error = caught as ParmanaError;
  expect(error).toBeInstanceOf(errorClass);
  expect(error.code).toBe(code);
  expect(error.message.startsWith(`[${code}] `)).toBe(true);
  if (messagePart !== undefined) expect(error.message).toMatch(messagePart);
  return error;
}

/** Everything an error could show a log: message, details, cause chain, inspection. */
export function everythingShown(error: unknown): string {
  return `${inspect(error, { depth: 10 })}\n${JSON.stringify(error)}\n${JSON.stringify((error as { details?: unknown }).details)}`;
}
