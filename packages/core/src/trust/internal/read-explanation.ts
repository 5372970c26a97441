import { describeUntrusted as describe, messageOf } from "../../internal/type-checks.js";

/**
 * A trust-root verifier's verdict, read defensively: only `valid === true` passes, a throwing
 * `explain` (or a throwing getter on its answer) becomes an `[INV-VERIFY-003]` error, and the code
 * shown is the verdict's only when it looks like one. Used by `verifyAttestation` and
 * `verifyBundle`.
 *
 * @param explain - calls the verifier's `explain`
 * @returns `{ valid: true }`, or the `[CODE] reason` error to report
 */
export function readExplanation(
  explain: () => unknown,
): { valid: true } | { valid: false; error: string } {
  try {
    const verdict = explain() as { valid?: unknown; code?: unknown; reason?: unknown } | null;
    if (typeof verdict !== "object" || verdict === null) {
      return {
        valid: false,
        error: `[INV-VERIFY-003] the trust-root verifier answered ${describe(verdict)} instead of a verdict`,
      };
    }
    if (verdict.valid === true) return { valid: true };
    const code =
      typeof verdict.code === "string" && /^[A-Z]+(?:-[A-Z]+)*-\d{3}$/.test(verdict.code)
        ? verdict.code
        : "TRUST-026";
    const reason =
      typeof verdict.reason === "string" ? verdict.reason : "the signature does not verify";
    return {
      valid: false,
      error:
        verdict.valid === false
          ? `[${code}] ${reason}`
          : `[INV-VERIFY-003] the trust-root verifier answered valid: ${describe(verdict.valid)} instead of a boolean`,
    };
  } catch (error) {
    return {
      valid: false,
      error: `[INV-VERIFY-003] the trust-root verifier threw: ${messageOf(error)}`,
    };
  }
}
