import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A small loan policy: low scores rejected, large loans reviewed (override required), else approved. */
export const LOAN_POLICY = {
  policyId: "loan-approval",
  policyVersion: "1.0.0",
  schemaVersion: "1.0.0",
  signalsSchema: {
    credit_score: { type: "integer" },
    loan_amount: { type: "number" },
  },
  rules: [
    {
      id: "reject-low-score",
      condition: { signal: "credit_score", less_than: 600 },
      outcome: { action: "reject", requires_override: false, reason: "Credit score below 600." },
    },
    {
      id: "review-large-loan",
      condition: { signal: "loan_amount", greater_than: 50000 },
      outcome: {
        action: "manual_review",
        requires_override: true,
        reason: "Large loans need a second look.",
      },
    },
    {
      id: "approve-standard",
      condition: { all: [] },
      outcome: {
        action: "approve",
        requires_override: false,
        reason: "Credit score meets standard threshold.",
      },
    },
  ],
} as const;

/**
 * Writes a JSON file, creating its folder.
 *
 * @param path - absolute path
 * @param value - JSON value
 */
export function writeJson(path: string, value: unknown): void {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Writes {@link LOAN_POLICY} (or a variant) under `policies/{id}/{version}/policy.json`.
 *
 * @param root - the policies root
 * @param policy - the document
 * @returns the version folder
 */
export function writePolicy(
  root: string,
  policy: { policyId: string; policyVersion: string } = LOAN_POLICY,
): string {
  const dir = join(root, policy.policyId, policy.policyVersion);
  writeJson(join(dir, "policy.json"), policy);
  return dir;
}
