// Platform-neutral (no node: import): trust-root, runtime-manifest and bundle-manifest checks all
// read `"sha256:<hex>"` fields, and the portable verifier bundles those checks from source.
const PREFIXED_HASH = /^sha256:[0-9a-f]{64}$/;

/** True for `"sha256:<64 lowercase hex>"`. @internal */
export function isPrefixedHash(value: unknown): value is string {
  return typeof value === "string" && PREFIXED_HASH.test(value);
}
