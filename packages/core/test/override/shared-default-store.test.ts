// The default pending-override store is one per process, shared by every copy of core: the
// built ESM and CommonJS files (which a mixed app may both load) and the source used by tests.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultPendingOverrideStore } from "@parmanasystems/core";
import { builtCore } from "../helpers/built-core.js";

const { esm: distEsm, cjs: distCjs, built } = builtCore("shared-store test");

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
