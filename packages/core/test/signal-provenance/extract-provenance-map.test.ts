import { describe, expect, it } from "vitest";
import {
  ProvenanceError,
  extractProvenanceMap,
  withProvenance,
  withoutProvenance,
} from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { cibilProvenance } from "../helpers/provenance-fixtures.js";

describe("extractProvenanceMap", () => {
  it("maps every signal to its provenance or null", () => {
    const provenance = cibilProvenance();
    const map = extractProvenanceMap({
      cibil_score: withProvenance(742, provenance),
      employed: withoutProvenance(true),
      plain: 1,
      explicitUndefined: { value: 2, provenance: undefined },
    });
    expect(map).toEqual({
      cibil_score: provenance,
      employed: null,
      plain: null,
      explicitUndefined: null,
    });
    expect(map["cibil_score"]).toBe(provenance);
  });

  it("keeps __proto__ as a data key", () => {
    const input = JSON.parse('{"__proto__": 1}') as Record<string, unknown>;
    const map = extractProvenanceMap(input);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(map, "__proto__")?.value).toBeNull();
  });

  it("refuses malformed provenance with PROV-002 and non-maps with PROV-001", () => {
    expectParmanaError(
      () => extractProvenanceMap({ score: { value: 1, provenance: { source: "CIBIL" } } }),
      "PROV-002",
      ProvenanceError,
      /signal "score": sourceType/,
    );
    expectParmanaError(() => extractProvenanceMap(null as never), "PROV-001", ProvenanceError);
    expectParmanaError(() => extractProvenanceMap([] as never), "PROV-001", ProvenanceError);
  });
});
