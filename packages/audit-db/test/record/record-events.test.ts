import { afterEach, beforeAll, expect, it } from "vitest";
import { StoreError, verifyAttestation, type ExecutionAttestation } from "@parmanasystems/core";
import { claimSignals, claimsIssuer } from "../helpers/claims.js";
import { forEachEngine, type OpenedDb } from "../helpers/databases.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";

const issuer = claimsIssuer();
let attestation: ExecutionAttestation;
beforeAll(async () => {
  attestation = (await issuer.decide("event-claim", claimSignals(3))).attestation;
});

forEachEngine("verifications, security events, API access", (engine) => {
  let opened: OpenedDb;
  afterEach(async () => {
    await opened?.dispose();
  });

  it("derives the decision's verification columns from its latest verification row", async () => {
    opened = await engine.open();
    await opened.db.recordDecision(attestation);
    await opened.db.recordVerification(
      attestation.executionId,
      verifyAttestation(attestation, issuer.verifier),
    );
    const tampered = { ...attestation, decision: { ...attestation.decision, reason: "edited" } };
    await opened.db.recordVerification(
      attestation.executionId,
      verifyAttestation(tampered, issuer.verifier),
    );
    const row = await opened.db.getDecisionById(attestation.executionId);
    expect(row).toMatchObject({
      verification_valid: false,
      signature_verified: "failed",
      runtime_verified: "verified",
      schema_compatible: "verified",
    });
    expect(row!.verified_at).toBeInstanceOf(Date);
    const history = await opened.db.getVerificationsByExecution(attestation.executionId);
    expect(history.map((v) => v.valid)).toEqual([false, true]);
    expect(history[0]).toMatchObject({
      execution_fingerprint: attestation.execution_fingerprint,
      governed: "verified",
      errors: [expect.stringMatching(/^\[INV-VERIFY-002\]/)],
    });
    const stats = await opened.db.getStats();
    expect(stats).toEqual({
      total_decisions: "1",
      decisions_today: "1",
      total_verifications: "2",
      valid_verifications: "1",
      invalid_verifications: "1",
      total_security_events: "0",
      total_api_calls: "0",
      background: { queued: 0, written: 0, failed: 0, dropped: 0 },
    });
  });

  it("groups security events by type and severity on the dashboard, with documented default severities", async () => {
    opened = await engine.open();
    await opened.db.recordSecurityEvent({
      event_type: "replay_attempt",
      ip_address: "10.0.0.1",
      path: "/execute",
      method: "POST",
    });
    await opened.db.recordSecurityEvent({
      event_type: "replay_attempt",
      details: { key: "claims-approval:x" },
    });
    await opened.db.recordSecurityEvent({ event_type: "signature_failure", user_agent: "curl/8" });
    await opened.db.recordSecurityEvent({ event_type: "rate_limit_exceeded", severity: "low" });
    await opened.db.recordSecurityEvent({
      event_type: "bulk_export",
      severity: "medium",
      execution_id: "x",
    });
    const dashboard = await opened.db.getSecurityDashboard();
    const summary = Object.fromEntries(
      dashboard.map((r) => [`${r.event_type}/${r.severity}`, r.event_count]),
    );
    expect(summary).toEqual({
      "replay_attempt/high": "2",
      "signature_failure/critical": "1",
      "rate_limit_exceeded/low": "1",
      "bulk_export/medium": "1",
    });
    for (const row of dashboard)
      expect(row.first_occurred_at.getTime()).toBeLessThanOrEqual(row.last_occurred_at.getTime());
    await opened.db.recordApiAccess({
      method: "GET",
      path: "/verify",
      status_code: 200,
      response_time_ms: 1.5,
      execution_id: "event-claim",
    });
    expect((await opened.db.getStats()).total_api_calls).toBe("1");
  });

  it("refuses malformed records with STORE-054/055 and writes nothing", async () => {
    opened = await engine.open();
    const bad: [() => Promise<unknown>, string][] = [
      [() => opened.db.recordVerification("", { valid: true }), "STORE-054"],
      [() => opened.db.recordVerification("x", { valid: "yes" } as never), "STORE-054"],
      [
        () =>
          opened.db.recordVerification("x", {
            valid: true,
            checks: { signature_verified: 1 },
          } as never),
        "STORE-054",
      ],
      [() => opened.db.recordVerification("x", { valid: true, errors: [1] } as never), "STORE-054"],
      [() => opened.db.recordVerification("x\u0000", { valid: true }), "STORE-055"],
      [() => opened.db.recordSecurityEvent({ event_type: "bulk_export" }), "STORE-054"],
      [
        () =>
          opened.db.recordSecurityEvent({
            event_type: "replay_attempt",
            severity: "severe" as never,
          }),
        "STORE-054",
      ],
      [
        () => opened.db.recordSecurityEvent({ event_type: "replay_attempt", path: 7 as never }),
        "STORE-054",
      ],
      [
        () =>
          opened.db.recordSecurityEvent({ event_type: "replay_attempt", ipAddress: "x" } as never),
        "STORE-054",
      ],
      [
        () =>
          opened.db.recordSecurityEvent({ event_type: "replay_attempt", details: { a: "\u0000" } }),
        "STORE-055",
      ],
      [
        () =>
          opened.db.recordSecurityEvent({
            event_type: "replay_attempt",
            details: { a: "x".repeat(2_000_000) },
          }),
        "STORE-055",
      ],
      [
        () =>
          opened.db.recordApiAccess({
            method: "GET",
            path: "/",
            status_code: 99,
            response_time_ms: 1,
          }),
        "STORE-054",
      ],
      [
        () =>
          opened.db.recordApiAccess({
            method: "GET",
            path: "/",
            status_code: 200,
            response_time_ms: Number.NaN,
          }),
        "STORE-054",
      ],
      [
        () =>
          opened.db.recordApiAccess({
            method: "GET",
            path: "/\u0000",
            status_code: 200,
            response_time_ms: 1,
          }),
        "STORE-055",
      ],
      [() => opened.db.recordApiAccess(null as never), "STORE-054"],
    ];
    for (const [run, code] of bad) await expectRejectsParmanaError(run, code, StoreError);
    expect(await opened.db.getStats()).toMatchObject({
      total_verifications: "0",
      total_security_events: "0",
      total_api_calls: "0",
    });
  });

  it("refuses an override record whose resolvedAt names no instant, and writes nothing", async () => {
    opened = await engine.open();
    await opened.db.recordDecision(attestation);
    const record = {
      overrideId: "ovr-1",
      executionId: "event-claim",
      execution_fingerprint: "f".repeat(64),
      attestationHash: `sha256:${"a".repeat(64)}`,
      resolved_by: "lead@example.com",
      approver_role: "claims-manager",
      reason: "reviewed",
      policyId: "claims",
      policyVersion: "1.0.0",
      signature: "c2ln",
      decision: "approved",
      original_decision: { action: "review" },
    };
    // Date.parse takes the first two (in local time, and as March 2nd); no RFC 3339 reader does.
    for (const resolvedAt of ["May 1 2026 10:00", "2026-02-30T10:00:00Z", "2026-05-01T10:00:00"]) {
      await expectRejectsParmanaError(
        opened.db.recordOverride({ ...record, resolvedAt } as never),
        "STORE-054",
        StoreError,
        /resolvedAt must be an ISO-8601 date-time with a time zone/,
      );
    }
    const count = async (): Promise<unknown> =>
      (await opened.superuser(`SELECT count(*)::int AS n FROM "${opened.schema}".audit_overrides`))
        .rows[0]?.n;
    expect(await count()).toBe(0);
    // The same record with a real instant is written: only resolvedAt was wrong.
    await opened.db.recordOverride({ ...record, resolvedAt: "2026-05-01T10:00:00.000Z" } as never);
    expect(await count()).toBe(1);
  });
});
