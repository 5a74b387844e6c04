//! Prometheus metrics, hand-written in the text exposition format (version 0.0.4).
//!
//! Counters and gauges are atomics; request latencies are fixed-bucket histograms per
//! (method, route) behind a short-held mutex. Format reference:
//! <https://prometheus.io/docs/instrumenting/exposition_formats/>.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering::Relaxed};

use crate::error::REJECT_REASONS;

/// Histogram bucket upper bounds in seconds.
const BUCKETS: [f64; 12] = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0];

#[derive(Debug, Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn add(&mut self, seconds: f64) {
        for (c, b) in self.counts.iter_mut().zip(BUCKETS) {
            if seconds <= b {
                *c += 1;
            }
        }
        self.count += 1;
        self.sum += seconds;
    }

    fn buckets(&self) -> Vec<(f64, u64)> {
        BUCKETS.iter().copied().zip(self.counts).chain([(f64::INFINITY, self.count)]).collect()
    }

    /// Writes the `_bucket`, `_sum` and `_count` lines with `labels` (`a="b",` or empty).
    fn render(&self, s: &mut String, name: &str, labels: &str) {
        for (c, b) in self.counts.iter().zip(BUCKETS) {
            let _ = writeln!(s, "{name}_bucket{{{labels}le=\"{b}\"}} {c}");
        }
        let _ = writeln!(s, "{name}_bucket{{{labels}le=\"+Inf\"}} {}", self.count);
        let trimmed = labels.trim_end_matches(',');
        let _ = writeln!(s, "{name}_sum{{{trimmed}}} {}", self.sum);
        let _ = writeln!(s, "{name}_count{{{trimmed}}} {}", self.count);
    }
}

/// All bridge metrics.
#[derive(Debug, Default)]
pub struct Metrics {
    pub telemetry_http: AtomicU64,
    pub telemetry_osc_game: AtomicU64,
    pub osc_engine_messages: AtomicU64,
    rejects: [AtomicU64; REJECT_REASONS.len()],
    pub ws_clients: AtomicI64,
    pub ws_dropped: AtomicU64,
    pub ws_sent: AtomicU64,
    pub engine_xruns: AtomicU64,
    pub osc_commands_sent: AtomicU64,
    pub store_writes: AtomicU64,
    pub store_errors: AtomicU64,
    pub sessions: AtomicI64,
    /// OSC receive batches (datagrams drained from the socket per wake-up) and their messages.
    pub osc_batches: AtomicU64,
    pub osc_batch_messages: AtomicU64,
    /// Store transactions (group commits) and the writes they held.
    pub store_batches: AtomicU64,
    /// Longest group commit so far, in microseconds.
    pub store_commit_max_us: AtomicU64,
    commit: Mutex<Histogram>,
    /// Time a write waits in the writer's queue before the batch holding it starts.
    queue_wait: Mutex<Histogram>,
    latencies: Mutex<BTreeMap<(String, String), Histogram>>,
}

impl Metrics {
    /// Counts a rejection; unknown reasons are counted as `internal`.
    pub fn reject(&self, reason: &str) {
        let i = REJECT_REASONS.iter().position(|r| *r == reason).unwrap_or(6);
        if let Some(c) = self.rejects.get(i) {
            c.fetch_add(1, Relaxed);
        }
    }

    pub fn rejects(&self, reason: &str) -> u64 {
        REJECT_REASONS.iter().position(|r| *r == reason).and_then(|i| self.rejects.get(i)).map_or(0, |c| c.load(Relaxed))
    }

    /// Records one request's latency.
    pub fn observe(&self, method: &str, route: &str, seconds: f64) {
        let mut map = self.latencies.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let h = map.entry((method.to_string(), route.to_string())).or_default();
        h.add(seconds);
    }

    /// Records one group commit's duration.
    pub fn observe_commit(&self, seconds: f64) {
        self.store_batches.fetch_add(1, Relaxed);
        self.store_commit_max_us.fetch_max((seconds * 1e6) as u64, Relaxed);
        self.commit.lock().unwrap_or_else(std::sync::PoisonError::into_inner).add(seconds);
    }

    /// Records how long the writes of a batch waited in the writer's queue.
    pub fn observe_queue_wait(&self, waits: impl Iterator<Item = f64>) {
        let mut h = self.queue_wait.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for w in waits {
            h.add(w);
        }
    }

    /// Cumulative bucket counts `(upper bound in seconds, count <= bound)` of the group-commit
    /// durations, ending with `(inf, total)`.
    pub fn commit_buckets(&self) -> Vec<(f64, u64)> {
        self.commit.lock().unwrap_or_else(std::sync::PoisonError::into_inner).buckets()
    }

