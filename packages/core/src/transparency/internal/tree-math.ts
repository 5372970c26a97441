// Index arithmetic for trees of up to 2^53 - 1 leaves. Plain division, not bitwise operators:
// JavaScript's bitwise operators truncate to 32 bits, and a log may outgrow that.

/** Byte length of every hash in the log (SHA-256). */
export const MERKLE_HASH_SIZE = 32;

/** True for a safe non-negative integer (a tree size or leaf index). */
export function isTreeCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

export function isOdd(value: number): boolean {
  return value % 2 === 1;
}

export function half(value: number): number {
  return Math.floor(value / 2);
}

/** Largest power of two strictly below n (`n >= 2`): RFC 9162's split point k. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && largestPowerOfTwoBelow(n * 2) === n;
}
