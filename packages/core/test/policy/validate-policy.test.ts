import { describe, expect, it } from "vitest";
import { describeErrorCode, validatePolicy, type PolicyProblem } from "@parmanasystems/core";
import { policyWithRules, rule, samplePolicy, type Json } from "./helpers/policy-documents.js";

interface Case {
  readonly name: string;
  readonly build: () => unknown;
  readonly code: string;
  readonly path: string;
}

function mutated(change: (policy: Json) => void): () => Json {
  return () => {
    const policy = samplePolicy();
    change(policy);
    return policy;
  };
}

function withCondition(condition: unknown): () => Json {
  return () => policyWithRules([rule("r1", condition), rule("fallback", { all: [] })]);
}

const CASES: readonly Case[] = [
  { name: "a string", build: () => "policy", code: "POL-030", path: "$" },
  { name: "an array", build: () => [samplePolicy()], code: "POL-030", path: "$" },
  { name: "null", build: () => null, code: "POL-030", path: "$" },
  { name: "a class instance", build: () => new Map(), code: "POL-030", path: "$" },
  {
    name: "missing policyId",
    build: mutated((p) => delete p["policyId"]),
    code: "POL-003",
    path: "$.policyId",
  },
  {
    name: "numeric policyId",
    build: mutated((p) => (p["policyId"] = 42)),
    code: "POL-003",
    path: "$.policyId",
  },
  {
    name: "path traversal policyId",
    build: mutated((p) => (p["policyId"] = "../etc")),
    code: "POL-003",
    path: "$.policyId",
  },
  {
    name: "policyId with a slash",
    build: mutated((p) => (p["policyId"] = "a/b")),
    code: "POL-003",
    path: "$.policyId",
  },
  {
    name: "policyId starting with a dot",
    build: mutated((p) => (p["policyId"] = ".hidden")),
    code: "POL-003",
    path: "$.policyId",
  },
  {
    name: "policyId too long",
    build: mutated((p) => (p["policyId"] = "a".repeat(129))),
    code: "POL-003",
    path: "$.policyId",
  },
  {
    name: "missing policyVersion",
    build: mutated((p) => delete p["policyVersion"]),
    code: "POL-004",
    path: "$.policyVersion",
  },
  {
    name: "numeric policyVersion",
    build: mutated((p) => (p["policyVersion"] = 1)),
    code: "POL-004",
    path: "$.policyVersion",
  },
  {
    name: "policyVersion v1",
    build: mutated((p) => (p["policyVersion"] = "v1")),
    code: "POL-022",
    path: "$.policyVersion",
  },
  {
    name: "policyVersion 1.0",
    build: mutated((p) => (p["policyVersion"] = "1.0")),
    code: "POL-022",
    path: "$.policyVersion",
  },
  {
    name: "policyVersion with leading zero",
    build: mutated((p) => (p["policyVersion"] = "01.0.0")),
    code: "POL-022",
    path: "$.policyVersion",
  },
  {
    name: "missing schemaVersion",
    build: mutated((p) => delete p["schemaVersion"]),
    code: "POL-005",
    path: "$.schemaVersion",
  },
  {
    name: "unsupported schemaVersion",
    build: mutated((p) => (p["schemaVersion"] = "2.0.0")),
    code: "POL-009",
    path: "$.schemaVersion",
  },
  {
    name: "missing signalsSchema",
    build: mutated((p) => delete p["signalsSchema"]),
    code: "POL-006",
    path: "$.signalsSchema",
  },
  {
    name: "signalsSchema array",
    build: mutated((p) => (p["signalsSchema"] = [])),
    code: "POL-006",
    path: "$.signalsSchema",
  },
  {
    name: "declaration not an object",
    build: mutated((p) => (p["signalsSchema"]["score"] = "integer")),
    code: "POL-031",
    path: "$.signalsSchema.score",
  },
  {
    name: "signal named __proto__",
    build: () => {
      const policy = samplePolicy();
      policy["signalsSchema"] = JSON.parse('{"__proto__": {"type": "integer"}}');
      policy["rules"] = [rule("fallback", { all: [] })];
      return policy;
    },
    code: "POL-031",
    path: "$.signalsSchema.__proto__",
  },
  {
    name: "signal name with a space",
    build: mutated((p) => (p["signalsSchema"]["credit score"] = { type: "integer" })),
    code: "POL-031",
    path: '$.signalsSchema["credit score"]',
  },
  {
    name: "missing type",
    build: mutated((p) => (p["signalsSchema"]["score"] = {})),
    code: "POL-010",
    path: "$.signalsSchema.score.type",
  },
  {
    name: "unsupported type",
    build: mutated((p) => (p["signalsSchema"]["score"] = { type: "float" })),
    code: "POL-011",
    path: "$.signalsSchema.score.type",
  },
  {
    name: "missing rules",
    build: mutated((p) => delete p["rules"]),
    code: "POL-007",
    path: "$.rules",
  },
  {
    name: "rules an object",
    build: mutated((p) => (p["rules"] = {})),
    code: "POL-007",
    path: "$.rules",
  },
  {
    name: "empty rules",
    build: mutated((p) => (p["rules"] = [])),
    code: "POL-007",
    path: "$.rules",
  },
  {
    name: "enum values not an array",
    build: mutated((p) => (p["signalsSchema"]["tier"]["values"] = "gold")),
    code: "POL-032",
    path: "$.signalsSchema.tier.values",
  },
  {
    name: "enum value not a string",
    build: mutated((p) => (p["signalsSchema"]["tier"]["values"] = ["gold", 2])),
    code: "POL-032",
    path: "$.signalsSchema.tier.values[1]",
  },
  {
    name: "duplicate enum value",
    build: mutated((p) => (p["signalsSchema"]["tier"]["values"] = ["gold", "gold"])),
    code: "POL-032",
    path: "$.signalsSchema.tier.values[1]",
  },
  {
    name: "values on a non-enum",
    build: mutated((p) => (p["signalsSchema"]["name"]["values"] = ["a"])),
    code: "POL-032",
    path: "$.signalsSchema.name.values",
  },
  {
    name: "enum without values",
    build: mutated((p) => delete p["signalsSchema"]["tier"]["values"]),
    code: "POL-012",
    path: "$.signalsSchema.tier",
  },
  {
    name: "enum with empty values",
    build: mutated((p) => (p["signalsSchema"]["tier"]["values"] = [])),
    code: "POL-012",
    path: "$.signalsSchema.tier.values",
  },
  {
    name: "rule not an object",
    build: () => policyWithRules(["r1"]),
    code: "POL-013",
    path: "$.rules[0]",
  },
  {
    name: "rule without id",
    build: () =>
      policyWithRules([
        { condition: { all: [] }, outcome: { action: "a", requires_override: false, reason: "" } },
      ]),
    code: "POL-013",
    path: "$.rules[0].id",
  },
  {
    name: "rule with empty id",
    build: () => policyWithRules([rule("", { all: [] })]),
    code: "POL-013",
    path: "$.rules[0].id",
  },
  {
    name: "rule without condition",
    build: () =>
      policyWithRules([
        { id: "r", outcome: { action: "a", requires_override: false, reason: "" } },
      ]),
    code: "POL-013",
    path: "$.rules[0].condition",
  },
  {
    name: "condition not an object",
    build: withCondition(true),
    code: "POL-013",
    path: "$.rules[0].condition",
  },
  {
    name: "all not an array",
    build: withCondition({ all: {} }),
    code: "POL-013",
    path: "$.rules[0].condition.all",
  },
  {
    name: "any not an array",
    build: withCondition({ any: "x" }),
    code: "POL-013",
    path: "$.rules[0].condition.any",
  },
  {
    name: "not of a non-object",
    build: withCondition({ not: [] }),
    code: "POL-013",
    path: "$.rules[0].condition.not",
  },
  {
    name: "composite with two members",
    build: withCondition({ all: [], any: [] }),
    code: "POL-013",
    path: "$.rules[0].condition",
  },
  {
    name: "composite mixed with a leaf",
    build: withCondition({ all: [], signal: "score", equals: 1 }),
    code: "POL-013",
    path: "$.rules[0].condition",
  },
  {
    name: "leaf without signal",
    build: withCondition({ equals: 1 }),
    code: "POL-013",
    path: "$.rules[0].condition.signal",
  },
  {
    name: "leaf with numeric signal",
    build: withCondition({ signal: 1, equals: 1 }),
    code: "POL-013",
    path: "$.rules[0].condition.signal",
  },
  {
    name: "leaf without operator",
    build: withCondition({ signal: "score" }),
    code: "POL-013",
    path: "$.rules[0].condition",
  },
  {
    name: "leaf with two operators",
    build: withCondition({ signal: "score", greater_than: 1, less_than: 9 }),
    code: "POL-013",
    path: "$.rules[0].condition",
  },
  {
    name: "conditions nested too deep",
    build: () => {
      let condition: unknown = { all: [] };
      for (let depth = 0; depth < 70; depth++) condition = { not: condition };
      return policyWithRules([rule("deep", condition), rule("fallback", { all: [] })]);
    },
    code: "POL-013",
    path: `$.rules[0].condition${".not".repeat(64)}`,
  },
  {
    name: "operator >=",
    build: withCondition({ signal: "score", ">=": 700 }),
    code: "POL-014",
    path: '$.rules[0].condition[">="]',
  },
  {
    name: "operator gt",
    build: withCondition({ signal: "score", gt: 700 }),
    code: "POL-014",
    path: "$.rules[0].condition.gt",
  },
  {
    name: "undeclared signal",
    build: withCondition({ signal: "credit_score", equals: 1 }),
    code: "POL-015",
    path: "$.rules[0].condition.signal",
  },
  {
    name: "ordering on a string",
    build: withCondition({ signal: "name", greater_than: "a" }),
    code: "POL-016",
    path: "$.rules[0].condition.greater_than",
  },
  {
    name: "ordering on a boolean",
    build: withCondition({ signal: "active", less_than: true }),
    code: "POL-016",
    path: "$.rules[0].condition.less_than",
  },
  {
    name: "ordering on an enum",
    build: withCondition({ signal: "tier", greater_than_or_equal: "silver" }),
    code: "POL-016",
    path: "$.rules[0].condition.greater_than_or_equal",
  },
  {
    name: "in on a boolean",
    build: withCondition({ signal: "active", in: [true] }),
    code: "POL-016",
    path: "$.rules[0].condition.in",
  },
  {
    name: "integer signal with a fraction",
    build: withCondition({ signal: "score", greater_than: 699.5 }),
    code: "POL-017",
    path: "$.rules[0].condition.greater_than",
  },
  {
    name: "integer signal with a string",
    build: withCondition({ signal: "score", equals: "700" }),
    code: "POL-017",
    path: "$.rules[0].condition.equals",
  },
  {
    name: "integer beyond the safe range",
    build: withCondition({ signal: "score", less_than: 2 ** 53 }),
    code: "POL-017",
    path: "$.rules[0].condition.less_than",
  },
  {
    name: "number signal with a string",
    build: withCondition({ signal: "amount", less_than: "10" }),
    code: "POL-017",
    path: "$.rules[0].condition.less_than",
  },
  {
    name: "number signal with Infinity (1e400 in JSON)",
    build: () =>
      JSON.parse(
        JSON.stringify(withCondition({ signal: "amount", less_than: 1 })()).replace(
          '"less_than":1',
          '"less_than":1e400',
        ),
      ),
    code: "POL-017",
    path: "$.rules[0].condition.less_than",
  },
  {
    name: "boolean signal with a string",
    build: withCondition({ signal: "active", equals: "true" }),
    code: "POL-017",
    path: "$.rules[0].condition.equals",
  },
  {
    name: "string signal with a number",
    build: withCondition({ signal: "name", equals: 1 }),
    code: "POL-017",
    path: "$.rules[0].condition.equals",
  },
  {
    name: "equals with an array",
    build: withCondition({ signal: "score", equals: [1, 2] }),
    code: "POL-017",
    path: "$.rules[0].condition.equals",
  },
  {
    name: "in with a scalar",
    build: withCondition({ signal: "score", in: 1 }),
    code: "POL-017",
    path: "$.rules[0].condition.in",
  },
  {
    name: "in with an empty list",
    build: withCondition({ signal: "score", in: [] }),
    code: "POL-017",
    path: "$.rules[0].condition.in",
  },
  {
    name: "in with a mixed list",
    build: withCondition({ signal: "score", in: [1, "2", 3] }),
    code: "POL-017",
    path: "$.rules[0].condition.in[1]",
  },
  {
    name: "not_in with a fraction on an integer",
    build: withCondition({ signal: "score", not_in: [1, 2.5] }),
    code: "POL-017",
    path: "$.rules[0].condition.not_in[1]",
  },
  {
    name: "enum operand outside values",
    build: withCondition({ signal: "tier", equals: "platinum" }),
    code: "POL-018",
    path: "$.rules[0].condition.equals",
  },
  {
    name: "enum list element outside values",
    build: withCondition({ signal: "tier", in: ["gold", "Gold"] }),
    code: "POL-018",
    path: "$.rules[0].condition.in[1]",
  },
  {
    name: "missing outcome",
    build: () => policyWithRules([{ id: "r", condition: { all: [] } }]),
    code: "POL-019",
    path: "$.rules[0].outcome",
  },
  {
    name: "outcome not an object",
    build: () => policyWithRules([{ id: "r", condition: { all: [] }, outcome: "approve" }]),
    code: "POL-019",
    path: "$.rules[0].outcome",
  },
  {
    name: "empty action",
    build: () =>
      policyWithRules([
        {
          id: "r",
          condition: { all: [] },
          outcome: { action: "", requires_override: false, reason: "" },
        },
      ]),
    code: "POL-019",
    path: "$.rules[0].outcome.action",
  },
  {
    name: "requires_override as a string",
    build: () =>
      policyWithRules([
        {
          id: "r",
          condition: { all: [] },
          outcome: { action: "a", requires_override: "false", reason: "" },
        },
      ]),
    code: "POL-019",
    path: "$.rules[0].outcome.requires_override",
  },
  {
    name: "missing reason",
    build: () =>
      policyWithRules([
        { id: "r", condition: { all: [] }, outcome: { action: "a", requires_override: false } },
      ]),
    code: "POL-019",
    path: "$.rules[0].outcome.reason",
  },
  {
    name: "duplicate rule id",
    build: () =>
      policyWithRules([rule("same", { signal: "score", equals: 1 }), rule("same", { all: [] })]),
    code: "POL-020",
    path: "$.rules[1].id",
  },
  {
    name: "override_roles not an array",
    build: () => policyWithRules([{ ...rule("r", { all: [] }), override_roles: "risk-manager" }]),
    code: "POL-026",
    path: "$.rules[0].override_roles",
  },
  {
    name: "override_roles empty",
    build: () => policyWithRules([{ ...rule("r", { all: [] }), override_roles: [] }]),
    code: "POL-026",
    path: "$.rules[0].override_roles",
  },
  {
    name: "override_roles with an empty role",
    build: () =>
      policyWithRules([{ ...rule("r", { all: [] }), override_roles: ["risk-manager", ""] }]),
    code: "POL-026",
    path: "$.rules[0].override_roles[1]",
  },
  {
    name: "override_roles with a duplicate",
    build: () => policyWithRules([{ ...rule("r", { all: [] }), override_roles: ["a", "a"] }]),
    code: "POL-026",
    path: "$.rules[0].override_roles[1]",
  },
  {
    name: "unknown top-level member",
    build: mutated((p) => (p["rule"] = [])),
    code: "POL-027",
    path: "$.rule",
  },
  {
    name: "misspelt override_roles",
    build: () => policyWithRules([{ ...rule("r", { all: [] }), overide_roles: ["a"] }]),
    code: "POL-027",
    path: "$.rules[0].overide_roles",
  },
  {
    name: "unknown outcome member",
    build: () =>
      policyWithRules([
        {
          id: "r",
          condition: { all: [] },
          outcome: { action: "a", requires_override: false, reason: "", score: 1 },
        },
      ]),
    code: "POL-027",
    path: "$.rules[0].outcome.score",
  },
  {
    name: "unknown declaration member",
    build: mutated((p) => (p["signalsSchema"]["score"]["min"] = 0)),
    code: "POL-027",
    path: "$.signalsSchema.score.min",
  },
  {
    name: "description not a string",
    build: mutated((p) => (p["description"] = 1)),
    code: "POL-027",
    path: "$.description",
  },
  {
    name: "lone surrogate in a reason (not plain JSON)",
    build: () =>
      policyWithRules([
        {
          id: "r",
          condition: { all: [] },
          outcome: { action: "a", requires_override: false, reason: "\uD800" },
        },
      ]),
    code: "POL-030",
    path: "$.rules[0].outcome.reason",
  },
];

