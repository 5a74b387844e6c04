//! The engines API: engines heard over OSC, and MIDI learn armed on them.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use resonance_engine::params::ParamId;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::extract::Authed;
use crate::error::{AppError, ErrorBody};
use crate::extract::{json_body, single_string, verr};
use crate::state::AppState;

/// The engines routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_engines)).routes(routes!(post_midi_learn))
}

/// Engines heard over OSC and their sessions
#[utoipa::path(get, path = "/api/v1/engines", tag = "engines", responses((status = 200, description = "engines", body = Object)))]
pub async fn get_engines(State(st): State<AppState>) -> Response {
    let engines: Vec<Value> = st.engines().into_iter().map(|(a, s)| json!({"address": a, "session": s})).collect();
    Json(json!({"engines": engines})).into_response()
}

/// `POST /api/v1/midi/learn`.
#[derive(utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "documents the body the handler validates")]
struct MidiLearnRequest {
    param: String,
}

/// Arm MIDI learn for a parameter on the engines
#[utoipa::path(post, path = "/api/v1/midi/learn", tag = "controls",
    request_body = MidiLearnRequest,
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 202, description = "armed", body = Object),
        (status = 401, response = ErrorBody),
        (status = 413, response = ErrorBody),
        (status = 400, response = ErrorBody),
        (status = 422, response = ErrorBody),
    ))]
pub async fn post_midi_learn(State(st): State<AppState>, _auth: Authed, body: Result<Bytes, BytesRejection>) -> Result<Response, AppError> {
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let p = single_string(&v, "param")?;
    let id = ParamId::from_id(&p)
        .ok_or_else(|| verr("param", format!("unknown parameter {p:?}; allowed: {}", ParamId::ids().collect::<Vec<_>>().join(", "))))?;
    st.midi_learn(id);
    Ok((StatusCode::ACCEPTED, Json(json!({"armed": id.info().id}))).into_response())
}
