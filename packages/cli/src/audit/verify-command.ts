import type { Verifier } from "@parmanasystems/core";
import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { booleanOption, stringOption } from "../cli/option-values.js";
import { MARKS, styleFor } from "../cli/style.js";
import { usageError } from "../errors/index.js";
import { DECISION_FILTER_OPTIONS, decisionFilter } from "./decision-filter-options.js";
import { AUDIT_DB_OPTIONS, openAuditDb } from "./open-audit-db.js";
import { loadPublicKey } from "../io/load-keys.js";
import { loadTrustRootFile } from "../io/load-trust-root-file.js";
import { VERIFICATION_KEY_OPTIONS } from "../verify/key-options.js";
import { createProgressBar } from "../verify/progress-bar.js";

/** `parmana audit verify`: re-verify every recorded attestation. */
export const auditVerifyCommand: CommandSpec = {
  path: ["audit", "verify"],
  summary: "Re-verify every recorded decision and list the rows that no longer verify.",
  usage: "",
  description:
    "Checks each stored attestation's signature and record, its stored signals against signalsHash, and\n" +
    "every indexed column against the signed attestation, streaming the table page by page. A progress\n" +
    "bar shows on a terminal. Exit code: 0 all valid, 1 any invalid, 2 usage or database error.",
  options: {
    ...AUDIT_DB_OPTIONS,
    ...DECISION_FILTER_OPTIONS,
    ...VERIFICATION_KEY_OPTIONS,
    record: {
      type: "boolean",
      description:
        "Also append a failed verification to audit_verifications for each row that no longer verifies.",
    },
  },
  positionals: { min: 0, max: 0 },
  examples: [
    "parmana audit verify --key keys/public.pem",
    "parmana audit verify --db postgres://auditor@db/audit --trust-root trust/trust-root.json --json",
  ],
  async run(context) {
    const { io } = context;
    const keyPath = stringOption(context, "key");
    const trustRootPath = stringOption(context, "trust-root");
    if ((keyPath === undefined) === (trustRootPath === undefined))
      throw usageError(
        "give exactly one of --key <public.pem> or --trust-root <trust-root.json>",
        context.commandName,
      );
    const filter = decisionFilter(context);
    const verifier: Verifier | undefined =
      keyPath === undefined ? undefined : loadPublicKey(io, keyPath).verifier;
    const trustRoot =
      trustRootPath === undefined ? undefined : loadTrustRootFile(io, trustRootPath);
    const json = booleanOption(context, "json");
    const db = openAuditDb(context, "read");
    try {
      let progress: ReturnType<typeof createProgressBar> | undefined;
      let shown = 0;
      const started = Date.now();
      const report = await db.verifyAll({
        ...(verifier === undefined ? {} : { verifier }),
        ...(trustRoot === undefined ? {} : { trustRoot }),
        filter: filter as Readonly<Record<string, unknown>>,
        onProgress: ({ checked, total }) => {
          progress ??= createProgressBar(io.stderr, total);
          for (; shown < checked; shown++) progress.tick();
        },
      });
      progress?.done();
      if (booleanOption(context, "record")) {
        for (const failure of report.failures)
          await db.recordVerification(failure.execution_id, {
            valid: false,
            errors: failure.errors,
          });
      }
      if (json) {
        io.stdout.write(`${JSON.stringify(report)}\n`);
      } else {
        const style = styleFor(io, io.stdout);
        for (const failure of report.failures) {
          io.stdout.write(
            `${style.bad(`${MARKS.fail} INVALID`)} ${failure.execution_id} (row ${failure.id})\n`,
          );
          for (const error of failure.errors) io.stdout.write(`    ${error}\n`);
        }
        if (report.truncated)
          io.stdout.write(
            `    … ${report.invalid - report.failures.length} more invalid rows not listed\n`,
          );
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        io.stdout.write(
          `${report.invalid === 0 ? style.ok(MARKS.pass) : style.bad(MARKS.fail)} ${report.checked} checked: ${report.valid} valid, ${report.invalid} invalid (${seconds} s)\n`,
        );
      }
      return report.invalid > 0 ? EXIT_CODES.failed : EXIT_CODES.ok;
    } finally {
      await db.close();
    }
  },
};
