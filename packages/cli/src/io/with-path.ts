import { ParmanaError } from "@parmanasystems/core";

/**
 * Re-throws a library error with the file it concerns named in the message, keeping its class
 * and code (`[SIG-001] keys/private.pem: the private key PEM could not be parsed`).
 *
 * @param error - what the library threw
 * @param shownPath - the file, as the user typed it
 * @returns the error to throw (non-Parmana errors are returned unchanged)
 */
export function withPath(error: unknown, shownPath: string): unknown {
  if (!ParmanaError.isInstance(error)) return error;
  const ErrorClass = error.constructor as new (
    code: string,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown },
  ) => ParmanaError;
  const bare = error.message.startsWith(`[${error.code}] `)
    ? error.message.slice(error.code.length + 3)
    : error.message;
  return new ErrorClass(error.code, `${shownPath}: ${bare}`, {
    ...(error.details === undefined ? {} : { details: error.details }),
    cause: error,
  });
}
