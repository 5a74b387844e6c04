//! Resonance bridge: the tokio service that connects engines to games, pages and metrics.
//!
//! * [`app`] builds the axum router (HTTP API, WebSocket, web page, overlays, metrics).
//! * [`start`] opens storage, binds HTTP and OSC and spawns the tasks; [`run`] is `start`
//!   plus waiting for a shutdown signal, then a graceful stop (in-flight requests finish,
//!   dirty sessions are written, the database is closed).
//! * [`osc`] is the `/resonance/...` address space and its codec: the `resonance-protocol`
//!   crate, shared with the plugin and the live host, re-exported here.
//!
//! Data flow: OSC from engines and games -> [`state::AppState`] (per-session state, the
//! [`director`]) -> storage ([`store`]), WebSocket subscribers ([`ws`]) and OSC commands back
//! to engines. HTTP telemetry takes the same path, with a write-through before the answer.

pub mod auth;
pub mod config;
pub mod director;
pub mod error;
pub mod http;
pub mod metrics;
pub use resonance_protocol as osc;
pub mod session;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod web;
pub mod writer;
pub mod ws;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{delete, get, post};
use axum::serve::ListenerExt as _;
use tokio::net::{TcpListener, UdpSocket};
use tokio::task::JoinHandle;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use config::Config;
pub use error::{AppError, BridgeError};
pub use state::AppState;

/// The OpenAPI 3.1 document for the HTTP API (served at `/api/v1/openapi.json`).
pub const OPENAPI: &str = include_str!("openapi.json");

/// Builds the router. CORS allows the bridge's own origin (the bound HTTP address) plus the
/// configured origins.
pub fn app(state: AppState) -> Router {
    let bound = state.inner.bound.get().copied().unwrap_or(state.inner.config.listen);
    let origins: Vec<HeaderValue> =
        state.inner.config.allowed_origins(bound).iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::DELETE])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE]);
    let limit = state.inner.config.body_limit;
    let r = |i: usize| http::ROUTES[i].1;
    Router::new()
        .route(r(0), get(http::healthz))
        .route(r(1), get(http::metrics))
        .route(r(2), get(http::openapi))
        .route(r(3), get(http::list_sessions))
        .route(r(4), get(http::get_session).delete(http::delete_session))
        .route(r(6), post(http::post_telemetry))
        .route(r(7), post(http::post_control))
        .route(r(8), post(http::post_stinger))
        .route(r(9), get(http::get_rules))
        .route(r(10), get(http::get_engines))
        .route(r(11), post(http::post_midi_learn))
        .route(r(12), get(http::list_keys).post(http::create_key))
        .route(r(14), delete(http::revoke_key))
        .route(r(15), get(ws::ws))
        .route("/", get(web::page))
        .route("/overlay/now-playing", get(web::overlay_now_playing))
        .route("/overlay/mood", get(web::overlay_mood))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(cors)
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .with_state(state)
}

async fn not_found() -> AppError {
    AppError::NotFound("no such route; see /api/v1/openapi.json".into())
}

/// Records latency per route and counts rejections by reason.
async fn observe(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let t = Instant::now();
    let method = req.method().as_str().to_string();
    let route = req.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let resp = next.run(req).await;
    let m = &st.inner.metrics;
    if let Some(r) = resp.extensions().get::<error::RejectReason>() {
        m.reject(r.0);
    } else if resp.status() == StatusCode::METHOD_NOT_ALLOWED {
        m.reject("method_not_allowed");
    } else if resp.status() == StatusCode::PAYLOAD_TOO_LARGE {
        m.reject("too_large");
    } else if resp.status().is_client_error() {
        m.reject("bad_json");
    }
    if route != "/api/v1/ws" {
        m.observe(&method, &route, t.elapsed().as_secs_f64());
    }
    resp
}

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
    let (state, first_key) = AppState::open(config).await?;
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
        axum::serve(tcp, router)
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

/// Binds the OSC socket with a 4 MiB receive buffer (the kernel caps it at `rmem_max`), so a
/// burst of tens of thousands of messages is queued rather than dropped.
fn bind_udp(addr: SocketAddr) -> std::io::Result<UdpSocket> {
    let s = socket2::Socket::new(socket2::Domain::for_address(addr), socket2::Type::DGRAM, Some(socket2::Protocol::UDP))?;
    let _ = s.set_recv_buffer_size(4 << 20);
    s.set_nonblocking(true)?;
    s.bind(&addr.into())?;
    UdpSocket::from_std(s.into())
}

/// Most OSC messages handled per batch.
const OSC_BATCH: usize = 4096;

/// Receives OSC datagrams in batches: waits for one, then takes every datagram already queued
/// on the socket (up to [`OSC_BATCH`] messages) and hands the batch to the state, which
/// coalesces state frames per batch. An idle loop wakes per datagram (no added latency); a
/// busy one amortises locking, the director and publishing over the batch.
async fn osc_loop(state: AppState, sock: Arc<UdpSocket>) {
    let mut buf = vec![0u8; osc::MAX_PACKET + 1];
    let mut batch: Vec<(SocketAddr, osc::Inbound)> = Vec::with_capacity(OSC_BATCH);
    let m = &state.inner.metrics;
    loop {
        let Ok((n, peer)) = sock.recv_from(&mut buf).await else { continue };
        decode_into(&state, &buf[..n], peer, &mut batch);
        while batch.len() < OSC_BATCH {
            match sock.try_recv_from(&mut buf) {
                Ok((n, peer)) => decode_into(&state, &buf[..n], peer, &mut batch),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                // ICMP errors from earlier sends (port unreachable) and the like: keep reading.
                Err(_) => {}
            }
        }
        if batch.is_empty() {
            continue;
        }
        m.osc_batches.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        m.osc_batch_messages.fetch_add(batch.len() as u64, std::sync::atomic::Ordering::Relaxed);
        state.handle_batch(&mut batch).await;
    }
}

/// Decodes one datagram (a message or a bundle) into `batch`; malformed input is counted.
fn decode_into(state: &AppState, data: &[u8], peer: SocketAddr, batch: &mut Vec<(SocketAddr, osc::Inbound)>) {
    if data.len() > osc::MAX_PACKET {
        state.inner.metrics.reject("osc_malformed");
        return;
    }
    match osc::decode_packet(data) {
        Ok(msgs) => {
            for m in msgs {
                match m {
                    Ok(m) => batch.push((peer, m)),
                    Err(e) => {
                        tracing::debug!("OSC from {peer}: {e}");
                        state.inner.metrics.reject(e.reason());
                    }
                }
            }
        }
        Err(e) => {
            tracing::debug!("OSC from {peer}: {e}");
            state.inner.metrics.reject(e.reason());
        }
    }
}
