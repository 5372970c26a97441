import { AuditLog, type AuditDb } from "@parmanasystems/audit-db";
import type { CommandContext, OptionSpec } from "../cli/command.types.js";
import { stringOption } from "../cli/option-values.js";
import { usageError } from "../errors/index.js";
import { loadSigner } from "../io/load-keys.js";
import { AUDIT_DB_OPTIONS, openAuditDb } from "./open-audit-db.js";

/** Options every `parmana audit` transparency-log command takes. */
export const AUDIT_LOG_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  db: AUDIT_DB_OPTIONS["db"] as OptionSpec,
  schema: AUDIT_DB_OPTIONS["schema"] as OptionSpec,
  origin: {
    type: "string",
    valueName: "<origin>",
    description:
      "The log's name, first line of its checkpoints, e.g. audit.example.com/decisions (default: $PARMANA_LOG_ORIGIN).",
  },
};

/**
 * Opens the audit database (as the other `parmana audit` commands do) and its transparency log.
 *
 * @param context - the command's context (options --db, --schema, --origin)
 * @param keyPath - the log's private key file, when the command signs checkpoints
 * @returns the database (close it), the log, and the log's public key when a key was given
 * @throws CliError `CLI-001` without an origin, `CLI-030` no database; key and store errors keep their codes
 */
export function openAuditLog(
  context: CommandContext,
  keyPath: string | undefined,
): { db: AuditDb; log: AuditLog; publicKeyPem: string | undefined } {
  const origin = stringOption(context, "origin") ?? context.io.env["PARMANA_LOG_ORIGIN"];
  if (origin === undefined || origin.length === 0) {
    throw usageError(
      "give the log's origin with --origin <origin> (or PARMANA_LOG_ORIGIN)",
      context.commandName,
    );
  }
  const signer = keyPath === undefined ? undefined : loadSigner(context.io, keyPath);
  const db = openAuditDb(context, "read");
  try {
    const log =
      signer === undefined
        ? new AuditLog(db, { origin })
        : new AuditLog(db, { origin, signer, publicKey: signer.publicKeyPem });
    return { db, log, publicKeyPem: signer?.publicKeyPem };
  } catch (error) {
    void db.close();
    throw error;
  }
}
