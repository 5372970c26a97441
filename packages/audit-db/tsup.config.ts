import { cpSync } from "node:fs";
import { defineConfig } from "tsup";

// Dual ESM + CJS. `shims` gives the CJS build a working `import.meta.url`, which the migration
// runner uses to find the SQL files; onSuccess copies them to dist/sql/ next to the bundle.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  shims: true,
  target: "node20",
  platform: "node",
  tsconfig: "tsconfig.build.json",
  async onSuccess() {
    cpSync("src/migrations/sql", "dist/sql", { recursive: true });
  },
});
