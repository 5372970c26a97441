import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  attestationSigningInput,
  canonicalize,
  canonicalizeForSigning,
  SIGNING_DOMAINS,
} from "@parmanasystems/core";
import { attestationPayload } from "@parmanasystems/core/internal";
import {
  attestationSigningParts,
  joinSigningParts,
  ownRecordSigningParts,
} from "../../src/attestation/attestation-signing-input.js";

describe("attestationSigningInput", () => {
  it("is the JCS envelope { domain: PARMANA_ATTESTATION_V1, payload } without the signature", () => {
    const attestation = { b: 1, a: "x", signature: "sig" };
    expect(attestationSigningInput(attestation)).toBe(
      '{"domain":"PARMANA_ATTESTATION_V1","payload":{"a":"x","b":1}}',
    );
  });

  it("keeps unknown fields (so adding one breaks the signature)", () => {
    expect(attestationSigningInput({ a: 1, extra: true, signature: "s" })).toBe(
      '{"domain":"PARMANA_ATTESTATION_V1","payload":{"a":1,"extra":true}}',
    );
  });

  it("treats __proto__ as data", () => {
    const hostile = JSON.parse('{"__proto__":{"polluted":1},"a":1,"signature":"s"}') as Record<
      string,
      unknown
    >;
    const payload = attestationPayload(hostile) as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(canonicalize(payload)).toBe('{"__proto__":{"polluted":1},"a":1}');
  });
});

