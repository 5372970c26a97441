// Changing any one signed field of a real attestation must fail verification at the signature,
// even when the new value is well formed (so only the signature can catch it).
import { describe, expect, it } from "vitest";
import {
  executeFromSignals,
  MemoryPolicyRegistry,
  MemoryReplayStore,
  verifyAttestation,
  withProvenance,
  type ExecutionAttestation,
} from "@parmanasystems/core";
import { LOAN_POLICY, makeKeys } from "../helpers/decision-loop-fixtures.js";

const keys = makeKeys();
const original: ExecutionAttestation = await executeFromSignals(
  {
    executionId: "loan-app-tamper",
    policyId: "loan-approval",
    policyVersion: "1.0.0",
    signals: {
      credit_score: withProvenance(720, {
        source: "CIBIL",
        sourceType: "financial_api",
        sourceVerified: true,
        trustLevel: "verified",
      }),
      loan_amount: 15000,
    },
  },
  keys.signer,
  keys.verifier,
  {
    replayStore: new MemoryReplayStore(),
    policies: new MemoryPolicyRegistry([LOAN_POLICY]),
    clock: () => Date.UTC(2026, 0, 15),
  },
);

/** A different value of the same kind and format. */
function altered(value: unknown): unknown {
  if (typeof value === "boolean") return !value;
  if (typeof value === "number") return value + 1;
  if (typeof value === "string") {
    if (value.length === 0) return "c2lnbmF0dXJl";
    const last = value.at(-1) as string;
    const replacement = /[0-9a-f]/.test(last)
      ? last === "0"
        ? "1"
        : "0"
      : last === "x"
        ? "y"
        : "x";
    return value.slice(0, -1) + replacement;
  }
  if (value === null) return `sha256:${"0".repeat(64)}`;
  throw new Error(`no alteration for ${typeof value}`);
}

const topLevel = Object.keys(original).filter(
  (field) => field !== "signature" && field !== "decision" && field !== "provenance",
);
const decisionMembers = Object.keys(original.decision);
const provenanceMembers = Object.keys(original.provenance ?? {});

describe("tampering with a signed attestation", () => {
  it("starts from a valid attestation carrying every field, including provenance", () => {
    expect(verifyAttestation(original, keys.verifier).valid).toBe(true);
    expect(topLevel).toHaveLength(19);
    expect(decisionMembers).toEqual(["action", "requires_override", "reason"]);
    expect(provenanceMembers).toHaveLength(5);
  });

  it.each(topLevel)("changing %s fails the signature", (field) => {
    const tampered = {
      ...original,
      [field]: altered(original[field as keyof ExecutionAttestation]),
    };
    const result = verifyAttestation(tampered, keys.verifier);
    expect(result.valid).toBe(false);
    expect(result.checks.signature_verified).toBe(false);
    expect(result.errors).toContain(
      "[INV-VERIFY-002] the signature does not verify under the verifier's key",
    );
  });

  it.each(decisionMembers)("changing decision.%s fails the signature", (member) => {
    const decision = original.decision as unknown as Record<string, unknown>;
    const tampered = {
      ...original,
      decision: { ...decision, [member]: altered(decision[member]) },
    };
    const result = verifyAttestation(tampered, keys.verifier);
    expect(result.valid).toBe(false);
    expect(result.checks.signature_verified).toBe(false);
  });

  it.each(provenanceMembers)("changing provenance.%s fails the signature", (member) => {
    const provenance = original.provenance as unknown as Record<string, unknown>;
    const value = member === "minimumTrustLevel" ? "trusted" : altered(provenance[member]);
    const tampered = { ...original, provenance: { ...provenance, [member]: value } };
    const result = verifyAttestation(tampered, keys.verifier);
    expect(result.valid).toBe(false);
    expect(result.checks.signature_verified).toBe(false);
  });

  it("approve → reject with a consistent record still fails", () => {
    const tampered = { ...original, decision: { ...original.decision, action: "reject" } };
    expect(verifyAttestation(tampered, keys.verifier).checks.signature_verified).toBe(false);
  });

  it("removing a field, removing provenance, or adding a field fails the signature", () => {
    const { issuedAt: _issuedAt, ...withoutIssuedAt } = original;
    const { provenance: _provenance, ...withoutProvenance } = original;
    for (const tampered of [withoutIssuedAt, withoutProvenance, { ...original, approved: true }]) {
      const result = verifyAttestation(tampered, keys.verifier);
      expect(result.valid).toBe(false);
      expect(result.checks.signature_verified).toBe(false);
    }
  });

  it("changing the signature itself fails", () => {
    const bytes = Buffer.from(original.signature, "base64");
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const result = verifyAttestation(
      { ...original, signature: bytes.toString("base64") },
      keys.verifier,
    );
    expect(result.checks.signature_verified).toBe(false);
  });
});
