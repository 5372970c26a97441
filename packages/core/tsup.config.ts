import { defineConfig, type Options } from "tsup";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

// Dual ESM + CJS. `shims` gives the CJS build a working `import.meta.url`, which the runtime
// identity uses to find dist/runtime-manifest.json next to the running module.
// `clean` wipes dist first; the build script then regenerates the manifests
// (scripts/generate-runtime-manifest.mjs, ../../scripts/generate-release-manifest.mjs).
// The runtime identity is a separate generated module (scripts/embed-runtime-identity.mjs) that
// the built code imports, so bundlers carry it; from source the placeholder module is used.
const embeddedRuntimeIdentity: Plugin = {
  name: "embedded-runtime-identity",
  setup(build) {
    // With code splitting, tsup builds the CJS output as ESM and converts it afterwards, so the
    // output extension (not esbuild's format) says which module format this build is for.
    const cjs =
      build.initialOptions.format === "cjs" ||
      build.initialOptions.outExtension?.[".js"] === ".cjs";
    build.onResolve({ filter: /\/embedded-runtime-identity\.js$/ }, () => ({
      path: cjs ? "./runtime-identity.cjs" : "./runtime-identity.js",
      external: true,
    }));
  },
};

export default defineConfig({
  esbuildPlugins: [embeddedRuntimeIdentity],
  // Two entries: the public API and `@parmanasystems/core/internal`. Shared code goes into chunks
  // (splitting on for CJS too), so both entries see one ParmanaError class and one set of state.
  entry: { index: "src/index.ts", internal: "src/internal/index.ts" },
  splitting: true,
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  shims: true,
  target: "node20",
  platform: "node",
  tsconfig: "tsconfig.build.json",
});
