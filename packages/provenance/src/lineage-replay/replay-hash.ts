import { SIGNING_DOMAINS } from "@parmanasystems/core";
import { domainHash } from "../internal/domain-hash.js";
import type { ReplayState } from "./replay.types.js";

/**
 * `replayHash = "sha256:" + hex(SHA-256(JCS({ domain: "PARMANA_LINEAGE_V1", payload: { replay: { valid, state } } })))`.
 * The `replay` wrapper keeps it apart from lineage event hashes under the same domain; `errors`
 * are left out so message wording never changes a hash.
 */
export function computeReplayHash(valid: boolean, state: ReplayState): string {
  return domainHash({ replay: { valid, state } }, SIGNING_DOMAINS.lineage);
}
