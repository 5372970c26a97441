import { ProvenanceError } from "@parmanasystems/core";
import { isStringKeyedRecord } from "./plain-record.js";

/**
 * Checks `signals` is a signal map and returns its keys sorted, so results never depend on
 * insertion order.
 *
 * @throws ProvenanceError `PROV-001` when `signals` is not a plain object or has symbol keys
 */
export function sortedSignalNames(signals: unknown, functionName: string): string[] {
  if (!isStringKeyedRecord(signals)) {
    throw new ProvenanceError(
      "PROV-001",
      `${functionName}: signals must be a plain object without symbol keys`,
    );
  }
  return Object.keys(signals).sort();
}

/**
 * Reads one signal of a map checked by {@link sortedSignalNames}.
 *
 * @throws ProvenanceError `PROV-001` when reading it throws (a getter or Proxy trap)
 */
export function readSignal(
  signals: Record<string, unknown>,
  name: string,
  functionName: string,
): unknown {
  try {
    return signals[name];
  } catch (cause) {
    throw new ProvenanceError(
      "PROV-001",
      `${functionName}: signal ${JSON.stringify(name)} could not be read`,
      { cause },
    );
  }
}
