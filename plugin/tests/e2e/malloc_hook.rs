//! A C-level allocation counter for the whole test process, including the dlopen'ed plugin.
//!
//! The plugin library carries its own Rust standard library whose allocator calls the C
//! `malloc` family directly, so a Rust `#[global_allocator]` in the host cannot see it. This
//! module interposes `malloc`, `calloc`, `realloc`, `free`, `posix_memalign`, `aligned_alloc`
//! and `memalign` in the test executable (ELF symbol interposition: definitions in the
//! executable take precedence for every library loaded later), counts calls made on threads
//! that armed counting, and forwards to the C library's implementation found with
//! `dlsym(RTLD_NEXT, ..)`. While those are being looked up (dlsym itself may allocate), requests
//! are served from a small static arena. The technique is the classic one of malloc
//! debuggers (e.g. the "malloc interposition" section of the glibc manual, "Replacing malloc").
#![allow(unsafe_code)]

use std::cell::Cell;
use std::ffi::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

unsafe extern "C" {
    fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
}

/// glibc's `RTLD_NEXT`.
const RTLD_NEXT: *mut c_void = -1isize as *mut c_void;

type MallocFn = unsafe extern "C" fn(usize) -> *mut c_void;
type CallocFn = unsafe extern "C" fn(usize, usize) -> *mut c_void;
type ReallocFn = unsafe extern "C" fn(*mut c_void, usize) -> *mut c_void;
type FreeFn = unsafe extern "C" fn(*mut c_void);
type PosixMemalignFn = unsafe extern "C" fn(*mut *mut c_void, usize, usize) -> c_int;
type AlignedFn = unsafe extern "C" fn(usize, usize) -> *mut c_void;

static REAL_MALLOC: AtomicUsize = AtomicUsize::new(0);
static REAL_CALLOC: AtomicUsize = AtomicUsize::new(0);
static REAL_REALLOC: AtomicUsize = AtomicUsize::new(0);
static REAL_FREE: AtomicUsize = AtomicUsize::new(0);
static REAL_POSIX_MEMALIGN: AtomicUsize = AtomicUsize::new(0);
static REAL_ALIGNED_ALLOC: AtomicUsize = AtomicUsize::new(0);
static REAL_MEMALIGN: AtomicUsize = AtomicUsize::new(0);
static RESOLVING: AtomicBool = AtomicBool::new(false);

const ARENA_SIZE: usize = 1 << 16;
// `u128` elements give the 16-byte alignment malloc promises.
static mut ARENA: [u128; ARENA_SIZE / 16] = [0; ARENA_SIZE / 16];
static ARENA_USED: AtomicUsize = AtomicUsize::new(0);

fn arena_range() -> (usize, usize) {
    let start = (&raw const ARENA) as usize;
    (start, start + ARENA_SIZE)
}

fn in_arena(p: *mut c_void) -> bool {
    let (a, b) = arena_range();
    (a..b).contains(&(p as usize))
}

fn arena_alloc(size: usize) -> *mut c_void {
    let size = (size + 15) & !15;
    let off = ARENA_USED.fetch_add(size, Ordering::SeqCst);
    if off + size > ARENA_SIZE {
        return std::ptr::null_mut();
    }
    (arena_range().0 + off) as *mut c_void
}

fn resolve() {
    if REAL_FREE.load(Ordering::Acquire) != 0 || RESOLVING.swap(true, Ordering::AcqRel) {
        return;
    }
    let look = |name: &std::ffi::CStr| {
        // SAFETY: dlsym with RTLD_NEXT and a NUL-terminated name is always valid to call.
        unsafe { dlsym(RTLD_NEXT, name.as_ptr()) as usize }
    };
    REAL_MALLOC.store(look(c"malloc"), Ordering::Release);
    REAL_CALLOC.store(look(c"calloc"), Ordering::Release);
    REAL_REALLOC.store(look(c"realloc"), Ordering::Release);
    REAL_POSIX_MEMALIGN.store(look(c"posix_memalign"), Ordering::Release);
    REAL_ALIGNED_ALLOC.store(look(c"aligned_alloc"), Ordering::Release);
    REAL_MEMALIGN.store(look(c"memalign"), Ordering::Release);
    REAL_FREE.store(look(c"free"), Ordering::Release);
    RESOLVING.store(false, Ordering::Release);
}

