import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CanonicalizationError, ProvenanceError } from "@parmanasystems/core";
import {
  createExecutionReceipt,
  hashExecutionParameters,
  hashExecutionReceipt,
} from "@parmanasystems/provenance";
import type { CreateExecutionReceiptInput, ExecutionReceipt } from "@parmanasystems/provenance";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { ATTESTATION_HASH, PARAMETERS, T1, receiptInput } from "../helpers/execution-fixtures.js";

const sha256 = (text: string): string =>
  `sha256:${createHash("sha256").update(text).digest("hex")}`;

describe("hashExecutionParameters", () => {
  it("hashes the canonical JSON, independent of key order", () => {
    expect(hashExecutionParameters(PARAMETERS)).toBe(
      sha256('{"account":"XXXX1234","amount":500000,"currency":"INR"}'),
    );
    expect(hashExecutionParameters({ currency: "INR", account: "XXXX1234", amount: 500000 })).toBe(
      hashExecutionParameters(PARAMETERS),
    );
    expect(hashExecutionParameters(null)).toBe(sha256("null"));
  });

  it("refuses non-JSON parameters", () => {
    expectParmanaError(
      () => hashExecutionParameters(undefined),
      "CANONICAL-005",
      CanonicalizationError,
    );
    expectParmanaError(
      () => hashExecutionParameters({ amount: Number.NaN }),
      "CANONICAL-001",
      CanonicalizationError,
    );
  });
});

describe("createExecutionReceipt", () => {
  it("records the reported execution with the parameters hashed", () => {
    const receipt = createExecutionReceipt(
      receiptInput({ minimumTrustLevel: "verified", metadata: { region: "ap-south-1" } }),
    );
    expect(receipt).toEqual({
      executionId: "loan-42",
      attestationHash: ATTESTATION_HASH,
      executorIdentity: "disbursement-service",
      executedAction: "disburse_loan",
      executedParametersHash: sha256('{"account":"XXXX1234","amount":500000,"currency":"INR"}'),
      outcome: "success",
      executedAt: T1,
      minimumTrustLevel: "verified",
      metadata: { region: "ap-south-1" },
    });
    expect("executedParameters" in receipt).toBe(false);
  });

  it("keeps minimumTrustLevel null and omits absent optionals", () => {
    expect(
      createExecutionReceipt(receiptInput({ minimumTrustLevel: null })).minimumTrustLevel,
    ).toBeNull();
    const bare = createExecutionReceipt(receiptInput());
    expect(Object.keys(bare)).toEqual([
      "executionId",
      "attestationHash",
      "executorIdentity",
      "executedAction",
      "executedParametersHash",
      "outcome",
      "executedAt",
    ]);
  });

  it("reads the injected clock only when executedAt is absent", () => {
    let reads = 0;
    const clock = (): Date => {
      reads++;
      return new Date(Date.UTC(2024, 4, 1, 12, 0, 0));
    };
    expect(createExecutionReceipt(receiptInput(), { clock }).executedAt).toBe(T1);
    expect(reads).toBe(0);
    const { executedAt: _omit, ...withoutTime } = receiptInput();
    expect(createExecutionReceipt(withoutTime, { clock }).executedAt).toBe(
      "2024-05-01T12:00:00.000Z",
    );
    expect(
      createExecutionReceipt(withoutTime, { clock: () => Date.UTC(2024, 0, 2) }).executedAt,
    ).toBe("2024-01-02T00:00:00.000Z");
    expect(reads).toBe(1);
  });

  it("refuses a bad clock with PROV-016", () => {
    const { executedAt: _omit, ...withoutTime } = receiptInput();
    expectParmanaError(
      () => createExecutionReceipt(withoutTime, { clock: () => new Date(Number.NaN) }),
      "PROV-016",
      ProvenanceError,
    );
    expectParmanaError(
      () => createExecutionReceipt(withoutTime, { clock: "now" as never }),
      "PROV-016",
      ProvenanceError,
    );
  });

  it.each<[string, Partial<Record<keyof CreateExecutionReceiptInput, unknown>>]>([
    ["empty executionId", { executionId: "" }],
    ["numeric attestationHash", { attestationHash: 5 }],
    ["missing executorIdentity", { executorIdentity: undefined }],
    ["missing executedAction", { executedAction: undefined }],
    ["unknown outcome", { outcome: "done" }],
    ["bad executedAt", { executedAt: "yesterday" }],
    // Date.parse reads these as March 2nd and the next day's midnight; no such instant exists.
    ["executedAt on February 30th", { executedAt: "2026-02-30T10:00:00.000Z" }],
    ["executedAt at 24:00", { executedAt: "2026-01-31T24:00:00.000Z" }],
    ["executedAt with a 24-hour offset", { executedAt: "2026-01-31T10:00:00.000+24:00" }],
    ["bad minimumTrustLevel", { minimumTrustLevel: "high" }],
    ["array metadata", { metadata: [1] }],
    ["non-JSON metadata", { metadata: { n: Number.NaN } }],
    ["missing executedParameters", { executedParameters: undefined }],
  ])("refuses %s with PROV-009", (_label, overrides) => {
    expectParmanaError(
      () => createExecutionReceipt(receiptInput(overrides as Partial<CreateExecutionReceiptInput>)),
      "PROV-009",
      ProvenanceError,
      /createExecutionReceipt/,
    );
  });

  it("refuses non-object input with PROV-009", () => {
    for (const input of [null, undefined, [], "receipt", 1]) {
      expectParmanaError(() => createExecutionReceipt(input as never), "PROV-009", ProvenanceError);
    }
  });
});

describe("hashExecutionReceipt", () => {
  const receipt = createExecutionReceipt(
    receiptInput({ minimumTrustLevel: "claimed", metadata: { k: 1 } }),
  );

  it("is deterministic and independent of member order", () => {
    const reordered = Object.fromEntries(
      Object.entries(receipt).reverse(),
    ) as unknown as ExecutionReceipt;
    expect(hashExecutionReceipt(reordered)).toBe(hashExecutionReceipt(receipt));
    expect(
      hashExecutionReceipt(
        createExecutionReceipt(receiptInput({ minimumTrustLevel: "claimed", metadata: { k: 1 } })),
      ),
    ).toBe(hashExecutionReceipt(receipt));
  });

  it("changes when any field is tampered with", () => {
    const base = hashExecutionReceipt(receipt);
    const tampered: Partial<ExecutionReceipt>[] = [
      { executionId: "loan-43" },
      { attestationHash: `sha256:${"cd".repeat(32)}` },
      { executorIdentity: "rogue-service" },
      { executedAction: "close_account" },
      { executedParametersHash: hashExecutionParameters({ ...PARAMETERS, amount: 5000000 }) },
      { outcome: "partial" },
      { executedAt: "2024-05-01T10:05:00.001Z" },
      { minimumTrustLevel: "verified" },
      { minimumTrustLevel: null },
      { metadata: { k: 2 } },
    ];
    for (const change of tampered)
      expect(hashExecutionReceipt({ ...receipt, ...change })).not.toBe(base);
    const { metadata: _m, ...withoutMetadata } = receipt;
    expect(hashExecutionReceipt(withoutMetadata)).not.toBe(base);
  });

  it("refuses malformed receipts with PROV-009", () => {
    expectParmanaError(
      () => hashExecutionReceipt({ ...receipt, executedParametersHash: "abc" }),
      "PROV-009",
      ProvenanceError,
    );
    expectParmanaError(() => hashExecutionReceipt(null as never), "PROV-009", ProvenanceError);
  });
});
