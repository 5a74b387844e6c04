#!/usr/bin/env bash
# The project's test command: sets up what is missing, then runs every test of the workspace.
#
# usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# PostgreSQL for the bridge's storage tests (the same code path as SQLite).
if [ -z "${RESONANCE_TEST_POSTGRES_URL:-}" ] && command -v pg_lsclusters >/dev/null; then
  sudo=""; if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
  read -r pg_ver pg_name _ < <(pg_lsclusters -h | head -n 1)
  if [ -n "${pg_ver:-}" ]; then
    $sudo pg_ctlcluster "$pg_ver" "$pg_name" start 2>/dev/null || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
    as_pg psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname='resonance'" | grep -q 1 \
      || as_pg psql -qc "CREATE USER resonance WITH PASSWORD 'resonance'"
    as_pg psql -qtAc "SELECT 1 FROM pg_database WHERE datname='resonance_test'" | grep -q 1 \
      || as_pg createdb -O resonance resonance_test
    export RESONANCE_TEST_POSTGRES_URL=postgres://resonance:resonance@127.0.0.1/resonance_test
  fi
fi
# The plugin tests load the built bundles, as a host would.
cargo xtask bundle resonance-plugin --release
cargo test --workspace --locked --no-fail-fast
# The live host on JACK's dummy driver (real-time paced audio and JACK MIDI, no hardware): the
# tests start and stop their own `jackd -d dummy` (jackd2, installed by setup.sh), one at a time.
cargo test --locked --features jack --test e2e jack -- --test-threads=1
