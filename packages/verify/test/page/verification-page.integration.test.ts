// The offline verification page (dist/verify.html) in real Chromium, opened from file:// as an
// inspector would: a valid and a tampered attestation dropped and chosen, verdicts read from the
// DOM, screenshots kept in test-artifacts/ (for CI), no request leaving the page, every form
// control labelled and reachable from the keyboard, and hostile input (a 50 MB file, deep
// nesting, markup in every string field) shown as text or refused without breaking the page.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../helpers/corpus.js";
import { CHROMIUM_ARGS, CHROMIUM_PATH, PACKAGE_DIR } from "../helpers/runtimes.js";

const PAGE = join(PACKAGE_DIR, "dist", "verify.html");
const ARTIFACTS = join(PACKAGE_DIR, "test-artifacts");
const corpus = loadCorpus();
const byId = (id: string): Record<string, unknown> =>
  corpus.cases.find((item) => item.id === id)?.input["attestation"] as Record<string, unknown>;
const VALID = byId("attestation/ed25519/valid");
const TAMPERED = byId("attestation/ed25519/tamper/decision.action");
const PEM = corpus.keys["ed25519-a"]?.publicKeyPem as string;

const unavailable = !existsSync(CHROMIUM_PATH)
  ? `${CHROMIUM_PATH} is missing (apt-get install chromium)`
  : !existsSync(PAGE)
    ? "dist/verify.html is missing: run pnpm build"
    : undefined;
if (unavailable !== undefined && process.env["CI"] !== "true")
  console.warn(`[skipped] verification page: ${unavailable}`);

