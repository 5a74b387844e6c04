//! `resonance bridge`: runs the bridge service (HTTP API, WebSocket, web page, OSC, metrics)
//! until Ctrl-C, SIGTERM or SIGHUP — or, started by `resonance up`, until `up` is gone
//! (decision record 0021) — then stops gracefully.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context as _;

/// Flags of `resonance bridge`.
#[derive(Debug, clap::Args)]
pub struct BridgeArgs {
    /// HTTP/WebSocket address (loopback by default; expose it deliberately).
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub listen: SocketAddr,
    /// OSC (UDP) address engines and games send to.
    #[arg(long, default_value = "127.0.0.1:9000")]
    pub osc: SocketAddr,
    /// Data directory (SQLite database `resonance.db`, user rules in `rules/`).
    /// Default: $XDG_DATA_HOME/resonance or ~/.local/share/resonance.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Database URL: `sqlite://PATH` or `postgres://USER:PASS@HOST/DB` (default: SQLite in --data).
    #[arg(long, env = "RESONANCE_DATABASE_URL")]
    pub database: Option<String>,
    /// Director rule set for new sessions (factory: standard, broadcast; or a file in DIR/rules).
    #[arg(long, default_value = "standard")]
    pub rules: String,
    /// Engine that receives every session's commands, besides engines that said hello (repeatable).
    #[arg(long = "engine")]
    pub engines: Vec<SocketAddr>,
    /// Extra origin allowed by CORS, e.g. http://my-panel.local:8080 (repeatable).
    // The doc comment is also the `--help` text, where a bare URL reads best.
    #[allow(rustdoc::bare_urls)]
    #[arg(long = "cors-origin")]
    pub cors_origins: Vec<String>,
    /// Largest request body in bytes, 1024 to 67108864 (JSON; audio has its own limits below).
    #[arg(long, default_value_t = 16 * 1024, value_parser = crate::limits::body_limit)]
    pub body_limit: usize,
    /// Recognition catalogue folder (index segments and manifest). Default: DATA/recognition.
    #[arg(long)]
    pub recognition_index: Option<PathBuf>,
    /// Library root: the only server folder `POST /api/v1/tracks/import` may read, and only
    /// below it. Imports are off without it.
    #[arg(long)]
    pub library: Option<PathBuf>,
    /// Longest recognition query accepted, in seconds (1 to 600).
    #[arg(long, default_value_t = 20.0, value_parser = crate::limits::query_seconds)]
    pub max_query_seconds: f64,
    /// Largest recognition query body in bytes (65536 to 1073741824).
    #[arg(long, default_value_t = 8 << 20, value_parser = crate::limits::query_bytes)]
    pub max_query_bytes: usize,
    /// Recognition worker threads (decoding and matching), 1 to 256; default: one per core.
    #[arg(long, value_parser = crate::limits::recognition_workers)]
    pub recognition_workers: Option<usize>,
    /// Threads a library import decodes and hashes files on at once, 1 to 256; default: half
    /// the cores (queries keep the rest).
    #[arg(long, value_parser = crate::limits::recognition_workers)]
    pub import_threads: Option<usize>,
    /// Let webhooks call loopback, private and link-local addresses (a receiver on this host
    /// or network). Off by default: such URLs are refused with 422.
    #[arg(long)]
    pub webhook_allow_private: bool,
    /// A PEM certificate authority trusted for https webhook receivers, besides the public
    /// roots (a private CA).
    #[arg(long, value_name = "FILE.pem")]
    pub webhook_ca: Option<PathBuf>,
    /// OSC senders trusted by address: an address or range (`192.168.1.0/24`), repeatable;
    /// `none` trusts no address. Default: loopback (127.0.0.0/8 and ::1). Other senders must
    /// present an --osc-token in their hello.
    #[arg(long = "osc-trust", value_name = "RANGE")]
    pub osc_trust: Vec<String>,
    /// OSC token: a sender whose hello carries it may report and send telemetry (repeatable).
    #[arg(long = "osc-token", value_name = "TOKEN", env = "RESONANCE_OSC_TOKEN", hide_env_values = true)]
    pub osc_tokens: Vec<String>,
    /// OSC datagrams per second accepted from each address not trusted by address (twice as
    /// many in a burst); the rest are dropped and counted.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub osc_rate: u32,
    /// OBS's WebSocket server (HOST:PORT, usually 127.0.0.1:4455), for the rules' `obs` actions.
    #[arg(long, value_name = "HOST:PORT")]
    pub obs: Option<String>,
    /// File holding OBS's WebSocket password (first line); never given on the command line.
    #[arg(long, value_name = "FILE", requires = "obs")]
    pub obs_password_file: Option<PathBuf>,
    /// The copyright guard: `normal` ducks recognised tracks that are not cleared, `strict`
    /// also unknown ones, `off` never acts.
    #[arg(long, default_value = "normal", value_parser = ["off", "normal", "strict"])]
    pub guard: String,
    /// How far the guard ducks the programme, in dB (1 to 60; `mute` for silence).
    #[arg(long, default_value = "20", value_parser = guard_duck_db)]
    pub guard_duck_db: f32,
    /// Where the stream goes (an ISO 3166-1 country code like DE, or a platform like twitch),
    /// for clearances limited to territories or platforms.
    #[arg(long, value_name = "CODE")]
    pub guard_territory: Option<String>,
    /// An OBS input the guard also mutes while it ducks (needs --obs).
    #[arg(long, value_name = "INPUT", requires = "obs")]
    pub guard_obs_input: Option<String>,
    /// Clip library (`/play`): list, stream and stats without an API key (`false`: a key is
    /// needed for those too; adding, editing and deleting always need one).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub clips_public: bool,
    /// Largest clip file accepted, in bytes.
    #[arg(long, default_value_t = 64 << 20, value_parser = clap::value_parser!(u64).range(1024..=(4u64 << 30)))]
    pub clip_max_bytes: u64,
    /// Longest clip accepted, in seconds.
    #[arg(long, default_value_t = 600.0)]
    pub clip_max_seconds: f64,
    /// On-air loudness normalisation target of clips, LUFS (`off`: clips play at their own level).
    #[arg(long, default_value = "-16", value_parser = parse_target_lufs, allow_hyphen_values = true)]
    pub clip_target_lufs: TargetLufs,
    /// Cluster mode: the NATS server with JetStream (`nats://HOST:4222`) that several bridges
    /// share matches through; needs --database postgres://... (docs/cluster.md).
    #[arg(long, value_name = "NATS_URL", env = "RESONANCE_CLUSTER")]
    pub cluster: Option<String>,
    /// Forward-auth: the address or range (repeatable) of a reverse proxy that signs users in
    /// itself (Authelia with Caddy, nginx or Traefik); a request from it naming a user in
    /// --auth-header needs no API key. The header from any other address is ignored. Default:
    /// none (off). Decision record 0073.
    #[arg(long = "trusted-proxy", value_name = "RANGE")]
    pub trusted_proxies: Vec<String>,
    /// The header the trusted proxy names the signed-in user in.
    #[arg(long, default_value = "Remote-User", value_name = "NAME")]
    pub auth_header: String,
    /// Identity of this run, reported by /healthz (set by `resonance up`).
    #[arg(long, hide = true)]
    pub instance_id: Option<String>,
    /// Stop when stdin reaches end of file (set by `resonance up`, whose pipe it is).
    #[arg(long, hide = true)]
    pub exit_with_stdin: bool,
}

