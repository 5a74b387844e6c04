//! Errors: [`BridgeError`] for the library (start-up, storage, rules) and [`AppError`], the HTTP
//! answer every handler returns on failure (axum's error-handling example: one type that
//! implements `IntoResponse`).
//!
//! Every error body is `{"error": "<reason>", "message": "...", "field": "..."?}`; `reason`
//! is also the label of `resonance_bridge_rejects_total` in `/metrics`.

use std::net::SocketAddr;

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// A rejected field: the field's name (or `(body)`) and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    pub field: String,
    pub message: String,
}

impl ValidationError {
    /// A rejection of `field` (or `(body)`) saying what is wrong.
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self { field: field.to_string(), message: message.into() }
    }
}

/// Errors from starting and running the bridge.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BridgeError {
    #[error("database error: {0}; check --database/--data and that the database is reachable and writable")]
    Storage(#[from] sqlx::Error),
    #[error("rules file {file}: {message}")]
    Rules { file: String, message: String },
    #[error("cannot bind {what} on {addr}: {source}; choose a free address with --listen / --osc")]
    Bind { what: &'static str, addr: SocketAddr, source: std::io::Error },
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    #[error("invalid configuration: {0}")]
    Config(String),
    /// A queued write was not committed (the storage batch failed or the writer stopped).
    #[error("storage write failed: {0}; the update was not stored, retry it (check that the database is reachable and writable)")]
    Write(String),
}

/// The rejection reasons counted in `/metrics`.
pub const REJECT_REASONS: &[&str] = &[
    "validation",
    "bad_json",
    "too_large",
    "unauthorized",
    "not_found",
    "method_not_allowed",
    "internal",
    "osc_malformed",
    "osc_unknown_address",
    "osc_bad_arguments",
    "osc_invalid_telemetry",
    "empty_body",
    "not_audio",
    "unsupported_codec",
    "bad_audio",
    "too_long",
    "too_short",
    "bad_fingerprint",
    "bad_path",
    "bad_webhook_url",
    "busy",
    "rate_limited",
    "forbidden",
    "osc_unauthenticated",
    "osc_rate_limited",
    "osc_too_many_styles",
    "bad_id",
    "no_such_clip",
    "blob_missing",
    "bad_range",
    "storage_full",
    "storage_read_only",
    "provider_auth",
    "provider_premium",
    "provider_no_device",
    "provider_rate_limited",
    "provider_failed",
    "no_engine",
    "clip_unknown",
    "clip_unknown_fire",
    "clip_refused_by_engine",
    "rule_clip_missing",
    "cluster_input_dropped",
    "cluster_unsupported",
];

/// An HTTP error answer.
#[derive(Debug)]
#[non_exhaustive]
pub enum AppError {
    /// 422: a field failed validation.
    Validation(ValidationError),
    /// 400: the body is not valid JSON.
    BadJson(String),
    /// 413: the body is larger than the limit.
    TooLarge { limit: usize },
    /// 401: missing or wrong API key.
    Unauthorized(&'static str),
    /// 404: unknown session, key or route.
    NotFound(String),
    /// 500: storage failed; the update was not applied.
    Internal(String),
    /// A 4xx of its own status and reason (one of [`REJECT_REASONS`]), e.g. the recognition
    /// service's 415 for a body that is not audio or 413 for too long a query.
    Rejected { status: StatusCode, reason: &'static str, message: String },
    /// 503 (pool full) or 429 (rate limit) with `Retry-After: retry_after_s`.
    RetryLater { status: StatusCode, reason: &'static str, retry_after_s: u64, message: String },
}

impl AppError {
    /// A 4xx answer of this status and reason (one of [`REJECT_REASONS`]).
    pub fn rejected(status: StatusCode, reason: &'static str, message: impl Into<String>) -> Self {
        AppError::Rejected { status, reason, message: message.into() }
    }
}

/// The message an error answer carries (for command-line tools that call the services).
pub fn message_of(e: &AppError) -> String {
    match e {
        AppError::Validation(v) => format!("{}: {}", v.field, v.message),
        AppError::BadJson(m) | AppError::NotFound(m) | AppError::Internal(m) => m.clone(),
        AppError::TooLarge { limit } => format!("larger than {limit} bytes"),
        AppError::Unauthorized(m) => (*m).to_string(),
        AppError::Rejected { message, .. } | AppError::RetryLater { message, .. } => message.clone(),
    }
}

/// The body of every error answer (the OpenAPI document's `Error` response).
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// The reason (one of [`REJECT_REASONS`]).
    pub error: String,
    pub message: String,
    /// The rejected field, for a 422.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl<'r> utoipa::ToResponse<'r> for ErrorBody {
    fn response() -> (&'r str, utoipa::openapi::RefOr<utoipa::openapi::response::Response>) {
        let content = utoipa::openapi::ContentBuilder::new().schema(Some(<ErrorBody as utoipa::PartialSchema>::schema())).build();
        ("Error", utoipa::openapi::ResponseBuilder::new().description("error").content("application/json", content).build().into())
    }
}

/// Response extension carrying the reject reason to the metrics middleware.
#[derive(Clone, Copy, Debug)]
pub struct RejectReason(pub &'static str);

impl AppError {
    pub fn reason(&self) -> &'static str {
        match self {
            AppError::Validation(_) => "validation",
            AppError::BadJson(_) => "bad_json",
            AppError::TooLarge { .. } => "too_large",
            AppError::Unauthorized(_) => "unauthorized",
            AppError::NotFound(_) => "not_found",
            AppError::Internal(_) => "internal",
            AppError::Rejected { reason, .. } | AppError::RetryLater { reason, .. } => reason,
        }
    }
}

impl From<ValidationError> for AppError {
    fn from(e: ValidationError) -> Self {
        AppError::Validation(e)
    }
}

impl From<BridgeError> for AppError {
    fn from(e: BridgeError) -> Self {
        tracing::error!("{e}");
        AppError::Internal(format!("{e}; the request was not applied, retry it"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let reason = self.reason();
        let (status, body) = match &self {
            AppError::Validation(v) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                serde_json::json!({"error": reason, "field": v.field, "message": format!("{}: {}", v.field, v.message)}),
            ),
            AppError::BadJson(m) => {
                (StatusCode::BAD_REQUEST, serde_json::json!({"error": reason, "message": format!("invalid JSON: {m}; send a JSON object")}))
            }
            AppError::TooLarge { limit } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                serde_json::json!({"error": reason, "message": format!("body larger than {limit} bytes; send smaller updates more often")}),
            ),
            AppError::Unauthorized(m) => (StatusCode::UNAUTHORIZED, serde_json::json!({"error": reason, "message": m})),
            AppError::NotFound(m) => (StatusCode::NOT_FOUND, serde_json::json!({"error": reason, "message": m})),
            AppError::Internal(m) => (StatusCode::INTERNAL_SERVER_ERROR, serde_json::json!({"error": reason, "message": m})),
            AppError::Rejected { status, message, .. } | AppError::RetryLater { status, message, .. } => {
                (*status, serde_json::json!({"error": reason, "message": message}))
            }
        };
        let mut resp = (status, Json(body)).into_response();
        if matches!(self, AppError::Unauthorized(_)) {
            resp.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer, Basic realm=\"resonance\""));
        }
        if let AppError::RetryLater { retry_after_s, .. } = &self {
            resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_s));
        }
        resp.extensions_mut().insert(RejectReason(reason));
        resp
    }
}
