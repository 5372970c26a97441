import { ParmanaError } from "@parmanasystems/core";
import { CliError } from "../errors/index.js";
import { oneLine } from "../cli/report-error.js";
import { isJsonObject, parseJsonText, readTextFile } from "../io/read-text-file.js";
import type { AttestationChecker } from "./attestation-checker.js";
import type {
  AttestationIdentity,
  OutcomeError,
  VerificationJob,
  VerificationOutcome,
} from "./verification.types.js";

function toOutcomeError(error: unknown): OutcomeError {
  if (ParmanaError.isInstance(error)) return { code: error.code, message: oneLine(error.message) };
  const message = error instanceof Error ? error.message : String(error);
  return { code: "CLI-010", message: `[CLI-010] internal error: ${oneLine(message)}` };
}

function readJobText(job: VerificationJob): string {
  if (job.text !== undefined) return job.text;
  if (job.path === undefined) throw new CliError("CLI-010", `no input for ${job.source}`);
  // Regular files only, capped: a symlink to /dev/zero or a FIFO among the inputs is an error.
  return readTextFile(job.path, "attestation", job.source);
}

// What oneLine would change: leading or trailing white space, controls (newlines among them) and
// bidi overrides. Identity fields rarely have any, and then need no rewriting.
const NEEDS_ONE_LINE = /^\s|\s$|[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function stringField(record: Record<string, unknown>, name: string): string | undefined {
  const value = record[name];
  if (typeof value !== "string") return undefined;
  return (NEEDS_ONE_LINE.test(value) ? oneLine(value) : value).slice(0, 200);
}

/**
 * Pulls the fields shown beside the checks out of an attestation, without trusting them.
 *
 * @param attestation - the parsed attestation
 * @returns the identity fields that are strings
 */
export function attestationIdentity(attestation: Record<string, unknown>): AttestationIdentity {
  const decision = attestation.decision;
  const identity: Record<string, string> = {};
  for (const name of [
    "executionId",
    "policyId",
    "policyVersion",
    "signerKeyId",
    "issuedAt",
    "trustRootVersion",
  ]) {
    const value = stringField(attestation, name);
    if (value !== undefined) identity[name] = value;
  }
  if (isJsonObject(decision)) {
    const action = stringField(decision, "action");
    if (action !== undefined) identity.action = action;
    const reason = stringField(decision, "reason");
    if (reason !== undefined) identity.reason = reason;
  }
  return identity;
}

/** Identity of a valid outcome whose identity is not wanted: nothing is read from the input. */
const NO_IDENTITY: AttestationIdentity = Object.freeze({});

/**
 * Reads, parses and verifies one input. Never throws: read and parse failures become `error`
 * outcomes with their code.
 *
 * @param job - the input
 * @param checker - the verifier of this thread
 * @param identityOfValid - whether a valid outcome carries the attestation's identity (an
 *   invalid one always does); false when valid outcomes are not shown (`--quiet` without `--json`)
 * @returns the outcome
 */
export function checkJob(
  job: VerificationJob,
  checker: AttestationChecker,
  identityOfValid: boolean = true,
): VerificationOutcome {
  if (job.error !== undefined) return { source: job.source, status: "error", error: job.error };
  try {
    const text = readJobText(job);
    const parsed = parseJsonText(text, "attestation", job.source);
    if (!isJsonObject(parsed)) {
      throw new CliError(
        "CLI-004",
        `${job.source} is not an attestation: expected a JSON object, got ${Array.isArray(parsed) ? "an array" : typeof parsed}`,
      );
    }
    if (typeof parsed.signature !== "string") {
      throw new CliError(
        "CLI-004",
        `${job.source} is not an attestation: it has no "signature" string`,
      );
    }
    const result = checker(parsed);
    return {
      source: job.source,
      status: result.valid ? "valid" : "invalid",
      result,
      identity: result.valid && !identityOfValid ? NO_IDENTITY : attestationIdentity(parsed),
    };
  } catch (error) {
    return { source: job.source, status: "error", error: toOutcomeError(error) };
  }
}
