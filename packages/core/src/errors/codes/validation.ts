import type { ErrorCodeEntry } from "../error-code-entry.js";

/**
 * `VAL-` codes: execution inputs and signals. Every problem is reported at once; the thrown
 * `ValidationError` carries the first code and all problems in `details.problems`.
 */
export const VALIDATION_CODES: Readonly<Record<string, ErrorCodeEntry>> = {
  "VAL-001": {
    title: "Execution input is not an object",
    cause: "The input passed to executeFromSignals (or simulate) is not a plain object.",
    fix: "Pass { policyId, policyVersion, signals, executionId? }.",
  },
  "VAL-002": {
    title: "Malformed execution input field",
    cause:
      "policyId or policyVersion is missing, or one of policyId, policyVersion, executionId (optional) is not a non-empty string of at most 256 characters without control characters. (An id that is not a safe folder name is POL-003, a version that is not semver POL-022.)",
    fix: 'Pass policyId like "loan-approval", policyVersion like "1.0.0", and omit executionId or pass your business transaction id.',
  },
  "VAL-003": {
    title: "Undeclared signal",
    cause:
      'The signals contain a name the policy\'s signalsSchema does not declare (including keys such as "__proto__").',
    fix: "Send only the declared signals; check for misspelt names.",
  },
  "VAL-004": {
    title: "Missing signal",
    cause: "A signal the policy declares is absent. Every declared signal is required.",
    fix: "Provide a value for every signal in the policy's signalsSchema.",
  },
  "VAL-005": {
    title: "Signal is not a finite number",
    cause: "A signal of type number is not a number, or is NaN, Infinity or -Infinity.",
    fix: "Send a finite JSON number.",
  },
  "VAL-006": {
    title: "Signal is not a boolean",
    cause:
      'A signal of type boolean is not true or false (strings such as "true" are not converted).',
    fix: "Send a JSON boolean.",
  },
  "VAL-007": {
    title: "Signal is not an integer",
    cause:
      "A signal of type integer is not a safe integer (Number.isSafeInteger): a fraction, a string, or beyond ±2^53-1.",
    fix: "Send a whole JSON number within the safe integer range.",
  },
  "VAL-008": {
    title: "Signal is not a string",
    cause: "A signal of type string is not a string, or contains a lone UTF-16 surrogate.",
    fix: "Send a well-formed JSON string.",
  },
  "VAL-009": {
    title: "Enum value not allowed",
    cause:
      "A signal of type enum is not one of its declared values (compared exactly, case-sensitive).",
    fix: "Send one of the values listed in the policy's signalsSchema.",
  },
  "VAL-010": {
    title: "Signals are not a plain object",
    cause:
      "signals is missing, null, an array, a class instance (Map, Date, ...) or has symbol keys.",
    fix: "Pass signals as a plain object of name → JSON value.",
  },
  "VAL-011": {
    title: "Enum schema without values",
    cause:
      "Signals were checked against an uncompiled schema whose enum declaration has no values.",
    fix: "Fix the schema (compilePolicy reports it as POL-012).",
  },
  "VAL-012": {
    title: "Unsupported signal type in schema",
    cause:
      "Signals were checked against an uncompiled schema with a declaration that is not an object or has an unsupported type.",
    fix: "Fix the schema (compilePolicy reports it as POL-010, POL-011 or POL-031).",
  },
  "VAL-020": {
    title: "Unreadable argument",
    cause:
      "An options object or list (policy registry options, the policies root, the registry's policy list) was a Proxy whose traps throw, had a getter that throws, or was a value of the wrong kind, so it could not be read.",
    fix: "Pass plain data: a plain object of the documented options, or an array of policies. The error's cause is what reading the value threw.",
  },
};
