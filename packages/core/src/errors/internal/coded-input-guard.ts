import type { ParmanaErrorCode } from "../error-code.types.js";
import { ParmanaError } from "../parmana-error.js";

/** A ParmanaError subclass: constructed with a code of its family, a message and options. */
type CodedErrorClass<Code extends ParmanaErrorCode> = new (
  code: Code,
  message: string,
  options?: { cause?: unknown },
) => ParmanaError;

/**
 * The coded error for something a public function's body threw: the error itself when it is
 * already a ParmanaError, otherwise `new ErrorClass(code, ...)` naming the function, with the
 * original error as `cause`.
 *
 * Hostile arguments (a Proxy whose traps throw, a getter that throws, a value of the wrong kind
 * reaching a built-in, nesting deep enough to overflow the stack) surface as raw TypeErrors or
 * RangeErrors wherever they are first touched. One
 * `try { ... } catch (error) { throw codedInputError(error, ...) }` at the entry point gives
 * callers the coded error the documentation promises without a check at every property read; a
 * try block costs nothing on the success path.
 *
 * @internal
 */
export function codedInputError<Code extends ParmanaErrorCode>(
  error: unknown,
  ErrorClass: CodedErrorClass<Code>,
  code: Code,
  functionName: string,
): ParmanaError {
  if (isParmanaError(error)) return error;
  return new ErrorClass(
    code,
    `${functionName}: an argument could not be read or is not of the documented kind (${describeThrown(error)})`,
    { cause: error },
  );
}

/** ParmanaError.isInstance, safe on a thrown Proxy whose traps throw. */
function isParmanaError(error: unknown): error is ParmanaError {
  try {
    return ParmanaError.isInstance(error);
  } catch {
    return false;
  }
}

/** A short description of a thrown value, never calling into it beyond an Error's own message. */
function describeThrown(error: unknown): string {
  try {
    if (error instanceof Error) {
      const stack = error instanceof RangeError && /call stack/i.test(error.message);
      return stack ? "nested too deeply" : `${error.name}: ${error.message.slice(0, 200)}`;
    }
  } catch {
    // a thrown Proxy: fall through
  }
  return `a thrown ${typeof error}`;
}
