export { CliError, usageError } from "./cli-error.js";
export { CLI_CODES } from "./cli-codes.js";
export type { CliCodeEntry } from "./cli-codes.js";
