import {
  attestationSigningInput,
  canonicalHash,
  canonicalize,
  OverrideError,
  StoreError,
  type ExecutionAttestation,
  type PendingOverride,
  type Verifier,
} from "@parmanasystems/core";

/** The serializable part of a pending decision, as one Redis hash holds it. */
export interface StoredOverride {
  readonly attestation: ExecutionAttestation;
  readonly ruleId: string;
  readonly overrideRoles?: readonly string[];
}

/** What {@link serializePending} computes for the record script. */
export interface SerializedPending {
  readonly executionId: string;
  readonly fingerprint: string;
  readonly policyId: string;
  readonly attestationHash: string;
  readonly record: string;
}

/**
 * Checks a pending decision as the in-memory store does and serializes its storable part (the
 * signer and verifier stay behind: every instance brings its own).
 *
 * @throws OverrideError `SYS-024` when it is malformed or its attestation is not plain JSON
 */
export function serializePending(pending: PendingOverride): SerializedPending {
  if (typeof pending !== "object" || pending === null) {
    throw new OverrideError(
      "SYS-024",
      "a pending decision must be an object { attestation, signer, verifier, ruleId }",
    );
  }
  const problems: string[] = [];
  const attestation = pending.attestation as unknown as Record<string, unknown> | null | undefined;
  const field = (name: string): unknown =>
    typeof attestation === "object" && attestation !== null ? attestation[name] : undefined;
  for (const name of ["executionId", "execution_fingerprint", "policyId"]) {
    const value = field(name);
    if (typeof value !== "string" || value.length === 0)
      problems.push(`attestation.${name} must be a non-empty string`);
  }
  if (typeof pending.signer?.sign !== "function")
    problems.push("signer must have a sign(payload) method");
  if (typeof pending.verifier?.verify !== "function")
    problems.push("verifier must have a verify(payload, signature) method");
  if (typeof pending.ruleId !== "string") problems.push("ruleId must be a string");
  if (pending.overrideRoles !== undefined && !isStringArray(pending.overrideRoles))
    problems.push("overrideRoles must be an array of strings");
  if (problems.length > 0) {
    throw new OverrideError("SYS-024", `invalid pending decision: ${problems.join("; ")}`, {
      details: { problems },
    });
  }
  const stored: StoredOverride = {
    attestation: pending.attestation,
    ruleId: pending.ruleId,
    ...(pending.overrideRoles === undefined ? {} : { overrideRoles: [...pending.overrideRoles] }),
  };
  let record: string;
  let attestationHash: string;
  try {
    record = canonicalize(stored);
    attestationHash = canonicalHash(pending.attestation);
  } catch (error) {
    throw new OverrideError(
      "SYS-024",
      `invalid pending decision: the attestation is not plain JSON (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
  return {
    executionId: field("executionId") as string,
    fingerprint: field("execution_fingerprint") as string,
    policyId: field("policyId") as string,
    attestationHash,
    record,
  };
}

/**
 * Reads a decision back from its Redis hash and checks it before anything acts on it: the JSON
 * has the shape this store writes, it is the decision asked for, its hash matches, and the
 * attestation's signature verifies with this store's verifier. Redis is then never trusted to
 * supply the attestation an override gets bound to.
 *
 * @throws StoreError `STORE-003` when any check fails, `STORE-002` (retryable) when the verifier throws
 */
export async function parseStoredOverride(
  fields: { readonly hash: string | null; readonly record: string | null },
  executionId: string,
  verifier: Verifier,
  storeName: string,
): Promise<StoredOverride> {
  const malformed = (why: string, cause?: unknown): StoreError =>
    new StoreError(
      "STORE-003",
      `${storeName}: the pending decision stored for executionId ${executionId} ${why}`,
      { details: { executionId }, ...(cause === undefined ? {} : { cause }) },
    );
  if (fields.record === null || fields.hash === null)
    throw malformed("is incomplete (not written by this library)");
  let parsed: unknown;
  try {
    parsed = JSON.parse(fields.record);
  } catch (error) {
    throw malformed("is not JSON", error);
  }
  const record = parsed as Record<string, unknown> | null;
  const attestation = record?.["attestation"] as Record<string, unknown> | null | undefined;
  if (
    typeof record !== "object" ||
    record === null ||
    typeof attestation !== "object" ||
    attestation === null ||
    attestation["executionId"] !== executionId ||
    typeof attestation["execution_fingerprint"] !== "string" ||
    typeof attestation["signature"] !== "string" ||
    typeof record["ruleId"] !== "string" ||
    (record["overrideRoles"] !== undefined && !isStringArray(record["overrideRoles"]))
  ) {
    throw malformed("does not have the shape this library writes");
  }
  if (canonicalHash(attestation) !== fields.hash)
    throw malformed("does not match its recorded hash (altered)");
  let signingInput: string;
  try {
    signingInput = attestationSigningInput(attestation as unknown as ExecutionAttestation);
  } catch (error) {
    throw malformed("has an attestation that cannot be laid out for verification", error);
  }
  let valid: boolean;
  try {
    valid = (await verifier.verify(signingInput, attestation["signature"] as string)) === true;
  } catch (error) {
    throw new StoreError(
      "STORE-002",
      `${storeName}: the verifier failed while checking the pending decision for executionId ${executionId}: ${error instanceof Error ? error.message : String(error)}`,
      { details: { executionId }, cause: error, retryable: true },
    );
  }
  if (!valid) {
    throw malformed(
      "has an attestation whose signature does not verify with this store's verifier (altered in Redis, or recorded by an instance with another key)",
    );
  }
  return record as unknown as StoredOverride;
}

function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
