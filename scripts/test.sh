#!/usr/bin/env bash
# The project's test command: sets up what is missing, then runs every test of the workspace.
#
# usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo test --workspace --locked
# The live host on JACK's dummy driver (real-time paced audio and JACK MIDI, no hardware).
cargo test --locked --features jack --test e2e live
