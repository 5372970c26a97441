import { approveOverride } from "@parmanasystems/core";

const override = await approveOverride({
  executionId:   attestation.executionId,
  approved_by:   "user@example.com",
  approver_role: "risk-manager",
  reason:        "Manually reviewed and approved based on supporting documentation.",
});
