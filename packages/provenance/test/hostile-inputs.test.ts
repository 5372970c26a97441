// Every public function of the signal provenance basics, source attestation, receipts,
// reconciliation, gateway, policy, admissibility, audit timeline and verification bundles, fed
// hostile values in every argument position: each call returns, or throws a coded ParmanaError.
// Never a TypeError, RangeError or SyntaxError from inside the library.
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ParmanaError } from "@parmanasystems/core";
import * as api from "@parmanasystems/provenance";
import {
  ATTESTATION_HASH,
  T0,
  T2,
  authorizedExecution,
  receiptInput,
} from "./helpers/execution-fixtures.js";

function cyclic(): Record<string, unknown> {
  const value: Record<string, unknown> = { value: 1 };
  value["provenance"] = value;
  value["self"] = value;
  return value;
}

const HOSTILE: [string, () => unknown][] = [
  ["null", () => null],
  ["undefined", () => undefined],
  ["empty array", () => []],
  ["array of objects", () => [{ value: 1 }, { eventId: "x" }]],
  ["cycle", cyclic],
  ["NaN", () => Number.NaN],
  ["Infinity", () => Number.POSITIVE_INFINITY],
  ["bigint", () => 10n],
  ["symbol", () => Symbol("s")],
  ["function", () => () => 1],
  ["Date", () => new Date(0)],
  ["Map", () => new Map([["value", 1]])],
  ["string", () => "__proto__"],
  [
    "__proto__ key",
    () => JSON.parse('{"__proto__": {"value": 1, "provenance": {"source": "x"}}, "value": 2}'),
  ],
  ["constructor key", () => JSON.parse('{"constructor": {"prototype": {"polluted": true}}}')],
  ["null prototype", () => Object.create(null)],
  [
    "NaN members",
    () => ({
      value: Number.NaN,
      provenance: {
        source: "x",
        sourceType: "unknown",
        sourceVerified: true,
        metadata: { n: Number.NaN },
      },
    }),
  ],
  [
    "class instance",
    () =>
      new (class Thing {
        value = 1;
      })(),
  ],
  ["frozen object with lone surrogate", () => Object.freeze({ a: "\ud800", eventId: "\udfff" })],
];

const ed = generateKeyPairSync("ed25519");
const publicKeyPem = ed.publicKey.export({ format: "pem", type: "spki" }).toString();
const receipt = api.createExecutionReceipt(receiptInput());
const reconciliation = api.reconcileExecution(authorizedExecution(), receipt);
const timeline = api.buildAuditTimeline({ executionReceipt: receipt });
const bundle = api.createVerificationBundle({
  executionId: "loan-42",
  attestationHash: ATTESTATION_HASH,
  generatedAt: T2,
});
const provenance = api.accountAggregatorProvenance({ consentId: "c", fiuId: "f", fetchedAt: T0 });
const signals = { a: api.withProvenance(1, provenance), b: 2 };
const clockOptions = { clock: () => new Date(T0) };

