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
use crate::clock::now_ms;
use crate::error::{AppError, ErrorBody};
use crate::extract::{json_body, single_string, verr};
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
    let name = single_string(&v, "name")?;
    if name.is_empty() || name.len() > 64 || name.chars().any(char::is_control) {
        return Err(verr("name", "must be 1..=64 characters"));
    }
    let (key, rec) = new_key(&name);
    st.inner.store.insert_key(&rec).await?;
    st.inner.keys.insert(&rec);
    Ok((StatusCode::CREATED, Json(json!({"id": rec.id, "name": rec.name, "key": key, "note": "shown once; store it now"}))).into_response())
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
