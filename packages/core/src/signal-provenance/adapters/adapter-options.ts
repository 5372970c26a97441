import { ProvenanceError } from "../../errors/parmana-error.js";
import { hashEvidencePayload } from "../hash-evidence.js";
import { hasOwn } from "../../internal/type-checks.js";
import { isStringKeyedRecord } from "../internal/records.js";
import { isIsoDateTime } from "../../internal/iso-date-time.js";

const PREFIXED_SHA256_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** Reads adapter options safely: own members only, after checking the options are an object. */
export class AdapterOptions {
  private readonly record: Record<string, unknown>;

  constructor(
    private readonly adapter: string,
    options: unknown,
  ) {
    if (!isStringKeyedRecord(options)) throw this.fail("options must be a plain object");
    this.record = options;
  }

  /** The member, or undefined when it is absent (inherited members are ignored). */
  read(key: string): unknown {
    return hasOwn(this.record, key) ? this.record[key] : undefined;
  }

  /** A required non-empty string member. */
  requiredString(key: string): string {
    const value = this.read(key);
    if (typeof value !== "string" || value.length === 0)
      throw this.fail(`${key} must be a non-empty string`);
    return value;
  }

  /** A required ISO-8601 date-time member (with a zone). */
  requiredTimestamp(key: string): string {
    const value = this.read(key);
    if (!isIsoDateTime(value))
      throw this.fail(`${key} must be an ISO-8601 date-time with a time zone`);
    return value;
  }

  /** An optional ISO-8601 date-time member. */
  optionalTimestamp(key: string): string | undefined {
    return this.read(key) === undefined ? undefined : this.requiredTimestamp(key);
  }

  /** An optional confidence score: a finite number from 0 to 1. */
  optionalConfidence(key: string): number | undefined {
    const value = this.read(key);
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1) {
      throw this.fail(`${key} must be a number from 0 to 1`);
    }
    return value;
  }

  /** An optional array of strings. */
  optionalStringList(key: string): string[] | undefined {
    const value = this.read(key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((step) => typeof step === "string")) {
      throw this.fail(`${key} must be an array of strings`);
    }
    return [...(value as string[])];
  }

  /**
   * The evidence hash from a pre-computed hash member and/or a raw evidence member. When both are
   * given they must agree (`PROV-008`); when neither is, the result is undefined.
   */
  evidenceHash(hashKey: string, rawKey: string): string | undefined {
    const given = this.read(hashKey);
    if (
      given !== undefined &&
      !(typeof given === "string" && PREFIXED_SHA256_PATTERN.test(given))
    ) {
      throw this.fail(
        `${hashKey} must be "sha256:" followed by 64 lowercase hex digits (use hashEvidencePayload)`,
      );
    }
    const raw = this.read(rawKey);
    if (raw === undefined) return given as string | undefined;
    const computed = hashEvidencePayload(raw);
    if (given !== undefined && given !== computed) {
      throw new ProvenanceError(
        "PROV-008",
        `${this.adapter}: ${hashKey} is not the hash of ${rawKey}`,
        {
          details: { adapter: this.adapter, given, computed },
        },
      );
    }
    return computed;
  }

  private fail(problem: string): ProvenanceError {
    return new ProvenanceError("PROV-007", `${this.adapter}: ${problem}`, {
      details: { adapter: this.adapter, problem },
    });
  }
}
