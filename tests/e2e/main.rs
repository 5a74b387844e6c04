//! End-to-end tests of the `resonance` command: real files in, real files out.

mod common;
mod fingerprint;
mod render;
