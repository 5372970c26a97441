// The published build must run where there is no Node: no node: import or require, no import of
// another package (core's modules are bundled from source), no Buffer or process.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DIST_CJS, DIST_ESM } from "../helpers/runtimes.js";

describe.skipIf(!existsSync(DIST_ESM))("the built bundle", () => {
  for (const file of [DIST_ESM, DIST_CJS]) {
    const code = readFileSync(file, "utf8");
    it(`${file.split("/").slice(-2).join("/")} has no Node built-in and no dependency`, () => {
      expect(code).not.toMatch(/\bfrom\s*["'](?!\.)/); // no bare or node: import
      expect(code).not.toMatch(/\bimport\s*\(\s*["']/); // no dynamic import
      expect(code).not.toMatch(/\brequire\s*\(\s*["']/); // no require of anything
      expect(code).not.toMatch(/["']node:/);
      expect(code).not.toMatch(/\bBuffer\.|\bprocess\./);
      expect(code).not.toContain("@parmanasystems/core/portable");
    });
  }

  it("bundles core's checks (one implementation, not a copy in this package's src)", () => {
    const code = readFileSync(DIST_ESM, "utf8");
    // Messages that live only in core's source files.
    expect(code).toContain("[INV-VERIFY-012] unknown field");
    expect(code).toContain("attestationHash is not the hash of this attestation");
  });
});
