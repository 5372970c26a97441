import { canonicalHash } from "../hashing/sha256.js";
import { assertSignalProvenance } from "./assert-signal-provenance.js";
import { withoutUndefinedMembers } from "./internal/records.js";
import type { SignalProvenance } from "./provenance.types.js";

/**
 * Hashes one complete {@link SignalProvenance} record: `"sha256:"` + SHA-256 of its RFC 8785
 * canonical JSON, so member order never matters. Top-level members set to `undefined` hash like
 * absent ones.
 *
 * @param provenance - a well-formed provenance record
 * @returns `"sha256:<64 hex>"`
 * @throws ProvenanceError `PROV-002` when the record is malformed
 * @throws CanonicalizationError `CANONICAL-` codes when it is not plain JSON
 * @example
 * ```ts
 * hashProvenance(accountAggregatorProvenance({ consentId, fiuId, fetchedAt })); // "sha256:..."
 * ```
 */
export function hashProvenance(provenance: SignalProvenance): string {
  assertSignalProvenance(provenance, "hashProvenance");
  return canonicalHash(withoutUndefinedMembers(provenance as unknown as Record<string, unknown>));
}