describe("validatePolicy: every POL code with its JSON path", () => {
  it.each(CASES)("$name → $code at $path", ({ build, code, path }) => {
    const result = validatePolicy(build());
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => [e.code, e.path])).toContainEqual([code, path]);
    expect(result).not.toHaveProperty("policy");
  });

  it("gives every reported code a catalogue entry with title, cause and fix", () => {
    const codes = new Set(CASES.map((c) => c.code));
    for (const code of [
      ...codes,
      "POL-001",
      "POL-002",
      "POL-021",
      "POL-023",
      "POL-024",
      "POL-025",
      "POL-008",
      "POL-029",
    ]) {
      const entry = describeErrorCode(code);
      expect(entry, code).toBeDefined();
      expect(entry!.title.length).toBeGreaterThan(0);
      expect(entry!.cause.length).toBeGreaterThan(0);
      expect(entry!.fix.length).toBeGreaterThan(0);
    }
  });

  it("accepts the sample policy without errors or warnings", () => {
    expect(validatePolicy(samplePolicy())).toEqual({ valid: true, errors: [], warnings: [] });
  });
});

describe("validatePolicy: all problems at once", () => {
  it("reports every independent problem of one document in document order", () => {
    const policy = samplePolicy();
    policy["policyVersion"] = "v1";
    policy["schemaVersion"] = "0.9";
    policy["signalsSchema"]["tier"] = { type: "enum" };
    policy["signalsSchema"]["ratio"] = { type: "float" };
    policy["rules"] = [
      rule("a", { signal: "score", gte: 700 }),
      rule("b", { signal: "unknown", equals: 1 }),
      rule("a", {
        all: [
          { signal: "name", less_than: "x" },
          { signal: "amount", equals: "1" },
        ],
      }),
      { id: "d", condition: { all: [] }, outcome: { action: "", requires_override: 0, reason: 1 } },
    ];
    const { errors, valid } = validatePolicy(policy);
    expect(valid).toBe(false);
    expect(errors.map((e: PolicyProblem) => `${e.code} ${e.path}`)).toEqual([
      "POL-022 $.policyVersion",
      "POL-009 $.schemaVersion",
      "POL-012 $.signalsSchema.tier",
      "POL-011 $.signalsSchema.ratio.type",
      "POL-014 $.rules[0].condition.gte",
      "POL-015 $.rules[1].condition.signal",
      "POL-020 $.rules[2].id",
      "POL-016 $.rules[2].condition.all[0].less_than",
      "POL-017 $.rules[2].condition.all[1].equals",
      "POL-019 $.rules[3].outcome.action",
      "POL-019 $.rules[3].outcome.requires_override",
      "POL-019 $.rules[3].outcome.reason",
    ]);
  });

  it("says which operator was meant for a common misspelling", () => {
    const { errors } = validatePolicy(withCondition({ signal: "score", ">=": 700 })());
    expect(errors[0]?.message).toContain('did you mean "greater_than_or_equal"?');
  });

  it("never throws, even for a throwing getter", () => {
    const policy = samplePolicy();
    Object.defineProperty(policy, "rules", {
      enumerable: true,
      get() {
        throw new TypeError("boom");
      },
    });
    const result = validatePolicy(policy);
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatchObject({ code: "POL-030", path: "$" });
  });
});

