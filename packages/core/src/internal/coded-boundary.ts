import { ParmanaError } from "../errors/parmana-error.js";

/**
 * Runs `body` and lets only coded errors out: a `ParmanaError` passes unchanged, anything else (a
 * TypeError from a malformed argument, a throwing getter or Proxy trap, a stack overflow) is
 * replaced by the coded error `wrap` builds, with the original as its `cause`. Public functions
 * that document coded errors use it at their boundary so hostile input never escapes raw.
 *
 * @param body - the function's work
 * @param wrap - builds the coded error from the raw one
 * @returns what `body` returns
 */
export function codedBoundary<T>(body: () => T, wrap: (raw: unknown) => ParmanaError): T {
  try {
    return body();
  } catch (error) {
    if (ParmanaError.isInstance(error)) throw error;
    throw wrap(error);
  }
}

/**
 * The name of a raw error, for a message that must not echo hostile content.
 *
 * @param error - anything thrown
 * @returns e.g. `"TypeError"`
 */
export function rawErrorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
