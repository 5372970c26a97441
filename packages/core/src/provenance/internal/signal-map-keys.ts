import { ProvenanceError } from "../../errors/parmana-error.js";
import { isPlainRecord } from "./is-plain-record.js";

/**
 * Checks that `signals` is a signal map and returns its own string keys in enumeration order.
 *
 * @throws ProvenanceError `PROV-001` when `signals` is not a plain object or has symbol keys
 */
export function signalMapKeys(signals: unknown, functionName: string): string[] {
  if (!isPlainRecord(signals)) {
    throw new ProvenanceError(
      "PROV-001",
      `${functionName}: signals must be a plain object, got ${describeValue(signals)}`,
      {
        details: { function: functionName, received: describeValue(signals) },
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
  return Object.keys(signals);
}

/** A short description of a value's kind for error messages (never its content). */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    let tag: string;
    try {
      tag = Object.prototype.toString.call(value).slice(8, -1);
    } catch {
      return "an unreadable object"; // a Proxy whose traps throw
    }
    return tag === "Object" ? "a non-plain object" : `a ${tag}`;
  }
  return typeof value;
}
