//! Last.fm client: `artist.getSimilar` (artists like one the user owns, with a match in
//! 0..1) and `track.getTopTags` / `artist.getTopTags` (the tags listeners gave, each with a
//! count relative to the most used one, 100). Last.fm sends errors as
//! `{"error": N, "message": "..."}` with HTTP 200 *or* an error status, so the body decides:
//! 6 (artist or track not found) is per-item, 10/26 (invalid or suspended key) stop the run
//! with what to do, 29 (rate limit exceeded) and 429/503 with
//! `Retry-After` back off; 8/11/16 are transient. Calls are spaced by a gate (Last.fm asks
//! for no more than about five per second). Every call has a timeout.

pub mod fake;

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use crate::clients::http::{self, ClientError, RetryPolicy};
use crate::clients::musicbrainz::RateGate;

const SERVICE: &str = "Last.fm";
/// The public API.
pub const DEFAULT_URL: &str = "https://ws.audioscrobbler.com";
/// How long an error 29 (no `Retry-After` given) waits.
pub const RATE_LIMIT_WAIT: Duration = Duration::from_mins(1);

/// An artist similar to the one asked about.
#[derive(Clone, Debug, PartialEq)]
pub struct Similar {
    pub name: String,
    /// The MusicBrainz id when Last.fm knows it.
    pub mbid: Option<String>,
    /// 0..1.
    pub score: f64,
}

/// A tag listeners gave a track or an artist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopTag {
    pub name: String,
    /// Relative use, 0..=100 (the most used tag is 100).
    pub count: u32,
}

/// A Last.fm client.
#[derive(Clone, Debug)]
pub struct LastfmClient {
    base: String,
    key: String,
    http: reqwest::Client,
    timeout: Duration,
    gate: Arc<RateGate>,
    pub policy: RetryPolicy,
}

/// A Last.fm error code as a client error.
fn api_error(code: u64, message: &str) -> ClientError {
    let message = format!("{message} (error {code})");
    match code {
        6 => ClientError::Rejected { service: SERVICE, status: 200, reason: "not_found".into(), message },
        10 | 26 | 4 | 9 => ClientError::Auth {
            service: SERVICE,
            why: message,
            what_to_do: "the Last.fm API key is invalid or suspended; set a valid one in the discovery settings".into(),
        },
        29 => ClientError::RateLimited { service: SERVICE, retry_after: RATE_LIMIT_WAIT },
        8 | 11 | 16 => ClientError::Unavailable { service: SERVICE, why: message },
        _ => ClientError::Rejected { service: SERVICE, status: 200, reason: "failed".into(), message },
    }
}

/// A number Last.fm may send as a string (`"match": "0.87"`).
fn num(v: &Value) -> f64 {
    match v {
        Value::Number(n) => n.as_f64().unwrap_or(0.0),
        Value::String(s) => s.trim().parse().unwrap_or(0.0),
        _ => 0.0,
    }
}

impl LastfmClient {
    /// A client of `base` ([`DEFAULT_URL`]; `/2.0/` is added) with the API key.
    pub fn new(base: &str, key: &str, timeout: Duration) -> Self {
        Self {
            base: base.trim_end_matches('/').to_string(),
            key: key.trim().to_string(),
            http: http::client(timeout),
            timeout,
            gate: Arc::new(RateGate::new(Duration::from_millis(200))),
            policy: RetryPolicy { attempts: 4, base: Duration::from_millis(500), max_wait: Duration::from_secs(30) },
        }
    }

    /// Artists similar to `artist` (at most `limit`), best first.
    ///
    /// # Errors
    /// Any [`ClientError`]: `Rejected`/`not_found` for an unknown artist, `Auth` for a bad key.
    pub async fn similar(&self, artist: &str, limit: u32) -> Result<Vec<Similar>, ClientError> {
        http::with_retry(&self.policy, |_| {}, || self.similar_once(artist, limit)).await
    }

