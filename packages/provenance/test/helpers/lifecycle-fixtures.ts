import { createHash, type KeyObject } from "node:crypto";
import { canonicalize, SIGNING_DOMAINS } from "@parmanasystems/core";
import {
  createExecutionAuthority,
  createLineageEvent,
  signGovernancePayload,
  type ConsumptionResult,
  type ExecutionAuthority,
  type ExecutionConsumptionStore,
  type GovernanceProofBundle,
  type LineageEvent,
} from "@parmanasystems/provenance";

/** Fixed instants; lifecycle tests never read the wall clock. */
export const L0 = "2024-05-01T10:00:00.000Z";
export const L1 = "2024-05-01T10:01:00.000Z";
export const L2 = "2024-05-01T10:02:00.000Z";
export const L3 = "2024-05-01T10:03:00.000Z";
export const L4 = "2024-05-01T10:04:00.000Z";
export const L5 = "2024-05-01T10:05:00.000Z";

export const EXECUTION_ID = "loan-42";
export const ATTESTATION: string = `sha256:${"a1".repeat(32)}`;

/** SHA-256 hex straight from node:crypto: an expectation independent of core's hashing helpers. */
export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** One step of a lineage: type, payload and time. */
export interface LineageStep {
  type: string;
  payload: unknown;
  timestamp: string;
  metadata?: Record<string, unknown>;
}

/** The happy path of one governed execution, in order. */
export function happySteps(): LineageStep[] {
  const metadata = { executionId: EXECUTION_ID, attestationHash: ATTESTATION };
  return [
    {
      type: "provenance_recorded",
      payload: { signal: "monthly_income", source: "AccountAggregator" },
      timestamp: L0,
      metadata,
    },
    {
      type: "decision_authorized",
      payload: { attestationHash: ATTESTATION, action: "disburse_loan" },
      timestamp: L1,
      metadata,
    },
    {
      type: "authority_issued",
      payload: { executorIdentity: "disbursement-service" },
      timestamp: L2,
      metadata,
    },
    {
      type: "execution_reported",
      payload: { outcome: "success", amount: 500000 },
      timestamp: L3,
      metadata,
    },
    {
      type: "execution_reconciled",
      payload: { match: true, mismatches: [] },
      timestamp: L4,
      metadata,
    },
  ];
}

/** Builds a hash-linked chain from steps. */
export function chainOf(steps: readonly LineageStep[]): LineageEvent[] {
  const events: LineageEvent[] = [];
  for (const step of steps) {
    events.push(
      createLineageEvent({
        type: step.type,
        payload: step.payload,
        previousHash: events.at(-1)?.lineageHash ?? null,
        timestamp: step.timestamp,
        ...(step.metadata === undefined ? {} : { metadata: step.metadata }),
      }),
    );
  }
  return events;
}

/** The happy-path lineage. */
export function happyLineage(): LineageEvent[] {
  return chainOf(happySteps());
}

/** `T` with every `readonly` removed, at every depth: what a tamper test may edit. */
export type Tamperable<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? Tamperable<E>[]
    : T extends object
      ? { -readonly [K in keyof T]: Tamperable<T[K]> }
      : T;

/** A deep copy, for tampering without touching the original (so its members are writable). */
export function copy<T>(value: T): Tamperable<T> {
  return structuredClone(value) as Tamperable<T>;
}

/** A different value of the same kind, for tamper tests. */
export function altered(value: unknown): unknown {
  if (value === null) return `sha256:${"0".repeat(64)}`;
  if (typeof value === "string") {
    if (/^sha256:[0-9a-f]{64}$/.test(value))
      return value.slice(0, -1) + (value.endsWith("0") ? "1" : "0");
    if (/^\d{4}-\d{2}-\d{2}T/.test(value))
      return value.replace(
        /\.(\d{3})Z$/,
        (_m, ms: string) => `.${String((Number(ms) + 1) % 1000).padStart(3, "0")}Z`,
      );
    return `${value}x`;
  }
  if (typeof value === "number") return value + 1;
  if (typeof value === "boolean") return !value;
  if (Array.isArray(value)) return [...value, value[0] ?? "extra"];
  if (typeof value === "object") return { ...(value as object), tampered: true };
  return "tampered";
}

