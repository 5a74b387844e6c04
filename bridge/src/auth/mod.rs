//! Authentication: API keys (created, hashed, checked), forward-auth by a trusted proxy's
//! user header, the [`Authed`] extractor, the keys API and the keys' storage.
//!
//! Files: [`keys`] (key material and the in-memory set), [`policy`] (scopes and rate
//! limits), [`forward`] (the trusted proxy's user header), [`extract`] (the extractor),
//! [`routes`](mod@routes) (`/api/v1/keys`), [`store`](mod@store) (the `api_keys` table).

pub mod extract;
pub mod forward;
pub mod keys;
pub mod policy;
pub mod routes;
pub mod store;

pub use extract::Authed;
pub use keys::{KEY_PREFIX, KeyRecord, KeySet, hash_key, key_from_header, new_key};
pub use routes::routes;

use axum::http::StatusCode;

use crate::error::AppError;
use crate::state::AppState;
use policy::Refusal;

/// Whether the request's key may call a route of `scope` now ([`policy`]): 403 `forbidden`
/// without the scope, 429 `rate_limited` with Retry-After past the key's rate limit.
///
/// # Errors
/// The refusal as an [`AppError`] whose message says what to do.
pub fn allow(st: &AppState, auth: &Authed, scope: &str) -> Result<(), AppError> {
    match st.inner.policies.check(&auth.key_id, scope) {
        Ok(()) => Ok(()),
        Err(Refusal::Scope) => Err(AppError::rejected(
            StatusCode::FORBIDDEN,
            "forbidden",
            format!("this API key lacks the `{scope}` scope; use a key created with it (POST /api/v1/keys with \"scopes\")"),
        )),
        Err(Refusal::Rate { retry_after_s }) => Err(AppError::RetryLater {
            status: StatusCode::TOO_MANY_REQUESTS,
            reason: "rate_limited",
            retry_after_s,
            message: format!("this API key's rate limit is reached; retry after {retry_after_s} s"),
        }),
    }
}
