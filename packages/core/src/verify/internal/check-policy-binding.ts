import { computeExecutionHashes } from "../../attestation/execution-fingerprint.js";
import { ensureCompiledPolicy } from "../../policy/ensure-compiled-policy.js";
import type { CompiledPolicy } from "../../policy/compiled-policy.types.js";
import type { PolicyDocument } from "../../policy/policy.types.js";
import { extractSignalValues } from "../../signal-provenance/extract-signal-values.js";
import {
  describeUntrusted as describe,
  isPlainRecord,
  messageOf,
} from "../../internal/type-checks.js";
import type { RecordFindings } from "./check-attestation-record.js";

/**
 * The optional `governed` checks: the attestation names the given policy (id, version, bundle
 * and manifest hashes), its hashes match the given signals, and re-evaluating the policy on the
 * signals reaches the attested decision. Writes `[INV-VERIFY-009..011]` errors; never throws.
 *
 * @param record - the attestation record (already checked for shape; fields may still be wrong)
 * @param policy - the policy that should have decided, if given
 * @param signals - the decided signals (plain or governed), if given
 * @param findings - where errors go
 */
export function checkPolicyBinding(
  record: Readonly<Record<string, unknown>>,
  policy: PolicyDocument | CompiledPolicy | undefined,
  signals: Readonly<Record<string, unknown>> | undefined,
  findings: RecordFindings,
): void {
  const compiled = policy === undefined ? undefined : toCompiled(policy, findings);
  if (compiled !== undefined) {
    expectEqual(record, "policyId", compiled.policyId, "INV-VERIFY-009", findings);
    expectEqual(record, "policyVersion", compiled.policyVersion, "INV-VERIFY-009", findings);
    expectEqual(
      record,
      "bundleHash",
      compiled.bundle?.bundleHash ?? compiled.policyHash,
      "INV-VERIFY-009",
      findings,
    );
    expectEqual(
      record,
      "manifestHash",
      compiled.bundle?.manifestHash ?? compiled.policyHash,
      "INV-VERIFY-009",
      findings,
    );
    // Name the usual cause: the attestation was made from the bare policy.json of a folder
    // whose signed bundle the verifier was given (the policy text is the same).
    if (compiled.bundle !== undefined && record["bundleHash"] === compiled.policyHash) {
      findings.errors.push(
        "[INV-VERIFY-009] the attestation was made from this policy's policy.json without its signed bundle (its bundleHash is the policy file's hash); the decision's service read the policy without the bundle",
      );
    }
  }
  if (signals === undefined) return;
  let values: Record<string, unknown>;
  try {
    values = extractSignalValues(signals as Record<string, unknown>);
  } catch (error) {
    findings.errors.push(`[INV-VERIFY-010] the signals given cannot be read: ${messageOf(error)}`);
    return;
  }
  const policyId = record["policyId"];
  const policyVersion = record["policyVersion"];
  if (typeof policyId === "string" && typeof policyVersion === "string") {
    let hashes: { signalsHash: string; execution_fingerprint: string };
    try {
      hashes = computeExecutionHashes(policyId, policyVersion, values);
    } catch (error) {
      findings.errors.push(
        `[INV-VERIFY-010] the signals given are not plain JSON: ${messageOf(error)}`,
      );
      return;
    }
    expectEqual(record, "signalsHash", hashes.signalsHash, "INV-VERIFY-010", findings);
    expectEqual(
      record,
      "execution_fingerprint",
      hashes.execution_fingerprint,
      "INV-VERIFY-010",
      findings,
    );
  }
  if (compiled !== undefined) reEvaluate(record, compiled, values, findings);
}

function reEvaluate(
  record: Readonly<Record<string, unknown>>,
  compiled: CompiledPolicy,
  values: Readonly<Record<string, unknown>>,
  findings: RecordFindings,
): void {
  const problems = compiled.validateSignals(values);
  if (problems.length > 0) {
    const list = problems.map((problem) => `${problem.code} ${problem.message}`).join("; ");
    findings.errors.push(
      `[INV-VERIFY-011] the signals given are not valid for the policy: ${list}`,
    );
    return;
  }
  const decision = compiled.evaluate(values);
  if (decision === undefined) {
    findings.errors.push(
      "[INV-VERIFY-011] re-evaluating the policy on the signals matches no rule",
    );
    return;
  }
  const attested = record["decision"];
  if (!isPlainRecord(attested)) return; // already reported by the record check
  for (const member of ["action", "requires_override", "reason"] as const) {
    if (attested[member] !== decision[member]) {
      findings.errors.push(
        `[INV-VERIFY-011] decision.${member} is ${describe(attested[member])} but the policy decides ${describe(decision[member])} (rule ${decision.rule_id})`,
      );
    }
  }
}

function toCompiled(
  policy: PolicyDocument | CompiledPolicy,
  findings: RecordFindings,
): CompiledPolicy | undefined {
  try {
    return ensureCompiledPolicy(policy);
  } catch (error) {
    findings.errors.push(
      `[INV-VERIFY-009] the policy given cannot be checked: ${messageOf(error)}`,
    );
    return undefined;
  }
}

function expectEqual(
  record: Readonly<Record<string, unknown>>,
  field: string,
  expected: string,
  code: string,
  findings: RecordFindings,
): void {
  if (record[field] !== expected) {
    findings.errors.push(
      `[${code}] ${field} is ${describe(record[field])} but the ${code === "INV-VERIFY-009" ? "policy" : "signals"} given yields ${describe(expected)}`,
    );
  }
}
