//! End-to-end tests of the built plugin bundles, loaded the way hosts load them.
//!
//! Uses `target/bundled/` from `cargo xtask bundle resonance-plugin --release`; when those
//! bundles are missing or older than the plugin/engine sources, the first test to need them
//! runs that bundler (a release build: minutes on a cold cache). `RESONANCE_BUNDLE_DIR` points
//! at other bundles, used as they are. Needs the real test audio (`RESONANCE_TEST_AUDIO`).
//!
//! Allocation is counted twice: by `resonance_engine::testing::CountingAllocator` (this
//! process's Rust allocations) and by [`malloc_hook`] (every C-level allocation on the
//! thread, which is where the dlopen'ed plugin's own Rust allocator ends up).

mod clap_host;
mod clips;
mod conformance;
mod host;
mod malloc_hook;
mod osc;
mod recognition;
mod symbols;
mod vst3;

#[global_allocator]
static ALLOC: resonance_engine::testing::CountingAllocator = resonance_engine::testing::CountingAllocator;
