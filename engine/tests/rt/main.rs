//! Real-time tests of the engine: one test binary with the counting global allocator, one
//! module per component.

#[global_allocator]
static ALLOC: resonance_engine::testing::CountingAllocator = resonance_engine::testing::CountingAllocator;

mod synth;
