import type { CommandGroup, CommandSpec, OptionSpec } from "./command.types.js";

/** Options every command accepts; the runner handles them. */
export const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = Object.freeze({
  help: { type: "boolean", short: "h", description: "Show this help and exit." },
  debug: { type: "boolean", description: "Print stack traces and error details on failure." },
});

function optionLabel(name: string, spec: OptionSpec): string {
  const short = spec.short === undefined ? "    " : `-${spec.short}, `;
  const value = spec.type === "string" ? ` ${spec.valueName ?? "<value>"}` : "";
  return `${short}--${name}${value}`;
}

function table(rows: readonly (readonly [string, string])[], indent = "  "): string {
  const width = Math.min(34, Math.max(0, ...rows.map(([left]) => left.length)));
  return rows
    .map(([left, right]) =>
      left.length > width
        ? `${indent}${left}\n${indent}${" ".repeat(width)}  ${right}`
        : `${indent}${left.padEnd(width)}  ${right}`,
    )
    .join("\n");
}

/**
 * Formats the --help text of one command.
 *
 * @param spec - the command
 * @returns the help text, ending with a newline
 */
export function formatCommandHelp(spec: CommandSpec): string {
  const lines: string[] = [];
  const usage = [`parmana ${spec.path.join(" ")}`, spec.usage, "[options]"]
    .filter((part) => part !== "")
    .join(" ");
  lines.push(`Usage: ${usage}`, "", spec.summary);
  if (spec.description !== undefined) lines.push("", spec.description.trimEnd());
  const options = { ...spec.options, ...COMMON_OPTIONS };
  const rows = Object.entries(options).map(([name, option]): readonly [string, string] => [
    optionLabel(name, option),
    option.defaultText === undefined
      ? option.description
      : `${option.description} (default: ${option.defaultText})`,
  ]);
  lines.push("", "Options:", table(rows));
  if (spec.examples !== undefined && spec.examples.length > 0) {
    lines.push("", "Examples:", ...spec.examples.map((example) => `  ${example}`));
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Formats the help of a command group (`parmana policy --help`) or of the whole tool.
 *
 * @param prefix - the group's words (empty for the top level)
 * @param commands - every command
 * @param groups - group summaries
 * @returns the help text, ending with a newline
 */
export function formatGroupHelp(
  prefix: readonly string[],
  commands: readonly CommandSpec[],
  groups: readonly CommandGroup[],
): string {
  const lines: string[] = [];
  const name = ["parmana", ...prefix].join(" ");
  lines.push(`Usage: ${name} <command> [options]`, "");
  if (prefix.length === 0) {
    lines.push(
      "Parmana: keys, policies, signed bundles, trust roots and attestation verification.",
      "",
    );
  } else {
    const group = groups.find((candidate) => candidate.name === prefix[0]);
    if (group !== undefined) lines.push(group.summary, "");
  }
  const rows = commands
    .filter((spec) => prefix.every((word, index) => spec.path[index] === word))
    .map((spec): readonly [string, string] => [
      `${spec.path.join(" ")} ${spec.usage}`.trimEnd(),
      spec.summary,
    ]);
  lines.push("Commands:", table(rows), "");
  lines.push(
    "Global options:",
    table([
      ["-h, --help", "Show help (also after any command)."],
      ["    --version", "Print the version and exit."],
      ["    --debug", "Print stack traces and error details on failure."],
    ]),
    "",
    "Exit codes: 0 ok / all valid, 1 invalid or failed checks, 2 usage or input error.",
    `Run \`${name} <command> --help\` for a command's options.`,
  );
  return `${lines.join("\n")}\n`;
}
