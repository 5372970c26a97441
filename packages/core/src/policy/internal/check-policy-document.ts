import { canonicalize } from "../../canonical/canonicalize.js";
import { ParmanaError } from "../../errors/parmana-error.js";
import type { PolicyProblem } from "../compiled-policy.types.js";
import type { ComparisonOperator, Condition, SignalType } from "../policy.types.js";
import { alwaysMatches, neverMatches } from "./condition-shape.js";
import { SUPPORTED_SCHEMA_VERSIONS } from "./supported-schema-versions.js";
import { isSafePolicyId, isSemver, isSignalName } from "./identifiers.js";
import { indexPath, memberPath } from "./json-path.js";
import {
  isComparisonOperator,
  isMembershipOperator,
  isSignalType,
  OPERATORS_BY_TYPE,
  SIGNAL_TYPES,
  suggestOperator,
} from "./operators.js";
import { describeValue, hasOwn, isPlainArray, isPlainRecord } from "../../internal/type-checks.js";
import { ProblemReport } from "./problem-report.js";

/** Deepest nesting of all/any/not accepted; bounds recursion on hostile documents. */
export const MAX_CONDITION_DEPTH = 64;

const POLICY_MEMBERS = [
  "policyId",
  "policyVersion",
  "schemaVersion",
  "description",
  "signalsSchema",
  "rules",
];
const DECLARATION_MEMBERS = ["type", "values", "description"];
const RULE_MEMBERS = ["id", "description", "condition", "outcome", "override_roles"];
const OUTCOME_MEMBERS = ["action", "requires_override", "reason"];
const COMPOSITE_MEMBERS = ["all", "any", "not"];

/** What conditions need to know about a declared signal; `type` is absent when it is invalid. */
interface DeclaredSignal {
  readonly type: SignalType | undefined;
  readonly values: ReadonlySet<string> | undefined;
}

/** Every error and warning of a policy document, in document order. */
export interface PolicyCheck {
  readonly errors: readonly PolicyProblem[];
  readonly warnings: readonly PolicyProblem[];
}

/**
 * Checks a policy document completely: structure, signal declarations, every condition against
 * the declarations, outcomes, and the rule-order warnings. Never throws on hostile input.
 */
export function checkPolicyDocument(json: unknown): PolicyCheck {
  try {
    return checkDocument(json);
  } catch (error) {
    // a Proxy or getter that throws: report it rather than let it escape as a TypeError
    const message = error instanceof Error ? error.message : String(error);
    return {
      errors: [
        {
          code: "POL-030",
          path: "$",
          message: `the policy could not be read as plain JSON: ${message}`,
        },
      ],
      warnings: [],
    };
  }
}

function checkDocument(json: unknown): PolicyCheck {
  const report = new ProblemReport();
  if (!isPlainRecord(json)) {
    report.error("POL-030", "$", `a policy must be a JSON object, got ${describeValue(json)}`);
    return report;
  }
  checkUnknownMembers(json, "$", POLICY_MEMBERS, "policy", report);
  checkIdentity(json, report);
  checkDescription(json, "$", report);
  const declared = checkSignalsSchema(json, report);
  checkRules(json, declared, report);
  if (report.errors.length === 0) checkPlainJson(json, report);
  return report;
}

