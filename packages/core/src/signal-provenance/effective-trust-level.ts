import { ProvenanceError } from "../errors/parmana-error.js";
import { findProvenanceProblem } from "./assert-signal-provenance.js";
import type { ProvenanceTrustLevel, SignalProvenance } from "./provenance.types.js";
import { trustRank } from "./trust-level-order.js";

/**
 * The trust level Parmana assigns to a provenance record for minimum-trust checks. Trust is
 * never inferred upwards:
 *
 * - no `trustLevel` → `"unverified"` (even when `sourceVerified` is true);
 * - `sourceVerified: false` with `trustLevel` `"verified"` or `"trusted"` → `"claimed"`: a record
 *   cannot claim cryptographic verification while saying its source was not verified;
 * - otherwise the record's `trustLevel`.
 *
 * A signal without provenance has no trust level; checks treat it as `"unverified"`.
 *
 * @param provenance - a well-formed provenance record
 * @returns the effective trust level
 * @throws ProvenanceError `PROV-002` when `provenance` is not a well-formed record
 * @example
 * ```ts
 * effectiveTrustLevel({ source: "X", sourceType: "unknown", sourceVerified: false, trustLevel: "verified" }); // "claimed"
 * ```
 */
export function effectiveTrustLevel(provenance: SignalProvenance): ProvenanceTrustLevel {
  const problem = findProvenanceProblem(provenance);
  if (problem !== undefined) {
    throw new ProvenanceError("PROV-002", `effectiveTrustLevel: ${problem}`, {
      details: { problem },
    });
  }
  const declared = provenance.trustLevel;
  if (declared === undefined) return "unverified";
  if (provenance.sourceVerified !== true && trustRank(declared) > trustRank("claimed"))
    return "claimed";
  return declared;
}
