import { finish, processIo } from "./cli/process-io.js";
import { runCli } from "./cli/run-cli.js";

// `parmana-verify ...` is `parmana verify attestation ...`.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 2);
  throw error;
});

const args = process.argv.slice(2);
const first = args[0];
finish(
  await runCli(
    first === "--version" || first === "-v" ? args : ["verify", "attestation", ...args],
    processIo(),
  ),
);
