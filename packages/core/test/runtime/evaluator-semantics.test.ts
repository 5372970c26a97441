import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  EVALUATOR_SEMANTICS,
  canonicalize,
  computeRuntimeHash,
  createRuntimeManifest,
  type EvaluatorSemanticsDescriptor,
} from "@parmanasystems/core";
import { computeEvaluatorSemanticHash, runtimeCapabilities } from "@parmanasystems/core/internal";
import {
  COMPARISON_OPERATORS,
  OPERATORS_BY_TYPE,
  SIGNAL_TYPES,
} from "../../src/policy/internal/operators.js";

function copy(): EvaluatorSemanticsDescriptor & Record<string, unknown> {
  return JSON.parse(JSON.stringify(EVALUATOR_SEMANTICS)) as EvaluatorSemanticsDescriptor &
    Record<string, unknown>;
}

describe("evaluatorSemanticHash", () => {
  const shipped = computeEvaluatorSemanticHash();

  it("is the sha256 of the descriptor's RFC 8785 form", () => {
    const expected =
      "sha256:" + createHash("sha256").update(canonicalize(EVALUATOR_SEMANTICS)).digest("hex");
    expect(shipped).toBe(expected);
  });

  it("changes when an operator's meaning changes", () => {
    const changed = copy();
    (changed.operators as Record<string, { meaning: string }>)["greater_than"]!.meaning =
      "matches when the numeric signal value is greater than or equal to the operand (>=)";
    expect(computeEvaluatorSemanticHash(changed)).not.toBe(shipped);
  });

  it("changes when an operator accepts other types, a composite or the rule order changes", () => {
    const types = copy();
    (types.operators as unknown as Record<string, { signalTypes: string[] }>)[
      "in"
    ]!.signalTypes.push("boolean");
    const composite = copy();
    (composite.composites as Record<string, { meaning: string }>)["any"]!.meaning =
      "an empty list always matches";
    const order = copy();
    (order as Record<string, unknown>)["ruleOrder"] = "the last matching rule decides";
    const added = copy();
    (added.operators as Record<string, unknown>)["matches"] = {
      meaning: "regular expression",
      signalTypes: ["string"],
      operand: "scalar",
    };
    const hashes = [types, composite, order, added].map((descriptor) =>
      computeEvaluatorSemanticHash(descriptor),
    );
    expect(new Set([shipped, ...hashes]).size).toBe(5);
  });

  it("does not change when the same meaning is written in another member order (a refactor)", () => {
    const reordered = Object.fromEntries(Object.entries(copy()).reverse());
    reordered["operators"] = Object.fromEntries(
      Object.entries(EVALUATOR_SEMANTICS.operators).reverse(),
    );
    expect(computeEvaluatorSemanticHash(reordered as unknown as EvaluatorSemanticsDescriptor)).toBe(
      shipped,
    );
  });

  it("flows into the runtime manifest and runtimeHash", () => {
    const changed = copy();
    (changed.operators as Record<string, { meaning: string }>)["equals"]!.meaning =
      "loose equality (==)";
    const original = createRuntimeManifest({ runtimeVersion: "1.2.3", files: {}, source: "build" });
    const mutated = createRuntimeManifest({
      runtimeVersion: "1.2.3",
      files: {},
      source: "build",
      semantics: changed,
    });
    expect(mutated.evaluatorSemanticHash).not.toBe(original.evaluatorSemanticHash);
    expect(computeRuntimeHash(mutated)).not.toBe(computeRuntimeHash(original));
  });

  it("is frozen, so the shipped meaning cannot be changed at run time", () => {
    expect(Object.isFrozen(EVALUATOR_SEMANTICS.operators["equals"])).toBe(true);
    expect(() => {
      (EVALUATOR_SEMANTICS as unknown as { ruleOrder: string }).ruleOrder = "x";
    }).toThrow(TypeError);
  });
});

describe("the descriptor describes the evaluator the compiler builds", () => {
  it("names exactly the compiler's operators and signal types", () => {
    expect(Object.keys(EVALUATOR_SEMANTICS.operators).sort()).toEqual(
      [...COMPARISON_OPERATORS].sort(),
    );
    expect(Object.keys(EVALUATOR_SEMANTICS.signalTypes).sort()).toEqual([...SIGNAL_TYPES].sort());
    expect(Object.keys(EVALUATOR_SEMANTICS.composites).sort()).toEqual(["all", "any", "not"]);
  });

  it("gives each operator the signal types the compiler accepts for it", () => {
    for (const operator of COMPARISON_OPERATORS) {
      const accepted = SIGNAL_TYPES.filter((type) => OPERATORS_BY_TYPE[type].includes(operator));
      expect(
        [...(EVALUATOR_SEMANTICS.operators[operator]?.signalTypes ?? [])].sort(),
        operator,
      ).toEqual([...accepted].sort());
    }
  });

  it("derives sorted capabilities from the descriptor", () => {
    const capabilities = runtimeCapabilities();
    expect(capabilities).toHaveLength(COMPARISON_OPERATORS.length + 3 + SIGNAL_TYPES.length);
    expect([...capabilities]).toEqual([...capabilities].sort());
    expect(capabilities).toContain("operator:greater_than_or_equal");
  });
});
