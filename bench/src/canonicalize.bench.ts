// canonicalize (ours) against the `canonicalize` npm package (the RFC 8785 author's JS
// implementation) on the two inputs that dominate the decision loop: a signals object and a
// policy document. Outputs are checked equal before anything is timed.
import { readFileSync } from "node:fs";
import { canonicalize } from "@parmanasystems/core";
import referenceCanonicalize from "canonicalize";
import { measure, printResults, resultOf } from "./lib/compare.js";
import { recordRatio } from "./lib/report.js";

/** A 20-key signals object of the kind `executeFromSignals` canonicalizes on every call. */
const SIGNALS: Record<string, unknown> = {
  credit_score: 742,
  annual_income: 1850000.5,
  requested_amount: 750000,
  debt_to_income: 0.31,
  employment_status: "employed",
  months_at_employer: 38,
  existing_defaults: 0,
  kyc_verified: true,
  fraud_score: 0.072,
  country: "IN",
  applicant_age: 34,
  loan_purpose: "home_renovation",
  tenure_months: 60,
  bureau: "CIBIL",
  bureau_pulled_at: "2026-02-11T09:14:22.512Z",
  open_credit_lines: 4,
  utilisation_ratio: 0.42,
  has_collateral: false,
  city_tier: 1,
  applicant_name: "Aarav Sharma (आरव शर्मा)",
};

const POLICY: unknown = JSON.parse(
  readFileSync(new URL("../fixtures/loan-approval-policy.json", import.meta.url), "utf8"),
);

/** Runs the comparison and prints its table and ratios. */
export async function runBench(): Promise<void> {
  const inputs: ReadonlyArray<readonly [string, unknown]> = [
    ["20-key signals", SIGNALS],
    [`policy (${JSON.stringify(POLICY).length} bytes)`, POLICY],
  ];
  for (const [label, value] of inputs) {
    const ours = canonicalize(value);
    const reference = referenceCanonicalize(value);
    if (ours !== reference) {
      throw new Error(
        `canonicalize output differs from the npm package on ${label}:\n${ours}\n${String(reference)}`,
      );
    }
    const results = measure([
      { name: "@parmanasystems/core canonicalize", fn: () => canonicalize(value) },
      { name: "canonicalize@4 (npm)", fn: () => referenceCanonicalize(value) },
    ]);
    printResults(`canonicalize: ${label}, identical output (${ours.length} bytes)`, results);
    const ratio =
      resultOf(results, "@parmanasystems/core canonicalize").opsPerSecond /
      resultOf(results, "canonicalize@4 (npm)").opsPerSecond;
    console.log(
      `ratio ours/npm ops/s = ${ratio.toFixed(2)} (aim: >= 1.00) ${ratio >= 1 ? "MET" : "NOT MET"}`,
    );
    recordRatio({
      label: `${label}: ours / canonicalize@4 (npm) ops/s`,
      basis: "rate",
      median: ratio,
      aim: { op: ">=", value: 1 },
    });
  }
  await Promise.resolve();
}
