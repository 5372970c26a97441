import { availableParallelism } from "node:os";
import type { CommandSpec, OutputStream } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { booleanOption, stringOption } from "../cli/option-values.js";
import { styleFor } from "../cli/style.js";
import { CliError, usageError } from "../errors/index.js";
import { reportError } from "../cli/report-error.js";
import type { CommandContext } from "../cli/command.types.js";
import { bufferOutput } from "../io/output-buffer.js";
import { resolvePath } from "../io/resolve-path.js";
import { createAttestationChecker } from "./attestation-checker.js";
import { checkJob } from "./check-job.js";
import { formatDocumentedOutcome } from "./format-documented.js";
import { collectJobs } from "./collect-jobs.js";
import { formatOutcome, formatSummary, outcomeRecord } from "./format-outcome.js";
import { VERIFICATION_KEY_OPTIONS } from "./key-options.js";
import { createProgressBar } from "./progress-bar.js";
import type { CheckerConfig, VerificationSummary } from "./verification.types.js";
import { verifyMany } from "./verify-many.js";

/**
 * In automatic mode, up to this many attestations are verified in-process: starting a worker
 * (loading core, building its verifier) costs about as much as verifying a few hundred
 * attestations on one core. An explicit --workers always uses the pool.
 */
const IN_PROCESS_THRESHOLD = 256;

