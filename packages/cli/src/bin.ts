import { finish, processIo } from "./cli/process-io.js";
import { runCli } from "./cli/run-cli.js";

// A closed pipe (`parmana verify ... | head`) is not worth a stack trace; an unfinished run still fails closed.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 2);
  throw error;
});

finish(await runCli(process.argv.slice(2), processIo()));
