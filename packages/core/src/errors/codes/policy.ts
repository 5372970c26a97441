import type { ErrorCodeEntry } from "../error-code-entry.js";

/** `POL-` codes: policy files and compilation. */
export const POLICY_CODES: Readonly<Record<string, ErrorCodeEntry>> = {};
