import { existsSync, readFileSync } from "node:fs";
import { AuditDb } from "@parmanasystems/audit-db";
import type { CommandContext, OptionSpec } from "../cli/command.types.js";
import { stringOption } from "../cli/option-values.js";
import { CliError } from "../errors/index.js";
import { resolvePath } from "../io/resolve-path.js";

/** Where the embedded audit database lives, relative to the working directory. */
export const EMBEDDED_AUDIT_DB = ".parmana/audit-db";

/** The options every `parmana audit` command takes. */
export const AUDIT_DB_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  db: {
    type: "string",
    valueName: "<url|dir>",
    description: "postgres://… URL, or the folder of an embedded database.",
    defaultText: EMBEDDED_AUDIT_DB,
  },
  schema: {
    type: "string",
    valueName: "<name>",
    description: "Schema of the audit tables.",
    defaultText: "public",
  },
  json: { type: "boolean", description: "Print JSON (NDJSON for rows) instead of text." },
};

/**
 * Opens the audit database the command names: `--db postgres://…`, `--db <folder>` (embedded), or
 * the embedded database of the working directory. Reading commands refuse to create an empty
 * embedded database where there is none.
 *
 * @throws CliError `CLI-030` no embedded database to read
 */
export function openAuditDb(context: CommandContext, purpose: "read" | "migrate"): AuditDb {
  const db = stringOption(context, "db");
  const schema = stringOption(context, "schema");
  const common = {
    ...(schema === undefined ? {} : { schema }),
    autoMigrate: purpose === "migrate",
  };
  if (db !== undefined && /^postgres(ql)?:\/\//i.test(db)) return new AuditDb(db, common);
  const dataDir = resolvePath(context.io, db ?? EMBEDDED_AUDIT_DB);
  if (purpose === "read" && !existsSync(dataDir)) {
    throw new CliError(
      "CLI-030",
      `no audit database at ${db ?? EMBEDDED_AUDIT_DB} (run \`parmana audit migrate\` or record decisions first, or pass --db)`,
    );
  }
  return new AuditDb({ dataDir, ...common });
}

/**
 * Reads `--signals`: a JSON policy condition, or `@file` holding one.
 *
 * @throws CliError `CLI-031` not JSON, `CLI-002`/`CLI-003` unreadable file
 */
export function signalsCondition(context: CommandContext): unknown {
  const text = stringOption(context, "signals");
  if (text === undefined) return undefined;
  let json = text;
  if (text.startsWith("@")) {
    const path = resolvePath(context.io, text.slice(1));
    if (!existsSync(path)) throw new CliError("CLI-002", `file not found: ${text.slice(1)}`);
    json = readFileSync(path, "utf8");
  }
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    throw new CliError(
      "CLI-031",
      `--signals is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
