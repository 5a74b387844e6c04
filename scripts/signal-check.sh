#!/usr/bin/env bash
# Stops `resonance up` with SIGTERM, SIGINT and SIGHUP (and kills it with SIGKILL) N times each
# and checks that nothing is left behind: the live host printed its closing summary (not for
# SIGKILL), `up` exited, and its bridge child exited. Prints a Markdown table; exits non-zero
# if any run left a process or missed the summary. Decision record 0021.
#
# Usage: scripts/signal-check.sh [RUNS]          (default 20 per signal)
# Environment: RESONANCE_BIN   the binary (default: target/debug/resonance, built if missing)
set -euo pipefail

runs=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${RESONANCE_BIN:-$root/target/debug/resonance}
[[ -x $bin ]] || (cd "$root" && cargo build --bin resonance)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# exited PID: gone, or a zombie nobody has reaped yet
exited() { [[ ! -e /proc/$1/stat ]] || awk '{ s=$0; sub(/.*\) /, "", s); exit !(s ~ /^[ZX]/) }' "/proc/$1/stat"; }
now_ms() { date +%s%3N; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
echo "| signal | runs | summary printed | up gone | bridge gone | slowest stop (ms) |"
echo "|---|---|---|---|---|---|"
for sig in TERM INT HUP KILL; do
    summaries=0 up_gone=0 bridge_gone=0 slowest=0
    for ((i = 1; i <= runs; i++)); do
        dir=$work/$sig-$i
        mkdir -p "$dir"
        http=$(free_port) osc=$(free_port)
        XDG_DATA_HOME=$dir "$bin" up --listen "127.0.0.1:$http" --osc "127.0.0.1:$osc" --output null --demo \
            --json --quiet --osc-listen 127.0.0.1:0 >"$dir/out" 2>"$dir/err" &
        up=$!
        bridge=""
        for _ in $(seq 1 300); do
            if grep -q "web page" "$dir/out" 2>/dev/null; then
                bridge=$(curl -s "http://127.0.0.1:$http/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pid"])' || true)
                break
            fi
            sleep 0.1
        done
        sleep 0.3
        t0=$(now_ms)
        kill "-$sig" "$up"
        wait "$up" 2>/dev/null || true
        for _ in $(seq 1 100); do
            [[ -z $bridge ]] || exited "$bridge" && break
            sleep 0.1
        done
        took=$(($(now_ms) - t0))
        ((took > slowest)) && slowest=$took
        exited "$up" && up_gone=$((up_gone + 1))
        if [[ -n $bridge ]] && exited "$bridge"; then
            bridge_gone=$((bridge_gone + 1))
        elif [[ -n $bridge ]]; then
            kill -KILL "$bridge" 2>/dev/null || true
        fi
        grep -q '"frames"' "$dir/out" && summaries=$((summaries + 1))
    done
    want_summary=$runs
    [[ $sig == KILL ]] && want_summary=0
    summary_col="$summaries/$runs"
    [[ $sig == KILL ]] && summary_col="n/a (killed)"
    echo "| SIG$sig | $runs | $summary_col | $up_gone/$runs | $bridge_gone/$runs | $slowest |"
    if ((up_gone != runs || bridge_gone != runs || summaries != want_summary)); then
        failures=$((failures + 1))
    fi
done
exit $((failures > 0))
