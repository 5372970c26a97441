/**
 * The version after `version`: its last run of digits plus one, keeping zero padding
 * (`"1"` → `"2"`, `"2026-01"` → `"2026-02"`, `"v9"` → `"v10"`). Undefined when there is no digit.
 *
 * @internal
 */
export function nextTrustRootVersion(version: string): string | undefined {
  const match = /^(.*?)(\d+)(\D*)$/.exec(version);
  if (match === null) return undefined;
  const digits = match[2] as string;
  const next = String(BigInt(digits) + 1n).padStart(digits.length, "0");
  return `${match[1] ?? ""}${next}${match[3] ?? ""}`;
}
