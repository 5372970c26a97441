import type { ErrorCodeEntry } from "../error-code-entry.js";

/** `SYS-` codes: execution-time system failures and overrides. */
export const SYSTEM_CODES: Readonly<Record<string, ErrorCodeEntry>> = {
  "SYS-006": {
    title: "No rule matched",
    cause: "The signals are valid but no rule of the policy matched them; no decision and no attestation are produced.",
    fix: "Add a catch-all rule ({ \"all\": [] }) at the end of the policy; compilePolicy warns POL-021 when there is none.",
  },
};
