//! Prometheus metrics, exposed by the official client (`prometheus-client`) in the Prometheus
//! text format (version 0.0.4).
//!
//! Counters and gauges are plain atomics, bumped on the hot paths without locks and handed to
//! the client at each scrape (a [`Collector`] of constant metrics: the documented way to
//! expose values kept elsewhere). Latencies are the client's fixed-bucket histograms, one per
//! (method, route) in a [`Family`]. The client writes the exposition: names and their
//! suffixes (`_total`, `_bucket`, `_sum`, `_count`), label escaping and number formatting.
//! Format reference: <https://prometheus.io/docs/instrumenting/exposition_formats/>.

/// `/healthz` and `/metrics` (imported by path: this module is below `state`, its routes above).
pub mod routes;

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering::Relaxed};

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeLabelSet, EncodeMetric, prometheus_text};
use prometheus_client::metrics::MetricType;
use prometheus_client::metrics::counter::{ConstCounter, Counter};
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use crate::error::REJECT_REASONS;

/// Histogram bucket upper bounds in seconds.
const BUCKETS: [f64; 12] = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0];

/// The labels of a request latency.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

/// The labels of a request count.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    /// `2xx`, `3xx`, `4xx` or `5xx`.
    status_class: String,
}

fn new_histogram() -> Histogram {
    Histogram::new(BUCKETS)
}

/// All bridge metrics.
#[derive(Debug)]
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
    /// Cluster mode: matches whose lease this bridge holds.
    pub owned_matches: AtomicI64,
    /// Cluster mode: group commits of the owned matches' inputs, and the inputs they held.
    pub cluster_commits: AtomicU64,
    pub cluster_committed_inputs: AtomicU64,
    /// OSC receive batches (datagrams drained from the socket per wake-up) and their messages.
    pub osc_batches: AtomicU64,
    pub osc_batch_messages: AtomicU64,
    /// Store transactions (group commits) and the writes they held.
    pub store_batches: AtomicU64,
    /// Longest group commit so far, in microseconds.
    pub store_commit_max_us: AtomicU64,
    /// Recognition queries answered with a match and without one.
    pub recognitions_matched: AtomicU64,
    pub recognitions_unmatched: AtomicU64,
    /// Recognition queries refused because the worker pool was full (503).
    pub recognitions_busy: AtomicU64,
    /// The recognition catalogue: tracks, seconds of audio, index segments (set on each change).
    pub catalogue_tracks: AtomicI64,
    pub catalogue_seconds: AtomicI64,
    pub catalogue_segments: AtomicI64,
    /// Background merges of index segments.
    pub catalogue_merges: AtomicU64,
    /// Webhook delivery attempts by outcome (`recognition::webhooks`): delivered, retried
    /// (a failed attempt with another to come), failed (given up), dropped (queue full).
    pub webhook_delivered: AtomicU64,
    pub webhook_retried: AtomicU64,
    pub webhook_failed: AtomicU64,
    pub webhook_dropped: AtomicU64,
    /// Duration of each webhook delivery attempt.
    webhook: Histogram,
    /// Clips in the library (set at start, then on each add and delete).
    pub clips: AtomicI64,
    /// Clip plays counted: listens (streams from byte 0) and on-air plays.
    pub clip_listens: AtomicU64,
    pub clip_on_air: AtomicU64,
    /// Bytes of clip files handed to connections.
    pub clip_bytes_streamed: AtomicU64,
    /// Clip streams whose body is being sent.
    pub clip_streams_active: AtomicI64,
    /// Decode + match time of each recognition query (the worker's share of the latency).
    recognize: Histogram,
    commit: Histogram,
    /// Time a write waits in the writer's queue before the batch holding it starts.
    queue_wait: Histogram,
    latencies: Family<RouteLabels, Histogram, fn() -> Histogram>,
    requests: Family<RequestLabels, Counter>,
    /// The music library's provider calls (`crate::library`).
    pub library: LibraryCounters,
    /// Music discovery's jobs, proposals and downloads (`crate::discovery`).
    pub discovery: DiscoveryCounters,
    /// Match events paired with the crowd's reactions (`telemetry::sync`).
    pub sync: SyncCounters,
}