function checkIdentity(policy: Record<string, unknown>, report: ProblemReport): void {
  const policyId = policy["policyId"];
  if (!hasOwn(policy, "policyId")) report.error("POL-003", "$.policyId", "policyId is missing");
  else if (!isSafePolicyId(policyId)) {
    report.error(
      "POL-003",
      "$.policyId",
      `policyId must be a safe folder name (letters, digits, '.', '_', '-', starting with a letter or digit, at most 128 characters), got ${describeValue(policyId)}`,
    );
  }

  const policyVersion = policy["policyVersion"];
  if (!hasOwn(policy, "policyVersion"))
    report.error("POL-004", "$.policyVersion", "policyVersion is missing");
  else if (typeof policyVersion !== "string") {
    report.error(
      "POL-004",
      "$.policyVersion",
      `policyVersion must be a string, got ${describeValue(policyVersion)}`,
    );
  } else if (!isSemver(policyVersion)) {
    report.error(
      "POL-022",
      "$.policyVersion",
      `policyVersion must be a semantic version such as "1.0.0", got ${describeValue(policyVersion)}`,
    );
  }

  const schemaVersion = policy["schemaVersion"];
  if (!hasOwn(policy, "schemaVersion"))
    report.error("POL-005", "$.schemaVersion", "schemaVersion is missing");
  else if (
    typeof schemaVersion !== "string" ||
    !SUPPORTED_SCHEMA_VERSIONS.includes(schemaVersion)
  ) {
    report.error(
      "POL-009",
      "$.schemaVersion",
      `schemaVersion ${describeValue(schemaVersion)} is not supported; supported: ${SUPPORTED_SCHEMA_VERSIONS.map((v) => `"${v}"`).join(", ")}`,
    );
  }
}

function checkSignalsSchema(
  policy: Record<string, unknown>,
  report: ProblemReport,
): Map<string, DeclaredSignal> | undefined {
  const schema = policy["signalsSchema"];
  if (!hasOwn(policy, "signalsSchema")) {
    report.error("POL-006", "$.signalsSchema", "signalsSchema is missing");
    return undefined;
  }
  if (!isPlainRecord(schema)) {
    report.error(
      "POL-006",
      "$.signalsSchema",
      `signalsSchema must be an object of signal declarations, got ${describeValue(schema)}`,
    );
    return undefined;
  }
  const declared = new Map<string, DeclaredSignal>();
  for (const name of Object.keys(schema)) {
    const path = memberPath("$.signalsSchema", name);
    if (!isSignalName(name)) {
      report.error(
        "POL-031",
        path,
        `signal name ${JSON.stringify(name.slice(0, 64))} is not allowed: use letters, digits, '_', '.', '-', starting with a letter or '_' (at most 128 characters)`,
      );
      continue;
    }
    declared.set(name, checkDeclaration(schema[name], path, report));
  }
  return declared;
}

function checkDeclaration(
  declaration: unknown,
  path: string,
  report: ProblemReport,
): DeclaredSignal {
  if (!isPlainRecord(declaration)) {
    report.error(
      "POL-031",
      path,
      `a signal declaration must be an object { type, values?, description? }, got ${describeValue(declaration)}`,
    );
    return { type: undefined, values: undefined };
  }
  checkUnknownMembers(declaration, path, DECLARATION_MEMBERS, "signal declaration", report);
  checkDescription(declaration, path, report);

  const type = declaration["type"];
  const typePath = memberPath(path, "type");
  const validType = isSignalType(type) ? type : undefined;
  if (!hasOwn(declaration, "type"))
    report.error(
      "POL-010",
      typePath,
      `signal type is missing; use one of ${SIGNAL_TYPES.join(", ")}`,
    );
  else if (validType === undefined) {
    report.error(
      "POL-011",
      typePath,
      `unsupported signal type ${describeValue(type)}; use one of ${SIGNAL_TYPES.join(", ")}`,
    );
  }

  const valuesPath = memberPath(path, "values");
  const hasValues = hasOwn(declaration, "values");
  if (validType !== "enum") {
    if (hasValues && validType !== undefined)
      report.error(
        "POL-032",
        valuesPath,
        `values is only allowed on enum signals, not on ${validType}`,
      );
    return { type: validType, values: undefined };
  }
  const values = declaration["values"];
  if (!hasValues || (isPlainArray(values) && values.length === 0)) {
    report.error(
      "POL-012",
      hasValues ? valuesPath : path,
      "an enum signal needs a non-empty values array",
    );
    return { type: validType, values: new Set() };
  }
  if (!isPlainArray(values)) {
    report.error(
      "POL-032",
      valuesPath,
      `enum values must be an array of strings, got ${describeValue(values)}`,
    );
    return { type: validType, values: new Set() };
  }
  const allowed = new Set<string>();
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    const valuePath = indexPath(valuesPath, index);
    if (typeof value !== "string" || value.length === 0) {
      report.error(
        "POL-032",
        valuePath,
        `enum values must be non-empty strings, got ${describeValue(value)}`,
      );
    } else if (allowed.has(value)) {
      report.error("POL-032", valuePath, `enum value ${JSON.stringify(value)} is listed twice`);
    } else allowed.add(value);
  }
  return { type: validType, values: allowed };
}

