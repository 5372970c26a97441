import { canonicalizeForSigning, SIGNING_DOMAINS } from "../canonical/signing-domains.js";
import type { OverrideRecord, OverrideRecordPayload } from "./override-record.types.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { OverrideError } from "../errors/parmana-error.js";

/**
 * The exact string an override record's `signature` covers:
 * `canonicalizeForSigning(payload, SIGNING_DOMAINS.override)`, where the payload is every own
 * field except `signature` (unknown fields included, so a field added after signing breaks it).
 *
 * @param record - a signed override record, its payload, or a parsed object claiming to be one
 * @returns the canonical signing input (sign or verify its UTF-8 bytes)
 * @throws CanonicalizationError `CANONICAL-` codes when a field is not plain JSON
 * @example
 * ```ts
 * const ok = verifier.verify(overrideSigningInput(record), record.signature);
 * ```
 */
export function overrideSigningInput(
  record: OverrideRecord | OverrideRecordPayload | Readonly<Record<string, unknown>>,
): string {
  try {
    const payload: Record<string, unknown> = {};
    for (const key of Object.keys(record)) {
      if (key === "signature") continue;
      // defineProperty keeps hostile names such as __proto__ as data.
      Object.defineProperty(payload, key, {
        value: (record as Record<string, unknown>)[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return canonicalizeForSigning(payload, SIGNING_DOMAINS.override);
  } catch (error) {
    throw codedInputError(error, OverrideError, "SYS-024", "overrideSigningInput");
  }
}