    async fn similar_once(&self, artist: &str, limit: u32) -> Result<Vec<Similar>, ClientError> {
        let v = self
            .call_once(&[("method", "artist.getsimilar".to_string()), ("artist", artist.to_string()), ("limit", limit.to_string())])
            .await?;
        let list = match &v["similarartists"]["artist"] {
            Value::Array(a) => a.clone(),
            Value::Null => return Err(ClientError::Malformed { service: SERVICE, why: "no similarartists.artist".into() }),
            o => vec![o.clone()],
        };
        Ok(list
            .iter()
            .filter_map(|a| {
                Some(Similar {
                    name: a["name"].as_str()?.to_string(),
                    mbid: a["mbid"].as_str().filter(|m| !m.is_empty()).map(String::from),
                    score: num(&a["match"]).clamp(0.0, 1.0),
                })
            })
            .collect())
    }

    /// The top tags of a track (`track: Some(title)`, `track.getTopTags`) or of an artist
    /// (`artist.getTopTags`), most used first. Last.fm matches the names itself (with its
    /// autocorrection), all versions of a song under one name.
    ///
    /// # Errors
    /// Any [`ClientError`]: `Rejected`/`not_found` (error 6) for a track or artist Last.fm
    /// does not know, `Malformed` for an answer without `toptags`.
    pub async fn top_tags(&self, artist: &str, track: Option<&str>) -> Result<Vec<TopTag>, ClientError> {
        http::with_retry(&self.policy, |_| {}, || self.top_tags_once(artist, track)).await
    }

    async fn top_tags_once(&self, artist: &str, track: Option<&str>) -> Result<Vec<TopTag>, ClientError> {
        let mut q: Vec<(&str, String)> = vec![("artist", artist.to_string())];
        match track {
            Some(t) => {
                q.push(("method", "track.gettoptags".to_string()));
                q.push(("track", t.to_string()));
            }
            None => q.push(("method", "artist.gettoptags".to_string())),
        }
        let v = self.call_once(&q).await?;
        let list = match &v["toptags"]["tag"] {
            Value::Array(a) => a.clone(),
            // no tags: Last.fm sends an empty list, or (older answers) no `tag` at all
            Value::Null if v["toptags"].is_object() => Vec::new(),
            Value::Null => return Err(ClientError::Malformed { service: SERVICE, why: "no toptags in the answer".into() }),
            o => vec![o.clone()],
        };
        Ok(list
            .iter()
            .filter_map(|t| {
                let name = t["name"].as_str()?.trim();
                (!name.is_empty()).then(|| TopTag { name: name.to_string(), count: num(&t["count"]).clamp(0.0, 100.0) as u32 })
            })
            .collect())
    }

    /// One call of `/2.0/` with `params` (the key, `autocorrect` and `format` added): the JSON
    /// answer, or the error Last.fm's body or status says.
    async fn call_once(&self, params: &[(&str, String)]) -> Result<Value, ClientError> {
        self.gate.acquire().await;
        let mut q: Vec<(&str, String)> = params.to_vec();
        q.extend([("autocorrect", "1".to_string()), ("api_key", self.key.clone()), ("format", "json".to_string())]);
        let resp = self
            .http
            .get(format!("{}/2.0/", self.base))
            .query(&q)
            .send()
            .await
            .map_err(|e| ClientError::from_reqwest(SERVICE, self.timeout, &e))?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp.bytes().await.map_err(|e| ClientError::from_reqwest(SERVICE, self.timeout, &e))?;
        let v: Option<Value> = serde_json::from_slice(&body).ok();
        if let Some(code) = v.as_ref().and_then(|v| v["error"].as_u64()) {
            let e = api_error(code, v.as_ref().and_then(|v| v["message"].as_str()).unwrap_or(""));
            return Err(match (e, http::retry_after(&headers)) {
                (ClientError::RateLimited { .. }, Some(d)) => ClientError::RateLimited { service: SERVICE, retry_after: d },
                (e, _) => e,
            });
        }
        if !status.is_success() {
            return Err(http::status_error(SERVICE, status, &headers, String::new()));
        }
        v.ok_or_else(|| ClientError::Malformed { service: SERVICE, why: "not JSON".into() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_map_to_what_the_job_does() {
        assert_eq!(api_error(6, "The artist you supplied could not be found").kind(), "rejected");
        assert_eq!(api_error(10, "Invalid API key").kind(), "auth");
        assert!(api_error(29, "Rate limit exceeded").is_transient());
        assert!(api_error(16, "temporary").is_transient());
        assert!((num(&Value::String("0.87".into())) - 0.87).abs() < 1e-9);
    }
}
