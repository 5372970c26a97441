/** Process exit codes of every `parmana` command. */
export const EXIT_CODES: Readonly<{ ok: 0; failed: 1; error: 2 }> = Object.freeze({
  /** Everything checked is valid / the command did what was asked. */
  ok: 0,
  /** The command ran and the answer is "no": an invalid attestation or bundle, policy errors, failed tests. */
  failed: 1,
  /** The command could not run: usage error, unreadable or malformed input, missing key. */
  error: 2,
});
