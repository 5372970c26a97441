// Platform-neutral (no node: import): the committed runtime history as a module, so that
// @parmanasystems/verify (which reads no files) trusts the same earlier releases as core.
import history from "../runtime-history.json" with { type: "json" };
import type { RuntimeHistoryEntry } from "../runtime-history.js";

/** The runtimes of earlier releases of `@parmanasystems/core`, oldest first. */
export const RELEASED_RUNTIMES: readonly RuntimeHistoryEntry[] = Object.freeze(
  (history as RuntimeHistoryEntry[]).map((entry) => Object.freeze({ ...entry })),
);
