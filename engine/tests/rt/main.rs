//! Real-time tests of the engine: one binary with a counting global allocator; each component
//! adds a module.

#[global_allocator]
static ALLOC: resonance_engine::testing::CountingAllocator = resonance_engine::testing::CountingAllocator;

mod fingerprint;
