import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  ProvenanceError,
  validateProvenance,
  voiceTranscriptProvenance,
  withProvenance,
} from "@parmanasystems/core";
import type { VoiceTranscriptProvenanceOptions } from "@parmanasystems/core";
import { expectParmanaError } from "../../../../../test-support/expect-parmana-error.js";
import { FETCHED_AT } from "../../helpers/provenance-fixtures.js";

const transcriptText = "मेरी मासिक आय पच्चीस हज़ार रुपये है";

describe("voiceTranscriptProvenance (voice KYC)", () => {
  it("builds a claimed record whose evidence hash traces the transcript", () => {
    const provenance = voiceTranscriptProvenance({
      callId: "CALL-2024-XYZ789",
      sttModel: "sarvam-1",
      language: "hi-IN",
      extractedAt: FETCHED_AT,
      transcript: transcriptText,
      confidence: 0.87,
    });
    expect(provenance).toEqual({
      schemaVersion: "1.0.0",
      source: "sarvam-1",
      sourceType: "voice_transcript",
      sourceVerified: false,
      sourceTimestamp: FETCHED_AT,
      adapterIdentity: "voice-transcript-adapter@1.0.0",
      transformationLineage: ["speech-to-text"],
      evidenceHash: `sha256:${createHash("sha256").update(Buffer.from(transcriptText, "utf8")).digest("hex")}`,
      trustLevel: "claimed",
      metadata: {
        callId: "CALL-2024-XYZ789",
        sttModel: "sarvam-1",
        language: "hi-IN",
        confidence: 0.87,
      },
    });
    const result = validateProvenance(
      { monthly_income: withProvenance(25000, provenance) },
      { requireProvenance: true },
    );
    expect(result.valid).toBe(true);
    expect(result.trustSummary).toMatchObject({
      verifiedSignals: 0,
      unverifiedSignals: 1,
      minimumTrustLevel: "claimed",
    });
  });

  it("accepts a pre-computed transcript hash", () => {
    const transcriptHash = `sha256:${"a".repeat(64)}`;
    const provenance = voiceTranscriptProvenance({
      callId: "c",
      sttModel: "s",
      language: "en-IN",
      extractedAt: FETCHED_AT,
      transcriptHash,
    });
    expect(provenance.evidenceHash).toBe(transcriptHash);
  });

  it.each<[string, unknown]>([
    ["missing callId", { sttModel: "s", language: "hi-IN", extractedAt: FETCHED_AT }],
    ["missing sttModel", { callId: "c", language: "hi-IN", extractedAt: FETCHED_AT }],
    ["missing language", { callId: "c", sttModel: "s", extractedAt: FETCHED_AT }],
    ["missing extractedAt", { callId: "c", sttModel: "s", language: "hi-IN" }],
    [
      "confidence 2",
      { callId: "c", sttModel: "s", language: "hi-IN", extractedAt: FETCHED_AT, confidence: 2 },
    ],
    ["a string", "CALL-1"],
  ])("refuses %s with PROV-007", (_label, options) => {
    expectParmanaError(
      () => voiceTranscriptProvenance(options as VoiceTranscriptProvenanceOptions),
      "PROV-007",
      ProvenanceError,
      /voiceTranscriptProvenance/,
    );
  });

  it("refuses a transcript hash that disagrees (PROV-008)", () => {
    expectParmanaError(
      () =>
        voiceTranscriptProvenance({
          callId: "c",
          sttModel: "s",
          language: "hi-IN",
          extractedAt: FETCHED_AT,
          transcript: transcriptText,
          transcriptHash: `sha256:${"a".repeat(64)}`,
        }),
      "PROV-008",
      ProvenanceError,
    );
  });
});
