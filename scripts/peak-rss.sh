#!/usr/bin/env bash
# Peak memory and wall time of the file commands on long inputs: builds 1 min / 10 min / 1 h
# recordings from the real test audio (crowd clips looped into a "match", a music track looped
# into a "programme"), runs `analyze`, `render --in`, `render --in --crowd`, `highlight --mix`,
# `index` and `identify` on each under `/usr/bin/time -v`, and prints a Markdown table of peak
# RSS (MB) and wall time (s).
#
# Usage: scripts/peak-rss.sh [BINARY] [LENGTHS...]
#   BINARY   the `resonance` binary to measure (default: target/debug/resonance)
#   LENGTHS  input lengths in seconds (default: 60 600 3600)
# Environment:
#   RESONANCE_TEST_AUDIO   real test audio (default: <repo>/target/test-audio)
#   PEAK_RSS_DIR           where the inputs and outputs go (default: <repo>/target/peak-rss);
#                          inputs are kept and reused across runs
#   PEAK_RSS_COMMANDS      the commands to run, space separated (default: all of
#                          analyze render render-crowd highlight index identify)
# Needs sox. The inputs: match-N.wav is the crowd clips (resampled to 44.1 kHz stereo, 16-bit)
# concatenated and looped to N seconds; music-N.wav is music/battle.ogg looped likewise.
set -euo pipefail

repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
bin=${1:-$repo/target/debug/resonance}
shift || true
lengths=("$@")
[[ ${#lengths[@]} -gt 0 ]] || lengths=(60 600 3600)
audio=${RESONANCE_TEST_AUDIO:-$repo/target/test-audio}
dir=${PEAK_RSS_DIR:-$repo/target/peak-rss}
commands=${PEAK_RSS_COMMANDS:-analyze render render-crowd highlight index identify}
[[ -x $bin ]] || { echo "no binary at $bin; build it (cargo build) or pass its path" >&2; exit 2; }
[[ -f $audio/.complete ]] || { echo "no real test audio in $audio (set RESONANCE_TEST_AUDIO)" >&2; exit 2; }
command -v sox >/dev/null || { echo "sox is needed to make the inputs (apt-get install sox)" >&2; exit 2; }
mkdir -p "$dir"

# The base recordings, once.
if [[ ! -f $dir/crowd-base.wav ]]; then
    parts=()
    for f in "$audio"/crowd/*.wav; do
        p="$dir/part-$(basename "$f")"
        sox "$f" -r 44100 -c 2 -b 16 "$p"
        parts+=("$p")
    done
    sox "${parts[@]}" "$dir/crowd-base.wav"
    rm -f "${parts[@]}"
fi
[[ -f $dir/music-base.wav ]] || sox "$audio/music/battle.ogg" -r 44100 -c 2 -b 16 "$dir/music-base.wav"

make_input() { # base seconds out
    local base=$1 secs=$2 out=$3 len reps
    [[ -f $out ]] && return
    len=$(soxi -D "$base")
    reps=$(awk -v s="$secs" -v l="$len" 'BEGIN { print int(s / l) + 1 }')
    sox "$base" "$out.tmp.wav" repeat "$reps" trim 0 "$secs"
    mv "$out.tmp.wav" "$out"
}

# run NAME ARGS...: one measured command; prints "peak_mb wall_s" or "failed"
run() {
    local log="$dir/time.log"
    if /usr/bin/time -v -o "$log" "$bin" "$@" >/dev/null 2>"$dir/stderr.log"; then
        awk '/Maximum resident set size/ { kb = $NF } /Elapsed \(wall clock\)/ { w = $NF }
             END { n = split(w, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i];
                   printf "%.0f %.1f\n", kb / 1024, s }' "$log"
    else
        echo "failed (see $dir/stderr.log)"
    fi
}

echo "binary: $bin"
echo
echo "| command | input | peak RSS (MB) | wall (s) |"
echo "|---|---|---:|---:|"
for secs in "${lengths[@]}"; do
    m="$dir/match-$secs.wav"
    p="$dir/music-$secs.wav"
    make_input "$dir/crowd-base.wav" "$secs" "$m"
    make_input "$dir/music-base.wav" "$secs" "$p"
    label=$(awk -v s="$secs" 'BEGIN { if (s >= 3600) printf "%g h", s / 3600; else if (s >= 60) printf "%g min", s / 60; else printf "%g s", s }')
    for c in $commands; do
        case $c in
            analyze) r=$(run analyze "$m" --json) ;;
            render) r=$(run render --in "$m" --out "$dir/out.wav") ;;
            render-crowd) r=$(run render --in "$p" --crowd "$m" --out "$dir/out.wav") ;;
            highlight) r=$(run highlight "$m" --mix --out "$dir/out.wav") ;;
            index) rm -f "$dir/index-$secs.rfp"; r=$(run index "$p" --db "$dir/index-$secs.rfp") ;;
            identify)
                [[ -f $dir/index-$secs.rfp ]] || run index "$p" --db "$dir/index-$secs.rfp" >/dev/null
                r=$(run identify "$m" --db "$dir/index-$secs.rfp" --json) ;;
            *) echo "unknown command $c" >&2; exit 2 ;;
        esac
        read -r mb wall <<<"$r" || true
        if [[ $mb == failed ]]; then echo "| $c | $label | $r | |"; else echo "| $c | $label | $mb | $wall |"; fi
    done
    rm -f "$dir/out.wav" "$dir/out.moments.json"
done
