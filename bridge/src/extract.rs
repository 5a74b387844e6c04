//! Request-body helpers shared by the handlers of every domain: JSON bodies read with the
//! bridge's errors (413 over the body limit, 400 for invalid JSON) and strict one-field objects.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use serde_json::Value;

use crate::error::{AppError, ValidationError};

/// A 422 naming `field`.
pub fn verr(field: &str, message: impl Into<String>) -> AppError {
    AppError::Validation(ValidationError::new(field, message))
}

/// Reads a JSON object body with the bridge's errors (413, 400).
///
/// # Errors
/// [`AppError::TooLarge`] over `limit`, [`AppError::BadJson`] when the body is not JSON.
pub fn json_body(body: Result<Bytes, BytesRejection>, limit: usize) -> Result<(Value, Bytes), AppError> {
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE { AppError::TooLarge { limit } } else { AppError::BadJson(e.body_text()) }
    })?;
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| AppError::BadJson(e.to_string()))?;
    Ok((v, bytes))
}

/// The one string field of an object that may hold nothing else.
///
/// # Errors
/// A 422 naming the unknown field, or `field` when it is missing or not a string.
pub fn single_string(v: &Value, field: &str) -> Result<String, AppError> {
    let obj = v.as_object().ok_or_else(|| verr("(body)", "must be a JSON object"))?;
    if let Some(k) = obj.keys().find(|k| *k != field) {
        return Err(verr(k, format!("unknown field; allowed: {field}")));
    }
    Ok(obj.get(field).and_then(Value::as_str).ok_or_else(|| verr(field, "required string"))?.to_string())
}
