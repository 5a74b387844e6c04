#!/usr/bin/env bash
# The project's test command: sets up what is missing, then runs every test of the workspace.
#
# usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The plugin tests load the built bundles, as a host would.
cargo xtask bundle resonance-plugin --release
cargo test --workspace --locked
# The live host on JACK's dummy driver (real-time paced audio and JACK MIDI, no hardware).
cargo test --locked --features jack --test e2e live
