import { RecordReader } from "../internal/record-reader.js";
import type { AuthorizedExecution } from "./gateway.types.js";

/**
 * Checks an untrusted value is a well-formed {@link AuthorizedExecution} and returns a copy with
 * the documented members only.
 *
 * @param value - the candidate
 * @param label - names it in messages
 * @returns the normalised authorized execution
 * @throws ProvenanceError `PROV-010` naming the first malformed member
 */
export function readAuthorizedExecution(value: unknown, label: string): AuthorizedExecution {
  const reader = new RecordReader("PROV-010", label, value);
  return {
    executionId: reader.string("executionId"),
    attestationHash: reader.string("attestationHash"),
    authorizedAction: reader.string("authorizedAction"),
    authorizedParametersHash: reader.hash("authorizedParametersHash"),
  };
}
