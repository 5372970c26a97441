import { type Clock, readClockInstant } from "../internal/read-clock.js";
import type { ExecutionAttestation } from "../attestation/attestation.types.js";
import type { Signer, Verifier } from "../crypto/signer.types.js";
import { OverrideError, ParmanaError } from "../errors/parmana-error.js";
import { canonicalHash } from "../hashing/sha256.js";
import { askVerifier } from "../override/internal/verifier-call.js";
import { isObjectRecord, isThenable, messageOf } from "../internal/type-checks.js";
import type { OverrideRecord } from "../override/override-record.types.js";
import { verifyOverride } from "../override/verify-override.js";
import type {
  ConfirmExecutionOptions,
  ExecutedAction,
  ExecutionIntegrityProof,
  ExecutionMatchDetails,
} from "./execution-integrity.types.js";
import {
  integrityHashInput,
  integritySigningInputOf,
  withinWindow,
} from "./internal/integrity-fields.js";
import { isIsoDateTime } from "../internal/iso-date-time.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";

/**
 * Seals what was actually executed after a decision in a signed execution integrity proof,
 * under `SIGNING_DOMAINS.audit`. The proof records whether the executed action matches the
 * authorised one (`match`) and why (`matchDetails`: action, payload hash, time window, override);
 * a mismatch is a proof too, not an error. The executed payload itself stays out of the proof:
 * only its canonical hash is recorded. The proof is verified with `options.verifier` before it
 * is returned. The attestation's own signature is not checked here (use `verifyAttestation`).
 *
 * @param attestation - the attestation that authorised the action
 * @param executedAction - `{ action, payload?, executedAt }`
 * @param options - `{ signer, verifier, expectedPayload?, maxDelaySeconds?, clock?, override?, overrideVerifier? }`
 * @returns the signed {@link ExecutionIntegrityProof}
 * @throws OverrideError `SYS-029` malformed attestation, action or options (every problem at
 * once in `details.problems`), `SYS-025` signing or self-verification failed
 * @example
 * ```ts
 * const proof = await confirmExecution(
 *   attestation,
 *   { action: "approve", payload: { amount: 15000 }, executedAt: new Date().toISOString() },
 *   { signer, verifier, expectedPayload: { amount: 15000 }, maxDelaySeconds: 3600 },
 * );
 * proof.match; // true
 * verifyExecutionIntegrity(proof, verifier, attestation).valid; // true
 * ```
 */
export async function confirmExecution(
  attestation: ExecutionAttestation,
  executedAction: ExecutedAction,
  options: ConfirmExecutionOptions,
): Promise<ExecutionIntegrityProof> {
  try {
    const checked = checkArguments(attestation, executedAction, options);
    const { signer, verifier } = options;
    const confirmedAt = checked.confirmedAt;
    const pending =
      attestation.execution_state === "pending_override" ||
      attestation.decision.requires_override === true;

    const overrideSatisfied = await checkOverride(
      attestation,
      options.override,
      options.overrideVerifier ?? verifier,
      executedAction.executedAt,
      pending,
    );
    const matchDetails: ExecutionMatchDetails = {
      actionMatches: executedAction.action === attestation.decision.action,
      payloadMatches:
        checked.expectedPayloadHash === null || checked.payloadHash === checked.expectedPayloadHash,
      withinTimeWindow: withinWindow(
        // checkConfirmationInput refused an attestation without an ISO-8601 issuedAt
        attestation.issuedAt!,
        executedAction.executedAt,
        checked.maxDelaySeconds,
      ),
      overrideSatisfied,
    };
    const facts = {
      executionId: attestation.executionId,
      attestationHash: checked.attestationHash,
      authorizedAction: attestation.decision.action,
      executedAction: { action: executedAction.action, executedAt: executedAction.executedAt },
      payloadHash: checked.payloadHash,
      expectedPayloadHash: checked.expectedPayloadHash,
      maxDelaySeconds: checked.maxDelaySeconds,
      overrideHash: checked.overrideHash,
      match:
        matchDetails.actionMatches &&
        matchDetails.payloadMatches &&
        matchDetails.withinTimeWindow &&
        matchDetails.overrideSatisfied,
      matchDetails,
      confirmedAt,
    };
    const payload: Omit<ExecutionIntegrityProof, "signature"> = {
      ...facts,
      integrityHash: canonicalHash(integrityHashInput(facts)),
      issuedAt: confirmedAt,
      signerKeyId:
        typeof signer.signerKeyId === "string" && signer.signerKeyId.length > 0
          ? signer.signerKeyId
          : "unspecified",
    };
    const signingInput = integritySigningInputOf(payload);
    const signature = await signProof(signer, signingInput, attestation.executionId);
    const answer = await askVerifier(verifier, signingInput, signature);
    if (!answer.verified) {
      throw new OverrideError(
        "SYS-025",
        `the execution integrity proof for ${attestation.executionId} does not verify with the verifier${answer.problem === undefined ? " (signer and verifier hold different keys?)" : `: ${answer.problem}`}`,
        { details: { executionId: attestation.executionId } },
      );
    }
    return Object.freeze({
      ...payload,
      executedAction: Object.freeze(payload.executedAction),
      matchDetails: Object.freeze(payload.matchDetails),
      signature,
    });
  } catch (error) {
    throw codedInputError(error, OverrideError, "SYS-029", "confirmExecution");
  }
}

