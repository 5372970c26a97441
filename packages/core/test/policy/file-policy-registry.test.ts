import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createDefaultPolicyRegistry,
  FilePolicyRegistry,
  PolicyError,
  resolvePoliciesRoot,
  type PolicyProblem,
} from "@parmanasystems/core";
import { POLICIES_ROOT_ENV } from "@parmanasystems/core/internal";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { FIXTURE_POLICIES_ROOT, samplePolicy } from "./helpers/policy-documents.js";

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "parmana-policies-"));
  cpSync(FIXTURE_POLICIES_ROOT, root, { recursive: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

function policyFile(policyId: string, version: string): string {
  return join(root, policyId, version, "policy.json");
}

function writePolicy(policyId: string, version: string, document: unknown, text?: string): string {
  mkdirSync(join(root, policyId, version), { recursive: true });
  const file = policyFile(policyId, version);
  writeFileSync(file, text ?? JSON.stringify(document, null, 2));
  return file;
}

describe("FilePolicyRegistry", () => {
  it("resolves policies/{policyId}/{policyVersion}/policy.json and decides the seed's loan", () => {
    const registry = new FilePolicyRegistry({ policiesRootPath: root });
    const policy = registry.resolve("loan-approval", "1.0.0");
    expect(policy.policyId).toBe("loan-approval");
    expect(policy.evaluate({ credit_score: 720, loan_amount: 15000 })).toMatchObject({
      action: "approve",
      requires_override: false,
      reason: "Credit score meets standard threshold.",
    });
  });

  it("reads and compiles each file once, then serves the cached policy", () => {
    const registry = new FilePolicyRegistry({ policiesRootPath: root });
    const first = registry.resolve("loan-approval", "1.0.0");
    // replace the file: a registry that read it again would return the new reason
    const file = policyFile("loan-approval", "1.0.0");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("Credit score meets standard threshold.", "CHANGED"),
    );
    const second = registry.resolve("loan-approval", "1.0.0");
    expect(second).toBe(first);
    expect(second.evaluate({ credit_score: 720, loan_amount: 1 })!.reason).toBe(
      "Credit score meets standard threshold.",
    );
    // even deleting it changes nothing for the cached policy
    rmSync(file);
    expect(registry.resolve("loan-approval", "1.0.0")).toBe(first);
  });

  it("reads the file again after clearCache", () => {
    const registry = new FilePolicyRegistry({ policiesRootPath: root });
    const first = registry.resolve("loan-approval", "1.0.0");
    const file = policyFile("loan-approval", "1.0.0");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("Credit score meets standard threshold.", "CHANGED"),
    );
    registry.clearCache();
    const reread = registry.resolve("loan-approval", "1.0.0");
    expect(reread.policyHash).not.toBe(first.policyHash);
    expect(reread.evaluate({ credit_score: 720, loan_amount: 1 })!.reason).toBe("CHANGED");
  });

  it("gives a CRLF file the same policyHash as its LF original", () => {
    const original = readFileSync(policyFile("claims-approval", "1.0.0"), "utf8");
    const crlf = original.replace(/\n/g, "\r\n");
    expect(crlf).not.toBe(original);
    const crlfRoot = mkdtempSync(join(tmpdir(), "parmana-crlf-"));
    try {
      cpSync(join(root, "claims-approval"), join(crlfRoot, "claims-approval"), { recursive: true });
      writeFileSync(join(crlfRoot, "claims-approval", "1.0.0", "policy.json"), crlf);
      const lfHash = new FilePolicyRegistry({ policiesRootPath: root }).resolve(
        "claims-approval",
        "1.0.0",
      ).policyHash;
      const crlfHash = new FilePolicyRegistry({ policiesRootPath: crlfRoot }).resolve(
        "claims-approval",
        "1.0.0",
      ).policyHash;
      expect(crlfHash).toBe(lfHash);
    } finally {
      rmSync(crlfRoot, { recursive: true, force: true });
    }
  });

  it("throws POL-001 naming the path tried for a missing policy or version", () => {
    const registry = new FilePolicyRegistry({ policiesRootPath: root });
    const missingPolicy = policyFile("no-such-policy", "1.0.0");
    const error = expectParmanaError(
      () => registry.resolve("no-such-policy", "1.0.0"),
      "POL-001",
      PolicyError,
      missingPolicy,
    );
    expect(error.message).toBe(
      `[POL-001] Policy not found: no-such-policy@1.0.0 (tried ${missingPolicy})`,
    );
    expect(error.details).toEqual({
      policyId: "no-such-policy",
      policyVersion: "1.0.0",
      path: missingPolicy,
    });
    expectParmanaError(
      () => registry.resolve("loan-approval", "9.9.9"),
      "POL-001",
      PolicyError,
      policyFile("loan-approval", "9.9.9"),
    );
  });

  it("does not cache failures: a policy deployed later is found", () => {
    const registry = new FilePolicyRegistry({ policiesRootPath: root });
    expectParmanaError(() => registry.resolve("sample-policy", "1.0.0"), "POL-001", PolicyError);
    writePolicy("sample-policy", "1.0.0", samplePolicy());
    expect(registry.resolve("sample-policy", "1.0.0").policyId).toBe("sample-policy");
  });

  it("refuses a file whose policyId or policyVersion differs from its folders (POL-008)", () => {
    writePolicy("renamed", "1.0.0", samplePolicy());
    writePolicy("sample-policy", "2.0.0", samplePolicy());
    const registry = new FilePolicyRegistry({ policiesRootPath: root });
    const idError = expectParmanaError(
      () => registry.resolve("renamed", "1.0.0"),
      "POL-008",
      PolicyError,
      policyFile("renamed", "1.0.0"),
    );
    expect((idError.details?.["problems"] as PolicyProblem[]).map((p) => p.path)).toEqual([
      "$.policyId",
    ]);
    const versionError = expectParmanaError(
      () => registry.resolve("sample-policy", "2.0.0"),
      "POL-008",
      PolicyError,
    );
    expect((versionError.details?.["problems"] as PolicyProblem[]).map((p) => p.path)).toEqual([
      "$.policyVersion",
    ]);
  });

  it("throws the first compile error with every problem in details", () => {
    const document = samplePolicy();
    document["rules"][0].condition = { signal: "score", gte: 700 };
    document["rules"][1].outcome.requires_override = "no";
    writePolicy("sample-policy", "1.0.0", document);
    const registry = new FilePolicyRegistry({ policiesRootPath: root });
    const error = expectParmanaError(
      () => registry.resolve("sample-policy", "1.0.0"),
      "POL-014",
      PolicyError,
      /unknown operator "gte"/,
    );
    expect((error.details?.["problems"] as PolicyProblem[]).map((p) => p.code)).toEqual([
      "POL-014",
      "POL-019",
    ]);
    expect(error.details?.["source"]).toBe(policyFile("sample-policy", "1.0.0"));
  });

  it("throws POL-002 for a file that is not JSON", () => {
    writePolicy("sample-policy", "1.0.0", undefined, "policyId: sample-policy\n");
    const registry = new FilePolicyRegistry({ policiesRootPath: root });
    expectParmanaError(
      () => registry.resolve("sample-policy", "1.0.0"),
      "POL-002",
      PolicyError,
      /not valid JSON/,
    );
  });

  it("refuses path-traversing ids and versions before touching the filesystem", () => {
    // a readable, valid policy sits outside the root, where "../outside" would lead
    const outsideRoot = `${root}-outside`;
    mkdirSync(join(outsideRoot, "1.0.0"), { recursive: true });
    writeFileSync(
      join(outsideRoot, "1.0.0", "policy.json"),
      JSON.stringify({ ...samplePolicy(), policyId: "outside" }),
    );
    try {
      const registry = new FilePolicyRegistry({ policiesRootPath: root });
      const traversal = `../${outsideRoot.split(/[\\/]/).pop()}`;
      expectParmanaError(
        () => registry.resolve(traversal, "1.0.0"),
        "POL-003",
        PolicyError,
        /nothing was looked up/,
      );
      for (const id of ["..", ".", "a/b", "a\\b", "/etc", "", "loan approval", "x\u0000"]) {
        expectParmanaError(() => registry.resolve(id, "1.0.0"), "POL-003", PolicyError);
      }
      for (const version of ["../1.0.0", "1.0.0/../../x", "v1", "1.0", "", "1.0.0\u0000"]) {
        expectParmanaError(
          () => registry.resolve("loan-approval", version),
          "POL-022",
          PolicyError,
        );
      }
      // with a root that does not exist, a bad id is still POL-003, not a file lookup (POL-001)
      const nowhere = new FilePolicyRegistry({ policiesRootPath: join(root, "does-not-exist") });
      expectParmanaError(() => nowhere.resolve("../x", "1.0.0"), "POL-003", PolicyError);
      expectParmanaError(() => nowhere.resolve("x", "1.0.0"), "POL-001", PolicyError);
    } finally {
      rmSync(outsideRoot, { recursive: true, force: true });
    }
  });
});

