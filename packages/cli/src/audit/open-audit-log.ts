import type { AuditDb, AuditLog } from "@parmanasystems/audit-db";
import type { CommandContext } from "../cli/command.types.js";
import { stringOption } from "../cli/option-values.js";
import { usageError } from "../errors/index.js";
import { loadSigner } from "../io/load-keys.js";

/** Options every `parmana audit` log command takes. */
export const AUDIT_LOG_OPTIONS = {
  database: {
    type: "string",
    valueName: "<url>",
    description:
      "Postgres URL of the audit database (default: $DATABASE_URL, else the embedded database in ./.parmana/audit-db).",
  },
  schema: {
    type: "string",
    valueName: "<name>",
    description: "Schema of the audit tables (default: public).",
  },
  origin: {
    type: "string",
    valueName: "<origin>",
    description:
      "The log's name, first line of its checkpoints, e.g. audit.example.com/decisions (default: $PARMANA_LOG_ORIGIN).",
  },
} as const;

/**
 * Opens the audit database and its transparency log for one command. The audit-db package (and
 * its Postgres drivers) is loaded only here, so other commands never pay for it.
 *
 * @param context - the command's context (options --database, --schema, --origin)
 * @param keyPath - the log's private key file, when the command signs checkpoints
 * @returns the database (close it), the log, and the log's public key when a key was given
 * @throws CliError `CLI-001` without an origin; key and store errors keep their codes
 */
export async function openAuditLog(
  context: CommandContext,
  keyPath: string | undefined,
): Promise<{ db: AuditDb; log: AuditLog; publicKeyPem: string | undefined }> {
  const origin = stringOption(context, "origin") ?? context.io.env["PARMANA_LOG_ORIGIN"];
  if (origin === undefined || origin.length === 0) {
    throw usageError(
      "give the log's origin with --origin <origin> (or PARMANA_LOG_ORIGIN)",
      context.commandName,
    );
  }
  const signer = keyPath === undefined ? undefined : loadSigner(context.io, keyPath);
  const { AuditDb, AuditLog } = await import("@parmanasystems/audit-db");
  const url = stringOption(context, "database") ?? context.io.env["DATABASE_URL"];
  const schema = stringOption(context, "schema");
  const options = schema === undefined ? {} : { schema };
  const db = url === undefined ? new AuditDb(undefined, options) : new AuditDb(url, options);
  try {
    const log =
      signer === undefined
        ? new AuditLog(db, { origin })
        : new AuditLog(db, { origin, signer, publicKey: signer.publicKeyPem });
    return { db, log, publicKeyPem: signer?.publicKeyPem };
  } catch (error) {
    await db.close();
    throw error;
  }
}
