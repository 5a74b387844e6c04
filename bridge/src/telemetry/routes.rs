//! The sessions API: list, read and delete sessions, post telemetry, controls and stingers.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use resonance_engine::Cue;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::extract::Authed;
use crate::error::{AppError, ErrorBody};
use crate::extract::{json_body, single_string, verr};
use crate::state::AppState;
use crate::telemetry::control::{ControlRequest, parse_control};
use crate::telemetry::session::SessionState;
use crate::telemetry::validate::{TelemetryUpdate, validate_json, validate_session_name};

/// The sessions routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sessions))
        .routes(routes!(get_session, delete_session))
        .routes(routes!(post_telemetry))
        .routes(routes!(post_control))
        .routes(routes!(post_stinger))
}

fn session_name(s: &str) -> Result<String, AppError> {
    validate_session_name(s).map_err(AppError::Validation)
}

/// A mutating session request: the validated `{session}` path segment and the JSON body
/// (413 over the body limit, 400 for invalid JSON). Put it after [`Authed`], so a request
/// without a valid key is refused before its body is read.
#[derive(Debug)]
pub struct SessionBody {
    pub name: String,
    pub value: Value,
    /// The body as received (stored with HTTP telemetry).
    pub raw: Bytes,
}

impl FromRequest<AppState> for SessionBody {
    type Rejection = AppError;

    async fn from_request(req: Request, st: &AppState) -> Result<Self, AppError> {
        let (mut parts, body) = req.into_parts();
        let Path(name) = Path::<String>::from_request_parts(&mut parts, st)
            .await
            .map_err(|e| verr("session", format!("{}; use /api/v1/sessions/NAME/...", e.body_text())))?;
        let name = session_name(&name)?;
        let bytes = Bytes::from_request(Request::from_parts(parts, body), st).await;
        let (value, raw) = json_body(bytes, st.inner.config.body_limit)?;
        Ok(Self { name, value, raw })
    }
}

/// One session in the list.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "documents the JSON the handler builds")]
struct SessionSummary {
    name: String,
    updates: u64,
    style: String,
    target: crate::telemetry::session::Mood3,
    rules: String,
    updated_ms: i64,
}

/// `GET /api/v1/sessions`.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "documents the JSON the handler builds")]
struct SessionList {
    sessions: Vec<SessionSummary>,
}

fn summary(s: &SessionState) -> Value {
    json!({"name": s.name, "updates": s.updates, "style": s.style, "target": s.target, "rules": s.rules, "updated_ms": s.updated_ms})
}

/// List sessions (cluster mode: every match of the cluster, whichever bridge directs it)
#[utoipa::path(get, path = "/api/v1/sessions", tag = "sessions",
    responses(
        (status = 200, description = "sessions, by name", body = SessionList),
        (status = 503, description = "cluster mode: PostgreSQL did not answer; retry", body = ErrorBody,
            headers(("Retry-After" = u64, description = "seconds"))),
    ))]
pub async fn list_sessions(State(st): State<AppState>) -> Result<Response, AppError> {
    let mut out = std::collections::BTreeMap::new();
    if st.inner.config.cluster.is_some() {
        // the matches other bridges direct, as their owners last committed them
        let rows = st.inner.store.cluster_states().await.map_err(|e| crate::cluster::director::storage_unavailable(&e))?;
        for (name, state) in rows {
            if let Ok(s) = serde_json::from_str::<SessionState>(&state) {
                out.insert(name, summary(&s));
            }
        }
    }
    for name in st.session_names() {
        if let Some(e) = st.get(&name) {
            out.insert(name, summary(&e.lock().await.state));
        }
    }
    Ok(Json(json!({"sessions": out.into_values().collect::<Vec<_>>()})).into_response())
}

/// One session's state (metrics, crowd mood, target, style, now playing, meters, timeline)
#[utoipa::path(get, path = "/api/v1/sessions/{session}", tag = "sessions",
    params(("session" = String, Path, pattern = "^[A-Za-z0-9_.-]{1,64}$")),
    responses(
        (status = 200, description = "state (cluster mode: from the owner's memory on the owner, else as the owner last committed it)", body = SessionState),
        (status = 404, response = ErrorBody),
        (status = 422, response = ErrorBody),
        (status = 503, description = "cluster mode: PostgreSQL did not answer; retry", body = ErrorBody,
            headers(("Retry-After" = u64, description = "seconds"))),
    ))]
