import type { SignalProblem } from "../compiled-policy.types.js";
import { describeValue, hasOwn, isPlainRecord } from "../../internal/type-checks.js";
import {
  missingSignal,
  signalsNotPlainObject,
  undeclaredSignal,
  type SignalChecks,
} from "./signal-checks.js";

const NO_PROBLEMS: readonly SignalProblem[] = Object.freeze([]);

/**
 * Checks signals against prepared checks: every declared signal present with a value of its
 * type, nothing undeclared. Reads own properties only, so keys such as `__proto__` or
 * `constructor` are reported as undeclared and never reach a prototype.
 */
export function checkSignals(signals: unknown, prepared: SignalChecks): readonly SignalProblem[] {
  if (!isPlainRecord(signals))
    return Object.freeze([signalsNotPlainObject(`got ${describeValue(signals)}`)]);
  let problems: SignalProblem[] | undefined;
  if (Object.getOwnPropertySymbols(signals).length > 0) {
    (problems ??= []).push(signalsNotPlainObject("symbol keys are not allowed"));
  }
  const { names, checks, declared } = prepared;
  for (let index = 0; index < names.length; index++) {
    const name = names[index] as string;
    if (!hasOwn(signals, name)) {
      (problems ??= []).push(missingSignal(name));
      continue;
    }
    const found = (checks[index] as (value: unknown) => SignalProblem | undefined)(signals[name]);
    if (found !== undefined) (problems ??= []).push(found);
  }
  const keys = Object.keys(signals);
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string;
    if (!declared.has(key)) (problems ??= []).push(undeclaredSignal(key));
  }
  return problems === undefined ? NO_PROBLEMS : Object.freeze(problems);
}
