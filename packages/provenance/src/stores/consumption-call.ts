import type { Clock } from "@parmanasystems/core";
import { ProvenanceError } from "@parmanasystems/core";
import { readClockInstant } from "@parmanasystems/core/internal";
import { inspectExecutionAuthority } from "../authority/inspect-execution-authority.js";
import type { ExecutionAuthority } from "../authority/execution-authority.types.js";
import type { ConsumptionResult } from "../consumption/consumption.types.js";
import {
  describeKind,
  isPlainRecord,
  isSha256Hash,
  isStorableText,
  ownValue,
  parseUtcTimestamp,
} from "../internal/lifecycle-guards.js";

// The consumption stores implement two interfaces of the product page with one `consume`
// method, told apart by arity: `consume(authority, consumerIdentity)` (AuthorityConsumptionStore,
// resolves a boolean) and `consume({ authorityHash, executionId, consumerIdentity, consumedAt })`
// (ExecutionConsumptionStore, resolves a ConsumptionResult). Both write the same record, keyed by
// authorityHash, so an authority consumed through one form is consumed for the other.

/** The record every consumption store keeps per authority hash. */
export interface StoredConsumption {
  authorityHash: string;
  executionId: string;
  consumerIdentity: string;
  consumedAt: string;
  /** Present when consumed through the authority form. */
  nonce?: string;
  /** Present when consumed through the authority form. */
  expiresAt?: string;
}

/** A consume call, classified. */
export type ConsumptionCall =
  | {
      readonly form: "authority";
      readonly record?: StoredConsumption;
      readonly expiresAtMs?: number;
    }
  | { readonly form: "record"; readonly record?: StoredConsumption };

/** Reads a store clock as epoch milliseconds; undefined when it misbehaves (fail closed). */
export function readStoreClock(clock: Clock | undefined): number | undefined {
  try {
    return readClockInstant(clock, "date-or-epoch-ms");
  } catch {
    return undefined;
  }
}

/**
 * Classifies a consume call and builds the record to store. `record` is absent when the call
 * must be refused: malformed or tampered authority, consumer other than the authority's
 * executor, authority expired by the store's clock, malformed record input.
 */
export function classifyConsumption(
  args: readonly unknown[],
  now: number | undefined,
): ConsumptionCall {
  if (args.length >= 2) {
    const [authority, consumerIdentity] = args;
    const inspection = inspectExecutionAuthority(authority);
    const intact = inspection.authority;
    if (
      intact === undefined ||
      inspection.problems.length > 0 ||
      !isStorableText(consumerIdentity) ||
      consumerIdentity !== intact.executorIdentity ||
      now === undefined ||
      now >= (inspection.expiresAtMs as number)
    ) {
      return { form: "authority" };
    }
    return {
      form: "authority",
      expiresAtMs: inspection.expiresAtMs as number,
      record: {
        authorityHash: intact.authorityHash,
        executionId: intact.executionId,
        consumerIdentity,
        consumedAt: new Date(now).toISOString(),
        nonce: intact.nonce,
        expiresAt: intact.expiresAt,
      },
    };
  }
  const input = args[0];
  if (!isPlainRecord(input)) return { form: "record" };
  const authorityHash = ownValue(input, "authorityHash");
  const executionId = ownValue(input, "executionId");
  const consumerIdentity = ownValue(input, "consumerIdentity");
  const consumedAt = ownValue(input, "consumedAt");
  if (
    !isSha256Hash(authorityHash) ||
    !isStorableText(executionId) ||
    !isStorableText(consumerIdentity) ||
    parseUtcTimestamp(consumedAt) === undefined
  ) {
    return { form: "record" };
  }
  return {
    form: "record",
    record: { authorityHash, executionId, consumerIdentity, consumedAt: consumedAt as string },
  };
}

/** The public view of a stored record. */
export function toConsumptionResult(
  record: Pick<StoredConsumption, "consumedAt" | "consumerIdentity">,
  consumed: boolean,
): ConsumptionResult {
  return { consumed, consumedAt: record.consumedAt, consumerIdentity: record.consumerIdentity };
}

/**
 * The authority hash of a `get` call.
 *
 * @throws ProvenanceError `PROV-033` when it is not a `sha256:` hash
 */
export function requireAuthorityHash(authorityHash: unknown, functionName: string): string {
  if (!isSha256Hash(authorityHash)) {
    throw new ProvenanceError(
      "PROV-033",
      `${functionName}: authorityHash must be a sha256: hash, got ${describeKind(authorityHash)}`,
    );
  }
  return authorityHash;
}

/** The intact authority whose status is asked, or undefined when it is malformed or tampered ("invalid"). */
export function authorityForStatus(
  authority: unknown,
): { authority: ExecutionAuthority; expiresAtMs: number } | undefined {
  const inspection = inspectExecutionAuthority(authority);
  if (inspection.authority === undefined || inspection.problems.length > 0) return undefined;
  return { authority: inspection.authority, expiresAtMs: inspection.expiresAtMs as number };
}

/**
 * The store clock's reading for a status query.
 *
 * @throws ProvenanceError `PROV-021` when the injected clock misbehaves
 */
export function requireStoreClock(clock: Clock | undefined, functionName: string): number {
  const now = readStoreClock(clock);
  if (now === undefined)
    throw new ProvenanceError(
      "PROV-021",
      `${functionName}: the store clock returned an invalid time`,
    );
  return now;
}

/** Parses a stored JSON record; undefined when it is unreadable. */
export function parseStoredConsumption(text: unknown): StoredConsumption | undefined {
  if (typeof text !== "string") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainRecord(value)) return undefined;
  const consumedAt = ownValue(value, "consumedAt");
  const consumerIdentity = ownValue(value, "consumerIdentity");
  const authorityHash = ownValue(value, "authorityHash");
  const executionId = ownValue(value, "executionId");
  if (
    typeof consumedAt !== "string" ||
    typeof consumerIdentity !== "string" ||
    typeof authorityHash !== "string" ||
    typeof executionId !== "string"
  ) {
    return undefined;
  }
  return { authorityHash, executionId, consumerIdentity, consumedAt };
}
