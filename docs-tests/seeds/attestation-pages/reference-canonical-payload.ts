import { canonicalizeForSigning, SIGNING_DOMAINS } from "@parmanasystems/core";

const canonical = canonicalizeForSigning(token, SIGNING_DOMAINS.token);
// Returns a deterministic JSON string with sorted keys and a domain separator prefix
