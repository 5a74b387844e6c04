#!/usr/bin/env bash
# Installs everything a fresh Debian/Ubuntu machine lacks to build, run and test Resonance,
# and fetches the real test audio. Idempotent: a second run only checks.
#
# usage: bash scripts/setup.sh        (as root, or with sudo available)
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

# Build: pkg-config + ALSA headers (cpal), g++ (VST3 wrapper), fontconfig/freetype (plots).
# Tests and benchmarks: sox and espeak-ng (test material), fpcalc (peer benchmark),
# opusdec (the recognition bench's Opus soundtracks, scripts/fetch-bench-music.sh), ffmpeg (Opus,
# WebM and AC-3 test files for the decoder and the recognition service's tests).
# Live host: JACK server and headers (the `jack` feature; tests run on `jackd -d dummy`).
# SoundFont playback tests: a small General MIDI .sf2 (/usr/share/sounds/sf2/TimGM6mb.sf2).
# Operations test: Debian's prometheus (and promtool) scrape a running bridge (tests/e2e/prometheus.rs).
# OBS test: Debian's obs-studio (29, with obs-websocket 5.1) under Xvfb (bridge/tests/e2e/obs.rs).
pkgs=(pkg-config libasound2-dev g++ make sox libsox-fmt-all espeak-ng libchromaprint-tools opus-tools ffmpeg
      libfontconfig1-dev libfreetype-dev fonts-dejavu-core ca-certificates
      jackd2 libjack-jackd2-dev timgm6mb-soundfont
      postgresql chromium prometheus obs-studio xvfb xauth)
pkgs+=(nats-server) # cluster mode tests: Debian's NATS server, run with JetStream (bridge/tests/e2e/cluster.rs)
pkgs+=(fluid-soundfont-gm) # the default SoundFont of the sampled styles (FluidR3 GM, /usr/share/sounds/sf2/FluidR3_GM.sf2)
# Node.js for the browser test: the machine's own if it has one, else Debian's.
if ! command -v npm >/dev/null; then pkgs+=(nodejs npm); fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
lists_empty=true
if compgen -G "/var/lib/apt/lists/*_Packages*" >/dev/null; then lists_empty=false; fi
if [ ${#missing[@]} -gt 0 ] || $lists_empty; then
  echo "setup: apt-get update"
  $sudo apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The bridge's browser test drives Debian's Chromium with playwright-core (no browser download).
if command -v npm >/dev/null && [ ! -d tests/browser/node_modules/playwright-core ]; then
  echo "setup: npm ci in tests/browser"
  npm ci --prefix tests/browser --no-audit --no-fund >/dev/null
fi

# Rust components used by CI.
if command -v rustup >/dev/null; then
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
fi

# Real test audio from Debian's packages (tests and benchmarks read target/test-audio).
fetch=../shared/data/fetch-test-audio.sh
if [ -z "${RESONANCE_TEST_AUDIO:-}" ]; then
  if [ -f "$fetch" ]; then
    bash "$fetch" target/test-audio
  else
    echo "setup: $fetch not found; tests need real audio in target/test-audio (or RESONANCE_TEST_AUDIO)" >&2
  fi
fi
# The crowd analysis's extra clips (applause) beside them.
bash scripts/fetch-extra-audio.sh "${RESONANCE_TEST_AUDIO:-target/test-audio}"
echo "setup: done"
