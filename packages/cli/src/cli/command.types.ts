/** One option of a command, as `node:util` parseArgs understands it plus help text. */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly multiple?: boolean;
  /** Placeholder shown in help, e.g. `<file>`. */
  readonly valueName?: string;
  readonly description: string;
  /** Default shown in help (and applied by the command, not by the parser). */
  readonly defaultText?: string;
}

/** Where a command writes and reads; injectable so commands never touch `process` directly. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A text sink that may be a terminal. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Parsed option values of a command. */
export type OptionValues = Readonly<
  Record<string, string | boolean | readonly string[] | undefined>
>;

/** What a command's `run` receives. */
export interface CommandContext {
  readonly values: OptionValues;
  readonly positionals: readonly string[];
  readonly io: CliIo;
  readonly debug: boolean;
  /** The command's words, e.g. `"policy compile"`, for messages that point at --help. */
  readonly commandName: string;
}

/** A leaf command such as `parmana policy compile`. */
export interface CommandSpec {
  /** Words after `parmana`, e.g. `["policy", "compile"]`. */
  readonly path: readonly string[];
  /** One line for command lists. */
  readonly summary: string;
  /** Positional part of the usage line, e.g. `<dir|file>`. */
  readonly usage: string;
  /** Longer text shown in the command's --help. */
  readonly description?: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** How many positionals are accepted. */
  readonly positionals: { readonly min: number; readonly max: number };
  readonly examples?: readonly string[];
  /** Runs the command; returns the process exit code. */
  run(context: CommandContext): Promise<number>;
}

/** A group of commands such as `parmana policy`. */
export interface CommandGroup {
  readonly name: string;
  readonly summary: string;
}
