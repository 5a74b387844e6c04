//! Test support: a counting global allocator that proves a closure does not allocate. (The
//! real test audio is found by `resonance_test_support::test_audio_dir`.)
//!
//! Install it in a test binary with
//! `#[global_allocator] static A: CountingAllocator = CountingAllocator;` and wrap the code
//! under test in [`count_allocations`]. Only allocations made *on the calling thread while
//! armed* are counted, so other test threads do not interfere, and nothing aborts: a test can
//! assert both that a processor is clean and that the harness catches one that is not.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

fn note() {
    // `try_with`: the allocator may run while thread-locals are being torn down.
    if ARMED.try_with(Cell::get).unwrap_or(false) {
        let _ = COUNT.try_with(|c| c.set(c.get() + 1));
    }
}

/// System allocator that counts (de)allocations made on armed threads.
#[derive(Debug, Clone, Copy, Default)]
pub struct CountingAllocator;

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the only
// extra work is a const-initialised thread-local `Cell` update, which never allocates.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note();
        // SAFETY: `ptr` was allocated by `System` through this allocator with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        // SAFETY: `ptr` was allocated by `System` through this allocator with `layout`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Runs `f` with allocation counting armed on this thread; returns its result and how many
/// allocations, reallocations and deallocations it made. Only meaningful when
/// [`CountingAllocator`] is the global allocator.
pub fn count_allocations<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = COUNT.with(Cell::get);
    let was = ARMED.with(|a| a.replace(true));
    let r = f();
    ARMED.with(|a| a.set(was));
    (r, COUNT.with(Cell::get) - before)
}
