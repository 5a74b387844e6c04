//! CPU time of the calling thread, for speed figures on a shared machine (wall-clock time also
//! counts the time other processes hold the core).

/// CPU time of the calling thread (ns), `clock_gettime(CLOCK_THREAD_CPUTIME_ID)`; 0 where the
/// clock is unavailable. (`/proc/thread-self/schedstat` is no substitute: its figure for the
/// running thread is brought up to date only at scheduler ticks, in 4 ms steps.)
#[cfg(unix)]
#[allow(unsafe_code)]
pub fn thread_cpu_ns() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec and the clock id is a constant the kernel
    // knows; the call writes only `ts`.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &raw mut ts) };
    if rc != 0 {
        return 0;
    }
    u64::try_from(ts.tv_sec).unwrap_or(0) * 1_000_000_000 + u64::try_from(ts.tv_nsec).unwrap_or(0)
}

/// CPU time of the calling thread (ns): unavailable off Unix, always 0.
#[cfg(not(unix))]
pub fn thread_cpu_ns() -> u64 {
    0
}

/// Thread CPU seconds since `start` (a [`thread_cpu_ns`] reading).
pub fn thread_cpu_s_since(start: u64) -> f64 {
    thread_cpu_ns().saturating_sub(start) as f64 * 1e-9
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn counts_busy_time_not_sleep() {
        let t0 = thread_cpu_ns();
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(thread_cpu_s_since(t0) < 0.04, "sleeping counted as CPU time");
        let t1 = thread_cpu_ns();
        let mut x = 0u64;
        while thread_cpu_s_since(t1) < 0.01 {
            x = std::hint::black_box(x.wrapping_add(1));
        }
        assert!(thread_cpu_ns() > t1);
    }
}
