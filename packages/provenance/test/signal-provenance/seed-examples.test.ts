// The product page's examples (seed 003), run as written wherever they are deterministic. Here
// the decision step evaluates the personal-loan fixture policy through the policy registry;
// seed-execution.test.ts runs the page's executeFromSignals step itself.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FilePolicyRegistry,
  computeExecutionFingerprint,
  evaluatePolicy,
} from "@parmanasystems/core";
import { POLICIES_ROOT_ENV } from "@parmanasystems/core/internal";
import {
  accountAggregatorProvenance,
  buildProvenanceAttestationSummary,
  documentProvenance,
  extractSignalValues,
  hashSignalProvenance,
  validateProvenance,
  voiceTranscriptProvenance,
  withProvenance,
} from "@parmanasystems/provenance";

const POLICIES_ROOT = fileURLToPath(
  new URL("../../../core/test/fixtures/policies", import.meta.url),
);

interface AccountAggregatorResponse {
  derivedMonthlyIncome: number;
  hasRegularIncome: boolean;
  consentId: string;
  fetchedAt: string;
  rawFiData: unknown;
}

const aaResponse: AccountAggregatorResponse = {
  derivedMonthlyIncome: 82000,
  hasRegularIncome: true,
  consentId: "consent-7f3a",
  fetchedAt: "2024-05-01T10:00:00.000Z",
  rawFiData: { fipId: "FIP-HDFC", transactions: [{ amount: "82000.00", narration: "SALARY MAY" }] },
};

let previousRoot: string | undefined;
beforeAll(() => {
  previousRoot = process.env[POLICIES_ROOT_ENV];
  process.env[POLICIES_ROOT_ENV] = POLICIES_ROOT;
});
afterAll(() => {
  if (previousRoot === undefined) delete process.env[POLICIES_ROOT_ENV];
  else process.env[POLICIES_ROOT_ENV] = previousRoot;
});

describe("Account Aggregator income verification (complete example)", () => {
  async function governedLoanDecision(response: AccountAggregatorResponse, cibilScore: number) {
    // Step 1: Build provenance-aware governed signals (as on the page)
    const governedSignals = {
      monthly_income: withProvenance(
        response.derivedMonthlyIncome,
        accountAggregatorProvenance({
          consentId: response.consentId,
          fiuId: "FIU-NBFC-001",
          fetchedAt: response.fetchedAt,
          rawData: response.rawFiData,
          transformations: ["rbi-aa-schema-normalization", "monthly-average-v2"],
        }),
      ),
      cibil_score: withProvenance(cibilScore, {
        source: "CIBIL",
        sourceType: "financial_api",
        sourceVerified: true,
        verificationMethod: "api-key",
        trustLevel: "verified",
        sourceTimestamp: new Date().toISOString(),
      }),
      employed: withProvenance(
        response.hasRegularIncome,
        accountAggregatorProvenance({
          consentId: response.consentId,
          fiuId: "FIU-NBFC-001",
          fetchedAt: response.fetchedAt,
        }),
      ),
    };

    // Step 2: Validate provenance before execution
    const validation = validateProvenance(governedSignals, {
      requireProvenance: true,
      minimumTrustLevel: "verified",
    });
    if (!validation.valid)
      throw new Error(`Provenance requirements not met: ${validation.errors.join(", ")}`);

    // Step 3: Extract values — the determinism boundary
    const signals = extractSignalValues(governedSignals);

    // Step 4: Decide under personal-loan 1.0.0, found through PARMANA_POLICIES_ROOT
    const policy = new FilePolicyRegistry().resolve("personal-loan", "1.0.0");
    const decision = evaluatePolicy(policy, signals);
    return { signals, decision, provenanceSummary: validation.trustSummary, governedSignals };
  }

  it("runs end to end: governed signals → validation → plain values → decision", async () => {
    const { signals, decision, provenanceSummary, governedSignals } = await governedLoanDecision(
      aaResponse,
      742,
    );
    expect(signals).toEqual({ monthly_income: 82000, cibil_score: 742, employed: true });
    expect(decision.action).toBe("approve");
    expect(provenanceSummary).toMatchObject({
      totalSignals: 3,
      signalsWithProvenance: 3,
      verifiedSignals: 3,
      unverifiedSignals: 0,
      minimumTrustLevel: "verified",
    });
    expect(governedSignals.monthly_income.provenance?.evidenceHash).toMatch(
      /^sha256:[0-9a-f]{64}$/,
    );
    const summary = buildProvenanceAttestationSummary(governedSignals);
    expect(summary).toMatchObject({
      signalsWithProvenance: 3,
      verifiedSignals: 3,
      unverifiedSignals: 0,
      minimumTrustLevel: "verified",
    });
    expect(summary.provenanceHash).toBe(hashSignalProvenance(governedSignals));
  });

  it("stops before execution when provenance requirements are not met", async () => {
    const unverified = { ...aaResponse };
    await expect(
      (async () => {
        const governed = {
          monthly_income: withProvenance(
            unverified.derivedMonthlyIncome,
            documentProvenance({ modelName: "m", modelVersion: "1" }),
          ),
        };
        const validation = validateProvenance(governed, {
          requireProvenance: true,
          minimumTrustLevel: "verified",
        });
        if (!validation.valid)
          throw new Error(`Provenance requirements not met: ${validation.errors.join(", ")}`);
      })(),
    ).rejects.toThrow(
      'Provenance requirements not met: signal "monthly_income": trust level "claimed" is below the minimum "verified"',
    );
  });

  it("provenance never changes the decision or the fingerprint", async () => {
    const first = await governedLoanDecision(aaResponse, 742);
    const other = await governedLoanDecision(
      { ...aaResponse, consentId: "another-consent", fetchedAt: "2024-06-01T00:00:00.000Z" },
      742,
    );
    expect(hashSignalProvenance(other.governedSignals)).not.toBe(
      hashSignalProvenance(first.governedSignals),
    );
    expect(other.decision).toEqual(first.decision);
    expect(computeExecutionFingerprint("personal-loan", "1.0.0", other.signals)).toBe(
      computeExecutionFingerprint("personal-loan", "1.0.0", first.signals),
    );
  });
});

