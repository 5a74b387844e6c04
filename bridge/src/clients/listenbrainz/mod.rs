//! ListenBrainz client: a user's collaborative-filtering recording recommendations
//! (`/1/cf/recommendation/user/{user}/recording`) and the playlists created for them
//! (`/1/user/{user}/playlists/createdfor`: Weekly Exploration, Weekly/Daily Jams), whose
//! tracks need a second call per playlist (`/1/playlist/{mbid}`, JSPF).
//!
//! Rate limits (<https://listenbrainz.readthedocs.io/en/latest/users/api/index.html#rate-limiting>):
//! every answer carries `X-RateLimit-Remaining` and `X-RateLimit-Reset-In`; when none remain
//! the next call waits `Reset-In` first, and a 429 waits `Reset-In` (or `Retry-After`) and
//! retries. 204 (no recommendations generated yet) is an empty list, not an error; 404 is a
//! user that does not exist.

pub mod fake;

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::clients::http::{self, ClientError, RetryPolicy};

const SERVICE: &str = "ListenBrainz";
/// The public API.
pub const DEFAULT_URL: &str = "https://api.listenbrainz.org";

/// A recommended recording and its score.
#[derive(Clone, Debug, PartialEq)]
pub struct Recommendation {
    pub recording_mbid: String,
    pub score: f64,
}

/// A playlist created for the user (without its tracks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaylistInfo {
    pub mbid: String,
    pub title: String,
    /// `weekly-exploration`, `weekly-jams`, `daily-jams`...
    pub source_patch: String,
}

/// A track of a playlist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaylistTrack {
    pub recording_mbid: String,
    pub title: String,
    pub artist: String,
    /// A cover without a Cover Art Archive lookup, when the playlist gives one.
    pub cover_url: Option<String>,
}

/// A ListenBrainz client.
#[derive(Clone, Debug)]
pub struct ListenBrainzClient {
    base: String,
    token: Option<String>,
    http: reqwest::Client,
    timeout: Duration,
    /// Not before this instant (the limit was used up).
    hold: Arc<Mutex<Option<Instant>>>,
    pub policy: RetryPolicy,
}

fn reset_in(h: &reqwest::header::HeaderMap) -> Option<Duration> {
    let s: u64 = h.get("x-ratelimit-reset-in")?.to_str().ok()?.trim().parse().ok()?;
    Some(Duration::from_secs(s.clamp(1, 900)))
}

fn last_segment(url: &str) -> String {
    url.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_string()
}

/// A string or the first string of a list (`identifier` is either, by server version).
fn one_or_first(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Array(a) => a.iter().find_map(Value::as_str),
        _ => None,
    }
}

impl ListenBrainzClient {
    /// A client of `base` ([`DEFAULT_URL`]), with the user's token when given (higher limits).
    pub fn new(base: &str, token: Option<String>, timeout: Duration) -> Self {
        Self {
            base: base.trim_end_matches('/').to_string(),
            token: token.filter(|t| !t.trim().is_empty()),
            http: http::client(timeout),
            timeout,
            hold: Arc::default(),
            policy: RetryPolicy { attempts: 4, base: Duration::from_millis(500), max_wait: Duration::from_mins(1) },
        }
    }

    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Option<Value>, ClientError> {
        http::with_retry(&self.policy, |_| {}, || self.get_once(path, query)).await
    }

