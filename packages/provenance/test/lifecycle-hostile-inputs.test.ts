// Hostile-input table for the lineage and authority lifecycle (noble-style): every public entry
// point, fed hostile values as a whole argument and in place of each field of a valid input,
// either throws a coded ParmanaError or reports failure. Never a TypeError, SyntaxError or
// RangeError, never a pass.
import { describe, expect, it } from "vitest";
import { ParmanaError, canonicalize, SIGNING_DOMAINS } from "@parmanasystems/core";
import * as provenance from "@parmanasystems/provenance";
import {
  InMemoryConsumptionStore,
  PostgresConsumptionStore,
  PostgresLineageStore,
  RedisConsumptionStore,
  consumeExecutionAuthority,
  createExecutionAuthority,
  createGovernanceProofBundle,
  createLineageEvent,
  evaluateExecutionGate,
  explainGovernance,
  exportPublicKey,
  generateAuditReport,
  generateGovernanceKeyPair,
  hashExecutionAuthority,
  importPublicKey,
  replayLineage,
  signGovernancePayload,
  verifyAuthorityConsumption,
  verifyExecutionAuthority,
  verifyGovernanceInvariants,
  verifyGovernanceProof,
  verifyGovernanceProofBundle,
  verifyGovernanceSignature,
  verifyLineageChain,
  verifyPersistedLineage,
} from "@parmanasystems/provenance";
import {
  ATTESTATION,
  AUTHORITY_ISSUED,
  EXECUTOR,
  L0,
  happyLineage,
  hostileValues,
} from "./helpers/lifecycle-fixtures.js";

const keys = generateGovernanceKeyPair();
const lineage = happyLineage();
const replay = replayLineage(lineage);
const bundle = createGovernanceProofBundle({
  lineage,
  replay,
  privateKey: keys.privateKey,
  keyId: "gov-1",
});
const authority = createExecutionAuthority({
  executionId: "loan-42",
  attestationHash: ATTESTATION,
  authorizedAction: "disburse_loan",
  authorizedParameters: { amount: 1 },
  executorIdentity: EXECUTOR,
  ttlSeconds: 300,
  issuedAt: AUTHORITY_ISSUED,
});
const payload = canonicalize({ a: 1 });
const signature = signGovernancePayload({
  payload,
  privateKey: keys.privateKey,
  keyId: "k",
  domain: SIGNING_DOMAINS.proofBundle,
});
const invariants = verifyGovernanceInvariants({ lineageEvents: lineage, replay });
const NOW = "2024-05-01T10:01:00.000Z";

/** What a call may do with hostile input. */
type Outcome = "throws-coded" | "reports";

