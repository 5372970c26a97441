import { describe, expect, it } from "vitest";
import {
  approveOverride,
  canonicalHash,
  canonicalizeForSigning,
  MemoryPendingOverrideStore,
  OverrideError,
  overrideSigningInput,
  rejectOverride,
  SIGNING_DOMAINS,
  verifyOverride,
  type OverrideRecord,
  type SigningDomain,
} from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import {
  makeClaimAttestation,
  makeOverrideKeys,
  pendingFor,
} from "../helpers/override-attestations.js";

const keys = makeOverrideKeys("claims-key-1");
const otherKeys = makeOverrideKeys();
const clock = (): Date => new Date("2026-03-01T09:30:00.000Z");

async function approved(
  executionId = "claim-CLM-2024-00441",
): Promise<{ record: OverrideRecord; attestation: ReturnType<typeof makeClaimAttestation> }> {
  const store = new MemoryPendingOverrideStore();
  const attestation = makeClaimAttestation(keys, { executionId });
  store.record(pendingFor(attestation, keys));
  const record = await approveOverride(
    {
      executionId,
      approved_by: "user@example.com",
      approver_role: "risk-manager",
      reason: "Reviewed.",
    },
    { store, clock, generateId: () => "ovr-1" },
  );
  return { record, attestation };
}

/** Re-signs a payload under a domain with the claims key. */
function signedUnder(
  payload: Record<string, unknown>,
  domain: SigningDomain,
): Record<string, unknown> {
  return { ...payload, signature: keys.signer.sign(canonicalizeForSigning(payload, domain)) };
}

