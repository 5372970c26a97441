import { StoreError } from "@parmanasystems/core";
import type { DecisionQuery, TimelineFilters } from "../audit-db.types.js";
import { signalConditionSql } from "./signal-condition-sql.js";
import type { SqlParams } from "./sql-params.js";

const QUERY_MEMBERS = new Set([
  "policyId",
  "policyVersion",
  "decision",
  "executionState",
  "from",
  "to",
  "signals",
  "limit",
  "cursor",
]);
const TIMELINE_MEMBERS = new Set(["policy_id", "decision", "from_date", "to_date"]);
const MAX_TEXT = 1024;
const CURSOR = /^c1\.(\d{1,19})$/;

/** Default and largest page size. */
export const DEFAULT_PAGE_SIZE: number = 100;
export const MAX_PAGE_SIZE: number = 1000;

/** WHERE fragments over the `d` alias of the decision timeline, with their parameters. */
export interface DecisionWhere {
  readonly clauses: readonly string[];
  readonly limit: number;
  /** Rows with an id below this one (keyset pagination, newest first). */
  readonly beforeId: string | undefined;
}

/**
 * Reads a `queryDecisions` / `exportDecisions` filter into SQL fragments. Every value goes into
 * `params`.
 *
 * @throws StoreError `STORE-056` for unknown members, wrong types, bad cursors or conditions
 */
export function decisionWhere(filter: unknown, params: SqlParams): DecisionWhere {
  if (filter === undefined) return { clauses: [], limit: DEFAULT_PAGE_SIZE, beforeId: undefined };
  const query = readRecord(filter, QUERY_MEMBERS, "the decision query") as DecisionQuery;
  const clauses: string[] = [];
  if (query.policyId !== undefined)
    clauses.push(`d.policy_id = ${params.add(text(query.policyId, "policyId"))}`);
  if (query.policyVersion !== undefined)
    clauses.push(`d.policy_version = ${params.add(text(query.policyVersion, "policyVersion"))}`);
  if (query.decision !== undefined) {
    if (Array.isArray(query.decision)) {
      if (query.decision.length === 0 || query.decision.length > 100)
        throw invalid("decision must be a non-empty list of at most 100 actions");
      const actions = query.decision.map((value: unknown) => text(value, "decision"));
      clauses.push(`d.decision = ANY(${params.add(actions)}::text[])`);
    } else {
      clauses.push(`d.decision = ${params.add(text(query.decision, "decision"))}`);
    }
  }
  if (query.executionState !== undefined) {
    if (query.executionState !== "completed" && query.executionState !== "pending_override")
      throw invalid('executionState must be "completed" or "pending_override"');
    clauses.push(`d.execution_state = ${params.add(query.executionState)}`);
  }
  if (query.from !== undefined)
    clauses.push(`d.executed_at >= ${params.add(time(query.from, "from"))}::timestamptz`);
  if (query.to !== undefined)
    clauses.push(`d.executed_at < ${params.add(time(query.to, "to"))}::timestamptz`);
  if (query.signals !== undefined)
    clauses.push(signalConditionSql(query.signals, params, "d.signals"));
  let beforeId: string | undefined;
  if (query.cursor !== undefined) {
    const match = typeof query.cursor === "string" ? CURSOR.exec(query.cursor) : null;
    if (match === null) throw invalid("cursor must be the nextCursor of a previous page");
    beforeId = match[1];
    clauses.push(`d.id < ${params.add(beforeId)}::bigint`);
  }
  return { clauses, limit: pageSize(query.limit), beforeId };
}

/**
 * Reads the documented `getDecisionTimeline` filters.
 *
 * @throws StoreError `STORE-056`
 */
export function timelineWhere(limit: unknown, filters: unknown, params: SqlParams): DecisionWhere {
  const clauses: string[] = [];
  if (filters !== undefined) {
    const f = readRecord(filters, TIMELINE_MEMBERS, "the timeline filters") as TimelineFilters;
    if (f.policy_id !== undefined)
      clauses.push(`d.policy_id = ${params.add(text(f.policy_id, "policy_id"))}`);
    if (f.decision !== undefined)
      clauses.push(`d.decision = ${params.add(text(f.decision, "decision"))}`);
    if (f.from_date !== undefined)
      clauses.push(`d.executed_at >= ${params.add(time(f.from_date, "from_date"))}::timestamptz`);
    if (f.to_date !== undefined)
      clauses.push(`d.executed_at <= ${params.add(time(f.to_date, "to_date"))}::timestamptz`);
  }
  return { clauses, limit: pageSize(limit), beforeId: undefined };
}

/** The cursor that continues after the row with this id. */
export function cursorAfter(id: string): string {
  return `c1.${id}`;
}

function pageSize(limit: unknown): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (
    typeof limit !== "number" ||
    !Number.isSafeInteger(limit) ||
    limit < 1 ||
    limit > MAX_PAGE_SIZE
  )
    throw invalid(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  return limit;
}

function readRecord(
  value: unknown,
  members: ReadonlySet<string>,
  what: string,
): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalid(`${what} must be an object`);
  const unknown = Object.keys(value).filter((key) => !members.has(key));
  if (unknown.length > 0) {
    throw invalid(
      `${what} has unknown member${unknown.length > 1 ? "s" : ""} ${unknown
        .slice(0, 5)
        .map((key) => JSON.stringify(key.slice(0, 40)))
        .join(", ")}; known: ${[...members].join(", ")}`,
    );
  }
  return value as Record<string, unknown>;
}

function text(value: unknown, name: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_TEXT)
    throw invalid(`${name} must be a non-empty string of at most ${MAX_TEXT} characters`);
  if (value.includes("\u0000")) throw invalid(`${name} must not contain NUL characters`);
  return value;
}

function time(value: unknown, name: string): string {
  const date =
    value instanceof Date ? value : typeof value === "string" ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime()))
    throw invalid(`${name} must be a Date or an ISO-8601 time`);
  return date.toISOString();
}

function invalid(message: string): StoreError {
  return new StoreError("STORE-056", message);
}
