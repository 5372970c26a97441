import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { booleanOption, positional, stringOption } from "../cli/option-values.js";
import { AUDIT_LOG_OPTIONS, openAuditLog } from "./open-audit-log.js";
import { resolvePath } from "../io/resolve-path.js";
import { writeOutputFile } from "../io/write-output-file.js";

/** `parmana audit prove`: write the inclusion proof of one decision. */
export const auditProveCommand: CommandSpec = {
  path: ["audit", "prove"],
  summary: "Write the proof that a decision is in the audit log (for `parmana verify inclusion`).",
  usage: "<executionId>",
  description:
    "Prints (or writes --out) a JSON file holding the stored attestation, its Merkle inclusion proof and\n" +
    "the latest signed checkpoint. Anyone with the log's public key can check it offline with\n" +
    "`parmana verify inclusion proof.json --key log.pem`. With --key, a new checkpoint is published\n" +
    "when none covers the decision yet; without it, one must have been published (STORE-084).",
  options: {
    ...AUDIT_LOG_OPTIONS,
    key: {
      type: "string",
      short: "k",
      valueName: "<log-private.pem>",
      description: "The log's private key, to publish a checkpoint when needed.",
    },
    out: { type: "string", valueName: "<file>", description: "Write the proof here." },
    force: { type: "boolean", description: "Replace an existing output file." },
  },
  positionals: { min: 1, max: 1 },
  examples: [
    "parmana audit prove claim-CLM-2024-00441 --origin audit.example.com/decisions > proof.json",
    "parmana audit prove claim-CLM-2024-00441 --origin audit.example.com/decisions --key keys/log/private.pem --out proof.json",
  ],
  async run(context) {
    const { io } = context;
    const executionId = positional(context, 0, "executionId");
    const { db, log } = openAuditLog(context, stringOption(context, "key"));
    try {
      const bundle = await log.proveDecision(executionId);
      const text = `${JSON.stringify(bundle, null, 2)}\n`;
      const out = stringOption(context, "out");
      if (out === undefined) io.stdout.write(text);
      else
        writeOutputFile(resolvePath(io, out), text, out, {
          force: booleanOption(context, "force"),
        });
      return EXIT_CODES.ok;
    } finally {
      await db.close();
    }
  },
};
