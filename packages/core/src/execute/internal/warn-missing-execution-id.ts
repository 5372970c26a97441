// Shared by every copy of core in the process, so the warning is printed once, not once per copy.
const WARNED = Symbol.for("@parmanasystems/core/warnedMissingExecutionId");

/** Code of the process warning emitted when an execution has no `executionId`. */
export const MISSING_EXECUTION_ID_WARNING = "PARMANA_NO_EXECUTION_ID";

/**
 * Warns once per process that an execution was given no `executionId`. Without one the replay key
 * is the execution fingerprint (policy + signals), so a second, different case with the same
 * signals (another applicant with the same score and amount) is refused as a replay (`INV-013`).
 * A Node process warning (`process.emitWarning`), so `--no-warnings` and warning listeners work.
 *
 * @internal
 */
export function warnMissingExecutionIdOnce(): void {
  const flags = globalThis as { [WARNED]?: boolean };
  if (flags[WARNED] === true) return;
  flags[WARNED] = true;
  process.emitWarning(
    "executeFromSignals was called without an executionId: the replay key is then the execution fingerprint (policy + signals), so a second case with the same signals is refused as a replay (INV-013). Pass your business transaction id as executionId.",
    { type: "ParmanaWarning", code: MISSING_EXECUTION_ID_WARNING },
  );
}