describe("AI-extracted signals from bank statement PDFs", () => {
  it("wraps extracted values as claimed, with the PDF bytes as evidence", () => {
    const extractedIncome = 82000;
    const pdfBytes = Buffer.from("%PDF-1.7\n...statement...", "latin1");
    const governedSignals = {
      monthly_income: withProvenance(
        extractedIncome,
        documentProvenance({
          modelName: "claude-3-5-sonnet",
          modelVersion: "20241022",
          extractedAt: new Date().toISOString(),
          rawDocument: pdfBytes,
          confidence: 0.95,
          transformations: ["pdf-text-extraction", "income-normalization"],
        }),
      ),
    };
    expect(governedSignals.monthly_income.provenance.trustLevel).toBe("claimed");
    expect(governedSignals.monthly_income.provenance.sourceVerified).toBe(false);
    expect(validateProvenance(governedSignals, { minimumTrustLevel: "verified" }).valid).toBe(
      false,
    );
    // The NBFC expresses its own cross-check explicitly as a boolean signal instead.
    expect(extractSignalValues({ ...governedSignals, income_source_verified: true })).toEqual({
      monthly_income: 82000,
      income_source_verified: true,
    });
  });
});

describe("Voice KYC for rural microfinance", () => {
  it("traces the signal to the call via the transcript's evidence hash", () => {
    const statedIncome = 25000;
    const transcriptText = "मेरी मासिक आय पच्चीस हज़ार रुपये है";
    const governedSignals = {
      monthly_income: withProvenance(
        statedIncome,
        voiceTranscriptProvenance({
          callId: "CALL-2024-XYZ789",
          sttModel: "sarvam-1",
          language: "hi-IN",
          extractedAt: new Date().toISOString(),
          transcript: transcriptText,
          confidence: 0.87,
        }),
      ),
    };
    const provenance = governedSignals.monthly_income.provenance;
    expect(provenance.trustLevel).toBe("claimed");
    expect(provenance.metadata).toMatchObject({ callId: "CALL-2024-XYZ789", language: "hi-IN" });
    expect(JSON.stringify(provenance)).not.toContain(transcriptText);
    expect(extractSignalValues(governedSignals)).toEqual({ monthly_income: 25000 });
  });
});

describe("Progressive trust adoption", () => {
  const aa = accountAggregatorProvenance({
    consentId: "c",
    fiuId: "FIU-NBFC-001",
    fetchedAt: aaResponse.fetchedAt,
  });
  const cibil = {
    source: "CIBIL",
    sourceType: "financial_api",
    sourceVerified: true,
    trustLevel: "verified",
  } as const;
  const stage1 = { monthly_income: 82000, cibil_score: 720, employed: true };
  const stage2 = { monthly_income: withProvenance(82000, aa), cibil_score: 720, employed: true };
  const stage3 = {
    employed: withProvenance(true, aa),
    cibil_score: withProvenance(720, cibil),
    monthly_income: withProvenance(82000, aa),
  };

  it("plain, mixed and full provenance give identical values, fingerprints and decisions", () => {
    const policy = new FilePolicyRegistry({ policiesRootPath: POLICIES_ROOT }).resolve(
      "personal-loan",
      "1.0.0",
    );
    const results = [stage1, stage2, stage3].map((stage) => {
      const signals = extractSignalValues(stage);
      return {
        signals,
        fingerprint: computeExecutionFingerprint("personal-loan", "1.0.0", signals),
        decision: evaluatePolicy(policy, signals),
      };
    });
    for (const result of results) {
      expect(result.signals).toEqual(stage1);
      expect(result.fingerprint).toBe(results[0]?.fingerprint);
      expect(result.decision).toEqual(results[0]?.decision);
    }
    expect(results[0]?.decision.action).toBe("approve");
  });

  it("each stage reports its coverage", () => {
    expect(validateProvenance(stage1).trustSummary.signalsWithProvenance).toBe(0);
    expect(validateProvenance(stage2).trustSummary.signalsWithProvenance).toBe(1);
    expect(validateProvenance(stage3).trustSummary.signalsWithProvenance).toBe(3);
    expect(hashSignalProvenance(stage1)).toBeNull();
  });
});
