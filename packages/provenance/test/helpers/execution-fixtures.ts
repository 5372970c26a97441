import { hashExecutionParameters } from "@parmanasystems/provenance";
import type { AuthorizedExecution, CreateExecutionReceiptInput } from "@parmanasystems/provenance";

/** Fixed instants; tests never read the wall clock. */
export const T0 = "2024-05-01T10:00:00.000Z";
export const T1 = "2024-05-01T10:05:00.000Z";
export const T2 = "2024-05-01T10:06:00.000Z";

export const ATTESTATION_HASH: string = `sha256:${"ab".repeat(32)}`;
export const PARAMETERS: { amount: number; currency: string; account: string } = {
  amount: 500000,
  currency: "INR",
  account: "XXXX1234",
};

/** The intent an attestation authorized for loan-42. */
export function authorizedExecution(
  overrides: Partial<AuthorizedExecution> = {},
): AuthorizedExecution {
  return {
    executionId: "loan-42",
    attestationHash: ATTESTATION_HASH,
    authorizedAction: "disburse_loan",
    authorizedParametersHash: hashExecutionParameters(PARAMETERS),
    ...overrides,
  };
}

/** A receipt input matching {@link authorizedExecution}. */
export function receiptInput(
  overrides: Partial<CreateExecutionReceiptInput> = {},
): CreateExecutionReceiptInput {
  return {
    executionId: "loan-42",
    attestationHash: ATTESTATION_HASH,
    executorIdentity: "disbursement-service",
    executedAction: "disburse_loan",
    executedParameters: PARAMETERS,
    outcome: "success",
    executedAt: T1,
    ...overrides,
  };
}
