import type { ErrorCodeEntry } from "../error-code-entry.js";

/** `PROV-` codes: signal provenance, lineage, receipts, authorities and proof bundles. */
export const PROVENANCE_CODES: Readonly<Record<string, ErrorCodeEntry>> = {};
