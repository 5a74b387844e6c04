//! End-to-end tests of the `resonance` command: real files in, real files out.

mod common;
mod render;
mod bridge;
mod bridge_page;
