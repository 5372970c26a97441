import { ParmanaError, ProvenanceError } from "@parmanasystems/core";
import { isStringKeyedRecord, ownMember } from "../internal/plain-record.js";
import { isIsoDateTime } from "@parmanasystems/core/internal";
import { readClock } from "../internal/timestamps.js";
import { timingSafeEqualStrings } from "../internal/crypto.js";
import { hashExecutionParameters } from "../receipts/hash-execution-parameters.js";
import type {
  GatewayValidationResult,
  GovernedExecutionRequest,
  ValidateExecutionRequestOptions,
} from "./gateway.types.js";
import { readAuthorizedExecution } from "./read-authorized-execution.js";

/**
 * Deterministically validates an execution request against the intent it claims: authorization
 * consistency only (replay protection belongs to authority consumption). The request is refused,
 * with one reason per problem, when:
 *
 * - the request is not a plain object, or its `authorizedExecution` is malformed;
 * - `executorIdentity` is not a non-empty string;
 * - `executionParameters` is missing or not plain JSON;
 * - the parameters do not hash ({@link hashExecutionParameters}) to `authorizedParametersHash`;
 * - `metadata` is present but not a plain object, or `requestedAt` is present but not ISO-8601.
 *
 * It never throws for a bad request (an attacker controls it); only bad `options` throw.
 * `validatedAt` comes from `options.clock` when given, else from the request's `requestedAt`
 * when valid, else from the system clock.
 *
 * @param request - the incoming request
 * @param options - an injectable clock
 * @returns `{ allowed, reasons, validatedAt }`
 * @throws ProvenanceError `PROV-016` when `options.clock` is not a function or returns an invalid time
 * @example
 * ```ts
 * const check = validateExecutionRequest({ authorizedExecution, executorIdentity: "payout-svc",
 *   executionParameters: { amount: 500000, currency: "INR" } });
 * if (!check.allowed) throw new Error(check.reasons.join("; "));
 * ```
 */
export function validateExecutionRequest(
  request: GovernedExecutionRequest,
  options: ValidateExecutionRequestOptions = {},
): GatewayValidationResult {
  if (!readsAsPlainRecord(options)) {
    throw new ProvenanceError(
      "PROV-016",
      "validateExecutionRequest: options must be a plain object",
    );
  }
  const reasons: string[] = [];
  let requestedAt: string | undefined;
  let isRecord: boolean;
  try {
    isRecord = isStringKeyedRecord(request);
  } catch (error) {
    isRecord = false;
    reasons.push(
      `request could not be read (${error instanceof Error ? error.name : typeof error})`,
    );
  }
  if (!isRecord) {
    if (reasons.length === 0) reasons.push("request must be a plain object");
  } else {
    const record = request as unknown as Record<string, unknown>;
    try {
      const given = ownMember(record, "requestedAt");
      if (given !== undefined) {
        if (isIsoDateTime(given)) requestedAt = given;
        else reasons.push("requestedAt must be an ISO-8601 date-time with a time zone");
      }
      checkRequest(record, reasons);
    } catch (error) {
      // A throwing getter or Proxy trap in the request refuses it; it never escapes as an exception.
      reasons.push(
        `request could not be read (${error instanceof Error ? error.name : typeof error})`,
      );
    }
  }
  const validatedAt =
    options.clock !== undefined
      ? readClock(options.clock, "validateExecutionRequest")
      : (requestedAt ?? readClock(undefined, "validateExecutionRequest"));
  return { allowed: reasons.length === 0, reasons, validatedAt };
}

/** A plain object whose prototype can be read (a Proxy whose traps throw is not one). */
function readsAsPlainRecord(value: unknown): boolean {
  try {
    return isStringKeyedRecord(value);
  } catch {
    return false;
  }
}

function checkRequest(request: Record<string, unknown>, reasons: string[]): void {
  let authorizedParametersHash: string | undefined;
  try {
    authorizedParametersHash = readAuthorizedExecution(
      ownMember(request, "authorizedExecution"),
      "authorizedExecution",
    ).authorizedParametersHash;
  } catch (error) {
    reasons.push(parmanaMessageOf(error));
  }
  const executor = ownMember(request, "executorIdentity");
  if (typeof executor !== "string" || executor.length === 0)
    reasons.push("executorIdentity must be a non-empty string");
  const metadata = ownMember(request, "metadata");
  if (metadata !== undefined && !isStringKeyedRecord(metadata))
    reasons.push("metadata must be a plain object");

  const parameters = ownMember(request, "executionParameters");
  if (parameters === undefined) {
    reasons.push("executionParameters is required (use null when there are none)");
    return;
  }
  let parametersHash: string;
  try {
    parametersHash = hashExecutionParameters(parameters);
  } catch (error) {
    reasons.push(`executionParameters are not plain JSON: ${parmanaMessageOf(error)}`);
    return;
  }
  if (
    authorizedParametersHash !== undefined &&
    !timingSafeEqualStrings(parametersHash, authorizedParametersHash)
  ) {
    reasons.push("executionParameters do not match the authorized parameters (hash mismatch)");
  }
}

// Only our own coded errors become reasons; anything else is a bug and propagates.
function parmanaMessageOf(error: unknown): string {
  if (ParmanaError.isInstance(error)) return error.message;
  throw error;
}
