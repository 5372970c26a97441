import { ProvenanceError, canonicalize, isProvenanceTrustLevel } from "@parmanasystems/core";
import type { ParmanaErrorCodeOf, ProvenanceTrustLevel } from "@parmanasystems/core";
import { isStringKeyedRecord, ownMember } from "./plain-record.js";
import { isIsoDateTime } from "@parmanasystems/core/internal";

/** `sha256:` followed by 64 lowercase hex digits. */
export const PREFIXED_SHA256_PATTERN: RegExp = /^sha256:[0-9a-f]{64}$/;

/**
 * Reads members of an untrusted record and throws one coded {@link ProvenanceError} naming the
 * first problem. Only own members are read, so inherited properties (and `__proto__`) never
 * count as present.
 */
export class RecordReader {
  /** The checked record. */
  readonly record: Record<string, unknown>;

  /**
   * @param code - the PROV- code thrown for any problem
   * @param label - names the record in messages, e.g. `createExecutionReceipt: input`
   * @param value - the untrusted value
   * @throws ProvenanceError `code` when `value` is not a plain object
   */
  constructor(
    private readonly code: ParmanaErrorCodeOf<"PROV">,
    private readonly label: string,
    value: unknown,
  ) {
    if (!isStringKeyedRecord(value)) throw this.fail("must be a plain object");
    this.record = value;
  }

  /** The own member, or undefined. */
  read(key: string): unknown {
    return ownMember(this.record, key);
  }

  /** A required non-empty string. */
  string(key: string): string {
    const value = this.read(key);
    if (typeof value !== "string" || value.length === 0)
      throw this.fail(`${key} must be a non-empty string`);
    return value;
  }

  /** A required `"sha256:<64 hex>"` string. */
  hash(key: string): string {
    const value = this.read(key);
    if (typeof value !== "string" || !PREFIXED_SHA256_PATTERN.test(value)) {
      throw this.fail(`${key} must be "sha256:" followed by 64 lowercase hex digits`);
    }
    return value;
  }

  /** An optional `"sha256:<64 hex>"` string. */
  optionalHash(key: string): string | undefined {
    return this.read(key) === undefined ? undefined : this.hash(key);
  }

  /** A required ISO-8601 date-time with a zone. */
  timestamp(key: string): string {
    const value = this.read(key);
    if (!isIsoDateTime(value))
      throw this.fail(`${key} must be an ISO-8601 date-time with a time zone`);
    return value;
  }

  /** An optional ISO-8601 date-time with a zone. */
  optionalTimestamp(key: string): string | undefined {
    return this.read(key) === undefined ? undefined : this.timestamp(key);
  }

  /** A required boolean. */
  boolean(key: string): boolean {
    const value = this.read(key);
    if (typeof value !== "boolean") throw this.fail(`${key} must be a boolean`);
    return value;
  }

  /** An optional boolean. */
  optionalBoolean(key: string): boolean | undefined {
    return this.read(key) === undefined ? undefined : this.boolean(key);
  }

  /** A required member that is one of `allowed`. */
  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const value = this.read(key);
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
      throw this.fail(`${key} must be one of ${allowed.join(", ")}`);
    }
    return value as T;
  }

  /** An optional trust level, or null when the member is null. */
  optionalTrustLevel(key: string): ProvenanceTrustLevel | null | undefined {
    const value = this.read(key);
    if (value === undefined || value === null) return value;
    if (!isProvenanceTrustLevel(value)) throw this.fail(`${key} must be a trust level or null`);
    return value;
  }

  /** An optional plain-JSON object (checked by canonicalizing it). */
  optionalJsonObject(key: string): Record<string, unknown> | undefined {
    const value = this.read(key);
    if (value === undefined) return undefined;
    if (!isStringKeyedRecord(value)) throw this.fail(`${key} must be a plain object`);
    try {
      canonicalize(value);
    } catch (error) {
      throw this.fail(
        `${key} must be plain JSON (${error instanceof Error ? error.message : String(error)})`,
        error,
      );
    }
    return value;
  }

  /** An optional array of strings. */
  optionalStringArray(key: string): string[] | undefined {
    const value = this.read(key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
      throw this.fail(`${key} must be an array of strings`);
    }
    return [...(value as string[])];
  }

  /** A coded error about this record. */
  fail(problem: string, cause?: unknown): ProvenanceError {
    return new ProvenanceError(this.code, `${this.label} ${problem}`, {
      details: { problem },
      ...(cause === undefined ? {} : { cause }),
    });
  }
}
