#!/usr/bin/env bash
# Makes pnpm 10 available. Source it (`source scripts/ensure-pnpm.sh`) so PATH changes reach the
# caller, or run it to check. pnpm comes from the npm registry through npm itself: corepack is not
# used because its signature check fails on some machines.
#  1. a pnpm 10 already on PATH is used as is;
#  2. else `npm install -g pnpm@<version>`;
#  3. else (no write access to the global prefix) a private install in ~/.parmana-tools.

PARMANA_PNPM_VERSION="10.34.8"

_parmana_pnpm_is_10() {
  local version
  version="$(pnpm --version 2>/dev/null)" || return 1
  [[ "$version" == 10.* ]]
}

_parmana_ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && _parmana_pnpm_is_10; then
    return 0
  fi
  echo "ensure-pnpm: installing pnpm@${PARMANA_PNPM_VERSION} with npm" >&2
  if npm install -g "pnpm@${PARMANA_PNPM_VERSION}" >&2; then
    local global_bin
    global_bin="$(npm prefix -g 2>/dev/null)/bin"
    case ":$PATH:" in *":$global_bin:"*) ;; *) export PATH="$global_bin:$PATH" ;; esac
    hash -r
    if _parmana_pnpm_is_10; then
      return 0
    fi
  fi
  echo "ensure-pnpm: global install unavailable, installing into \$HOME/.parmana-tools" >&2
  npm install --no-save --prefix "$HOME/.parmana-tools" "pnpm@${PARMANA_PNPM_VERSION}" >&2 || return 1
  export PATH="$HOME/.parmana-tools/node_modules/.bin:$PATH"
  hash -r
  _parmana_pnpm_is_10
}

if ! _parmana_ensure_pnpm; then
  echo "ensure-pnpm: could not provide pnpm 10 (need Node >= 20 with npm and access to the npm registry)" >&2
  if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then exit 1; else return 1; fi
fi
echo "ensure-pnpm: using pnpm $(pnpm --version) ($(command -v pnpm))" >&2
