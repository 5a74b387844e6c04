//! End-to-end tests of the `resonance` command: real files in, real files out.

mod analyze;
mod bridge;
mod bridge_page;
mod common;
mod fingerprint;
mod golden;
mod hardening;
mod library;
mod live;
mod prometheus;
mod render;
mod styles;
mod synth;