describe("validatePolicy: rule-order warnings", () => {
  const signalRule = (id: string, bound: number): Json =>
    rule(id, { signal: "score", greater_than: bound });

  it("warns POL-021 when no rule always matches, and stays valid", () => {
    const result = validatePolicy(policyWithRules([signalRule("a", 1), signalRule("b", 2)]));
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: "POL-021", path: "$.rules" }),
    ]);
  });

  it("recognises catch-alls built from composites", () => {
    for (const catchAll of [
      { all: [] },
      { all: [{ all: [] }] },
      { any: [{ signal: "score", equals: 1 }, { all: [] }] },
      { not: { any: [] } },
    ]) {
      const result = validatePolicy(
        policyWithRules([signalRule("a", 1), rule("catch-all", catchAll)]),
      );
      expect(result.warnings, JSON.stringify(catchAll)).toEqual([]);
    }
  });

  it("warns POL-023 for every rule after a catch-all", () => {
    const result = validatePolicy(
      policyWithRules([
        signalRule("a", 1),
        rule("all", { all: [] }),
        signalRule("b", 2),
        signalRule("c", 3),
      ]),
    );
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => `${w.code} ${w.path}`)).toEqual([
      "POL-023 $.rules[2]",
      "POL-023 $.rules[3]",
    ]);
    expect(result.warnings[0]?.message).toContain('"all" ($.rules[1])');
  });

  it("warns POL-024 for a rule whose condition equals an earlier one, whatever the key order", () => {
    const first = rule("first", {
      all: [
        { signal: "score", greater_than: 1 },
        { signal: "tier", in: ["gold"] },
      ],
    });
    const second = rule("second", {
      all: [
        { greater_than: 1, signal: "score" },
        { in: ["gold"], signal: "tier" },
      ],
    });
    const result = validatePolicy(policyWithRules([first, second, rule("fallback", { all: [] })]));
    expect(result.warnings.map((w) => `${w.code} ${w.path}`)).toEqual([
      "POL-024 $.rules[1].condition",
    ]);
  });

  it("does not call different conditions shadowed", () => {
    const result = validatePolicy(
      policyWithRules([signalRule("a", 1), signalRule("b", 2), rule("fallback", { all: [] })]),
    );
    expect(result.warnings).toEqual([]);
  });

  it("warns POL-025 for a rule that can never match", () => {
    const never = [
      { any: [] },
      { not: { all: [] } },
      { all: [{ signal: "score", equals: 1 }, { any: [] }] },
    ];
    for (const condition of never) {
      const result = validatePolicy(
        policyWithRules([rule("never", condition), rule("fallback", { all: [] })]),
      );
      expect(
        result.warnings.map((w) => w.code),
        JSON.stringify(condition),
      ).toEqual(["POL-025"]);
    }
  });
});

