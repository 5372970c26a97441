import { ParmanaError, type ParmanaErrorOptions } from "@parmanasystems/core";

/**
 * An error of the command line itself (`CLI-` codes): usage, files, input formats. It is a
 * {@link ParmanaError}, so it prints as `parmana: [CLI-002] ...` like every library error.
 */
export class CliError extends ParmanaError {
  /**
   * @param code - a `CLI-` code from {@link CLI_CODES}
   * @param message - one line saying what went wrong and, where it helps, what to do
   * @param options - details and cause
   */
  constructor(code: string, message: string, options: ParmanaErrorOptions = {}) {
    super(code, message, options);
  }
}

/**
 * Builds a usage error (`CLI-001`).
 *
 * @param message - what is wrong with the arguments
 * @param command - the command, so the message can point at its --help
 * @returns the error to throw
 */
export function usageError(message: string, command?: string): CliError {
  const hint = command === undefined ? "parmana --help" : `parmana ${command} --help`;
  return new CliError("CLI-001", `${message} (see \`${hint}\`)`);
}
