#!/usr/bin/env bash
# Fetch the music collections of the cross-collection recognition benchmark (issue 23):
# freely licensed game and music packages from Debian, `apt-get download` + `dpkg-deb -x`
# (scripts/debfetch.sh), nothing installed, no audio committed. Each collection has its own
# genre and production, so a method tuned on one is measured blind on the others.
#
# usage: fetch-bench-collections.sh [DEST]     (default DEST: ./target/bench-collections)
#
# Result (idempotent; a second run only checks):
#   DEST/orchestral/   UFO: Alien Invasion soundtrack            (ufoai-music, GPL-2+ / CC-BY-SA)
#   DEST/electronic/   Nexuiz, Endgame: Singularity, Warzone 2100, FreedroidRPG
#                      (nexuiz-music, singularity-music, warzone2100-music, freedroidrpg-data)
#   DEST/rockpop/      Hedgewars, Drascula, SuperTux: band/pop/rock-styled game music
#                      (hedgewars-data, drascula-music, supertux-data)
#   DEST/acoustic/     Planet Blupi, HyperRogue, LinCity-NG, Widelands: acoustic, folk, ambient
#                      (planetblupi-music-ogg, hyperrogue-music, lincity-ng-data, widelands-data)
#   DEST/programme/    speech-heavy programmes: espeak-ng talk (several voices) over a music
#                      bed at -14 dB, one MegaGlest track per programme (megaglest-data)
#   DEST/SOURCES.txt   package names and versions used
#
# Debian's packages hold no song with sung vocals that we found; "rockpop" is band-styled
# instrumental music. Warzone's Opus files need `opusdec` (opus-tools) to decode; building
# the programmes needs sox and espeak-ng. Needs `apt-get update` to have run once.
set -euo pipefail

dest=${1:-target/bench-collections}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
if [ -f "$dest/.complete" ]; then
  echo "benchmark collections already in $dest"
  exit 0
fi
for tool in sox espeak-ng unzip; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install sox espeak-ng unzip" >&2; exit 1; }
done

# shellcheck source=scripts/debfetch.sh
. "$(dirname "$0")/debfetch.sh"
debfetch_unpack ufoai-music nexuiz-music singularity-music warzone2100-music freedroidrpg-data \
  hedgewars-data drascula-music supertux-data planetblupi-music-ogg hyperrogue-music \
  lincity-ng-data widelands-data megaglest-data

# copy_music COLLECTION PREFIX DIR...: every Ogg/Opus file longer than 45 s under DIR (jingles
# and stingers are not tracks), as COLLECTION/PREFIX-<path with / as ->.<ext>, plain names.
copy_music() {
  local coll=$1 prefix=$2
  shift 2
  mkdir -p "$dest/$coll"
  find "$@" -type f \( -name '*.ogg' -o -name '*.opus' \) -size +200k | sort | while read -r f; do
    case $f in
      *.opus) len=$(opusinfo "$f" 2>/dev/null | sed -n 's/.*Playback length: \([0-9]*\)m:\([0-9.]*\)s.*/\1 \2/p' | awk '{print $1 * 60 + $2}' || true) ;;
      *) len=$(soxi -D "$f" 2>/dev/null || echo 0) ;;
    esac
    if awk -v l="${len:-0}" 'BEGIN { exit !(l > 45) }'; then
      rel=${f#*/music/}
      [ "$rel" = "$f" ] && rel=$(basename "$f")
      name=$(echo "$prefix-$rel" | tr '/ ' '--' | tr -cd 'A-Za-z0-9._-')
      [ -f "$dest/$coll/$name" ] || cp "$f" "$dest/$coll/$name"
    fi
  done
}

mkdir -p z
unzip -qo x/usr/share/games/ufoai/base/0music.pk3 '*.ogg' -d z/ufoai
unzip -qo x/usr/share/games/nexuiz/data/music.pk3 '*.ogg' -d z/nexuiz

copy_music orchestral ufoai z/ufoai
copy_music electronic nexuiz z/nexuiz
copy_music electronic singularity x/usr/share/games/singularity/music
copy_music electronic warzone x/usr/share/games/warzone2100/music
copy_music electronic freedroid x/usr/share/freedroidrpg/data/sound/music
copy_music rockpop hedgewars x/usr/share/games/hedgewars/Data/Music
copy_music rockpop drascula x/usr/share/scummvm/drascula/audio
copy_music rockpop supertux x/usr/share/games/supertux2/music
copy_music acoustic blupi x/usr/share/planetblupi/music
copy_music acoustic hyperrogue x/usr/share/hyperrogue/music
copy_music acoustic lincity x/usr/share/games/lincity-ng/music
copy_music acoustic widelands x/usr/share/games/widelands/data/music

# Speech-heavy programmes: a MegaGlest track as the bed (each used once, so no two programmes
# share audio) under espeak-ng talk, talk about two thirds of the time.
lines=(
  "Good evening and welcome to the programme. Tonight we look back at a remarkable season."
  "Our guest has spent twenty years in the studio, and she joins us now to talk about her new record."
  "The traffic on the ring road is heavy this morning, so leave a little earlier if you can."
  "And that brings us to the news headlines at the top of the hour."
  "Before the break we were talking about the harvest, and the weather that nearly ruined it."
  "Let us go straight over to our reporter at the ground, where the teams are warming up."
  "Thank you for all your messages. Keep them coming, the lines are open until midnight."
  "It is a quarter past nine, and here is something a little different to keep you company."
)
voices=(en en-us en-gb-scotland en-gb-x-rp de fr)
mkdir -p "$dest/programme" prog
i=0
find x/usr/share/games/megaglest -path '*music*' -name '*.ogg' -size +1M | sort | while read -r bed; do
  i=$((i + 1))
  out="$dest/programme/programme-$(printf %02d "$i").ogg"
  [ -f "$out" ] && continue
  len=$(soxi -D "$bed")
  parts=()
  t=0
  k=$i
  while awk -v t="$t" -v l="$len" 'BEGIN { exit !(t < l - 8) }'; do
    wav=prog/s$i-$k.wav
    espeak-ng -v "${voices[$((k % ${#voices[@]}))]}" -s $((140 + 10 * (k % 4))) -w "$wav" "${lines[$((k % ${#lines[@]}))]}"
    sox -q "$wav" -r 44100 -c 2 prog/r$i-$k.wav
    parts+=(prog/r$i-$k.wav)
    sox -q -n -r 44100 -c 2 prog/gap$i-$k.wav trim 0 "$((1 + k % 3))"
    parts+=(prog/gap$i-$k.wav)
    t=$(soxi -D "${parts[@]}" | awk '{ s += $1 } END { print s }')
    k=$((k + 1))
  done
  sox -q "${parts[@]}" prog/talk$i.wav
  sox -q "$bed" -r 44100 -c 2 prog/bed$i.wav vol -14 dB
  sox -q -m prog/talk$i.wav prog/bed$i.wav -C 5 "$out" trim 0 "$len"
  rm -f prog/*
done

cp SOURCES.txt "$dest/SOURCES.txt"
touch "$dest/.complete"
for c in orchestral electronic rockpop acoustic programme; do
  echo "$c: $(find "$dest/$c" -type f | wc -l) tracks"
done
echo "benchmark collections ready in $dest"
