export { sha256Hex, canonicalHash, prefixedSha256, SHA256_PREFIX } from "./sha256.js";