pub async fn get_session(State(st): State<AppState>, Path(name): Path<String>) -> Result<Response, AppError> {
    let name = session_name(&name)?;
    let missing = || AppError::NotFound(format!("no session {name:?}; POST telemetry to create it, or GET /api/v1/sessions"));
    let Some(e) = st.get(&name) else {
        // Cluster mode: a match directed by another bridge is read from the shared store.
        if st.inner.config.cluster.is_some()
            && let Some(r) = st.inner.store.cluster_state(&name).await.map_err(|e| crate::cluster::director::storage_unavailable(&e))?
        {
            let s: SessionState = serde_json::from_str(&r.state).map_err(|e| AppError::Internal(e.to_string()))?;
            return Ok(Json(s).into_response());
        }
        return Err(missing());
    };
    let s = e.lock().await.state.clone();
    Ok(Json(s).into_response())
}

/// Delete a session and its log (not in cluster mode: 409)
#[utoipa::path(delete, path = "/api/v1/sessions/{session}", tag = "sessions",
    params(("session" = String, Path, pattern = "^[A-Za-z0-9_.-]{1,64}$")),
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 204, description = "deleted"),
        (status = 401, response = ErrorBody),
        (status = 404, response = ErrorBody),
        (status = 409, description = "cluster mode: a match is not deleted (its state and input position are the cluster's)", body = ErrorBody),
        (status = 422, response = ErrorBody),
    ))]
pub async fn delete_session(State(st): State<AppState>, _auth: Authed, Path(name): Path<String>) -> Result<Response, AppError> {
    let name = session_name(&name)?;
    if st.inner.config.cluster.is_some() {
        // The row keeps the match's last applied input sequence: without it the next owner
        // would replay the stream from its start (docs/cluster.md, limits).
        return Err(AppError::rejected(
            StatusCode::CONFLICT,
            "cluster_unsupported",
            format!("sessions are not deleted in cluster mode: {name:?} stays in the cluster's PostgreSQL; stop sending to it instead"),
        ));
    }
    if st.delete_session(&name).await? {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(AppError::NotFound(format!("no session {name:?}; GET /api/v1/sessions lists them")))
    }
}

/// The answer to accepted telemetry.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "documents the JSON the handler builds")]
struct TelemetryAnswer {
    session: String,
    updates: u64,
    target: crate::telemetry::session::Mood3,
    style: String,
}

/// The answer to accepted telemetry: applied (one bridge) or stored in the match's stream
/// (cluster mode).
#[derive(utoipa::ToSchema)]
#[serde(untagged)]
#[expect(dead_code, reason = "documents the JSON the handler builds")]
enum TelemetryAnswers {
    Applied(TelemetryAnswer),
    Cluster(crate::cluster::director::Accepted),
}

/// Game or match telemetry (a new name creates the session); written before the answer. In
/// cluster mode stored in the match's stream and applied by its owner, once per `Idempotency-Key`
#[utoipa::path(post, path = "/api/v1/sessions/{session}/telemetry", tag = "sessions",
    params(("session" = String, Path, pattern = "^[A-Za-z0-9_.-]{1,64}$"), IdempotencyKey),
    request_body = TelemetryUpdate,
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 200, description = "applied; in cluster mode stored in the match's stream (`accepted`, `seq`, `duplicate`)", body = TelemetryAnswers),
        (status = 401, response = ErrorBody),
        (status = 413, response = ErrorBody),
        (status = 400, response = ErrorBody),
        (status = 422, response = ErrorBody),
        (status = 503, description = "cluster mode: NATS unreachable or did not store it; retry with the same Idempotency-Key", body = ErrorBody,
            headers(("Retry-After" = u64, description = "seconds"))),
    ))]
pub async fn post_telemetry(
    State(st): State<AppState>,
    _auth: Authed,
    headers: axum::http::HeaderMap,
    SessionBody { name, value, raw }: SessionBody,
) -> Result<Response, AppError> {
    let u = validate_json(&value)?;
    if st.inner.config.cluster.is_some() {
        // Cluster mode: stored in the match's stream; its owner applies it (docs/cluster.md).
        let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok());
        return Ok(Json(crate::cluster::director::submit(&st, &name, &raw, key).await?).into_response());
    }
    let body_text = String::from_utf8_lossy(&raw);
    let s = st.ingest_http(&name, &u, &body_text).await?;
    Ok(Json(json!({"session": s.name, "updates": s.updates, "target": s.target, "style": s.style})).into_response())
}

/// The answer to an applied control (one bridge).
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "documents the JSON the handler builds")]
struct ControlAnswer {
    session: String,
    target: crate::telemetry::session::Mood3,
    style: String,
    intensity_override: Option<f32>,
    rules: String,
}

/// The answer to a control: applied (one bridge) or stored in the match's stream (cluster mode).
#[derive(utoipa::ToSchema)]
#[serde(untagged)]
#[expect(dead_code, reason = "documents the JSON the handler builds")]
enum ControlAnswers {
    Applied(ControlAnswer),
    Cluster(crate::cluster::director::Accepted),
}

