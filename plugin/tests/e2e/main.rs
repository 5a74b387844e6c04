//! End-to-end tests of the built plugin bundles, loaded the way hosts load them.
//!
//! Needs `target/bundled/` from `cargo xtask bundle resonance-plugin --release` (CI runs the
//! bundler first; the tests fail with that instruction when the bundles are missing or older
//! than the sources) and the real test audio (`RESONANCE_TEST_AUDIO`).
//!
//! Allocation is counted twice: by `resonance_engine::testing::CountingAllocator` (this
//! process's Rust allocations) and by [`malloc_hook`] (every C-level allocation on the
//! thread, which is where the dlopen'ed plugin's own Rust allocator ends up).

mod clap_host;
mod host;
mod malloc_hook;
mod osc;
mod symbols;
mod vst3;

#[global_allocator]
static ALLOC: resonance_engine::testing::CountingAllocator = resonance_engine::testing::CountingAllocator;
