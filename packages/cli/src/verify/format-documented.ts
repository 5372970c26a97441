import { MARKS, type Style } from "../cli/style.js";
import type { VerificationOutcome } from "./verification.types.js";

/** The three checks the documented `parmana-verify` prints, with their documented wording. */
const DOCUMENTED_CHECKS: readonly (readonly [string, string])[] = [
  ["signature_verified", "Signature verified"],
  ["runtime_verified", "Runtime identity confirmed"],
  ["schema_compatible", "Schema compatible"],
];

/**
 * Formats one outcome the way the Parmana product's
 * `parmana-verify --attestation <file> --public-key <pem>` prints it: a ✓/✗ line per documented
 * check, then the attestation's executionId, policyId, policyVersion, decision action and reason.
 * The fourth check (`governed`: the record is well formed and matches any policy or signals
 * given) is shown only when it fails, so a valid attestation prints exactly the documented lines.
 *
 * @param outcome - a valid or invalid outcome (errors are reported by the caller)
 * @param style - colours
 * @returns lines ending with a newline
 */
export function formatDocumentedOutcome(
  outcome: Extract<VerificationOutcome, { status: "valid" | "invalid" }>,
  style: Style,
): string {
  const lines: string[] = [];
  const checks = outcome.result.checks;
  for (const [name, label] of DOCUMENTED_CHECKS) {
    lines.push(
      checks[name] === true
        ? `${style.ok(MARKS.pass)} ${label}`
        : `${style.bad(MARKS.fail)} ${label}`,
    );
  }
  if (checks["governed"] !== true) {
    lines.push(`${style.bad(MARKS.fail)} Record well formed and bound to its policy and signals`);
  }
  const identity = outcome.identity;
  const rows: readonly (readonly [string, string | undefined])[] = [
    ["executionId", identity.executionId],
    ["policyId", identity.policyId],
    ["policyVersion", identity.policyVersion],
    ["decision.action", identity.action],
    ["decision.reason", identity.reason],
  ];
  for (const [label, value] of rows) lines.push(`  ${`${label}:`.padEnd(23)}${value ?? "-"}`);
  for (const error of outcome.result.errors) lines.push(`  ${style.bad("error:")} ${error}`);
  for (const warning of outcome.result.warnings) lines.push(`  warning: ${warning}`);
  return `${lines.join("\n")}\n`;
}
