import { TrustError } from "../errors/parmana-error.js";
import { rawErrorName } from "./coded-boundary.js";

/**
 * The coded error of a runtime, bundle or trust helper given something that is not the
 * structure it documents (`TRUST-070`), with the raw error as its cause.
 *
 * @param fn - the public function's name
 * @param expected - what it takes, for the message
 * @param raw - what was thrown while reading the argument
 * @returns the error to throw
 */
export function malformedInput(fn: string, expected: string, raw: unknown): TrustError {
  return new TrustError(
    "TRUST-070",
    `${fn} needs ${expected}; reading the argument failed (${rawErrorName(raw)} thrown)`,
    { cause: raw, details: { function: fn } },
  );
}
