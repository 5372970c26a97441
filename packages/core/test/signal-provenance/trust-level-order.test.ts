import { describe, expect, it } from "vitest";
import {
  ProvenanceError,
  TRUST_LEVEL_ORDER,
  compareTrustLevels,
  effectiveTrustLevel,
  isProvenanceTrustLevel,
} from "@parmanasystems/core";
import type { ProvenanceTrustLevel } from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

describe("TRUST_LEVEL_ORDER / compareTrustLevels", () => {
  it("orders unverified < claimed < verified < trusted", () => {
    expect(TRUST_LEVEL_ORDER).toEqual(["unverified", "claimed", "verified", "trusted"]);
    expect(Object.isFrozen(TRUST_LEVEL_ORDER)).toBe(true);
    const pairs: [ProvenanceTrustLevel, ProvenanceTrustLevel][] = [
      ["unverified", "claimed"],
      ["claimed", "verified"],
      ["verified", "trusted"],
      ["unverified", "trusted"],
    ];
    for (const [low, high] of pairs) {
      expect(compareTrustLevels(low, high)).toBeLessThan(0);
      expect(compareTrustLevels(high, low)).toBeGreaterThan(0);
      expect(compareTrustLevels(low, low)).toBe(0);
    }
  });

  it("recognises exactly the four levels", () => {
    for (const level of TRUST_LEVEL_ORDER) expect(isProvenanceTrustLevel(level)).toBe(true);
    for (const other of ["VERIFIED", "high", "", null, undefined, 2, {}])
      expect(isProvenanceTrustLevel(other)).toBe(false);
  });

  it("rejects unknown levels with PROV-003", () => {
    expectParmanaError(
      () => compareTrustLevels("high" as ProvenanceTrustLevel, "verified"),
      "PROV-003",
      ProvenanceError,
      /"high"/,
    );
    expectParmanaError(
      () => compareTrustLevels("verified", null as unknown as ProvenanceTrustLevel),
      "PROV-003",
      ProvenanceError,
    );
  });
});

describe("effectiveTrustLevel", () => {
  const base = { source: "X", sourceType: "internal_system", sourceVerified: true } as const;

  it("never infers trust upwards", () => {
    expect(effectiveTrustLevel(base)).toBe("unverified");
    expect(effectiveTrustLevel({ ...base, trustLevel: "trusted" })).toBe("trusted");
    expect(effectiveTrustLevel({ ...base, sourceVerified: false, trustLevel: "trusted" })).toBe(
      "claimed",
    );
    expect(effectiveTrustLevel({ ...base, sourceVerified: false, trustLevel: "verified" })).toBe(
      "claimed",
    );
    expect(effectiveTrustLevel({ ...base, sourceVerified: false, trustLevel: "claimed" })).toBe(
      "claimed",
    );
    expect(effectiveTrustLevel({ ...base, sourceVerified: false, trustLevel: "unverified" })).toBe(
      "unverified",
    );
  });

  it("refuses malformed records with PROV-002", () => {
    for (const candidate of [null, [], "x", { ...base, trustLevel: "gold" }]) {
      expectParmanaError(
        () => effectiveTrustLevel(candidate as never),
        "PROV-002",
        ProvenanceError,
        /effectiveTrustLevel/,
      );
    }
  });
});
