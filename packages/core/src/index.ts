export * from "./errors/index.js";
export * from "./canonical/index.js";
export * from "./hashing/index.js";
export * from "./crypto/index.js";
export * from "./provenance/index.js";
export * from "./replay/index.js";
export * from "./attestation/index.js";
export * from "./runtime/index.js";
