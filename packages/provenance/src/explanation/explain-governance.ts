import { ProvenanceError } from "@parmanasystems/core";
import {
  describeKind,
  hasOwn,
  isPlainRecord,
  isSha256Hash,
  ownValue,
  textOf,
} from "../internal/lifecycle-guards.js";
import type { InvariantViolation } from "../invariants/invariants.types.js";
import type { ReplayState } from "../lineage-replay/replay.types.js";
import type {
  ExplainGovernanceInput,
  GovernanceExplanation,
} from "./governance-explanation.types.js";

const STATE_LISTS = [
  "lineageHashes",
  "provenanceHashes",
  "executionReceiptHashes",
  "reconciliationHashes",
  "verificationBundleHashes",
  "timelineHashes",
] as const;

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * Turns replay and invariant results into a human-readable explanation: who authorised what,
 * which evidence exists, whether execution was reported and reconciled, and whether integrity
 * holds. Deterministic: the same results give the same text. It explains; it does not verify
 * (run `replayLineage` and `verifyGovernanceInvariants` first, or `verifyGovernanceProof`).
 *
 * `reconciliationConsistent` is true only when a verification bundle is given and its
 * reconciliation reports `match: true`: the lineage alone records that reconciliation happened,
 * not its outcome.
 *
 * @param input - a `replay` (`replayLineage`), its `invariants` (`verifyGovernanceInvariants`),
 *   and optionally the `verificationBundle`
 * @returns the explanation
 * @throws ProvenanceError `PROV-028` when `replay` or `invariants` is malformed
 * @example
 * ```ts
 * const explanation = explainGovernance({ replay, invariants, verificationBundle });
 * console.log(explanation.summary);
 * ```
 */
export function explainGovernance(input: ExplainGovernanceInput): GovernanceExplanation {
  if (!isPlainRecord(input)) fail(`input must be a plain object, got ${describeKind(input)}`);
  const replay = ownValue(input, "replay");
  const invariants = ownValue(input, "invariants");
  const bundle = ownValue(input, "verificationBundle");
  const state = readState(replay);
  const replayValid = ownValue(replay as object, "valid") === true;
  const violations = readViolations(invariants);
  const invariantsValid =
    ownValue(invariants as object, "valid") === true && violations.length === 0;
  if (bundle !== undefined && !isPlainRecord(bundle))
    fail("verificationBundle must be a plain object when given");

  const executionReported = state.executionReceiptHashes.length > 0;
  const reconciliationPerformed = state.reconciliationHashes.length > 0;
  const reconciliation = bundle === undefined ? undefined : ownValue(bundle, "reconciliation");
  const reconciliationConsistent =
    reconciliationPerformed &&
    isPlainRecord(reconciliation) &&
    ownValue(reconciliation, "match") === true;
  const minimumTrustObserved = bundle === undefined ? null : minimumTrust(bundle);

  const observations: string[] = [];
  for (const violation of [...violations].sort(
    (a, b) => (SEVERITY_RANK[a.severity] ?? 4) - (SEVERITY_RANK[b.severity] ?? 4),
  )) {
    observations.push(
      `${violation.severity} invariant violation (${violation.invariant}): ${violation.message}`,
    );
  }
  if (!replayValid)
    observations.push(
      "The lineage replay is not valid; the reconstructed state cannot be relied on.",
    );
  if (state.attestationHash === undefined)
    observations.push("The lineage names no attestation (metadata.attestationHash).");
  if (state.provenanceHashes.length === 0)
    observations.push("No signal provenance was recorded in the lineage.");
  if (!executionReported) observations.push("No execution was reported.");
  if (executionReported && !reconciliationPerformed)
    observations.push("Execution was reported but never reconciled against the authorization.");
  if (reconciliationPerformed && !reconciliationConsistent) {
    observations.push(
      bundle === undefined
        ? "Reconciliation was recorded, but without a verification bundle its outcome is unknown."
        : "The verification bundle does not show a matching reconciliation.",
    );
  }
  if (bundle === undefined) observations.push("No verification bundle was supplied.");

  const intact = replayValid && invariantsValid;
  const subject =
    state.executionId === undefined
      ? "This lineage"
      : `Execution ${JSON.stringify(state.executionId)}`;
  const steps = [
    `${state.eventCount} lineage event(s)`,
    `${state.provenanceHashes.length} provenance record(s)`,
    executionReported ? "execution reported" : "no execution reported",
    reconciliationPerformed
      ? reconciliationConsistent
        ? "reconciliation consistent"
        : "reconciliation recorded"
      : "no reconciliation",
  ];
  const summary = intact
    ? `${subject} is consistent with its governance lineage: ${steps.join(", ")}.`
    : `${subject} FAILS governance integrity: ${replayValid ? "replay valid" : "replay invalid"}, ${violations.length} invariant violation(s); ${steps.join(", ")}.`;

  return {
    summary,
    authorization: {
      ...(state.attestationHash === undefined ? {} : { attestationHash: state.attestationHash }),
      ...(state.executionId === undefined ? {} : { executionId: state.executionId }),
    },
    evidence: {
      provenanceCount: state.provenanceHashes.length,
      verificationBundlePresent: bundle !== undefined,
      minimumTrustObserved,
    },
    execution: { executionReported, reconciliationPerformed, reconciliationConsistent },
    integrity: { replayValid, invariantsValid, violationCount: violations.length },
    observations,
  };
}