/** Values no public function should crash on (noble-style hostile table). */
export function hostileValues(): { name: string; value: unknown }[] {
  const cyclic: Record<string, unknown> = {};
  cyclic["self"] = cyclic;
  class Custom {
    readonly value = 1;
  }
  const withGetter = Object.defineProperty({}, "type", {
    enumerable: true,
    get() {
      throw new Error("getter ran");
    },
  });
  return [
    { name: "undefined", value: undefined },
    { name: "null", value: null },
    { name: "NaN", value: Number.NaN },
    { name: "bigint", value: 10n },
    { name: "string", value: "event" },
    { name: "symbol", value: Symbol("x") },
    { name: "function", value: () => 1 },
    { name: "array", value: [1, 2] },
    { name: "class instance", value: new Custom() },
    { name: "Map", value: new Map([["type", "x"]]) },
    { name: "Date", value: new Date(0) },
    { name: "cycle", value: cyclic },
    { name: "fake typed array", value: { length: 32, byteLength: 32, buffer: {} } },
    { name: "throwing getter", value: withGetter },
    { name: "lone surrogate string", value: "\ud800" },
  ];
}

export const AUTHORITY_ISSUED = "2024-05-01T10:00:00.000Z";
export const AUTHORITY_EXPIRES = "2024-05-01T10:05:00.000Z";
export const EXECUTOR = "disbursement-service";

/** A five-minute authority of {@link EXECUTOR} for `executionId`, issued at AUTHORITY_ISSUED. */
export function testAuthority(executionId: string = EXECUTION_ID): ExecutionAuthority {
  return createExecutionAuthority({
    executionId,
    attestationHash: ATTESTATION,
    authorizedAction: "disburse_loan",
    authorizedParameters: { amount: 500000 },
    executorIdentity: EXECUTOR,
    ttlSeconds: 300,
    issuedAt: AUTHORITY_ISSUED,
  });
}

/**
 * `count` concurrent record-form consumptions of `authority`, each by its own consumer
 * (`svc-0`, `svc-1`, ...) at `consumedAt`: the results and the winning ones.
 */
export async function raceRecordFormConsumers(
  store: ExecutionConsumptionStore,
  authority: ExecutionAuthority,
  count: number,
  consumedAt: string,
): Promise<{ results: ConsumptionResult[]; winners: ConsumptionResult[] }> {
  const results = await Promise.all(
    Array.from({ length: count }, (_v, index) =>
      store.consume({
        authorityHash: authority.authorityHash,
        executionId: authority.executionId,
        consumerIdentity: `svc-${index}`,
        consumedAt,
      }),
    ),
  );
  return { results, winners: results.filter((result) => result.consumed) };
}

/**
 * Signs arbitrary bundle content with a real key, recomputing `manifestHash` from the documented
 * formula: what a buggy or malicious holder of the governance key could produce. Used to isolate
 * each check of `verifyGovernanceProof`.
 */
export function forgeProofBundle(
  content: {
    schemaVersion: string;
    generatedAt: string;
    lineage: unknown;
    replay: unknown;
    replayHash: string;
  },
  privateKey: KeyObject,
  keyId: string,
): GovernanceProofBundle {
  const manifestHash = `sha256:${sha256(
    canonicalize({
      domain: "PARMANA_PROOF_BUNDLE_V1",
      payload: { manifest: content },
    }),
  )}`;
  const signature = signGovernancePayload({
    payload: canonicalize({
      schemaVersion: content.schemaVersion,
      generatedAt: content.generatedAt,
      replayHash: content.replayHash,
      manifestHash,
    }),
    privateKey,
    keyId,
    domain: SIGNING_DOMAINS.proofBundle,
  });
  return { ...content, manifestHash, signature } as GovernanceProofBundle;
}
