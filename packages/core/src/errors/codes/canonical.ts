import type { ErrorCodeEntry } from "../error-code-entry.js";

/** `CANONICAL-` codes: values that RFC 8785 canonical JSON cannot represent. */
export const CANONICAL_CODES: Readonly<Record<string, ErrorCodeEntry>> = {
  "CANONICAL-001": {
    title: "Non-finite number",
    cause: "A number is NaN, Infinity or -Infinity; JSON has no representation for it.",
    fix: "Replace the value with a finite number or null before canonicalizing.",
  },
  "CANONICAL-002": {
    title: "BigInt value",
    cause: "A bigint was found; JSON numbers are IEEE-754 doubles.",
    fix: "Convert the bigint to a string (or a safe integer) first.",
  },
  "CANONICAL-003": {
    title: "Date value",
    cause: "A Date object was found; its JSON form depends on toJSON and is not canonical.",
    fix: "Pass date.toISOString() instead of the Date.",
  },
  "CANONICAL-004": {
    title: "Cycle",
    cause: "An object or array contains itself.",
    fix: "Remove the circular reference.",
  },
  "CANONICAL-005": {
    title: "Undefined value",
    cause: "undefined appears as a value, a member or an array element; JSON has no undefined.",
    fix: "Remove the member or use null.",
  },
  "CANONICAL-006": {
    title: "Function or symbol",
    cause: "A function or symbol appears as a value, or an object has symbol-keyed properties.",
    fix: "Pass plain JSON data only.",
  },
  "CANONICAL-007": {
    title: "Non-plain object",
    cause: "A Map, Set, typed array, boxed primitive, class instance or sparse array was found.",
    fix: "Convert it to a plain object or array first.",
  },
  "CANONICAL-008": {
    title: "Lone surrogate",
    cause:
      "A string (value or key) contains an unpaired UTF-16 surrogate; RFC 8785 requires I-JSON.",
    fix: "Repair the string; it cannot be encoded as UTF-8.",
  },
  "CANONICAL-009": {
    title: "Unknown signing domain",
    cause:
      "applySigningDomain or canonicalizeForSigning got a domain that is not one of SIGNING_DOMAINS.",
    fix: "Use a value of SIGNING_DOMAINS.",
  },
  "CANONICAL-010": {
    title: "Nested too deeply",
    cause:
      "The value nests arrays and objects deeper than 256 levels (MAX_CANONICAL_DEPTH). Such input would exhaust the call stack; no Parmana document comes near this depth.",
    fix: "Flatten the data (signal values, provenance metadata). details.path shows where the limit was reached.",
  },
  "CANONICAL-011": {
    title: "Value could not be read",
    cause:
      "A getter or a Proxy trap threw while the value was being read for canonicalization. Only plain data can be canonicalized; the original error is the cause.",
    fix: "Pass plain JSON data (for example the result of JSON.parse), not objects with getters or Proxies.",
  },
  "CANONICAL-012": {
    title: "Not a string or bytes",
    cause:
      "A hashing or encoding function (sha256Hex, prefixedSha256, encodeBase64) got something other than the string or Uint8Array it takes.",
    fix: "Pass a string (hashed as UTF-8) or a Uint8Array; use canonicalHash for JSON values.",
  },
};
