import { StoreError } from "@parmanasystems/core";
import type {
  ApiAccessInput,
  CheckState,
  SecurityEventInput,
  SecuritySeverity,
} from "../audit-db.types.js";
import { assertStorable, plainSnapshot } from "./storable-values.js";

const SEVERITIES: readonly SecuritySeverity[] = ["low", "medium", "high", "critical"];
/** The documented severity of each documented event type. */
export const DEFAULT_SEVERITY: Readonly<Record<string, SecuritySeverity>> = Object.freeze({
  replay_attempt: "high",
  signature_failure: "critical",
  invalid_policy: "high",
  rate_limit_exceeded: "medium",
  unauthorized_access: "high",
});
const EVENT_MEMBERS = new Set([
  "event_type",
  "severity",
  "ip_address",
  "path",
  "method",
  "user_agent",
  "execution_id",
  "details",
]);
const ACCESS_MEMBERS = new Set([
  "method",
  "path",
  "status_code",
  "response_time_ms",
  "ip_address",
  "user_agent",
  "execution_id",
]);
const MAX_TEXT = 4096;

/** A verification result as stored. */
export interface CheckedVerification {
  readonly executionId: string;
  readonly valid: boolean;
  readonly checks: Readonly<
    Record<"signature_verified" | "runtime_verified" | "schema_compatible" | "governed", CheckState>
  >;
  readonly errors: string;
}

/**
 * Checks `recordVerification(executionId, result)`.
 *
 * @throws StoreError `STORE-054` wrong shape, `STORE-055` NUL or too large
 */
export function checkVerification(
  executionId: unknown,
  result: unknown,
  maxBytes: number,
): CheckedVerification {
  const id = requiredText(executionId, "executionId");
  const snap = plainSnapshot(result, "the verification result", "STORE-054");
  const value = snap.value as Record<string, unknown>;
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalid("the verification result must be an object { valid, checks, errors }");
  if (typeof value["valid"] !== "boolean") throw invalid("verification valid must be a boolean");
  const checks = value["checks"] ?? {};
  if (typeof checks !== "object" || checks === null || Array.isArray(checks))
    throw invalid("verification checks must be an object of booleans");
  const state = (name: string): CheckState => {
    const check = (checks as Record<string, unknown>)[name];
    if (check === undefined) return "unknown";
    if (typeof check !== "boolean") throw invalid(`verification checks.${name} must be a boolean`);
    return check ? "verified" : "failed";
  };
  const errors = value["errors"] ?? [];
  if (!Array.isArray(errors) || !errors.every((e) => typeof e === "string"))
    throw invalid("verification errors must be an array of strings");
  assertStorable(snap.canonical, () => value, "the verification result", maxBytes);
  return {
    executionId: id,
    valid: value["valid"],
    checks: {
      signature_verified: state("signature_verified"),
      runtime_verified: state("runtime_verified"),
      schema_compatible: state("schema_compatible"),
      governed: state("governed"),
    },
    errors: JSON.stringify(errors),
  };
}

/** A security event as stored. */
export interface CheckedSecurityEvent {
  readonly event_type: string;
  readonly severity: SecuritySeverity;
  readonly ip_address: string | null;
  readonly path: string | null;
  readonly method: string | null;
  readonly user_agent: string | null;
  readonly execution_id: string | null;
  readonly details: string | null;
}

/**
 * Checks `recordSecurityEvent(event)`: unknown members, types, severity (the documented default
 * for documented types; required for others).
 *
 * @throws StoreError `STORE-054`, `STORE-055`
 */
export function checkSecurityEvent(event: unknown, maxBytes: number): CheckedSecurityEvent {
  const snap = plainSnapshot(event, "the security event", "STORE-054");
  const value = members(
    snap.value,
    EVENT_MEMBERS,
    "the security event",
  ) as unknown as SecurityEventInput;
  const eventType = requiredText(value.event_type, "event_type");
  const severity = value.severity ?? DEFAULT_SEVERITY[eventType];
  if (severity === undefined)
    throw invalid(
      `severity is required for the event type ${JSON.stringify(eventType.slice(0, 64))} (low, medium, high or critical)`,
    );
  if (!SEVERITIES.includes(severity))
    throw invalid(
      `severity must be low, medium, high or critical, got ${JSON.stringify(String(severity).slice(0, 40))}`,
    );
  const details = value.details;
  if (
    details !== undefined &&
    (typeof details !== "object" || details === null || Array.isArray(details))
  )
    throw invalid("details must be an object");
  assertStorable(snap.canonical, () => snap.value, "the security event", maxBytes);
  return {
    event_type: eventType,
    severity,
    ip_address: optionalText(value.ip_address, "ip_address"),
    path: optionalText(value.path, "path"),
    method: optionalText(value.method, "method"),
    user_agent: optionalText(value.user_agent, "user_agent"),
    execution_id: optionalText(value.execution_id, "execution_id"),
    details: details === undefined ? null : JSON.stringify(details),
  };
}

/** An API access record as stored. */
export interface CheckedApiAccess {
  readonly method: string;
  readonly path: string;
  readonly status_code: number;
  readonly response_time_ms: number;
  readonly ip_address: string | null;
  readonly user_agent: string | null;
  readonly execution_id: string | null;
}

/**
 * Checks `recordApiAccess(access)`.
 *
 * @throws StoreError `STORE-054`, `STORE-055`
 */
export function checkApiAccess(access: unknown, maxBytes: number): CheckedApiAccess {
  const snap = plainSnapshot(access, "the API access record", "STORE-054");
  const value = members(
    snap.value,
    ACCESS_MEMBERS,
    "the API access record",
  ) as unknown as ApiAccessInput;
  const status = value.status_code;
  if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 999)
    throw invalid("status_code must be a whole number from 100 to 999");
  const time = value.response_time_ms;
  if (typeof time !== "number" || !Number.isFinite(time) || time < 0)
    throw invalid("response_time_ms must be a finite number >= 0");
  assertStorable(snap.canonical, () => snap.value, "the API access record", maxBytes);
  return {
    method: requiredText(value.method, "method"),
    path: requiredText(value.path, "path"),
    status_code: status,
    response_time_ms: time,
    ip_address: optionalText(value.ip_address, "ip_address"),
    user_agent: optionalText(value.user_agent, "user_agent"),
    execution_id: optionalText(value.execution_id, "execution_id"),
  };
}

/** A required non-empty string field. */
export function requiredText(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length === 0)
    throw invalid(`${field} must be a non-empty string`);
  return checkText(value, field);
}

function optionalText(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw invalid(`${field} must be a string`);
  return checkText(value, field);
}

function checkText(value: string, field: string): string {
  if (value.length > MAX_TEXT) throw invalid(`${field} is longer than ${MAX_TEXT} characters`);
  if (value.includes("\u0000"))
    throw new StoreError(
      "STORE-055",
      `${field} holds a NUL character (U+0000), which Postgres cannot store; nothing was written`,
      { details: { path: field } },
    );
  return value;
}

function members(
  value: unknown,
  allowed: ReadonlySet<string>,
  what: string,
): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalid(`${what} must be an object`);
  const unknown = Object.keys(value).filter((key) => !allowed.has(key));
  if (unknown.length > 0)
    throw invalid(
      `${what} has unknown member ${JSON.stringify((unknown[0] ?? "").slice(0, 40))}; known: ${[...allowed].join(", ")}`,
    );
  return value as Record<string, unknown>;
}

function invalid(message: string): StoreError {
  return new StoreError("STORE-054", `${message}; nothing was written`);
}
