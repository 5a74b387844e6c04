# Shared by the fetch-*.sh scripts (sourced, not run): download Debian packages without
# installing them and unpack their files, as ../shared/data/fetch-test-audio.sh does.
#
# debfetch_unpack PKG...: in a fresh temporary directory (removed on exit, and made the
#   current directory), `apt-get download`s the packages and unpacks each into ./x; writes
#   "package version" lines to ./SOURCES.txt. Needs `apt-get update` to have run once.

debfetch_unpack() {
  debfetch_work=$(mktemp -d)
  trap 'rm -rf "$debfetch_work"' EXIT
  cd "$debfetch_work"
  if ! apt-get download "$@" >download.log 2>&1; then
    echo "apt-get download $* failed; run 'apt-get update' first (the machine needs network access to a Debian mirror). Log:" >&2
    cat download.log >&2
    exit 1
  fi
  for deb in ./*.deb; do
    dpkg-deb -x "$deb" x
    echo "$(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)"
  done >SOURCES.txt
}
