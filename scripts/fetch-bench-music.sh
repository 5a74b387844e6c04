#!/usr/bin/env bash
# Fetch more real, freely licensed music for the fingerprint benchmark's large index (issue 4:
# query latency on a >= 4 h index) and its held-out negatives, the same way as
# ../shared/data/fetch-test-audio.sh: `apt-get download` + `dpkg-deb -x` from Debian, nothing
# installed, no audio committed.
#
# usage: fetch-bench-music.sh [DEST]     (default DEST: ./target/bench-music)
#
# Result (idempotent; a second run only checks):
#   DEST/hedgewars/*.ogg   26 game soundtracks, Ogg Vorbis   (hedgewars-data, GPL-2 / CC)
#   DEST/lincity/*.ogg     3 tracks, Ogg Vorbis              (lincity-ng-data, GPL-2)
#   DEST/warzone/*.opus    the Warzone 2100 soundtracks, Ogg Opus (warzone2100-music, CC-BY-SA)
#   DEST/SOURCES.txt       package names and versions used
#
# Symphonia (our decoder) has no Opus decoder: the benchmark decodes the .opus files with
# `opusdec` (Debian package opus-tools), which must be installed to use them.
# Needs `apt-get update` to have run once on the machine.
set -euo pipefail

dest=${1:-target/bench-music}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
if [ -f "$dest/.complete" ]; then
  echo "benchmark music already in $dest"
  exit 0
fi

# shellcheck source=scripts/debfetch.sh
. "$(dirname "$0")/debfetch.sh"
debfetch_unpack hedgewars-data lincity-ng-data warzone2100-music

mkdir -p "$dest/hedgewars" "$dest/lincity" "$dest/warzone"
cp -n x/usr/share/games/hedgewars/Data/Music/*.ogg "$dest/hedgewars/"
# lincity's file names carry spaces and artists: keep a plain stem
i=0
find x/usr/share/games/lincity-ng/music -name '*.ogg' | sort | while read -r f; do
  i=$((i + 1))
  cp -n "$f" "$dest/lincity/lincity-$i.ogg"
done
# warzone: album folders hold track<N>.opus; prefix the album to keep the stems unique
find x/usr/share/games/warzone2100/music -name '*.opus' | sort | while read -r f; do
  album=$(basename "$(dirname "$f")")
  cp -n "$f" "$dest/warzone/${album}-$(basename "$f")"
done
cp SOURCES.txt "$dest/SOURCES.txt"
touch "$dest/.complete"
echo "benchmark music ready in $dest: $(find "$dest" -name '*.ogg' | wc -l) ogg, $(find "$dest" -name '*.opus' | wc -l) opus"
