import { describe, expect, it } from "vitest";
import { validateExecutionInputShape, ValidationError } from "@parmanasystems/core";
import { createSignalValidationError } from "@parmanasystems/core/internal";

const valid = { policyId: "loan-approval", policyVersion: "1.0.0", signals: { credit_score: 720 } };

describe("validateExecutionInputShape", () => {
  it("accepts the seed input with and without executionId", () => {
    expect(validateExecutionInputShape(valid)).toEqual([]);
    expect(validateExecutionInputShape({ ...valid, executionId: "claim-CLM-2024-00441" })).toEqual(
      [],
    );
    expect(validateExecutionInputShape({ ...valid, executionId: undefined })).toEqual([]);
  });

  it.each([null, undefined, "input", 42, [valid], new Map()])("VAL-001 for %s", (input) => {
    const problems = validateExecutionInputShape(input);
    expect(problems.map((p) => p.code)).toEqual(["VAL-001"]);
  });

  it.each([
    ["policyId", undefined],
    ["policyId", 7],
    ["policyId", ""],
    ["policyId", "x".repeat(257)],
    ["policyId", "loan\napproval"],
    ["policyVersion", undefined],
    ["policyVersion", 1],
    ["policyVersion", ""],
    ["executionId", null],
    ["executionId", ""],
    ["executionId", 12345],
    ["executionId", "a".repeat(257)],
    ["executionId", "id\u0000"],
    ["executionId", "id\uD800"],
  ])("VAL-002 for %s = %j", (field, value) => {
    const input: Record<string, unknown> = { ...valid };
    if (value === undefined) delete input[field];
    else input[field] = value;
    expect(validateExecutionInputShape(input)).toEqual([
      expect.objectContaining({ code: "VAL-002", field }),
    ]);
  });

  it("leaves id and semver checks to the registry (POL-003 / POL-022)", () => {
    expect(
      validateExecutionInputShape({ ...valid, policyId: "../etc", policyVersion: "v1" }),
    ).toEqual([]);
  });

  it.each([
    ["missing", undefined],
    ["null", null],
    ["an array", [1]],
  ])("VAL-010 when signals are %s", (_name, signals) => {
    const input: Record<string, unknown> = { ...valid, signals };
    if (signals === undefined) delete input["signals"];
    expect(validateExecutionInputShape(input).map((p) => p.code)).toEqual(["VAL-010"]);
  });

  it("reports every problem at once, and converts them into one ValidationError", () => {
    const problems = validateExecutionInputShape({
      policyVersion: 2,
      executionId: "",
      signals: "x",
    });
    expect(problems.map((p) => `${p.code} ${p.field ?? ""}`)).toEqual([
      "VAL-002 policyId",
      "VAL-002 policyVersion",
      "VAL-002 executionId",
      "VAL-010 ",
    ]);
    const error = createSignalValidationError(problems);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe("VAL-002");
    expect(error.message).toBe("[VAL-002] policyId is missing (and 3 more problems)");
    expect(error.details?.["problems"]).toEqual(problems);
  });
});
