//! Subcommands of the `resonance` CLI.

pub mod bridge;
