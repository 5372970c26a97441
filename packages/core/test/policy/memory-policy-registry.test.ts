import { describe, expect, it } from "vitest";
import {
  compilePolicy,
  MemoryPolicyRegistry,
  PolicyError,
  type PolicyDocument,
} from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { samplePolicy, sampleSignals } from "./helpers/policy-documents.js";

describe("MemoryPolicyRegistry", () => {
  it("registers documents and compiled policies and resolves them", () => {
    const document = samplePolicy() as PolicyDocument;
    const v2 = { ...samplePolicy(), policyVersion: "2.0.0" } as PolicyDocument;
    const compiledV2 = compilePolicy(v2).policy!;
    const registry = new MemoryPolicyRegistry([document]);
    expect(registry.register(compiledV2)).toBe(compiledV2);
    expect(registry.resolve("sample-policy", "1.0.0").evaluate(sampleSignals())!.rule_id).toBe(
      "approve-high",
    );
    expect(registry.resolve("sample-policy", "2.0.0")).toBe(compiledV2);
    expect(registry.has("sample-policy", "1.0.0")).toBe(true);
    expect(registry.has("sample-policy", "3.0.0")).toBe(false);
  });

  it("resolves each version to its own policy, one call after another in any order", () => {
    const v1 = samplePolicy() as PolicyDocument;
    const v2 = { ...samplePolicy(), policyVersion: "2.0.0" } as PolicyDocument;
    const registry = new MemoryPolicyRegistry([v1]);
    const first = registry.resolve("sample-policy", "1.0.0");
    // Not registered yet: refused, and then found once registered.
    expectParmanaError(() => registry.resolve("sample-policy", "2.0.0"), "POL-001", PolicyError);
    const second = registry.register(v2);
    for (const [version, expected] of [
      ["2.0.0", second],
      ["1.0.0", first],
      ["1.0.0", first],
      ["2.0.0", second],
    ] as const) {
      expect(registry.resolve("sample-policy", version)).toBe(expected);
    }
    expect(first).not.toBe(second);
    // The last policy resolved does not excuse a malformed reference.
    expectParmanaError(() => registry.resolve("sample-policy", "v2"), "POL-022", PolicyError);
    expectParmanaError(() => registry.resolve("other-policy", "2.0.0"), "POL-001", PolicyError);
  });

  it("throws POL-001 naming memory:{policyId}@{version} for an unknown policy", () => {
    const registry = new MemoryPolicyRegistry();
    const error = expectParmanaError(
      () => registry.resolve("loan-approval", "1.0.0"),
      "POL-001",
      PolicyError,
    );
    expect(error.message).toBe("[POL-001] Policy not found: memory:loan-approval@1.0.0");
    expect(error.details?.["path"]).toBe("memory:loan-approval@1.0.0");
  });

  it("refuses malformed ids and versions like the file registry", () => {
    const registry = new MemoryPolicyRegistry([samplePolicy() as PolicyDocument]);
    expectParmanaError(() => registry.resolve("../sample-policy", "1.0.0"), "POL-003", PolicyError);
    expectParmanaError(() => registry.resolve("sample-policy", "v1"), "POL-022", PolicyError);
  });

  it("refuses a document that does not compile, with every problem", () => {
    const document = samplePolicy();
    document["rules"] = "none";
    document["schemaVersion"] = "2";
    const registry = new MemoryPolicyRegistry();
    const error = expectParmanaError(
      () => registry.register(document as PolicyDocument),
      "POL-009",
      PolicyError,
    );
    expect(error.details?.["problems"]).toHaveLength(2);
    expect(registry.has("sample-policy", "1.0.0")).toBe(false);
  });

  it("treats a version as immutable: same content is a no-op, different content POL-029", () => {
    const registry = new MemoryPolicyRegistry([samplePolicy() as PolicyDocument]);
    const registered = registry.resolve("sample-policy", "1.0.0");
    expect(registry.register(samplePolicy() as PolicyDocument)).toBe(registered);
    const changed = samplePolicy();
    changed["rules"][0].outcome.action = "approve-all";
    expectParmanaError(
      () => registry.register(changed as PolicyDocument),
      "POL-029",
      PolicyError,
      /already registered as sample-policy@1.0.0/,
    );
    expect(registry.resolve("sample-policy", "1.0.0")).toBe(registered);
  });
});
