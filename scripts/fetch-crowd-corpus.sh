#!/usr/bin/env bash
# Fetch the crowd-reaction corpus that `crowd-train` learns from and scores on: every row of
# tools/corpus/crowd-labels.tsv (one labelled span of one file of one Debian package), by
# `apt-get download` + `dpkg-deb -x`, nothing installed, each file checked against the
# table's SHA-256.
#
# usage: fetch-crowd-corpus.sh [DEST]      (default DEST: ./target/test-audio, i.e. the same
#                                          directory as RESONANCE_TEST_AUDIO)
#
# Result (idempotent: files already present with the right hash are kept):
#   DEST/crowd-corpus/PKG/FILE   the labelled files (the table's first column)
#   DEST/crowd-corpus/SOURCES.txt  package names and versions used
#
# The table was made by a survey of Debian's game and sound data (packages listed in
# docs/crowd-analysis.md, "Corpus"): file names matched against crowd/cheer/applause/boo/
# chant/whistle/ooh/market/... and each hit inspected by spectrogram before it got a kind.
# About 850 MB of packages are downloaded into a temporary directory (supertuxkart-data is
# the largest, 630 MB; removed on exit);
# the kept files take 6 MB. Needs `apt-get update` to have run once on the machine.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
table="$here/../tools/corpus/crowd-labels.tsv"
dest=${1:-target/test-audio}
mkdir -p "$dest/crowd-corpus"
dest=$(cd "$dest/crowd-corpus" && pwd)

ok() { [ -s "$dest/$1" ] && [ "$(sha256sum "$dest/$1" | cut -d' ' -f1)" = "$2" ]; }

missing=()
while IFS=$'\t' read -r file pkg _ _ _ _ _ _ _ sha _; do
  [ "$file" = file ] && continue
  ok "$file" "$sha" || missing+=("$pkg")
done <"$table"
if [ ${#missing[@]} -eq 0 ]; then
  echo "crowd corpus already complete in $dest"
  exit 0
fi

# shellcheck source=scripts/debfetch.sh
. "$here/debfetch.sh"
mapfile -t pkgs < <(printf '%s\n' "${missing[@]}" | sort -u)
echo "downloading ${pkgs[*]}"
debfetch_unpack "${pkgs[@]}"
bad=0
while IFS=$'\t' read -r file pkg version path _ _ _ _ _ sha _; do
  [ "$file" = file ] && continue
  ok "$file" "$sha" && continue
  if [ ! -f "x/$path" ]; then
    echo "$pkg has no $path (the table names version $version; apt-get download fetched $(grep "^$pkg " SOURCES.txt || echo none)): update tools/corpus/crowd-labels.tsv" >&2
    bad=1
    continue
  fi
  mkdir -p "$dest/$(dirname "$file")"
  cp "x/$path" "$dest/$file"
  if ! ok "$file" "$sha"; then
    echo "$file: SHA-256 differs from the table ($pkg $(grep "^$pkg " SOURCES.txt | cut -d' ' -f2) vs $version): listen to it and relabel before using it" >&2
    bad=1
  fi
done <"$table"
touch "$dest/SOURCES.txt"
cat "$dest/SOURCES.txt" SOURCES.txt | sort -u -k1,1 >SOURCES.all
cp SOURCES.all "$dest/SOURCES.txt"
[ "$bad" -eq 0 ] || exit 1
echo "crowd corpus ready in $dest: $(find "$dest" -type f ! -name SOURCES.txt | wc -l) file(s)"
