// docs/errors.md is generated from ERROR_CATALOG (`pnpm docs:errors`). This test fails when a code
// is added, changed or removed without regenerating the page, and checks the catalogue itself.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ERROR_CATALOG, describeErrorCode, type ErrorCodeEntry } from "@parmanasystems/core";

interface RenderModule {
  renderErrorDocs(catalog: Readonly<Record<string, ErrorCodeEntry>>): string;
  renderErrorCodeType(catalog: Readonly<Record<string, ErrorCodeEntry>>): string;
}

// The renderer lives in the repository's scripts/ folder, outside this package's TypeScript
// project, so it is loaded by URL at run time rather than imported statically.
const rendererUrl = new URL("../../../../scripts/render-error-docs.ts", import.meta.url);
const docsUrl = new URL("../../../../docs/errors.md", import.meta.url);

describe("docs/errors.md", () => {
  it("equals the rendering of ERROR_CATALOG (run `pnpm docs:errors` after adding codes)", async () => {
    const { renderErrorDocs } = (await import(/* @vite-ignore */ rendererUrl.href)) as RenderModule;
    const committed = readFileSync(docsUrl, "utf8");
    expect(committed, "docs/errors.md is out of date: run `pnpm docs:errors` and commit it").toBe(
      renderErrorDocs(ERROR_CATALOG),
    );
  });

  it("has a ParmanaErrorCode union equal to the catalogue (run `pnpm docs:errors` after adding codes)", async () => {
    const { renderErrorCodeType } = (await import(
      /* @vite-ignore */ rendererUrl.href
    )) as RenderModule;
    const committed = readFileSync(
      new URL("../../src/errors/error-code.types.ts", import.meta.url),
      "utf8",
    );
    expect(committed, "error-code.types.ts is out of date: run `pnpm docs:errors`").toBe(
      renderErrorCodeType(ERROR_CATALOG),
    );
  });

  it("lists every code in a table row", () => {
    const committed = readFileSync(docsUrl, "utf8");
    for (const code of Object.keys(ERROR_CATALOG)) expect(committed).toContain(`| \`${code}\` |`);
  });
});

describe("ERROR_CATALOG", () => {
  it("has a title, cause and fix for every code, and well-formed codes", () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOG)) {
      expect(code).toMatch(/^[A-Z]+(?:-[A-Z]+)*-\d{3}$/);
      for (const field of ["title", "cause", "fix"] as const) {
        expect(typeof entry[field], `${code}.${field}`).toBe("string");
        expect(entry[field].trim().length, `${code}.${field}`).toBeGreaterThan(0);
      }
    }
  });

  it("defines every CANONICAL- and SIG- code that canonicalize and the key functions throw", () => {
    const thrown = [
      ...["001", "002", "003", "004", "005", "006", "007", "008", "009"].map(
        (n) => `CANONICAL-${n}`,
      ),
      ...["001", "002", "003", "004", "005", "006"].map((n) => `SIG-${n}`),
    ];
    for (const code of thrown) expect(describeErrorCode(code), code).toBeDefined();
  });

  it("is frozen", () => {
    expect(Object.isFrozen(ERROR_CATALOG)).toBe(true);
  });
});

describe("describeErrorCode", () => {
  it("returns the catalogue entry for a known code", () => {
    expect(describeErrorCode("CANONICAL-004")).toBe(ERROR_CATALOG["CANONICAL-004"]);
    expect(describeErrorCode("CANONICAL-004")?.title).toBe("Cycle");
  });

  it("returns undefined for unknown codes, including Object.prototype names", () => {
    for (const code of ["NOPE-001", "", "__proto__", "toString", "constructor", "hasOwnProperty"]) {
      expect(describeErrorCode(code), code).toBeUndefined();
    }
  });
});
