import { InvariantError } from "../errors/parmana-error.js";
import type { ReplayStore } from "../replay/replay-store.types.js";
import type { ExecuteOptions, RuntimeEnvironment } from "./execute.types.js";

const STORE_METHODS = ["reserve", "confirm", "hasExecuted", "markExecuted"] as const;
const OPTION_KEYS: ReadonlySet<string> = new Set([
  "replayStore",
  "policies",
  "runtimeEnvironment",
  "clock",
  "generateId",
  "signerKeyId",
  "trustRootVersion",
  "pendingOverrideStore",
  "runtime",
  "timeoutMs",
]);
const ENVIRONMENT_KEYS: ReadonlySet<string> = new Set([
  "policiesRootPath",
  "trustPublicKeyPath",
  "trustRootPath",
  "releaseManifestPath",
]);

/**
 * Tells the call forms apart by the shape of the fourth argument:
 * a replay store (the documented four-argument form), a runtime environment or `undefined` followed by a store (the
 * product's five-argument form), or an options object.
 *
 * @param fourth - the fourth argument
 * @param fifth - the fifth argument
 * @returns the options, with a usable replay store
 * @throws InvariantError `INV-REPLAY-001` when no usable replay store is given, `INV-EXEC-003`
 *   when the fourth argument is none of the three shapes or the forms are mixed
 */
export function resolveCallForm(fourth: unknown, fifth: unknown): ExecuteOptions {
  if (isReplayStore(fourth)) {
    if (fifth !== undefined) {
      throw new InvariantError(
        "INV-EXEC-003",
        "executeFromSignals got a replay store as the 4th argument and another 5th argument",
      );
    }
    return { replayStore: fourth };
  }
  if (fourth === undefined || fourth === null) return { replayStore: requireStore(fifth) };
  if (typeof fourth !== "object" || Array.isArray(fourth)) {
    throw new InvariantError(
      "INV-EXEC-003",
      `executeFromSignals' 4th argument must be a replay store, a runtime environment or an options object, got ${Array.isArray(fourth) ? "an array" : typeof fourth}`,
    );
  }
  // A store missing a method is reported as a store problem, not as an unknown shape.
  if (hasSomeStoreMethod(fourth as Record<string, unknown>)) requireStore(fourth);
  const keys = Object.keys(fourth);
  if (keys.some((key) => OPTION_KEYS.has(key))) {
    const unknown = allKnown(keys, OPTION_KEYS) ? [] : keys.filter((key) => !OPTION_KEYS.has(key));
    if (unknown.length > 0) {
      throw new InvariantError(
        "INV-EXEC-003",
        `unknown executeFromSignals option(s): ${unknown.join(", ")}`,
      );
    }
    const options = fourth as ExecuteOptions;
    if (fifth !== undefined && fifth !== options.replayStore) {
      if (options.replayStore !== undefined) {
        throw new InvariantError(
          "INV-EXEC-003",
          "executeFromSignals got options.replayStore and a different 5th argument",
        );
      }
      return { ...options, replayStore: requireStore(fifth) };
    }
    requireStore(options.replayStore);
    return options;
  }
  const unknown = keys.filter((key) => !ENVIRONMENT_KEYS.has(key));
  if (unknown.length > 0) {
    throw new InvariantError(
      "INV-EXEC-003",
      `executeFromSignals' 4th argument is not a replay store, runtime environment or options object (unknown member(s): ${unknown.join(", ")})`,
    );
  }
  const environment = fourth as RuntimeEnvironment;
  for (const key of ENVIRONMENT_KEYS) {
    const value = (environment as Record<string, unknown>)[key];
    if (value !== undefined && typeof value !== "string") {
      throw new InvariantError("INV-EXEC-003", `runtimeEnvironment.${key} must be a string path`);
    }
  }
  return { replayStore: requireStore(fifth), runtimeEnvironment: environment };
}

function requireStore(value: unknown): ReplayStore {
  if (isReplayStore(value)) return value;
  if (value === undefined || value === null) {
    throw new InvariantError(
      "INV-REPLAY-001",
      "executeFromSignals requires a replay store: pass one as the last argument (new MemoryReplayStore() for a single process) or as options.replayStore",
    );
  }
  const missing = STORE_METHODS.filter(
    (method) => typeof (value as Record<string, unknown>)[method] !== "function",
  );
  throw new InvariantError("INV-REPLAY-001", `the replay store given lacks ${missing.join(", ")}`, {
    details: { missing },
  });
}

/**
 * True for an object with the four methods of the original `ReplayStore` interface.
 *
 * @param value - anything
 * @returns whether `value` can serve as a replay store
 */
export function isReplayStore(value: unknown): value is ReplayStore {
  try {
    if (typeof value !== "object" || value === null) return false;
    const record = value as Record<string, unknown>;
    // A loop rather than every(): this runs on each executeFromSignals call.
    for (let index = 0; index < STORE_METHODS.length; index++) {
      if (typeof record[STORE_METHODS[index] as string] !== "function") return false;
    }
    return true;
  } catch {
    // a value whose properties cannot be read is not one
    return false;
  }
}

function hasSomeStoreMethod(record: Record<string, unknown>): boolean {
  for (let index = 0; index < STORE_METHODS.length; index++) {
    if (typeof record[STORE_METHODS[index] as string] === "function") return true;
  }
  return false;
}

function allKnown(keys: readonly string[], known: ReadonlySet<string>): boolean {
  for (let index = 0; index < keys.length; index++) {
    if (!known.has(keys[index] as string)) return false;
  }
  return true;
}
