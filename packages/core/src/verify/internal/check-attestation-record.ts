import { describeUntrusted as describe, isPlainRecord } from "../../internal/type-checks.js";
import { isProvenanceTrustLevel } from "../../signal-provenance/trust-level-order.js";
import { parseInstant } from "../../internal/iso-time.js";

/** Where the record checks write what they find. */
export interface RecordFindings {
  readonly errors: string[];
  readonly warnings: string[];
}

type FieldFormat =
  | "nonEmptyString"
  | "string"
  | "hex64"
  | "sha256"
  | "semver"
  | "isoUtc"
  | "decision"
  | "state"
  | "provenance";

// Every field of ExecutionAttestation and its format; `provenance` is the only optional one.
const FIELD_FORMATS: ReadonlyMap<string, FieldFormat> = new Map<string, FieldFormat>([
  ["executionId", "nonEmptyString"],
  ["execution_fingerprint", "hex64"],
  ["policyId", "nonEmptyString"],
  ["policyVersion", "semver"],
  ["schemaVersion", "semver"],
  ["runtimeVersion", "semver"],
  ["runtimeHash", "sha256"],
  ["decision", "decision"],
  ["execution_state", "state"],
  ["signalsHash", "hex64"],
  ["bundleHash", "sha256"],
  ["manifestHash", "sha256"],
  ["releaseManifestHash", "sha256"],
  ["evaluatorHash", "sha256"],
  ["evaluatorSemanticHash", "sha256"],
  ["evaluatorArtifactHash", "sha256"],
  ["manifestSignature", "string"],
  ["trustRootVersion", "nonEmptyString"],
  ["signerKeyId", "nonEmptyString"],
  ["issuedAt", "isoUtc"],
  ["provenance", "provenance"],
  ["signature", "nonEmptyString"],
]);

// The same, as two lists: walked on every verification without an entry array per field.
const FIELD_NAMES: readonly string[] = [...FIELD_FORMATS.keys()];
const FIELD_FORMAT_LIST: readonly FieldFormat[] = [...FIELD_FORMATS.values()];

const HEX64 = /^[0-9a-f]{64}$/;
const SHA256 = /^sha256:[0-9a-f]{64}$/;
// Semantic Versioning 2.0.0 §2, §9, §10 (the regular expression the spec suggests).
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
// What Date#toISOString writes (UTC, "Z"); fractional digits optional for records from elsewhere.
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

const PROVENANCE_COUNTS = [
  "signalsWithProvenance",
  "verifiedSignals",
  "unverifiedSignals",
] as const;
const PROVENANCE_FIELDS: ReadonlySet<string> = new Set([
  "provenanceHash",
  "minimumTrustLevel",
  ...PROVENANCE_COUNTS,
]);
const DECISION_FIELDS: ReadonlySet<string> = new Set(["action", "requires_override", "reason"]);

/**
 * Checks that a record is a well-formed attestation: every field present with its type and
 * format, no unknown field, `execution_state` consistent with `decision.requires_override`.
 * Writes `[INV-VERIFY-0xx]` errors and warnings; never throws.
 *
 * @param record - the candidate attestation
 * @param findings - where errors and warnings go
 */
export function checkAttestationRecord(
  record: Readonly<Record<string, unknown>>,
  findings: RecordFindings,
): void {
  for (let index = 0; index < FIELD_NAMES.length; index++) {
    const field = FIELD_NAMES[index] as string;
    const format = FIELD_FORMAT_LIST[index] as FieldFormat;
    const present = Object.prototype.hasOwnProperty.call(record, field);
    if (!present) {
      if (field !== "provenance") findings.errors.push(`[INV-VERIFY-001] missing field ${field}`);
      continue;
    }
    checkField(index, format, record[field], findings);
  }
  const names = Object.keys(record);
  // Records of one layout come one after another: names equal to the last ones found all known
  // need no lookup each (the kept array is never changed).
  if (!sameNames(names, lastKnownNames)) {
    let known = true;
    for (const field of names) {
      if (!FIELD_FORMATS.has(field)) {
        known = false;
        findings.errors.push(`[INV-VERIFY-012] unknown field ${JSON.stringify(field)}`);
      }
    }
    if (known) lastKnownNames = names;
  }
  const decision = record["decision"];
  const state = record["execution_state"];
  if (
    isPlainRecord(decision) &&
    typeof decision["requires_override"] === "boolean" &&
    (state === "completed" || state === "pending_override")
  ) {
    const expected = decision["requires_override"] ? "pending_override" : "completed";
    if (state !== expected) {
      findings.errors.push(
        `[INV-VERIFY-007] execution_state is "${state}" but decision.requires_override is ${String(decision["requires_override"])}`,
      );
    }
  }
  if (
    typeof record["evaluatorHash"] === "string" &&
    typeof record["evaluatorSemanticHash"] === "string" &&
    record["evaluatorHash"] !== record["evaluatorSemanticHash"]
  ) {
    findings.warnings.push(
      "[INV-VERIFY-013] evaluatorHash (deprecated alias) differs from evaluatorSemanticHash",
    );
  }
}

/**
 * What `verifyAttestation` would object to in one field's value (empty when it accepts it).
 * `executeFromSignals` runs it on fields it takes from options so it never signs what it would
 * refuse.
 *
 * @param field - an attestation field name
 * @param value - its candidate value
 * @returns the `[INV-VERIFY-0xx]` findings
 */
export function attestationFieldErrors(field: string, value: unknown): string[] {
  const index = FIELD_NAMES.indexOf(field);
  const findings: RecordFindings = { errors: [], warnings: [] };
  if (index >= 0) checkField(index, FIELD_FORMAT_LIST[index] as FieldFormat, value, findings);
  return findings.errors;
}

