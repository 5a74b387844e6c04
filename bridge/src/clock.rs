//! Wall-clock time as stored and answered by the bridge (Unix milliseconds).
//!
//! One bridge reads its own clock. In cluster mode the owner of a match applies each input at
//! the time JetStream stored it ([`at`], with the stream message's timestamp), so the times in
//! a match's state (timeline, `updated_ms`, the feed/crowd pairing) come from the NATS server's
//! clock alone: the same whichever bridge applies the input and whenever (a replay after a
//! takeover, a backlog after PostgreSQL was away), and skewed clocks between bridges change
//! nothing (docs/cluster.md).

use std::cell::Cell;

thread_local! {
    /// The time [`now_ms`] answers on this thread while [`at`] runs.
    static AT: Cell<Option<i64>> = const { Cell::new(None) };
}

/// Milliseconds since the Unix epoch: this machine's clock, or inside [`at`] the time given
/// there.
pub fn now_ms() -> i64 {
    AT.with(Cell::get).unwrap_or_else(system_ms)
}

/// This machine's clock in milliseconds since the Unix epoch, whatever [`at`] says.
pub fn system_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Runs `f` (synchronous: the override is this thread's) with [`now_ms`] answering `at_ms`.
pub fn at<T>(at_ms: i64, f: impl FnOnce() -> T) -> T {
    /// Restores the previous override, also when `f` panics.
    struct Restore(Option<i64>);
    impl Drop for Restore {
        fn drop(&mut self) {
            AT.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(AT.with(|c| c.replace(Some(at_ms))));
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_overrides_now_only_inside_and_nests() {
        let outside = now_ms();
        assert!(outside > 1_600_000_000_000, "{outside}");
        let (a, b, c) = at(1_000, || (now_ms(), at(2_000, now_ms), now_ms()));
        assert_eq!((a, b, c), (1_000, 2_000, 1_000));
        assert!(now_ms() >= outside, "the machine's clock again after `at`");
        // a panic inside does not leave the override behind
        let _ = std::panic::catch_unwind(|| at(5, || panic!("inside")));
        assert!(now_ms() >= outside);
    }
}
