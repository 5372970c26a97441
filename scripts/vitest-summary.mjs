// Reads vitest's JSON report and prints the final summary line of scripts/test.sh:
//   vitest: N passed, N failed, N skipped
// Exits 1 when any test or test file failed, when vitest itself failed, or when no test ran.
// Usage: node scripts/vitest-summary.mjs <report.json> <vitest exit status>
import { existsSync, readFileSync } from "node:fs";

const [reportPath = ".vitest-results.json", statusText = "0"] = process.argv.slice(2);
const vitestStatus = Number(statusText);

let report = {};
if (existsSync(reportPath)) {
  report = JSON.parse(readFileSync(reportPath, "utf8"));
} else {
  console.error(`no vitest report at ${reportPath}: vitest did not finish`);
}

const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
const failedFiles = report.numFailedTestSuites ?? 0;

const problems = [];
if (failed > 0) problems.push(`${failed} test(s) failed`);
if (failedFiles > 0)
  problems.push(
    `${failedFiles} test file(s) failed (a file that fails to load has no test counted)`,
  );
if (vitestStatus !== 0) problems.push(`vitest exited with status ${vitestStatus}`);
if (passed + failed === 0) problems.push("no test ran");
for (const problem of problems) console.error(`test.sh: ${problem}`);

console.log(`vitest: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(problems.length > 0 ? 1 : 0);