// Each entry: a valid argument list; hostile values replace one position at a time.
const CALLS: Record<string, [(...args: never[]) => unknown, unknown[]]> = {
  withProvenance: [api.withProvenance, [1, provenance]],
  withoutProvenance: [api.withoutProvenance, [1]],
  stripProvenance: [api.stripProvenance, [signals.a]],
  isGovernedSignal: [api.isGovernedSignal, [signals.a]],
  isProvenanceTrustLevel: [api.isProvenanceTrustLevel, ["verified"]],
  compareTrustLevels: [api.compareTrustLevels, ["claimed", "verified"]],
  effectiveTrustLevel: [api.effectiveTrustLevel, [provenance]],
  assertSignalProvenance: [api.assertSignalProvenance, [provenance]],
  findProvenanceProblem: [api.findProvenanceProblem, [provenance]],
  normalizeGovernedSignals: [api.normalizeGovernedSignals, [signals]],
  extractSignalValues: [api.extractSignalValues, [signals]],
  extractProvenanceMap: [api.extractProvenanceMap, [signals]],
  validateProvenance: [api.validateProvenance, [signals, { requireProvenance: true }]],
  hashEvidencePayload: [api.hashEvidencePayload, [{ raw: 1 }]],
  hashEvidence: [api.hashEvidence, [{ raw: 1 }]],
  hashProvenance: [api.hashProvenance, [provenance]],
  hashSignalProvenance: [api.hashSignalProvenance, [signals]],
  hashProvenanceSummary: [api.hashProvenanceSummary, [signals]],
  buildProvenanceAttestationSummary: [api.buildProvenanceAttestationSummary, [signals]],
  accountAggregatorProvenance: [
    api.accountAggregatorProvenance,
    [{ consentId: "c", fiuId: "f", fetchedAt: T0 }],
  ],
  documentProvenance: [api.documentProvenance, [{ modelName: "m", modelVersion: "1" }]],
  voiceTranscriptProvenance: [
    api.voiceTranscriptProvenance,
    [{ callId: "c", sttModel: "s", language: "hi-IN", extractedAt: T0 }],
  ],
  verifySourceAttestation: [
    api.verifySourceAttestation,
    [
      { a: 1 },
      {
        source: "s",
        signature: "AAAA",
        algorithm: "ed25519",
        signedAt: T0,
        payloadHash: api.hashEvidencePayload({ a: 1 }),
      },
      publicKeyPem,
    ],
  ],
  createExecutionReceipt: [api.createExecutionReceipt, [receiptInput(), clockOptions]],
  hashExecutionReceipt: [api.hashExecutionReceipt, [receipt]],
  hashExecutionParameters: [api.hashExecutionParameters, [{ amount: 1 }]],
  reconcileExecution: [api.reconcileExecution, [authorizedExecution(), receipt]],
  hashReconciliationResult: [api.hashReconciliationResult, [reconciliation]],
  validateExecutionRequest: [
    api.validateExecutionRequest,
    [
      {
        authorizedExecution: authorizedExecution(),
        executorIdentity: "e",
        executionParameters: {},
      },
      clockOptions,
    ],
  ],
  evaluateProvenancePolicy: [api.evaluateProvenancePolicy, [signals, { requireProvenance: true }]],
  evaluateAdmissibility: [api.evaluateAdmissibility, [signals, { requireProvenance: true }]],
  buildAuditTimeline: [api.buildAuditTimeline, [{ executionReceipt: receipt }]],
  hashAuditEvent: [api.hashAuditEvent, [timeline.events[0]]],
  createVerificationBundle: [
    api.createVerificationBundle,
    [{ executionId: "x", attestationHash: "y", generatedAt: T0 }, clockOptions],
  ],
  verifyVerificationBundle: [api.verifyVerificationBundle, [bundle]],
  checkVerificationBundle: [api.checkVerificationBundle, [bundle]],
  hashVerificationBundle: [api.hashVerificationBundle, [bundle]],
};

// Functions that document "never throws": any throw at all is a failure.
const NEVER_THROWS = new Set([
  "isGovernedSignal",
  "isProvenanceTrustLevel",
  "findProvenanceProblem",
  "verifySourceAttestation",
  "verifyVerificationBundle",
  "checkVerificationBundle",
]);

describe.each(Object.entries(CALLS))("%s with hostile input", (name, [fn, validArgs]) => {
  it("accepts its valid arguments", () => {
    expect(() => fn(...(validArgs as never[]))).not.toThrow();
  });

  it.each(validArgs.map((_, position) => position))(
    "argument %i: returns or throws a coded ParmanaError",
    (position) => {
      for (const [label, make] of HOSTILE) {
        const args = [...validArgs];
        args[position] = make();
        let thrown: unknown;
        try {
          fn(...(args as never[]));
        } catch (error) {
          thrown = error;
        }
        if (thrown === undefined) continue;
        expect(
          NEVER_THROWS.has(name),
          `${name}(${label}) threw though documented never to throw`,
        ).toBe(false);
        expect(ParmanaError.isInstance(thrown), `${name}(${label}) threw ${String(thrown)}`).toBe(
          true,
        );
        expect((thrown as ParmanaError).code, `${name}(${label})`).toMatch(
          /^(PROV|CANONICAL)-\d{3}$/,
        );
      }
    },
  );
});

describe("verification results on hostile input", () => {
  it("verification functions say invalid rather than throw", () => {
    for (const [, make] of HOSTILE) {
      expect(api.verifyVerificationBundle(make() as never)).toBe(false);
      expect(api.verifySourceAttestation(make(), make() as never, make() as never).valid).toBe(
        false,
      );
      const gateway = api.validateExecutionRequest(make() as never, clockOptions);
      expect(gateway.allowed).toBe(false);
      expect(gateway.reasons.length).toBeGreaterThan(0);
    }
  });

  it("no prototype was polluted by any of the above", () => {
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(({} as Record<string, unknown>)["value"]).toBeUndefined();
    expect(({} as Record<string, unknown>)["provenance"]).toBeUndefined();
  });
});