/// The `Idempotency-Key` request header (cluster mode).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
#[expect(dead_code, reason = "documents the header the handlers read")]
struct IdempotencyKey {
    /// Cluster mode: 1 to 128 visible ASCII characters (a UUID works); the same key within 2
    /// minutes, through any bridge, is stored once (`duplicate: true`). Ignored by one bridge.
    #[param(rename = "Idempotency-Key")]
    idempotency_key: Option<String>,
}

/// Style, manual intensity, rule set (cluster mode: validated here, applied by the owner)
#[utoipa::path(post, path = "/api/v1/sessions/{session}/control", tag = "controls",
    params(("session" = String, Path, pattern = "^[A-Za-z0-9_.-]{1,64}$"), IdempotencyKey),
    request_body = ControlRequest,
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 200, description = "applied; in cluster mode stored in the match's stream", body = ControlAnswers),
        (status = 401, response = ErrorBody),
        (status = 413, response = ErrorBody),
        (status = 400, response = ErrorBody),
        (status = 422, response = ErrorBody),
        (status = 503, description = "cluster mode: NATS unreachable or did not store it; retry with the same Idempotency-Key", body = ErrorBody,
            headers(("Retry-After" = u64, description = "seconds"))),
    ))]
pub async fn post_control(
    State(st): State<AppState>,
    _auth: Authed,
    headers: axum::http::HeaderMap,
    SessionBody { name, value, raw }: SessionBody,
) -> Result<Response, AppError> {
    let c = parse_control(&value)?;
    if st.inner.config.cluster.is_some() {
        // Cluster mode: the match's owner applies it in stream order (docs/cluster.md).
        st.check_control(&c)?;
        let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok());
        return Ok(Json(crate::cluster::director::submit_command(&st, &name, "control", &raw, key).await?).into_response());
    }
    let s = st.control(&name, &c).await?;
    Ok(Json(json!({"session": s.name, "target": s.target, "style": s.style, "intensity_override": s.intensity_override, "rules": s.rules}))
        .into_response())
}

/// `POST /api/v1/sessions/{session}/stinger`.
#[derive(utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "documents the body the handler validates")]
struct StingerRequest {
    cue: String,
}

/// The answer to a stinger sent to the engines (one bridge).
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "documents the JSON the handler builds")]
struct StingerAnswer {
    session: String,
    cue: String,
}

/// The answer to a stinger: sent (one bridge) or stored in the match's stream for its owner to
/// fire once (cluster mode).
#[derive(utoipa::ToSchema)]
#[serde(untagged)]
#[expect(dead_code, reason = "documents the JSON the handler builds")]
enum StingerAnswers {
    Sent(StingerAnswer),
    Cluster(crate::cluster::director::Accepted),
}

/// Fire a stinger (cluster mode: fired by the match's owner, once per `Idempotency-Key`)
#[utoipa::path(post, path = "/api/v1/sessions/{session}/stinger", tag = "controls",
    params(("session" = String, Path, pattern = "^[A-Za-z0-9_.-]{1,64}$"), IdempotencyKey),
    request_body = StingerRequest,
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 202, description = "sent to engines; in cluster mode stored in the match's stream", body = StingerAnswers),
        (status = 401, response = ErrorBody),
        (status = 413, response = ErrorBody),
        (status = 400, response = ErrorBody),
        (status = 422, response = ErrorBody),
        (status = 503, description = "cluster mode: NATS unreachable or did not store it; retry with the same Idempotency-Key", body = ErrorBody,
            headers(("Retry-After" = u64, description = "seconds"))),
    ))]
pub async fn post_stinger(
    State(st): State<AppState>,
    _auth: Authed,
    headers: axum::http::HeaderMap,
    SessionBody { name, value, .. }: SessionBody,
) -> Result<Response, AppError> {
    let cue_name = single_string(&value, "cue")?;
    let cue = Cue::from_name(&cue_name).ok_or_else(|| {
        verr("cue", format!("unknown cue {cue_name:?}; allowed: {}", Cue::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")))
    })?;
    if st.inner.config.cluster.is_some() {
        // Cluster mode: fired by the match's owner, once (docs/cluster.md).
        let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok());
        let v = crate::cluster::director::submit_command(&st, &name, "stinger", cue.as_str().as_bytes(), key).await?;
        return Ok((StatusCode::ACCEPTED, Json(v)).into_response());
    }
    st.stinger(&name, cue).await?;
    Ok((StatusCode::ACCEPTED, Json(json!({"session": name, "cue": cue.as_str()}))).into_response())
}
