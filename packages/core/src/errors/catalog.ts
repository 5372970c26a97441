import { CANONICAL_CODES } from "./codes/canonical.js";
import { INVARIANT_CODES } from "./codes/invariant.js";
import { POLICY_CODES } from "./codes/policy.js";
import { PROVENANCE_CODES } from "./codes/provenance.js";
import { SIGNATURE_CODES } from "./codes/signature.js";
import { STORE_CODES } from "./codes/store.js";
import { SYSTEM_CODES } from "./codes/system.js";
import { TRUST_CODES } from "./codes/trust.js";
import { VALIDATION_CODES } from "./codes/validation.js";
import type { ErrorCodeEntry } from "./error-code-entry.js";

/**
 * Every error code the Parmana packages can throw or report, with its cause and fix.
 * `docs/errors.md` is generated from this table (`pnpm docs:errors`) and a test keeps them equal.
 */
export const ERROR_CATALOG: Readonly<Record<string, ErrorCodeEntry>> = Object.freeze({
  ...VALIDATION_CODES,
  ...POLICY_CODES,
  ...INVARIANT_CODES,
  ...SYSTEM_CODES,
  ...CANONICAL_CODES,
  ...SIGNATURE_CODES,
  ...TRUST_CODES,
  ...STORE_CODES,
  ...PROVENANCE_CODES,
});

/**
 * Looks up a code in the catalogue.
 *
 * @param code - an error code such as `"INV-013"`
 * @returns the entry, or `undefined` when the code is unknown
 */
export function describeErrorCode(code: string): ErrorCodeEntry | undefined {
  // Only strings can be codes; anything else would be stringified by hasOwnProperty, and a deep
  // array or a Proxy throws while being stringified.
  if (typeof code !== "string") return undefined;
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOG, code)
    ? ERROR_CATALOG[code]
    : undefined;
}
