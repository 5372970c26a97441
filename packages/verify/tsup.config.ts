import { defineConfig } from "tsup";

// Core's platform-neutral modules are bundled from source (one canonicalizer, one set of
// checks): `@parmanasystems/core/portable` resolves through tsconfig.build.json's paths and is
// never left as an import, so the package has no runtime dependency.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: { resolve: true },
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  noExternal: [/^@parmanasystems\/core/],
  tsconfig: "tsconfig.build.json",
});
