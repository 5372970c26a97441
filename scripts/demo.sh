#!/usr/bin/env bash
# Runs the main job on a fresh clone: install, build, then `pnpm demo`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/ensure-pnpm.sh
source scripts/ensure-pnpm.sh

pnpm install --frozen-lockfile
pnpm build
pnpm demo
