//! The bridge's lifecycle: [`start`] opens storage, binds HTTP and OSC and spawns the tasks;
//! [`run`] is `start` plus waiting for a shutdown signal, then a graceful stop (in-flight
//! requests finish, dirty sessions are written, the database is closed).

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::serve::ListenerExt as _;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::app::app;
use crate::config::Config;
use crate::error::BridgeError;
use crate::osc_in::{bind_udp, osc_loop};
use crate::state::AppState;

/// How often a running bridge re-reads its API keys from storage.
pub const KEY_RELOAD: std::time::Duration = std::time::Duration::from_secs(2);

/// A started bridge.
#[derive(Debug)]
pub struct Running {
    pub http_addr: SocketAddr,
    pub osc_addr: SocketAddr,
    /// The API key created at the first start (clear text, shown once); `None` afterwards.
    pub first_key: Option<String>,
    pub state: AppState,
    tasks: Vec<JoinHandle<()>>,
    shutdown: tokio::sync::watch::Sender<bool>,
    server: JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Stops gracefully: stops accepting, lets in-flight requests finish, writes dirty
    /// sessions and closes storage.
    pub async fn stop(self) -> Result<(), BridgeError> {
        let _ = self.shutdown.send(true);
        let r = self.server.await;
        // Cluster mode: hand the matches over before going (the others take them at once).
        crate::cluster::director::leave(&self.state).await;
        for t in &self.tasks {
            t.abort();
        }
        self.state.flush_dirty().await;
        self.state.inner.store.close().await;
        match r {
            Ok(r) => r.map_err(BridgeError::Io),
            Err(e) => Err(BridgeError::Config(format!("server task failed: {e}"))),
        }
    }
}

/// Opens storage, binds `config.listen` (HTTP) and `config.osc_listen` (UDP) and starts serving.
///
/// # Errors
/// Storage, rules or binding failures, each saying what to change.
pub async fn start(config: Config) -> Result<Running, BridgeError> {
    let listen = config.listen;
    let osc_listen = config.osc_listen;
    let cluster = config.cluster.is_some();
    let (state, first_key) = AppState::open(config).await?;
    if cluster && state.inner.store.kind() != "postgres" {
        return Err(BridgeError::Config("--cluster needs the shared database: add --database postgres://USER:PASS@HOST/DB".into()));
    }
    let tcp = TcpListener::bind(listen).await.map_err(|source| BridgeError::Bind { what: "HTTP", addr: listen, source })?;
    let http_addr = tcp.local_addr()?;
    let udp = bind_udp(osc_listen).map_err(|source| BridgeError::Bind { what: "OSC", addr: osc_listen, source })?;
    let osc_addr = udp.local_addr()?;
    let udp = Arc::new(udp);
    state.set_osc_socket(udp.clone());
    let mut tasks = vec![tokio::spawn(osc_loop(state.clone(), udp))];
    let st = state.clone();
    let interval = state.inner.config.persist_interval;
    tasks.push(tokio::spawn(async move {
        let mut tick = tokio::time::interval(interval);
        loop {
            tick.tick().await;
            st.flush_dirty().await;
        }
    }));
    // Keys made or revoked with `resonance keys` while the bridge runs take effect within
    // KEY_RELOAD.
    let st = state.clone();
    tasks.push(tokio::spawn(async move {
        let mut tick = tokio::time::interval(KEY_RELOAD);
        loop {
            tick.tick().await;
            if let Err(e) = st.reload_keys().await {
                tracing::warn!("could not re-read the API keys: {e}");
            }
        }
    }));
    if cluster {
        tasks.push(tokio::spawn(crate::cluster::director::run(state.clone())));
    }
    let (shutdown, mut rx) = tokio::sync::watch::channel(false);
    let _ = state.inner.bound.set(http_addr);
    let router = app(state.clone());
    // TCP_NODELAY on every accepted connection: WebSocket frames and answers are small writes,
    // and with Nagle's algorithm a write made while an earlier one is unacknowledged waits for
    // the peer's delayed ACK (40 ms on Linux), which showed up as a 35 ms p99 to subscribers.
    let tcp = tcp.tap_io(|s| {
        let _ = s.set_nodelay(true);
    });
    let server = tokio::spawn(async move {
        // the peer address: forward-auth trusts a user header only from configured proxies
        axum::serve(tcp, router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(async move {
                let _ = rx.wait_for(|v| *v).await;
            })
            .await
    });
    Ok(Running { http_addr, osc_addr, first_key, state, tasks, shutdown, server })
}

/// Runs until `shutdown` resolves, then stops gracefully. Prints the first API key once.
///
/// # Errors
/// As [`start`].
pub async fn run(config: Config, shutdown: impl Future<Output = ()>) -> Result<(), BridgeError> {
    let running = start(config).await?;
    if let Some(k) = &running.first_key {
        println!("API key (shown once, stored hashed; keep it): {k}");
        println!(
            "  the web page asks for it (or open http://{}/#key=KEY); API clients send `Authorization: Bearer KEY`; \
             make another with `resonance keys create --data DIR`",
            running.http_addr
        );
    } else {
        let dir = running.state.inner.config.data_dir.as_ref().map_or_else(|| "DIR".to_string(), |d| d.display().to_string());
        let active = running.state.inner.store.keys().await.map_or(0, |k| k.iter().filter(|r| r.revoked_ms.is_none()).count());
        println!("API keys: {active} active (the first was printed at the first start); a new one: `resonance keys create --data {dir}`");
    }
    println!(
        "resonance bridge: http://{} (page, API, /metrics), OSC on udp://{}, storage {}",
        running.http_addr,
        running.osc_addr,
        running.state.inner.store.kind()
    );
    shutdown.await;
    running.stop().await
}
