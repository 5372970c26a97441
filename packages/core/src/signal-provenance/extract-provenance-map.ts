import { ProvenanceError } from "../errors/parmana-error.js";
import { defineDataProperty } from "./internal/records.js";
import { readSignalProvenance } from "./internal/read-signal-provenance.js";
import { signalMapKeys } from "./internal/signal-map-keys.js";
import type { GovernedSignalMap, SignalProvenance } from "./provenance.types.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";

/**
 * Extracts the provenance layer of a signal map: every signal name maps to its provenance
 * record, or to `null` when it has none (plain values and governed signals without provenance),
 * so absence is explicit. Useful for audit reconstruction and lineage pipelines.
 *
 * The records are returned as they are (not copied); the input is not mutated.
 *
 * @param signals - signal name to governed signal or plain value
 * @returns signal name to provenance or null, keys in the input's order
 * @throws ProvenanceError `PROV-001` when `signals` is not a plain object; `PROV-002` when a
 *   governed signal carries a malformed provenance record
 * @example
 * ```ts
 * extractProvenanceMap({ income: withProvenance(82000, p), score: 720 });
 * // { income: p, score: null }
 * ```
 */
export function extractProvenanceMap(
  signals: GovernedSignalMap | Record<string, unknown>,
): Record<string, SignalProvenance | null> {
  try {
    const keys = signalMapKeys(signals, "extractProvenanceMap");
    const input = signals as Record<string, unknown>;
    const map: Record<string, SignalProvenance | null> = {};
    for (const key of keys) {
      const reading = readSignalProvenance(input[key]);
      if (reading.kind === "malformed") {
        throw new ProvenanceError(
          "PROV-002",
          `extractProvenanceMap: signal ${JSON.stringify(key)}: ${reading.problem}`,
          {
            details: { signal: key, problem: reading.problem },
          },
        );
      }
      defineDataProperty(map, key, reading.kind === "present" ? reading.provenance : null);
    }
    return map;
  } catch (error) {
    throw codedInputError(error, ProvenanceError, "PROV-001", "extractProvenanceMap");
  }
}
