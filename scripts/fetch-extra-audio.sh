#!/usr/bin/env bash
# Fetch the real, freely licensed clips the crowd analysis needs beyond the shared test-audio
# set (../shared/data/fetch-test-audio.sh), the same way: `apt-get download` + `dpkg-deb -x` from
# Debian, nothing installed.
#
# usage: fetch-extra-audio.sh [DEST]       (default DEST: ./target/test-audio, i.e. the same
#                                           directory as RESONANCE_TEST_AUDIO)
#
# Result (idempotent; a second run only checks):
#   DEST/extra/applause.ogg   real applause, 2.1 s, Ogg Vorbis 44.1 kHz stereo
#                             (frozen-bubble-data, GPL-2: snd/applause.ogg)
#   DEST/extra/LABELS.tsv     file<TAB>label<TAB>source package (paths relative to DEST)
#   DEST/extra/SOURCES.txt    package names and versions used
#
# `apt-cache search applause` finds no sound package; frozen-bubble-data (a game's data) ships
# this one real applause recording. It is the only applause clip we have, so the crowd
# benchmark uses it in both of its splits (different beds, levels and offsets).
# Needs `apt-get update` to have run once on the machine.
set -euo pipefail

dest=${1:-target/test-audio}
mkdir -p "$dest/extra"
dest=$(cd "$dest" && pwd)
if [ -f "$dest/extra/.complete" ]; then
  echo "extra test audio already in $dest/extra"
  exit 0
fi

# shellcheck source=scripts/debfetch.sh
. "$(dirname "$0")/debfetch.sh"
debfetch_unpack frozen-bubble-data

cp -n x/usr/share/games/frozen-bubble/snd/applause.ogg "$dest/extra/"
printf 'extra/applause.ogg\tapplause\tfrozen-bubble-data\n' >"$dest/extra/LABELS.tsv"
cp SOURCES.txt "$dest/extra/SOURCES.txt"
touch "$dest/extra/.complete"
echo "extra test audio ready in $dest/extra: $(ls "$dest/extra" | grep -c '\.ogg$') clip(s)"
