import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { canonicalize, compilePolicy, type CompiledPolicy } from "@parmanasystems/core";
import {
  FIXTURE_POLICIES_ROOT,
  policyWithRules,
  rule,
  samplePolicy,
  sampleSignals,
  type Json,
} from "./helpers/policy-documents.js";

const LOAN_FILE = join(FIXTURE_POLICIES_ROOT, "loan-approval", "1.0.0", "policy.json");

function compiled(document: unknown): CompiledPolicy {
  const result = compilePolicy(document);
  expect(result.errors).toEqual([]);
  return result.policy!;
}

// Independent of canonicalHash: node:crypto over the canonical text.
function expectedHash(document: unknown): string {
  return `sha256:${createHash("sha256").update(canonicalize(document), "utf8").digest("hex")}`;
}

function shuffleKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shuffleKeys);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([key, member]) => [key, shuffleKeys(member)]));
}

describe("compilePolicy on a document", () => {
  it("returns a compiled policy with identity, hash and a frozen copy of the document", () => {
    const document = samplePolicy();
    const result = compilePolicy(document);
    expect(result.valid).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result).not.toHaveProperty("source");
    const policy = result.policy!;
    expect(policy.policyId).toBe("sample-policy");
    expect(policy.policyVersion).toBe("1.0.0");
    expect(policy.schemaVersion).toBe("1.0.0");
    expect(policy.policyHash).toBe(expectedHash(document));
    expect(policy.document).toEqual(document);
    expect(policy.document).not.toBe(document);
    expect(Object.isFrozen(policy.document)).toBe(true);
    expect(Object.isFrozen(policy.document.rules[0]!.condition)).toBe(true);
    expect(Object.isFrozen(policy.document.signalsSchema["tier"]!.values)).toBe(true);
    expect(Object.isFrozen(policy)).toBe(true);
  });

  it("is not affected by later changes to the caller's document", () => {
    const document = samplePolicy();
    const policy = compiled(document);
    document["rules"][0].outcome.action = "tampered";
    document["rules"][0].condition.greater_than_or_equal = 0;
    expect(policy.evaluate(sampleSignals())?.action).toBe("approve");
    expect(policy.evaluate({ ...sampleSignals(), score: 10 })?.action).toBe("reject");
    expect(policy.document.rules[0]!.outcome.action).toBe("approve");
  });

  it("hashes the same content the same whatever the key order", () => {
    const document = samplePolicy();
    const reordered = shuffleKeys(document) as Json;
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(document)[0]);
    expect(compiled(reordered).policyHash).toBe(compiled(document).policyHash);
  });

  it("hashes different content differently", () => {
    const document = samplePolicy();
    const changed = samplePolicy();
    changed["rules"][0].outcome.reason = "High score!";
    expect(compiled(changed).policyHash).not.toBe(compiled(document).policyHash);
  });

  it("compiles with warnings and returns them", () => {
    const result = compilePolicy(policyWithRules([rule("only", { signal: "score", equals: 1 })]));
    expect(result.valid).toBe(true);
    expect(result.policy).toBeDefined();
    expect(result.warnings.map((w) => w.code)).toEqual(["POL-021"]);
  });

  it("returns no policy and every error for an invalid document", () => {
    const document = samplePolicy();
    document["policyId"] = "../x";
    document["rules"] = [];
    const result = compilePolicy(document);
    expect(result.valid).toBe(false);
    expect(result).not.toHaveProperty("policy");
    expect(result.errors.map((e) => e.code)).toEqual(["POL-003", "POL-007"]);
  });

  it("checks the expected identity (POL-008)", () => {
    const result = compilePolicy(samplePolicy(), {
      expectedPolicyId: "other",
      expectedPolicyVersion: "2.0.0",
    });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => `${e.code} ${e.path}`)).toEqual([
      "POL-008 $.policyId",
      "POL-008 $.policyVersion",
    ]);
    expect(
      compilePolicy(samplePolicy(), {
        expectedPolicyId: "sample-policy",
        expectedPolicyVersion: "1.0.0",
      }).valid,
    ).toBe(true);
  });

  it("shares one frozen decision object per rule", () => {
    const policy = compiled(samplePolicy());
    const first = policy.evaluate(sampleSignals());
    const second = policy.evaluate({ ...sampleSignals(), score: 900 });
    expect(first).toBe(second);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toEqual({
      action: "approve",
      requires_override: false,
      reason: "High score.",
      rule_id: "approve-high",
    });
  });

  it("exposes override roles per rule", () => {
    const document = policyWithRules([
      { ...rule("big", { signal: "amount", greater_than: 10 }), override_roles: ["risk-manager"] },
      rule("rest", { all: [] }),
    ]);
    const policy = compiled(document);
    expect(policy.overrideRolesFor("big")).toEqual(["risk-manager"]);
    expect(policy.overrideRolesFor("rest")).toBeUndefined();
    expect(policy.overrideRolesFor("absent")).toBeUndefined();
  });
});

