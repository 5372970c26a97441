import type { CommandGroup, CommandSpec } from "./command.types.js";
import { auditExportCommand } from "../audit/export-command.js";
import { auditMigrateCommand } from "../audit/migrate-command.js";
import { auditQueryCommand } from "../audit/query-command.js";
import { auditStatsCommand } from "../audit/stats-command.js";
import { auditVerifyCommand } from "../audit/verify-command.js";
import { auditCheckpointCommand } from "../audit/checkpoint-command.js";
import { auditProveCommand } from "../audit/prove-command.js";
import { executeCommand } from "../execute/execute-command.js";
import { keygenCommand } from "../keygen/keygen-command.js";
import { simulateCommand } from "../execute/simulate-command.js";
import { policyBuildCommand } from "../policy/build-command.js";
import { policyCompileCommand } from "../policy/compile-command.js";
import { policyCreateCommand } from "../policy/create-command.js";
import { policyUpgradeCommand, workspaceUpgradeCommand } from "../policy/upgrade-command.js";
import { policyTestCommand } from "../policy/test-command.js";
import { trustAddKeyCommand } from "../trust/add-key-command.js";
import { trustInitCommand } from "../trust/init-command.js";
import { trustRevokeCommand } from "../trust/revoke-command.js";
import { trustRotateCommand } from "../trust/rotate-command.js";
import { verifyAttestationCommand } from "../verify/attestation-command.js";
import { verifyBundleCommand } from "../verify/bundle-command.js";
import { verifyConsistencyCommand } from "../verify/consistency-command.js";
import { verifyInclusionCommand } from "../verify/inclusion-command.js";
import { verifyRuntimeCommand } from "../verify/runtime-command.js";

/** Every leaf command, in the order `parmana --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  keygenCommand,
  policyCreateCommand,
  policyCompileCommand,
  policyBuildCommand,
  policyTestCommand,
  policyUpgradeCommand,
  verifyAttestationCommand,
  verifyBundleCommand,
  verifyRuntimeCommand,
  verifyInclusionCommand,
  verifyConsistencyCommand,
  trustInitCommand,
  trustAddKeyCommand,
  trustRotateCommand,
  trustRevokeCommand,
  simulateCommand,
  executeCommand,
  workspaceUpgradeCommand,
  auditMigrateCommand,
  auditStatsCommand,
  auditQueryCommand,
  auditExportCommand,
  auditVerifyCommand,
  auditCheckpointCommand,
  auditProveCommand,
];

/** Command groups and their one-line summaries. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { name: "policy", summary: "Author, compile, sign, test and upgrade policies." },
  {
    name: "verify",
    summary: "Verify attestations, policy bundles, the runtime and audit log proofs.",
  },
  { name: "trust", summary: "Create and maintain a trust root (keys, rotation, revocation)." },
  { name: "workspace", summary: "Documented aliases: `workspace upgrade` is `policy upgrade`." },
  {
    name: "audit",
    summary:
      "Migrate, query, export and re-verify the audit database; transparency-log checkpoints and proofs.",
  },
];
