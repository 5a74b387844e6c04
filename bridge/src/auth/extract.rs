//! The [`Authed`] extractor: a handler that takes it runs only for requests with an active
//! API key (`Authorization: Bearer KEY`, or HTTP Basic with the key as password).

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use crate::auth::keys::key_from_header;
use crate::error::AppError;
use crate::state::AppState;

/// Proof that the request carried an active API key; add it to a handler's arguments.
#[derive(Debug, Clone)]
pub struct Authed {
    pub key_id: String,
}

impl FromRequestParts<AppState> for Authed {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .ok_or(AppError::Unauthorized("missing API key; send `Authorization: Bearer KEY` (printed at the bridge's first start)"))?;
        let key = header
            .to_str()
            .ok()
            .and_then(key_from_header)
            .ok_or(AppError::Unauthorized("malformed Authorization header; use `Bearer KEY` or HTTP Basic with the key as password"))?;
        let key_id = state
            .inner
            .keys
            .check(&key)
            .ok_or(AppError::Unauthorized("unknown or revoked API key; create one with POST /api/v1/keys using a valid key"))?;
        Ok(Authed { key_id })
    }
}
