#!/usr/bin/env bash
# The project's test command: sets up what is missing, then runs every test of the workspace.
#
# usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo test --workspace --locked
