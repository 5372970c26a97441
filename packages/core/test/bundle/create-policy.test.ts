import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  TrustError,
  compilePolicy,
  createPolicy,
  generateBundle,
  upgradePolicy,
} from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { fixtureKey } from "../helpers/trust-fixtures.js";

const newRoot = (): string => mkdtempSync(join(tmpdir(), "parmana-author-"));

describe("createPolicy", () => {
  it("scaffolds <root>/<id>/1.0.0/policy.json that compiles without warnings and ends with a catch-all", () => {
    const root = newRoot();
    const location = createPolicy(root, "claims-approval");
    expect(location).toEqual({
      policyId: "claims-approval",
      policyVersion: "1.0.0",
      dir: join(root, "claims-approval", "1.0.0"),
      path: join(root, "claims-approval", "1.0.0", "policy.json"),
    });
    const result = compilePolicy(location.path, {
      expectedPolicyId: "claims-approval",
      expectedPolicyVersion: "1.0.0",
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    const document = JSON.parse(readFileSync(location.path, "utf8")) as {
      rules: { condition: unknown }[];
    };
    expect(document.rules.at(-1)?.condition).toEqual({ all: [] });
    expect(result.policy?.evaluate({ amount: 1e9 })?.rule_id).toBe("default");
  });

  it("refuses an existing policy and unsafe ids (TRUST-049), touching nothing", () => {
    const root = newRoot();
    const { path } = createPolicy(root, "claims");
    writeFileSync(path, '{"edited":true}');
    expectParmanaError(
      () => createPolicy(root, "claims"),
      "TRUST-049",
      TrustError,
      /already exists/,
    );
    expect(readFileSync(path, "utf8")).toBe('{"edited":true}');
    for (const id of ["../escape", "a/b", ".hidden", ""])
      expectParmanaError(
        () => createPolicy(root, id),
        "TRUST-049",
        TrustError,
        /not a valid policy id/,
      );
    expect(readdirSync(root)).toEqual(["claims"]);
  });
});

describe("upgradePolicy", () => {
  it("copies the latest version to the next patch version and never touches an existing version", async () => {
    const root = newRoot();
    const { dir, path } = createPolicy(root, "claims");
    writeFileSync(
      join(dir, "policy.test.json"),
      '[{"signals":{"amount":1},"expect":{"action":"approve"}}]',
    );
    await generateBundle(dir, { signer: fixtureKey(3, "k").signer });
    const before = readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]);

    const next = upgradePolicy(root, "claims");
    expect(next.policyVersion).toBe("1.0.1");
    expect(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")])).toEqual(
      before,
    );
    expect(readdirSync(next.dir).sort()).toEqual(["policy.json", "policy.test.json"]);
    const upgraded = JSON.parse(readFileSync(next.path, "utf8")) as Record<string, unknown>;
    const original = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    expect(upgraded).toEqual({ ...original, policyVersion: "1.0.1" });
    expect(
      compilePolicy(next.path, { expectedPolicyId: "claims", expectedPolicyVersion: "1.0.1" })
        .valid,
    ).toBe(true);
    expect(upgradePolicy(root, "claims").policyVersion).toBe("1.0.2");
  });

  it("orders versions by semver, not by text, and releases a prerelease", () => {
    const root = newRoot();
    const { path } = createPolicy(root, "claims");
    const text = readFileSync(path, "utf8");
    for (const version of ["1.2.0", "1.10.0", "1.9.9"]) {
      mkdirSync(join(root, "claims", version));
      writeFileSync(
        join(root, "claims", version, "policy.json"),
        text.replace('"1.0.0"', `"${version}"`),
      );
    }
    mkdirSync(join(root, "claims", "not-a-version"));
    expect(upgradePolicy(root, "claims").policyVersion).toBe("1.10.1");
    mkdirSync(join(root, "claims", "2.0.0-rc.1"));
    writeFileSync(join(root, "claims", "2.0.0-rc.1", "policy.json"), text);
    expect(upgradePolicy(root, "claims").policyVersion).toBe("2.0.0");
    expect(existsSync(join(root, "claims", "2.0.0-rc.1", "policy.json"))).toBe(true);
  });

  it("TRUST-050 for an unknown policy or one without versions; TRUST-048 for a broken latest file", () => {
    const root = newRoot();
    expectParmanaError(() => upgradePolicy(root, "nothing"), "TRUST-050", TrustError, /not found/);
    mkdirSync(join(root, "empty", "1.0.0"), { recursive: true });
    expectParmanaError(
      () => upgradePolicy(root, "empty"),
      "TRUST-050",
      TrustError,
      /no version folder/,
    );
    writeFileSync(join(root, "empty", "1.0.0", "policy.json"), "[1]");
    expectParmanaError(
      () => upgradePolicy(root, "empty"),
      "TRUST-048",
      TrustError,
      /not a JSON object/,
    );
    expect(existsSync(join(root, "empty", "1.0.1"))).toBe(false);
    expectParmanaError(() => upgradePolicy(root, "../x"), "TRUST-049", TrustError);
  });
});