function checkRules(
  policy: Record<string, unknown>,
  declared: Map<string, DeclaredSignal> | undefined,
  report: ProblemReport,
): void {
  const rules = policy["rules"];
  if (!hasOwn(policy, "rules")) {
    report.error("POL-007", "$.rules", "rules is missing");
    return;
  }
  if (!isPlainArray(rules)) {
    report.error("POL-007", "$.rules", `rules must be an array, got ${describeValue(rules)}`);
    return;
  }
  if (rules.length === 0) {
    report.error("POL-007", "$.rules", "rules is empty; a policy needs at least one rule");
    return;
  }
  const firstIndexById = new Map<string, number>();
  // Conditions that passed validation, by rule index; the order warnings only reason about those.
  const validConditions: (Condition | undefined)[] = [];
  for (let index = 0; index < rules.length; index++) {
    validConditions.push(
      checkRule(rules[index], indexPath("$.rules", index), declared, firstIndexById, index, report),
    );
  }
  checkRuleOrder(rules, validConditions, report);
}

function checkRule(
  rule: unknown,
  path: string,
  declared: Map<string, DeclaredSignal> | undefined,
  firstIndexById: Map<string, number>,
  index: number,
  report: ProblemReport,
): Condition | undefined {
  if (!isPlainRecord(rule)) {
    report.error(
      "POL-013",
      path,
      `a rule must be an object { id, condition, outcome }, got ${describeValue(rule)}`,
    );
    return undefined;
  }
  checkUnknownMembers(rule, path, RULE_MEMBERS, "rule", report);
  checkDescription(rule, path, report);

  const id = rule["id"];
  const idPath = memberPath(path, "id");
  if (!hasOwn(rule, "id")) report.error("POL-013", idPath, "rule id is missing");
  else if (typeof id !== "string" || id.length === 0) {
    report.error("POL-013", idPath, `rule id must be a non-empty string, got ${describeValue(id)}`);
  } else {
    const first = firstIndexById.get(id);
    if (first === undefined) firstIndexById.set(id, index);
    else
      report.error(
        "POL-020",
        idPath,
        `rule id ${JSON.stringify(id)} is already used by $.rules[${first}]`,
      );
  }

  let validCondition: Condition | undefined;
  if (!hasOwn(rule, "condition"))
    report.error("POL-013", memberPath(path, "condition"), "rule condition is missing");
  else {
    const errorsBefore = report.errors.length;
    checkCondition(rule["condition"], memberPath(path, "condition"), declared, 1, report);
    if (report.errors.length === errorsBefore && declared !== undefined)
      validCondition = rule["condition"] as Condition;
  }

  checkOutcome(rule, memberPath(path, "outcome"), report);
  if (hasOwn(rule, "override_roles"))
    checkOverrideRoles(rule["override_roles"], memberPath(path, "override_roles"), report);
  return validCondition;
}

