//! End-to-end tests of the `resonance` command: real files in, real files out.

mod bridge;
mod bridge_page;
mod analyze;
mod common;
mod live;
mod fingerprint;
mod render;
mod synth;