describe("attestationSigningInput fast layout", () => {
  const FIELDS = [
    "executionId",
    "execution_fingerprint",
    "policyId",
    "policyVersion",
    "schemaVersion",
    "runtimeVersion",
    "runtimeHash",
    "decision",
    "execution_state",
    "signalsHash",
    "bundleHash",
    "manifestHash",
    "releaseManifestHash",
    "evaluatorHash",
    "evaluatorSemanticHash",
    "evaluatorArtifactHash",
    "manifestSignature",
    "trustRootVersion",
    "signerKeyId",
    "issuedAt",
    "provenance",
    "signature",
  ];
  const general = (record: Record<string, unknown>): string =>
    canonicalizeForSigning(attestationPayload(record), SIGNING_DOMAINS.attestation);
  const outcome = (fn: () => string): string => {
    try {
      return fn();
    } catch (error) {
      return `throws ${(error as { code?: string }).code ?? String(error)}`;
    }
  };

  it("equals canonicalizeForSigning(payload) for any subset of fields with any JSON values", () => {
    const value = fc.oneof(
      fc.string({ unit: "grapheme" }),
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())),
    );
    const record = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string()), value, {
      maxKeys: 30,
    });
    fc.assert(
      fc.property(record, (candidate) => {
        expect(outcome(() => attestationSigningInput(candidate))).toBe(
          outcome(() => general(candidate)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("matches for a full attestation, a null-prototype copy, and ignores non-enumerable members like canonicalize", () => {
    const full = Object.fromEntries(
      FIELDS.map((field, index) => [
        field,
        field === "decision" ? { action: "a", requires_override: false, reason: "r" } : `v${index}`,
      ]),
    );
    expect(attestationSigningInput(full)).toBe(general(full));
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, full);
    expect(attestationSigningInput(bare)).toBe(general(full));
    const hidden = { ...full };
    Object.defineProperty(hidden, "issuedAt", { value: "hidden", enumerable: false });
    expect(attestationSigningInput(hidden)).toBe(general(hidden));
    expect(attestationSigningInput(hidden)).not.toContain("hidden");
  });

  it("lays out any decision as canonicalize does, one after another (the last decision's text is reused only for equal members)", () => {
    const member = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.constantFrom("approve", "reject", "KYC not verified"),
      fc.boolean(),
      fc.integer(),
      fc.constant(null),
    );
    const decision = fc.oneof(
      fc.record({
        action: fc.constantFrom("approve", "reject"),
        requires_override: fc.boolean(),
        reason: fc.constantFrom("ok", "no", "ok\u2028"),
      }),
      fc.dictionary(
        fc.constantFrom("action", "reason", "requires_override", "rule_id", "__proto__"),
        member,
      ),
    );
    fc.assert(
      fc.property(fc.array(decision, { minLength: 1, maxLength: 6 }), (decisions) => {
        for (const value of decisions) {
          const record = { executionId: "x", decision: value, issuedAt: "t", signature: "s" };
          expect(outcome(() => attestationSigningInput(record))).toBe(
            outcome(() => general(record)),
          );
        }
      }),
      { numRuns: 2000 },
    );
    const record = (decision: unknown): Record<string, unknown> => ({ executionId: "x", decision });
    const usual = { action: "approve", requires_override: false, reason: "ok" };
    // Same members in another order, then one member changed: each gets its own bytes.
    const reordered = { reason: "ok", action: "approve", requires_override: false };
    expect(attestationSigningInput(record(usual))).toBe(general(record(usual)));
    expect(attestationSigningInput(record(reordered))).toBe(general(record(usual)));
    expect(attestationSigningInput(record({ ...usual, reason: "ok!" }))).toBe(
      general(record({ ...usual, reason: "ok!" })),
    );
    expect(attestationSigningInput(record({ ...usual, requires_override: true }))).toContain(
      '"requires_override":true',
    );
    // A member that turns from an object into a string and back gets its own bytes each time.
    for (const value of [usual, "approve", usual, { b: 1 }, "approve", { b: 1 }, usual]) {
      expect(attestationSigningInput(record(value))).toBe(general(record(value)));
    }
    // Null prototype, a getter and a throwing Proxy: canonicalize's own bytes and errors.
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, usual);
    expect(attestationSigningInput(record(bare))).toBe(general(record(usual)));
    let reads = 0;
    const changing = { ...usual };
    Object.defineProperty(changing, "reason", {
      enumerable: true,
      get: () => (reads++ === 0 ? "ok" : "changed"),
    });
    expect(attestationSigningInput(record(changing))).toContain('"reason":"ok"');
    expect(attestationSigningInput(record(usual))).toBe(general(record(usual)));
    const throwing = new Proxy(usual, {
      get() {
        throw new RangeError("no");
      },
    });
    expect(outcome(() => attestationSigningInput(record(throwing)))).toBe("throws CANONICAL-011");
  });

  it("reuses the text of unchanged members only while every one of them is unchanged", () => {
    // Full attestations one after another, each changing a few members (from a small pool, so
    // earlier texts come back) or dropping one: every layout equals the general path's.
    const base = Object.fromEntries(
      FIELDS.filter((field) => field !== "provenance").map((field, index) => [
        field,
        field === "decision" ? { action: "a", requires_override: false, reason: "r" } : `v${index}`,
      ]),
    );
    const pool = fc.oneof(
      fc.constantFrom("v1", "v2", "é", "x\u2028", ""),
      fc.constant({ action: "b", requires_override: true, reason: "r" }),
      fc.constant(undefined),
    );
    const step = fc.array(fc.tuple(fc.constantFrom(...FIELDS), pool), {
      minLength: 1,
      maxLength: 3,
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        let record: Record<string, unknown> = { ...base };
        expect(attestationSigningInput(record)).toBe(general(record));
        for (const changes of steps) {
          record = { ...record };
          for (const [field, value] of changes) {
            if (value === undefined) delete record[field];
            else record[field] = value;
          }
          expect(outcome(() => attestationSigningInput(record))).toBe(
            outcome(() => general(record)),
          );
          // The pieces executeFromSignals encodes one by one make the same text.
          expect(outcome(() => joinSigningParts(attestationSigningParts(record)))).toBe(
            outcome(() => general(record)),
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it("lays out executeFromSignals' own records (known members) as the general path does", () => {
    const decisions = [
      { action: "approve", requires_override: false, reason: "ok" },
      { action: "approve", requires_override: true, reason: "ok" },
      { action: "reject", requires_override: false, reason: "ok" },
      { action: "approve", requires_override: false, reason: "no" },
    ];
    const provenances = [
      undefined,
      {
        provenanceHash: null,
        minimumTrustLevel: null,
        signalsWithProvenance: 0,
        verifiedSignals: 0,
        unverifiedSignals: 0,
      },
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(3), fc.nat(1), fc.constantFrom("a", "b")), { maxLength: 10 }),
        (steps) => {
          for (const [decisionIndex, provenanceIndex, id] of steps) {
            const record: Record<string, unknown> = Object.fromEntries(
              FIELDS.filter((field) => field !== "provenance").map((field) => [
                field,
                `${field}-${id}`,
              ]),
            );
            record["decision"] = Object.freeze({ ...decisions[decisionIndex] });
            const provenance = provenances[provenanceIndex];
            if (provenance !== undefined) record["provenance"] = provenance;
            record["signature"] = "";
            expect(joinSigningParts(ownRecordSigningParts(record, provenance !== undefined))).toBe(
              general(record),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("lays out a record correctly when a getter of it lays out another record meanwhile", () => {
    const other = Object.fromEntries(FIELDS.map((field) => [field, `other-${field}`]));
    const outer: Record<string, unknown> = Object.fromEntries(
      FIELDS.map((field) => [field, `outer-${field}`]),
    );
    let inner = "";
    Object.defineProperty(outer, "policyId", {
      enumerable: true,
      get: () => {
        inner = attestationSigningInput(other);
        return "outer-policyId";
      },
    });
    const plain = Object.fromEntries(FIELDS.map((field) => [field, `outer-${field}`]));
    // Twice: the second time the outer members are the ones remembered from the first.
    for (let round = 0; round < 2; round++) {
      expect(attestationSigningInput(outer)).toBe(general(plain));
      expect(inner).toBe(general(other));
    }
    expect(attestationSigningInput(plain)).toBe(general(plain));
  });

  it("falls back to the general path for symbol keys and class instances (only string keys are payload)", () => {
    const withSymbol = { executionId: "x", [Symbol("s")]: 1 };
    expect(attestationSigningInput(withSymbol)).toBe(general({ executionId: "x" }));
    class Record_ {
      executionId = "x";
    }
    expect(attestationSigningInput(new Record_() as unknown as Record<string, unknown>)).toBe(
      general({ executionId: "x" }),
    );
  });
});
