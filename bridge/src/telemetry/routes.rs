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

/// List sessions
#[utoipa::path(get, path = "/api/v1/sessions", tag = "sessions",
    responses((status = 200, description = "sessions", body = Object)))]
pub async fn list_sessions(State(st): State<AppState>) -> Response {
    let mut out = Vec::new();
    for name in st.session_names() {
        if let Some(e) = st.get(&name) {
            let e = e.lock().await;
            let s = &e.state;
            out.push(json!({"name": s.name, "updates": s.updates, "style": s.style, "target": s.target, "rules": s.rules, "updated_ms": s.updated_ms}));
        }
    }
    Json(json!({"sessions": out})).into_response()
}

/// One session's state (metrics, crowd mood, target, style, now playing, meters, timeline)
#[utoipa::path(get, path = "/api/v1/sessions/{session}", tag = "sessions",
    params(("session" = String, Path, pattern = "^[A-Za-z0-9_.-]{1,64}$")),
    responses(
        (status = 200, description = "state", body = SessionState),
        (status = 404, response = ErrorBody),
        (status = 422, response = ErrorBody),
    ))]
pub async fn get_session(State(st): State<AppState>, Path(name): Path<String>) -> Result<Response, AppError> {
    let name = session_name(&name)?;
    let missing = || AppError::NotFound(format!("no session {name:?}; POST telemetry to create it, or GET /api/v1/sessions"));
    let Some(e) = st.get(&name) else {
        // Cluster mode: a match directed by another bridge is read from the shared store.
        if st.inner.config.cluster.is_some()
            && let Some(r) = st.inner.store.cluster_state(&name).await?
        {
            let s: SessionState = serde_json::from_str(&r.state).map_err(|e| AppError::Internal(e.to_string()))?;
            return Ok(Json(s).into_response());
        }
        return Err(missing());
    };
    let s = e.lock().await.state.clone();
    Ok(Json(s).into_response())
}

/// Delete a session and its log
#[utoipa::path(delete, path = "/api/v1/sessions/{session}", tag = "sessions",
    params(("session" = String, Path, pattern = "^[A-Za-z0-9_.-]{1,64}$")),
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 204, description = "deleted"),
        (status = 401, response = ErrorBody),
        (status = 404, response = ErrorBody),
    ))]
pub async fn delete_session(State(st): State<AppState>, _auth: Authed, Path(name): Path<String>) -> Result<Response, AppError> {
    let name = session_name(&name)?;
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

/// Game or match telemetry (a new name creates the session); written before the answer
#[utoipa::path(post, path = "/api/v1/sessions/{session}/telemetry", tag = "sessions",
    params(("session" = String, Path, pattern = "^[A-Za-z0-9_.-]{1,64}$")),
    request_body = TelemetryUpdate,
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 200, description = "accepted", body = TelemetryAnswer),
        (status = 401, response = ErrorBody),
        (status = 413, response = ErrorBody),
        (status = 400, response = ErrorBody),
        (status = 422, response = ErrorBody),
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

/// Style, manual intensity, rule set
#[utoipa::path(post, path = "/api/v1/sessions/{session}/control", tag = "controls",
    params(("session" = String, Path, pattern = "^[A-Za-z0-9_.-]{1,64}$")),
    request_body = ControlRequest,
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 200, description = "applied", body = Object),
        (status = 401, response = ErrorBody),
        (status = 413, response = ErrorBody),
        (status = 400, response = ErrorBody),
        (status = 422, response = ErrorBody),
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

/// Fire a stinger
#[utoipa::path(post, path = "/api/v1/sessions/{session}/stinger", tag = "controls",
    params(("session" = String, Path, pattern = "^[A-Za-z0-9_.-]{1,64}$")),
    request_body = StingerRequest,
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 202, description = "sent to engines", body = Object),
        (status = 401, response = ErrorBody),
        (status = 413, response = ErrorBody),
        (status = 400, response = ErrorBody),
        (status = 422, response = ErrorBody),
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
