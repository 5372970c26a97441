import { describe, expect, it } from "vitest";
import { evaluateExecutionGate, type ExecutionGateInput } from "@parmanasystems/provenance";

function passing(): ExecutionGateInput {
  return {
    authority: { valid: true, reasons: [] },
    consumption: { allowed: true, reasons: [], status: "available" },
    admissibility: { admissible: true, signalResults: {}, violations: [] },
    invariants: { valid: true, violations: [] },
  };
}

describe("evaluateExecutionGate", () => {
  it("allows only when every checkpoint passes", () => {
    expect(evaluateExecutionGate(passing())).toEqual({
      allowed: true,
      reasons: [],
      failedChecks: [],
    });
    const { admissibility: _a, invariants: _i, ...required } = passing();
    expect(evaluateExecutionGate(required)).toEqual({
      allowed: true,
      reasons: [],
      failedChecks: [],
    });
  });

  it("denies and names the authority check", () => {
    const input = {
      ...passing(),
      authority: { valid: false, reasons: ["authority expired at 2024-05-01T10:05:00.000Z"] },
    };
    expect(evaluateExecutionGate(input)).toEqual({
      allowed: false,
      reasons: ["authority: authority expired at 2024-05-01T10:05:00.000Z"],
      failedChecks: ["authority"],
    });
  });

  it("denies and names the consumption check, whatever the status", () => {
    for (const status of ["consumed", "expired", "invalid"] as const) {
      const input = {
        ...passing(),
        consumption: { allowed: false, reasons: [`it is ${status}`], status },
      };
      expect(evaluateExecutionGate(input)).toEqual({
        allowed: false,
        reasons: [`consumption: it is ${status}`],
        failedChecks: ["consumption"],
      });
    }
  });

  it("denies and names admissibility and invariants", () => {
    const input = {
      ...passing(),
      admissibility: {
        admissible: false,
        signalResults: {},
        violations: ['signal "income": trust below verified'],
      },
      invariants: {
        valid: false,
        violations: [
          {
            invariant: "empty-lineage",
            severity: "critical" as const,
            message: "the lineage has no events",
          },
        ],
      },
    };
    expect(evaluateExecutionGate(input)).toEqual({
      allowed: false,
      reasons: [
        'admissibility: signal "income": trust below verified',
        "invariants: empty-lineage: the lineage has no events",
      ],
      failedChecks: ["admissibility", "invariants"],
    });
  });

  it("lists every failed check in a fixed order", () => {
    const input: ExecutionGateInput = {
      authority: { valid: false, reasons: ["a"] },
      consumption: { allowed: false, reasons: ["c"], status: "consumed" },
      admissibility: { admissible: false, signalResults: {}, violations: ["d"] },
      invariants: { valid: false, violations: [] },
    };
    expect(evaluateExecutionGate(input).failedChecks).toEqual([
      "authority",
      "consumption",
      "admissibility",
      "invariants",
    ]);
  });

  it.each([
    [
      "authority valid but with reasons",
      { authority: { valid: true, reasons: ["odd"] } },
      "authority",
    ],
    ["authority valid as a string", { authority: { valid: "true", reasons: [] } }, "authority"],
    ["authority missing", { authority: undefined }, "authority"],
    ["authority reasons not a list", { authority: { valid: true } }, "authority"],
    [
      "consumption allowed but consumed",
      { consumption: { allowed: true, reasons: [], status: "consumed" } },
      "consumption",
    ],
    [
      "consumption allowed without status",
      { consumption: { allowed: true, reasons: [] } },
      "consumption",
    ],
    ["consumption missing", { consumption: null }, "consumption"],
    [
      "consumption allowed 1",
      { consumption: { allowed: 1, reasons: [], status: "available" } },
      "consumption",
    ],
    ["admissibility malformed", { admissibility: "yes" }, "admissibility"],
    [
      "admissibility admissible with violations",
      { admissibility: { admissible: true, signalResults: {}, violations: ["x"] } },
      "admissibility",
    ],
    [
      "invariants valid with violations",
      {
        invariants: {
          valid: true,
          violations: [{ invariant: "x", severity: "low", message: "m" }],
        },
      },
      "invariants",
    ],
    ["invariants malformed", { invariants: [] }, "invariants"],
    ["invariants null", { invariants: null }, "invariants"],
  ])("denies on doubt: %s", (_name, change, check) => {
    const decision = evaluateExecutionGate({ ...passing(), ...change } as never);
    expect(decision.allowed).toBe(false);
    expect(decision.failedChecks).toEqual([check]);
    expect(decision.reasons.length).toBeGreaterThan(0);
    expect(decision.reasons.every((reason) => reason.startsWith(`${check}: `))).toBe(true);
  });

  it("denies hostile input without throwing", () => {
    for (const value of [undefined, null, "allow", 1, [], new Map()]) {
      const decision = evaluateExecutionGate(value as never);
      expect(decision.allowed).toBe(false);
      expect(decision.failedChecks).toEqual(["authority", "consumption"]);
    }
    const hostileReasons = {
      ...passing(),
      authority: {
        valid: false,
        reasons: [
          Symbol("x"),
          {
            toString: () => {
              throw new Error("no");
            },
          },
        ],
      },
    };
    expect(evaluateExecutionGate(hostileReasons as never).reasons).toEqual([
      "authority: symbol",
      "authority: an object",
    ]);
  });
});
