import { usageError } from "../errors/index.js";
import type { CommandContext } from "./command.types.js";

/**
 * Reads a string option.
 *
 * @param context - the command context
 * @param name - option name without dashes
 * @returns the value, or undefined when the option was not given
 */
export function stringOption(context: CommandContext, name: string): string | undefined {
  const value = context.values[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw usageError(`--${name} takes a value`, context.commandName);
  if (value === "") throw usageError(`--${name} must not be empty`, context.commandName);
  return value;
}

/**
 * Reads a string option that must be present.
 *
 * @param context - the command context
 * @param name - option name without dashes
 * @returns the value
 * @throws CliError `CLI-001` when it is missing
 */
export function requiredStringOption(context: CommandContext, name: string): string {
  const value = stringOption(context, name);
  if (value === undefined)
    throw usageError(`missing required option --${name}`, context.commandName);
  return value;
}

/**
 * Reads a boolean flag.
 *
 * @param context - the command context
 * @param name - flag name without dashes
 * @returns true when the flag was given
 */
export function booleanOption(context: CommandContext, name: string): boolean {
  return context.values[name] === true;
}

/**
 * Reads a repeatable string option.
 *
 * @param context - the command context
 * @param name - option name without dashes
 * @returns every value given, in order (empty when none)
 */
export function multipleStringOption(context: CommandContext, name: string): readonly string[] {
  const value = context.values[name];
  if (value === undefined) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value as readonly string[];
  throw usageError(`--${name} takes a value`, context.commandName);
}

/**
 * Returns the positional at `index`, which the command's spec guarantees exists.
 *
 * @param context - the command context
 * @param index - position
 * @param what - what it is, for the message when it is missing
 * @returns the positional
 */
export function positional(context: CommandContext, index: number, what: string): string {
  const value = context.positionals[index];
  if (value === undefined || value === "") throw usageError(`missing ${what}`, context.commandName);
  return value;
}
