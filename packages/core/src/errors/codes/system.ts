import type { ErrorCodeEntry } from "../error-code-entry.js";

/** `SYS-` codes: execution-time system failures and overrides. */
export const SYSTEM_CODES: Readonly<Record<string, ErrorCodeEntry>> = {};