    /// As [`Self::commit_buckets`], for the writer queue wait.
    pub fn queue_wait_buckets(&self) -> Vec<(f64, u64)> {
        self.queue_wait.lock().unwrap_or_else(std::sync::PoisonError::into_inner).buckets()
    }

    /// As [`Self::commit_buckets`], for the server-side latency of one route (empty if unseen).
    pub fn route_buckets(&self, method: &str, route: &str) -> Vec<(f64, u64)> {
        let map = self.latencies.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        map.get(&(method.to_string(), route.to_string())).map(Histogram::buckets).unwrap_or_default()
    }

    /// The exposition text.
    pub fn render(&self) -> String {
        let mut s = String::with_capacity(4096);
        let mut counter = |name: &str, help: &str, kind: &str, lines: &[(String, f64)]| {
            let _ = writeln!(s, "# HELP {name} {help}\n# TYPE {name} {kind}");
            for (labels, v) in lines {
                let _ = writeln!(s, "{name}{labels} {v}");
            }
        };
        let one = |v: u64| vec![(String::new(), v as f64)];
        counter(
            "resonance_bridge_telemetry_total",
            "Accepted telemetry updates by source.",
            "counter",
            &[
                ("{source=\"http\"}".into(), self.telemetry_http.load(Relaxed) as f64),
                ("{source=\"osc_game\"}".into(), self.telemetry_osc_game.load(Relaxed) as f64),
                ("{source=\"osc_engine\"}".into(), self.osc_engine_messages.load(Relaxed) as f64),
            ],
        );
        let rejects: Vec<(String, f64)> =
            REJECT_REASONS.iter().zip(&self.rejects).map(|(r, c)| (format!("{{reason=\"{r}\"}}"), c.load(Relaxed) as f64)).collect();
        counter("resonance_bridge_rejects_total", "Rejected requests and OSC messages by reason.", "counter", &rejects);
        counter(
            "resonance_bridge_ws_clients",
            "Connected WebSocket clients.",
            "gauge",
            &[(String::new(), self.ws_clients.load(Relaxed) as f64)],
        );
        counter("resonance_bridge_ws_sent_total", "Messages sent to WebSocket clients.", "counter", &one(self.ws_sent.load(Relaxed)));
        counter(
            "resonance_bridge_ws_dropped_total",
            "Messages dropped for slow WebSocket clients (drop-oldest).",
            "counter",
            &one(self.ws_dropped.load(Relaxed)),
        );
        counter("resonance_bridge_engine_xruns_total", "Xruns reported by engines.", "counter", &one(self.engine_xruns.load(Relaxed)));
        counter(
            "resonance_bridge_osc_commands_sent_total",
            "OSC commands sent to engines.",
            "counter",
            &one(self.osc_commands_sent.load(Relaxed)),
        );
        counter("resonance_bridge_store_writes_total", "Database writes.", "counter", &one(self.store_writes.load(Relaxed)));
        counter(
            "resonance_bridge_store_batches_total",
            "Storage transactions (group commits); writes / batches is the mean batch size.",
            "counter",
            &one(self.store_batches.load(Relaxed)),
        );
        counter(
            "resonance_bridge_osc_batches_total",
            "OSC receive batches (datagrams drained per wake-up).",
            "counter",
            &one(self.osc_batches.load(Relaxed)),
        );
        counter(
            "resonance_bridge_osc_batch_messages_total",
            "OSC messages received in those batches.",
            "counter",
            &one(self.osc_batch_messages.load(Relaxed)),
        );
        counter("resonance_bridge_store_errors_total", "Failed database writes.", "counter", &one(self.store_errors.load(Relaxed)));
        counter("resonance_bridge_sessions", "Sessions in memory.", "gauge", &[(String::new(), self.sessions.load(Relaxed) as f64)]);
        let map = self.latencies.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        let name = "resonance_bridge_http_request_duration_seconds";
        let _ = writeln!(s, "# HELP {name} HTTP request latency by route.\n# TYPE {name} histogram");
        for ((method, route), h) in &map {
            h.render(&mut s, name, &format!("method=\"{method}\",route=\"{route}\","));
        }
        let commit = self.commit.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        let name = "resonance_bridge_store_commit_seconds";
        let _ = writeln!(s, "# HELP {name} Duration of each storage transaction (one group commit).\n# TYPE {name} histogram");
        commit.render(&mut s, name, "");
        let queue = self.queue_wait.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        let name = "resonance_bridge_store_queue_seconds";
        let _ =
            writeln!(s, "# HELP {name} Time each write waited for the writer before its group commit started.\n# TYPE {name} histogram");
        queue.render(&mut s, name, "");
        s
    }
}
