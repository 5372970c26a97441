import { parseArgs } from "node:util";
import { usageError } from "../errors/index.js";
import { COMMAND_GROUPS, COMMANDS } from "./command-list.js";
import { cliVersion } from "./cli-version.js";
import type { CliIo, CommandSpec, OptionSpec } from "./command.types.js";
import { EXIT_CODES } from "./exit-codes.js";
import { COMMON_OPTIONS, formatCommandHelp, formatGroupHelp } from "./help.js";
import { oneLine, reportError } from "./report-error.js";

/**
 * Runs the `parmana` command line.
 *
 * Never throws: every failure is printed as one coded line on stderr (with the stack trace
 * only under `--debug`) and turned into an exit code.
 *
 * @param argv - the arguments after `parmana`
 * @param io - standard streams, working directory and environment
 * @returns the process exit code (0 ok, 1 invalid / failed checks, 2 usage or input error)
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    return await dispatch(argv, io, debug);
  } catch (error) {
    return reportError(error, io, debug);
  }
}

function findCommand(argv: readonly string[]): CommandSpec | undefined {
  let best: CommandSpec | undefined;
  for (const spec of COMMANDS) {
    if (spec.path.every((word, index) => argv[index] === word)) {
      if (best === undefined || spec.path.length > best.path.length) best = spec;
    }
  }
  return best;
}

async function dispatch(argv: readonly string[], io: CliIo, debug: boolean): Promise<number> {
  const first = argv[0];
  if (first === "--version" || first === "-v" || first === "version") {
    io.stdout.write(`${cliVersion()}\n`);
    return EXIT_CODES.ok;
  }
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    io.stdout.write(formatGroupHelp([], COMMANDS, COMMAND_GROUPS));
    return first === undefined ? EXIT_CODES.error : EXIT_CODES.ok;
  }
  const spec = findCommand(argv);
  if (spec === undefined) {
    const group = COMMAND_GROUPS.find((candidate) => candidate.name === first);
    const second = argv[1];
    if (group !== undefined) {
      if (second === undefined || second === "--help" || second === "-h") {
        io.stdout.write(formatGroupHelp([group.name], COMMANDS, COMMAND_GROUPS));
        return second === undefined ? EXIT_CODES.error : EXIT_CODES.ok;
      }
      if (group.name === "verify" && !second.startsWith("-")) {
        throw usageError(
          `unknown command 'verify ${second}'; did you mean \`parmana verify attestation ${second}\`?`,
          "verify",
        );
      }
      throw usageError(`unknown command '${group.name} ${second}'`, group.name);
    }
    throw usageError(`unknown command '${first}'`);
  }
  return runCommand(spec, argv.slice(spec.path.length), io, debug);
}

/**
 * Parses a command's arguments and runs it (also used by `parmana-verify`).
 *
 * @param spec - the command
 * @param args - the arguments after the command's words
 * @param io - streams and environment
 * @param debug - whether --debug was given
 * @returns the exit code
 */
export async function runCommand(
  spec: CommandSpec,
  args: readonly string[],
  io: CliIo,
  debug: boolean,
): Promise<number> {
  const commandName = spec.path.join(" ");
  const options: Record<string, OptionSpec> = { ...spec.options, ...COMMON_OPTIONS };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      options: Object.fromEntries(
        Object.entries(options).map(([name, option]) => [
          name,
          {
            type: option.type,
            ...(option.short === undefined ? {} : { short: option.short }),
            ...(option.multiple === true ? { multiple: true } : {}),
          },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    }) as { values: Record<string, unknown>; positionals: string[] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node's parser explains how to pass '-'-prefixed positionals at length; the first sentence says what is wrong.
    throw usageError(oneLine(message).split(". ")[0]?.replace(/\.$/, "") ?? message, commandName);
  }
  if (parsed.values.help === true) {
    io.stdout.write(formatCommandHelp(spec));
    return EXIT_CODES.ok;
  }
  const count = parsed.positionals.length;
  if (count < spec.positionals.min) {
    throw usageError(`missing argument${spec.usage === "" ? "" : `: ${spec.usage}`}`, commandName);
  }
  if (count > spec.positionals.max) {
    const extra = parsed.positionals[spec.positionals.max] ?? "";
    throw usageError(`unexpected argument '${extra}'`, commandName);
  }
  return spec.run({
    values: parsed.values as Record<string, string | boolean | readonly string[] | undefined>,
    positionals: parsed.positionals,
    io,
    debug,
    commandName,
  });
}
