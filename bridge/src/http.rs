//! HTTP API handlers and the route table ([`ROUTES`], checked against the OpenAPI document by
//! a test).

use std::sync::atomic::Ordering::Relaxed;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use resonance_engine::params::ParamId;
use resonance_engine::{Cue, Quantize};
use serde_json::{Value, json};

use crate::auth::Authed;
use crate::error::AppError;
use crate::state::AppState;
use crate::telemetry::{ValidationError, validate_json, validate_session_name};

/// Every API route as (method, path), in axum's path syntax. The router is built from the same
/// constants, and the OpenAPI test compares this table with the document.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/healthz"),
    ("GET", "/metrics"),
    ("GET", "/api/v1/openapi.json"),
    ("GET", "/api/v1/sessions"),
    ("GET", "/api/v1/sessions/{session}"),
    ("DELETE", "/api/v1/sessions/{session}"),
    ("POST", "/api/v1/sessions/{session}/telemetry"),
    ("POST", "/api/v1/sessions/{session}/control"),
    ("POST", "/api/v1/sessions/{session}/stinger"),
    ("GET", "/api/v1/rules"),
    ("GET", "/api/v1/engines"),
    ("POST", "/api/v1/midi/learn"),
    ("GET", "/api/v1/keys"),
    ("POST", "/api/v1/keys"),
    ("DELETE", "/api/v1/keys/{id}"),
    ("GET", "/api/v1/ws"),
];

fn verr(field: &str, message: impl Into<String>) -> AppError {
    AppError::Validation(ValidationError { field: field.into(), message: message.into() })
}

/// Reads a JSON object body with the bridge's errors (413, 400).
fn json_body(body: Result<Bytes, BytesRejection>, limit: usize) -> Result<(Value, Bytes), AppError> {
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE { AppError::TooLarge { limit } } else { AppError::BadJson(e.body_text()) }
    })?;
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| AppError::BadJson(e.to_string()))?;
    Ok((v, bytes))
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

pub async fn healthz(State(st): State<AppState>) -> Response {
    Json(json!({
        "status": "ok",
        "storage": st.inner.store.kind(),
        "sessions": st.inner.metrics.sessions.load(Relaxed),
        "uptime_s": st.inner.started.elapsed().as_secs(),
    }))
    .into_response()
}

pub async fn metrics(State(st): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], st.inner.metrics.render()).into_response()
}

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

pub async fn get_session(State(st): State<AppState>, Path(name): Path<String>) -> Result<Response, AppError> {
    let name = session_name(&name)?;
    let e = st
        .get(&name)
        .ok_or_else(|| AppError::NotFound(format!("no session {name:?}; POST telemetry to create it, or GET /api/v1/sessions")))?;
    let s = e.lock().await.state.clone();
    Ok(Json(s).into_response())
}

pub async fn delete_session(State(st): State<AppState>, _auth: Authed, Path(name): Path<String>) -> Result<Response, AppError> {
    let name = session_name(&name)?;
    if st.delete_session(&name).await? {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(AppError::NotFound(format!("no session {name:?}; GET /api/v1/sessions lists them")))
    }
}

pub async fn post_telemetry(
    State(st): State<AppState>,
    _auth: Authed,
    SessionBody { name, value, raw }: SessionBody,
) -> Result<Response, AppError> {
    let u = validate_json(&value)?;
    let body_text = String::from_utf8_lossy(&raw);
    let s = st.ingest_http(&name, &u, &body_text).await?;
    Ok(Json(json!({"session": s.name, "updates": s.updates, "target": s.target, "style": s.style})).into_response())
}

/// `POST /api/v1/sessions/{session}/control`, validated field by field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ControlRequest {
    pub style: Option<String>,
    pub quantize: Option<Quantize>,
    /// `Some(None)` clears the manual intensity.
    pub intensity: Option<Option<f32>>,
    pub rules: Option<String>,
}

fn parse_control(v: &Value) -> Result<ControlRequest, AppError> {
    let obj = v.as_object().ok_or_else(|| verr("(body)", "must be a JSON object"))?;
    let mut c = ControlRequest::default();
    for (k, v) in obj {
        match k.as_str() {
            "style" => {
                let s = v.as_str().ok_or_else(|| verr("style", "must be a string"))?;
                if s.is_empty() || s.len() > 64 || s.chars().any(char::is_control) {
                    return Err(verr("style", "must be 1..=64 characters"));
                }
                c.style = Some(s.to_string());
            }
            "quantize" => {
                let q = v
                    .as_str()
                    .and_then(crate::osc::parse_quantize)
                    .ok_or_else(|| verr("quantize", "must be immediate, beat, bar or phrase"))?;
                c.quantize = Some(q);
            }
            "intensity" => {
                c.intensity = Some(if v.is_null() {
                    None
                } else {
                    let x = v
                        .as_f64()
                        .filter(|x| (0.0..=1.0).contains(x))
                        .ok_or_else(|| verr("intensity", "must be a number in 0..=1, or null to clear"))?;
                    Some(x as f32)
                });
            }
            "rules" => c.rules = Some(v.as_str().ok_or_else(|| verr("rules", "must be a rule set name"))?.to_string()),
            other => return Err(verr(other, "unknown field; allowed: style, quantize, intensity, rules")),
        }
    }
    if obj.is_empty() {
        return Err(verr("(body)", "empty control; send style, quantize, intensity or rules"));
    }
    if c.quantize.is_some() && c.style.is_none() {
        return Err(verr("quantize", "only allowed together with style"));
    }
    Ok(c)
}

