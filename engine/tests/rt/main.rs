//! The engine's real-time contract, proven: no allocation in `process()` for minutes of real
//! audio at many block sizes and rates, finite output for any input, block-size invariance and
//! bit-exact `reset()`. One test binary, so the counting allocator can be global.

use resonance_engine::testing::CountingAllocator;

#[global_allocator]
static ALLOC: CountingAllocator = CountingAllocator;

mod analysis;
mod common;
mod core;
mod fingerprint;
mod synth;
