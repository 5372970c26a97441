import { integrityHashInput } from "@parmanasystems/core/portable";

/**
 * The values the integrity checks hash: the attestation and the proof's bound facts. A proof
 * that cannot even be read is left out (the checks report it).
 *
 * @internal
 */
export function integrityDigestInputs(proof: unknown, attestation: unknown): unknown[] {
  const values: unknown[] = [attestation];
  try {
    if (typeof proof === "object" && proof !== null && !Array.isArray(proof))
      values.push(integrityHashInput(proof as Record<string, unknown>));
  } catch {
    // reported by the checks
  }
  return values;
}