/// Music discovery: runs by job (lb-fetch, catalog-discovery, slskd-downloader), albums
/// proposed, downloads verified complete or failed, failed service calls.
#[derive(Debug, Default)]
pub struct DiscoveryCounters {
    pub runs: [AtomicU64; 3],
    /// Runs that failed or were skipped (not configured, a service unreachable).
    pub runs_not_ok: [AtomicU64; 3],
    pub proposed: AtomicU64,
    pub downloads_done: AtomicU64,
    pub downloads_failed: AtomicU64,
    pub service_errors: AtomicU64,
}

/// Provider calls and errors of the music library, by provider (spotify, subsonic, local),
/// and the player's events.
#[derive(Debug, Default)]
pub struct LibraryCounters {
    pub calls: [AtomicU64; 3],
    pub errors: [AtomicU64; 3],
    /// Targets dropped because the player's queue was full (the telemetry path never waits).
    pub dropped_events: AtomicU64,
    /// Tracks started by the selector or the page.
    pub switches: AtomicU64,
    /// Tracks whose mood was measured from their audio.
    pub analysed: AtomicU64,
    /// Spotify-only tracks whose mood came from their tags.
    pub tagged: AtomicU64,
    /// Tag look-ups that failed (the track stays without a mood; asked again later).
    pub tag_errors: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        Self {
            telemetry_http: AtomicU64::default(),
            telemetry_osc_game: AtomicU64::default(),
            osc_engine_messages: AtomicU64::default(),
            rejects: std::array::from_fn(|_| AtomicU64::default()),
            ws_clients: AtomicI64::default(),
            ws_dropped: AtomicU64::default(),
            ws_sent: AtomicU64::default(),
            engine_xruns: AtomicU64::default(),
            osc_commands_sent: AtomicU64::default(),
            store_writes: AtomicU64::default(),
            store_errors: AtomicU64::default(),
            sessions: AtomicI64::default(),
            owned_matches: AtomicI64::default(),
            cluster_commits: AtomicU64::default(),
            cluster_committed_inputs: AtomicU64::default(),
            osc_batches: AtomicU64::default(),
            osc_batch_messages: AtomicU64::default(),
            store_batches: AtomicU64::default(),
            store_commit_max_us: AtomicU64::default(),
            recognitions_matched: AtomicU64::default(),
            recognitions_unmatched: AtomicU64::default(),
            recognitions_busy: AtomicU64::default(),
            catalogue_tracks: AtomicI64::default(),
            catalogue_seconds: AtomicI64::default(),
            catalogue_segments: AtomicI64::default(),
            catalogue_merges: AtomicU64::default(),
            webhook_delivered: AtomicU64::default(),
            webhook_retried: AtomicU64::default(),
            webhook_failed: AtomicU64::default(),
            webhook_dropped: AtomicU64::default(),
            webhook: new_histogram(),
            clips: AtomicI64::default(),
            clip_listens: AtomicU64::default(),
            clip_on_air: AtomicU64::default(),
            clip_bytes_streamed: AtomicU64::default(),
            clip_streams_active: AtomicI64::default(),
            recognize: new_histogram(),
            commit: new_histogram(),
            queue_wait: new_histogram(),
            latencies: Family::new_with_constructor(new_histogram),
            requests: Family::default(),
            library: LibraryCounters::default(),
            discovery: DiscoveryCounters::default(),
            sync: SyncCounters::default(),
        }
    }
}

/// Cumulative bucket counts `(upper bound in seconds, count <= bound)` of a histogram, ending
/// with `(inf, total)`, read back through the client's own exposition (it keeps them private).
fn buckets(h: &Histogram) -> Vec<(f64, u64)> {
    let mut registry = Registry::default();
    registry.register("h", "", h.clone());
    let mut text = String::new();
    let _ = prometheus_text::encode(&mut text, &registry);
    text.lines()
        .filter_map(|l| {
            let (le, n) = l.strip_prefix("h_bucket{le=\"")?.split_once("\"} ")?;
            Some((if le == "+Inf" { f64::INFINITY } else { le.parse().ok()? }, n.parse().ok()?))
        })
        .collect()
}

