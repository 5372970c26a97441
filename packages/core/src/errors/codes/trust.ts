import type { ErrorCodeEntry } from "../error-code-entry.js";

/** `TRUST-` codes: trust roots, bundles and runtime identity. */
export const TRUST_CODES: Readonly<Record<string, ErrorCodeEntry>> = {};
