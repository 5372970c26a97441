// verifyAttestation decides on exactly what it was given: the trust root's current content, a
// verdict that is literally `valid: true`, one snapshot of the record, and known options only.
import { describe, expect, it } from "vitest";
import {
  createTrustRoot,
  InvariantError,
  LocalVerifier,
  verifyAttestation,
  type TrustRoot,
} from "@parmanasystems/core";
import { fixtureAttestation, fixtureKey, trustKey } from "../helpers/trust-fixtures.js";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

const k1 = fixtureKey(1, "k1");
const attestation = fixtureAttestation(k1, "2026-02-01T00:00:00.000Z", "1");
const verifier = new LocalVerifier(k1.publicKeyPem);

describe("the trust-root cache follows the root's content", () => {
  it("a key revoked in place in the caller's object is refused on the next call", () => {
    const root = JSON.parse(
      JSON.stringify(createTrustRoot({ keys: [trustKey(k1, ["attestation", "trust-root"])] })),
    ) as { keys: { revokedAt?: string }[] };
    expect(
      verifyAttestation(attestation, verifier, { trustRoot: root as unknown as TrustRoot }).valid,
    ).toBe(true);
    root.keys[0]!.revokedAt = "2026-01-15T00:00:00.000Z";
    const refused = verifyAttestation(attestation, verifier, {
      trustRoot: root as unknown as TrustRoot,
    });
    expect(refused.valid).toBe(false);
    expect(refused.errors.join(" ")).toMatch(/revoked/);
  });

  it("emptying keys in place makes the root invalid instead of leaving the old verdict cached", () => {
    const root = JSON.parse(
      JSON.stringify(createTrustRoot({ keys: [trustKey(k1, ["attestation", "trust-root"])] })),
    ) as { keys: unknown[] };
    expect(
      verifyAttestation(attestation, verifier, { trustRoot: root as unknown as TrustRoot }).valid,
    ).toBe(true);
    root.keys.length = 0;
    expect(() =>
      verifyAttestation(attestation, verifier, { trustRoot: root as unknown as TrustRoot }),
    ).toThrow(/TRUST-/);
  });
});

describe("trust-root verifiers passed directly", () => {
  const fake = (explain: () => unknown) => ({
    trustRootVersion: "1",
    verify: () => true,
    explain,
  });

  it("only valid === true passes: 'false', 1 and {} are refused", () => {
    for (const answer of [{ valid: "false" }, { valid: 1 }, {}, null, "yes"]) {
      const result = verifyAttestation(
        attestation,
        fake(() => answer),
      );
      expect(result.valid).toBe(false);
      expect(result.checks.signature_verified).toBe(false);
      expect(result.errors[0]).toMatch(/^\[INV-VERIFY-003\] the trust-root verifier answered/);
    }
  });

  it("a throwing explain becomes an INV-VERIFY-003 result, not a raw TypeError", () => {
    const result = verifyAttestation(
      attestation,
      fake(() => {
        throw new TypeError("boom");
      }),
    );
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toBe("[INV-VERIFY-003] the trust-root verifier threw: boom");
  });

  it("a refusal's code is shown only when it looks like a code", () => {
    const result = verifyAttestation(
      attestation,
      fake(() => ({ valid: false, code: "\u001b[2J", reason: "no" })),
    );
    expect(result.errors[0]).toBe("[TRUST-026] no");
  });
});

describe("verifyAttestation judges one snapshot of the record", () => {
  it("a getter cannot return a forged decision after the verdict (accessors are refused)", () => {
    let reads = 0;
    const tricky = { ...attestation } as Record<string, unknown>;
    Object.defineProperty(tricky, "decision", {
      enumerable: true,
      get: () =>
        reads++ === 0 ? attestation.decision : { ...attestation.decision, action: "approve-all" },
    });
    const result = verifyAttestation(tricky, verifier);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      "[INV-VERIFY-014] the attestation is not plain data: decision is an accessor, not data",
    ]);
    expect(reads).toBe(0);
  });

  it("a non-enumerable provenance is refused rather than format-checked and left unsigned", () => {
    const hidden = { ...attestation } as Record<string, unknown>;
    Object.defineProperty(hidden, "provenance", {
      enumerable: false,
      value: {
        provenanceHash: null,
        minimumTrustLevel: null,
        signalsWithProvenance: 0,
        verifiedSignals: 0,
        unverifiedSignals: 0,
      },
    });
    const result = verifyAttestation(hidden, verifier);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      "[INV-VERIFY-014] the attestation is not plain data: provenance is not enumerable",
    ]);
  });

  it("a Proxy is read once; one whose traps throw is a coded result", () => {
    const reads = new Map<PropertyKey, number>();
    const proxy = new Proxy(
      { ...attestation },
      {
        getOwnPropertyDescriptor(target, key) {
          reads.set(key, (reads.get(key) ?? 0) + 1);
          return Reflect.getOwnPropertyDescriptor(target, key);
        },
      },
    );
    expect(verifyAttestation(proxy, verifier).valid).toBe(true);
    expect(Math.max(...reads.values())).toBe(1);
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new RangeError("no");
        },
      },
    );
    const result = verifyAttestation(hostile, verifier);
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatch(
      /^\[INV-VERIFY-014\] .*could not be read \(RangeError thrown\)/,
    );
  });

  it("a nested accessor is refused too", () => {
    const nested = { ...attestation, decision: { ...attestation.decision } } as Record<
      string,
      unknown
    >;
    Object.defineProperty(nested["decision"], "action", { enumerable: true, get: () => "approve" });
    expect(verifyAttestation(nested, verifier).errors).toEqual([
      "[INV-VERIFY-014] the attestation is not plain data: decision.action is an accessor, not data",
    ]);
  });
});

describe("verifyAttestation options", () => {
  it("refuses an unknown option name (a typo must not disable the trust check)", () => {
    for (const options of [{ trustroot: {} }, { signal: {} }, { trustRoot: undefined, extra: 1 }]) {
      expectParmanaError(
        () => verifyAttestation(attestation, verifier, options as never),
        "INV-EXEC-003",
        InvariantError,
        /unknown verifyAttestation option\(s\): "(trustroot|signal|extra)"/,
      );
    }
  });
});
