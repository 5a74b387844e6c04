//! The keys API: list, create and revoke API keys.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::extract::Authed;
use crate::auth::keys::new_key;
use crate::auth::policy::{KeyPolicy, SCOPES};
use crate::clock::now_ms;
use crate::error::{AppError, ErrorBody};
use crate::extract::{json_body, verr};
use crate::state::AppState;

/// The keys routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_keys, create_key)).routes(routes!(revoke_key))
}

/// List API keys (ids only)
#[utoipa::path(get, path = "/api/v1/keys", tag = "keys",
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "keys", body = Object), (status = 401, response = ErrorBody)))]
pub async fn list_keys(State(st): State<AppState>, _auth: Authed) -> Result<Response, AppError> {
    Ok(Json(json!({"keys": st.inner.store.keys().await?})).into_response())
}

/// `POST /api/v1/keys`.
#[derive(utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "documents the body the handler validates")]
struct NewKeyRequest {
    name: String,
    /// Limit the key to these scopes (`recognize`, `manage`); absent: every route.
    scopes: Option<Vec<String>>,
    /// Requests per second the key may make to scoped routes (429 beyond); absent: unlimited.
    rate_per_s: Option<f64>,
}

/// Create an API key (returned once)
#[utoipa::path(post, path = "/api/v1/keys", tag = "keys",
    request_body = NewKeyRequest,
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 201, description = "new key", body = Object),
        (status = 401, response = ErrorBody),
        (status = 413, response = ErrorBody),
        (status = 400, response = ErrorBody),
        (status = 422, response = ErrorBody),
    ))]
pub async fn create_key(State(st): State<AppState>, _auth: Authed, body: Result<Bytes, BytesRejection>) -> Result<Response, AppError> {
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let obj = v.as_object().ok_or_else(|| verr("(body)", "must be a JSON object"))?;
    if let Some(k) = obj.keys().find(|k| !["name", "scopes", "rate_per_s"].contains(&k.as_str())) {
        return Err(verr(k, "unknown field; allowed: name, scopes, rate_per_s"));
    }
    let name = obj.get("name").and_then(serde_json::Value::as_str).ok_or_else(|| verr("name", "required string"))?.to_string();
    if name.is_empty() || name.len() > 64 || name.chars().any(char::is_control) {
        return Err(verr("name", "must be 1..=64 characters"));
    }
    let policy = policy_of(obj)?;
    let (key, rec) = new_key(&name);
    st.inner.store.insert_key(&rec).await?;
    if let Some(mut p) = policy.clone() {
        p.id.clone_from(&rec.id);
        st.inner.store.insert_policy(&p).await?;
        st.inner.policies.insert(p);
    }
    st.inner.keys.insert(&rec);
    let (scopes, rate) = policy.map_or((None, None), |p| (Some(p.scopes), p.rate_per_s));
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": rec.id, "name": rec.name, "key": key, "scopes": scopes, "rate_per_s": rate, "note": "shown once; store it now"})),
    )
        .into_response())
}

/// The policy asked for in a new-key body (`None`: neither `scopes` nor `rate_per_s`).
fn policy_of(obj: &serde_json::Map<String, serde_json::Value>) -> Result<Option<KeyPolicy>, AppError> {
    let scopes = match obj.get("scopes") {
        None => None,
        Some(v) => {
            let list = v.as_array().ok_or_else(|| verr("scopes", "must be a list of scopes (recognize, manage)"))?;
            let mut out = Vec::new();
            for s in list {
                let s =
                    s.as_str().filter(|s| SCOPES.contains(s)).ok_or_else(|| verr("scopes", "unknown scope; allowed: recognize, manage"))?;
                if !out.iter().any(|o| o == s) {
                    out.push(s.to_string());
                }
            }
            Some(out)
        }
    };
    let rate = match obj.get("rate_per_s") {
        None => None,
        Some(v) => Some(
            v.as_f64()
                .filter(|r| r.is_finite() && *r >= 0.01 && *r <= 100_000.0)
                .ok_or_else(|| verr("rate_per_s", "must be a number in 0.01..=100000"))?,
        ),
    };
    if scopes.is_none() && rate.is_none() {
        return Ok(None);
    }
    Ok(Some(KeyPolicy {
        id: String::new(),
        scopes: scopes.unwrap_or_else(|| SCOPES.iter().map(|s| (*s).to_string()).collect()),
        rate_per_s: rate,
    }))
}

/// Revoke an API key
#[utoipa::path(delete, path = "/api/v1/keys/{id}", tag = "keys",
    params(("id" = String, Path)),
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 204, description = "revoked"),
        (status = 401, response = ErrorBody),
        (status = 404, response = ErrorBody),
    ))]
pub async fn revoke_key(State(st): State<AppState>, auth: Authed, Path(id): Path<String>) -> Result<Response, AppError> {
    if !st.inner.store.revoke_key(&id, now_ms()).await? {
        return Err(AppError::NotFound(format!("no active key {id:?}; GET /api/v1/keys lists them")));
    }
    st.inner.keys.remove_id(&id);
    tracing::info!("key {id} revoked by {}", auth.key_id);
    Ok(StatusCode::NO_CONTENT.into_response())
}