// The names of the last record whose every name is a field above.
let lastKnownNames: readonly string[] = [];

function sameNames(names: readonly string[], known: readonly string[]): boolean {
  if (names.length !== known.length) return false;
  for (let index = 0; index < names.length; index++) {
    if (names[index] !== known[index]) return false;
  }
  return true;
}

/** Checks the value of field number `index` (in FIELD_NAMES) against its format. */
function checkField(
  index: number,
  format: FieldFormat,
  value: unknown,
  findings: RecordFindings,
): void {
  const field = FIELD_NAMES[index] as string;
  switch (format) {
    case "string":
      if (typeof value !== "string") wrongType(field, "a string", value, findings);
      return;
    case "nonEmptyString":
      if (typeof value !== "string") wrongType(field, "a string", value, findings);
      else if (value.length === 0) findings.errors.push(`[INV-VERIFY-008] ${field} is empty`);
      return;
    case "hex64":
      checkPattern(index, value, HEX64, "64 lowercase hex characters", findings);
      return;
    case "sha256":
      checkPattern(index, value, SHA256, '"sha256:" and 64 lowercase hex characters', findings);
      return;
    case "semver":
      checkPattern(index, value, SEMVER, "a semantic version", findings);
      return;
    case "isoUtc":
      // The last time accepted (pattern and calendar) is accepted again without parsing it.
      if (value === lastRealTime) return;
      if (checkPattern(index, value, ISO_UTC, "an ISO-8601 UTC time", findings)) {
        // Date.parse alone would take 2026-02-30 as March 2nd and 24:00 as the next midnight.
        if (parseInstant(value) === undefined)
          findings.errors.push(`[INV-VERIFY-008] ${field} is not a real time`);
        else lastRealTime = value as string;
      }
      return;
    case "state":
      if (value !== "completed" && value !== "pending_override") {
        findings.errors.push(
          `[INV-VERIFY-001] execution_state must be "completed" or "pending_override", got ${describe(value)}`,
        );
      }
      return;
    case "decision":
      checkDecision(value, findings);
      return;
    case "provenance":
      checkProvenance(value, findings);
      return;
  }
}

function checkDecision(value: unknown, findings: RecordFindings): void {
  if (!isPlainRecord(value)) {
    wrongType("decision", "an object", value, findings);
    return;
  }
  if (typeof value["action"] !== "string")
    wrongType("decision.action", "a string", value["action"], findings);
  else if (value["action"].length === 0)
    findings.errors.push("[INV-VERIFY-008] decision.action is empty");
  if (typeof value["requires_override"] !== "boolean") {
    wrongType("decision.requires_override", "a boolean", value["requires_override"], findings);
  }
  if (typeof value["reason"] !== "string")
    wrongType("decision.reason", "a string", value["reason"], findings);
  for (const key of Object.keys(value)) {
    if (!DECISION_FIELDS.has(key))
      findings.errors.push(
        `[INV-VERIFY-012] unknown field decision.${JSON.stringify(key).slice(1, -1)}`,
      );
  }
}

function checkProvenance(value: unknown, findings: RecordFindings): void {
  if (!isPlainRecord(value)) {
    wrongType("provenance", "an object", value, findings);
    return;
  }
  const hash = value["provenanceHash"];
  if (hash !== null && !(typeof hash === "string" && SHA256.test(hash))) {
    findings.errors.push(
      `[INV-VERIFY-008] provenance.provenanceHash must be null or "sha256:<64 hex>", got ${describe(hash)}`,
    );
  }
  for (const count of PROVENANCE_COUNTS) {
    const n = value[count];
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
      findings.errors.push(
        `[INV-VERIFY-001] provenance.${count} must be a non-negative integer, got ${describe(n)}`,
      );
    }
  }
  const level = value["minimumTrustLevel"];
  if (level !== null && !isProvenanceTrustLevel(level)) {
    findings.errors.push(
      `[INV-VERIFY-001] provenance.minimumTrustLevel must be null or a trust level, got ${describe(level)}`,
    );
  }
  for (const key of Object.keys(value)) {
    if (!PROVENANCE_FIELDS.has(key))
      findings.errors.push(
        `[INV-VERIFY-012] unknown field provenance.${JSON.stringify(key).slice(1, -1)}`,
      );
  }
}

function checkPattern(
  index: number,
  value: unknown,
  pattern: RegExp,
  expected: string,
  findings: RecordFindings,
): boolean {
  const field = FIELD_NAMES[index] as string;
  if (typeof value !== "string") {
    wrongType(field, "a string", value, findings);
    return false;
  }
  // Most hashes and versions repeat from one attestation to the next: a value equal to the last
  // one accepted for the same field is accepted without running the pattern again.
  if (lastAccepted[index] === value) return true;
  if (!pattern.test(value)) {
    findings.errors.push(`[INV-VERIFY-008] ${field} must be ${expected}, got ${describe(value)}`);
    return false;
  }
  lastAccepted[index] = value;
  return true;
}

// Each field has one pattern (FIELD_FORMATS), so the field's index keys its last accepted value.
const lastAccepted: (string | undefined)[] = FIELD_NAMES.map(() => undefined);
// issuedAt is the only isoUtc field: its last value that passed the pattern and names a real instant.
let lastRealTime: string | undefined;

function wrongType(
  field: string,
  expected: string,
  value: unknown,
  findings: RecordFindings,
): void {
  findings.errors.push(`[INV-VERIFY-001] ${field} must be ${expected}, got ${describe(value)}`);
}