describe("verifyOverride", () => {
  it("accepts an approval: all checks pass, synchronously for a synchronous verifier", async () => {
    const { record, attestation } = await approved();
    const result = verifyOverride(record, attestation, keys.verifier);
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toEqual({
      valid: true,
      checks: { signature_verified: true, bound_to_attestation: true, attestation_pending: true },
      errors: [],
    });
  });

  it("returns a Promise for an asynchronous verifier, also for a malformed record", async () => {
    const { record, attestation } = await approved();
    const asyncVerifier = {
      verify: async (payload: string, signature: string) =>
        keys.verifier.verify(payload, signature),
    };
    const pending = verifyOverride(record, attestation, asyncVerifier);
    expect(pending).toBeInstanceOf(Promise);
    expect((await pending).valid).toBe(true);
    const malformed = verifyOverride(null, attestation, asyncVerifier);
    expect(malformed).toBeInstanceOf(Promise);
    expect((await malformed).valid).toBe(false);
  });

  it("survives a round trip through JSON text", async () => {
    const { record, attestation } = await approved();
    const parsed: unknown = JSON.parse(JSON.stringify(record));
    expect(
      verifyOverride(parsed, JSON.parse(JSON.stringify(attestation)), keys.verifier).valid,
    ).toBe(true);
  });

  const tampers: ReadonlyArray<readonly [string, (record: Record<string, unknown>) => void]> = [
    ["overrideId", (r) => (r["overrideId"] = "ovr-2")],
    ["executionId", (r) => (r["executionId"] = "claim-other")],
    ["execution_fingerprint", (r) => (r["execution_fingerprint"] = "0".repeat(64))],
    ["attestationHash", (r) => (r["attestationHash"] = `sha256:${"0".repeat(64)}`)],
    ["decision", (r) => (r["decision"] = "rejected")],
    [
      "original_decision.action",
      (r) =>
        (r["original_decision"] = { ...(r["original_decision"] as object), action: "approve" }),
    ],
    [
      "original_decision.requires_override",
      (r) =>
        (r["original_decision"] = {
          ...(r["original_decision"] as object),
          requires_override: false,
        }),
    ],
    [
      "original_decision.reason",
      (r) => (r["original_decision"] = { ...(r["original_decision"] as object), reason: "other" }),
    ],
    ["approved_by", (r) => (r["approved_by"] = "mallory@example.com")],
    ["resolved_by", (r) => (r["resolved_by"] = "mallory@example.com")],
    [
      "approved_by and resolved_by together",
      (r) => {
        r["approved_by"] = "mallory@example.com";
        r["resolved_by"] = "mallory@example.com";
      },
    ],
    ["approver_role", (r) => (r["approver_role"] = "ceo")],
    ["reason", (r) => (r["reason"] = "Reviewed!")],
    ["resolvedAt", (r) => (r["resolvedAt"] = "2026-03-01T09:31:00.000Z")],
    [
      "resolvedAt and issuedAt together",
      (r) => {
        r["resolvedAt"] = "2026-03-01T09:31:00.000Z";
        r["issuedAt"] = "2026-03-01T09:31:00.000Z";
      },
    ],
    ["issuedAt", (r) => (r["issuedAt"] = "2026-03-01T09:31:00.000Z")],
    ["policyId", (r) => (r["policyId"] = "loan-approval")],
    ["policyVersion", (r) => (r["policyVersion"] = "1.0.1")],
    ["signerKeyId", (r) => (r["signerKeyId"] = "other-key")],
    ["signature (one character)", (r) => (r["signature"] = flipFirst(r["signature"] as string))],
    ["an added field", (r) => (r["note"] = "added")],
    ["a removed field", (r) => delete r["reason"]],
  ];
  it.each(tampers)(
    "a change of %s makes the record invalid and its signature fail",
    async (_name, tamper) => {
      const { record, attestation } = await approved();
      const copy = structuredClone(record) as unknown as Record<string, unknown>;
      tamper(copy);
      const result = verifyOverride(copy, attestation, keys.verifier);
      expect(result.valid).toBe(false);
      expect(result.checks.signature_verified).toBe(false);
      expect(result.errors.length).toBeGreaterThan(0);
    },
  );

  it("refuses a record signed under any other domain than override", async () => {
    const { record, attestation } = await approved();
    const { signature: _signature, ...payload } = record;
    for (const domain of new Set(Object.values(SIGNING_DOMAINS))) {
      const resigned = signedUnder(payload, domain);
      const result = verifyOverride(resigned, attestation, keys.verifier);
      expect(result.checks.signature_verified, domain).toBe(domain === SIGNING_DOMAINS.override);
      expect(result.valid, domain).toBe(domain === SIGNING_DOMAINS.override);
    }
  });

  it("refuses a record signed by another key", async () => {
    const { record, attestation } = await approved();
    const result = verifyOverride(record, attestation, otherKeys.verifier);
    expect(result.checks).toEqual({
      signature_verified: false,
      bound_to_attestation: true,
      attestation_pending: true,
    });
    expect(result.errors).toEqual([
      "the override signature does not verify under the verifier's key and the override signing domain",
    ]);
  });

  it("is not bound to another attestation, nor to a changed copy of its own", async () => {
    const { record, attestation } = await approved();
    const other = makeClaimAttestation(keys, { executionId: "claim-CLM-2024-00442" });
    const unrelated = verifyOverride(record, other, keys.verifier);
    expect(unrelated.checks).toEqual({
      signature_verified: true,
      bound_to_attestation: false,
      attestation_pending: true,
    });
    expect(unrelated.errors).toEqual(
      expect.arrayContaining([
        "attestationHash is not the hash of this attestation",
        "executionId does not match the attestation",
      ]),
    );
    for (const field of ["signature", "issuedAt", "signalsHash", "bundleHash"] as const) {
      const changed = { ...attestation, [field]: `${attestation[field]}x` };
      const result = verifyOverride(record, changed, keys.verifier);
      expect(result.checks.bound_to_attestation, field).toBe(false);
      expect(result.errors, field).toContain("attestationHash is not the hash of this attestation");
    }
  });

  it("refuses a correctly signed override of an attestation that was not pending", async () => {
    const completed = makeClaimAttestation(keys, { pending: false });
    const { record } = await approved();
    // Rebind a well-formed record to the completed attestation and sign it: only attestation_pending can fail.
    const { signature: _signature, ...payload } = record;
    const rebound = signedUnder(
      {
        ...payload,
        attestationHash: canonicalHash(completed),
        execution_fingerprint: completed.execution_fingerprint,
        original_decision: completed.decision,
      },
      SIGNING_DOMAINS.override,
    );
    const result = verifyOverride(rebound, completed, keys.verifier);
    expect(result.checks).toEqual({
      signature_verified: true,
      bound_to_attestation: true,
      attestation_pending: false,
    });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      'the attestation is not pending override (execution_state "completed")',
    ]);
  });

  it("refuses a resolution older than the decision", async () => {
    const { record, attestation } = await approved();
    const { signature: _signature, ...payload } = record;
    const early = signedUnder(
      { ...payload, resolvedAt: "2026-03-01T08:00:00.000Z", issuedAt: "2026-03-01T08:00:00.000Z" },
      SIGNING_DOMAINS.override,
    );
    const result = verifyOverride(early, attestation, keys.verifier);
    expect(result.checks.bound_to_attestation).toBe(false);
    expect(result.errors).toContain("resolvedAt is earlier than the attestation's issuedAt");
  });

  it("refuses signed records of the wrong shape", async () => {
    const { record, attestation } = await approved();
    const { signature: _signature, ...payload } = record;
    const cases: ReadonlyArray<readonly [Record<string, unknown>, string]> = [
      [{ ...payload, decision: "maybe" }, 'decision must be "approved" or "rejected"'],
      [
        { ...payload, approved_by: "someone-else@example.com" },
        "approved_by must equal resolved_by on an approval",
      ],
      [{ ...payload, decision: "rejected" }, "a rejection carries no approved_by"],
      [
        { ...payload, attestationHash: attestation.execution_fingerprint },
        'attestationHash must be "sha256:" and 64 lowercase hex characters',
      ],
      [
        { ...payload, resolvedAt: "yesterday", issuedAt: "yesterday" },
        "resolvedAt must be an ISO-8601 time",
      ],
      [
        {
          ...payload,
          resolvedAt: "2026-02-30T09:30:00.000Z",
          issuedAt: "2026-02-30T09:30:00.000Z",
        },
        "resolvedAt must be an ISO-8601 time",
      ],
      [{ ...payload, issuedAt: "2026-03-01T09:31:00.000Z" }, "issuedAt must equal resolvedAt"],
      [{ ...payload, reason: "" }, "reason must be a non-empty string"],
      [{ ...payload, extra: 1 }, 'unknown field "extra" in the override record'],
    ];
    for (const [candidate, message] of cases) {
      const result = verifyOverride(
        signedUnder(candidate, SIGNING_DOMAINS.override),
        attestation,
        keys.verifier,
      );
      expect(result.valid, message).toBe(false);
      expect(result.errors, message).toContain(message);
    }
  });

  it("verifies a rejection", async () => {
    const store = new MemoryPendingOverrideStore();
    const attestation = makeClaimAttestation(keys);
    store.record(pendingFor(attestation, keys));
    const record = await rejectOverride(
      {
        executionId: attestation.executionId,
        rejected_by: "lead@example.com",
        approver_role: "risk-manager",
        reason: "No.",
      },
      { store, clock },
    );
    expect(verifyOverride(record, attestation, keys.verifier).valid).toBe(true);
    const flipped = { ...record, decision: "approved", approved_by: "lead@example.com" };
    expect(verifyOverride(flipped, attestation, keys.verifier).checks.signature_verified).toBe(
      false,
    );
  });

  it("never throws for garbage records or attestations", async () => {
    const { record, attestation } = await approved();
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error("trap");
        },
        get: () => {
          throw new Error("trap");
        },
      },
    );
    const garbage: unknown[] = [
      null,
      undefined,
      42,
      "record",
      [],
      [record],
      {},
      { signature: 5 },
      { ...record, reason: 1n },
      hostile,
    ];
    for (const candidate of garbage) {
      const asRecord = verifyOverride(candidate, attestation, keys.verifier);
      expect(asRecord.valid).toBe(false);
      expect(asRecord.errors.length).toBeGreaterThan(0);
      const asAttestation = verifyOverride(record, candidate, keys.verifier);
      expect(asAttestation.valid).toBe(false);
      expect(asAttestation.checks.bound_to_attestation).toBe(false);
    }
  });

  it("reports a verifier that throws or answers a non-boolean", async () => {
    const { record, attestation } = await approved();
    const throwing = verifyOverride(record, attestation, {
      verify: (): boolean => {
        throw new Error("HSM down");
      },
    });
    expect(throwing.valid).toBe(false);
    expect(throwing.errors).toContain("the verifier threw: HSM down");
    const rejecting = await verifyOverride(record, attestation, {
      verify: (): Promise<boolean> => Promise.reject(new Error("timeout")),
    });
    expect(rejecting.errors).toContain("the verifier failed: timeout");
    const odd = verifyOverride(record, attestation, { verify: () => 1 as unknown as boolean });
    expect(odd.checks.signature_verified).toBe(false);
  });

  it("throws SYS-024 only for misuse: no verifier", async () => {
    const { record, attestation } = await approved();
    expectParmanaError(
      () => verifyOverride(record, attestation, undefined as never),
      "SYS-024",
      OverrideError,
      /needs a verifier/,
    );
    expectParmanaError(
      () => verifyOverride(record, attestation, {} as never),
      "SYS-024",
      OverrideError,
    );
  });

  it("overrideSigningInput is JCS of { domain, payload } without the signature", async () => {
    const { record } = await approved();
    const input = overrideSigningInput(record);
    const parsed = JSON.parse(input) as { domain: string; payload: Record<string, unknown> };
    expect(parsed.domain).toBe("PARMANA_OVERRIDE_V1");
    expect("signature" in parsed.payload).toBe(false);
    expect(overrideSigningInput({ ...record, signature: "other" })).toBe(input);
  });
});

function flipFirst(text: string): string {
  return (text[0] === "A" ? "B" : "A") + text.slice(1);
}
