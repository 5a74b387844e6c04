//! The audio thread's own CPU time, to tell an engine that is slow from a machine that stalls.
//!
//! A callback's wall time includes every moment the thread was not running: preemption by the
//! hypervisor or a higher-priority thread. Its CPU time (`CLOCK_THREAD_CPUTIME_ID`) counts only
//! the time the thread executed. A callback whose wall time is over the period while its CPU
//! time is well under it was stalled by the machine; one whose CPU time is over the period is
//! the engine's fault. Reading the clock is one non-blocking `clock_gettime` call (about 0.1 µs
//! here; no lock, no allocation, no I/O), which is why the audio thread may make it.
#![allow(unsafe_code)]

/// CPU time consumed by the calling thread, in nanoseconds; 0 where the clock is unavailable.
///
/// # Realtime safety
/// One `clock_gettime` system call: no allocation, lock or I/O.
#[cfg(unix)]
pub fn thread_cpu_ns() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec owned by this frame; clock_gettime writes only
    // into it and has no other effect.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &raw mut ts) };
    if rc != 0 {
        return 0;
    }
    let secs = u64::try_from(ts.tv_sec).unwrap_or(0);
    let nanos = u64::try_from(ts.tv_nsec).unwrap_or(0);
    secs.saturating_mul(1_000_000_000).saturating_add(nanos)
}

/// CPU time consumed by the calling thread: unavailable on this platform, always 0.
///
/// # Realtime safety
/// Does nothing.
#[cfg(not(unix))]
pub fn thread_cpu_ns() -> u64 {
    0
}

#[cfg(test)]
mod tests {
    use super::thread_cpu_ns;

    #[test]
    fn counts_work_and_not_sleep() {
        let t0 = thread_cpu_ns();
        std::thread::sleep(std::time::Duration::from_millis(50));
        let slept = thread_cpu_ns() - t0;
        // Spin until the thread's clock has counted 20 ms of work. On a loaded machine that takes
        // longer in wall time, never less: one thread cannot run faster than the wall clock. A
        // clock that does not count work never gets there.
        let t1 = thread_cpu_ns();
        let start = std::time::Instant::now();
        let mut x = 0u64;
        let busy = loop {
            for _ in 0..10_000 {
                x = std::hint::black_box(x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1));
            }
            let busy = thread_cpu_ns() - t1;
            if busy >= 20_000_000 || start.elapsed() > std::time::Duration::from_secs(10) {
                break busy;
            }
        };
        let wall = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        assert!(slept < 10_000_000, "sleeping 50 ms cost {slept} ns of CPU");
        assert!(busy >= 20_000_000, "10 s of spinning counted only {busy} ns of CPU");
        assert!(busy <= wall + 1_000_000, "{busy} ns of CPU counted in {wall} ns of wall time");
    }
}
