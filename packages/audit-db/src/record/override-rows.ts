import { StoreError, type OverrideRecord } from "@parmanasystems/core";
import { isIsoDateTime } from "@parmanasystems/core/internal";
import type { SqlExecutor } from "../connection/driver.types.js";
import type { AuditTables } from "../connection/schema-name.js";
import { requiredText } from "./check-records.js";
import { assertStorable, plainSnapshot } from "./storable-values.js";

/** A signed override record, checked. */
export interface CheckedOverride {
  readonly record: OverrideRecord;
  readonly json: string;
  readonly signatureType: string | null;
}

/**
 * Checks `recordOverride(record)`: the fields of a signed override record (`approveOverride` /
 * `rejectOverride`), each of its type.
 *
 * @throws StoreError `STORE-054` wrong shape, `STORE-055` NUL or too large
 */
export function checkOverride(
  record: unknown,
  signatureType: unknown,
  maxBytes: number,
): CheckedOverride {
  const snap = plainSnapshot(record, "the override record", "STORE-054");
  const value = snap.value as Record<string, unknown>;
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new StoreError("STORE-054", "the override record must be an object; nothing was written");
  for (const field of [
    "overrideId",
    "executionId",
    "execution_fingerprint",
    "attestationHash",
    "resolved_by",
    "approver_role",
    "reason",
    "resolvedAt",
    "policyId",
    "policyVersion",
    "signature",
  ]) {
    requiredText(value[field], field);
  }
  if (value["decision"] !== "approved" && value["decision"] !== "rejected")
    throw new StoreError(
      "STORE-054",
      'the override record decision must be "approved" or "rejected"; nothing was written',
    );
  const original = value["original_decision"];
  if (typeof original !== "object" || original === null || Array.isArray(original))
    throw new StoreError(
      "STORE-054",
      "the override record original_decision must be an object; nothing was written",
    );
  // The reading verifyOverride has: Date.parse alone takes "May 1 2026" in local time, and
  // 2026-02-30 as March 2nd.
  if (!isIsoDateTime(value["resolvedAt"]))
    throw new StoreError(
      "STORE-054",
      "the override record resolvedAt must be an ISO-8601 date-time with a time zone; nothing was written",
    );
  if (signatureType !== undefined && typeof signatureType !== "string")
    throw new StoreError("STORE-054", "signatureType must be a string; nothing was written");
  assertStorable(snap.canonical, () => value, "the override record", maxBytes);
  return {
    record: value as unknown as OverrideRecord,
    json: snap.canonical,
    signatureType: signatureType ?? null,
  };
}

/**
 * Appends the resolution row of an override. Once per execution: the same record again is a
 * duplicate, a different one `STORE-004`.
 *
 * @returns `"recorded"` or `"duplicate"`
 * @throws StoreError `STORE-004`
 */
export async function insertOverrideResolution(
  db: SqlExecutor,
  tables: AuditTables,
  checked: CheckedOverride,
): Promise<"recorded" | "duplicate"> {
  const r = checked.record;
  const inserted = await db.query(
    `INSERT INTO ${tables.overrides} (
       execution_id, execution_fingerprint, policy_id, policy_version, schema_version, decision,
       attestation_hash, resolution_status, approved_by, approver_role, reason, override_id,
       override_signature, signature_type, override_record, resolved_at)
     SELECT $1, $2, $3, $4,
       (SELECT schema_version FROM ${tables.decisions} WHERE execution_id = $1),
       $5::jsonb, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15::timestamptz
     ON CONFLICT (execution_id) WHERE resolution_status <> 'pending' DO NOTHING`,
    [
      r.executionId,
      r.execution_fingerprint,
      r.policyId,
      r.policyVersion,
      JSON.stringify(r.original_decision),
      r.attestationHash,
      r.decision,
      r.resolved_by,
      r.approver_role,
      r.reason,
      r.overrideId,
      r.signature,
      checked.signatureType,
      checked.json,
      r.resolvedAt,
    ],
  );
  if (inserted.rowCount === 1) return "recorded";
  const existing = await db.query<{
    override_id: string | null;
    override_signature: string | null;
  }>(
    `SELECT override_id, override_signature FROM ${tables.overrides}
     WHERE execution_id = $1 AND resolution_status <> 'pending'`,
    [r.executionId],
  );
  const row = existing.rows[0];
  if (
    row !== undefined &&
    row.override_id === r.overrideId &&
    row.override_signature === r.signature
  )
    return "duplicate";
  throw new StoreError(
    "STORE-004",
    `the override of execution ${r.executionId} is already recorded with a different record; an execution is resolved once, nothing was written`,
    { details: { executionId: r.executionId } },
  );
}
