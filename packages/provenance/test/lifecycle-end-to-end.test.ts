// The whole governance lifecycle of one execution, from authority to independent verification,
// with the receipts, reconciliation and verification bundle of the first half of the package.
import { describe, expect, it } from "vitest";
import { SIGNING_DOMAINS, canonicalize } from "@parmanasystems/core";
import {
  InMemoryConsumptionStore,
  LINEAGE_EVENT_TYPES,
  consumeExecutionAuthority,
  createExecutionAuthority,
  createExecutionReceipt,
  createGovernanceProofBundle,
  createLineageEvent,
  createVerificationBundle,
  evaluateExecutionGate,
  explainGovernance,
  exportPublicKey,
  generateAuditReport,
  generateGovernanceKeyPair,
  hashExecutionReceipt,
  hashReconciliationResult,
  importPublicKey,
  reconcileExecution,
  replayLineage,
  signGovernancePayload,
  verifyAuthorityConsumption,
  verifyExecutionAuthority,
  verifyGovernanceInvariants,
  verifyGovernanceProof,
  verifyGovernanceSignature,
  type LineageEvent,
} from "@parmanasystems/provenance";
import { authorizedExecution, PARAMETERS, receiptInput } from "./helpers/execution-fixtures.js";

describe("governance lifecycle end to end", () => {
  it("authorizes, consumes once, records lineage, proves and verifies independently", async () => {
    const authorized = authorizedExecution();
    const executor = "disbursement-service";
    const metadata = {
      executionId: authorized.executionId,
      attestationHash: authorized.attestationHash,
    };
    const events: LineageEvent[] = [];
    const append = (type: string, payload: unknown, timestamp: string): void => {
      events.push(
        createLineageEvent({
          type,
          payload,
          previousHash: events.at(-1)?.lineageHash ?? null,
          timestamp,
          metadata,
        }),
      );
    };

    append(LINEAGE_EVENT_TYPES.decisionAuthorized, authorized, "2024-05-01T10:00:00.000Z");

    // Authority: deterministic, bound to the executor, five minutes.
    const authority = createExecutionAuthority({
      executionId: authorized.executionId,
      attestationHash: authorized.attestationHash,
      authorizedAction: authorized.authorizedAction,
      authorizedParameters: PARAMETERS,
      executorIdentity: executor,
      ttlSeconds: 300,
      issuedAt: "2024-05-01T10:00:00.000Z",
    });
    expect(authority.authorizedParametersHash).toBe(authorized.authorizedParametersHash);
    append(LINEAGE_EVENT_TYPES.authorityIssued, authority, "2024-05-01T10:00:00.000Z");

    // Gate, then the atomic consumption.
    const store = new InMemoryConsumptionStore({
      clock: () => Date.parse("2024-05-01T10:04:00.000Z"),
    });
    const currentTime = "2024-05-01T10:04:00.000Z";
    const gate = evaluateExecutionGate({
      authority: verifyExecutionAuthority(authority, { executorIdentity: executor, currentTime }),
      consumption: await verifyAuthorityConsumption({
        authority,
        consumerIdentity: executor,
        store,
        currentTime,
      }),
    });
    expect(gate).toEqual({ allowed: true, reasons: [], failedChecks: [] });
    expect(
      await consumeExecutionAuthority({
        authority,
        consumerIdentity: executor,
        store,
        currentTime,
      }),
    ).toBe(true);
    expect(
      await consumeExecutionAuthority({
        authority,
        consumerIdentity: executor,
        store,
        currentTime,
      }),
    ).toBe(false);
    append(
      LINEAGE_EVENT_TYPES.authorityConsumed,
      { authorityHash: authority.authorityHash },
      currentTime,
    );

    // Execution reported and reconciled; the lineage files the receipt under its own hash.
    const receipt = createExecutionReceipt(
      receiptInput({ executedAt: "2024-05-01T10:04:30.000Z" }),
    );
    append(LINEAGE_EVENT_TYPES.executionReported, receipt, "2024-05-01T10:04:30.000Z");
    const reconciliation = reconcileExecution(authorized, receipt);
    expect(reconciliation.match).toBe(true);
    append(LINEAGE_EVENT_TYPES.executionReconciled, reconciliation, "2024-05-01T10:05:00.000Z");
    const verificationBundle = createVerificationBundle({
      executionId: authorized.executionId,
      attestationHash: authorized.attestationHash,
      executionReceipt: receipt,
      reconciliation,
      generatedAt: "2024-05-01T10:05:00.000Z",
    });
    append(
      LINEAGE_EVENT_TYPES.verificationBundleCreated,
      verificationBundle,
      "2024-05-01T10:05:00.000Z",
    );

    const replay = replayLineage(events);
    expect(replay.valid).toBe(true);
    expect(replay.state.executionReceiptHashes).toEqual([hashExecutionReceipt(receipt)]);
    expect(replay.state.reconciliationHashes).toHaveLength(1);
    expect(hashReconciliationResult(reconciliation)).toMatch(/^sha256:/);

    const invariants = verifyGovernanceInvariants({
      lineageEvents: events,
      replay,
      verificationBundle,
    });
    expect(invariants).toEqual({ valid: true, violations: [] });
    const explanation = explainGovernance({ replay, invariants, verificationBundle });
    expect(explanation.execution).toEqual({
      executionReported: true,
      reconciliationPerformed: true,
      reconciliationConsistent: true,
    });
    expect(explanation.observations).toEqual(["No signal provenance was recorded in the lineage."]);

    // A signed, portable proof, verified by someone holding only the bundle and a PEM key.
    const keys = generateGovernanceKeyPair();
    const bundle = createGovernanceProofBundle({
      lineage: events,
      replay,
      privateKey: keys.privateKey,
      keyId: "gov-2024",
    });
    const shipped = JSON.parse(JSON.stringify(bundle)) as typeof bundle;
    const auditorKey = importPublicKey(exportPublicKey(keys.publicKey));
    expect(verifyGovernanceProof({ bundle: shipped, publicKey: auditorKey }).valid).toBe(true);

    const report = generateAuditReport({ lineage: shipped.lineage, replay: shipped.replay });
    expect(report.generatedAt).toBe("2024-05-01T10:05:00.000Z");
    expect(report.summary).toEqual({
      authorizationOccurred: true,
      executionOccurred: true,
      reconciliationOccurred: true,
      provenancePresent: false,
    });

    // A lineage checkpoint signed under the lineage domain is not a proof-bundle signature.
    const checkpoint = canonicalize({
      lineageHash: events.at(-1)!.lineageHash,
      eventCount: events.length,
    });
    const lineageSignature = signGovernancePayload({
      payload: checkpoint,
      privateKey: keys.privateKey,
      keyId: "gov-2024",
      domain: SIGNING_DOMAINS.lineage,
    });
    expect(
      verifyGovernanceSignature({
        payload: checkpoint,
        signature: lineageSignature,
        publicKey: auditorKey,
        domain: SIGNING_DOMAINS.lineage,
      }),
    ).toBe(true);
    expect(
      verifyGovernanceSignature({
        payload: checkpoint,
        signature: lineageSignature,
        publicKey: auditorKey,
      }),
    ).toBe(false);
  });
});