/// `--guard-duck-db`: 1..=60 dB, or `mute`.
fn guard_duck_db(s: &str) -> Result<f32, String> {
    if s == "mute" {
        return Ok(f32::INFINITY);
    }
    match s.parse::<f32>() {
        Ok(v) if (1.0..=60.0).contains(&v) => Ok(v),
        _ => Err(format!("{s:?} is not 1 to 60 (dB) or `mute`")),
    }
}

/// `--clip-target-lufs`: a level in LUFS, or `None` for `off`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TargetLufs(pub Option<f64>);

/// `--clip-target-lufs`: `off`, or a level in −40..=−5 LUFS.
fn parse_target_lufs(s: &str) -> Result<TargetLufs, String> {
    if s.eq_ignore_ascii_case("off") {
        return Ok(TargetLufs(None));
    }
    let v: f64 = s.parse().map_err(|_| format!("`{s}` is not a number; give a level in LUFS like -16, or off"))?;
    if !(-40.0..=-5.0).contains(&v) {
        return Err(format!("{v} LUFS is outside -40..=-5; broadcast targets are -23 (EBU R128) to -14 (streaming)"));
    }
    Ok(TargetLufs(Some(v)))
}

/// The `--osc-trust` ranges (loopback when none is given; nothing for `none`).
fn trust(given: &[String]) -> anyhow::Result<Vec<resonance_bridge::config::IpRange>> {
    if given.is_empty() {
        return Ok(resonance_bridge::config::IpRange::loopback());
    }
    if given.iter().any(|g| g.eq_ignore_ascii_case("none")) {
        anyhow::ensure!(given.len() == 1, "--osc-trust none cannot be combined with addresses");
        return Ok(Vec::new());
    }
    given.iter().map(|g| g.parse().map_err(|e: String| anyhow::anyhow!("--osc-trust: {e}"))).collect()
}

