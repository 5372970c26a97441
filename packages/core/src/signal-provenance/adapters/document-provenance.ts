import type { SignalProvenance } from "../provenance.types.js";
import { AdapterOptions } from "./adapter-options.js";

/** Options of {@link documentProvenance}. */
export interface DocumentProvenanceOptions {
  /** e.g. `"claude-3-5-sonnet"`. */
  modelName: string;
  /** e.g. `"20241022"`. */
  modelVersion: string;
  /** ISO-8601 UTC extraction timestamp; becomes `sourceTimestamp` (absent when not given). */
  extractedAt?: string;
  /** Pre-computed evidence hash (`"sha256:<hex>"`), or provide `rawDocument`. */
  documentHash?: string;
  /** Raw document (bytes, text or JSON); hashed with `hashEvidencePayload` for `evidenceHash`. */
  rawDocument?: unknown;
  /** Model confidence from 0 to 1, stored in `metadata.confidence`. */
  confidence?: number;
  /** Transformations applied; `transformationLineage` is absent when not given. */
  transformations?: string[];
}

/**
 * Builds provenance for a signal an AI or OCR pipeline extracted from a document. AI extraction
 * is not automatically trusted: `trustLevel: "claimed"`, `sourceVerified: false`, and no
 * `verificationMethod`.
 *
 * The record: `source: modelName`, `sourceType: "document_ai"`, `schemaVersion: "1.0.0"`,
 * `adapterIdentity: "document-ai-adapter@1.0.0"`, `sourceTimestamp: extractedAt` (absent when not
 * given; the clock is never read), `transformationLineage: transformations` (absent when not
 * given), `evidenceHash` from `documentHash` or the hash of `rawDocument`, and
 * `metadata: { modelName, modelVersion, confidence? }`.
 *
 * @param options - model identity, extraction time and optional evidence
 * @returns a new provenance record
 * @throws ProvenanceError `PROV-007` for a missing or malformed option; `PROV-008` when both
 *   `rawDocument` and `documentHash` are given and disagree
 * @throws CanonicalizationError when `rawDocument` is not a string, bytes or plain JSON
 * @example
 * ```ts
 * withProvenance(extractedIncome, documentProvenance({
 *   modelName: "claude-3-5-sonnet", modelVersion: "20241022",
 *   extractedAt: "2024-05-01T10:00:00.000Z", rawDocument: pdfBytes, confidence: 0.95,
 * }));
 * ```
 */
export function documentProvenance(options: DocumentProvenanceOptions): SignalProvenance {
  const read = new AdapterOptions("documentProvenance", options);
  const modelName = read.requiredString("modelName");
  const modelVersion = read.requiredString("modelVersion");
  const extractedAt = read.optionalTimestamp("extractedAt");
  const confidence = read.optionalConfidence("confidence");
  const transformations = read.optionalStringList("transformations");
  const evidenceHash = read.evidenceHash("documentHash", "rawDocument");
  return {
    schemaVersion: "1.0.0",
    source: modelName,
    sourceType: "document_ai",
    sourceVerified: false,
    ...(extractedAt === undefined ? {} : { sourceTimestamp: extractedAt }),
    adapterIdentity: "document-ai-adapter@1.0.0",
    ...(transformations === undefined ? {} : { transformationLineage: transformations }),
    ...(evidenceHash === undefined ? {} : { evidenceHash }),
    trustLevel: "claimed",
    metadata: { modelName, modelVersion, ...(confidence === undefined ? {} : { confidence }) },
  };
}
