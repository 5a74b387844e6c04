#!/usr/bin/env bash
# Runs every fuzz target for a long time and prints, per target, the inputs tried and the
# failures (panics, failed properties; a hang aborts its test binary and says so).
#
# The targets are ordinary tests in each crate's existing test binary (a few seconds each by
# default, so CI stays fast); this script runs them with a time budget instead:
#
#   scripts/fuzz-long.sh [SECONDS_PER_TARGET]      (default 60)
#
# Environment (see test-support/src/fuzz.rs):
#   RESONANCE_FUZZ_SEED        generator seed (default: a fixed one; set another for new inputs)
#   RESONANCE_FUZZ_HANG_SECS   one input longer than this is a hang (default 30)
#   RESONANCE_FUZZ_OUT         where failing inputs are saved (default $TMPDIR/resonance-fuzz)
# Replay one saved input: RESONANCE_FUZZ_REPLAY=/path/io_decode-panic-....bin and run the
# crate's tests with the filter `fuzz_` (only the target named by the file runs it).
#
# Exit status: non-zero when any target failed or a test binary did not finish.
set -uo pipefail

secs=${1:-60}
cd "$(dirname "$0")/.."
log=$(mktemp -t resonance-fuzz-long.XXXXXX)
export RESONANCE_FUZZ_SECS=$secs
unset RESONANCE_FUZZ_CASES

# crate, test binary selection, test-name filter
runs=(
  "resonance-io|--lib|fuzz_"
  "resonance-protocol|--lib|fuzz_"
  "resonance-plugin|--lib|fuzz_"
  "resonance-bridge|--test e2e|fuzz::"
)

status=0
for r in "${runs[@]}"; do
  IFS='|' read -r crate bin filter <<<"$r"
  echo "== $crate ($bin, $filter): ${secs} s per target" >&2
  # shellcheck disable=SC2086 # $bin is two words on purpose
  if ! cargo test -p "$crate" $bin "$filter" -- --nocapture --test-threads 2 >>"$log" 2>&1; then
    echo "   $crate: test binary reported failures (details in $log)" >&2
    status=1
  fi
done

echo
printf '%-24s %12s %9s %9s\n' target inputs failures seconds
# -o: libtest may print its own `test ... ` on the same line when targets run in parallel
grep -oE '[a-z_]+: [0-9]+ inputs, [0-9]+ failures, [0-9.]+ s' "$log" | sed -E 's/^([a-z_]+): ([0-9]+) inputs, ([0-9]+) failures, ([0-9.]+) s/\1 \2 \3 \4/' |
  sort | awk '{ printf "%-24s %12d %9d %9s\n", $1, $2, $3, $4; n += $2; f += $3 } END { printf "%-24s %12d %9d\n", "total", n, f }'
if grep -q 'HANG' "$log"; then
  grep 'HANG' "$log"
  status=1
fi
if grep -qE 'fuzz [a-z_]+: +(panic|fail) on input' "$log"; then
  echo
  echo "failures (inputs saved for replay):"
  grep -oE 'fuzz [a-z_]+: +(panic|fail) on input.*' "$log" | cut -c1-300
  status=1
fi
echo "log: $log"
exit $status
