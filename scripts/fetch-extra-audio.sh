#!/usr/bin/env bash
# Fetch the real, freely licensed clips the crowd analysis needs beyond the shared test-audio
# set (../shared/data/fetch-test-audio.sh), the same way: `apt-get download` + `dpkg-deb -x` from
# Debian, nothing installed.
#
# usage: fetch-extra-audio.sh [DEST]       (default DEST: ./target/test-audio, i.e. the same
#                                           directory as RESONANCE_TEST_AUDIO)
#
# Result (idempotent: a second run checks each expected file and fetches only what is
# missing, so a directory filled by an older version of this script gets the new clips):
#   DEST/extra/applause.ogg   real applause, 2.1 s, Ogg Vorbis 44.1 kHz stereo
#                             (frozen-bubble-data, GPL-2: snd/applause.ogg)
#   DEST/extra/whistle.ogg    a real sports (pea) whistle, 1.43 s at ~3.7 kHz
#                             (qabcs-data, GPL-3+: abcs/all/noises/whistle.ogg)
#   DEST/extra/LABELS.tsv     file<TAB>label<TAB>source package (paths relative to DEST)
#   DEST/extra/SOURCES.txt    package names and versions used
#
# `apt-cache search applause` finds no sound package; frozen-bubble-data (a game's data) ships
# this one real applause recording. It is the only applause clip we have, so the crowd
# benchmark uses it in both of its splits (different beds, levels and offsets). The qabcs
# whistle (an alphabet game's "noises") is a different whistle at another pitch than the four
# referee clips of the shared set; the benchmark uses it only in its held-out splits.
# Needs `apt-get update` to have run once on the machine.
set -euo pipefail

dest=${1:-target/test-audio}
mkdir -p "$dest/extra"
dest=$(cd "$dest" && pwd)

# file in DEST/extra, label, Debian package, path inside the package
clips=(
  "applause.ogg|applause|frozen-bubble-data|usr/share/games/frozen-bubble/snd/applause.ogg"
  "whistle.ogg|whistle|qabcs-data|usr/share/qabcs/abcs/all/noises/whistle.ogg"
)

missing=()
for c in "${clips[@]}"; do
  IFS='|' read -r file _ pkg _ <<<"$c"
  [ -s "$dest/extra/$file" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ] && [ -f "$dest/extra/LABELS.tsv" ] && [ "$(wc -l <"$dest/extra/LABELS.tsv")" -eq ${#clips[@]} ]; then
  echo "extra test audio already in $dest/extra"
  exit 0
fi

if [ ${#missing[@]} -gt 0 ]; then
  # shellcheck source=scripts/debfetch.sh
  . "$(dirname "$0")/debfetch.sh"
  mapfile -t pkgs < <(printf '%s\n' "${missing[@]}" | sort -u)
  debfetch_unpack "${pkgs[@]}"
  for c in "${clips[@]}"; do
    IFS='|' read -r file _ _ path <<<"$c"
    if [ ! -s "$dest/extra/$file" ]; then
      cp "x/$path" "$dest/extra/$file"
    fi
  done
  # Keep the versions recorded by an earlier run for the packages not fetched now.
  touch "$dest/extra/SOURCES.txt"
  cat "$dest/extra/SOURCES.txt" SOURCES.txt | sort -u -k1,1 >SOURCES.all
  cp SOURCES.all "$dest/extra/SOURCES.txt"
fi

: >"$dest/extra/LABELS.tsv"
for c in "${clips[@]}"; do
  IFS='|' read -r file label pkg _ <<<"$c"
  printf 'extra/%s\t%s\t%s\n' "$file" "$label" "$pkg" >>"$dest/extra/LABELS.tsv"
done
touch "$dest/extra/.complete"
echo "extra test audio ready in $dest/extra: $(ls "$dest/extra" | grep -c '\.ogg$') clip(s)"
