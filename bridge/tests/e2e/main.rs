//! End-to-end tests of the bridge: the router through `oneshot`, and real servers on
//! 127.0.0.1 with real OSC, HTTP and WebSocket clients. One test binary, one module per area.

mod api;
mod clips;
mod cluster;
mod common;
mod discovery;
mod fuzz;
mod guard;
mod library;
mod modules;
mod obs;
mod openapi;
mod postgres;
mod recognition;
mod server;
mod sync;

/// Counts allocations on threads that ask (`resonance_engine::testing::count_allocations`): the
/// clip bank driven by `clips.rs` proves its audio-thread calls allocate nothing.
#[global_allocator]
static ALLOC: resonance_engine::testing::CountingAllocator = resonance_engine::testing::CountingAllocator;
