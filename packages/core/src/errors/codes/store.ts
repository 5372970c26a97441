import type { ErrorCodeEntry } from "../error-code-entry.js";

/** `STORE-` codes: stores that are unreachable or misbehave. */
export const STORE_CODES: Readonly<Record<string, ErrorCodeEntry>> = {};
