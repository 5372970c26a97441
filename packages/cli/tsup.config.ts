import { defineConfig } from "tsup";

// The CLI ships as ESM only: it is run, not imported, so it needs no CommonJS build or types.
// The worker is its own entry so the verification pool can start it by file URL.
export default defineConfig({
  entry: ["src/bin.ts", "src/verify-bin.ts", "src/verify-worker.ts"],
  format: ["esm"],
  dts: false,
  sourcemap: true,
  clean: true,
  target: "node20",
  platform: "node",
  splitting: true,
  tsconfig: "tsconfig.build.json",
  banner: { js: "#!/usr/bin/env node" },
});