/// On Linux, asks the kernel to send this process SIGTERM when the process that started it
/// dies (`PR_SET_PDEATHSIG`); the stdin watch covers the parent dying before this call.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn terminate_with_parent() {
    // SAFETY: prctl(PR_SET_PDEATHSIG, signal) takes two integer arguments, reads no memory and
    // only changes this process's own parent-death signal.
    let rc = unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM as libc::c_ulong) };
    if rc != 0 {
        eprintln!("resonance bridge: cannot ask to be stopped with its parent ({}); watching stdin only", std::io::Error::last_os_error());
    }
}

#[cfg(not(target_os = "linux"))]
fn terminate_with_parent() {}

/// Resolves once stdin reaches end of file (or fails): the parent holding the pipe is gone.
async fn stdin_closed() {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    std::thread::spawn(move || {
        use std::io::Read as _;
        let mut stdin = std::io::stdin();
        let mut buf = [0u8; 256];
        while matches!(stdin.read(&mut buf), Ok(n) if n > 0) {}
        let _ = tx.send(());
    });
    let _ = rx.await;
}

/// The default data directory: `$XDG_DATA_HOME/resonance`, else `~/.local/share/resonance`.
pub fn default_data_dir() -> PathBuf {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(x).join("resonance");
    }
    match std::env::var_os("HOME") {
        Some(h) => PathBuf::from(h).join(".local/share/resonance"),
        None => PathBuf::from("resonance-data"),
    }
}

/// Resolves on `kind` (SIGTERM, SIGHUP); never where signals cannot be watched.
#[cfg(unix)]
async fn unix_signal(kind: tokio::signal::unix::SignalKind) {
    match tokio::signal::unix::signal(kind) {
        Ok(mut s) => {
            s.recv().await;
        }
        Err(_) => std::future::pending::<()>().await,
    }
}

