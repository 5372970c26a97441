import type { ErrorCodeEntry } from "../error-code-entry.js";

/** `INV-` codes: execution invariants such as replay protection. */
export const INVARIANT_CODES: Readonly<Record<string, ErrorCodeEntry>> = {};
