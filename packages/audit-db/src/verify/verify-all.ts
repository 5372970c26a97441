import {
  createTrustRootVerifier,
  StoreError,
  verifyAttestation,
  type TrustRoot,
  type Verifier,
  type VerifyAttestationOptions,
} from "@parmanasystems/core";
import type { SqlExecutor } from "../connection/driver.types.js";
import type { AuditTables } from "../connection/schema-name.js";
import { scanDecisions, scanFilter, type StoredDecision } from "../export/scan-decisions.js";
import { decisionWhere } from "../query/decision-filter.js";
import { SqlParams } from "../query/sql-params.js";

/** Options of `verifyAll`: a verifier or a trust root, and optional progress reporting. */
export interface VerifyAllOptions {
  /** Verifies signatures (the issuer's public key). Give this or `trustRoot`. */
  readonly verifier?: Verifier;
  /** A trust root: each attestation's key is chosen by its signerKeyId. */
  readonly trustRoot?: TrustRoot;
  /** Passed to verifyAttestation (trusted runtimes, supported schema versions). */
  readonly verifyOptions?: Omit<VerifyAttestationOptions, "signals" | "trustRoot" | "policy">;
  /** Only decisions matching this query (same members as queryDecisions, without paging). */
  readonly filter?: Readonly<Record<string, unknown>>;
  /** Called after each page with the rows checked so far and the total to check. */
  readonly onProgress?: (progress: { readonly checked: number; readonly total: number }) => void;
  /** Most failing rows listed in the result (the counts stay exact). Default 10,000. */
  readonly maxListed?: number;
  /** Rows read per page. Default 1,000. */
  readonly batchSize?: number;
}

/** One stored decision that no longer verifies. */
export interface VerifyAllFailure {
  /** The row id (bigserial as a string). */
  readonly id: string;
  readonly execution_id: string;
  /** Why: the verifier's `[CODE]` errors and the stored columns that disagree with the attestation. */
  readonly errors: readonly string[];
}

/** What `verifyAll` found. */
export interface VerifyAllResult {
  readonly checked: number;
  readonly valid: number;
  readonly invalid: number;
  /** The rows that failed, in recording order (at most `maxListed`). */
  readonly failures: readonly VerifyAllFailure[];
  /** True when more rows failed than were listed. */
  readonly truncated: boolean;
}

const OPTION_NAMES = new Set([
  "verifier",
  "trustRoot",
  "verifyOptions",
  "filter",
  "onProgress",
  "maxListed",
  "batchSize",
]);

/**
 * Re-verifies every stored decision: the attestation's signature and record with core's
 * verifier, the stored signals against its signalsHash and fingerprint, and every indexed
 * column against the attestation itself, so an edit to any of them (by someone who disabled the
 * append-only triggers) names the row. (The attestation column itself is covered by its
 * signature.)
 *
 * @throws StoreError `STORE-001` for bad options, `STORE-056` for a bad filter
 */
export async function verifyAllDecisions(
  db: SqlExecutor,
  tables: AuditTables,
  options: VerifyAllOptions,
): Promise<VerifyAllResult> {
  const { verifier, maxListed, batchSize } = readOptions(options);
  const total = await countRows(db, tables, options.filter);
  let checked = 0;
  let valid = 0;
  let invalid = 0;
  const failures: VerifyAllFailure[] = [];
  // Built once: each row adds only its signals.
  const base: Omit<VerifyAttestationOptions, "policy"> = {
    ...options.verifyOptions,
    ...(options.trustRoot === undefined ? {} : { trustRoot: options.trustRoot }),
  };
  for await (const page of scanDecisions(db, tables, options.filter, batchSize)) {
    for (let index = 0; index < page.length; index++) {
      const row = page[index] as StoredDecision;
      const verdict = verifyAttestation(
        row.attestation,
        verifier,
        row.signals === null ? base : { ...base, signals: row.signals },
      );
      const result = isPromise(verdict) ? await verdict : verdict;
      const errors = columnProblems(row, result.valid ? [] : [...result.errors]);
      checked += 1;
      if (errors.length === 0) valid += 1;
      else {
        invalid += 1;
        if (failures.length < maxListed)
          failures.push({ id: row.id, execution_id: row.execution_id, errors });
      }
      // A synchronous verifier never yields: let the event loop read the next page (already
      // requested) off the socket now and then, so Postgres keeps sending while rows are checked.
      if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    }
    options.onProgress?.({ checked, total: Math.max(total, checked) });
  }
  return { checked, valid, invalid, failures, truncated: invalid > failures.length };
}

