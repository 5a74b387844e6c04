#!/usr/bin/env bash
# The bad-input matrix of issue 21: hostile numbers, outputs that are inputs, interrupted and
# failed runs, and hostile 32-bit float WAVs through every command that reads audio. Prints one
# Markdown table row per run: input x command -> exit code, first line of the message,
# leftovers (temporaries, a destroyed input, an output where none belongs), peak RSS.
#
#   scripts/bad-input-matrix.sh [path/to/resonance]    (default: target/release/resonance)
#
# Needs python3 (writes the WAVs) and GNU time at /usr/bin/time (peak RSS). Each run has a
# time limit (LIMIT seconds, default 120): a run that hits it is reported as HANG; one killed
# by SIGABRT/SIGSEGV as ABORT/CRASH. Exit status: 1 if any run hung, aborted or destroyed an
# input; 0 otherwise.
set -u

BIN=$(realpath "${1:-target/release/resonance}")
LIMIT=${LIMIT:-120}
[ -x "$BIN" ] || { echo "no resonance binary at $BIN; build it with cargo build --release" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is needed at /usr/bin/time (apt-get install time)" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 2

python3 - <<'EOF'
import math, struct
def wav(name, samples, rate=22050):
    data = struct.pack(f"<{len(samples)}f", *samples)
    fmt = struct.pack("<HHIIHH", 3, 1, rate, rate * 4, 4, 32)
    body = b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt + b"data" + struct.pack("<I", len(data)) + data
    open(name, "wb").write(b"RIFF" + struct.pack("<I", len(body)) + body)
n = 26460  # 1.2 s
inf, nan, fmax = float("inf"), float("nan"), 3.4028234663852886e38
wav("huge.wav", [1e30 if i % 2 == 0 else -1e30 for i in range(n)])
wav("plus-inf.wav", [inf] * n)
wav("minus-inf.wav", [-inf] * n)
wav("nan.wav", [nan] * n)
wav("denormal.wav", [1e-40 if i % 2 == 0 else -1e-42 for i in range(n)])
wav("extremes.wav", [fmax if (i // 3) % 2 == 0 else -fmax for i in range(n)])
wav("dc.wav", [1.0] * n)
wav("silence.wav", [0.0] * n)
wav("one-sample.wav", [0.5])
wav("empty.wav", [])
wav("match.wav", [0.3 * math.sin(i * 0.01) for i in range(n)])
wav("long.wav", [0.1 * math.sin(i * 0.02) for i in range(22050 * 300)])
EOF
mkdir empty-folder
: > a-file
echo "not audio" > notes.txt
ln match.wav hard.wav
ln -s match.wav soft.wav
"$BIN" index match.wav --db music.rfp >/dev/null 2>&1

FAILED=0
printf '| input | command | exit | first line of the message | leftovers | peak RSS |\n|---|---|---|---|---|---|\n'

# row INPUT-LABEL EXPECT-NO-FILE COMMAND... : runs one case and prints its row. EXPECT-NO-FILE
# names a file that must not exist afterwards (or -).
row() {
  local label=$1 nofile=$2; shift 2
  local before after rc msg left rss
  before=$(md5sum match.wav hard.wav 2>/dev/null | cut -c1-32 | tr '\n' ' ')
  /usr/bin/time -v -o time.txt timeout -s KILL "$LIMIT" "$BIN" "$@" >stdout.txt 2>stderr.txt
  rc=$?
  after=$(md5sum match.wav hard.wav 2>/dev/null | cut -c1-32 | tr '\n' ' ')
  # GNU time reports a killed command as "Command terminated by signal N"
  if grep -q "terminated by signal 9" time.txt; then rc=HANG; FAILED=1
  elif grep -q "terminated by signal 6" time.txt; then rc=ABORT; FAILED=1
  elif grep -q "terminated by signal 11" time.txt; then rc=CRASH; FAILED=1
  fi
  # the error if there is one, else the first line said
  msg=$( (grep '^error' stderr.txt; grep -v '^\s*$' stderr.txt) | head -1 | cut -c1-110 | sed 's/|/\\|/g')
  left=$(find . -maxdepth 2 \( -name '*.part' -o -name '*.tmp' \) -printf '%f ' | head -c 80)
  [ "$before" = "$after" ] || { left="$left INPUT DESTROYED"; FAILED=1; }
  [ "$nofile" != - ] && [ -e "$nofile" ] && left="$left $nofile written"
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f MB", $2/1024}' time.txt)
  printf '| %s | `%s` | %s | %s | %s | %s |\n' "$label" "${*}" "$rc" "${msg:--}" "${left:-none}" "${rss:--}"
  rm -f out.wav out.moments.json out.rfp demo.wav rec.wav plot.png
}

# numbers (issue 21, "Aborts")
row "rate 2^32-1, 1 h" - demo --rate 4294967295 --duration 3600 --out demo.wav
row "rate 10 MHz" demo.wav demo --rate 10000000 --out demo.wav
row "duration NaN" demo.wav demo --duration nan --out demo.wav
row "rate 2^32-1" - live --rate 4294967295 --output null --demo --duration 1 --no-osc
row "buffer 2^32-1" - live --buffer 4294967295 --output null --demo --duration 1 --no-osc
row "buffer 0" - live --buffer 0 --output null --demo --duration 1 --no-osc
row "duration NaN" - live --duration nan --output null --demo --no-osc
row "block 0" out.wav render --in match.wav --out out.wav --block 0
row "rate 1 Hz" out.wav render --in match.wav --out out.wav --rate 1
# the user's files (issue 21, "destroyed")
row "out = in" - render --in match.wav --out match.wav
row "out = in (hard link)" - render --in match.wav --out hard.wav
row "out = in (symlink)" - render --in soft.wav --out match.wav
row "out = crowd" - render --in hard.wav --crowd match.wav --out soft.wav
row "out = in" - highlight match.wav --out match.wav
row "plot = out" out.wav highlight match.wav --out out.wav --plot out.wav
row "plot = in" - analyze match.wav --plot soft.wav
row "db = input" - index match.wav --db hard.wav
row "empty folder" out.rfp index empty-folder --db out.rfp
row "not audio" out.rfp index notes.txt --db out.rfp
row "data is a file" - bridge --data a-file --listen 127.0.0.1:0 --osc 127.0.0.1:0
# an interrupted render: SIGINT after the output has started
( "$BIN" render --in long.wav --out out.wav >/dev/null 2>interrupt.txt & pid=$!
  for _ in $(seq 1 600); do ls -A | grep -q '\.part$' && break; sleep 0.05; done
  kill -INT $pid; wait $pid; echo "rc=$?" >>interrupt.txt )
left=$(find . -maxdepth 1 \( -name '*.part' -o -name 'out.wav' \) -printf '%f ' | head -c 80)
printf '| 300 s file, SIGINT while writing | `render --in long.wav --out out.wav` | %s | %s | %s | - |\n' \
  "$(grep -o 'rc=[0-9]*' interrupt.txt | cut -c4-)" "$(head -1 interrupt.txt)" "${left:-none}"
rm -f out.wav
# hostile samples through every command that reads audio
for f in huge plus-inf minus-inf nan denormal extremes dc silence one-sample empty; do
  row "$f" - analyze --json "$f.wav"
  row "$f" - highlight "$f.wav" --out out.wav
  row "$f" - render --in "$f.wav" --out out.wav
  row "$f" - render --in match.wav --crowd "$f.wav" --out out.wav
  row "$f" - index "$f.wav" --db out.rfp
  row "$f" - identify "$f.wav" --db music.rfp
done
exit $FAILED
