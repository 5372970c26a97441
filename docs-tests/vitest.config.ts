import { defineProject } from "vitest/config";

// These tests use the BUILT packages (dist/), exactly as an adopter installs them, so no aliases
// to src/ here.
export default defineProject({
  test: {
    name: "docs-tests",
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