async fn shutdown_signal(watch_stdin: bool) {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        use tokio::signal::unix::SignalKind;
        tokio::select! { () = unix_signal(SignalKind::terminate()) => {}, () = unix_signal(SignalKind::hangup()) => {} }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    let parent = async {
        if watch_stdin {
            stdin_closed().await;
            eprintln!("resonance bridge: the process that started it is gone");
        } else {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! { () = ctrl_c => {}, () = term => {}, () = parent => {} }
    eprintln!("resonance bridge: shutting down");
}

/// Flags of `resonance serve-recognition`: the bridge's, with the catalogue folder required.
#[derive(Debug, clap::Args)]
pub struct ServeRecognitionArgs {
    /// Recognition catalogue folder (index segments and manifest; created when missing).
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    #[command(flatten)]
    pub bridge: BridgeArgs,
}

/// Runs the bridge as a dedicated recognition host (docs/recognition-service.md): the same
/// process, API keys, store and routes, with the catalogue in `--index`.
pub fn serve_recognition(args: ServeRecognitionArgs) -> anyhow::Result<()> {
    run(BridgeArgs { recognition_index: Some(args.index), ..args.bridge })
}

/// Runs the bridge.
pub fn run(args: BridgeArgs) -> anyhow::Result<()> {
    let mut recognition = resonance_bridge::config::RecognitionConfig {
        index_dir: args.recognition_index,
        library_root: args.library,
        max_query_s: args.max_query_seconds,
        max_query_bytes: args.max_query_bytes,
        webhook_allow_private: args.webhook_allow_private,
        webhook_ca: match &args.webhook_ca {
            Some(f) => Some(std::fs::read(f).with_context(|| format!("cannot read --webhook-ca {}", f.display()))?),
            None => None,
        },
        ..resonance_bridge::config::RecognitionConfig::default()
    };
    if let Some(w) = args.recognition_workers {
        recognition.workers = w.max(1);
        recognition.queue = 4 * w.max(1);
    }
    if let Some(t) = args.import_threads {
        recognition.import_threads = t;
    }
    if args.exit_with_stdin {
        terminate_with_parent();
    }
    let obs = match &args.obs {
        Some(addr) => {
            let password = match &args.obs_password_file {
                Some(f) => Some(
                    std::fs::read_to_string(f)
                        .with_context(|| format!("cannot read --obs-password-file {}", f.display()))?
                        .lines()
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                ),
                None => None,
            };
            Some(resonance_bridge::clients::obs::ObsConfig::new(addr.clone(), password))
        }
        None => None,
    };
    let guard_territory = match &args.guard_territory {
        Some(t) => Some(resonance_bridge::guard::clearance::territory(t).map_err(|e| anyhow::anyhow!("--guard-territory: {e}"))?),
        None => None,
    };
    let guard = resonance_bridge::guard::decide::Policy {
        mode: resonance_bridge::guard::decide::Mode::parse(&args.guard).unwrap_or_default(),
        duck_db: args.guard_duck_db,
        ..resonance_bridge::guard::decide::Policy::default()
    };
    let trusted = args
        .trusted_proxies
        .iter()
        .map(|g| g.parse().map_err(|e: String| anyhow::anyhow!("--trusted-proxy: {e}")))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let forward_auth =
        resonance_bridge::auth::forward::ForwardAuth::new(&args.auth_header, trusted).map_err(|e| anyhow::anyhow!("--auth-header: {e}"))?;
    let config = resonance_bridge::Config {
        forward_auth,
        obs,
        guard,
        guard_territory,
        guard_obs_input: args.guard_obs_input.clone(),
        listen: args.listen,
        osc_listen: args.osc,
        osc_targets: args.engines,
        data_dir: Some(args.data.unwrap_or_else(default_data_dir)),
        database: args.database,
        default_rules: args.rules,
        cors_origins: args.cors_origins,
        body_limit: args.body_limit,
        recognition,
        osc_trust: trust(&args.osc_trust)?,
        osc_tokens: args.osc_tokens.into_iter().filter(|t| !t.is_empty()).collect(),
        osc_rate: args.osc_rate,
        instance: args.instance_id,
        cluster: args.cluster,
        clips: resonance_bridge::config::ClipsConfig {
            public: args.clips_public,
            max_bytes: usize::try_from(args.clip_max_bytes).unwrap_or(usize::MAX),
            max_s: args.clip_max_seconds,
            target_lufs: args.clip_target_lufs.0,
        },
        ..resonance_bridge::Config::default()
    };
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let rt = tokio::runtime::Runtime::new().context("cannot start the tokio runtime")?;
    rt.block_on(resonance_bridge::run(config, shutdown_signal(args.exit_with_stdin))).context("the bridge stopped with an error")?;
    Ok(())
}
