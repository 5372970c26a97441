import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vitest/config";
import coreConfig from "./vitest.config.js";

const coreDir = fileURLToPath(new URL("./", import.meta.url));

/**
 * Core's tests with V8 coverage (`pnpm coverage`). Canonical JSON and the crypto layer are what
 * every signature rests on, so they must stay at 100% of lines and branches; the rest of `src/` is
 * reported. Any `v8 ignore` comment in those two folders says why the line cannot run in a test.
 */
export default mergeConfig(
  coreConfig,
  defineConfig({
    root: coreDir,
    test: {
      coverage: {
        enabled: true,
        provider: "v8",
        include: ["src/**/*.ts"],
        // Types only: nothing runs in them.
        exclude: ["src/**/*.types.ts"],
        reporter: ["text-summary", "json-summary"],
        reportsDirectory: "coverage",
        thresholds: {
          "src/canonical/**": { lines: 100, branches: 100 },
          "src/crypto/**": { lines: 100, branches: 100 },
        },
      },
    },
  }),
);
