//! End-to-end tests of the `resonance` command.

mod fingerprint;
