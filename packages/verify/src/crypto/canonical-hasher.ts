import { canonicalize, type CanonicalHashFunction } from "@parmanasystems/core/portable";
import { sha256Hex } from "./subtle.js";

/**
 * Core's checks hash synchronously; WebCrypto digests asynchronously. So the values a check will
 * hash are digested first, and the check gets a synchronous `canonicalHash` that looks them up.
 * It canonicalises again on each call, so a value that is not plain JSON throws the very error
 * core's own `canonicalHash` would.
 *
 * @param values - every value the check may hash (values that are not plain JSON are skipped)
 * @returns `canonicalHash(value)`: `"sha256:<hex>"` of a prepared value
 * @internal
 */
export async function prepareCanonicalHash(
  values: readonly unknown[],
): Promise<CanonicalHashFunction> {
  const digests = new Map<string, string>();
  for (const value of values) {
    let text: string;
    try {
      text = canonicalize(value);
    } catch {
      continue; // the check meets the same error and reports it
    }
    if (!digests.has(text)) digests.set(text, await sha256Hex(text));
  }
  return (value: unknown): string => {
    const digest = digests.get(canonicalize(value));
    // Reaching this means a check hashed a value nobody prepared: a bug here, not bad input.
    if (digest === undefined) throw new Error("@parmanasystems/verify: a digest was not prepared");
    return `sha256:${digest}`;
  };
}
