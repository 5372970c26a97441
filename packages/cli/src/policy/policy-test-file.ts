import { existsSync } from "node:fs";
import { join } from "node:path";
import { CliError } from "../errors/index.js";
import { isJsonObject, readJsonFile } from "../io/read-text-file.js";

/** File names `parmana policy test` looks for beside policy.json, in order. */
export const POLICY_TEST_FILE_NAMES: readonly string[] = ["policy.test.json", "tests.json"];

/** What a case expects: a decision (action, optionally rule and override flag), or an error code. */
export interface PolicyTestExpectation {
  readonly action?: string;
  readonly rule_id?: string;
  readonly requires_override?: boolean;
  /** The code evaluation must fail with instead, e.g. `"VAL-004"` or `"SYS-006"`. */
  readonly error?: string;
}

/** One case of a policy test table. */
export interface PolicyTestCase {
  readonly name: string;
  readonly signals: Readonly<Record<string, unknown>>;
  readonly expect: PolicyTestExpectation;
}

/**
 * Finds the test table beside a policy.
 *
 * @param dir - the policy's folder
 * @returns the table's path, or undefined when there is none
 */
export function findPolicyTestFile(dir: string): string | undefined {
  for (const name of POLICY_TEST_FILE_NAMES) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function malformed(shown: string, where: string, message: string): CliError {
  return new CliError("CLI-008", `${shown}: ${where}: ${message}`);
}

/**
 * Reads and checks a test table: a JSON array of `{ name, signals, expect }`, where `expect`
 * has `action` (with optional `rule_id` and `requires_override`) or `error`.
 *
 * @param absolutePath - the table
 * @param shown - its path as shown to the user
 * @returns the cases
 * @throws CliError `CLI-002`/`CLI-004` unreadable or not JSON, `CLI-008` wrong shape (naming the case)
 */
export function readPolicyTestFile(absolutePath: string, shown: string): PolicyTestCase[] {
  const json = readJsonFile(absolutePath, "policy test file", shown);
  if (!Array.isArray(json)) throw malformed(shown, "$", "expected an array of test cases");
  const names = new Set<string>();
  return json.map((entry: unknown, index): PolicyTestCase => {
    const where = `case ${index}`;
    if (!isJsonObject(entry))
      throw malformed(shown, where, "expected an object { name, signals, expect }");
    const { name, signals, expect } = entry;
    if (typeof name !== "string" || name === "")
      throw malformed(shown, where, "name must be a non-empty string");
    if (names.has(name)) throw malformed(shown, `case "${name}"`, "duplicate name");
    names.add(name);
    const named = `case "${name}"`;
    if (!isJsonObject(signals)) throw malformed(shown, named, "signals must be an object");
    if (!isJsonObject(expect)) throw malformed(shown, named, "expect must be an object");
    for (const key of Object.keys(expect)) {
      if (!["action", "rule_id", "requires_override", "error"].includes(key)) {
        throw malformed(
          shown,
          named,
          `unknown expect field "${key}" (use action, rule_id, requires_override or error)`,
        );
      }
    }
    const { action, rule_id, requires_override, error } = expect;
    if (error !== undefined) {
      if (typeof error !== "string" || error === "")
        throw malformed(shown, named, 'expect.error must be an error code such as "VAL-004"');
      if (action !== undefined || rule_id !== undefined || requires_override !== undefined) {
        throw malformed(shown, named, "expect has both error and a decision; give one");
      }
      return { name, signals, expect: { error } };
    }
    if (typeof action !== "string" || action === "")
      throw malformed(
        shown,
        named,
        "expect.action must be a non-empty string (or give expect.error)",
      );
    if (rule_id !== undefined && typeof rule_id !== "string")
      throw malformed(shown, named, "expect.rule_id must be a string");
    if (requires_override !== undefined && typeof requires_override !== "boolean") {
      throw malformed(shown, named, "expect.requires_override must be a boolean");
    }
    return {
      name,
      signals,
      expect: {
        action,
        ...(rule_id === undefined ? {} : { rule_id }),
        ...(requires_override === undefined ? {} : { requires_override }),
      },
    };
  });
}
