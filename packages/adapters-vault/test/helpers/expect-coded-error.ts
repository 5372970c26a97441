import { expect } from "vitest";
import { ParmanaError } from "@parmanasystems/core";

type ErrorClass = abstract new (...args: never[]) => ParmanaError;

/**
 * Runs `action` (a function, sync or async, or a promise) and asserts it fails with a
 * ParmanaError of `errorClass` and `code`, whose message starts with `[code] ` and matches
 * `messagePart` (a plain string must match the whole message). Returns the error.
 */
export async function expectCodedRejection(
  action: Promise<unknown> | (() => unknown),
  code: string,
  errorClass: ErrorClass = ParmanaError,
  messagePart?: string | RegExp,
): Promise<ParmanaError> {
  const outcome = await Promise.resolve()
    .then(() => (typeof action === "function" ? action() : action))
    .then(
      () => ({ failed: false as const }),
      (error: unknown) => ({ failed: true as const, error }),
    );
  if (!outcome.failed) throw new Error(`expected a ParmanaError ${code}, nothing was thrown`);
  const { error } = outcome;
  if (!ParmanaError.isInstance(error))
    throw new Error(`expected ParmanaError ${code}, got ${String(error)}`);
  expect(error).toBeInstanceOf(errorClass);
  expect({ code: error.code, prefixed: error.message.startsWith(`[${code}] `) }).toEqual({
    code,
    prefixed: true,
  });
  if (typeof messagePart === "string") expect(error.message).toBe(messagePart);
  else if (messagePart !== undefined) expect(error.message).toMatch(messagePart);
  return error;
}

/** Synchronous form, for constructors: asserts `make` throws the coded error at once. */
export function expectCodedError(
  make: () => unknown,
  code: string,
  errorClass: ErrorClass = ParmanaError,
  messagePart?: RegExp,
): ParmanaError {
  let thrown: unknown = undefined;
  try {
    make();
  } catch (error) {
    thrown = error;
  }
  if (!ParmanaError.isInstance(thrown)) throw new Error(`expected ParmanaError ${code} at once`);
  expect([thrown.code, thrown.message.slice(0, code.length + 3)]).toEqual([code, `[${code}] `]);
  expect(thrown).toBeInstanceOf(errorClass);
  if (messagePart !== undefined) expect(thrown.message).toMatch(messagePart);
  return thrown;
}