function readState(replay: unknown): ReplayState {
  if (!isPlainRecord(replay))
    fail(`replay must be a ReplayResult object, got ${describeKind(replay)}`);
  const state = ownValue(replay, "state");
  if (!isPlainRecord(state)) fail("replay.state must be an object");
  const read: { -readonly [K in keyof ReplayState]?: ReplayState[K] } = {};
  for (const key of STATE_LISTS) {
    const list = ownValue(state, key);
    if (!Array.isArray(list) || !list.every(isSha256Hash))
      fail(`replay.state.${key} must be an array of sha256: hashes`);
    read[key] = [...list];
  }
  const eventCount = ownValue(state, "eventCount");
  if (typeof eventCount !== "number" || !Number.isSafeInteger(eventCount) || eventCount < 0) {
    fail("replay.state.eventCount must be a non-negative integer");
  }
  for (const key of ["executionId", "attestationHash"] as const) {
    const value = ownValue(state, key);
    if (value !== undefined && typeof value !== "string")
      fail(`replay.state.${key} must be a string when present`);
    if (typeof value === "string") read[key] = value;
  }
  return {
    ...(read as ReplayState),
    eventCount,
    reconstructedAt: textOf(ownValue(state, "reconstructedAt")),
  };
}

function readViolations(invariants: unknown): InvariantViolation[] {
  if (!isPlainRecord(invariants))
    fail(
      `invariants must be an InvariantVerificationResult object, got ${describeKind(invariants)}`,
    );
  const violations = ownValue(invariants, "violations");
  if (!Array.isArray(violations)) fail("invariants.violations must be an array");
  return violations.map((violation, index) => {
    if (!isPlainRecord(violation)) fail(`invariants.violations[${index}] must be an object`);
    const invariant = ownValue(violation, "invariant");
    const severity = ownValue(violation, "severity");
    const message = ownValue(violation, "message");
    if (
      typeof invariant !== "string" ||
      typeof message !== "string" ||
      typeof severity !== "string" ||
      !hasOwn(SEVERITY_RANK, severity)
    ) {
      fail(
        `invariants.violations[${index}] must have string invariant and message and a known severity`,
      );
    }
    return { invariant, severity: severity as InvariantViolation["severity"], message };
  });
}

function minimumTrust(bundle: Record<string, unknown>): string | null {
  for (const member of ["provenance", "executionReceipt"]) {
    const record = ownValue(bundle, member);
    if (!isPlainRecord(record)) continue;
    const level = ownValue(record, "minimumTrustLevel");
    if (typeof level === "string") return level;
  }
  return null;
}

function fail(message: string): never {
  throw new ProvenanceError("PROV-028", `explainGovernance: ${message}`);
}