async function checkOverride(
  attestation: ExecutionAttestation,
  override: OverrideRecord | undefined,
  verifier: Verifier,
  executedAt: string,
  pending: boolean,
): Promise<boolean> {
  if (override === undefined) return !pending;
  // Any override offered must hold up, even for a decision that did not need one.
  const result = await verifyOverride(override, attestation, verifier);
  if (!result.valid || override.decision !== "approved") return false;
  // The approval has to come before the action it authorises.
  return Date.parse(override.resolvedAt) <= Date.parse(executedAt);
}

interface CheckedArguments {
  readonly attestationHash: string;
  readonly payloadHash: string | null;
  readonly expectedPayloadHash: string | null;
  readonly overrideHash: string | null;
  readonly maxDelaySeconds: number | null;
  readonly confirmedAt: string;
}

function checkArguments(
  attestation: unknown,
  executedAction: unknown,
  options: unknown,
): CheckedArguments {
  const problems: string[] = [];
  const hashes = {
    attestationHash: "",
    payloadHash: null as string | null,
    expectedPayloadHash: null as string | null,
    overrideHash: null as string | null,
  };

  if (!isObjectRecord(attestation)) {
    problems.push("attestation must be an attestation object");
  } else {
    if (typeof attestation["executionId"] !== "string" || attestation["executionId"].length === 0)
      problems.push("attestation.executionId must be a non-empty string");
    if (!isIsoDateTime(attestation["issuedAt"]))
      problems.push("attestation.issuedAt must be an ISO-8601 time");
    const decision = attestation["decision"];
    if (
      !isObjectRecord(decision) ||
      typeof decision["action"] !== "string" ||
      typeof decision["requires_override"] !== "boolean"
    ) {
      problems.push(
        "attestation.decision must be { action: string, requires_override: boolean, ... }",
      );
    }
    hashes.attestationHash = hashOf(attestation, "attestation", problems) ?? "";
  }

  if (!isObjectRecord(executedAction)) {
    problems.push("executedAction must be an object { action, payload?, executedAt }");
  } else {
    if (typeof executedAction["action"] !== "string" || executedAction["action"].length === 0)
      problems.push("executedAction.action must be a non-empty string");
    if (!isIsoDateTime(executedAction["executedAt"]))
      problems.push(
        "executedAction.executedAt must be an ISO-8601 time such as new Date().toISOString()",
      );
    if (executedAction["payload"] !== undefined)
      hashes.payloadHash = hashOf(executedAction["payload"], "executedAction.payload", problems);
  }

  let maxDelaySeconds: number | null = null;
  let confirmedAt = "";
  if (!isObjectRecord(options)) {
    problems.push("options must be an object { signer, verifier, ... }");
  } else {
    const signer = options["signer"];
    if (!isObjectRecord(signer) || typeof signer["sign"] !== "function")
      problems.push("options.signer must have a sign(payload) method");
    for (const name of ["verifier", "overrideVerifier"]) {
      const candidate = options[name];
      if (
        (name === "verifier" || candidate !== undefined) &&
        !(isObjectRecord(candidate) && typeof candidate["verify"] === "function")
      ) {
        problems.push(`options.${name} must have a verify(payload, signature) method`);
      }
    }
    if (options["expectedPayload"] !== undefined)
      hashes.expectedPayloadHash = hashOf(
        options["expectedPayload"],
        "options.expectedPayload",
        problems,
      );
    const delay = options["maxDelaySeconds"];
    if (delay !== undefined) {
      if (typeof delay !== "number" || !Number.isFinite(delay) || delay < 0)
        problems.push("options.maxDelaySeconds must be a finite number >= 0");
      else maxDelaySeconds = delay;
    }
    const override = options["override"];
    if (override !== undefined) {
      if (!isObjectRecord(override)) problems.push("options.override must be an override record");
      else hashes.overrideHash = hashOf(override, "options.override", problems);
    }
    const clock = options["clock"];
    if (clock !== undefined && typeof clock !== "function") {
      problems.push("options.clock must be a function returning a Date or epoch milliseconds");
    } else {
      const now = readClockInstant(clock as Clock | undefined, "date-or-epoch-ms");
      if (now === undefined)
        problems.push("options.clock must return a valid Date or epoch milliseconds");
      else confirmedAt = new Date(now).toISOString();
    }
  }

  if (problems.length > 0) {
    throw new OverrideError("SYS-029", `invalid execution confirmation: ${problems.join("; ")}`, {
      details: { problems },
    });
  }
  return { ...hashes, maxDelaySeconds, confirmedAt };
}

function hashOf(value: unknown, name: string, problems: string[]): string | null {
  try {
    return canonicalHash(value);
  } catch (error) {
    problems.push(`${name} is not plain JSON (${messageOf(error)})`);
    return null;
  }
}

async function signProof(
  signer: Signer,
  signingInput: string,
  executionId: string,
): Promise<string> {
  let signature: unknown;
  try {
    signature = signer.sign(signingInput);
    if (isThenable(signature)) signature = await signature;
  } catch (error) {
    throw new OverrideError(
      "SYS-025",
      `signing the execution integrity proof for ${executionId} failed: ${messageOf(error)}`,
      {
        cause: error,
        retryable: ParmanaError.isInstance(error) ? error.retryable : false,
        details: { executionId },
      },
    );
  }
  if (typeof signature !== "string" || signature.length === 0) {
    throw new OverrideError(
      "SYS-025",
      `the signer returned ${typeof signature === "string" ? "an empty string" : typeof signature} instead of a base64 signature`,
      {
        details: { executionId },
      },
    );
  }
  return signature;
}