describe("policies root resolution", () => {
  it("uses policiesRootPath first, then PARMANA_POLICIES_ROOT, then ./policies", () => {
    vi.stubEnv(POLICIES_ROOT_ENV, root);
    expect(resolvePoliciesRoot({ policiesRootPath: "/srv/explicit" })).toBe(
      resolve("/srv/explicit"),
    );
    expect(resolvePoliciesRoot()).toBe(root);
    expect(resolvePoliciesRoot({ policiesRootPath: "" })).toBe(root);
    vi.stubEnv(POLICIES_ROOT_ENV, "");
    vi.spyOn(process, "cwd").mockReturnValue("/srv/app");
    expect(resolvePoliciesRoot()).toBe(resolve("/srv/app", "policies"));
    expect(resolvePoliciesRoot({})).toBe(resolve("/srv/app", "policies"));
  });

  it("resolves relative roots against the working directory", () => {
    expect(resolvePoliciesRoot({ policiesRootPath: "config/policies" })).toBe(
      resolve(process.cwd(), "config/policies"),
    );
  });

  it("makes FilePolicyRegistry read from the env root when no option is given", () => {
    vi.stubEnv(POLICIES_ROOT_ENV, root);
    const registry = new FilePolicyRegistry();
    expect(registry.rootPath).toBe(root);
    expect(
      registry
        .resolve("personal-loan", "1.0.0")
        .evaluate({ monthly_income: 82000, cibil_score: 742, employed: true })!.action,
    ).toBe("approve");
  });

  it("reads from <cwd>/policies by default", () => {
    vi.stubEnv(POLICIES_ROOT_ENV, "");
    const cwd = mkdtempSync(join(tmpdir(), "parmana-cwd-"));
    try {
      cpSync(FIXTURE_POLICIES_ROOT, join(cwd, "policies"), { recursive: true });
      vi.spyOn(process, "cwd").mockReturnValue(cwd);
      const registry = new FilePolicyRegistry();
      expect(registry.rootPath).toBe(join(cwd, "policies"));
      expect(registry.resolve("payment-approval", "1.0.0").policyId).toBe("payment-approval");
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it("createDefaultPolicyRegistry shares one registry per root", () => {
    const a = createDefaultPolicyRegistry({ policiesRootPath: root });
    expect(createDefaultPolicyRegistry({ policiesRootPath: `${root}/.` })).toBe(a);
    vi.stubEnv(POLICIES_ROOT_ENV, root);
    expect(createDefaultPolicyRegistry()).toBe(a);
    expect(createDefaultPolicyRegistry({ policiesRootPath: `${root}-other` })).not.toBe(a);
    expect(a.resolve("loan-approval", "1.0.0")).toBe(
      createDefaultPolicyRegistry({ policiesRootPath: root }).resolve("loan-approval", "1.0.0"),
    );
  });
});
