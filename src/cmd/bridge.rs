//! `resonance bridge`: runs the bridge service (HTTP API, WebSocket, web page, OSC, metrics)
//! until Ctrl-C or SIGTERM, then stops gracefully.

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
    /// Largest request body in bytes.
    #[arg(long, default_value_t = 16 * 1024)]
    pub body_limit: usize,
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

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
    eprintln!("resonance bridge: shutting down");
}

/// Runs the bridge.
pub fn run(args: BridgeArgs) -> anyhow::Result<()> {
    let config = resonance_bridge::Config {
        listen: args.listen,
        osc_listen: args.osc,
        osc_targets: args.engines,
        data_dir: Some(args.data.unwrap_or_else(default_data_dir)),
        database: args.database,
        default_rules: args.rules,
        cors_origins: args.cors_origins,
        body_limit: args.body_limit,
        ..resonance_bridge::Config::default()
    };
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let rt = tokio::runtime::Runtime::new().context("cannot start the tokio runtime")?;
    rt.block_on(resonance_bridge::run(config, shutdown_signal())).context("the bridge stopped with an error")?;
    Ok(())
}