impl Metrics {
    /// Counts a rejection; unknown reasons are counted as `internal`.
    pub fn reject(&self, reason: &str) {
        self.reject_n(reason, 1);
    }

    /// Counts `n` rejections of one reason (e.g. the OSC messages of one lost stream message).
    pub fn reject_n(&self, reason: &str, n: u64) {
        let i = REJECT_REASONS.iter().position(|r| *r == reason).unwrap_or(6);
        if let Some(c) = self.rejects.get(i) {
            c.fetch_add(n, Relaxed);
        }
    }

    pub fn rejects(&self, reason: &str) -> u64 {
        REJECT_REASONS.iter().position(|r| *r == reason).and_then(|i| self.rejects.get(i)).map_or(0, |c| c.load(Relaxed))
    }

    /// Records one request's latency.
    pub fn observe(&self, method: &str, route: &str, seconds: f64) {
        self.latencies.get_or_create(&RouteLabels { method: method.to_string(), route: route.to_string() }).observe(seconds);
    }

    /// Records one group commit's duration.
    pub fn observe_commit(&self, seconds: f64) {
        self.store_batches.fetch_add(1, Relaxed);
        self.store_commit_max_us.fetch_max((seconds * 1e6) as u64, Relaxed);
        self.commit.observe(seconds);
    }

    /// Records one recognition query's decode + match time.
    pub fn observe_recognition(&self, seconds: f64) {
        self.recognize.observe(seconds);
    }

    /// Records one webhook delivery attempt's duration.
    pub fn observe_webhook(&self, seconds: f64) {
        self.webhook.observe(seconds);
    }

    /// As [`Self::commit_buckets`], for the recognition queries' decode + match time.
    pub fn recognition_buckets(&self) -> Vec<(f64, u64)> {
        buckets(&self.recognize)
    }

    /// Records how long the writes of a batch waited in the writer's queue.
    pub fn observe_queue_wait(&self, waits: impl Iterator<Item = f64>) {
        for w in waits {
            self.queue_wait.observe(w);
        }
    }

    /// Cumulative bucket counts `(upper bound in seconds, count <= bound)` of the group-commit
    /// durations, ending with `(inf, total)`.
    pub fn commit_buckets(&self) -> Vec<(f64, u64)> {
        buckets(&self.commit)
    }

    /// As [`Self::commit_buckets`], for the writer queue wait.
    pub fn queue_wait_buckets(&self) -> Vec<(f64, u64)> {
        buckets(&self.queue_wait)
    }

    /// Counts one answered request of `route` (the matched path) by status class.
    pub fn count_request(&self, method: &str, route: &str, status: u16) {
        let class = match status {
            200..=299 => "2xx",
            300..=399 => "3xx",
            400..=499 => "4xx",
            _ => "5xx",
        };
        self.requests
            .get_or_create(&RequestLabels { method: method.to_string(), route: route.to_string(), status_class: class.into() })
            .inc();
    }

    /// As [`Self::commit_buckets`], for the server-side latency of one route (empty if unseen).
    pub fn route_buckets(&self, method: &str, route: &str) -> Vec<(f64, u64)> {
        self.latencies.get(&RouteLabels { method: method.to_string(), route: route.to_string() }).map(|h| buckets(&h)).unwrap_or_default()
    }

    /// The exposition text (Prometheus text format 0.0.4).
    pub fn render(self: &Arc<Self>) -> String {
        let mut registry = Registry::default();
        registry.register_collector(Box::new(Arc::clone(self)));
        let mut text = String::with_capacity(8192);
        let _ = prometheus_text::encode(&mut text, &registry);
        text
    }
}

