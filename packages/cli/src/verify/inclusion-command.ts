import { verifyInclusion, type InclusionVerificationResult } from "@parmanasystems/core";
import type { CommandContext, CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import {
  booleanOption,
  positional,
  requiredStringOption,
  stringOption,
} from "../cli/option-values.js";
import { MARKS, styleFor } from "../cli/style.js";
import { CliError } from "../errors/index.js";
import { loadLogKey } from "../io/load-log-key.js";
import { isJsonObject, readJsonFile, readTextFile } from "../io/read-text-file.js";
import { resolvePath } from "../io/resolve-path.js";

/** The `type` of the file `parmana audit prove` writes. */
const PROOF_TYPE = "parmana.inclusion-proof/v1";

/** `parmana verify inclusion`: check that an attestation is in the transparency log. */
export const verifyInclusionCommand: CommandSpec = {
  path: ["verify", "inclusion"],
  summary: "Verify that an attestation is in the audit log (inclusion proof + signed checkpoint).",
  usage: "<proof.json>",
  description:
    "proof.json is what `parmana audit prove` writes: the attestation, its inclusion proof and the\n" +
    "log's signed checkpoint. The checkpoint must be signed by --key (TRUST-082) and the proof must lead\n" +
    "from the attestation to the checkpoint's root (TRUST-084). With --checkpoint, the proof is checked\n" +
    "against a checkpoint you hold instead of the one in the file.\n" +
    "Exit code: 0 valid, 1 invalid, 2 usage or input error.",
  options: {
    key: {
      type: "string",
      short: "k",
      valueName: "<log.pem|log.vkey>",
      description: "The log's Ed25519 public key (PEM), or its note verifier key line.",
    },
    checkpoint: {
      type: "string",
      valueName: "<checkpoint>",
      description: "A signed checkpoint you saved, to check the proof against.",
    },
    json: { type: "boolean", description: "Print the result as JSON." },
  },
  positionals: { min: 1, max: 1 },
  examples: [
    "parmana verify inclusion proof.json --key log.pem",
    "parmana verify inclusion proof.json --key log.pem --checkpoint saved/checkpoint-2026-11-28",
  ],
  async run(context) {
    const { io } = context;
    const file = positional(context, 0, "proof file");
    const key = loadLogKey(io, requiredStringOption(context, "key"));
    const bundle = readJsonFile(resolvePath(io, file), "proof file", file);
    if (
      !isJsonObject(bundle) ||
      bundle.type !== PROOF_TYPE ||
      !isJsonObject(bundle.proof) ||
      typeof bundle.checkpoint !== "string" ||
      !("attestation" in bundle)
    ) {
      throw new CliError(
        "CLI-040",
        `${file} is not an inclusion proof file ({ "type": "${PROOF_TYPE}", attestation, proof, checkpoint })`,
      );
    }
    const checkpointPath = stringOption(context, "checkpoint");
    const checkpoint =
      checkpointPath === undefined
        ? bundle.checkpoint
        : readTextFile(resolvePath(io, checkpointPath), "checkpoint", checkpointPath);
    const result = verifyInclusion(bundle.attestation, bundle.proof, checkpoint, key);
    printInclusion(context, file, bundle.attestation, result);
    return result.valid ? EXIT_CODES.ok : EXIT_CODES.failed;
  },
};

function printInclusion(
  context: CommandContext,
  file: string,
  attestation: unknown,
  result: InclusionVerificationResult,
): void {
  const { io } = context;
  const executionId = isJsonObject(attestation) ? attestation.executionId : undefined;
  const checkpoint = result.checkpoint;
  if (booleanOption(context, "json")) {
    io.stdout.write(
      `${JSON.stringify({
        source: file,
        valid: result.valid,
        executionId: typeof executionId === "string" ? executionId : null,
        leafIndex: result.leafIndex ?? null,
        origin: checkpoint?.origin ?? null,
        treeSize: checkpoint?.treeSize ?? null,
        rootHash:
          checkpoint === undefined ? null : Buffer.from(checkpoint.rootHash).toString("base64"),
        errors: result.errors,
      })}\n`,
    );
    return;
  }
  const style = styleFor(io, io.stdout);
  const lines = [
    result.valid
      ? `${style.ok(`${MARKS.pass} VALID`)}   ${file}: in the log`
      : `${style.bad(`${MARKS.fail} INVALID`)} ${file}: not proven to be in the log`,
    `    ${style.dim("executionId".padEnd(12))} ${typeof executionId === "string" ? executionId : "-"}`,
    `    ${style.dim("leafIndex".padEnd(12))} ${result.leafIndex ?? "-"}`,
    `    ${style.dim("log".padEnd(12))} ${checkpoint?.origin ?? "-"}`,
    `    ${style.dim("treeSize".padEnd(12))} ${checkpoint?.treeSize ?? "-"}`,
    `    ${style.dim("rootHash".padEnd(12))} ${checkpoint === undefined ? "-" : Buffer.from(checkpoint.rootHash).toString("base64")}`,
  ];
  for (const error of result.errors) lines.push(`    ${style.bad("error:")} ${error}`);
  io.stdout.write(`${lines.join("\n")}\n`);
}
