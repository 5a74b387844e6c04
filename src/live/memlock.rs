//! Keeps the live host's memory resident, so the audio thread never takes a page fault.
//!
//! Buffers the engine allocates in `prepare()` come from `calloc`/`mmap`: the kernel hands out
//! their pages on first touch. Without this, the audio thread touches fresh pages for minutes
//! (ring buffers and delay lines fill slowly), and each page fault takes the process's
//! `mmap_lock`; when another thread of the process holds it for writing (an allocation growing
//! the heap, a thread starting) and that thread is preempted on a loaded machine, the audio
//! thread waits for it: a priority inversion that costs milliseconds. `mlockall(MCL_CURRENT)`
//! faults in and pins every page mapped at the call, so it is called once a session's buffers
//! exist and before its streams start (and again after a device rebuild).
//!
//! The practice is the one JACK (`jackd` locks its shared memory) and PipeWire document for
//! real-time audio; see also `mlockall(2)`. Without the privilege (`ulimit -l` too low and no
//! `CAP_IPC_LOCK`) the host runs on and says so once.
#![allow(unsafe_code)]

use std::sync::atomic::{AtomicBool, Ordering};

static WARNED: AtomicBool = AtomicBool::new(false);

/// Faults in and locks every page the process has mapped now. On failure, prints (once) what
/// it means and how to allow it; the host runs on either way. Returns whether it worked.
pub fn lock_current() -> bool {
    match lock() {
        Ok(()) => true,
        Err(e) => {
            if !WARNED.swap(true, Ordering::Relaxed) {
                eprintln!(
                    "cannot lock the audio memory ({e}): page faults on the audio thread may cause xruns; allow it with `ulimit -l unlimited` (or CAP_IPC_LOCK)"
                );
            }
            false
        }
    }
}

#[cfg(target_os = "linux")]
fn lock() -> std::io::Result<()> {
    // SAFETY: mlockall takes only flags and touches no memory of ours; it is safe to call at
    // any time from any thread.
    let rc = unsafe { libc::mlockall(libc::MCL_CURRENT) };
    if rc == 0 { Ok(()) } else { Err(std::io::Error::last_os_error()) }
}

#[cfg(not(target_os = "linux"))]
fn lock() -> std::io::Result<()> {
    // only Linux is measured so far; elsewhere nothing is locked
    Ok(())
}
