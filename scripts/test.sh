#!/usr/bin/env bash
# Runs every check on a fresh clone: install, build, type-check, packaging gate, tests.
# The last line printed is `vitest: N passed, N failed, N skipped`; the exit status is non-zero
# on any failure or when no test ran. Tests that need Postgres or Redis skip with a reason when
# the servers are unreachable, except with CI=true, where they fail.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/ensure-pnpm.sh
source scripts/ensure-pnpm.sh

pnpm install --frozen-lockfile
pnpm build
pnpm typecheck
pnpm check:packages

rm -f .vitest-results.json
vitest_status=0
pnpm test --reporter=default --reporter=json --outputFile=.vitest-results.json || vitest_status=$?
node scripts/vitest-summary.mjs .vitest-results.json "$vitest_status"
