// A small semver 2.0.0 parser and comparator: enough to order policy versions and compare
// runtime versions. Core has no dependencies, so no `semver` package.

/** A parsed semantic version. @internal */
export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: readonly (string | number)[];
}

const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** Parses `text` as semver 2.0.0, or returns undefined. @internal */
export function parseSemver(text: unknown): SemVer | undefined {
  if (typeof text !== "string") return undefined;
  const match = SEMVER_PATTERN.exec(text);
  if (match === null) return undefined;
  const numbers = [Number(match[1]), Number(match[2]), Number(match[3])] as const;
  if (!numbers.every(Number.isSafeInteger)) return undefined;
  const prerelease =
    match[4] === undefined
      ? []
      : match[4].split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return { major: numbers[0], minor: numbers[1], patch: numbers[2], prerelease };
}

/** True when `text` is a semver 2.0.0 version. @internal */
export function isSemver(text: unknown): text is string {
  return parseSemver(text) !== undefined;
}

/** Orders two parsed versions by semver precedence (build metadata ignored). @internal */
export function compareSemver(a: SemVer, b: SemVer): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  // A version without prerelease ranks above any prerelease of the same core version.
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return b.prerelease.length - a.prerelease.length === 0 ? 0 : a.prerelease.length === 0 ? 1 : -1;
  }
  const length = Math.max(a.prerelease.length, b.prerelease.length);
  for (let index = 0; index < length; index++) {
    const left = a.prerelease[index];
    const right = b.prerelease[index];
    if (left === undefined) return -1;
    if (right === undefined) return 1;
    if (left === right) continue;
    if (typeof left === "number" && typeof right === "number") return left < right ? -1 : 1;
    if (typeof left === "number") return -1;
    if (typeof right === "number") return 1;
    return left < right ? -1 : 1;
  }
  return 0;
}