pub async fn post_control(
    State(st): State<AppState>,
    _auth: Authed,
    SessionBody { name, value, .. }: SessionBody,
) -> Result<Response, AppError> {
    let c = parse_control(&value)?;
    let s = st.control(&name, &c).await?;
    Ok(Json(json!({"session": s.name, "target": s.target, "style": s.style, "intensity_override": s.intensity_override, "rules": s.rules}))
        .into_response())
}

fn single_string(v: &Value, field: &str) -> Result<String, AppError> {
    let obj = v.as_object().ok_or_else(|| verr("(body)", "must be a JSON object"))?;
    if let Some(k) = obj.keys().find(|k| *k != field) {
        return Err(verr(k, format!("unknown field; allowed: {field}")));
    }
    Ok(obj.get(field).and_then(Value::as_str).ok_or_else(|| verr(field, "required string"))?.to_string())
}

pub async fn post_stinger(
    State(st): State<AppState>,
    _auth: Authed,
    SessionBody { name, value, .. }: SessionBody,
) -> Result<Response, AppError> {
    let cue_name = single_string(&value, "cue")?;
    let cue = Cue::from_name(&cue_name).ok_or_else(|| {
        verr("cue", format!("unknown cue {cue_name:?}; allowed: {}", Cue::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")))
    })?;
    st.stinger(&name, cue).await?;
    Ok((StatusCode::ACCEPTED, Json(json!({"session": name, "cue": cue.as_str()}))).into_response())
}

pub async fn post_midi_learn(State(st): State<AppState>, _auth: Authed, body: Result<Bytes, BytesRejection>) -> Result<Response, AppError> {
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let p = single_string(&v, "param")?;
    let id = ParamId::from_id(&p)
        .ok_or_else(|| verr("param", format!("unknown parameter {p:?}; allowed: {}", ParamId::ids().collect::<Vec<_>>().join(", "))))?;
    st.midi_learn(id);
    Ok((StatusCode::ACCEPTED, Json(json!({"armed": id.info().id}))).into_response())
}

pub async fn get_rules(State(st): State<AppState>) -> Response {
    let sets: Vec<Value> = st
        .inner
        .rules
        .names()
        .filter_map(|n| st.inner.rules.get(n))
        .map(|s| json!({"name": s.name, "description": s.description, "style": s.base.style, "rules": s.rules.iter().map(|r| r.name.clone()).collect::<Vec<_>>()}))
        .collect();
    Json(json!({"rule_sets": sets})).into_response()
}

pub async fn get_engines(State(st): State<AppState>) -> Response {
    let engines: Vec<Value> = st.engines().into_iter().map(|(a, s)| json!({"address": a, "session": s})).collect();
    Json(json!({"engines": engines})).into_response()
}

pub async fn list_keys(State(st): State<AppState>, _auth: Authed) -> Result<Response, AppError> {
    Ok(Json(json!({"keys": st.inner.store.keys().await?})).into_response())
}

pub async fn create_key(State(st): State<AppState>, _auth: Authed, body: Result<Bytes, BytesRejection>) -> Result<Response, AppError> {
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let name = single_string(&v, "name")?;
    if name.is_empty() || name.len() > 64 || name.chars().any(char::is_control) {
        return Err(verr("name", "must be 1..=64 characters"));
    }
    let (key, rec) = crate::auth::new_key(&name);
    st.inner.store.insert_key(&rec).await?;
    st.inner.keys.insert(&rec);
    Ok((StatusCode::CREATED, Json(json!({"id": rec.id, "name": rec.name, "key": key, "note": "shown once; store it now"}))).into_response())
}

pub async fn revoke_key(State(st): State<AppState>, auth: Authed, Path(id): Path<String>) -> Result<Response, AppError> {
    if !st.inner.store.revoke_key(&id, crate::session::now_ms()).await? {
        return Err(AppError::NotFound(format!("no active key {id:?}; GET /api/v1/keys lists them")));
    }
    st.inner.keys.remove_id(&id);
    tracing::info!("key {id} revoked by {}", auth.key_id);
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_is_strict() {
        assert!(parse_control(&json!({"style": "battle", "quantize": "bar"})).is_ok());
        assert_eq!(parse_control(&json!({"intensity": null})).unwrap().intensity, Some(None));
        for (v, field) in [
            (json!({"intensity": 2}), "intensity"),
            (json!({"quantize": "bar"}), "quantize"),
            (json!({"colour": 1}), "colour"),
            (json!({}), "(body)"),
        ] {
            match parse_control(&v) {
                Err(AppError::Validation(e)) => assert_eq!(e.field, field),
                other => panic!("{v}: {other:?}"),
            }
        }
    }
}
