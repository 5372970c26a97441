import type { SignalProvenance } from "../../src/signal-provenance/provenance.types.js";

/** A fixed instant used wherever a provenance record needs a timestamp. */
export const FETCHED_AT = "2024-05-01T10:00:00.000Z";

/** A well-formed, verified CIBIL provenance record (the seed's example with a fixed timestamp). */
export function cibilProvenance(overrides: Partial<SignalProvenance> = {}): SignalProvenance {
  return {
    source: "CIBIL",
    sourceType: "financial_api",
    sourceVerified: true,
    verificationMethod: "api-key",
    trustLevel: "verified",
    sourceTimestamp: FETCHED_AT,
    ...overrides,
  };
}
