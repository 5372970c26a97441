// canonicalize (ours) against the two `canonicalize` npm releases a developer would pick (the
// RFC 8785 author's implementation): 2.1.0, the last of the 2.x line that many lock files still
// hold, and 4.0.0. Three shapes: a 20-key signals object (what `executeFromSignals` hashes on
// every call), the 2 KB bench policy, and a 100 KB nested document. Outputs are checked
// byte-identical to both peers before anything is timed.
//
// The three run in interleaved rounds, in an order rotated every round (src/lib/interleave.ts);
// the verdict is the median of per-round CPU-time ratios. Aim: ours faster than both peers on
// every shape, i.e. ours / peer <= 1.
import { canonicalize } from "@parmanasystems/core";
import canonicalize2Module from "canonicalize2";
import canonicalize4 from "canonicalize";
import { interleave, printRatio, printSides } from "./lib/interleave.js";
import { loanPolicy } from "./lib/loan-bench.js";
import { SMOKE } from "./lib/smoke.js";

// canonicalize@2.1.0's types declare an ES default export, but the package sets module.exports to
// the function itself, which is what an ES import of it receives.
const canonicalize2 = canonicalize2Module as unknown as (input: unknown) => string | undefined;

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

const POLICY: unknown = loanPolicy();

/**
 * A nested document of about 100 KB: an audit export of 150 decisions, each with its signals,
 * an actor, tags, a note with escapes and non-ASCII text, and numbers of every JSON kind
 * (integers, fractions, exponents, negative zero). Deterministic, so every run times the same.
 */
function nestedDocument(): unknown {
  const entries: unknown[] = [];
  for (let i = 0; i < 150; i++) {
    entries.push({
      executionId: `exec-${String(i).padStart(6, "0")}`,
      decision: {
        action: i % 3 === 0 ? "approve" : i % 3 === 1 ? "reject" : "manual_review",
        requires_override: i % 7 === 0,
        reason: `Rule ${i % 11} matched: score ${600 + (i % 200)} "within" band\n(tier ${i % 4})`,
      },
      signals: {
        credit_score: 600 + ((i * 37) % 250),
        annual_income: 250000 + i * 1234.5,
        debt_to_income: ((i * 13) % 100) / 100,
        fraud_score: i === 0 ? -0 : 1 / (i + 3),
        tiny: i * 1e-9,
        huge: i * 1e21,
        country: ["IN", "DE", "JP", "BR"][i % 4],
        applicant: `Applicant ${i} — Ünïcödé 申請者 ${"😀".repeat(i % 3)}`,
      },
      actor: { id: `user-${i % 17}`, roles: ["analyst", i % 2 === 0 ? "approver" : "auditor"] },
      tags: [`batch-${i % 5}`, `region-${i % 9}`, i % 2 === 0 ? "priority" : "standard"],
      issuedAt: `2026-03-${String((i % 28) + 1).padStart(2, "0")}T10:${String(i % 60).padStart(2, "0")}:00.000Z`,
      hashes: {
        signalsHash: "ab".repeat(32),
        bundleHash: `sha256:${"cd".repeat(32)}`,
      },
      note: i % 10 === 0 ? null : `tab\there, quote " and backslash \\ and \u0001 control`,
    });
  }
  return { export: { format: "parmana-audit", version: 3, entries }, count: entries.length };
}

/** Runs the comparison and prints its tables and ratios. */
export async function runBench(): Promise<void> {
  const nested = nestedDocument();
  const inputs: ReadonlyArray<readonly [string, unknown, number]> = [
    // label, value, calls per round (about 20-50 ms of work per side and round)
    ["20-key signals", SIGNALS, 20_000],
    [`policy`, POLICY, 4_000],
    ["nested document", nested, 60],
  ];
  for (const [label, value, calls] of inputs) {
    const ours = canonicalize(value);
    for (const [peer, output] of [
      ["canonicalize@2", canonicalize2(value)],
      ["canonicalize@4", canonicalize4(value)],
    ] as const) {
      if (ours !== output) {
        throw new Error(
          `canonicalize output differs from ${peer} on ${label}:\n${ours.slice(0, 2000)}\n${String(output).slice(0, 2000)}`,
        );
      }
    }
    const bytes = Buffer.byteLength(ours, "utf8");
    const size = bytes >= 10_000 ? `${(bytes / 1024).toFixed(0)} KB` : `${bytes} bytes`;
    const results = await interleave(
      [
        { name: "@parmanasystems/core canonicalize", call: () => canonicalize(value) },
        { name: "canonicalize@2 (npm)", call: () => canonicalize2(value) },
        { name: "canonicalize@4 (npm)", call: () => canonicalize4(value) },
      ],
      SMOKE
        ? { rounds: 1, callsPerRound: 5, warmupCalls: 5 }
        : { rounds: 9, callsPerRound: calls, warmupCalls: calls },
    );
    const [oursResult, peer2, peer4] = results as [
      (typeof results)[number],
      (typeof results)[number],
      (typeof results)[number],
    ];
    printSides(
      `canonicalize: ${label} (${size}), byte-identical output, interleaved rounds`,
      results,
    );
    printRatio(`${label}: ours / canonicalize@2`, oursResult, peer2, 1);
    printRatio(`${label}: ours / canonicalize@4`, oursResult, peer4, 1);
  }
}
