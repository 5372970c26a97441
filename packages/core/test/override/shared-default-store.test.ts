// The default pending-override store is one per process, shared by every copy of core: the
// built ESM and CommonJS files (which a mixed app may both load) and the source used by tests.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultPendingOverrideStore } from "@parmanasystems/core";

const distEsm = new URL("../../dist/index.js", import.meta.url);
const distCjs = new URL("../../dist/index.cjs", import.meta.url);
const built = existsSync(distEsm) && existsSync(distCjs);
if (!built && process.env.CI === "true")
  throw new Error("packages/core/dist is missing: build first");
if (!built)
  console.warn(
    "[core tests] SKIPPED shared-store test: packages/core/dist is missing (pnpm build)",
  );

describe("defaultPendingOverrideStore", () => {
  it("lives in a Symbol.for registry on globalThis", () => {
    const key = Symbol.for("@parmanasystems/core/defaultPendingOverrideStore/v1");
    expect((globalThis as Record<symbol, unknown>)[key]).toBe(defaultPendingOverrideStore);
  });

  it.skipIf(!built)(
    "is the same object in the ESM build, the CommonJS build and the source",
    async () => {
      const esm = (await import(distEsm.href)) as { defaultPendingOverrideStore: unknown };
      const cjs = createRequire(import.meta.url)(fileURLToPath(distCjs)) as {
        defaultPendingOverrideStore: unknown;
      };
      expect(esm.defaultPendingOverrideStore).toBe(cjs.defaultPendingOverrideStore);
      expect(esm.defaultPendingOverrideStore).toBe(defaultPendingOverrideStore);
    },
  );
});
