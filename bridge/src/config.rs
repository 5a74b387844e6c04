//! Bridge configuration: addresses, storage, limits, the recognition service. Filled from the `resonance bridge` flags.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Everything `run()` needs.
#[derive(Clone, Debug)]
pub struct Config {
    /// HTTP/WebSocket listen address (127.0.0.1:7878 by default: loopback only).
    pub listen: SocketAddr,
    /// OSC (UDP) listen address.
    pub osc_listen: SocketAddr,
    /// Extra engines that receive every session's commands (besides engines that said hello).
    pub osc_targets: Vec<SocketAddr>,
    /// Data directory (`resonance.db`, `rules/`). `None` with an explicit `database` only.
    pub data_dir: Option<PathBuf>,
    /// `sqlite://...` or `postgres://...`; default `sqlite://DIR/resonance.db`.
    pub database: Option<String>,
    /// Rule set new sessions use.
    pub default_rules: String,
    /// Origins allowed by CORS besides the bridge's own.
    pub cors_origins: Vec<String>,
    /// Largest request body in bytes.
    pub body_limit: usize,
    /// Messages buffered per WebSocket client before the oldest are dropped.
    pub ws_buffer: usize,
    /// How often sessions changed by engines/OSC are written.
    pub persist_interval: Duration,
    /// The recognition service (`/api/v1/recognize`, `/api/v1/tracks`).
    pub recognition: RecognitionConfig,
}

/// Limits and places of the recognition service (`crate::recognition`).
#[derive(Clone, Debug)]
pub struct RecognitionConfig {
    /// Where the index segments and their manifest live; default `DATA/recognition`.
    pub index_dir: Option<PathBuf>,
    /// The only server folder `POST /api/v1/tracks/import` may read (and only below it);
    /// `None` switches imports off.
    pub library_root: Option<PathBuf>,
    /// Longest query audio accepted, in seconds (longer: 413).
    pub max_query_s: f64,
    /// Largest query body in bytes (larger: 413).
    pub max_query_bytes: usize,
    /// Largest track upload in bytes.
    pub max_track_bytes: usize,
    /// Longest track accepted into the catalogue, in seconds.
    pub max_track_s: f64,
    /// Decoding and matching threads (the bounded worker pool).
    pub workers: usize,
    /// Requests admitted beyond the running ones before 503 + Retry-After.
    pub queue: usize,
    /// Index segments that trigger a background merge into one.
    pub merge_at: usize,
}

impl Default for RecognitionConfig {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        Self {
            index_dir: None,
            library_root: None,
            max_query_s: 20.0,
            max_query_bytes: 8 << 20,
            max_track_bytes: 256 << 20,
            max_track_s: 3600.0,
            workers: cores,
            queue: 4 * cores,
            merge_at: 8,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 7878)),
            osc_listen: SocketAddr::from(([127, 0, 0, 1], 9000)),
            osc_targets: Vec::new(),
            data_dir: None,
            database: None,
            default_rules: "standard".into(),
            cors_origins: Vec::new(),
            body_limit: 16 * 1024,
            ws_buffer: 1024,
            persist_interval: Duration::from_millis(250),
            recognition: RecognitionConfig::default(),
        }
    }
}

impl Config {
    /// The database URL: `database`, or SQLite under the data directory (or the current one).
    pub fn database_url(&self) -> String {
        if let Some(d) = &self.database {
            return d.clone();
        }
        let dir = self.data_dir.clone().unwrap_or_else(|| PathBuf::from("."));
        format!("sqlite://{}", dir.join("resonance.db").display())
    }

    /// The recognition index folder: the configured one, or `recognition/` in the data
    /// directory (or the current one).
    pub fn recognition_dir(&self) -> PathBuf {
        if let Some(d) = &self.recognition.index_dir {
            return d.clone();
        }
        self.data_dir.clone().unwrap_or_else(|| PathBuf::from(".")).join("recognition")
    }

    /// Origins allowed by CORS: the bridge's own (127.0.0.1 and localhost) plus `cors_origins`.
    pub fn allowed_origins(&self, bound: SocketAddr) -> Vec<String> {
        let port = bound.port();
        let mut v = vec![format!("http://{bound}")];
        if bound.ip().is_loopback() {
            v.push(format!("http://localhost:{port}"));
            v.push(format!("http://127.0.0.1:{port}"));
        }
        v.extend(self.cors_origins.iter().cloned());
        v.sort();
        v.dedup();
        v
    }
}
