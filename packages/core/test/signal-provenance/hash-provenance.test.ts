import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CanonicalizationError,
  ProvenanceError,
  accountAggregatorProvenance,
  buildProvenanceAttestationSummary,
  documentProvenance,
  hashProvenance,
  hashProvenanceSummary,
  hashSignalProvenance,
  withProvenance,
  withoutProvenance,
} from "@parmanasystems/core";
import type { SignalProvenance } from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { FETCHED_AT, cibilProvenance } from "../helpers/provenance-fixtures.js";

const sha256 = (text: string): string =>
  `sha256:${createHash("sha256").update(text).digest("hex")}`;

describe("hashProvenance", () => {
  it("hashes the canonical JSON of the record", () => {
    const provenance: SignalProvenance = {
      source: "CIBIL",
      sourceType: "financial_api",
      sourceVerified: true,
    };
    // Hand-written RFC 8785 form: keys sorted, no whitespace.
    expect(hashProvenance(provenance)).toBe(
      sha256('{"source":"CIBIL","sourceType":"financial_api","sourceVerified":true}'),
    );
  });

  it("does not depend on member order; undefined members hash as absent", () => {
    const a = cibilProvenance({ metadata: { x: 1, y: [1, 2] } });
    const b: SignalProvenance = {
      metadata: { y: [1, 2], x: 1 },
      sourceTimestamp: a.sourceTimestamp as string,
      trustLevel: "verified",
      verificationMethod: "api-key",
      sourceVerified: true,
      sourceType: "financial_api",
      source: "CIBIL",
      evidenceHash: undefined,
    };
    expect(hashProvenance(b)).toBe(hashProvenance(a));
  });

  it("changes when any member changes", () => {
    const base = cibilProvenance({
      evidenceHash: `sha256:${"0".repeat(64)}`,
      metadata: { k: 1 },
      transformationLineage: ["a"],
    });
    const baseHash = hashProvenance(base);
    const variants: Partial<SignalProvenance>[] = [
      { source: "CIBIL2" },
      { sourceType: "banking_api" },
      { sourceVerified: false },
      { verificationMethod: "tls" },
      { sourceTimestamp: "2024-05-01T10:00:01.000Z" },
      { trustLevel: "trusted" },
      { evidenceHash: `sha256:${"1".repeat(64)}` },
      { metadata: { k: 2 } },
      { transformationLineage: ["b"] },
      { schemaVersion: "1.0.0" },
      { adapterIdentity: "x@1" },
    ];
    for (const change of variants)
      expect(hashProvenance({ ...base, ...change })).not.toBe(baseHash);
  });

  it("refuses malformed and non-JSON records", () => {
    expectParmanaError(
      () => hashProvenance(null as never),
      "PROV-002",
      ProvenanceError,
      /hashProvenance/,
    );
    expectParmanaError(() => hashProvenance({ source: "x" } as never), "PROV-002", ProvenanceError);
    expectParmanaError(
      () => hashProvenance(cibilProvenance({ metadata: { n: Number.POSITIVE_INFINITY } })),
      "CANONICAL-001",
      CanonicalizationError,
    );
  });
});

describe("hashSignalProvenance / hashProvenanceSummary", () => {
  const aa = accountAggregatorProvenance({ consentId: "c", fiuId: "f", fetchedAt: FETCHED_AT });

  it("hashes { name: provenance } over signals with provenance only, never values", () => {
    const cibil = cibilProvenance();
    const expected = sha256(`{"score":${canonicalJson(cibil)}}`);
    expect(
      hashSignalProvenance({
        score: withProvenance(742, cibil),
        plain: 1,
        bare: withoutProvenance(2),
      }),
    ).toBe(expected);
    // different values, same provenance: same hash
    expect(hashSignalProvenance({ score: withProvenance(300, cibil) })).toBe(expected);
    expect(hashProvenanceSummary({ score: withProvenance(742, cibil) })).toBe(expected);
  });

  it("returns null without provenance", () => {
    expect(hashSignalProvenance({})).toBeNull();
    expect(hashSignalProvenance({ a: 1, b: withoutProvenance(2) })).toBeNull();
  });

  it("is independent of key order and changes with the provenance", () => {
    const one = hashSignalProvenance({
      a: withProvenance(1, aa),
      b: withProvenance(2, cibilProvenance()),
    });
    const two = hashSignalProvenance({
      b: withProvenance(2, cibilProvenance()),
      a: withProvenance(1, aa),
    });
    expect(one).toBe(two);
    expect(
      hashSignalProvenance({
        a: withProvenance(1, aa),
        b: withProvenance(2, cibilProvenance({ trustLevel: "trusted" })),
      }),
    ).not.toBe(one);
    // moving a provenance to another signal name changes the hash
    expect(
      hashSignalProvenance({ c: withProvenance(1, aa), b: withProvenance(2, cibilProvenance()) }),
    ).not.toBe(one);
  });

  it("refuses malformed records and non-maps", () => {
    expectParmanaError(
      () => hashSignalProvenance({ a: { value: 1, provenance: 5 } }),
      "PROV-002",
      ProvenanceError,
      /signal "a"/,
    );
    expectParmanaError(() => hashSignalProvenance("x" as never), "PROV-001", ProvenanceError);
  });
});

describe("buildProvenanceAttestationSummary", () => {
  it("summarises like validateProvenance and hashes like hashSignalProvenance", () => {
    const doc = documentProvenance({ modelName: "m", modelVersion: "1" });
    const signals = { a: withProvenance(1, cibilProvenance()), b: withProvenance(2, doc), c: 3 };
    expect(buildProvenanceAttestationSummary(signals)).toEqual({
      provenanceHash: hashSignalProvenance(signals),
      signalsWithProvenance: 2,
      verifiedSignals: 1,
      unverifiedSignals: 1,
      minimumTrustLevel: "claimed",
    });
    expect(buildProvenanceAttestationSummary({ a: 1 })).toEqual({
      provenanceHash: null,
      signalsWithProvenance: 0,
      verifiedSignals: 0,
      unverifiedSignals: 0,
      minimumTrustLevel: null,
    });
  });

  it("refuses malformed provenance and non-maps", () => {
    expectParmanaError(
      () => buildProvenanceAttestationSummary({ a: { value: 1, provenance: {} } }),
      "PROV-002",
      ProvenanceError,
    );
    expectParmanaError(
      () => buildProvenanceAttestationSummary(null as never),
      "PROV-001",
      ProvenanceError,
      /buildProvenanceAttestationSummary/,
    );
  });
});

// Minimal independent canonical form for flat-ish test records: sorted keys recursively.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