describe.skipIf(unavailable !== undefined && process.env["CI"] !== "true")(
  "verification page in Chromium from file://",
  () => {
    let browser: Browser;
    let page: Page;
    const requests: string[] = [];
    const consoleErrors: string[] = [];

    beforeAll(async () => {
      const { chromium } = await import("playwright-core");
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
      mkdirSync(ARTIFACTS, { recursive: true });
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function openPage(viewport = { width: 1000, height: 900 }): Promise<Page> {
      const context = await browser.newContext({ viewport });
      const fresh = await context.newPage();
      fresh.on("request", (request) => {
        if (request.url() !== pathToFileURL(PAGE).href) requests.push(request.url());
      });
      fresh.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(message.text());
      });
      fresh.on("pageerror", (error) => consoleErrors.push(error.message));
      await fresh.goto(pathToFileURL(PAGE).href);
      return fresh;
    }

    async function verify(target: Page): Promise<void> {
      await target.click("#verify");
      await target.waitForFunction(() => {
        const text = document.getElementById("status")?.textContent ?? "";
        return text !== "Verifying…" && text !== "Nothing verified yet.";
      });
    }

    async function drop(target: Page, name: string, content: string): Promise<void> {
      await target.evaluate(
        ({ name, content }) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([content], name, { type: "application/json" }));
          document
            .getElementById("drop")
            ?.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true }));
        },
        { name, content },
      );
      await target.waitForFunction(() => document.querySelectorAll("article").length > 0);
    }

    beforeAll(async () => {
      page = await openPage();
    });

    it("verifies a dropped valid attestation and a chosen tampered one, check by check", async () => {
      await page.fill("#key-text", PEM);
      await drop(page, "valid.json", JSON.stringify(VALID));
      const first = page.locator("article").first();
      await expect.poll(() => first.getAttribute("data-verdict")).toBe("valid");
      expect(await first.locator("li[data-passed=true]").count()).toBe(4);
      expect(await first.textContent()).toContain("approve");
      expect(await first.textContent()).toContain("loan-approval 1.0.0");
      expect(await first.textContent()).toContain("2026-03-01T09:00:00.000Z");
      await page.screenshot({ path: join(ARTIFACTS, "page-valid.png"), fullPage: true });

      // Both files at once: the dropped one stays, the chosen one is added.
      await page.setInputFiles("#attestation-file", {
        name: "tampered.json",
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify(TAMPERED)),
      });
      await verify(page);
      const verdicts = await page
        .locator("article")
        .evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset["verdict"]));
      expect(verdicts).toEqual(["invalid", "valid"]);
      const tampered = page.locator("article").first();
      expect(
        await tampered.locator("li[data-check=signature_verified]").getAttribute("data-passed"),
      ).toBe("false");
      expect(await tampered.textContent()).toContain(
        "The signature does not verify with this key.",
      );
      expect(await page.textContent("#status")).toMatch(
        /2 checked with ed25519 key ed25519-[0-9a-f]{32}: 1 valid, 1 not valid/,
      );
      await page.screenshot({
        path: join(ARTIFACTS, "page-valid-and-tampered.png"),
        fullPage: true,
      });
    });

    it("reads a JSON array and NDJSON, and verifies against a trust root", async () => {
      const fresh = await openPage();
      const root = corpus.trustRoots["rotated-2026-06"];
      await fresh.fill("#key-text", JSON.stringify(root));
      const signed = [
        byId("attestation/trust-root/valid"),
        byId("attestation/trust-root/k1-before-revocation"),
        byId("attestation/trust-root/k1-after-revocation"),
      ];
      await fresh.fill("#attestation-text", signed.map((item) => JSON.stringify(item)).join("\n"));
      await verify(fresh);
      expect(await fresh.textContent("#status")).toContain(
        "3 checked with trust root 2026-06: 2 valid, 1 not valid",
      );
      expect(await fresh.locator("article").nth(2).textContent()).toContain(
        "The signing key was revoked before this was signed.",
      );
      await fresh.fill("#attestation-text", JSON.stringify(signed));
      await verify(fresh);
      expect(await fresh.textContent("#status")).toContain(
        "3 checked with trust root 2026-06: 2 valid, 1 not valid",
      );
      await fresh.context().close();
    });

    it("refuses weak keys and high-S signatures, saying why in plain words", async () => {
      const fresh = await openPage();
      const weak = byId("attestation/weak-key/small-order");
      for (const name of ["ed25519-small-order", "ed25519-non-canonical"]) {
        await fresh.fill("#key-text", corpus.keys[name]?.publicKeyPem as string);
        await fresh.fill("#attestation-text", JSON.stringify(weak));
        await verify(fresh);
        expect(await fresh.textContent("#status")).toBe(
          "Cannot use the key: This is not a real public key: under it anyone could forge signatures that verify. The key was tampered with; get the issuer's key again. (SIG-012)",
        );
        expect(await fresh.locator("article").count()).toBe(0);
      }
      await fresh.fill("#key-text", JSON.stringify(corpus.trustRoots["small-order-key"]));
      await fresh.fill(
        "#attestation-text",
        JSON.stringify(byId("attestation/weak-key/trust-root")),
      );
      await verify(fresh);
      const refused = fresh.locator("article").first();
      expect(await refused.getAttribute("data-verdict")).toBe("invalid");
      expect(await refused.textContent()).toContain(
        "The trust root is not valid, so none of its keys can be trusted. It holds a weak key: This is not a real public key",
      );
      await fresh.fill("#key-text", corpus.keys["p256-a"]?.publicKeyPem as string);
      await fresh.fill(
        "#attestation-text",
        JSON.stringify(byId("attestation/p256/signature/p256-high-s")),
      );
      await verify(fresh);
      expect(await fresh.locator("article").first().getAttribute("data-verdict")).toBe("invalid");
      expect(await fresh.locator("article").first().textContent()).toContain(
        "The signature does not verify with this key.",
      );
      await fresh.screenshot({ path: join(ARTIFACTS, "page-weak-key.png"), fullPage: true });
      await fresh.context().close();
    });

    it("labels every form control and reaches each one from the keyboard", async () => {
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll("input, textarea, select, button")]
          .filter((control) => {
            const labelled =
              (control as HTMLInputElement).labels?.length ||
              control.getAttribute("aria-label") ||
              control.getAttribute("aria-labelledby") ||
              (control.tagName === "BUTTON" && control.textContent?.trim());
            return !labelled;
          })
          .map((control) => control.id || control.tagName),
      );
      expect(unnamed).toEqual([]);
      expect(await page.getAttribute("#status", "role")).toBe("status");
      expect(await page.getAttribute("#status", "aria-live")).toBe("polite");
      expect(await page.getAttribute("html", "lang")).toBe("en");

      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const reached: string[] = [];
      for (let step = 0; step < 8; step++) {
        await page.keyboard.press("Tab");
        reached.push(await page.evaluate(() => document.activeElement?.id ?? ""));
      }
      for (const id of [
        "attestation-file",
        "attestation-text",
        "key-text",
        "key-file",
        "runtime-hashes",
        "verify",
      ])
        expect(reached).toContain(id);

      // Keyboard only: type the inputs, then Enter on the focused button.
      const fresh = await openPage();
      await fresh.focus("#attestation-text");
      await fresh.keyboard.insertText(JSON.stringify(VALID));
      await fresh.focus("#key-text");
      await fresh.keyboard.insertText(PEM);
      await fresh.focus("#verify");
      await fresh.keyboard.press("Enter");
      await fresh.waitForSelector("article[data-verdict=valid]");
      await fresh.context().close();
    });

    it("is readable on a phone", async () => {
      const phone = await openPage({ width: 375, height: 740 });
      await phone.fill("#key-text", PEM);
      await phone.fill("#attestation-text", JSON.stringify([VALID, TAMPERED]));
      await verify(phone);
      const overflow = await phone.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: join(ARTIFACTS, "page-phone.png"), fullPage: true });
      await phone.context().close();
    });

    it("renders markup in every string field as text, never as HTML", async () => {
      const fresh = await openPage();
      const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
      const hostile = JSON.parse(JSON.stringify(VALID), (key, value: unknown) =>
        typeof value === "string" && key !== "" ? `${payload}${key}` : value,
      ) as Record<string, unknown>;
      await fresh.fill("#key-text", PEM);
      await fresh.fill("#attestation-text", JSON.stringify(hostile));
      await verify(fresh);
      const article = fresh.locator("article").first();
      expect(await article.getAttribute("data-verdict")).toBe("invalid");
      expect(await article.textContent()).toContain(`${payload}executionId`);
      expect(await article.textContent()).toContain(`${payload}action`);
      expect(await fresh.locator("#results img, #results script").count()).toBe(0);
      expect(await fresh.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
      await fresh.screenshot({ path: join(ARTIFACTS, "page-hostile-markup.png"), fullPage: true });
      await fresh.context().close();
    });

    it("refuses a 50 MB file unread and deeply nested JSON, and keeps working", async () => {
      const fresh = await openPage();
      await fresh.fill("#key-text", PEM);
      // An attestation whose reason is 50 MB long.
      const huge = join(mkdtempSync(join(tmpdir(), "parmana-page-")), "huge.json");
      const text = JSON.stringify(VALID).replace(
        '"reason":"',
        `"reason":"${"x".repeat(50 * 1024 * 1024)}`,
      );
      writeFileSync(huge, text);
      await fresh.setInputFiles("#attestation-file", huge);
      await verify(fresh);
      expect(await fresh.locator("article").first().textContent()).toContain(
        "huge.json is 50.0 MB; the limit is 10 MB",
      );
      rmSync(huge);
      await fresh.setInputFiles("#attestation-file", []);
      const depth = 100_000;
      await fresh.fill("#attestation-text", `${"[".repeat(depth)}${"]".repeat(depth)}`);
      await verify(fresh);
      expect(await fresh.locator("article").first().textContent()).toContain(
        "the JSON is nested deeper than 64 levels",
      );
      // Still usable afterwards.
      await fresh.fill("#attestation-text", JSON.stringify(VALID));
      await verify(fresh);
      expect(await fresh.locator("article").first().getAttribute("data-verdict")).toBe("valid");
      await fresh.context().close();
    });

    it("made no request beyond the page itself and logged no error", () => {
      expect(requests).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });

    it("is the page published in docs/ (docs/verify.html is the build's copy)", () => {
      expect(readFileSync(join(PACKAGE_DIR, "..", "..", "docs", "verify.html"), "utf8")).toBe(
        readFileSync(PAGE, "utf8"),
      );
    });

    it("forbids connections in its Content-Security-Policy and fits in 40 KB gzipped", async () => {
      const html = readFileSync(PAGE, "utf8");
      const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? "";
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("connect-src 'none'");
      expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
      const { gzipSync } = await import("node:zlib");
      expect(gzipSync(html, { level: 9 }).length).toBeLessThanOrEqual(40 * 1024);
      // A fetch from the page itself is refused by the policy.
      const blocked = await page.evaluate(() =>
        fetch("https://example.com/").then(
          () => "connected",
          (error: unknown) => String(error),
        ),
      );
      expect(blocked).not.toBe("connected");
    });
  },
);