/** `parmana verify attestation`: verify one or many attestations. */
export const verifyAttestationCommand: CommandSpec = {
  path: ["verify", "attestation"],
  summary: "Verify attestations (files, folders, globs, or NDJSON on stdin).",
  usage: "[paths|globs|-...]",
  description:
    "Prints one line per check (signature_verified, runtime_verified, schema_compatible, governed) with\n" +
    "✓/✗ and the attestation's identity, then a summary. Many inputs are verified on all cores.\n" +
    "Inputs: files, folders (every *.json below them), quoted globs, '-' for stdin. With no path and a\n" +
    "piped stdin, stdin is read: NDJSON (one attestation per line) or one JSON document.\n" +
    "Exit code: 0 all valid, 1 any invalid, 2 usage or input error (unreadable or malformed input wins).\n" +
    "The documented standalone form `parmana-verify --attestation <file> --public-key <pem>` verifies one\n" +
    "file and prints the three documented checks and the decision; it exits 0 valid, 1 for anything else.",
  options: {
    ...VERIFICATION_KEY_OPTIONS,
    "public-key": {
      type: "string",
      valueName: "<public.pem>",
      description: "Same as --key.",
    },
    attestation: {
      type: "string",
      valueName: "<file>",
      description:
        "Verify this one file and print the documented report (exit 0 valid, 1 otherwise).",
    },
    policy: {
      type: "string",
      valueName: "<dir|policy.json>",
      description:
        "Also check the attestation matches this policy (bundle hash, re-evaluated decision).",
    },
    signals: {
      type: "string",
      valueName: "<file>",
      description: "Also check signalsHash and fingerprint against these signals.",
    },
    json: {
      type: "boolean",
      description: "Print one JSON object per attestation (NDJSON); summary goes to stderr.",
    },
    quiet: {
      type: "boolean",
      short: "q",
      description: "Print only invalid attestations, errors and the summary.",
    },
    workers: {
      type: "string",
      valueName: "<n>",
      description: "Worker threads for many inputs; 0 verifies in-process.",
      defaultText: "available cores",
    },
  },
  positionals: { min: 0, max: Number.POSITIVE_INFINITY },
  examples: [
    "parmana verify attestation attestation.json --key keys/public.pem",
    "parmana verify attestation 'attestations/**/*.json' --trust-root trust/trust-root.json --quiet",
    "cat attestations.ndjson | parmana verify attestation --key public.pem --json",
    "parmana-verify attestation.json --key public.pem",
    "parmana-verify --attestation attestation.json --public-key public.pem",
  ],
  async run(context) {
    const { io } = context;
    const key = keyOption(context);
    const trustRoot = stringOption(context, "trust-root");
    if ((key === undefined) === (trustRoot === undefined)) {
      throw usageError(
        "give exactly one of --key <public.pem> or --trust-root <trust-root.json>",
        context.commandName,
      );
    }
    const workersText = stringOption(context, "workers");
    let workers = availableParallelism();
    if (workersText !== undefined) {
      if (!/^\d+$/.test(workersText) || Number(workersText) > 256) {
        throw usageError(
          `--workers must be a whole number from 0 to 256, got '${workersText}'`,
          context.commandName,
        );
      }
      workers = Number(workersText);
    }
    const policyPath = stringOption(context, "policy");
    const signalsPath = stringOption(context, "signals");
    const documentedPath = stringOption(context, "attestation");
    if (documentedPath !== undefined && context.positionals.length > 0) {
      throw usageError(
        `give the attestation either with --attestation or as a path, not both (got '${context.positionals[0] ?? ""}')`,
        context.commandName,
      );
    }
    const config: CheckerConfig = {
      cwd: io.cwd,
      ...(key === undefined ? {} : { publicKeyPath: key }),
      ...(trustRoot === undefined ? {} : { trustRootPath: trustRoot }),
      ...(policyPath === undefined ? {} : { policyPath }),
      ...(signalsPath === undefined ? {} : { signalsPath }),
    };
    if (documentedPath !== undefined) return verifyDocumented(context, config, documentedPath);
    // Built here first so a missing or malformed key fails once, before any input is read.
    const checker = createAttestationChecker(config);

    if (context.positionals.length === 0 && io.stdin.isTTY === true) {
      throw usageError(
        "no attestations given (pass paths or globs, or pipe NDJSON to stdin)",
        context.commandName,
      );
    }
    const json = booleanOption(context, "json");
    const quiet = booleanOption(context, "quiet");
    const style = styleFor(io, io.stdout);
    const started = Date.now();
    const { batches, total } = await collectJobs(io, context.positionals);
    // Results are written a batch at a time; anything written to stderr (an input error, the
    // progress bar) first lets out the results held before it, so the order is as it happened.
    const out = bufferOutput(io.stdout);
    const stderr: OutputStream = {
      write: (text: string) => {
        out.flush();
        return io.stderr.write(text);
      },
      isTTY: io.stderr.isTTY,
      get columns() {
        return io.stderr.columns;
      },
    };
    const progress = createProgressBar(stderr, total);
    const summary: VerificationSummary = { valid: 0, invalid: 0, errors: 0 };

    let usedWorkers: number;
    try {
      ({ usedWorkers } = await verifyMany(batches, {
        config,
        checker,
        // A valid attestation's identity is printed only without --quiet, or in --json records.
        identityOfValid: json || !quiet,
        workers,
        inProcessThreshold: workersText === undefined ? IN_PROCESS_THRESHOLD : 0,
        workerUrl: new URL("./verify-worker.js", import.meta.url),
        onOutcome(outcome) {
          if (outcome.status === "valid") summary.valid += 1;
          else if (outcome.status === "invalid") summary.invalid += 1;
          else if (outcome.status === "error" && outcome.error.code === "CLI-007")
            summary.unmatched = (summary.unmatched ?? 0) + 1;
          else summary.errors += 1;
          // An input error is one coded line on stderr; people see results on stdout, machines get a record for every input.
          const show =
            json || outcome.status === "invalid" || (outcome.status === "valid" && !quiet);
          if (show || outcome.status === "error") progress.clear();
          if (outcome.status === "error") stderr.write(`parmana: ${outcome.error.message}\n`);
          if (json) out.write(`${JSON.stringify(outcomeRecord(outcome))}\n`);
          else if (show) out.write(formatOutcome(outcome, style));
          progress.tick();
        },
        onFlush: out.flush,
      }));
    } finally {
      out.flush();
    }
    progress.done();

    const count = summary.valid + summary.invalid + summary.errors + (summary.unmatched ?? 0);
    if (count === 0) throw new CliError("CLI-007", "no attestations to verify (stdin was empty)");
    (json ? io.stderr : io.stdout).write(formatSummary(summary, Date.now() - started, usedWorkers));
    if (summary.errors > 0 || (summary.unmatched ?? 0) > 0) return EXIT_CODES.error;
    return summary.invalid > 0 ? EXIT_CODES.failed : EXIT_CODES.ok;
  },
};

/** `--key` and its documented alias `--public-key`; giving both is ambiguous. */
function keyOption(context: CommandContext): string | undefined {
  const key = stringOption(context, "key");
  const publicKey = stringOption(context, "public-key");
  if (key !== undefined && publicKey !== undefined) {
    throw usageError(
      "give the key once: --key and --public-key are the same option",
      context.commandName,
    );
  }
  return key ?? publicKey;
}

/**
 * The documented standalone form: one file, the product's report, and its exit codes (0 valid;
 * 1 invalid, missing file or malformed input). Usage errors still exit 2 before this runs.
 */
function verifyDocumented(context: CommandContext, config: CheckerConfig, path: string): number {
  const { io } = context;
  try {
    const checker = createAttestationChecker(config);
    const outcome = checkJob({ source: path, path: resolvePath(io, path) }, checker);
    if (outcome.status === "error") {
      io.stderr.write(`parmana: ${outcome.error.message}\n`);
      return EXIT_CODES.failed;
    }
    io.stdout.write(formatDocumentedOutcome(outcome, styleFor(io, io.stdout)));
    return outcome.status === "valid" ? EXIT_CODES.ok : EXIT_CODES.failed;
  } catch (error) {
    reportError(error, io, context.debug);
    return EXIT_CODES.failed;
  }
}
