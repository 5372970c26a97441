import { expect } from "vitest";
import { ParmanaError } from "@parmanasystems/core";

/** Asserts `fn` throws a ParmanaError of `errorClass` with `code` (message prefixed `[code] `), and returns it. */
export function expectCodedError(
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

/** Async form: awaits `promise` (or calls `fn`) and asserts it rejects with the coded error. */
export async function expectCodedRejection(
  run: Promise<unknown> | (() => Promise<unknown>),
  code: string,
  errorClass: abstract new (...args: never[]) => ParmanaError = ParmanaError,
  messagePart?: string | RegExp,
): Promise<ParmanaError> {
  let caught: unknown;
  try {
    await (typeof run === "function" ? run() : run);
  } catch (error) {
    caught = error;
  }
  return expectCodedError(
    () => {
      if (caught !== undefined) throw caught;
    },
    code,
    errorClass,
    messagePart,
  );
}
