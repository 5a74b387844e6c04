#!/usr/bin/env bash
# Builds the `resonance` binary of two git revisions and compares their outputs bit for bit:
# `render` WAVs for every factory style (fixed seed, real input; over a crowd recording, along an
# arc, and music with a crowd sidechain), `analyze --json` on crowd clips, `demo`, `index` files
# built by each and `identify --json` against each one's own index (without the timing field
# `query_ms`). Prints one line per case (identical, or DIFFERENT with the first differing byte)
# and exits non-zero if any case differs or fails.
#
# Usage: scripts/compare-trees.sh OLD_REV [NEW_REV]     (NEW_REV defaults to HEAD)
#
# Each revision is checked out with `git worktree add --detach` under a temporary folder and
# built with its own CARGO_TARGET_DIR there. Environment:
#   RESONANCE_TEST_AUDIO   real test audio (default: <repo>/target/test-audio)
#   COMPARE_PROFILE        cargo profile of both builds (default: dev, the test profile)
#   COMPARE_TARGET_DIR     one target dir for both builds, kept (e.g. a warm /path/to/target:
#                          dependencies are reused; the two revisions' own crates live side by
#                          side because their sources are at different paths)
#   COMPARE_TARGET_DIR_OLD, COMPARE_TARGET_DIR_NEW   a kept target dir per revision
#   COMPARE_BIN_OLD, COMPARE_BIN_NEW   an already built `resonance` binary of that revision: used
#                          as it is instead of checking out and building (the caller vouches
#                          that it was built from that revision)
#   COMPARE_KEEP=1         keep the temporary folder (worktrees, outputs) for inspection
#   COMPARE_WORKDIR        a fixed folder instead of a temporary one (kept): with a kept target
#                          dir, a re-run then checks out at the same paths and cargo rebuilds
#                          only what changed (sources at a new path rebuild every workspace crate);
#                          its worktrees stay registered (`git worktree remove` them when done)
set -euo pipefail

