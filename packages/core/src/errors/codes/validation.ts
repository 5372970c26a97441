import type { ErrorCodeEntry } from "../error-code-entry.js";

/** `VAL-` codes: execution inputs and signals. */
export const VALIDATION_CODES: Readonly<Record<string, ErrorCodeEntry>> = {};
