import { fileURLToPath } from "node:url";

/** Folder of the fixture policies (`{policyId}/{policyVersion}/policy.json`). */
export const FIXTURE_POLICIES_ROOT: string = fileURLToPath(
  new URL("../../fixtures/policies/", import.meta.url),
);

/** A mutable JSON object, for crafting broken policies. */
// `any` lets a test reach any depth of a policy to break it, without a cast at every step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/**
 * A valid policy declaring one signal of each type, with one ordinary rule and a catch-all.
 * Every call returns a fresh object, so tests may mutate it.
 */
export function samplePolicy(): Json {
  return {
    policyId: "sample-policy",
    policyVersion: "1.0.0",
    schemaVersion: "1.0.0",
    description: "Every signal type.",
    signalsSchema: {
      score: { type: "integer" },
      amount: { type: "number" },
      active: { type: "boolean" },
      name: { type: "string" },
      tier: { type: "enum", values: ["gold", "silver", "bronze"] },
    },
    rules: [
      {
        id: "approve-high",
        condition: { signal: "score", greater_than_or_equal: 700 },
        outcome: { action: "approve", requires_override: false, reason: "High score." },
      },
      {
        id: "fallback",
        condition: { all: [] },
        outcome: { action: "reject", requires_override: false, reason: "Fallback." },
      },
    ],
  };
}

/** Valid signals for {@link samplePolicy}. */
export function sampleSignals(): Json {
  return { score: 720, amount: 1500.5, active: true, name: "Asha", tier: "gold" };
}

/** A policy with `signalsSchema` of {@link samplePolicy} and the given rules. */
export function policyWithRules(rules: unknown[]): Json {
  return { ...samplePolicy(), rules };
}

/** A rule with the given condition and a fixed outcome (`action` defaults to the id). */
export function rule(id: string, condition: unknown, action: string = id): Json {
  return { id, condition, outcome: { action, requires_override: false, reason: `${id} matched` } };
}