// Rows checked between turns of the event loop.
const YIELD_EVERY = 64;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/**
 * Adds to `errors` every stored column that differs from the signed attestation's value.
 *
 * @returns `errors`
 */
function columnProblems(row: StoredDecision, errors: string[]): string[] {
  const attestation = row.attestation;
  if (typeof attestation !== "object" || attestation === null) return errors;
  const signed = attestation as Record<string, unknown>;
  const decision = signed["decision"] as Record<string, unknown> | undefined;
  expect(errors, "execution_id", row.execution_id, signed["executionId"]);
  expect(
    errors,
    "execution_fingerprint",
    row.execution_fingerprint,
    signed["execution_fingerprint"],
  );
  expect(errors, "policy_id", row.policy_id, signed["policyId"]);
  expect(errors, "policy_version", row.policy_version, signed["policyVersion"]);
  expect(errors, "schema_version", row.schema_version, signed["schemaVersion"]);
  expect(errors, "runtime_version", row.runtime_version, signed["runtimeVersion"]);
  expect(errors, "runtime_hash", row.runtime_hash, signed["runtimeHash"]);
  expect(errors, "decision", row.decision, decision?.["action"]);
  expect(errors, "requires_override", row.requires_override, decision?.["requires_override"]);
  expect(errors, "execution_state", row.execution_state, signed["execution_state"]);
  expect(errors, "signals_hash", row.signals_hash, signed["signalsHash"]);
  expect(errors, "bundle_hash", row.bundle_hash, signed["bundleHash"]);
  expect(errors, "signer_key_id", row.signer_key_id, signed["signerKeyId"]);
  expect(errors, "signature", row.signature, signed["signature"]);
  const issuedAt = Date.parse(String(signed["issuedAt"]));
  expect(errors, "executed_at", new Date(row.executed_at).getTime(), issuedAt);
  return errors;
}

function expect(errors: string[], column: string, stored: unknown, signed: unknown): void {
  if (stored !== signed)
    errors.push(
      `[STORE-003] column ${column} (${JSON.stringify(String(stored).slice(0, 80))}) differs from the signed attestation (${JSON.stringify(String(signed).slice(0, 80))})`,
    );
}

async function countRows(db: SqlExecutor, tables: AuditTables, filter: unknown): Promise<number> {
  const params = new SqlParams();
  const where = decisionWhere(scanFilter(filter), params);
  const result = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM ${tables.decisions} d
     ${where.clauses.length === 0 ? "" : `WHERE ${where.clauses.join(" AND ")}`}`,
    params.values,
  );
  return Number(result.rows[0]?.n ?? 0);
}

function readOptions(options: VerifyAllOptions): {
  verifier: Verifier;
  maxListed: number;
  batchSize: number;
} {
  if (typeof options !== "object" || options === null)
    throw optionError("verifyAll needs options { verifier } or { trustRoot }");
  const unknown = Object.keys(options).filter((key) => !OPTION_NAMES.has(key));
  if (unknown.length > 0)
    throw optionError(
      `verifyAll has no option ${JSON.stringify(unknown[0])}; known: ${[...OPTION_NAMES].join(", ")}`,
    );
  let verifier = options.verifier;
  if (verifier === undefined && options.trustRoot !== undefined)
    verifier = createTrustRootVerifier(options.trustRoot);
  if (verifier === undefined || typeof verifier.verify !== "function")
    throw optionError(
      "verifyAll needs a verifier (with verify(payload, signature)) or a trustRoot",
    );
  if (options.onProgress !== undefined && typeof options.onProgress !== "function")
    throw optionError("onProgress must be a function");
  const maxListed = options.maxListed ?? 10_000;
  const batchSize = options.batchSize ?? 1000;
  for (const [name, value, max] of [
    ["maxListed", maxListed, 1_000_000],
    ["batchSize", batchSize, 10_000],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1 || value > max)
      throw optionError(`${name} must be a whole number from 1 to ${max}`);
  }
  return { verifier, maxListed, batchSize };
}

function optionError(message: string): StoreError {
  return new StoreError("STORE-001", message, { details: { option: "verifyAll" } });
}
