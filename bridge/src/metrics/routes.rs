//! Operations endpoints: liveness (`/healthz`) and the Prometheus scrape (`/metrics`).

use std::sync::atomic::Ordering::Relaxed;

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::prometheus_text::CONTENT_TYPE;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::cluster::link::ClusterStatus;
use crate::state::AppState;

/// The operations routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(healthz)).routes(routes!(metrics))
}

/// The answer of `/healthz`.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `ok` (the bridge answers).
    pub status: &'static str,
    /// Always `resonance-bridge`.
    pub service: &'static str,
    pub pid: u32,
    /// The `instance` given by whoever started the bridge (`--instance-id`), if any.
    pub instance: Option<String>,
    /// `sqlite` or `postgres`.
    pub storage: &'static str,
    /// Sessions in memory (in cluster mode: the matches this bridge directs).
    pub sessions: i64,
    pub uptime_s: u64,
    /// Cluster mode, once NATS was reached: this bridge's part (`null` otherwise).
    pub cluster: Option<ClusterStatus>,
}

/// Liveness, storage kind, and which bridge this is: its process id and the `instance` given
/// by whoever started it (`resonance up` checks the bridge answering is its own); in cluster
/// mode also what it owns.
#[utoipa::path(get, path = "/healthz", tag = "ops", responses((status = 200, description = "healthy", body = Health)))]
pub async fn healthz(State(st): State<AppState>) -> Response {
    Json(Health {
        status: "ok",
        service: "resonance-bridge",
        pid: std::process::id(),
        instance: st.inner.config.instance.clone(),
        storage: st.inner.store.kind(),
        sessions: st.inner.metrics.sessions.load(Relaxed),
        uptime_s: st.inner.started.elapsed().as_secs(),
        cluster: st.inner.cluster.get().map(|l| l.status()),
    })
    .into_response()
}

/// Prometheus metrics
#[utoipa::path(get, path = "/metrics", tag = "ops",
    responses((status = 200, description = "text exposition 0.0.4", body = String, content_type = "text/plain")))]
pub async fn metrics(State(st): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, CONTENT_TYPE)], st.inner.metrics.render()).into_response()
}
