import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ProvenanceError, canonicalize } from "@parmanasystems/core";
import {
  createExecutionReceipt,
  hashExecutionParameters,
  hashReconciliationResult,
  reconcileExecution,
} from "@parmanasystems/provenance";
import type {
  AuthorizedExecution,
  ExecutionReconciliationResult,
} from "@parmanasystems/provenance";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { PARAMETERS, authorizedExecution, receiptInput } from "../helpers/execution-fixtures.js";

describe("reconcileExecution", () => {
  const receipt = createExecutionReceipt(receiptInput());

  it("matches a receipt consistent with the authorized intent", () => {
    const result = reconcileExecution(authorizedExecution(), receipt);
    expect(result.match).toBe(true);
    expect(result.mismatches).toEqual([]);
    expect(result.authorizedExecution).toEqual(authorizedExecution());
    expect(result.executionReceipt).toEqual(receipt);
    // Independent recomputation: sha256 of the canonical body without reconciliationHash.
    const body = {
      match: true,
      mismatches: [],
      authorizedExecution: authorizedExecution(),
      executionReceipt: receipt,
    };
    expect(result.reconciliationHash).toBe(
      `sha256:${createHash("sha256").update(canonicalize(body)).digest("hex")}`,
    );
    expect(hashReconciliationResult(result)).toBe(result.reconciliationHash);
  });

  it("a failed execution of the authorized action still matches (outcome is reported, not reconciled)", () => {
    expect(
      reconcileExecution(
        authorizedExecution(),
        createExecutionReceipt(receiptInput({ outcome: "failure" })),
      ).match,
    ).toBe(true);
  });

  it.each<[string, Partial<AuthorizedExecution>, string[]]>([
    ["executionId", { executionId: "loan-99" }, ["executionId"]],
    ["attestationHash", { attestationHash: `sha256:${"cd".repeat(32)}` }, ["attestationHash"]],
    ["action", { authorizedAction: "freeze_account" }, ["action"]],
    [
      "parameters",
      { authorizedParametersHash: hashExecutionParameters({ ...PARAMETERS, amount: 1 }) },
      ["parameters"],
    ],
    [
      "everything",
      {
        executionId: "x",
        attestationHash: "y",
        authorizedAction: "z",
        authorizedParametersHash: hashExecutionParameters(null),
      },
      ["executionId", "attestationHash", "action", "parameters"],
    ],
  ])("reports a %s mismatch", (_label, overrides, mismatches) => {
    const result = reconcileExecution(authorizedExecution(overrides), receipt);
    expect(result.match).toBe(false);
    expect(result.mismatches).toEqual(mismatches);
    expect(hashReconciliationResult(result)).toBe(result.reconciliationHash);
  });

  it("refuses malformed inputs with coded errors", () => {
    expectParmanaError(
      () => reconcileExecution(null as never, receipt),
      "PROV-010",
      ProvenanceError,
      /reconcileExecution: authorized/,
    );
    expectParmanaError(
      () =>
        reconcileExecution(
          authorizedExecution({ authorizedParametersHash: "not-a-hash" }),
          receipt,
        ),
      "PROV-010",
      ProvenanceError,
    );
    expectParmanaError(
      () => reconcileExecution(authorizedExecution(), { ...receipt, outcome: "done" } as never),
      "PROV-009",
      ProvenanceError,
    );
    expectParmanaError(
      () => reconcileExecution(authorizedExecution(), [] as never),
      "PROV-009",
      ProvenanceError,
    );
  });
});

describe("hashReconciliationResult", () => {
  const result = reconcileExecution(authorizedExecution(), createExecutionReceipt(receiptInput()));

  it("changes when any field is tampered with", () => {
    const tampered: ExecutionReconciliationResult[] = [
      { ...result, match: false, mismatches: ["action"] },
      { ...result, authorizedExecution: { ...result.authorizedExecution, executionId: "loan-43" } },
      {
        ...result,
        authorizedExecution: { ...result.authorizedExecution, attestationHash: "other" },
      },
      {
        ...result,
        authorizedExecution: { ...result.authorizedExecution, authorizedAction: "other" },
      },
      {
        ...result,
        authorizedExecution: {
          ...result.authorizedExecution,
          authorizedParametersHash: hashExecutionParameters(1),
        },
      },
      { ...result, executionReceipt: { ...result.executionReceipt, executorIdentity: "rogue" } },
      { ...result, executionReceipt: { ...result.executionReceipt, outcome: "unknown" } },
      {
        ...result,
        executionReceipt: { ...result.executionReceipt, executedAt: "2024-05-01T10:05:01.000Z" },
      },
    ];
    for (const changed of tampered)
      expect(hashReconciliationResult(changed)).not.toBe(result.reconciliationHash);
  });

  it("ignores reconciliationHash itself", () => {
    expect(hashReconciliationResult({ ...result, reconciliationHash: "anything" })).toBe(
      result.reconciliationHash,
    );
  });

  it("refuses malformed results with PROV-011", () => {
    expectParmanaError(() => hashReconciliationResult(null as never), "PROV-011", ProvenanceError);
    expectParmanaError(
      () => hashReconciliationResult({ ...result, match: "yes" } as never),
      "PROV-011",
      ProvenanceError,
    );
    expectParmanaError(
      () => hashReconciliationResult({ ...result, mismatches: [1] } as never),
      "PROV-011",
      ProvenanceError,
    );
    // match must agree with mismatches
    expectParmanaError(
      () => hashReconciliationResult({ ...result, match: false }),
      "PROV-011",
      ProvenanceError,
      /match must be true exactly when/,
    );
  });
});
