/** Policy ids double as folder names, so they may not contain separators or start with a dot. */
const POLICY_ID = /^[a-z0-9][a-z0-9._-]*$/i;
const POLICY_ID_MAX_LENGTH = 128;

// semver.org 2.0.0, the recommended regular expression (numeric identifiers without leading zeros).
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const VERSION_MAX_LENGTH = 128;

/** Signal names are object keys read on every evaluation; `__proto__` is refused outright. */
const SIGNAL_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const SIGNAL_NAME_MAX_LENGTH = 128;

/** True when `value` is a policy id that is safe as a single folder name. */
export function isSafePolicyId(value: unknown): value is string {
  return typeof value === "string" && value.length <= POLICY_ID_MAX_LENGTH && POLICY_ID.test(value);
}

/** True when `value` is a semantic version string (and therefore a safe folder name). */
export function isSemver(value: unknown): value is string {
  return typeof value === "string" && value.length <= VERSION_MAX_LENGTH && SEMVER.test(value);
}

/** True when `value` may name a signal. */
export function isSignalName(value: string): boolean {
  return value.length <= SIGNAL_NAME_MAX_LENGTH && value !== "__proto__" && SIGNAL_NAME.test(value);
}