impl Metrics {
    /// The recognition service's metrics.
    fn encode_recognition(&self, e: &mut DescriptorEncoder) -> fmt::Result {
        let outcomes = [
            ("match", self.recognitions_matched.load(Relaxed)),
            ("no_match", self.recognitions_unmatched.load(Relaxed)),
            ("busy", self.recognitions_busy.load(Relaxed)),
        ];
        counter_by(e, "resonance_bridge_recognitions", "Recognition queries by outcome (bad input: rejects_total).", "outcome", &outcomes)?;
        gauge(e, "resonance_bridge_catalogue_tracks", "Tracks in the recognition catalogue.", self.catalogue_tracks.load(Relaxed))?;
        gauge(
            e,
            "resonance_bridge_catalogue_seconds",
            "Seconds of audio in the recognition catalogue.",
            self.catalogue_seconds.load(Relaxed),
        )?;
        gauge(
            e,
            "resonance_bridge_catalogue_segments",
            "Index segments of the recognition catalogue.",
            self.catalogue_segments.load(Relaxed),
        )?;
        counter(e, "resonance_bridge_catalogue_merges", "Background merges of index segments.", self.catalogue_merges.load(Relaxed))?;
        let deliveries = [
            ("delivered", self.webhook_delivered.load(Relaxed)),
            ("retry", self.webhook_retried.load(Relaxed)),
            ("failed", self.webhook_failed.load(Relaxed)),
            ("dropped", self.webhook_dropped.load(Relaxed)),
        ];
        counter_by(e, "resonance_bridge_webhook_deliveries", "Webhook delivery attempts by outcome.", "outcome", &deliveries)?;
        let help = "Duration of each webhook delivery attempt.";
        self.webhook.encode(e.encode_descriptor("resonance_bridge_webhook_delivery_seconds", help, None, MetricType::Histogram)?)?;
        let help = "Decode and match time of each recognition query.";
        self.recognize.encode(e.encode_descriptor("resonance_bridge_recognition_seconds", help, None, MetricType::Histogram)?)
    }
}

impl Metrics {
    /// The clip library's metrics (no per-clip label: per-clip counts are in `/play/{id}/stats`).
    fn encode_clips(&self, e: &mut DescriptorEncoder) -> fmt::Result {
        let plays = [("listen", self.clip_listens.load(Relaxed)), ("on_air", self.clip_on_air.load(Relaxed))];
        counter_by(
            e,
            "resonance_bridge_clip_plays",
            "Clip plays counted, by kind (listen: a stream from byte 0; on_air).",
            "kind",
            &plays,
        )?;
        let bytes = self.clip_bytes_streamed.load(Relaxed);
        counter(e, "resonance_bridge_clip_bytes_streamed", "Bytes of clip files sent by /play/{id}/stream.", bytes)?;
        gauge(e, "resonance_bridge_clip_streams_active", "Clip streams being sent.", self.clip_streams_active.load(Relaxed))?;
        gauge(e, "resonance_bridge_clips", "Clips in the library.", self.clips.load(Relaxed))
    }

    /// The music library's metrics.
    fn encode_library(&self, e: &mut DescriptorEncoder) -> fmt::Result {
        let l = &self.library;
        let by = |a: &[AtomicU64; 3]| -> Vec<(&'static str, u64)> {
            ["spotify", "subsonic", "local"].iter().zip(a).map(|(n, c)| (*n, c.load(Relaxed))).collect()
        };
        counter_by(e, "resonance_bridge_library_provider_calls", "Music provider calls by provider.", "provider", &by(&l.calls))?;
        counter_by(e, "resonance_bridge_library_provider_errors", "Failed music provider calls by provider.", "provider", &by(&l.errors))?;
        let help = "Library targets dropped because the player was busy (telemetry never waits).";
        counter(e, "resonance_bridge_library_dropped_events", help, l.dropped_events.load(Relaxed))?;
        counter(e, "resonance_bridge_library_switches", "Library tracks started.", l.switches.load(Relaxed))?;
        counter(e, "resonance_bridge_library_analysed", "Library tracks whose mood was measured from audio.", l.analysed.load(Relaxed))?;
        counter(e, "resonance_bridge_library_tagged", "Library tracks whose mood came from their tags.", l.tagged.load(Relaxed))?;
        let help = "Failed tag look-ups of library tracks (the track stays without a mood).";
        counter(e, "resonance_bridge_library_tag_errors", help, l.tag_errors.load(Relaxed))
    }
}

