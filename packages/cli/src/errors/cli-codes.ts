/** Title, cause and fix of one `CLI-` code (the shape of core's error catalogue entries). */
export interface CliCodeEntry {
  readonly title: string;
  readonly cause: string;
  readonly fix: string;
  /** Process exit code used when this error ends the command. */
  readonly exitCode: number;
}

/**
 * `CLI-` codes: failures that belong to the command line itself (arguments, files, input
 * formats). Failures inside the libraries keep their own codes (`SIG-`, `POL-`, `TRUST-`, ...).
 * Codes are never reused: `CLI-006` ("not available in this build") was retired before release,
 * once every command had its core API.
 */
export const CLI_CODES: Readonly<Record<string, CliCodeEntry>> = Object.freeze({
  "CLI-001": {
    title: "Usage error",
    cause:
      "An unknown command or option, a missing argument, or an option value of the wrong form.",
    fix: "Run the command with --help and correct the arguments.",
    exitCode: 2,
  },
  "CLI-002": {
    title: "File not found",
    cause: "A path given on the command line does not exist.",
    fix: "Check the path (it is resolved against the current directory).",
    exitCode: 2,
  },
  "CLI-003": {
    title: "File unreadable",
    cause:
      "A path exists but could not be read (permissions, or it is a directory where a file is expected).",
    fix: "Check the file's permissions and that the path names a file.",
    exitCode: 2,
  },
  "CLI-004": {
    title: "Malformed JSON input",
    cause:
      "A file or stdin line that must hold JSON does not parse, or holds the wrong kind of value.",
    fix: "Check the file; attestations are one JSON object per file, or one per line on stdin (NDJSON).",
    exitCode: 2,
  },
  "CLI-005": {
    title: "Refusing to overwrite",
    cause:
      "The output file already exists (keys, trust roots and attestations are never overwritten silently).",
    fix: "Choose another --out, remove the file, or pass --force.",
    exitCode: 2,
  },
  "CLI-007": {
    title: "No input",
    cause: "The paths and globs matched no file and nothing was given on stdin.",
    fix: "Check the glob (quote it so the shell does not expand it) or pipe NDJSON to stdin with '-'.",
    exitCode: 2,
  },
  "CLI-008": {
    title: "Malformed policy test file",
    cause:
      "policy.test.json (or tests.json) is not an array of { name, signals, expect: { action, rule_id? } }.",
    fix: "Fix the named case; see `parmana policy test --help` for the format.",
    exitCode: 2,
  },
  "CLI-009": {
    title: "Write failed",
    cause: "An output file or folder could not be written.",
    fix: "Check that the folder exists or can be created and that you may write to it.",
    exitCode: 2,
  },
  "CLI-010": {
    title: "Internal error",
    cause: "An unexpected error that is not a Parmana error (a bug).",
    fix: "Re-run with --debug to see the stack trace and report it.",
    exitCode: 2,
  },
  "CLI-011": {
    title: "Duplicate JSON member",
    cause:
      "A JSON input has the same member name twice in one object. JSON.parse keeps the last one, so a reader of the file and the verifier could see different values (a first decision of approve, a last of reject); such input is refused (I-JSON, RFC 7493).",
    fix: "Remove the duplicate member; the message names it. A file like this was likely forged or corrupted.",
    exitCode: 2,
  },
  "CLI-012": {
    title: "Not a regular file",
    cause:
      "An input path (or the target of a symlink) is a device, FIFO or socket, which could block or never end (a link to /dev/zero, for example). Only regular files are read.",
    fix: "Pass a regular file, or pipe the data to stdin with '-'.",
    exitCode: 2,
  },
  "CLI-013": {
    title: "Input too large",
    cause:
      "A file, a stdin line or a stdin document is larger than the per-document cap (16 MiB by default), so it is refused without being read whole.",
    fix: "Check the input; raise the cap with the environment variable PARMANA_MAX_DOCUMENT_BYTES if the document really is that large.",
    exitCode: 2,
  },
  "CLI-030": {
    title: "No audit database here",
    cause:
      "An `parmana audit` command that reads (stats, query, export, verify) found no embedded audit database in ./.parmana/audit-db and no --db was given.",
    fix: "Run it from the folder whose .parmana/audit-db holds the database, or pass --db postgres://... (or --db <folder> of an embedded database).",
    exitCode: 2,
  },
  "CLI-031": {
    title: "Malformed audit filter",
    cause:
      '--signals is not JSON (a policy condition such as \'{"all":[{"signal":"claim_amount","greater_than":500000}]}\'), or --limit is not a whole number.',
    fix: "Quote the JSON for your shell, or put it in a file and pass --signals @file.json.",
    exitCode: 2,
  },
  "CLI-040": {
    title: "Not an inclusion proof file",
    cause:
      'The file given to `parmana verify inclusion` is JSON but not { "type": "parmana.inclusion-proof/v1", attestation, proof, checkpoint }.',
    fix: "Give the file `parmana audit prove <executionId>` wrote, unchanged.",
    exitCode: 2,
  },
  "CLI-041": {
    title: "Not a consistency proof file",
    cause:
      "The --proof file of `parmana verify consistency` is not { oldSize, newSize, hashes } (or a file holding it under proof).",
    fix: "Give the proof `parmana audit checkpoint --since <old checkpoint>` wrote, unchanged.",
    exitCode: 2,
  },
});
