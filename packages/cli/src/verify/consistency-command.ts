import { verifyConsistency } from "@parmanasystems/core";
import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { booleanOption, positional, requiredStringOption } from "../cli/option-values.js";
import { MARKS, styleFor } from "../cli/style.js";
import { CliError } from "../errors/index.js";
import { loadLogKey } from "../io/load-log-key.js";
import { isJsonObject, readJsonFile, readTextFile } from "../io/read-text-file.js";
import { resolvePath } from "../io/resolve-path.js";

/** `parmana verify consistency`: check that the log only grew between two checkpoints. */
export const verifyConsistencyCommand: CommandSpec = {
  path: ["verify", "consistency"],
  summary: "Verify that the audit log only grew between two signed checkpoints.",
  usage: "<old-checkpoint> <new-checkpoint>",
  description:
    "Both checkpoints must be signed by --key (TRUST-082) and come from the same log (TRUST-086); the\n" +
    "proof ({ oldSize, newSize, hashes }, from `parmana audit checkpoint --since`) must show the old tree\n" +
    "is a prefix of the new one (TRUST-085): nothing logged before the old checkpoint was changed,\n" +
    "reordered or dropped.\n" +
    "Exit code: 0 consistent, 1 not consistent, 2 usage or input error.",
  options: {
    proof: {
      type: "string",
      valueName: "<proof.json>",
      description: "The consistency proof between the two sizes.",
    },
    key: {
      type: "string",
      short: "k",
      valueName: "<log.pem|log.vkey>",
      description: "The log's Ed25519 public key (PEM), or its note verifier key line.",
    },
    json: { type: "boolean", description: "Print the result as JSON." },
  },
  positionals: { min: 2, max: 2 },
  examples: [
    "parmana verify consistency saved/checkpoint today/checkpoint --proof consistency.json --key log.pem",
  ],
  async run(context) {
    const { io } = context;
    const oldPath = positional(context, 0, "old checkpoint");
    const newPath = positional(context, 1, "new checkpoint");
    const proofPath = requiredStringOption(context, "proof");
    const key = loadLogKey(io, requiredStringOption(context, "key"));
    const oldNote = readTextFile(resolvePath(io, oldPath), "old checkpoint", oldPath);
    const newNote = readTextFile(resolvePath(io, newPath), "new checkpoint", newPath);
    const file = readJsonFile(resolvePath(io, proofPath), "consistency proof", proofPath);
    // Accept the proof itself, or a file that carries it under "proof" (as `audit checkpoint --since` writes).
    const proof = isJsonObject(file) && isJsonObject(file.proof) ? file.proof : file;
    if (
      !isJsonObject(proof) ||
      !("oldSize" in proof) ||
      !("newSize" in proof) ||
      !("hashes" in proof)
    ) {
      throw new CliError(
        "CLI-041",
        `${proofPath} is not a consistency proof ({ oldSize, newSize, hashes })`,
      );
    }
    const result = verifyConsistency(oldNote, newNote, proof, key);
    if (booleanOption(context, "json")) {
      io.stdout.write(
        `${JSON.stringify({
          valid: result.valid,
          origin: result.newCheckpoint?.origin ?? result.oldCheckpoint?.origin ?? null,
          oldSize: result.oldCheckpoint?.treeSize ?? null,
          newSize: result.newCheckpoint?.treeSize ?? null,
          errors: result.errors,
        })}\n`,
      );
    } else {
      const style = styleFor(io, io.stdout);
      const from = result.oldCheckpoint?.treeSize ?? "?";
      const to = result.newCheckpoint?.treeSize ?? "?";
      const lines = [
        result.valid
          ? `${style.ok(`${MARKS.pass} CONSISTENT`)}   the log only grew: ${from} -> ${to} entries`
          : `${style.bad(`${MARKS.fail} INCONSISTENT`)} not proven that the log only grew (${from} -> ${to})`,
        `    ${style.dim("log".padEnd(12))} ${result.newCheckpoint?.origin ?? result.oldCheckpoint?.origin ?? "-"}`,
        `    ${style.dim("old".padEnd(12))} ${oldPath}`,
        `    ${style.dim("new".padEnd(12))} ${newPath}`,
      ];
      for (const error of result.errors) lines.push(`    ${style.bad("error:")} ${error}`);
      io.stdout.write(`${lines.join("\n")}\n`);
    }
    return result.valid ? EXIT_CODES.ok : EXIT_CODES.failed;
  },
};