    async fn get_once(&self, path: &str, query: &[(&str, String)]) -> Result<Option<Value>, ClientError> {
        let hold = *self.hold.lock().await;
        if let Some(t) = hold {
            tokio::time::sleep_until(t).await;
        }
        let mut req = self.http.get(format!("{}{path}", self.base)).query(query);
        if let Some(t) = &self.token {
            req = req.header(reqwest::header::AUTHORIZATION, format!("Token {t}"));
        }
        let resp = req.send().await.map_err(|e| ClientError::from_reqwest(SERVICE, self.timeout, &e))?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let remaining: Option<u64> = headers.get("x-ratelimit-remaining").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
        *self.hold.lock().await = match (remaining, reset_in(&headers)) {
            (Some(0), Some(d)) => Some(Instant::now() + d),
            _ => None,
        };
        let body = resp.bytes().await.map_err(|e| ClientError::from_reqwest(SERVICE, self.timeout, &e))?;
        if status.as_u16() == 204 {
            return Ok(None);
        }
        if !status.is_success() {
            let message =
                serde_json::from_slice::<Value>(&body).ok().and_then(|v| v["error"].as_str().map(String::from)).unwrap_or_default();
            return Err(match status.as_u16() {
                429 => ClientError::RateLimited {
                    service: SERVICE,
                    retry_after: reset_in(&headers).or_else(|| http::retry_after(&headers)).unwrap_or(Duration::from_secs(1)),
                },
                404 => ClientError::Rejected { service: SERVICE, status: 404, reason: "not_found".into(), message },
                401 => ClientError::Auth {
                    service: SERVICE,
                    why: message,
                    what_to_do: "check the ListenBrainz token in the discovery settings".into(),
                },
                _ => http::status_error(SERVICE, status, &headers, message),
            });
        }
        serde_json::from_slice(&body).map(Some).map_err(|e| ClientError::Malformed { service: SERVICE, why: format!("not JSON: {e}") })
    }

    /// The user's recommended recordings (empty when none were generated yet).
    ///
    /// # Errors
    /// Any [`ClientError`]; `Rejected` with reason `not_found` for an unknown user.
    pub async fn recommendations(&self, user: &str, count: u32) -> Result<Vec<Recommendation>, ClientError> {
        let path = format!("/1/cf/recommendation/user/{user}/recording");
        let Some(v) = self.get(&path, &[("count", count.to_string()), ("offset", "0".into())]).await? else { return Ok(Vec::new()) };
        let mbids = v["payload"]["mbids"]
            .as_array()
            .ok_or_else(|| ClientError::Malformed { service: SERVICE, why: "no payload.mbids in the recommendations".into() })?;
        Ok(mbids
            .iter()
            .filter_map(|m| {
                Some(Recommendation {
                    recording_mbid: m["recording_mbid"].as_str()?.to_string(),
                    score: m["score"].as_f64().unwrap_or(0.0),
                })
            })
            .collect())
    }

    /// The playlists created for the user (their tracks come from [`Self::playlist`]).
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn created_for(&self, user: &str) -> Result<Vec<PlaylistInfo>, ClientError> {
        let path = format!("/1/user/{user}/playlists/createdfor");
        let Some(v) = self.get(&path, &[("count", "25".into()), ("offset", "0".into())]).await? else { return Ok(Vec::new()) };
        let lists = v["playlists"]
            .as_array()
            .ok_or_else(|| ClientError::Malformed { service: SERVICE, why: "no playlists in the created-for answer".into() })?;
        Ok(lists
            .iter()
            .filter_map(|p| {
                let p = &p["playlist"];
                let ext = &p["extension"]["https://musicbrainz.org/doc/jspf#playlist"];
                Some(PlaylistInfo {
                    mbid: last_segment(p["identifier"].as_str()?),
                    title: p["title"].as_str().unwrap_or("").to_string(),
                    source_patch: ext["additional_metadata"]["algorithm_metadata"]["source_patch"].as_str().unwrap_or("").to_string(),
                })
            })
            .collect())
    }

    /// A playlist's tracks.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn playlist(&self, mbid: &str) -> Result<Vec<PlaylistTrack>, ClientError> {
        let v = self.get(&format!("/1/playlist/{mbid}"), &[]).await?.unwrap_or(Value::Null);
        let tracks = v["playlist"]["track"]
            .as_array()
            .ok_or_else(|| ClientError::Malformed { service: SERVICE, why: "no playlist.track in the playlist".into() })?;
        Ok(tracks
            .iter()
            .filter_map(|t| {
                let meta = &t["extension"]["https://musicbrainz.org/doc/jspf#track"]["additional_metadata"];
                let cover = match (meta["caa_release_mbid"].as_str(), meta["caa_id"].as_u64()) {
                    (Some(r), Some(id)) => Some(format!("https://coverartarchive.org/release/{r}/{id}-250.jpg")),
                    _ => None,
                };
                Some(PlaylistTrack {
                    recording_mbid: last_segment(one_or_first(&t["identifier"])?),
                    title: t["title"].as_str().unwrap_or("").to_string(),
                    artist: t["creator"].as_str().unwrap_or("").to_string(),
                    cover_url: cover,
                })
            })
            .collect())
    }
}
