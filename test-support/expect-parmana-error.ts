// The one error matcher for every package's tests, imported by relative path: test code never
// ships, so it lives outside the packages rather than in an export.
import { expect } from "vitest";
import { ParmanaError } from "@parmanasystems/core";

/** A ParmanaError class (or one of its family subclasses) to check the error against. */
export type ParmanaErrorClass = abstract new (...args: never[]) => ParmanaError;

/**
 * Asserts `caught` is a ParmanaError of `errorClass` with exactly `code`, a message that starts
 * with `[code] `, and (when given) a message matching `messagePart` (a RegExp, or a substring).
 * Returns the error.
 */
export function checkParmanaError(
  caught: unknown,
  code: string,
  errorClass: ParmanaErrorClass = ParmanaError,
  messagePart?: string | RegExp,
): ParmanaError {
  expect(caught, `expected a ParmanaError ${code}, nothing was thrown`).toBeDefined();
  expect(
    ParmanaError.isInstance(caught),
    `expected a ParmanaError ${code}, got ${String(caught)}`,
  ).toBe(true);
  const error = caught as ParmanaError;
  expect(error).toBeInstanceOf(errorClass);
  expect(error.code).toBe(code);
  expect(error.message.startsWith(`[${code}] `)).toBe(true);
  if (typeof messagePart === "string") expect(error.message).toContain(messagePart);
  else if (messagePart !== undefined) expect(error.message).toMatch(messagePart);
  return error;
}

/** Asserts `fn` throws at once with {@link checkParmanaError}'s conditions; returns the error. */
export function expectParmanaError(
  fn: () => unknown,
  code: string,
  errorClass: ParmanaErrorClass = ParmanaError,
  messagePart?: string | RegExp,
): ParmanaError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  return checkParmanaError(caught, code, errorClass, messagePart);
}

/**
 * Asserts `run` (a promise, or a function called and awaited) rejects or throws with
 * {@link checkParmanaError}'s conditions; returns the error.
 */
export async function expectRejectsParmanaError(
  run: PromiseLike<unknown> | (() => unknown),
  code: string,
  errorClass: ParmanaErrorClass = ParmanaError,
  messagePart?: string | RegExp,
): Promise<ParmanaError> {
  let caught: unknown;
  try {
    await (typeof run === "function" ? run() : run);
  } catch (error) {
    caught = error;
  }
  return checkParmanaError(caught, code, errorClass, messagePart);
}