function checkCondition(
  condition: unknown,
  path: string,
  declared: Map<string, DeclaredSignal> | undefined,
  depth: number,
  report: ProblemReport,
): void {
  if (depth > MAX_CONDITION_DEPTH) {
    report.error("POL-013", path, `conditions nest deeper than ${MAX_CONDITION_DEPTH} levels`);
    return;
  }
  if (!isPlainRecord(condition)) {
    report.error(
      "POL-013",
      path,
      `a condition must be an object (a leaf { signal, <operator>: operand } or all/any/not), got ${describeValue(condition)}`,
    );
    return;
  }
  const keys = Object.keys(condition);
  const composites = keys.filter((key) => COMPOSITE_MEMBERS.includes(key));
  if (composites.length > 0) {
    if (keys.length !== 1) {
      report.error(
        "POL-013",
        path,
        `a composite condition has exactly one member (all, any or not), found ${keys.map((k) => JSON.stringify(k)).join(", ")}`,
      );
    }
    for (const key of composites) {
      const childPath = memberPath(path, key);
      const child = condition[key];
      if (key === "not") checkCondition(child, childPath, declared, depth + 1, report);
      else if (!isPlainArray(child))
        report.error(
          "POL-013",
          childPath,
          `${key} must be an array of conditions, got ${describeValue(child)}`,
        );
      else {
        for (let index = 0; index < child.length; index++) {
          checkCondition(child[index], indexPath(childPath, index), declared, depth + 1, report);
        }
      }
    }
    return;
  }
  checkLeaf(condition, keys, path, declared, report);
}

function checkLeaf(
  leaf: Record<string, unknown>,
  keys: readonly string[],
  path: string,
  declared: Map<string, DeclaredSignal> | undefined,
  report: ProblemReport,
): void {
  const signal = leaf["signal"];
  const signalPath = memberPath(path, "signal");
  if (!hasOwn(leaf, "signal"))
    report.error("POL-013", signalPath, "a leaf condition needs a signal (or use all, any, not)");
  else if (typeof signal !== "string")
    report.error("POL-013", signalPath, `signal must be a string, got ${describeValue(signal)}`);

  const operators: ComparisonOperator[] = [];
  for (const key of keys) {
    if (key === "signal") continue;
    if (isComparisonOperator(key)) operators.push(key);
    else {
      const suggestion = suggestOperator(key);
      report.error(
        "POL-014",
        memberPath(path, key),
        `unknown operator ${JSON.stringify(key.slice(0, 64))}${suggestion === undefined ? "" : `; did you mean "${suggestion}"?`}`,
      );
    }
  }
  if (operators.length === 0 && keys.length === (hasOwn(leaf, "signal") ? 1 : 0)) {
    report.error("POL-013", path, "a leaf condition needs exactly one operator, found none");
  } else if (operators.length > 1) {
    report.error(
      "POL-013",
      path,
      `a leaf condition has exactly one operator, found ${operators.join(", ")}`,
    );
  }
  if (typeof signal !== "string" || declared === undefined) return;

  const declaration = declared.get(signal);
  if (declaration === undefined) {
    report.error(
      "POL-015",
      signalPath,
      `signal ${JSON.stringify(signal.slice(0, 64))} is not declared in signalsSchema`,
    );
    return;
  }
  const type = declaration.type;
  if (type === undefined) return; // its declaration is already reported
  for (const operator of operators) {
    const operatorPath = memberPath(path, operator);
    if (!OPERATORS_BY_TYPE[type].includes(operator)) {
      report.error(
        "POL-016",
        operatorPath,
        `operator ${operator} is not valid for ${type} signal "${signal}"; use ${OPERATORS_BY_TYPE[type].join(", ")}`,
      );
      continue;
    }
    checkOperand(leaf[operator], operator, operatorPath, signal, declaration, type, report);
  }
}

