//! `/readyz`: whether this bridge can serve — storage answers and, in cluster mode, NATS is
//! connected — and what it owns.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::cluster::link::ClusterStatus;
use crate::state::AppState;

/// How long `/readyz` waits for PostgreSQL before it says `postgres: down` (probes time out
/// after 1 s by default in Kubernetes).
const PING_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(500);

/// The readiness route.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(readyz))
}

/// The answer of `/readyz`.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Readiness {
    /// Whether the bridge can serve.
    pub ready: bool,
    /// Without `--cluster`: the storage kind (`sqlite`, `postgres`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage: Option<&'static str>,
    /// In cluster mode: whether PostgreSQL answers (within 0.5 s).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, pattern = "^(ok|down)$")]
    pub postgres: Option<&'static str>,
    /// In cluster mode: the NATS connection (`connecting` until the bridge first reached it).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, pattern = "^(connected|connecting|disconnected)$")]
    pub nats: Option<&'static str>,
    /// In cluster mode, once NATS was reached: the rest of what `/healthz` says under
    /// `cluster` ([`ClusterStatus`]).
    #[serde(flatten)]
    #[schema(value_type = Option<ReadyCluster>)]
    pub cluster: Option<ReadyCluster>,
}

/// The cluster fields of [`Readiness`]: [`ClusterStatus`] without `nats`.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ReadyCluster {
    /// This bridge's id.
    pub id: String,
    /// The matches this bridge directs.
    pub owned: Vec<String>,
    pub leases: usize,
    /// Every match known to the cluster.
    pub matches: usize,
    /// Bridges alive.
    pub members: usize,
    /// This bridge's fair share.
    pub target_share: usize,
}

/// Readiness: 200 when the bridge can serve, 503 (with what is missing) when it cannot.
/// Without `--cluster`: always 200 with the storage kind. With it: `ready` needs PostgreSQL to
/// answer and NATS to be connected; the answer says both, the matches owned, the live bridges
/// and this bridge's fair share.
#[utoipa::path(get, path = "/readyz", tag = "ops",
    responses((status = 200, description = "ready", body = Readiness), (status = 503, description = "not ready (cluster mode: NATS or PostgreSQL missing)", body = Readiness)))]
pub async fn readyz(State(st): State<AppState>) -> Response {
    if st.inner.config.cluster.is_none() {
        let r = Readiness { ready: true, storage: Some(st.inner.store.kind()), postgres: None, nats: None, cluster: None };
        return Json(r).into_response();
    }
    // bounded: a probe must answer even while the pool waits for a server that is gone
    let postgres = tokio::time::timeout(PING_TIMEOUT, st.inner.store.cluster_ping()).await.unwrap_or(false);
    let status = st.inner.cluster.get().map(|link| link.status());
    let nats = status.as_ref().map_or("connecting", |s| s.nats);
    let ready = postgres && nats == "connected";
    let r = Readiness {
        ready,
        storage: None,
        postgres: Some(if postgres { "ok" } else { "down" }),
        nats: Some(nats),
        cluster: status.map(|s: ClusterStatus| ReadyCluster {
            id: s.id,
            owned: s.owned,
            leases: s.leases,
            matches: s.matches,
            members: s.members,
            target_share: s.target_share,
        }),
    };
    let code = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (code, Json(r)).into_response()
}
