//! Real-time integration tests of the engine, in one binary with a counting global allocator
//! (`cargo test -p resonance-engine --features alloc-counter --test rt`).

use resonance_engine::testing::CountingAllocator;

#[global_allocator]
static ALLOC: CountingAllocator = CountingAllocator;

mod analysis;
