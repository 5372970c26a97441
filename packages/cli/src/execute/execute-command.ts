import { executeFromSignals, LocalVerifier, MemoryReplayStore } from "@parmanasystems/core";
import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { booleanOption, requiredStringOption, stringOption } from "../cli/option-values.js";
import { EXECUTION_INPUT_OPTIONS, readExecutionInput } from "./execution-input.js";
import { loadSigner } from "../io/load-keys.js";
import { loadTrustRootFile } from "../io/load-trust-root-file.js";
import { resolvePath } from "../io/resolve-path.js";
import { writeOutputFile } from "../io/write-output-file.js";

/** `parmana execute`: decide and sign an attestation locally, to try a policy end to end. */
export const executeCommand: CommandSpec = {
  path: ["execute"],
  summary:
    "Decide signals under a policy and sign the attestation with a local key (for trying a policy).",
  usage: "",
  description:
    "Runs core's executeFromSignals with a LocalSigner and an in-memory replay store (so replay\n" +
    "protection lasts for this one run only: this command is for trying policies, not for production).\n" +
    "The attestation is printed as JSON, or written to --out. With --trust-root, the policy must be\n" +
    "a signed bundle (`parmana policy build`) trusted by that root, the key must be in it, and the\n" +
    "attestation carries the root's trustRootVersion and the bundle's real hashes.",
  options: {
    ...EXECUTION_INPUT_OPTIONS,
    key: {
      type: "string",
      short: "k",
      valueName: "<private.pem>",
      description: "Signing key (required).",
    },
    "key-id": {
      type: "string",
      valueName: "<id>",
      description: "signerKeyId to write.",
      defaultText: "key.json beside the key, else derived",
    },
    "trust-root": {
      type: "string",
      valueName: "<file>",
      description: "Serve only signed bundles trusted by this root; sets trustRootVersion.",
    },
    out: {
      type: "string",
      short: "o",
      valueName: "<file>",
      description: "Write the attestation here instead of stdout.",
    },
    force: { type: "boolean", description: "Replace an existing --out file." },
  },
  positionals: { min: 0, max: 0 },
  examples: [
    "parmana execute --policy-id loan-approval --policy-version 1.0.0 --signals signals.json --key keys/private.pem --out attestation.json",
  ],
  async run(context) {
    const { io } = context;
    const keyPath = requiredStringOption(context, "key");
    const trustRootPath = stringOption(context, "trust-root");
    const root = trustRootPath === undefined ? undefined : loadTrustRootFile(io, trustRootPath);
    const { input, policies } = readExecutionInput(context, root);
    // With a trust root, core applies the one rule for both paths: the key must be an
    // attestation key of the root (TRUST-090), found by its id or its public key, and the
    // attestation carries the root's trustRootVersion and key id.
    const signer = loadSigner(io, keyPath, stringOption(context, "key-id"));
    // A one-shot command with its own replay store: the library's "no executionId" warning
    // (about replay keys in a long-running service) does not apply, so it is marked as given.
    (globalThis as Record<symbol, unknown>)[
      Symbol.for("@parmanasystems/core/warnedMissingExecutionId")
    ] = true;
    const attestation = await executeFromSignals(
      input,
      signer,
      new LocalVerifier(signer.publicKeyPem),
      {
        replayStore: new MemoryReplayStore({ warnInProduction: false }),
        policies,
        ...(root === undefined ? { signerKeyId: signer.keyId } : {}),
      },
    );
    const text = `${JSON.stringify(attestation, null, 2)}\n`;
    const out = stringOption(context, "out");
    if (out === undefined) {
      io.stdout.write(text);
    } else {
      writeOutputFile(resolvePath(io, out), text, out, { force: booleanOption(context, "force") });
      io.stdout.write(
        `${attestation.decision.action} (${attestation.execution_state}) ${attestation.policyId}@${attestation.policyVersion}\n` +
          `  executionId  ${attestation.executionId}\n  signerKeyId  ${attestation.signerKeyId}\n  written to   ${out}\n`,
      );
    }
    return EXIT_CODES.ok;
  },
};
