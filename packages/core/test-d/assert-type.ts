// Compile-time assertions for the *.test-d.ts files: they are checked by `tsc -p
// packages/core/test-d` (part of `pnpm typecheck`) and never run.

/** True when `A` and `B` are the same type (not merely assignable one way). */
export type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `Actual` is exactly `Expected`. */
export function expectType<Expected>(): <Actual>(
  value: Actual,
  ...check: Equal<Actual, Expected> extends true ? [] : [never]
) => void {
  return () => undefined;
}
