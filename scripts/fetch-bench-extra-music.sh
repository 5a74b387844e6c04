#!/usr/bin/env bash
# Fetch the music that takes the recognition service's load benchmark (issue 24) past 20 h of
# catalogue: the benchmark collections (scripts/fetch-bench-collections.sh, 20.5 h by ffprobe,
# 17.3 h as an earlier run counted them) plus
# the test audio's music (../shared/data/fetch-test-audio.sh, 2.13 h) plus these two game
# soundtracks, none of them in either set. Freely licensed Debian packages, `apt-get
# download` + `dpkg-deb -x` (scripts/debfetch.sh), nothing installed, no audio committed.
#
# usage: fetch-bench-extra-music.sh [DEST]     (default DEST: ./target/bench-extra-music)
#
# Result (idempotent; a second run only checks):
#   DEST/*.ogg         every Ogg Vorbis track longer than 45 s (jingles are not tracks):
#                      M.A.R.S. (marsshooter-data, CC-BY-SA / GPL-3+) and Extreme Tux Racer
#                      (extremetuxracer-data, GPL-2+ / CC), about 1.1 h
#   DEST/SOURCES.txt   package names and versions used
#
# Needs sox (soxi) and `apt-get update` to have run once.
set -euo pipefail

dest=${1:-target/bench-extra-music}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
if [ -f "$dest/.complete" ]; then
  echo "extra benchmark music already in $dest"
  exit 0
fi
command -v soxi >/dev/null || { echo "soxi is missing: apt-get install sox" >&2; exit 1; }

# shellcheck source=scripts/debfetch.sh
. "$(dirname "$0")/debfetch.sh"
debfetch_unpack marsshooter-data extremetuxracer-data

find x/usr/share/games/marsshooter x/usr/share/games/etr -type f -name '*.ogg' -size +200k | sort | while read -r f; do
  if awk -v l="$(soxi -D "$f" 2>/dev/null || echo 0)" 'BEGIN { exit !(l > 45) }'; then
    case $f in *marsshooter*) prefix=mars ;; *) prefix=etr ;; esac
    name=$(echo "$prefix-$(basename "$f")" | tr ' ' '-' | tr -cd 'A-Za-z0-9._-')
    [ -f "$dest/$name" ] || cp "$f" "$dest/$name"
  fi
done

cp SOURCES.txt "$dest/SOURCES.txt"
touch "$dest/.complete"
echo "extra benchmark music ready in $dest: $(find "$dest" -name '*.ogg' | wc -l) tracks"
