export { canonicalize, MAX_CANONICAL_DEPTH } from "./canonicalize.js";
export { SIGNING_DOMAINS, applySigningDomain, canonicalizeForSigning } from "./signing-domains.js";
export type { SigningDomain, SigningEnvelope } from "./signing-domains.js";
