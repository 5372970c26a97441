import { ParmanaError } from "@parmanasystems/core";
import { expect } from "vitest";

type ErrorClass = abstract new (...args: never[]) => ParmanaError;

/** Checks class, code and `[CODE] ` message prefix (and a message part) of a caught error. */
export function expectCoded(
  caught: unknown,
  code: string,
  errorClass: ErrorClass,
  messagePart?: string | RegExp,
): ParmanaError {
  expect(
    ParmanaError.isInstance(caught),
    `expected a ParmanaError ${code}, got ${String(caught)}`,
  ).toBe(true);
  const error = caught as ParmanaError;
  expect(error).toBeInstanceOf(errorClass);
  expect(error.code).toBe(code);
  expect(error.message.startsWith(`[${code}] `)).toBe(true);
  if (messagePart !== undefined) expect(error.message).toMatch(messagePart);
  return error;
}

/** Asserts that `fn` throws synchronously with class, code and message part; returns the error. */
export function expectThrowsCoded(
  fn: () => unknown,
  code: string,
  errorClass: ErrorClass,
  messagePart?: string | RegExp,
): ParmanaError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  return expectCoded(caught, code, errorClass, messagePart);
}

/** Asserts that `promise` rejects with class, code and message part; returns the error. */
export async function expectRejectsCoded(
  promise: PromiseLike<unknown>,
  code: string,
  errorClass: ErrorClass,
  messagePart?: string | RegExp,
): Promise<ParmanaError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  return expectCoded(caught, code, errorClass, messagePart);
}
