import { describe, expect, it, vi } from "vitest";
import { ProvenanceError } from "@parmanasystems/core";
import {
  createExecutionReceipt,
  reconcileExecution,
  validateExecutionRequest,
} from "@parmanasystems/provenance";
import type {
  GatewayExecutionResult,
  GatewayValidationResult,
  GovernedExecutionGateway,
  GovernedExecutionRequest,
} from "@parmanasystems/provenance";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { PARAMETERS, T0, T1, authorizedExecution } from "../helpers/execution-fixtures.js";

const clock = (): Date => new Date(T0);

function request(overrides: Partial<GovernedExecutionRequest> = {}): GovernedExecutionRequest {
  return {
    authorizedExecution: authorizedExecution(),
    executorIdentity: "disbursement-service",
    executionParameters: { currency: "INR", amount: 500000, account: "XXXX1234" },
    ...overrides,
  };
}

describe("validateExecutionRequest", () => {
  it("allows parameters that hash to the authorized hash (any key order)", () => {
    expect(validateExecutionRequest(request(), { clock })).toEqual({
      allowed: true,
      reasons: [],
      validatedAt: T0,
    });
  });

  it("refuses different parameters", () => {
    const result = validateExecutionRequest(
      request({ executionParameters: { ...PARAMETERS, amount: 5000000 } }),
      { clock },
    );
    expect(result).toEqual({
      allowed: false,
      reasons: ["executionParameters do not match the authorized parameters (hash mismatch)"],
      validatedAt: T0,
    });
  });

  it("takes validatedAt from the clock, else requestedAt, else the system clock", () => {
    expect(validateExecutionRequest(request({ requestedAt: T1 }), { clock }).validatedAt).toBe(T0);
    expect(validateExecutionRequest(request({ requestedAt: T1 })).validatedAt).toBe(T1);
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00.000Z") });
    try {
      expect(validateExecutionRequest(request()).validatedAt).toBe("2030-01-01T00:00:00.000Z");
    } finally {
      vi.useRealTimers();
    }
  });

  it.each<[string, unknown, string]>([
    ["null", null, "request must be a plain object"],
    ["an array", [], "request must be a plain object"],
    ["a string", "run it", "request must be a plain object"],
    [
      "missing authorizedExecution",
      { ...request(), authorizedExecution: undefined },
      "[PROV-010] authorizedExecution must be a plain object",
    ],
    [
      "malformed hash",
      request({ authorizedExecution: authorizedExecution({ authorizedParametersHash: "x" }) }),
      "[PROV-010] authorizedExecution authorizedParametersHash",
    ],
    [
      "empty executor",
      request({ executorIdentity: "" }),
      "executorIdentity must be a non-empty string",
    ],
    [
      "missing parameters",
      { ...request(), executionParameters: undefined },
      "executionParameters is required",
    ],
    [
      "NaN parameters",
      request({ executionParameters: { amount: Number.NaN } }),
      "executionParameters are not plain JSON: [CANONICAL-001]",
    ],
    [
      "cyclic parameters",
      request({ executionParameters: cyclic() }),
      "executionParameters are not plain JSON: [CANONICAL-004]",
    ],
    [
      "bigint parameters",
      request({ executionParameters: 1n }),
      "executionParameters are not plain JSON: [CANONICAL-002]",
    ],
    ["array metadata", request({ metadata: [] as never }), "metadata must be a plain object"],
    ["bad requestedAt", request({ requestedAt: "now" }), "requestedAt must be an ISO-8601"],
    [
      "requestedAt on February 30th",
      request({ requestedAt: "2026-02-30T10:00:00Z" }),
      "requestedAt must be an ISO-8601",
    ],
  ])("refuses %s without throwing", (_label, candidate, reason) => {
    const result = validateExecutionRequest(candidate as GovernedExecutionRequest, { clock });
    expect(result.allowed).toBe(false);
    expect(result.reasons.some((text) => text.startsWith(reason))).toBe(true);
    expect(result.validatedAt).toBe(T0);
  });

  it("ignores inherited members (prototype pollution does not authorize)", () => {
    const inherited = Object.create(request()) as GovernedExecutionRequest;
    expect(validateExecutionRequest(inherited, { clock }).allowed).toBe(false);
  });

  it("throws only for bad options", () => {
    expectParmanaError(
      () => validateExecutionRequest(request(), { clock: 5 as never }),
      "PROV-016",
      ProvenanceError,
    );
    expectParmanaError(
      () => validateExecutionRequest(request(), null as never),
      "PROV-016",
      ProvenanceError,
    );
  });
});

describe("GovernedExecutionGateway", () => {
  // A minimal fail-closed gateway built from the package's functions, as the README shows.
  class LoanDisbursementGateway implements GovernedExecutionGateway {
    readonly executed: unknown[] = [];
    validateExecution(req: GovernedExecutionRequest): GatewayValidationResult {
      return validateExecutionRequest(req, { clock });
    }
    execute(req: GovernedExecutionRequest): GatewayExecutionResult {
      const check = this.validateExecution(req);
      if (!check.allowed) return { success: false, error: check.reasons.join("; ") };
      this.executed.push(req.executionParameters);
      const executionReceipt = createExecutionReceipt({
        executionId: req.authorizedExecution.executionId,
        attestationHash: req.authorizedExecution.attestationHash,
        executorIdentity: req.executorIdentity,
        executedAction: req.authorizedExecution.authorizedAction,
        executedParameters: req.executionParameters,
        outcome: "success",
        executedAt: T1,
      });
      return { success: true, executionReceipt };
    }
  }

  it("executes allowed requests, refuses the rest, and its receipts reconcile", () => {
    const gateway = new LoanDisbursementGateway();
    const ok = gateway.execute(request());
    expect(ok.success).toBe(true);
    expect(reconcileExecution(authorizedExecution(), ok.executionReceipt as never).match).toBe(
      true,
    );
    const refused = gateway.execute(
      request({ executionParameters: { ...PARAMETERS, account: "ATTACKER" } }),
    );
    expect(refused).toEqual({
      success: false,
      error: "executionParameters do not match the authorized parameters (hash mismatch)",
    });
    expect(gateway.executed).toHaveLength(1);
  });
});

function cyclic(): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  value["self"] = value;
  return value;
}
