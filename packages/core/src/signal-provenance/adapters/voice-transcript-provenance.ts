import type { SignalProvenance } from "../provenance.types.js";
import { AdapterOptions } from "./adapter-options.js";

/** Options of {@link voiceTranscriptProvenance}. */
export interface VoiceTranscriptProvenanceOptions {
  /** Call identifier. */
  callId: string;
  /** Speech-to-text model, e.g. `"sarvam-1"`. */
  sttModel: string;
  /** BCP 47 language tag, e.g. `"hi-IN"`. */
  language: string;
  /** ISO-8601 UTC extraction timestamp; becomes `sourceTimestamp`. */
  extractedAt: string;
  /** Pre-computed evidence hash (`"sha256:<hex>"`), or provide `transcript`. */
  transcriptHash?: string;
  /** Transcript text (or JSON); hashed with `hashEvidencePayload` for `evidenceHash`. */
  transcript?: unknown;
  /** Extraction confidence from 0 to 1, stored in `metadata.confidence`. */
  confidence?: number;
}

/**
 * Builds provenance for a signal extracted from a voice call transcript. Voice extraction is not
 * automatically trusted: `trustLevel: "claimed"`, `sourceVerified: false`, and no
 * `verificationMethod`.
 *
 * The record: `source: sttModel`, `sourceType: "voice_transcript"`, `schemaVersion: "1.0.0"`,
 * `adapterIdentity: "voice-transcript-adapter@1.0.0"`, `sourceTimestamp: extractedAt`,
 * `transformationLineage: ["speech-to-text"]`, `evidenceHash` from `transcriptHash` or the hash of
 * `transcript`, and `metadata: { callId, sttModel, language, confidence? }`. No clock is read.
 *
 * @param options - call, model, language, extraction time and optional evidence
 * @returns a new provenance record
 * @throws ProvenanceError `PROV-007` for a missing or malformed option; `PROV-008` when both
 *   `transcript` and `transcriptHash` are given and disagree
 * @throws CanonicalizationError when `transcript` is not a string, bytes or plain JSON
 * @example
 * ```ts
 * withProvenance(statedIncome, voiceTranscriptProvenance({
 *   callId: "CALL-2024-XYZ789", sttModel: "sarvam-1", language: "hi-IN",
 *   extractedAt: "2024-05-01T10:00:00.000Z", transcript: transcriptText, confidence: 0.87,
 * }));
 * ```
 */
export function voiceTranscriptProvenance(
  options: VoiceTranscriptProvenanceOptions,
): SignalProvenance {
  const read = new AdapterOptions("voiceTranscriptProvenance", options);
  const callId = read.requiredString("callId");
  const sttModel = read.requiredString("sttModel");
  const language = read.requiredString("language");
  const extractedAt = read.requiredTimestamp("extractedAt");
  const confidence = read.optionalConfidence("confidence");
  const evidenceHash = read.evidenceHash("transcriptHash", "transcript");
  return {
    schemaVersion: "1.0.0",
    source: sttModel,
    sourceType: "voice_transcript",
    sourceVerified: false,
    sourceTimestamp: extractedAt,
    adapterIdentity: "voice-transcript-adapter@1.0.0",
    transformationLineage: ["speech-to-text"],
    ...(evidenceHash === undefined ? {} : { evidenceHash }),
    trustLevel: "claimed",
    metadata: { callId, sttModel, language, ...(confidence === undefined ? {} : { confidence }) },
  };
}
