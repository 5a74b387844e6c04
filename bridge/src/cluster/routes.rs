//! `/readyz`: whether this bridge can serve — storage answers and, in cluster mode, NATS is
//! connected — and what it owns.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

/// How long `/readyz` waits for PostgreSQL before it says `postgres: down` (probes time out
/// after 1 s by default in Kubernetes).
const PING_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(500);

/// The readiness route.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(readyz))
}

/// Readiness: 200 when the bridge can serve, 503 (with what is missing) when it cannot. In
/// cluster mode: `nats` (`connected`, `connecting`, `disconnected`), `postgres`, the matches
/// owned, the live bridges and this bridge's fair share.
#[utoipa::path(get, path = "/readyz", tag = "ops",
    responses((status = 200, description = "ready", body = Object), (status = 503, description = "not ready", body = Object)))]
pub async fn readyz(State(st): State<AppState>) -> Response {
    if st.inner.config.cluster.is_none() {
        return Json(json!({"ready": true, "storage": st.inner.store.kind()})).into_response();
    }
    // bounded: a probe must answer even while the pool waits for a server that is gone
    let postgres = tokio::time::timeout(PING_TIMEOUT, st.inner.store.cluster_ping()).await.unwrap_or(false);
    let body = match st.inner.cluster.get() {
        Some(link) => {
            let mut s = link.status();
            let ready = postgres && s["nats"] == "connected";
            s["ready"] = json!(ready);
            s["postgres"] = json!(if postgres { "ok" } else { "down" });
            s
        }
        None => json!({"ready": false, "nats": "connecting", "postgres": if postgres { "ok" } else { "down" }}),
    };
    let status = if body["ready"] == true { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, Json(body)).into_response()
}
