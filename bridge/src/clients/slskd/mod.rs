//! slskd client (the Soulseek daemon's REST API, `/api/v0/`, `X-API-Key` auth): start a
//! search under an id *we* choose (stored before the call, so after a crash the search is
//! found again instead of started twice), poll it, read the peers' responses, enqueue files
//! from one peer, follow the transfers, cancel one.
//!
//! slskd states are flag strings (`"Completed, Succeeded"`, `"Queued, Remotely"`): split on
//! commas. The per-user transfer list is one object, the all-users list an array: both are
//! accepted. Every call has a timeout; 5xx and connection failures back off and retry.

pub mod fake;

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::clients::http::{self, ClientError, RetryPolicy};

const SERVICE: &str = "slskd";

/// A file of a peer's search response.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SearchFile {
    /// The peer's full path (backslashes).
    pub filename: String,
    pub size: u64,
    pub extension: String,
    /// kbit/s (lossy files).
    pub bit_rate: Option<u32>,
    /// Seconds.
    pub length: Option<u32>,
    pub is_locked: bool,
}

/// A peer's answer to a search.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PeerResponse {
    pub username: String,
    pub has_free_upload_slot: bool,
    /// Bytes per second.
    pub upload_speed: u64,
    pub queue_length: u64,
    pub files: Vec<SearchFile>,
}

/// A search's progress.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Search {
    pub id: String,
    pub state: String,
    pub is_complete: bool,
    pub response_count: u64,
}

impl Search {
    pub fn done(&self) -> bool {
        self.is_complete || self.state.split(',').any(|f| f.trim() == "Completed")
    }
}

/// A download transfer.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Transfer {
    pub id: String,
    pub username: String,
    pub filename: String,
    pub size: u64,
    pub state: String,
    pub bytes_transferred: u64,
    pub percent_complete: f64,
}

impl Transfer {
    fn flag(&self, f: &str) -> bool {
        self.state.split(',').any(|s| s.trim() == f)
    }

    /// Completed and succeeded with every byte (the daemon's own claim; the caller may also check the file).
    pub fn succeeded(&self) -> bool {
        self.flag("Completed") && self.flag("Succeeded") && self.bytes_transferred == self.size
    }

    /// Ended without the file (errored, rejected, timed out, cancelled).
    pub fn failed(&self) -> bool {
        self.flag("Completed") && !self.succeeded()
    }
}

/// An slskd client.
#[derive(Clone, Debug)]
pub struct SlskdClient {
    base: String,
    key: String,
    http: reqwest::Client,
    timeout: Duration,
    pub policy: RetryPolicy,
}

impl SlskdClient {
    /// A client of `base` (e.g. `http://127.0.0.1:5030`) with an API key from slskd's
    /// `web.authentication.api_keys`.
    pub fn new(base: &str, key: &str, timeout: Duration) -> Self {
        Self {
            base: base.trim_end_matches('/').to_string(),
            key: key.to_string(),
            http: http::client(timeout),
            timeout,
            policy: RetryPolicy { attempts: 3, base: Duration::from_millis(300), max_wait: Duration::from_secs(10) },
        }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<&Value>) -> Result<Option<Value>, ClientError> {
        http::with_retry(&self.policy, |_| {}, || self.call_once(method.clone(), path, body)).await
    }

    async fn call_once(&self, method: reqwest::Method, path: &str, body: Option<&Value>) -> Result<Option<Value>, ClientError> {
        let mut req = self.http.request(method, format!("{}/api/v0/{path}", self.base)).header("X-API-Key", &self.key);
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = req.send().await.map_err(|e| ClientError::from_reqwest(SERVICE, self.timeout, &e))?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.bytes().await.map_err(|e| ClientError::from_reqwest(SERVICE, self.timeout, &e))?;
        if !status.is_success() {
            let message: String = String::from_utf8_lossy(&bytes).chars().take(200).collect();
            return Err(match status.as_u16() {
                401 | 403 => ClientError::Auth {
                    service: SERVICE,
                    why: format!("HTTP {}", status.as_u16()),
                    what_to_do: "slskd rejected the API key; set one of its web.authentication.api_keys in the discovery settings".into(),
                },
                404 => ClientError::Rejected { service: SERVICE, status: 404, reason: "not_found".into(), message },
                _ => http::status_error(SERVICE, status, &headers, message),
            });
        }
        if bytes.is_empty() {
            return Ok(None);
        }
        serde_json::from_slice(&bytes).map(Some).map_err(|e| ClientError::Malformed { service: SERVICE, why: format!("not JSON: {e}") })
    }

