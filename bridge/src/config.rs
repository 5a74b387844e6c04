//! Bridge configuration: addresses, storage, limits, the recognition service. Filled from the `resonance bridge` flags.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
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
    /// OSC sources trusted by address (no token needed, no rate limit). Default: loopback.
    /// Decision record 0022.
    pub osc_trust: Vec<IpRange>,
    /// OSC tokens: a hello carrying one of them authenticates its sender (`--osc-token`).
    pub osc_tokens: Vec<String>,
    /// Datagrams per second accepted from each source address that is not trusted by address
    /// (twice as many in a burst); the rest are dropped before decoding and counted.
    pub osc_rate: u32,
    /// Identity of this run, reported by `/healthz` (`resonance up` checks it is its own bridge).
    pub instance: Option<String>,
    /// The recognition service (`/api/v1/recognize`, `/api/v1/tracks`).
    pub recognition: RecognitionConfig,
    /// Request timeout of music provider calls (Spotify, Subsonic): a stalled provider costs
    /// the player at most this per attempt, never the telemetry path.
    pub library_timeout: Duration,
    /// OBS's WebSocket server, for the director rules' `obs` actions (`--obs`); `None`: the
    /// actions are published on the WebSocket only.
    pub obs: Option<crate::clients::obs::ObsConfig>,
    /// The copyright guard's mode, duck depth and flip hold (`--guard`, `--guard-duck-db`).
    pub guard: crate::guard::decide::Policy,
    /// Where the stream goes (a country code or a platform), for clearances limited to
    /// territories (`--guard-territory`); `None`: such clearances count as unknown.
    pub guard_territory: Option<String>,
    /// An OBS input the guard also mutes while it ducks (`--guard-obs-input`).
    pub guard_obs_input: Option<String>,
    /// The clip library (`/play`).
    pub clips: ClipsConfig,
    /// Cluster mode: the NATS server (`--cluster nats://HOST:PORT`); needs PostgreSQL.
    pub cluster: Option<String>,
    /// Forward-auth: the user header a trusted reverse proxy sets, and the proxies trusted to
    /// set it (`--trusted-proxy`, `--auth-header`; none by default: off). Decision record 0073.
    pub forward_auth: ForwardAuth,
}

/// Limits and access of the clip library (`crate::clips`, docs/clips.md).
#[derive(Clone, Debug)]
pub struct ClipsConfig {
    /// Listing, streaming and stats without an API key (mutations always need one).
    pub public: bool,
    /// Largest clip file in bytes (larger: 413 `too_large`).
    pub max_bytes: usize,
    /// Longest clip in seconds (longer: 413 `too_long`).
    pub max_s: f64,
    /// On-air loudness normalisation target (LUFS); `None` plays clips at their own level.
    pub target_lufs: Option<f64>,
}

impl Default for ClipsConfig {
    fn default() -> Self {
        Self { public: true, max_bytes: 64 << 20, max_s: 600.0, target_lufs: Some(-16.0) }
    }
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
    /// Webhooks may call loopback, private and link-local addresses (a receiver on this
    /// host or network); off by default.
    pub webhook_allow_private: bool,
    /// First retry delay of a webhook delivery (doubling with each attempt, jittered).
    pub webhook_backoff: std::time::Duration,
    /// A PEM certificate authority trusted for `https` webhook receivers besides the public
    /// roots (a private CA; the tests' own).
    pub webhook_ca: Option<Vec<u8>>,
    /// Threads one library import decodes and hashes its files on (several files at once;
    /// the catalogue still has one writer). Default: half the cores, at least one, so
    /// queries keep the rest.
    pub import_threads: usize,
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
            webhook_allow_private: false,
            webhook_backoff: std::time::Duration::from_secs(2),
            webhook_ca: None,
            import_threads: cores.div_ceil(2),
        }
    }
}

/// Forward-auth (decision record 0073, [`crate::auth::forward`]): which header names the user
/// and which peers may send it.
#[derive(Clone, Debug)]
pub struct ForwardAuth {
    /// The header the proxy sets (`Remote-User`: Authelia's name for it).
    pub header: axum::http::HeaderName,
    /// The proxy addresses trusted to set it; empty: forward-auth is off.
    pub trusted: Vec<IpRange>,
}

impl Default for ForwardAuth {
    fn default() -> Self {
        Self { header: axum::http::HeaderName::from_static("remote-user"), trusted: Vec::new() }
    }
}

