import {
  StoreError,
  validatePolicy,
  type Condition,
  type PolicyProblem,
  type SignalType,
} from "@parmanasystems/core";
import { plainSnapshot } from "../record/storable-values.js";
import type { SqlParams } from "./sql-params.js";

const COMPOSITES = ["all", "any", "not"] as const;
const ORDERING: Readonly<Record<string, string>> = {
  greater_than: ">",
  greater_than_or_equal: ">=",
  less_than: "<",
  less_than_or_equal: "<=",
};
/** Bounds the work a query condition can ask for. */
const MAX_LEAVES = 256;
const MAX_MEMBERS = 1000;
const MAX_DEPTH = 64;

/**
 * Compiles a policy condition over the stored signals into a SQL predicate. The condition is
 * first validated by core's policy checker (as the only rule of a policy whose signal types are
 * read off the operands), so queries accept exactly the language rules are written in, with the
 * same `POL-` problems. Signal names and operands go into `params`; the SQL text only ever holds
 * fixed fragments and parameter numbers.
 *
 * Semantics follow the evaluator: `equals`, `in` match exact values (numbers numerically);
 * ordering operators match numbers only; a signal absent from a row does not equal anything; a
 * row without stored signals matches no condition.
 *
 * @param condition - the caller's condition
 * @param params - where values are added
 * @param column - the qualified jsonb column, a fixed identifier from this package
 * @returns the predicate
 * @throws StoreError `STORE-056` for an invalid condition (details carry the POL- problems)
 */
export function signalConditionSql(condition: unknown, params: SqlParams, column: string): string {
  const plain = plainSnapshot(condition, "the signals condition", "STORE-056").value;
  validateCondition(plain);
  return `(${column} IS NOT NULL AND ${compile(plain as Condition, params, column)})`;
}

function validateCondition(condition: unknown): void {
  const types = new Map<string, SignalType>();
  const counts = { leaves: 0, members: 0 };
  inferTypes(condition, types, counts, 0);
  if (counts.leaves > MAX_LEAVES || counts.members > MAX_MEMBERS) {
    throw invalid(
      `the signals condition has ${counts.leaves} comparisons and ${counts.members} list members; at most ${MAX_LEAVES} and ${MAX_MEMBERS}`,
      [],
    );
  }
  const signalsSchema: Record<string, { type: SignalType }> = {};
  for (const [name, type] of types) signalsSchema[name] = { type };
  const result = validatePolicy({
    policyId: "audit-query",
    policyVersion: "1.0.0",
    schemaVersion: "1.0.0",
    signalsSchema,
    rules: [
      {
        id: "query",
        condition,
        outcome: { action: "match", requires_override: false, reason: "audit query" },
      },
    ],
  });
  if (!result.valid) {
    const problems = result.errors.map((problem) => ({
      ...problem,
      path: problem.path.replace("$.rules[0].condition", "$.signals"),
    }));
    throw invalid(
      `the signals condition is not a valid policy condition: ${problems
        .slice(0, 3)
        .map(describeProblem)
        .join("; ")}`,
      problems,
    );
  }
}

function inferTypes(
  node: unknown,
  types: Map<string, SignalType>,
  counts: { leaves: number; members: number },
  depth: number,
): void {
  if (depth > MAX_DEPTH || typeof node !== "object" || node === null || Array.isArray(node)) return;
  const record = node as Record<string, unknown>;
  for (const key of COMPOSITES) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    const child = record[key];
    if (Array.isArray(child)) for (const item of child) inferTypes(item, types, counts, depth + 1);
    else inferTypes(child, types, counts, depth + 1);
  }
  const signal = record["signal"];
  if (typeof signal !== "string") return;
  counts.leaves += 1;
  let type: SignalType | undefined;
  for (const [key, operand] of Object.entries(record)) {
    if (key === "signal") continue;
    const sample = Array.isArray(operand)
      ? ((counts.members += operand.length), operand[0])
      : operand;
    if (typeof sample === "number") type = "number";
    else if (typeof sample === "boolean") type = "boolean";
    else if (typeof sample === "string") type = "string";
  }
  // The first leaf of a signal decides its type; a later leaf using another type is reported.
  if (!types.has(signal)) types.set(signal, type ?? "string");
}

function compile(condition: Condition, params: SqlParams, column: string): string {
  const record = condition as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(record, "all")) {
    const children = (record["all"] as Condition[]).map((c) => compile(c, params, column));
    return children.length === 0 ? "TRUE" : `(${children.join(" AND ")})`;
  }
  if (Object.prototype.hasOwnProperty.call(record, "any")) {
    const children = (record["any"] as Condition[]).map((c) => compile(c, params, column));
    return children.length === 0 ? "FALSE" : `(${children.join(" OR ")})`;
  }
  if (Object.prototype.hasOwnProperty.call(record, "not")) {
    return `(NOT ${compile(record["not"] as Condition, params, column)})`;
  }
  const signal = record["signal"] as string;
  for (const [operator, operand] of Object.entries(record)) {
    if (operator === "signal") continue;
    switch (operator) {
      case "equals":
        return contains(signal, operand, params, column);
      case "not_equals":
        return `(NOT ${contains(signal, operand, params, column)})`;
      case "in":
        return `(${(operand as unknown[]).map((v) => contains(signal, v, params, column)).join(" OR ")})`;
      case "not_in":
        return `(NOT (${(operand as unknown[]).map((v) => contains(signal, v, params, column)).join(" OR ")}))`;
      default: {
        const sqlOperator = ORDERING[operator];
        if (sqlOperator === undefined) break;
        const name = params.add(signal);
        const bound = params.add(JSON.stringify(operand));
        // jsonb orders values of different types by type: the type test keeps that out.
        return `COALESCE(jsonb_typeof(${column} -> ${name}::text) = 'number' AND (${column} -> ${name}::text) ${sqlOperator} ${bound}::jsonb, FALSE)`;
      }
    }
  }
  return "FALSE"; // unreachable after validation; fail closed
}

// Containment of { signal: value }: exact for scalars, numeric for numbers, and served by the
// GIN (jsonb_path_ops) index on the signals column.
function contains(signal: string, value: unknown, params: SqlParams, column: string): string {
  return `(${column} @> ${params.add(JSON.stringify({ [signal]: value }))}::jsonb)`;
}

function describeProblem(problem: PolicyProblem): string {
  return `[${problem.code}] ${problem.path}: ${problem.message}`;
}

function invalid(message: string, problems: readonly PolicyProblem[]): StoreError {
  return new StoreError("STORE-056", message, { details: { problems } });
}