function checkOperand(
  operand: unknown,
  operator: ComparisonOperator,
  path: string,
  signal: string,
  declaration: DeclaredSignal,
  type: SignalType,
  report: ProblemReport,
): void {
  if (isMembershipOperator(operator)) {
    if (!isPlainArray(operand) || operand.length === 0) {
      const got = isPlainArray(operand) ? "an empty array" : describeValue(operand);
      report.error(
        "POL-017",
        path,
        `${operator} needs a non-empty array of ${typeNoun(type)} for signal "${signal}", got ${got}`,
      );
      return;
    }
    for (let index = 0; index < operand.length; index++) {
      checkScalarOperand(
        operand[index],
        operator,
        indexPath(path, index),
        signal,
        declaration,
        type,
        report,
      );
    }
    return;
  }
  if (Array.isArray(operand)) {
    report.error(
      "POL-017",
      path,
      `${operator} takes a single value for signal "${signal}", got an array; use in / not_in for lists`,
    );
    return;
  }
  checkScalarOperand(operand, operator, path, signal, declaration, type, report);
}

function checkScalarOperand(
  operand: unknown,
  operator: ComparisonOperator,
  path: string,
  signal: string,
  declaration: DeclaredSignal,
  type: SignalType,
  report: ProblemReport,
): void {
  if (!operandFitsType(operand, type)) {
    report.error(
      "POL-017",
      path,
      `${operator} on ${type} signal "${signal}" needs ${typeNoun(type, true)}, got ${describeValue(operand)}`,
    );
    return;
  }
  if (
    type === "enum" &&
    declaration.values !== undefined &&
    declaration.values.size > 0 &&
    !declaration.values.has(operand as string)
  ) {
    report.error(
      "POL-018",
      path,
      `${JSON.stringify(operand)} is not one of the values of enum signal "${signal}": ${[...declaration.values].map((v) => JSON.stringify(v)).join(", ")}`,
    );
  }
}

function operandFitsType(operand: unknown, type: SignalType): boolean {
  switch (type) {
    case "integer":
      return typeof operand === "number" && Number.isSafeInteger(operand);
    case "number":
      return typeof operand === "number" && Number.isFinite(operand);
    case "boolean":
      return typeof operand === "boolean";
    case "string":
    case "enum":
      return typeof operand === "string";
  }
}

function typeNoun(type: SignalType, singular = false): string {
  const nouns: Record<SignalType, [string, string]> = {
    integer: ["a safe integer", "safe integers"],
    number: ["a finite number", "finite numbers"],
    boolean: ["true or false", "booleans"],
    string: ["a string", "strings"],
    enum: ["a string", "strings"],
  };
  return nouns[type][singular ? 0 : 1];
}

function checkOutcome(rule: Record<string, unknown>, path: string, report: ProblemReport): void {
  if (!hasOwn(rule, "outcome")) {
    report.error("POL-019", path, "rule outcome is missing");
    return;
  }
  const outcome = rule["outcome"];
  if (!isPlainRecord(outcome)) {
    report.error(
      "POL-019",
      path,
      `outcome must be an object { action, requires_override, reason }, got ${describeValue(outcome)}`,
    );
    return;
  }
  checkUnknownMembers(outcome, path, OUTCOME_MEMBERS, "outcome", report);
  const action = outcome["action"];
  if (typeof action !== "string" || action.length === 0) {
    report.error(
      "POL-019",
      memberPath(path, "action"),
      `action must be a non-empty string, got ${describeValue(action)}`,
    );
  }
  const requiresOverride = outcome["requires_override"];
  if (typeof requiresOverride !== "boolean") {
    report.error(
      "POL-019",
      memberPath(path, "requires_override"),
      `requires_override must be true or false, got ${describeValue(requiresOverride)}`,
    );
  }
  const reason = outcome["reason"];
  if (typeof reason !== "string") {
    report.error(
      "POL-019",
      memberPath(path, "reason"),
      `reason must be a string, got ${describeValue(reason)}`,
    );
  }
}

function checkOverrideRoles(roles: unknown, path: string, report: ProblemReport): void {
  if (!isPlainArray(roles) || roles.length === 0) {
    report.error(
      "POL-026",
      path,
      `override_roles must be a non-empty array of role names (omit it to allow any role), got ${describeValue(roles)}`,
    );
    return;
  }
  const seen = new Set<string>();
  for (let index = 0; index < roles.length; index++) {
    const role = roles[index];
    if (typeof role !== "string" || role.length === 0) {
      report.error(
        "POL-026",
        indexPath(path, index),
        `a role must be a non-empty string, got ${describeValue(role)}`,
      );
    } else if (seen.has(role)) {
      report.error(
        "POL-026",
        indexPath(path, index),
        `role ${JSON.stringify(role)} is listed twice`,
      );
    } else seen.add(role);
  }
}

