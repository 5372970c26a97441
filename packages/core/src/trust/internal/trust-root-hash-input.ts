// Platform-neutral (no node: import): shared as source with @parmanasystems/verify.
import type { TrustRoot } from "../trust-root.types.js";

/**
 * The value whose canonical hash names a trust root in rotation records: the root without its
 * `rotations` history (that history ends with the record naming this very hash).
 *
 * @internal
 */
export function trustRootHashInput(
  root: TrustRoot | Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const { rotations: _history, ...body } = root as Record<string, unknown>;
  return body;
}
