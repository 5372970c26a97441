import { inspect } from "node:util";

/** Everything an error could show a log: message, details, cause chain, inspection. */
export function everythingShown(error: unknown): string {
  return `${inspect(error, { depth: 10 })}\n${JSON.stringify(error)}\n${JSON.stringify((error as { details?: unknown }).details)}`;
}
