import { ProvenanceError } from "../errors/parmana-error.js";
import { canonicalHash } from "../hashing/sha256.js";
import { assertSignalProvenance } from "./assert-signal-provenance.js";
import { withoutUndefinedMembers } from "./internal/records.js";
import { defineDataProperty } from "./internal/records.js";
import { readSignalProvenance } from "./internal/read-signal-provenance.js";
import { signalMapKeys } from "./internal/signal-map-keys.js";
import type { GovernedSignalMap } from "./provenance.types.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";

/**
 * Hashes the provenance layer of a whole signal map: `"sha256:"` + SHA-256 of the canonical JSON
 * of `{ <signal name>: <provenance record> }` over the signals that carry provenance. Signal
 * values are never hashed, and signals without provenance are left out, so adding a plain signal
 * does not change the hash. Key order does not matter.
 *
 * @param signals - signal name to governed signal or plain value
 * @returns `"sha256:<64 hex>"`, or null when no signal carries provenance
 * @throws ProvenanceError `PROV-001` when `signals` is not a plain object; `PROV-002` when a
 *   provenance record is malformed
 * @throws CanonicalizationError `CANONICAL-` codes when a record is not plain JSON
 */
export function hashSignalProvenance(
  signals: GovernedSignalMap | Record<string, unknown>,
): string | null {
  try {
    const keys = signalMapKeys(signals, "hashSignalProvenance");
    const input = signals as Record<string, unknown>;
    const layer: Record<string, unknown> = {};
    let count = 0;
    for (const key of keys) {
      const reading = readSignalProvenance(input[key]);
      if (reading.kind === "malformed") {
        throw new ProvenanceError(
          "PROV-002",
          `hashSignalProvenance: signal ${JSON.stringify(key)}: ${reading.problem}`,
          {
            details: { signal: key, problem: reading.problem },
          },
        );
      }
      if (reading.kind !== "present") continue;
      assertSignalProvenance(
        reading.provenance,
        `hashSignalProvenance: signal ${JSON.stringify(key)}`,
      );
      defineDataProperty(
        layer,
        key,
        withoutUndefinedMembers(reading.provenance as unknown as Record<string, unknown>),
      );
      count++;
    }
    return count === 0 ? null : canonicalHash(layer);
  } catch (error) {
    throw codedInputError(error, ProvenanceError, "PROV-001", "hashSignalProvenance");
  }
}

/**
 * Backward-compatible alias of {@link hashSignalProvenance}.
 *
 * @param signals - signal name to governed signal or plain value
 * @returns `"sha256:<64 hex>"`, or null when no signal carries provenance
 * @throws ProvenanceError as {@link hashSignalProvenance}
 */
export function hashProvenanceSummary(
  signals: GovernedSignalMap | Record<string, unknown>,
): string | null {
  return hashSignalProvenance(signals);
}
