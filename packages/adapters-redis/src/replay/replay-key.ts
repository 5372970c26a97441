import { InvariantError, StoreError } from "@parmanasystems/core";
import { describeValueRedacted } from "@parmanasystems/core/internal";

/**
 * Longest replay key, in UTF-8 bytes (a policyId, a colon and an executionId fit easily); longer
 * keys are `INV-REPLAY-004`.
 *
 * @example
 * ```ts
 * if (Buffer.byteLength(executionId, "utf8") > MAX_REPLAY_KEY_BYTES - policyId.length - 1) reject();
 * ```
 */
export const MAX_REPLAY_KEY_BYTES = 1024;

/** Longest reservation token accepted back (ours are 22 characters). */
const MAX_TOKEN_LENGTH = 128;

/**
 * Checks a replay key before anything is sent: a non-empty, well-formed string of at most
 * {@link MAX_REPLAY_KEY_BYTES} UTF-8 bytes. A lone surrogate would be encoded as U+FFFD, so two
 * different keys could share one Redis key; refusing it keeps keys distinct.
 *
 * @throws InvariantError `INV-REPLAY-004`
 */
export function checkReplayKey(key: unknown): asserts key is string {
  let problem: string | undefined;
  if (typeof key !== "string" || key.length === 0)
    problem = `must be a non-empty string, got ${describeValueRedacted(key)}`;
  else if (!key.isWellFormed()) problem = "must be well-formed Unicode (it has a lone surrogate)";
  // A UTF-16 code unit is at most 3 UTF-8 bytes: short keys need no byte count.
  else if (
    key.length * 3 > MAX_REPLAY_KEY_BYTES &&
    Buffer.byteLength(key, "utf8") > MAX_REPLAY_KEY_BYTES
  )
    problem = `must be at most ${MAX_REPLAY_KEY_BYTES} UTF-8 bytes, got ${Buffer.byteLength(key, "utf8")}`;
  if (problem !== undefined) {
    throw new InvariantError("INV-REPLAY-004", `replay key ${problem}`, {
      details: { maxBytes: MAX_REPLAY_KEY_BYTES },
    });
  }
}

/**
 * Reads the token given to `confirm`/`release`: `undefined` is the documented token-less form;
 * anything else must be a token as `reserve` returns them. An empty string must never reach the
 * scripts, where it means "any reservation".
 *
 * @returns the token, or `""` for the token-less form
 * @throws StoreError `STORE-020`
 */
export function readToken(token: unknown, operation: string): string {
  if (token === undefined) return "";
  if (typeof token !== "string" || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
    throw new StoreError(
      "STORE-020",
      `RedisReplayStore.${operation}: the reservation token must be the string reserve returned, got ${describeValueRedacted(token)}`,
      { details: { operation } },
    );
  }
  return token;
}