/// Loads a resolved function pointer, or `None` while resolution is under way.
fn real<F: Copy>(slot: &AtomicUsize) -> Option<F> {
    resolve();
    let p = slot.load(Ordering::Acquire);
    if p == 0 {
        return None;
    }
    // SAFETY: `p` came from dlsym for the C function whose type `F` is declared for that slot.
    Some(unsafe { std::mem::transmute_copy::<usize, F>(&p) })
}

fn note() {
    if ARMED.try_with(Cell::get).unwrap_or(false) {
        let _ = COUNT.try_with(|c| c.set(c.get() + 1));
    }
}

/// Runs `f` with counting armed on this thread; returns its result and the number of C-level
/// allocation calls (malloc family and free) made on this thread meanwhile.
pub fn count_c_allocations<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = COUNT.with(Cell::get);
    let was = ARMED.with(|a| a.replace(true));
    let r = f();
    ARMED.with(|a| a.set(was));
    (r, COUNT.with(Cell::get) - before)
}

/// # Safety
/// C `malloc` contract.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn malloc(size: usize) -> *mut c_void {
    note();
    match real::<MallocFn>(&REAL_MALLOC) {
        // SAFETY: forwarding the caller's arguments to the C library's malloc.
        Some(f) => unsafe { f(size) },
        None => arena_alloc(size),
    }
}

/// # Safety
/// C `calloc` contract.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn calloc(n: usize, size: usize) -> *mut c_void {
    note();
    match real::<CallocFn>(&REAL_CALLOC) {
        // SAFETY: forwarding the caller's arguments to the C library's calloc.
        Some(f) => unsafe { f(n, size) },
        // The arena is zeroed static memory that is never reused.
        None => arena_alloc(n.saturating_mul(size)),
    }
}

/// # Safety
/// C `realloc` contract.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn realloc(p: *mut c_void, size: usize) -> *mut c_void {
    note();
    if in_arena(p) {
        // SAFETY: forwarding to our own malloc.
        let new = unsafe { malloc(size) };
        if !new.is_null() {
            let avail = arena_range().1 - p as usize;
            // SAFETY: both ranges are valid for `min(size, avail)` bytes and do not overlap.
            unsafe { std::ptr::copy_nonoverlapping(p.cast::<u8>(), new.cast::<u8>(), size.min(avail)) };
        }
        return new;
    }
    match real::<ReallocFn>(&REAL_REALLOC) {
        // SAFETY: `p` came from the C library's allocator (not the arena).
        Some(f) => unsafe { f(p, size) },
        None => std::ptr::null_mut(),
    }
}

/// # Safety
/// C `free` contract.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn free(p: *mut c_void) {
    if p.is_null() || in_arena(p) {
        return;
    }
    note();
    if let Some(f) = real::<FreeFn>(&REAL_FREE) {
        // SAFETY: `p` came from the C library's allocator (not the arena).
        unsafe { f(p) }
    }
}

/// # Safety
/// C `posix_memalign` contract.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posix_memalign(out: *mut *mut c_void, align: usize, size: usize) -> c_int {
    note();
    match real::<PosixMemalignFn>(&REAL_POSIX_MEMALIGN) {
        // SAFETY: forwarding the caller's arguments.
        Some(f) => unsafe { f(out, align, size) },
        None => 12, // ENOMEM
    }
}

/// # Safety
/// C `aligned_alloc` contract.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn aligned_alloc(align: usize, size: usize) -> *mut c_void {
    note();
    match real::<AlignedFn>(&REAL_ALIGNED_ALLOC) {
        // SAFETY: forwarding the caller's arguments.
        Some(f) => unsafe { f(align, size) },
        None => std::ptr::null_mut(),
    }
}

/// # Safety
/// C `memalign` contract.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memalign(align: usize, size: usize) -> *mut c_void {
    note();
    match real::<AlignedFn>(&REAL_MEMALIGN) {
        // SAFETY: forwarding the caller's arguments.
        Some(f) => unsafe { f(align, size) },
        None => std::ptr::null_mut(),
    }
}
