import { defineProject } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.js";

// Integration suites against Postgres and PGlite: a busy shared machine needs more than the
// default 30 s per test (each test migrates a fresh schema; several spawn processes).
export default defineProject({
  ...sharedTestConfig,
  test: { ...sharedTestConfig.test, name: "audit-db", testTimeout: 120_000, hookTimeout: 180_000 },
});
