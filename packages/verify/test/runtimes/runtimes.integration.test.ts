// The golden corpus in five JavaScript runtimes, against the built package (dist/): Node with
// node:crypto made unavailable, Deno, Bun, Cloudflare's workerd (all from the npm registry) and
// Chromium (Debian's, driven by playwright-core). Each must report exactly the verdict, checks,
// codes and messages @parmanasystems/core recorded, with keys as PEM, JWK and raw bytes. This is
// what the in-process tests cannot prove: that the bundle needs nothing but WebCrypto and that
// every engine's WebCrypto accepts and refuses the same signatures. A runtime that is not
// installed skips with the reason, except with CI=true, where it fails.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  bunBinary,
  CHROMIUM_PATH,
  denoBinary,
  DIST_ESM,
  runInBun,
  runInChromium,
  runInDeno,
  runInNodeWithoutCrypto,
  runInWorkerd,
  workerdBinary,
  type RuntimeReport,
} from "../helpers/runtimes.js";
import { loadCorpus } from "../helpers/corpus.js";

const cases = loadCorpus().cases.length;

function expectAgreement(report: RuntimeReport): void {
  expect(report.cases).toBe(cases);
  for (const form of ["pem", "jwk", "raw"] as const) {
    expect(report.results[form].mismatches, `${report.runtime}, keys as ${form}`).toEqual([]);
    expect(report.results[form].checked).toBe(cases);
  }
}

function suite(name: string, unavailable: string | undefined, body: () => void): void {
  if (unavailable === undefined || process.env["CI"] === "true") describe(name, body);
  else {
    console.warn(`[skipped] ${name}: ${unavailable}`);
    describe.skip(`${name} — SKIPPED: ${unavailable}`, body);
  }
}

const noBuild = existsSync(DIST_ESM) ? undefined : "dist/index.js is missing: run pnpm build";
const TIMEOUT = 180_000;

suite("Node 20 without node:crypto", noBuild, () => {
  it("agrees with core on every case", { timeout: TIMEOUT }, async () => {
    const report = await runInNodeWithoutCrypto();
    expect(report.runtime).toMatch(/^node v/);
    expectAgreement(report);
  });
});

const deno = denoBinary();
suite(
  "Deno",
  noBuild ?? (deno === undefined ? "the deno package is not installed" : undefined),
  () => {
    it("agrees with core on every case", { timeout: TIMEOUT }, async () => {
      const report = await runInDeno(deno as string);
      expect(report.runtime).toMatch(/^deno /);
      expectAgreement(report);
    });
  },
);

const bun = bunBinary();
suite(
  "Bun",
  noBuild ?? (bun === undefined ? "the bun package is not installed" : undefined),
  () => {
    it("agrees with core on every case", { timeout: TIMEOUT }, async () => {
      const report = await runInBun(bun as string);
      expect(report.runtime).toMatch(/^bun /);
      expectAgreement(report);
    });
  },
);

const workerd = workerdBinary();
suite(
  "Cloudflare workerd",
  noBuild ?? (workerd === undefined ? "the workerd package is not installed" : undefined),
  () => {
    it("agrees with core on every case", { timeout: TIMEOUT }, async () => {
      const report = await runInWorkerd(workerd as string);
      expect(report.runtime).toBe("workerd");
      expectAgreement(report);
    });
  },
);

suite(
  "Chromium",
  noBuild ??
    (existsSync(CHROMIUM_PATH)
      ? undefined
      : `${CHROMIUM_PATH} is missing (apt-get install chromium)`),
  () => {
    it(
      "agrees with core on every case, with no request leaving the page",
      { timeout: TIMEOUT },
      async () => {
        const report = await runInChromium();
        expect(report.runtime).toMatch(/HeadlessChrome/);
        expectAgreement(report);
      },
    );
  },
);
