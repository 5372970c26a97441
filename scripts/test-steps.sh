#!/usr/bin/env bash
# The steps of scripts/test.sh (source it): `step NAME COMMAND...` runs one timed step under what
# is left of the run's time budget, and `print_step_times` prints every step's time on one line.
# The line is printed before test.sh's last line, and also when a step fails or the run is
# stopped (TERM, INT), so the end of a CI log always says where the time went.
#
# PARMANA_TEST_STARTED: when the run began, in seconds since the epoch (.ci/run sets it, so its
# own set-up counts); default now. PARMANA_TEST_BUDGET_SECONDS: the whole run's budget, default
# 5100 (85 minutes: under a 90-minute CI limit, with time left to say what ran out).

parmana_started="${PARMANA_TEST_STARTED:-$(date +%s)}"
parmana_budget="${PARMANA_TEST_BUDGET_SECONDS:-5100}"
parmana_step_times=()
parmana_step_pid=""
parmana_step_name=""
parmana_step_begin=0
parmana_times_printed=0
# GNU coreutils' timeout (macOS has it only as gtimeout, from Homebrew); without it, steps are
# timed but not stopped.
parmana_has_timeout=0
if timeout --version >/dev/null 2>&1; then parmana_has_timeout=1; fi

# Runs "$@" as step NAME; returns its exit status (124 when the budget ran out and it was stopped).
step() {
  local name="$1"
  shift
  local begin left status=0
  begin="$(date +%s)"
  left=$((parmana_started + parmana_budget - begin))
  if ((left <= 0)); then
    echo "test.sh: [$name] not started: the run's budget of ${parmana_budget}s is spent" >&2
    parmana_step_times+=("$name not started")
    return 124
  fi
  echo "test.sh: [$name] starts at +$((begin - parmana_started))s" >&2
  # In the background and waited for, so that a TERM to this script is handled at once (bash
  # runs traps only between foreground commands); timeout puts the step in its own process group
  # and stops all of it.
  parmana_step_name="$name"
  parmana_step_begin="$begin"
  if [[ "$parmana_has_timeout" == "1" ]]; then
    timeout --kill-after=30 "$left" "$@" &
  else
    "$@" &
  fi
  parmana_step_pid=$!
  wait "$parmana_step_pid" || status=$?
  parmana_step_pid=""
  local took=$(($(date +%s) - begin))
  # 124 (or 137 after --kill-after) from timeout, but only once the budget is reached: a step that
  # was killed for another reason keeps its own exit status.
  if (((status == 124 || status == 137) && took >= left)); then
    echo "test.sh: [$name] stopped after ${took}s: the run's budget of ${parmana_budget}s ran out" >&2
    parmana_step_times+=("$name ${took}s STOPPED")
  elif ((status != 0)); then
    parmana_step_times+=("$name ${took}s exit-$status")
  else
    parmana_step_times+=("$name ${took}s")
  fi
  return "$status"
}

# One line: every step's time in order, and the run's time so far.
print_step_times() {
  parmana_times_printed=1
  local IFS=","
  echo "test.sh: step times (total $(($(date +%s) - parmana_started))s):${parmana_step_times[*]/#/ }"
}

_parmana_on_stop() {
  if [[ -n "$parmana_step_pid" ]]; then
    # timeout leads its own process group: stop the step and everything it started (without
    # timeout, the step itself).
    kill -TERM -- "-$parmana_step_pid" 2>/dev/null || kill -TERM "$parmana_step_pid" 2>/dev/null
    parmana_step_times+=("$parmana_step_name $(($(date +%s) - parmana_step_begin))s STOPPED-FROM-OUTSIDE")
  fi
  print_step_times
  exit 143
}

_parmana_on_exit() {
  if [[ "$parmana_times_printed" == "0" ]]; then print_step_times; fi
}

trap _parmana_on_stop TERM INT
trap _parmana_on_exit EXIT
