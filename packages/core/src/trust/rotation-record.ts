import { SIGNING_DOMAINS, canonicalizeForSigning } from "../canonical/signing-domains.js";
import type { RotationRecord, RotationRecordPayload } from "./trust-root.types.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { TrustError } from "../errors/parmana-error.js";

/**
 * The exact string a rotation record's signature covers:
 * `canonicalizeForSigning(record without signature, SIGNING_DOMAINS.trustRoot)`.
 *
 * @param record - a rotation record (its `signature`, if present, is left out)
 * @returns canonical JSON text
 * @throws CanonicalizationError when the record is not plain JSON
 */
export function rotationSigningInput(record: RotationRecordPayload | RotationRecord): string {
  try {
    const payload: RotationRecordPayload = {
      fromVersion: record.fromVersion,
      toVersion: record.toVersion,
      previousRootHash: record.previousRootHash,
      newRootHash: record.newRootHash,
      rotatedAt: record.rotatedAt,
      signedBy: record.signedBy,
    };
    return canonicalizeForSigning(payload, SIGNING_DOMAINS.trustRoot);
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-070", "rotationSigningInput");
  }
}