impl Metrics {
    /// Music discovery's metrics.
    fn encode_discovery(&self, e: &mut DescriptorEncoder) -> fmt::Result {
        let d = &self.discovery;
        let by = |a: &[AtomicU64; 3]| -> Vec<(&'static str, u64)> {
            ["lb-fetch", "catalog-discovery", "slskd-downloader"].iter().zip(a).map(|(n, c)| (*n, c.load(Relaxed))).collect()
        };
        counter_by(e, "resonance_bridge_discovery_runs", "Discovery job runs by job.", "job", &by(&d.runs))?;
        counter_by(e, "resonance_bridge_discovery_runs_not_ok", "Discovery runs failed or skipped, by job.", "job", &by(&d.runs_not_ok))?;
        counter(e, "resonance_bridge_discovery_proposed", "Albums proposed by discovery.", d.proposed.load(Relaxed))?;
        counter(e, "resonance_bridge_discovery_downloads_done", "Downloads verified complete.", d.downloads_done.load(Relaxed))?;
        counter(e, "resonance_bridge_discovery_downloads_failed", "Downloads failed or stalled.", d.downloads_failed.load(Relaxed))?;
        counter(e, "resonance_bridge_discovery_service_errors", "Failed calls to discovery's services.", d.service_errors.load(Relaxed))
    }
}

/// Match events paired with the crowd's reactions, and the feed's lag (`telemetry::sync`).
#[derive(Debug, Default)]
pub struct SyncCounters {
    /// Feed events paired with a reaction.
    pub paired: AtomicU64,
    /// Feed events no reaction answered; reactions no feed event claimed.
    pub feed_only: AtomicU64,
    pub crowd_only: AtomicU64,
    /// The feed's lag behind the crowd (ms) as last estimated, in any session.
    pub lag_ms: AtomicI64,
}

impl Metrics {
    /// The match sync's metrics.
    fn encode_sync(&self, e: &mut DescriptorEncoder) -> fmt::Result {
        let s = &self.sync;
        let outcomes =
            [("paired", s.paired.load(Relaxed)), ("feed_only", s.feed_only.load(Relaxed)), ("crowd_only", s.crowd_only.load(Relaxed))];
        let help = "Match-feed events and crowd reactions by outcome: paired, a feed event alone, a reaction alone.";
        counter_by(e, "resonance_bridge_match_sync", help, "outcome", &outcomes)?;
        let help = "The match feed's lag behind the crowd's reactions (ms), as last estimated (median of recent pairs).";
        gauge(e, "resonance_bridge_match_feed_lag_ms", help, s.lag_ms.load(Relaxed))
    }
}

/// One unlabelled counter; `name` without its `_total`, which the client appends.
fn counter(e: &mut DescriptorEncoder, name: &str, help: &str, v: u64) -> fmt::Result {
    ConstCounter::new(v).encode(e.encode_descriptor(name, help, None, MetricType::Counter)?)
}

/// One counter per value of `label`.
fn counter_by(e: &mut DescriptorEncoder, name: &str, help: &str, label: &str, values: &[(&str, u64)]) -> fmt::Result {
    let mut m = e.encode_descriptor(name, help, None, MetricType::Counter)?;
    for (value, v) in values {
        ConstCounter::new(*v).encode(m.encode_family(&[(label, *value)])?)?;
    }
    Ok(())
}

fn gauge(e: &mut DescriptorEncoder, name: &str, help: &str, v: i64) -> fmt::Result {
    ConstGauge::new(v).encode(e.encode_descriptor(name, help, None, MetricType::Gauge)?)
}