/** POL-021, POL-023, POL-024, POL-025: what the order of the rules makes impossible. */
function checkRuleOrder(
  rules: readonly unknown[],
  conditions: readonly (Condition | undefined)[],
  report: ProblemReport,
): void {
  let catchAll: number | undefined;
  const firstByCondition = new Map<string, number>();
  for (let index = 0; index < conditions.length; index++) {
    const condition = conditions[index];
    if (condition === undefined) continue;
    const path = indexPath("$.rules", index);
    if (catchAll !== undefined) {
      report.warning(
        "POL-023",
        path,
        `rule ${ruleLabel(rules, index)} is unreachable: rule ${ruleLabel(rules, catchAll)} before it always matches`,
      );
      continue;
    }
    if (neverMatches(condition)) {
      report.warning(
        "POL-025",
        memberPath(path, "condition"),
        `rule ${ruleLabel(rules, index)} can never match`,
      );
    } else {
      const key = canonicalKey(condition);
      const earlier = key === undefined ? undefined : firstByCondition.get(key);
      if (earlier !== undefined) {
        report.warning(
          "POL-024",
          memberPath(path, "condition"),
          `rule ${ruleLabel(rules, index)} is shadowed by rule ${ruleLabel(rules, earlier)}, which has the same condition`,
        );
      } else if (key !== undefined) firstByCondition.set(key, index);
    }
    if (alwaysMatches(condition)) catchAll = index;
  }
  // Only meaningful when every condition could be analysed.
  if (catchAll === undefined && conditions.every((condition) => condition !== undefined)) {
    report.warning(
      "POL-021",
      "$.rules",
      "no rule always matches (no catch-all); signals that match no rule fail with SYS-006",
    );
  }
}

function canonicalKey(condition: Condition): string | undefined {
  try {
    return canonicalize(condition);
  } catch {
    return undefined; // not plain JSON: reported as POL-030 by checkPlainJson
  }
}

function ruleLabel(rules: readonly unknown[], index: number): string {
  const rule = rules[index];
  const id = isPlainRecord(rule) ? rule["id"] : undefined;
  return typeof id === "string"
    ? `${JSON.stringify(id.slice(0, 64))} ($.rules[${index}])`
    : `$.rules[${index}]`;
}

function checkUnknownMembers(
  record: Record<string, unknown>,
  path: string,
  known: readonly string[],
  what: string,
  report: ProblemReport,
): void {
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) {
      report.error(
        "POL-027",
        memberPath(path, key),
        `unknown ${what} member ${JSON.stringify(key.slice(0, 64))}; allowed: ${known.join(", ")}`,
      );
    }
  }
}

function checkDescription(
  record: Record<string, unknown>,
  path: string,
  report: ProblemReport,
): void {
  if (hasOwn(record, "description") && typeof record["description"] !== "string") {
    report.error(
      "POL-027",
      memberPath(path, "description"),
      `description must be a string, got ${describeValue(record["description"])}`,
    );
  }
}

// Whatever the structural checks cannot see (lone surrogates, symbol keys, holes) still has to
// hash: the document must be exactly representable as canonical JSON.
function checkPlainJson(json: unknown, report: ProblemReport): void {
  try {
    canonicalize(json);
  } catch (error) {
    const path =
      ParmanaError.isInstance(error) && typeof error.details?.["path"] === "string"
        ? error.details["path"]
        : "$";
    const message = error instanceof Error ? error.message : String(error);
    report.error("POL-030", path, `the policy is not plain JSON: ${message}`);
  }
}
