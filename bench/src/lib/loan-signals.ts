/** Signals of one loan application that the bench loan policy (fixtures/loan-approval-policy.json) approves. */
export const LOAN_SIGNALS = {
  credit_score: 742,
  annual_income: 1_850_000,
  requested_amount: 1_200_000,
  debt_to_income: 0.31,
  employment_status: "employed",
  months_at_employer: 38,
  kyc_verified: true,
  fraud_score: 0.12,
  country: "IN",
} as const;