impl Collector for Metrics {
    fn encode(&self, mut e: DescriptorEncoder) -> fmt::Result {
        let e = &mut e;
        let sources = [
            ("http", self.telemetry_http.load(Relaxed)),
            ("osc_game", self.telemetry_osc_game.load(Relaxed)),
            ("osc_engine", self.osc_engine_messages.load(Relaxed)),
        ];
        counter_by(e, "resonance_bridge_telemetry", "Accepted telemetry updates by source.", "source", &sources)?;
        let rejects: Vec<(&str, u64)> = REJECT_REASONS.iter().zip(&self.rejects).map(|(r, c)| (*r, c.load(Relaxed))).collect();
        counter_by(e, "resonance_bridge_rejects", "Rejected requests and OSC messages by reason.", "reason", &rejects)?;
        gauge(e, "resonance_bridge_ws_clients", "Connected WebSocket clients.", self.ws_clients.load(Relaxed))?;
        counter(e, "resonance_bridge_ws_sent", "Messages sent to WebSocket clients.", self.ws_sent.load(Relaxed))?;
        let dropped = self.ws_dropped.load(Relaxed);
        counter(e, "resonance_bridge_ws_dropped", "Messages dropped for slow WebSocket clients (drop-oldest).", dropped)?;
        counter(e, "resonance_bridge_engine_xruns", "Xruns reported by engines.", self.engine_xruns.load(Relaxed))?;
        counter(e, "resonance_bridge_osc_commands_sent", "OSC commands sent to engines.", self.osc_commands_sent.load(Relaxed))?;
        counter(e, "resonance_bridge_store_writes", "Database writes.", self.store_writes.load(Relaxed))?;
        let batches = self.store_batches.load(Relaxed);
        counter(
            e,
            "resonance_bridge_store_batches",
            "Storage transactions (group commits); writes / batches is the mean batch size.",
            batches,
        )?;
        let osc_batches = self.osc_batches.load(Relaxed);
        counter(e, "resonance_bridge_osc_batches", "OSC receive batches (datagrams drained per wake-up).", osc_batches)?;
        let osc_messages = self.osc_batch_messages.load(Relaxed);
        counter(e, "resonance_bridge_osc_batch_messages", "OSC messages received in those batches.", osc_messages)?;
        counter(e, "resonance_bridge_store_errors", "Failed database writes.", self.store_errors.load(Relaxed))?;
        gauge(e, "resonance_bridge_sessions", "Sessions in memory.", self.sessions.load(Relaxed))?;
        gauge(
            e,
            "resonance_bridge_owned_matches",
            "Cluster mode: matches this bridge directs (holds the lease of).",
            self.owned_matches.load(Relaxed),
        )?;
        counter(
            e,
            "resonance_bridge_cluster_commits",
            "Cluster mode: group commits of the owned matches' stream inputs to PostgreSQL.",
            self.cluster_commits.load(Relaxed),
        )?;
        counter(
            e,
            "resonance_bridge_cluster_committed_inputs",
            "Cluster mode: stream inputs in those commits; inputs / commits is the mean group size.",
            self.cluster_committed_inputs.load(Relaxed),
        )?;
        self.encode_recognition(e)?;
        self.encode_clips(e)?;
        self.encode_library(e)?;
        self.encode_discovery(e)?;
        self.encode_sync(e)?;
        let name = "resonance_bridge_http_request_duration_seconds";
        self.latencies.encode(e.encode_descriptor(name, "HTTP request latency by route.", None, MetricType::Histogram)?)?;
        let help = "HTTP requests answered, by route and status class.";
        self.requests.encode(e.encode_descriptor("resonance_bridge_http_requests", help, None, MetricType::Counter)?)?;
        let help = "Duration of each storage transaction (one group commit).";
        self.commit.encode(e.encode_descriptor("resonance_bridge_store_commit_seconds", help, None, MetricType::Histogram)?)?;
        let help = "Time each write waited for the writer before its group commit started.";
        self.queue_wait.encode(e.encode_descriptor("resonance_bridge_store_queue_seconds", help, None, MetricType::Histogram)?)
    }
}
