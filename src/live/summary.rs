//! The summary of a live run: the counters the audio thread kept and the control loop's own,
//! printed at the end as one human line or one JSON line (`--json`, read by the tests and the
//! benchmark); and the split of xruns into start-up and steady-state ones.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use super::rt::LiveStats;

/// Summary of a live run: printed at the end (one JSON line with `--json`), read by the tests
/// and the benchmark.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
pub struct LiveSummary {
    /// Wall-clock length of the run.
    pub seconds: f64,
    pub sample_rate: u32,
    /// Device buffer (callback period) in frames, as requested.
    pub buffer: u32,
    /// Frames rendered by the engine (all sessions, across device rebuilds).
    pub frames: u64,
    pub callbacks: u64,
    /// Xruns in steady operation (outside the first second after each stream start).
    pub xruns: u64,
    /// Xruns in the first second after each stream start (port connections re-ordering a
    /// JACK graph, first-touch page faults).
    pub startup_xruns: u64,
    pub underruns: u64,
    pub overruns: u64,
    pub slips: u64,
    pub record_dropped: u64,
    pub recorded_frames: u64,
    /// Time inside the output callback / audio time (share of one core).
    pub cpu_share: f64,
    /// Time in one callback: median, 99th and 99.9th percentile, maximum (µs; 5 µs buckets).
    pub callback_p50_us: f64,
    pub callback_p99_us: f64,
    pub callback_p999_us: f64,
    pub callback_max_us: f64,
    /// Callbacks that took longer than one period of wall time (each is an xrun on a
    /// real-time device).
    pub callbacks_over_period: u64,
    /// CPU time of the audio thread in one callback: 99.9th percentile and maximum (µs).
    pub callback_cpu_p999_us: f64,
    pub callback_cpu_max_us: f64,
    /// Callbacks whose CPU time alone was over one period: the engine was too slow. A
    /// callback over its period in wall time but not in CPU time was preempted (a stall).
    pub callbacks_cpu_over_period: u64,
    /// Longest time between the starts of two callbacks (µs).
    pub gap_max_us: f64,
    /// Callbacks that started more than 1.5 periods after the previous one: the audio thread
    /// (or the server driving it) was not scheduled in time. An xrun with no callback over its
    /// period comes with one of these: the machine stalled, not the engine.
    pub late_wakeups: u64,
    /// Device rebuilds after the device disappeared.
    pub rebuilds: u64,
    /// OSC datagrams sent to the bridge, and commands received from it.
    pub osc_sent: u64,
    pub osc_commands: u64,
}

impl LiveSummary {
    /// The closing line people read.
    fn human(&self, recording: bool) -> String {
        let period_us = 1e6 * f64::from(self.buffer) / f64::from(self.sample_rate.max(1));
        format!(
            "live: {:.1} s, {} frames in {} callbacks; cpu {:.3} % of one core in the callback; callback p50 {:.0} µs, p99 {:.0} µs, p99.9 {:.0} µs, max {:.0} µs (period {period_us:.0} µs, {} over, {} over in CPU time, {} late wake-ups); xruns {}, start-up xruns {}, underruns {}, overruns {}, drift slips {}{}",
            self.seconds,
            self.frames,
            self.callbacks,
            self.cpu_share * 100.0,
            self.callback_p50_us,
            self.callback_p99_us,
            self.callback_p999_us,
            self.callback_max_us,
            self.callbacks_over_period,
            self.callbacks_cpu_over_period,
            self.late_wakeups,
            self.xruns,
            self.startup_xruns,
            self.underruns,
            self.overruns,
            self.slips,
            if recording { format!(", recorded {} frames ({} dropped)", self.recorded_frames, self.record_dropped) } else { String::new() }
        )
    }