describe("compilePolicy on a path", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "parmana-compile-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads policy.json given the file or its folder", () => {
    const byFile = compilePolicy(LOAN_FILE);
    const byFolder = compilePolicy(join(FIXTURE_POLICIES_ROOT, "loan-approval", "1.0.0"));
    expect(byFile.valid).toBe(true);
    expect(byFile.source).toBe(LOAN_FILE);
    expect(byFolder.source).toBe(LOAN_FILE);
    expect(byFolder.policy!.policyHash).toBe(byFile.policy!.policyHash);
    expect(byFile.policy!.policyHash).toBe(
      expectedHash(JSON.parse(readFileSync(LOAN_FILE, "utf8"))),
    );
  });

  it("reports POL-001 naming the path tried", () => {
    const missing = join(dir, "nope", "1.0.0");
    const result = compilePolicy(missing);
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.code).toBe("POL-001");
    expect(result.errors[0]!.message).toContain(missing);
  });

  it("reports POL-001 for a folder without policy.json", () => {
    const result = compilePolicy(dir);
    expect(result.errors[0]!.code).toBe("POL-001");
    expect(result.errors[0]!.message).toContain(join(dir, "policy.json"));
  });

  it("reports invalid JSON as POL-002 with the parser's message", () => {
    const file = join(dir, "policy.json");
    writeFileSync(file, '{ "policyId": "x", }');
    const result = compilePolicy(file);
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.code)).toEqual(["POL-002"]);
    expect(result.errors[0]!.message).toContain("not valid JSON");
    expect(result.source).toBe(file);
  });

  it("reports invalid UTF-8 as POL-002", () => {
    const file = join(dir, "policy.json");
    writeFileSync(file, Buffer.from([0x7b, 0xff, 0x7d]));
    expect(compilePolicy(file).errors.map((e) => e.code)).toEqual(["POL-002"]);
  });

  it("hashes a CRLF file, a BOM file and a minified file like the LF original", () => {
    const original = readFileSync(LOAN_FILE, "utf8");
    expect(original).toContain("\n");
    const variants = {
      crlf: original.replace(/\n/g, "\r\n"),
      bom: `\uFEFF${original}`,
      minified: JSON.stringify(JSON.parse(original)),
    };
    const reference = compilePolicy(LOAN_FILE).policy!.policyHash;
    for (const [name, text] of Object.entries(variants)) {
      mkdirSync(join(dir, name));
      const file = join(dir, name, "policy.json");
      writeFileSync(file, text, "utf8");
      const result = compilePolicy(file);
      expect(result.errors, name).toEqual([]);
      expect(result.policy!.policyHash, name).toBe(reference);
    }
  });

  it("type-checks the file's content with paths into the document", () => {
    const file = join(dir, "policy.json");
    const document = samplePolicy();
    document["rules"][0].condition = { signal: "score", greater_than: "700" };
    writeFileSync(file, JSON.stringify(document));
    const result = compilePolicy(file);
    expect(result.errors.map((e) => `${e.code} ${e.path}`)).toEqual([
      "POL-017 $.rules[0].condition.greater_than",
    ]);
  });
});
