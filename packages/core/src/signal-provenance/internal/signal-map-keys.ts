import { ProvenanceError } from "../../errors/parmana-error.js";
import { describeKind, isPlainRecord } from "../../internal/type-checks.js";

/**
 * Checks that `signals` is a signal map and returns its own string keys in enumeration order.
 *
 * @throws ProvenanceError `PROV-001` when `signals` is not a plain object or has symbol keys
 */
export function signalMapKeys(signals: unknown, functionName: string): string[] {
  checkSignalMap(signals, functionName);
  return Object.keys(signals);
}

/**
 * Checks that `signals` is a signal map: a plain object without symbol-keyed properties.
 *
 * @throws ProvenanceError `PROV-001` when it is not
 */
export function checkSignalMap(
  signals: unknown,
  functionName: string,
): asserts signals is Record<string, unknown> {
  if (!isPlainRecord(signals)) {
    throw new ProvenanceError(
      "PROV-001",
      `${functionName}: signals must be a plain object, got ${describeKind(signals)}`,
      {
        details: { function: functionName, received: describeKind(signals) },
      },
    );
  }
  // Symbol keys cannot name a signal and would be dropped silently at the determinism boundary.
  if (Object.getOwnPropertySymbols(signals).length > 0) {
    throw new ProvenanceError(
      "PROV-001",
      `${functionName}: signals must not have symbol-keyed properties`,
      {
        details: { function: functionName, received: "object with symbol keys" },
      },
    );
  }
}
