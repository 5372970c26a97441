import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { booleanOption, requiredStringOption, stringOption } from "../cli/option-values.js";
import { AUDIT_LOG_OPTIONS, openAuditLog } from "./open-audit-log.js";
import { usageError } from "../errors/index.js";
import { readTextFile } from "../io/read-text-file.js";
import { resolvePath } from "../io/resolve-path.js";
import { writeOutputFile } from "../io/write-output-file.js";
import { openCheckpoint } from "@parmanasystems/core";

/** `parmana audit checkpoint`: sign and publish a checkpoint of the audit log. */
export const auditCheckpointCommand: CommandSpec = {
  path: ["audit", "checkpoint"],
  summary: "Sign a checkpoint of the audit database's transparency log (and prove it only grew).",
  usage: "",
  description:
    "Publishes a signed checkpoint (C2SP tlog-checkpoint: origin, size, root hash, Ed25519 signature)\n" +
    "of the log as it is now, stores it, and prints it (or writes --out). Give it to auditors: a\n" +
    "checkpoint they keep lets them prove later that no logged decision was changed or dropped.\n" +
    "With --since <old checkpoint>, also writes the consistency proof from that checkpoint to the new\n" +
    "one (--proof-out), for `parmana verify consistency`.",
  options: {
    ...AUDIT_LOG_OPTIONS,
    key: {
      type: "string",
      short: "k",
      valueName: "<log-private.pem>",
      description: "The log's Ed25519 private key (keep it apart from the attestation key).",
    },
    out: { type: "string", valueName: "<file>", description: "Write the checkpoint here." },
    since: {
      type: "string",
      valueName: "<checkpoint>",
      description: "A checkpoint published earlier: also prove the log only grew since.",
    },
    "proof-out": {
      type: "string",
      valueName: "<file>",
      description: "Where --since writes the consistency proof (JSON).",
    },
    force: { type: "boolean", description: "Replace existing output files." },
  },
  positionals: { min: 0, max: 0 },
  examples: [
    "parmana audit checkpoint --origin audit.example.com/decisions --key keys/log/private.pem --out checkpoints/today",
    "parmana audit checkpoint --origin audit.example.com/decisions --key keys/log/private.pem \\\n    --since checkpoints/yesterday --out checkpoints/today --proof-out checkpoints/yesterday-today.json",
  ],
  async run(context) {
    const { io } = context;
    const keyPath = requiredStringOption(context, "key");
    const since = stringOption(context, "since");
    const proofOut = stringOption(context, "proof-out");
    if ((since === undefined) !== (proofOut === undefined)) {
      throw usageError("give --since and --proof-out together", context.commandName);
    }
    const force = booleanOption(context, "force");
    const { db, log, publicKeyPem } = openAuditLog(context, keyPath);
    try {
      const checkpoint = await log.publishCheckpoint();
      const out = stringOption(context, "out");
      if (out === undefined) io.stdout.write(checkpoint.note);
      else {
        writeOutputFile(resolvePath(io, out), checkpoint.note, out, { force });
        io.stdout.write(
          `${out}: ${checkpoint.origin} at ${checkpoint.treeSize} decisions, root ${checkpoint.rootHash}\n`,
        );
      }
      if (since !== undefined && proofOut !== undefined && publicKeyPem !== undefined) {
        // The old checkpoint must be this log's, signed by this key: its size is then trustworthy.
        const oldNote = readTextFile(resolvePath(io, since), "checkpoint", since);
        const old = openCheckpoint(oldNote, { name: log.origin, publicKey: publicKeyPem });
        const proof = await log.getConsistencyProof(old.treeSize, checkpoint.treeSize);
        writeOutputFile(
          resolvePath(io, proofOut),
          `${JSON.stringify(proof, null, 2)}\n`,
          proofOut,
          {
            force,
          },
        );
        if (out !== undefined) {
          io.stdout.write(
            `${proofOut}: consistency proof ${old.treeSize} -> ${checkpoint.treeSize}\n`,
          );
        }
      }
      return EXIT_CODES.ok;
    } finally {
      await db.close();
    }
  },
};
