import type { CommandGroup, CommandSpec } from "../cli/command.types.js";
import { auditExportCommand } from "./audit/export.js";
import { auditMigrateCommand } from "./audit/migrate.js";
import { auditQueryCommand } from "./audit/query.js";
import { auditStatsCommand } from "./audit/stats.js";
import { auditVerifyCommand } from "./audit/verify.js";
import { auditCheckpointCommand } from "./audit/checkpoint.js";
import { auditProveCommand } from "./audit/prove.js";
import { executeCommand } from "./execute.js";
import { keygenCommand } from "./keygen.js";
import { simulateCommand } from "./simulate.js";
import { policyBuildCommand } from "./policy/build.js";
import { policyCompileCommand } from "./policy/compile.js";
import { policyCreateCommand } from "./policy/create.js";
import { policyUpgradeCommand, workspaceUpgradeCommand } from "./policy/upgrade.js";
import { policyTestCommand } from "./policy/test.js";
import { trustAddKeyCommand } from "./trust/add-key.js";
import { trustInitCommand } from "./trust/init.js";
import { trustRevokeCommand } from "./trust/revoke.js";
import { trustRotateCommand } from "./trust/rotate.js";
import { verifyAttestationCommand } from "./verify/attestation.js";
import { verifyBundleCommand } from "./verify/bundle.js";
import { verifyConsistencyCommand } from "./verify/consistency.js";
import { verifyInclusionCommand } from "./verify/inclusion.js";
import { verifyRuntimeCommand } from "./verify/runtime.js";

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