/** Runs `call`; fails the test on an uncoded exception, returns the value (or undefined when it threw). */
async function settle(call: () => unknown): Promise<{ threw: boolean; value?: unknown }> {
  try {
    return { threw: false, value: await call() };
  } catch (error) {
    expect(
      ParmanaError.isInstance(error),
      `uncoded ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    ).toBe(true);
    expect((error as ParmanaError).code).toMatch(/^[A-Z]+-\d{3}$/);
    return { threw: true };
  }
}

/** True when a reporting function's result says "not valid / not allowed". */
function reportsFailure(value: unknown): boolean {
  if (value === false) return true;
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  if ("valid" in record) return record["valid"] === false;
  if ("allowed" in record) return record["allowed"] === false;
  if ("consumed" in record) return record["consumed"] === false;
  return false;
}

interface Entry {
  name: string;
  /** A valid object input whose fields are replaced one at a time; absent for non-object inputs. */
  base?: Record<string, unknown>;
  call: (input: unknown) => unknown;
  outcome: Outcome;
  /** Fields whose hostile replacement may still be acceptable (free-form JSON payloads). */
  free?: string[];
  /** Whole arguments that may be accepted (structural clients and option bags). */
  acceptable?: (value: unknown) => boolean;
}

const isObjectLike = (value: unknown): boolean => typeof value === "object" && value !== null;

const entries: Entry[] = [
  {
    name: "createLineageEvent",
    base: {
      type: "x",
      payload: { a: 1 },
      previousHash: null,
      timestamp: L0,
      metadata: { executionId: "e" },
    },
    call: (v) => createLineageEvent(v as never),
    outcome: "throws-coded",
    free: ["payload"],
  },
  { name: "verifyLineageChain", call: (v) => verifyLineageChain(v as never), outcome: "reports" },
  {
    name: "verifyLineageChain (as an event)",
    call: (v) => verifyLineageChain([v] as never),
    outcome: "reports",
  },
  { name: "replayLineage", call: (v) => replayLineage(v as never), outcome: "reports" },
  {
    name: "replayLineage (as an event)",
    call: (v) => replayLineage([lineage[0], v] as never),
    outcome: "reports",
  },
  {
    name: "createExecutionAuthority",
    base: {
      executionId: "e",
      attestationHash: ATTESTATION,
      authorizedAction: "a",
      authorizedParameters: { n: 1 },
      executorIdentity: EXECUTOR,
      ttlSeconds: 60,
      issuedAt: L0,
    },
    call: (v) => createExecutionAuthority(v as never),
    outcome: "throws-coded",
    free: ["authorizedParameters"],
  },
  {
    name: "verifyExecutionAuthority (authority)",
    base: { ...authority },
    call: (v) =>
      verifyExecutionAuthority(v as never, { executorIdentity: EXECUTOR, currentTime: NOW }),
    outcome: "reports",
  },
  {
    name: "verifyExecutionAuthority (input)",
    base: { executorIdentity: EXECUTOR, currentTime: NOW },
    call: (v) => verifyExecutionAuthority(authority, v as never),
    outcome: "reports",
  },
  {
    name: "hashExecutionAuthority",
    base: { ...authority },
    call: (v) => hashExecutionAuthority(v as never),
    outcome: "throws-coded",
    free: ["authorityHash"],
  },
  {
    name: "consumeExecutionAuthority",
    base: {
      authority,
      consumerIdentity: EXECUTOR,
      store: new InMemoryConsumptionStore(),
      currentTime: NOW,
    },
    call: (v) => consumeExecutionAuthority(v as never),
    outcome: "reports",
  },
  {
    name: "verifyAuthorityConsumption",
    base: {
      authority,
      consumerIdentity: EXECUTOR,
      store: new InMemoryConsumptionStore(),
      currentTime: NOW,
    },
    call: (v) => verifyAuthorityConsumption(v as never),
    outcome: "reports",
  },
  {
    name: "evaluateExecutionGate",
    base: {
      authority: { valid: true, reasons: [] },
      consumption: { allowed: true, reasons: [], status: "available" },
    },
    call: (v) => evaluateExecutionGate(v as never),
    outcome: "reports",
  },
  {
    name: "verifyGovernanceInvariants",
    base: { lineageEvents: lineage, replay },
    call: (v) => verifyGovernanceInvariants(v as never),
    outcome: "reports",
  },
  {
    name: "explainGovernance",
    base: { replay, invariants },
    call: (v) => explainGovernance(v as never),
    outcome: "throws-coded",
  },
  {
    name: "signGovernancePayload",
    base: { payload, privateKey: keys.privateKey, keyId: "k" },
    call: (v) => signGovernancePayload(v as never),
    outcome: "throws-coded",
  },
  {
    name: "verifyGovernanceSignature",
    base: { payload, signature, publicKey: keys.publicKey },
    call: (v) => verifyGovernanceSignature(v as never),
    outcome: "reports",
  },
  { name: "exportPublicKey", call: (v) => exportPublicKey(v as never), outcome: "throws-coded" },
  { name: "importPublicKey", call: (v) => importPublicKey(v as never), outcome: "throws-coded" },
  {
    name: "createGovernanceProofBundle",
    base: { lineage, replay, privateKey: keys.privateKey, keyId: "k" },
    call: (v) => createGovernanceProofBundle(v as never),
    outcome: "throws-coded",
  },
  {
    name: "verifyGovernanceProofBundle",
    base: { bundle, publicKey: keys.publicKey },
    call: (v) => verifyGovernanceProofBundle(v as never),
    outcome: "reports",
  },
  {
    name: "verifyGovernanceProofBundle (bundle fields)",
    base: { ...bundle },
    call: (v) => verifyGovernanceProofBundle({ bundle: v as never, publicKey: keys.publicKey }),
    outcome: "reports",
  },
  {
    name: "verifyGovernanceProof",
    base: { bundle, publicKey: keys.publicKey },
    call: (v) => verifyGovernanceProof(v as never),
    outcome: "reports",
  },
  {
    name: "verifyGovernanceProof (bundle fields)",
    base: { ...bundle },
    call: (v) => verifyGovernanceProof({ bundle: v as never, publicKey: keys.publicKey }),
    outcome: "reports",
  },
  {
    name: "generateAuditReport",
    base: { lineage, replay },
    call: (v) => generateAuditReport(v as never),
    outcome: "throws-coded",
  },
  {
    name: "verifyPersistedLineage",
    call: (v) => verifyPersistedLineage(v as never),
    outcome: "reports",
  },
  // Any plain option bag without a malformed clock is fine; a Map has set/get and is structurally a
  // client (it then fails closed: its replies are never "OK").
  {
    name: "new InMemoryConsumptionStore",
    call: (v) => new InMemoryConsumptionStore(v as never),
    outcome: "throws-coded",
    acceptable: (v) => v === undefined || isObjectLike(v),
  },
  {
    name: "new RedisConsumptionStore",
    call: (v) => new RedisConsumptionStore(v as never),
    outcome: "throws-coded",
    acceptable: (v) => v instanceof Map,
  },
  {
    name: "new PostgresLineageStore",
    call: (v) => new PostgresLineageStore(v as never),
    outcome: "throws-coded",
  },
  {
    name: "new PostgresConsumptionStore",
    call: (v) => new PostgresConsumptionStore(v as never),
    outcome: "throws-coded",
  },
  {
    name: "InMemoryConsumptionStore.consume (record)",
    base: {
      authorityHash: authority.authorityHash,
      executionId: "e",
      consumerIdentity: "c",
      consumedAt: NOW,
    },
    call: (v) => new InMemoryConsumptionStore().consume(v as never),
    outcome: "reports",
  },
  {
    name: "InMemoryConsumptionStore.consume (authority)",
    base: { ...authority },
    call: (v) =>
      new InMemoryConsumptionStore({ clock: () => Date.parse(NOW) }).consume(v as never, EXECUTOR),
    outcome: "reports",
  },
  {
    name: "InMemoryConsumptionStore.get",
    call: (v) => new InMemoryConsumptionStore().get(v as never),
    outcome: "throws-coded",
  },
  {
    name: "PostgresLineageStore.append",
    base: { ...lineage[0]! },
    call: (v) => new PostgresLineageStore({ query: async () => ({ rows: [] }) }).append(v as never),
    outcome: "throws-coded",
  },
];

const hostile = hostileValues();

describe("hostile inputs to the lifecycle API", () => {
  it("covers every function this part of the package exports", () => {
    const covered = new Set(
      entries.map((entry) => entry.name.replace(/^new /, "").split(/[ .]/)[0]),
    );
    for (const name of [
      "createLineageEvent",
      "verifyLineageChain",
      "replayLineage",
      "createExecutionAuthority",
      "verifyExecutionAuthority",
      "hashExecutionAuthority",
      "consumeExecutionAuthority",
      "verifyAuthorityConsumption",
      "evaluateExecutionGate",
      "verifyGovernanceInvariants",
      "explainGovernance",
      "signGovernancePayload",
      "verifyGovernanceSignature",
      "exportPublicKey",
      "importPublicKey",
      "createGovernanceProofBundle",
      "verifyGovernanceProofBundle",
      "verifyGovernanceProof",
      "generateAuditReport",
      "verifyPersistedLineage",
      "InMemoryConsumptionStore",
      "RedisConsumptionStore",
      "PostgresLineageStore",
      "PostgresConsumptionStore",
    ]) {
      expect(covered.has(name), name).toBe(true);
      expect(typeof (provenance as Record<string, unknown>)[name]).toBe("function");
    }
    // generateGovernanceKeyPair takes no input.
  });

  for (const entry of entries) {
    it(`${entry.name}: a hostile whole argument`, async () => {
      for (const { name, value } of hostile) {
        const result = await settle(() => entry.call(value));
        if (!result.threw && entry.outcome === "reports")
          expect(reportsFailure(result.value), `${entry.name}(${name})`).toBe(true);
        if (!result.threw && entry.outcome === "throws-coded") {
          expect(entry.acceptable?.(value) ?? false, `${entry.name}(${name}) accepted`).toBe(true);
        }
      }
    });

    const base = entry.base;
    if (base !== undefined) {
      it(`${entry.name}: a hostile value in each field`, async () => {
        for (const field of Object.keys(base)) {
          for (const { name, value } of hostile) {
            const result = await settle(() => entry.call({ ...base, [field]: value }));
            if (result.threw || entry.free?.includes(field)) continue;
            // A value of the field's own kind (a well-formed string for a string field) may be legal;
            // the uncoded-exception check above still applies to it.
            if (typeof value === typeof base[field] && value !== "\ud800") continue;
            if (entry.outcome === "reports") {
              // Optional fields may legitimately be absent (undefined).
              if (
                value === undefined &&
                ["currentTime", "metadata", "admissibility", "invariants"].includes(field)
              )
                continue;
              expect(reportsFailure(result.value), `${entry.name} with ${field} = ${name}`).toBe(
                true,
              );
            } else if (!(
              value === undefined &&
              ["timestamp", "metadata", "generatedAt", "domain"].includes(field)
            )) {
              expect.fail(`${entry.name} accepted ${field} = ${name}`);
            }
          }
        }
      });
    }
  }
});
