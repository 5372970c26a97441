import { expect } from "vitest";
import { ParmanaError } from "../../src/errors/parmana-error.js";

/** Asserts `fn` throws a ParmanaError of `errorClass` with `code`, and returns the error. */
export function expectParmanaError(
  fn: () => unknown,
  code: string,
  errorClass: abstract new (...args: never[]) => ParmanaError = ParmanaError,
  messagePart?: string | RegExp,
): ParmanaError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  return checkError(caught, code, errorClass, messagePart);
}

/** Asserts `promise` rejects with a ParmanaError of `errorClass` with `code`, and returns the error. */
export async function expectRejectsParmanaError(
  promise: Promise<unknown> | (() => Promise<unknown>),
  code: string,
  errorClass: abstract new (...args: never[]) => ParmanaError = ParmanaError,
  messagePart?: string | RegExp,
): Promise<ParmanaError> {
  let caught: unknown;
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    caught = error;
  }
  return checkError(caught, code, errorClass, messagePart);
}

function checkError(
  caught: unknown,
  code: string,
  errorClass: abstract new (...args: never[]) => ParmanaError,
  messagePart: string | RegExp | undefined,
): ParmanaError {
  expect(caught, `expected a ParmanaError ${code}, nothing was thrown`).toBeDefined();
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
