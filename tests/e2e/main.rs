//! End-to-end tests of the `resonance` command.

mod bridge;
mod bridge_page;
