import { RecordReader } from "../internal/record-reader.js";
import { isStringKeyedRecord } from "../internal/plain-record.js";
import { readClock } from "../internal/timestamps.js";
import { hashVerificationBundle } from "./hash-verification-bundle.js";
import { readVerificationBundleComponents } from "./read-verification-bundle-components.js";
import type {
  CreateVerificationBundleInput,
  CreateVerificationBundleOptions,
  VerificationBundle,
} from "./verification-bundle.types.js";

/** Schema version written into every verification bundle this release creates. */
export const VERIFICATION_BUNDLE_SCHEMA_VERSION = "1.0.0";

/**
 * Packs the operational records of one execution into a portable, independently verifiable
 * verification bundle. The records must belong together (same execution and attestation, the
 * reconciliation's receipt is the verification bundle's receipt, embedded hashes match), so a
 * verification bundle is consistent from the moment it exists. Records are stored as
 * normalised copies.
 *
 * `generatedAt` is taken from the input when given (deterministic: same input, same
 * `bundleHash`); otherwise the injected `options.clock`, else the system clock, is read.
 *
 * @param input - execution id, attestation hash and the records to include
 * @param options - the clock used when `generatedAt` is absent
 * @returns the verification bundle with its `bundleHash`
 * @throws ProvenanceError `PROV-015` for a missing id or hash or inconsistent records;
 *   `PROV-009`..`PROV-012` for a malformed record; `PROV-016` for a bad clock
 * @example
 * ```ts
 * const bundle = createVerificationBundle({
 *   executionId: "loan-42", attestationHash, provenance: summary,
 *   executionReceipt: receipt, reconciliation, auditTimeline: timeline,
 *   generatedAt: "2024-05-01T10:06:00.000Z",
 * });
 * verifyVerificationBundle(bundle); // true
 * ```
 */
export function createVerificationBundle(
  input: CreateVerificationBundleInput,
  options: CreateVerificationBundleOptions = {},
): VerificationBundle {
  const reader = new RecordReader("PROV-015", "createVerificationBundle: input", input);
  const executionId = reader.string("executionId");
  const attestationHash = reader.string("attestationHash");
  const givenGeneratedAt = reader.optionalTimestamp("generatedAt");
  const components = readVerificationBundleComponents(
    reader,
    executionId,
    attestationHash,
    "createVerificationBundle",
  );
  if (!isStringKeyedRecord(options)) throw reader.fail("options must be a plain object");
  const generatedAt = givenGeneratedAt ?? readClock(options.clock, "createVerificationBundle");
  const content: Omit<VerificationBundle, "bundleHash"> = {
    schemaVersion: VERIFICATION_BUNDLE_SCHEMA_VERSION,
    generatedAt,
    executionId,
    attestationHash,
    ...components,
  };
  return { ...content, bundleHash: hashVerificationBundle(content) };
}