    /// Prints the summary on stdout: JSON (one line) or the human line. A stdout that is gone
    /// (the terminal hung up: SIGHUP) loses the line rather than panicking the host's exit.
    pub fn print(&self, json: bool, recording: bool) {
        use std::io::Write as _;
        let line = if json {
            match serde_json::to_string(self) {
                Ok(line) => line,
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "cannot write the summary as JSON: {e}");
                    return;
                }
            }
        } else {
            self.human(recording)
        };
        let _ = writeln!(std::io::stdout().lock(), "{line}");
    }

    /// The summary from the audio thread's counters in `st` (read once the streams have
    /// stopped, so they are final) and what the control loop counted in `run`.
    /// `recorded_frames` is left at 0 for the caller to fill in.
    pub fn collect(st: &LiveStats, sample_rate: u32, buffer: u32, run: &RunCounts) -> Self {
        let sr = f64::from(sample_rate);
        let frames = st.frames.load(Ordering::Relaxed);
        let period_ns = 1e9 * f64::from(buffer) / sr;
        let us = |ns: u64| ns as f64 / 1000.0;
        LiveSummary {
            seconds: run.seconds,
            sample_rate,
            buffer,
            frames,
            callbacks: st.callbacks.load(Ordering::Relaxed),
            xruns: run.xruns,
            startup_xruns: run.startup_xruns,
            underruns: st.underruns.load(Ordering::Relaxed),
            overruns: st.overruns.load(Ordering::Relaxed),
            slips: st.slips.load(Ordering::Relaxed),
            record_dropped: st.record_dropped.load(Ordering::Relaxed),
            recorded_frames: 0,
            cpu_share: if frames == 0 { 0.0 } else { st.busy_ns.load(Ordering::Relaxed) as f64 * 1e-9 / (frames as f64 / sr) },
            callback_p50_us: us(st.callback_times.quantile_ns(0.5)),
            callback_p99_us: us(st.callback_times.quantile_ns(0.99)),
            callback_p999_us: us(st.callback_times.quantile_ns(0.999)),
            callback_max_us: us(st.callback_times.max_ns()),
            callbacks_over_period: st.callback_times.count_over(period_ns as u64),
            callback_cpu_p999_us: us(st.callback_cpu_times.quantile_ns(0.999)),
            callback_cpu_max_us: us(st.callback_cpu_times.max_ns()),
            callbacks_cpu_over_period: st.callback_cpu_times.count_over(period_ns as u64),
            gap_max_us: us(st.callback_gaps.max_ns()),
            late_wakeups: st.callback_gaps.count_over((1.5 * period_ns) as u64),
            rebuilds: run.rebuilds,
            osc_sent: run.osc_sent,
            osc_commands: run.osc_commands,
        }
    }
}

/// What the control loop counts itself, for [`LiveSummary::collect`].
#[derive(Debug, Clone, Copy)]
pub struct RunCounts {
    /// Wall-clock length of the run.
    pub seconds: f64,
    /// Steady-state and start-up xruns (see [`XrunWindow`]).
    pub xruns: u64,
    pub startup_xruns: u64,
    /// Device rebuilds after the device disappeared.
    pub rebuilds: u64,
    /// OSC datagrams sent to the bridge, and commands received from it.
    pub osc_sent: u64,
    pub osc_commands: u64,
}

/// Counts xruns in the first second after each stream start apart from the rest.
pub struct XrunWindow {
    /// Start-up xruns of earlier sessions.
    startup: u64,
    /// Xrun count when the current session started, and when its start-up window ends.
    base: u64,
    until: Option<Instant>,
}

impl XrunWindow {
    const STARTUP: Duration = Duration::from_secs(1);

    /// The first session starts now.
    pub fn new(stats: &LiveStats) -> Self {
        Self { startup: 0, base: stats.xruns.load(Ordering::Relaxed), until: Some(Instant::now() + Self::STARTUP) }
    }

    /// A new session starts now.
    pub fn restart(&mut self, stats: &LiveStats) {
        self.close(stats);
        self.base = stats.xruns.load(Ordering::Relaxed);
        self.until = Some(Instant::now() + Self::STARTUP);
    }

    /// Ends the start-up window when it is due.
    pub fn tick(&mut self, stats: &LiveStats) {
        if self.until.is_some_and(|t| Instant::now() >= t) {
            self.close(stats);
        }
    }

    /// Adds the current session's start-up xruns to the total and ends its window.
    fn close(&mut self, stats: &LiveStats) {
        if self.until.take().is_some() {
            self.startup += stats.xruns.load(Ordering::Relaxed).saturating_sub(self.base);
        }
    }

    /// At the end of the run, before the streams stop (disconnecting from a server such as
    /// JACK makes it report xruns of its own): the steady-state and the start-up xruns.
    pub fn finish(&mut self, stats: &LiveStats) -> (u64, u64) {
        self.tick(stats);
        let total = stats.xruns.load(Ordering::Relaxed);
        let startup = self.startup + self.until.map_or(0, |_| total.saturating_sub(self.base));
        (total.saturating_sub(startup), startup)
    }
}