usage() { echo "usage: $0 OLD_REV [NEW_REV]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage

repo=$(git rev-parse --show-toplevel)
old_sha=$(git -C "$repo" rev-parse --verify "$1^{commit}")
new_sha=$(git -C "$repo" rev-parse --verify "${2:-HEAD}^{commit}")
audio=${RESONANCE_TEST_AUDIO:-$repo/target/test-audio}
profile=${COMPARE_PROFILE:-dev}
[[ -f $audio/.complete ]] || { echo "no real test audio in $audio (set RESONANCE_TEST_AUDIO)" >&2; exit 2; }

work=${COMPARE_WORKDIR:-$(mktemp -d "${TMPDIR:-/tmp}/compare-trees.XXXXXX")}
mkdir -p "$work"
rm -rf "$work/out-old" "$work/out-new" "$work/bin-old" "$work/bin-new"
cleanup() {
    if [[ -z ${COMPARE_WORKDIR:-} ]]; then
        for side in old new; do
            [[ -d $work/src-$side ]] && git -C "$repo" worktree remove --force "$work/src-$side" >/dev/null 2>&1
        done
        git -C "$repo" worktree prune >/dev/null 2>&1 || true
    fi
    if [[ ${COMPARE_KEEP:-0} == 1 || -n ${COMPARE_WORKDIR:-} ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# build SIDE SHA TARGET_DIR: checks SHA out and copies its `resonance` binary to $work/bin-SIDE.
build() {
    local side=$1 sha=$2 target=$3 out_dir prebuilt
    prebuilt=$([[ $side == old ]] && echo "${COMPARE_BIN_OLD:-}" || echo "${COMPARE_BIN_NEW:-}")
    if [[ -n $prebuilt ]]; then
        echo "using $prebuilt as $side ($sha)" >&2
        cp "$prebuilt" "$work/bin-$side"
        return
    fi
    if [[ -d $work/src-$side ]]; then # COMPARE_WORKDIR: only changed files get new mtimes
        git -C "$work/src-$side" checkout --quiet --force --detach "$sha"
    else
        git -C "$repo" worktree add --detach --quiet "$work/src-$side" "$sha"
    fi
    echo "building $side ($sha) in $target" >&2
    (cd "$work/src-$side" && CARGO_TARGET_DIR=$target cargo build --quiet --profile "$profile" -p resonance --bin resonance)
    out_dir=$profile
    [[ $profile == dev || $profile == test ]] && out_dir=debug
    cp "$target/$out_dir/resonance" "$work/bin-$side"
}
build old "$old_sha" "${COMPARE_TARGET_DIR_OLD:-${COMPARE_TARGET_DIR:-$work/target-old}}"
build new "$new_sha" "${COMPARE_TARGET_DIR_NEW:-${COMPARE_TARGET_DIR:-$work/target-new}}"

# Queries for `identify`: excerpts cut once (with sox when it is installed), shared by both sides.
music=$audio/music
indexed=("$music/elf-land.ogg" "$music/main_menu.ogg" "$music/revelation.ogg" "$music/sad.ogg")
mkdir -p "$work/queries"
queries=("$music/defeat2.ogg" "$audio/crowd/crowd05.wav")
if command -v sox >/dev/null; then
    for q in "main_menu 20 5" "sad 12.5 5" "revelation 41.3 3" "transience 20 5"; do
        read -r name start secs <<<"$q"
        sox "$music/$name.ogg" -b 16 "$work/queries/$name-$start.wav" remix - trim "$start" "$secs"
        queries+=("$work/queries/$name-$start.wav")
    done
else
    echo "sox not found: identify queries are whole files only" >&2
    queries+=("$music/elf-land.ogg")
fi
crowd_clips=(crowd/crowd05.wav crowd/crowd14.wav events/crowdboo.wav events/crowdcheer.wav events/refwhistletwice.wav events/refwhistleend.wav)
cat >"$work/arc.json" <<'EOF'
{"duration_s": 12,
 "mood": [{"t": 0, "valence": 0.1, "arousal": -0.5},
          {"t": 6, "valence": 0.8, "arousal": 0.9, "intensity": 0.9},
          {"t": 12, "valence": -0.5, "arousal": -0.2}],
 "events": [{"t": 5.0, "kind": "goal"}, {"t": 9.5, "kind": "card"}]}
EOF

# produce SIDE: runs every case with bin-SIDE, writing into $work/out-SIDE (same names per side).
# A failed command leaves a `NAME.failed` file with its exit code and standard error.
produce() {
    local side=$1 bin=$work/bin-$1 out=$work/out-$1 style clip name
    mkdir -p "$out"
    run() { # run NAME CMD...: standard output to NAME.stdout
        local name=$1
        shift
        "$@" >"$out/$name.stdout" 2>"$out/$name.stderr" || { echo "exit $?" | cat - "$out/$name.stderr" >"$out/$name.failed"; }
    }
    cd "$out"
    run presets "$bin" presets --params
    "$bin" presets >"$out/styles.txt"
    while read -r style _; do
        [[ -n $style ]] || continue
        run "render-$style" "$bin" render --in "$audio/crowd/crowd05.wav" --out "render-$style.wav" --preset "$style" --seed 7 --format f32
        run "arc-$style" "$bin" render --arc "$work/arc.json" --out "arc-$style.wav" --preset "$style" --seed 7 --rate 22050 --format f32
    done <"$out/styles.txt"
    run render-sidechain "$bin" render --in "$music/defeat2.ogg" --crowd "$audio/crowd/crowd05.wav" --out render-sidechain.wav --seed 3 --format f32
    for clip in "${crowd_clips[@]}"; do
        name=analyze-$(basename "$clip" .wav)
        run "$name" "$bin" analyze --json "$audio/$clip"
        cp "$out/$name.stdout" "$out/$name.json"
    done
    run demo "$bin" demo --duration 20 --out demo.wav
    run index "$bin" index "${indexed[@]}" --db index.rfp
    run identify "$bin" identify "${queries[@]}" --db index.rfp --json
    sed -E 's/"query_ms":[-0-9.eE+]+,?//' "$out/identify.stdout" >"$out/identify.json"
    cd - >/dev/null
}
produce old
produce new

# One line per output file of either side.
status=0
report() { printf '%-34s %s\n' "$1" "$2"; }
while IFS= read -r f; do
    a=$work/out-old/$f b=$work/out-new/$f
    if [[ $f == *.failed ]]; then
        status=1
        for side in old new; do
            [[ -f $work/out-$side/$f ]] && report "${f%.failed}" "FAILED on $side: $(head -c 300 "$work/out-$side/$f" | tr '\n' ' ')"
        done
    elif [[ ! -f $a || ! -f $b ]]; then
        status=1
        report "$f" "DIFFERENT: only in $([[ -f $a ]] && echo old || echo new)"
    elif cmp -s "$a" "$b"; then
        report "$f" "identical ($(stat -c %s "$a") bytes)"
    else
        status=1
        report "$f" "DIFFERENT: $(cmp "$a" "$b" 2>&1 | head -1 | sed "s|$work/||g")"
    fi
done < <(find "$work/out-old" "$work/out-new" -maxdepth 1 -type f ! -name '*.stderr' ! -name '*.stdout' -printf '%f\n' | sort -u)
# The demo's script and the presets list are standard output: compare those too.
for f in presets.stdout demo.stdout; do
    if cmp -s "$work/out-old/$f" "$work/out-new/$f"; then report "$f" "identical"; else status=1; report "$f" "DIFFERENT"; fi
done
if [[ $status == 0 ]]; then echo "all identical: $old_sha vs $new_sha"; else echo "DIFFERENCES between $old_sha and $new_sha"; fi
exit "$status"
