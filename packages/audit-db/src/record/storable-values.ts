import { canonicalize, ParmanaError, StoreError } from "@parmanasystems/core";

/** Default largest record (attestation plus signals, or one event) accepted: 1 MiB of JSON. */
export const DEFAULT_MAX_RECORD_BYTES: number = 1024 * 1024;

/**
 * The canonical JSON (RFC 8785) of what the caller passed, read once: getters run once,
 * prototypes and non-JSON values are refused with `code`.
 *
 * @param value - what the caller passed
 * @param what - its name for messages, e.g. "the attestation"
 * @param code - the code for a value that is not plain JSON
 * @returns the canonical text
 */
export function canonicalText(
  value: unknown,
  what: string,
  code: "STORE-052" | "STORE-053" | "STORE-054" | "STORE-056",
): string {
  try {
    return canonicalize(value);
  } catch (error) {
    throw new StoreError(
      code,
      `${what} is not plain JSON: ${error instanceof Error ? error.message : String(error)}; nothing was written`,
      {
        cause: error,
        details: ParmanaError.isInstance(error) ? { reason: error.code } : {},
      },
    );
  }
}

/**
 * A detached, plain-JSON copy of `value` made through the canonical form ({@link canonicalText}):
 * later changes to the caller's object cannot reach what was checked and stored.
 *
 * @param value - what the caller passed
 * @param what - its name for messages, e.g. "the attestation"
 * @param code - the code for a value that is not plain JSON
 * @returns the copy and its canonical text
 */
export function plainSnapshot(
  value: unknown,
  what: string,
  code: "STORE-052" | "STORE-053" | "STORE-054" | "STORE-056",
): { readonly value: unknown; readonly canonical: string } {
  const canonical = canonicalText(value, what, code);
  return { value: JSON.parse(canonical) as unknown, canonical };
}

/**
 * Refuses what Postgres cannot store or what is too large: a NUL character in any string or
 * member name (text and jsonb reject U+0000), or a record above `maxBytes` of canonical JSON.
 *
 * @param canonical - the record's canonical JSON
 * @param valueOf - the record as a value, asked for only to name where a NUL character is
 * @throws StoreError `STORE-055`
 */
export function assertStorable(
  canonical: string,
  valueOf: () => unknown,
  what: string,
  maxBytes: number,
): void {
  const bytes = Buffer.byteLength(canonical, "utf8");
  if (bytes > maxBytes) {
    throw new StoreError(
      "STORE-055",
      `${what} is ${bytes} bytes of JSON, above the limit of ${maxBytes} (maxRecordBytes); nothing was written`,
      { details: { bytes, maxRecordBytes: maxBytes } },
    );
  }
  // Canonical JSON escapes U+0000 as \u0000: without that text there is no NUL to look for
  // (the walk, which names the path, runs only then).
  const path = canonical.includes("\\u0000") ? findNul(valueOf(), "$") : undefined;
  if (path !== undefined) {
    throw new StoreError(
      "STORE-055",
      `${what} holds a NUL character (U+0000) at ${path}, which Postgres cannot store; nothing was written`,
      { details: { path } },
    );
  }
}

/** Same check for a single string column. */
export function assertStorableText(text: string, field: string): void {
  if (text.includes("\u0000")) {
    throw new StoreError(
      "STORE-055",
      `${field} holds a NUL character (U+0000), which Postgres cannot store; nothing was written`,
      { details: { path: field } },
    );
  }
}

function findNul(value: unknown, path: string): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findNul(value[index], `${path}[${index}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      const memberPath = `${path}[${JSON.stringify(key.replaceAll("\u0000", "\\u0000")).slice(0, 80)}]`;
      if (key.includes("\u0000")) return memberPath;
      const found = findNul(member, memberPath);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