// The Parmana product documents POL-003..POL-013 with these meanings; users grep for them, so
// each must fire for exactly its documented cause (POL-001, POL-002 and POL-008 need a file
// and are covered in compile-policy.test.ts).
describe("validatePolicy: the product's documented POL- numbering", () => {
  const documented: readonly (readonly [string, () => unknown, string])[] = [
    ["POL-003", mutated((p) => delete p["policyId"]), "missing policyId"],
    ["POL-004", mutated((p) => delete p["policyVersion"]), "missing policyVersion"],
    ["POL-005", mutated((p) => delete p["schemaVersion"]), "missing schemaVersion"],
    ["POL-006", mutated((p) => delete p["signalsSchema"]), "missing signalsSchema"],
    ["POL-007", mutated((p) => delete p["rules"]), "missing rules"],
    ["POL-009", mutated((p) => (p["schemaVersion"] = "2.0.0")), "unsupported schemaVersion"],
    ["POL-010", mutated((p) => (p["signalsSchema"]["score"] = {})), "signal without type"],
    [
      "POL-011",
      mutated((p) => (p["signalsSchema"]["score"] = { type: "float" })),
      "invalid signal type",
    ],
    [
      "POL-012",
      mutated((p) => (p["signalsSchema"]["score"] = { type: "enum" })),
      "enum without values",
    ],
    ["POL-013", withCondition(undefined), "malformed rule"],
    [
      "POL-020",
      () => policyWithRules([rule("a", { all: [] }), rule("a", { all: [] })]),
      "duplicate rule id",
    ],
    ["POL-022", mutated((p) => (p["policyVersion"] = "v1")), "policyVersion not semver"],
  ];

  it.each(documented)("%s: %s", (code, build, meaning) => {
    const { errors } = validatePolicy(build());
    expect(
      errors.map((e) => e.code),
      meaning,
    ).toContain(code);
    expect(errors[0]!.code).toBe(code);
  });
});
