//! The [`Authed`] extractor: a handler that takes it runs only for requests with an active
//! API key (`Authorization: Bearer KEY`, or HTTP Basic with the key as password), or for
//! requests a trusted forward-auth proxy names a user on ([`forward`](crate::auth::forward)).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use crate::auth::keys::key_from_header;
use crate::error::AppError;
use crate::state::AppState;

/// Proof that the request carried an active API key, or came from a trusted forward-auth
/// proxy naming a user; add it to a handler's arguments.
#[derive(Debug, Clone)]
pub struct Authed {
    /// The key's id, or `proxy-user:NAME` for a user named by a trusted proxy (such users hold
    /// every scope: the proxy decided who may reach the bridge).
    pub key_id: String,
}

/// The `key_id` prefix of users named by a trusted forward-auth proxy.
pub const PROXY_USER: &str = "proxy-user:";

impl FromRequestParts<AppState> for Authed {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let forward = &state.inner.config.forward_auth;
        if forward.enabled() {
            let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
            match forward.user(peer, &parts.headers) {
                Ok(Some(user)) => return Ok(Authed { key_id: format!("{PROXY_USER}{user}") }),
                Ok(None) => {}
                Err(e) => return Err(AppError::rejected(axum::http::StatusCode::UNAUTHORIZED, "unauthorized", e)),
            }
        }
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
