import { MARKS, type Style } from "../cli/style.js";
import { escapeControls } from "../io/escape-controls.js";
import {
  CHECK_NAMES,
  type VerificationOutcome,
  type VerificationSummary,
} from "./verification.types.js";

/**
 * Formats one outcome for people: a status line, one line per check with ✓/✗, the
 * attestation's identity, and the verifier's errors and warnings. Everything that comes from
 * the input (file names, identity fields, messages quoting it) has its control characters
 * escaped, so a forged attestation cannot repaint the terminal.
 *
 * @param outcome - the outcome
 * @param style - colours
 * @returns lines ending with a newline
 */
export function formatOutcome(outcome: VerificationOutcome, style: Style): string {
  if (outcome.status === "error") {
    return `${style.bad(`${MARKS.fail} ERROR`)}   ${escapeControls(outcome.source)}\n    ${escapeControls(outcome.error.message)}\n`;
  }
  const lines: string[] = [];
  lines.push(
    outcome.status === "valid"
      ? `${style.ok(`${MARKS.pass} VALID`)}   ${escapeControls(outcome.source)}`
      : `${style.bad(`${MARKS.fail} INVALID`)} ${escapeControls(outcome.source)}`,
  );
  for (const name of CHECK_NAMES) {
    const passed = outcome.result.checks[name] === true;
    lines.push(`    ${passed ? style.ok(MARKS.pass) : style.bad(MARKS.fail)} ${name}`);
  }
  const identity = outcome.identity;
  const rows: [string, string | undefined][] = [
    ["executionId", identity.executionId],
    [
      "policy",
      identity.policyId === undefined
        ? undefined
        : `${identity.policyId}@${identity.policyVersion ?? "?"}`,
    ],
    ["action", identity.action],
    ["signerKeyId", identity.signerKeyId],
    ["issuedAt", identity.issuedAt],
  ];
  for (const [label, value] of rows)
    lines.push(
      `    ${style.dim(label.padEnd(12))} ${value === undefined ? "-" : escapeControls(value)}`,
    );
  for (const error of outcome.result.errors)
    lines.push(`    ${style.bad("error:")} ${escapeControls(error)}`);
  for (const warning of outcome.result.warnings)
    lines.push(`    warning: ${escapeControls(warning)}`);
  return `${lines.join("\n")}\n`;
}

/**
 * The summary line: counts and elapsed time.
 *
 * @param summary - counts
 * @param elapsedMs - wall time of the run
 * @param workers - worker threads used (0: verified in-process)
 * @returns the line, ending with a newline
 */
export function formatSummary(
  summary: VerificationSummary,
  elapsedMs: number,
  workers: number,
): string {
  const total = summary.valid + summary.invalid + summary.errors;
  const seconds = (elapsedMs / 1000).toFixed(elapsedMs < 10_000 ? 2 : 1);
  const unmatched = summary.unmatched ?? 0;
  const nothing =
    unmatched === 0 ? "" : `; ${unmatched} input${unmatched === 1 ? "" : "s"} matched no file`;
  return `${total} attestation${total === 1 ? "" : "s"}: ${summary.valid} valid, ${summary.invalid} invalid, ${summary.errors} error${summary.errors === 1 ? "" : "s"}${nothing} (${seconds}s${workers > 0 ? `, ${workers} workers` : ""})\n`;
}

/**
 * The machine-readable record of one outcome (one NDJSON line).
 *
 * @param outcome - the outcome
 * @returns a JSON-ready object
 */
export function outcomeRecord(outcome: VerificationOutcome): Record<string, unknown> {
  if (outcome.status === "error") {
    return { source: outcome.source, status: "error", valid: false, error: outcome.error };
  }
  return {
    source: outcome.source,
    status: outcome.status,
    valid: outcome.result.valid,
    checks: outcome.result.checks,
    errors: outcome.result.errors,
    warnings: outcome.result.warnings,
    attestation: outcome.identity,
  };
}
