import { ProvenanceError } from "../errors/parmana-error.js";
import type { ProvenanceTrustLevel } from "./provenance.types.js";

/**
 * The trust levels from lowest to highest: `unverified < claimed < verified < trusted`.
 * Minimum-trust checks everywhere in Parmana use this order.
 */
export const TRUST_LEVEL_ORDER: readonly ["unverified", "claimed", "verified", "trusted"] =
  Object.freeze(["unverified", "claimed", "verified", "trusted"] as const);

/**
 * Tells whether a value is one of the four {@link ProvenanceTrustLevel}s.
 *
 * @param value - anything
 * @returns true for `"unverified"`, `"claimed"`, `"verified"` or `"trusted"`
 */
export function isProvenanceTrustLevel(value: unknown): value is ProvenanceTrustLevel {
  return typeof value === "string" && (TRUST_LEVEL_ORDER as readonly string[]).includes(value);
}

/**
 * Compares two trust levels in {@link TRUST_LEVEL_ORDER}.
 *
 * @param a - a trust level
 * @param b - a trust level
 * @returns a negative number when `a` is lower than `b`, 0 when equal, positive when higher
 * @throws ProvenanceError `PROV-003` when either argument is not a trust level
 * @example
 * ```ts
 * compareTrustLevels("claimed", "verified") < 0; // true
 * ```
 */
export function compareTrustLevels(a: ProvenanceTrustLevel, b: ProvenanceTrustLevel): number {
  return trustRank(a) - trustRank(b);
}

/**
 * Position of a trust level in {@link TRUST_LEVEL_ORDER} (0 for `unverified` .. 3 for `trusted`).
 *
 * @param level - a trust level
 * @returns its rank
 * @throws ProvenanceError `PROV-003` when `level` is not a trust level
 */
export function trustRank(level: ProvenanceTrustLevel): number {
  if (!isProvenanceTrustLevel(level)) {
    throw new ProvenanceError("PROV-003", `unknown trust level: ${describeLevel(level)}`, {
      details: { trustLevel: describeLevel(level) },
    });
  }
  return TRUST_LEVEL_ORDER.indexOf(level);
}

/**
 * The lowest of some trust levels.
 *
 * @param levels - trust levels
 * @returns the lowest one, or null when `levels` is empty
 * @throws ProvenanceError `PROV-003` when an element is not a trust level
 */
export function lowestTrustLevel(
  levels: Iterable<ProvenanceTrustLevel>,
): ProvenanceTrustLevel | null {
  let lowest: ProvenanceTrustLevel | null = null;
  let lowestRank = Number.POSITIVE_INFINITY;
  for (const level of levels) {
    const rank = trustRank(level);
    if (rank < lowestRank) {
      lowest = level;
      lowestRank = rank;
    }
  }
  return lowest;
}

function describeLevel(level: unknown): string {
  return typeof level === "string" ? JSON.stringify(level) : typeof level;
}
