import { defineConfig } from "tsup";

// Dual ESM + CJS. `shims` gives the CJS build a working `import.meta.url`, which the runtime
// identity uses to find dist/runtime-manifest.json next to the running module.
// `clean` wipes dist first; the build script then regenerates the manifests
// (scripts/generate-runtime-manifest.mjs, ../../scripts/generate-release-manifest.mjs).
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
});