impl ForwardAuth {
    /// From the flags: the header's name and the trusted proxy ranges.
    ///
    /// # Errors
    /// A header name that is not a valid HTTP header name, or `authorization` (the API key's
    /// header cannot also carry a user name).
    pub fn new(header: &str, trusted: Vec<IpRange>) -> Result<Self, String> {
        let header = axum::http::HeaderName::from_bytes(header.trim().as_bytes())
            .map_err(|_| format!("`{header}` is not an HTTP header name; use e.g. Remote-User"))?;
        if header == axum::http::header::AUTHORIZATION {
            return Err("the forward-auth header cannot be Authorization (it carries API keys); use e.g. Remote-User".into());
        }
        Ok(Self { header, trusted })
    }

    /// Whether a trusted proxy is configured.
    pub fn enabled(&self) -> bool {
        !self.trusted.is_empty()
    }

    /// Whether `peer` is a trusted proxy.
    pub fn trusts(&self, peer: IpAddr) -> bool {
        self.trusted.iter().any(|r| r.contains(peer))
    }
}

/// An address range (`127.0.0.0/8`, `::1`, `192.168.1.20`) for [`Config::osc_trust`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpRange {
    pub addr: IpAddr,
    /// Leading bits that must match (32 or 128: one address).
    pub prefix: u8,
}

impl IpRange {
    /// The loopback ranges, trusted by default: `127.0.0.0/8` and `::1`.
    pub fn loopback() -> Vec<IpRange> {
        vec![
            IpRange { addr: IpAddr::V4(Ipv4Addr::new(127, 0, 0, 0)), prefix: 8 },
            IpRange { addr: IpAddr::V6(Ipv6Addr::LOCALHOST), prefix: 128 },
        ]
    }

    /// Whether `ip` is in the range (an IPv4-mapped IPv6 address counts as its IPv4 address).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 @ IpAddr::V4(_) => v4,
        };
        let bits = |a: IpAddr| -> (u128, u32) {
            match a {
                IpAddr::V4(v) => (u128::from(u32::from(v)), 32),
                IpAddr::V6(v) => (u128::from(v), 128),
            }
        };
        let ((want, width), (have, width_ip)) = (bits(self.addr), bits(ip));
        if width != width_ip {
            return false;
        }
        let prefix = u32::from(self.prefix).min(width);
        let shift = width - prefix;
        shift >= 128 || (want >> shift) == (have >> shift)
    }
}

impl std::str::FromStr for IpRange {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let wrong = || format!("`{s}` is not an address or range: use e.g. 192.168.1.20, 192.168.1.0/24 or ::1");
        let (a, p) = s.split_once('/').map_or((s, None), |(a, p)| (a, Some(p)));
        let addr: IpAddr = a.trim().parse().map_err(|_| wrong())?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match p {
            Some(p) => p.trim().parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(wrong)?,
            None => max,
        };
        Ok(IpRange { addr, prefix })
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
            clips: ClipsConfig::default(),
            library_timeout: Duration::from_secs(10),
            osc_trust: IpRange::loopback(),
            osc_tokens: Vec::new(),
            osc_rate: 200,
            instance: None,
            obs: None,
            guard: crate::guard::decide::Policy::default(),
            guard_territory: None,
            guard_obs_input: None,
            cluster: None,
            forward_auth: ForwardAuth::default(),
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

    /// The clip library's folder: `clips/` in the data directory (or the current one).
    pub fn clips_dir(&self) -> PathBuf {
        self.data_dir.clone().unwrap_or_else(|| PathBuf::from(".")).join("clips")
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

#[cfg(test)]
mod tests {
    use crate::config::IpRange;

    #[test]
    fn ranges_match_by_prefix() {
        let lan: IpRange = "192.168.1.0/24".parse().unwrap();
        assert!(lan.contains("192.168.1.77".parse().unwrap()));
        assert!(!lan.contains("192.168.2.1".parse().unwrap()));
        assert!(!lan.contains("::1".parse().unwrap()));
        let one: IpRange = "10.0.0.5".parse().unwrap();
        assert!(one.contains("10.0.0.5".parse().unwrap()) && !one.contains("10.0.0.6".parse().unwrap()));
        let all: IpRange = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains("8.8.8.8".parse().unwrap()));
        let lo = IpRange::loopback();
        assert!(lo.iter().any(|r| r.contains("127.0.0.1".parse().unwrap())));
        assert!(lo.iter().any(|r| r.contains("::ffff:127.0.0.1".parse().unwrap())));
        assert!(lo.iter().any(|r| r.contains("::1".parse().unwrap())));
        assert!(!lo.iter().any(|r| r.contains("192.0.2.1".parse().unwrap())));
        for bad in ["", "1.2.3", "1.2.3.4/33", "::1/129", "host"] {
            assert!(bad.parse::<IpRange>().is_err(), "{bad}");
        }
    }
}
