import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  compilePolicy,
  evaluatePolicy,
  FilePolicyRegistry,
  type CompiledPolicy,
} from "@parmanasystems/core";
import { FIXTURE_POLICIES_ROOT } from "./helpers/policy-documents.js";

const registry = new FilePolicyRegistry({ policiesRootPath: FIXTURE_POLICIES_ROOT });
const policy = (id: string): CompiledPolicy => registry.resolve(id, "1.0.0");

describe("fixture policies", () => {
  const ids = readdirSync(FIXTURE_POLICIES_ROOT).sort();

  it("are the four policies the examples use", () => {
    expect(ids).toEqual(["claims-approval", "loan-approval", "payment-approval", "personal-loan"]);
  });

  it.each(ids)("%s compiles without errors or warnings", (id) => {
    const result = compilePolicy(join(FIXTURE_POLICIES_ROOT, id, "1.0.0"));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("loan-approval: the seeds' credit_score 720 approves with the seeds' decision", () => {
    const decision = evaluatePolicy(policy("loan-approval"), {
      credit_score: 720,
      loan_amount: 15000,
    });
    const { rule_id: _ruleId, ...outcome } = decision;
    expect(outcome).toEqual({
      action: "approve",
      requires_override: false,
      reason: "Credit score meets standard threshold.",
    });
  });

  it("loan-approval: lower scores go to manual review (override) or rejection", () => {
    const loan = policy("loan-approval");
    expect(evaluatePolicy(loan, { credit_score: 650, loan_amount: 15000 })).toMatchObject({
      action: "manual_review",
      requires_override: true,
    });
    expect(evaluatePolicy(loan, { credit_score: 720, loan_amount: 900000 })).toMatchObject({
      action: "manual_review",
      requires_override: true,
    });
    expect(evaluatePolicy(loan, { credit_score: 540, loan_amount: 15000 })).toMatchObject({
      action: "reject",
      requires_override: false,
    });
  });

  it("claims-approval: gold within limit approves; large claims need a claims or risk manager; inactive rejects", () => {
    const claims = policy("claims-approval");
    expect(
      evaluatePolicy(claims, { claim_amount: 120000, policy_active: true, customer_tier: "gold" }),
    ).toEqual({
      action: "approve",
      requires_override: false,
      reason: "Approved: gold tier within standard limit.",
      rule_id: "approve-gold",
    });
    const large = evaluatePolicy(claims, {
      claim_amount: 750000,
      policy_active: true,
      customer_tier: "gold",
    });
    expect(large).toMatchObject({ action: "manual_review", requires_override: true });
    expect(claims.overrideRolesFor(large.rule_id)).toEqual(["claims-manager", "risk-manager"]);
    expect(
      evaluatePolicy(claims, { claim_amount: 100, policy_active: false, customer_tier: "gold" }),
    ).toMatchObject({ action: "reject" });
    const bronzeAboveLimit = evaluatePolicy(claims, {
      claim_amount: 60000,
      policy_active: true,
      customer_tier: "bronze",
    });
    expect(bronzeAboveLimit).toMatchObject({
      requires_override: true,
      rule_id: "review-above-tier-limit",
    });
    expect(claims.overrideRolesFor(bronzeAboveLimit.rule_id)).toEqual([
      "claims-manager",
      "risk-manager",
    ]);
  });

  it("personal-loan: the provenance seed's applicant is approved", () => {
    const decision = evaluatePolicy(policy("personal-loan"), {
      monthly_income: 82000,
      cibil_score: 742,
      employed: true,
    });
    expect(decision).toMatchObject({ action: "approve", requires_override: false });
    expect(
      evaluatePolicy(policy("personal-loan"), {
        monthly_income: 82000,
        cibil_score: 742,
        employed: false,
      }).action,
    ).toBe("reject");
  });

  it("payment-approval: low risk approves, high risk and blocked merchants reject, large amounts hold", () => {
    const payments = policy("payment-approval");
    const base = { amount: 2500, currency: "INR", merchant_risk: "low", merchant_id: "MER-1001" };
    expect(evaluatePolicy(payments, base).action).toBe("approve");
    expect(evaluatePolicy(payments, { ...base, merchant_risk: "high" }).action).toBe("reject");
    expect(evaluatePolicy(payments, { ...base, merchant_id: "MER-BLOCKED-0002" }).action).toBe(
      "reject",
    );
    expect(evaluatePolicy(payments, { ...base, amount: 250000 })).toMatchObject({
      action: "hold",
      requires_override: true,
    });
    expect(evaluatePolicy(payments, { ...base, currency: "USD", amount: 6000 })).toMatchObject({
      action: "hold",
      requires_override: true,
    });
    expect(
      evaluatePolicy(payments, { ...base, merchant_risk: "medium", amount: 20000 }).action,
    ).toBe("hold");
  });
});