    fn parse<T: serde::de::DeserializeOwned>(v: Option<Value>, what: &str) -> Result<T, ClientError> {
        serde_json::from_value(v.unwrap_or(Value::Null))
            .map_err(|e| ClientError::Malformed { service: SERVICE, why: format!("{what}: {e}") })
    }

    /// Starts a search under `id` (a UUID the caller stored first).
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn start_search(&self, id: &str, text: &str, timeout_ms: u64) -> Result<(), ClientError> {
        let body = json!({"id": id, "searchText": text, "searchTimeout": timeout_ms, "responseLimit": 100, "fileLimit": 10_000,
            "filterResponses": true, "minimumResponseFileCount": 1, "minimumPeerUploadSpeed": 0, "maximumPeerQueueLength": 1_000_000});
        self.call(reqwest::Method::POST, "searches", Some(&body)).await.map(drop)
    }

    /// A search's state; `Rejected`/`not_found` when slskd no longer has it.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn search(&self, id: &str) -> Result<Search, ClientError> {
        Self::parse(self.call(reqwest::Method::GET, &format!("searches/{id}"), None).await?, "search")
    }

    /// The peers' responses to a search.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn responses(&self, id: &str) -> Result<Vec<PeerResponse>, ClientError> {
        Self::parse(self.call(reqwest::Method::GET, &format!("searches/{id}/responses"), None).await?, "responses")
    }

    /// Deletes a finished search.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn delete_search(&self, id: &str) -> Result<(), ClientError> {
        self.call(reqwest::Method::DELETE, &format!("searches/{id}"), None).await.map(drop)
    }

    /// Enqueues `files` (exact remote path, size) from `username`.
    ///
    /// # Errors
    /// Any [`ClientError`] (a peer that is offline answers 5xx).
    pub async fn enqueue(&self, username: &str, files: &[(String, u64)]) -> Result<(), ClientError> {
        let body = Value::Array(files.iter().map(|(f, s)| json!({"filename": f, "size": s})).collect());
        // Not retried: a lost answer to a POST that worked would enqueue twice; the caller reconciles instead.
        self.call_once(reqwest::Method::POST, &format!("transfers/downloads/{}", enc(username)), Some(&body)).await.map(drop)
    }

    /// The transfers from `username` (empty when slskd has none).
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn downloads(&self, username: &str) -> Result<Vec<Transfer>, ClientError> {
        let v = match self.call(reqwest::Method::GET, &format!("transfers/downloads/{}", enc(username)), None).await {
            Err(ClientError::Rejected { status: 404, .. }) => return Ok(Vec::new()),
            r => r?,
        };
        let users = match v {
            Some(Value::Array(a)) => a,
            Some(o @ Value::Object(_)) => vec![o],
            _ => Vec::new(),
        };
        let mut out = Vec::new();
        for u in users {
            for d in u["directories"].as_array().into_iter().flatten() {
                for f in d["files"].as_array().into_iter().flatten() {
                    out.push(Self::parse::<Transfer>(Some(f.clone()), "transfer")?);
                }
            }
        }
        Ok(out)
    }

    /// Cancels (and removes) a transfer.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn cancel(&self, username: &str, id: &str) -> Result<(), ClientError> {
        self.call(reqwest::Method::DELETE, &format!("transfers/downloads/{}/{id}?remove=true", enc(username)), None).await.map(drop)
    }
}

/// A user name as a path segment.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_decide_and_bytes_must_match() {
        let t = |state: &str, bytes: u64| Transfer { state: state.into(), size: 100, bytes_transferred: bytes, ..Transfer::default() };
        assert!(t("Completed, Succeeded", 100).succeeded());
        assert!(!t("Completed, Succeeded", 99).succeeded(), "short file is not done");
        assert!(t("Completed, Succeeded", 99).failed());
        assert!(t("Completed, Errored", 10).failed());
        assert!(!t("InProgress", 50).failed() && !t("Queued, Remotely", 0).succeeded());
        assert_eq!(enc("a b/c"), "a%20b%2Fc");
    }
}
