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
    build.onResolve({ filter: /\/embedded-runtime-identity\.js$/ }, () => ({
      path:
        build.initialOptions.format === "cjs" ? "./runtime-identity.cjs" : "./runtime-identity.js",
      external: true,
    }));
  },
};

export default defineConfig({
  esbuildPlugins: [embeddedRuntimeIdentity],
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
