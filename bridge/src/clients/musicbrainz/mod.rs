//! MusicBrainz web service v2 client (`/ws/2/`, JSON): recording → release groups (the album
//! a recommended track is on, its year), artist search, an artist's albums, a release
//! group's track list, recording search (artist and title, with lengths) and the tags and
//! genres of a recording or an artist; plus the Cover Art Archive URLs of a release group or
//! release.
//!
//! Good citizenship (<https://musicbrainz.org/doc/MusicBrainz_API/Rate_Limiting>): at most
//! one request per second per client — a [`RateGate`] that every call of the process passes
//! (the gate schedules by slot, so it adds no latency on top of the interval), a User-Agent
//! naming Resonance and a contact (`Resonance/<version> ( <contact> )`; MusicBrainz answers
//! 403 without one), and 503 (what MusicBrainz answers when over the limit) backed off and
//! retried. Every call has a timeout.

pub mod fake;

use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;
use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::clients::http::{self, ClientError, RetryPolicy};

const SERVICE: &str = "MusicBrainz";
/// The public server.
pub const DEFAULT_URL: &str = "https://musicbrainz.org";
/// The public Cover Art Archive.
pub const COVER_ART_URL: &str = "https://coverartarchive.org";
/// The minimum interval between two requests (MusicBrainz allows 1/s per IP).
pub const MIN_INTERVAL: Duration = Duration::from_secs(1);

/// Spaces requests at least `interval` apart (by slot: a call waits only for its own slot).
#[derive(Debug)]
pub struct RateGate {
    interval: Duration,
    next: Mutex<Option<Instant>>,
}

impl RateGate {
    pub fn new(interval: Duration) -> Self {
        Self { interval, next: Mutex::new(None) }
    }

    /// Waits for this call's slot.
    pub async fn acquire(&self) {
        let at = {
            let mut next = self.next.lock().await;
            let now = Instant::now();
            let at = next.map_or(now, |n| n.max(now));
            *next = Some(at + self.interval);
            at
        };
        tokio::time::sleep_until(at).await;
    }
}

/// A release group (an album, EP, single...).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct ReleaseGroup {
    pub id: String,
    pub title: String,
    #[serde(rename = "primary-type")]
    pub primary_type: Option<String>,
    #[serde(rename = "secondary-types")]
    pub secondary_types: Vec<String>,
    #[serde(rename = "first-release-date")]
    pub first_release_date: Option<String>,
}

impl ReleaseGroup {
    /// The year of the first release, when known.
    pub fn year(&self) -> Option<i32> {
        self.first_release_date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
    }
}

/// A release of a recording, with its group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Release {
    pub id: String,
    pub title: String,
    pub status: Option<String>,
    pub date: Option<String>,
    #[serde(rename = "release-group")]
    pub release_group: Option<ReleaseGroup>,
}

/// A recording with its artist and releases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recording {
    pub id: String,
    pub title: String,
    /// The credited artist as printed (names and join phrases).
    pub artist: String,
    pub releases: Vec<Release>,
}

/// An artist search hit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ArtistHit {
    pub id: String,
    pub name: String,
    pub score: u32,
}

/// A recording search hit: what identifies it (title, credited artist, length).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordingHit {
    pub id: String,
    pub title: String,
    /// The credited artist as printed (names and join phrases).
    pub artist: String,
    /// The first credited artist's MBID.
    pub artist_id: Option<String>,
    /// Milliseconds, when known.
    pub length_ms: Option<u64>,
    /// The search's relevance, 0..=100.
    pub score: u32,
}

/// A folksonomy tag or a genre of an entity, with its votes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub count: u32,
}

/// A Lucene phrase for a search field (quotes and backslashes would end it early).
fn phrase(s: &str) -> String {
    format!("\"{}\"", s.replace(['"', '\\'], " ").trim())
}

/// The credited artist of an entity as printed.
fn credit(v: &Value) -> String {
    v["artist-credit"]
        .as_array()
        .map(|a| {
            a.iter().fold(String::new(), |mut s, c| {
                s.push_str(c["name"].as_str().unwrap_or(""));
                s.push_str(c["joinphrase"].as_str().unwrap_or(""));
                s
            })
        })
        .unwrap_or_default()
}

/// A track of a release: title and length.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Track {
    pub title: String,
    /// Milliseconds, when known.
    pub length_ms: Option<u64>,
}

/// The album (release group) a recording is best known by: Album before EP before the rest,
/// no secondary types (compilations, live, soundtracks), official releases first, the
/// earliest first release. `None` when the recording is on no release group.
pub fn best_release_group(rec: &Recording) -> Option<(ReleaseGroup, String)> {
    let rank = |r: &Release| {
        let g = r.release_group.as_ref();
        let primary = match g.and_then(|g| g.primary_type.as_deref()) {
            Some("Album") => 0,
            Some("EP") => 1,
            Some(_) => 2,
            None => 3,
        };
        let secondary = g.is_some_and(|g| !g.secondary_types.is_empty());
        let official = r.status.as_deref() == Some("Official");
        let date = g.and_then(|g| g.first_release_date.clone()).filter(|d| !d.is_empty()).unwrap_or_else(|| "9999".into());
        (secondary, primary, !official, date)
    };
    rec.releases
        .iter()
        .filter(|r| r.release_group.is_some())
        .min_by_key(|r| rank(r))
        .and_then(|r| r.release_group.clone().map(|g| (g, r.id.clone())))
}

/// `https://coverartarchive.org/release-group/{rgid}/front-250` (a redirect to the image, or 404).
pub fn cover_url(base: &str, rgid: &str) -> String {
    format!("{}/release-group/{rgid}/front-250", base.trim_end_matches('/'))
}

/// A MusicBrainz client; clone it to share its gate (one per process).
#[derive(Clone, Debug)]
pub struct MusicBrainzClient {
    base: String,
    http: reqwest::Client,
    user_agent: String,
    gate: Arc<RateGate>,
    timeout: Duration,
    pub policy: RetryPolicy,
}

impl MusicBrainzClient {
    /// A client of the server at `base` (e.g. [`DEFAULT_URL`]); `contact` (an e-mail or a
    /// URL) goes in the User-Agent as MusicBrainz asks.
    pub fn new(base: &str, contact: &str, timeout: Duration) -> Self {
        let contact = if contact.trim().is_empty() { "https://github.com/resonance-audio/resonance" } else { contact.trim() };
        Self {
            base: base.trim_end_matches('/').to_string(),
            http: http::client(timeout),
            user_agent: format!("Resonance/{} ( {contact} )", env!("CARGO_PKG_VERSION")),
            gate: Arc::new(RateGate::new(MIN_INTERVAL)),
            timeout,
            policy: RetryPolicy { attempts: 4, base: Duration::from_secs(1), max_wait: Duration::from_secs(30) },
        }
    }

    /// The User-Agent sent.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// Same client with a different gate interval (tests of the gate itself).
    #[must_use]
    pub fn with_interval(mut self, interval: Duration) -> Self {
        self.gate = Arc::new(RateGate::new(interval));
        self
    }

    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, ClientError> {
        http::with_retry(&self.policy, |_| {}, || self.get_once(path, query)).await
    }

    async fn get_once(&self, path: &str, query: &[(&str, String)]) -> Result<Value, ClientError> {
        self.gate.acquire().await;
        let mut q: Vec<(&str, String)> = query.to_vec();
        q.push(("fmt", "json".into()));
        let resp = self
            .http
            .get(format!("{}/ws/2/{path}", self.base))
            .header(reqwest::header::USER_AGENT, &self.user_agent)
            .query(&q)
            .send()
            .await
            .map_err(|e| ClientError::from_reqwest(SERVICE, self.timeout, &e))?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp.bytes().await.map_err(|e| ClientError::from_reqwest(SERVICE, self.timeout, &e))?;
        if !status.is_success() {
            let message =
                serde_json::from_slice::<Value>(&body).ok().and_then(|v| v["error"].as_str().map(String::from)).unwrap_or_default();
            return Err(match status.as_u16() {
                404 => ClientError::Rejected { service: SERVICE, status: 404, reason: "not_found".into(), message },
                403 => ClientError::Auth {
                    service: SERVICE,
                    why: "403 Forbidden".into(),
                    what_to_do: "MusicBrainz blocked the User-Agent; set a contact e-mail in the discovery settings".into(),
                },
                _ => http::status_error(SERVICE, status, &headers, message),
            });
        }
        serde_json::from_slice(&body).map_err(|e| ClientError::Malformed { service: SERVICE, why: format!("not JSON: {e}") })
    }

    /// A recording with its releases and their release groups.
    ///
    /// # Errors
    /// Any [`ClientError`]; `Rejected` with reason `not_found` for an unknown id.
    pub async fn recording(&self, mbid: &str) -> Result<Recording, ClientError> {
        let v = self.get(&format!("recording/{mbid}"), &[("inc", "releases+release-groups+artist-credits".into())]).await?;
        let malformed = |why: &str| ClientError::Malformed { service: SERVICE, why: why.into() };
        let id = v["id"].as_str().ok_or_else(|| malformed("recording without an id"))?.to_string();
        let artist = credit(&v);
        let releases = match &v["releases"] {
            Value::Null => Vec::new(),
            r => Vec::<Release>::deserialize(r).map_err(|e| malformed(&format!("releases: {e}")))?,
        };
        Ok(Recording { id, title: v["title"].as_str().unwrap_or("").to_string(), artist, releases })
    }

    /// Recordings titled `title` by `artist` (search, best first, at most 10).
    ///
    /// # Errors
    /// Any [`ClientError`]; `Malformed` for an answer without `recordings`.
    pub async fn search_recordings(&self, artist: &str, title: &str) -> Result<Vec<RecordingHit>, ClientError> {
        let q = format!("recording:{} AND artist:{}", phrase(title), phrase(artist));
        let v = self.get("recording", &[("query", q), ("limit", "10".into())]).await?;
        let list = v["recordings"]
            .as_array()
            .ok_or_else(|| ClientError::Malformed { service: SERVICE, why: "no recordings in the search answer".into() })?;
        Ok(list
            .iter()
            .filter_map(|r| {
                Some(RecordingHit {
                    id: r["id"].as_str()?.to_string(),
                    title: r["title"].as_str().unwrap_or("").to_string(),
                    artist: credit(r),
                    artist_id: r["artist-credit"][0]["artist"]["id"].as_str().map(String::from),
                    length_ms: r["length"].as_u64(),
                    score: r["score"].as_u64().map_or(0, |s| s.min(100) as u32),
                })
            })
            .collect())
    }

    /// The tags and genres of a `recording` or an `artist` (`inc=tags+genres`), merged by
    /// name (a genre is also a tag; the larger vote count kept), most votes first.
    ///
    /// # Errors
    /// Any [`ClientError`]; `Rejected` with reason `not_found` for an unknown id.
    pub async fn tags(&self, entity: &str, mbid: &str) -> Result<Vec<Tag>, ClientError> {
        let v = self.get(&format!("{entity}/{mbid}"), &[("inc", "tags+genres".into())]).await?;
        if v["id"].as_str().is_none() {
            return Err(ClientError::Malformed { service: SERVICE, why: format!("{entity} without an id") });
        }
        let mut out: Vec<Tag> = Vec::new();
        for t in v["tags"].as_array().into_iter().chain(v["genres"].as_array()).flatten() {
            let Some(name) = t["name"].as_str().map(str::trim).filter(|n| !n.is_empty()) else { continue };
            let count = t["count"].as_u64().unwrap_or(0).min(u64::from(u32::MAX)) as u32;
            match out.iter_mut().find(|o| o.name.eq_ignore_ascii_case(name)) {
                Some(o) => o.count = o.count.max(count),
                None => out.push(Tag { name: name.to_string(), count }),
            }
        }
        out.sort_by_key(|t| std::cmp::Reverse(t.count));
        Ok(out)
    }

    /// Artists named `name` (search, best first).
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn search_artist(&self, name: &str) -> Result<Vec<ArtistHit>, ClientError> {
        let q = format!("artist:\"{}\"", name.replace('"', " "));
        let v = self.get("artist", &[("query", q), ("limit", "5".into())]).await?;
        Vec::<ArtistHit>::deserialize(&v["artists"]).map_err(|e| ClientError::Malformed { service: SERVICE, why: format!("artists: {e}") })
    }

    /// The artist's albums (release groups of type album).
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn albums(&self, artist_mbid: &str) -> Result<Vec<ReleaseGroup>, ClientError> {
        let v =
            self.get("release-group", &[("artist", artist_mbid.to_string()), ("type", "album".into()), ("limit", "100".into())]).await?;
        Vec::<ReleaseGroup>::deserialize(&v["release-groups"])
            .map_err(|e| ClientError::Malformed { service: SERVICE, why: format!("release-groups: {e}") })
    }

    /// The track list of the release group's first official release (for matching copies).
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn tracks(&self, rgid: &str) -> Result<Vec<Track>, ClientError> {
        let v = self.get("release", &[("release-group", rgid.to_string()), ("inc", "recordings".into()), ("limit", "10".into())]).await?;
        let releases = v["releases"].as_array().cloned().unwrap_or_default();
        let pick = releases.iter().find(|r| r["status"].as_str() == Some("Official")).or_else(|| releases.first());
        let Some(r) = pick else { return Ok(Vec::new()) };
        let mut out = Vec::new();
        for m in r["media"].as_array().into_iter().flatten() {
            for t in m["tracks"].as_array().into_iter().flatten() {
                out.push(Track { title: t["title"].as_str().unwrap_or("").to_string(), length_ms: t["length"].as_u64() });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(id: &str, status: &str, primary: &str, secondary: &[&str], date: &str) -> Release {
        Release {
            id: id.into(),
            status: Some(status.into()),
            release_group: Some(ReleaseGroup {
                id: format!("rg-{id}"),
                primary_type: Some(primary.into()),
                secondary_types: secondary.iter().map(|s| (*s).to_string()).collect(),
                first_release_date: Some(date.into()),
                ..ReleaseGroup::default()
            }),
            ..Release::default()
        }
    }

    #[test]
    fn the_album_wins_over_compilations_singles_and_later_albums() {
        let rec = Recording {
            releases: vec![
                rel("comp", "Official", "Album", &["Compilation"], "1990-01-01"),
                rel("single", "Official", "Single", &[], "1996-01-01"),
                rel("late", "Official", "Album", &[], "2001-01-01"),
                rel("album", "Official", "Album", &[], "1997-05-01"),
            ],
            ..Recording::default()
        };
        let (g, release) = best_release_group(&rec).unwrap();
        assert_eq!((g.id.as_str(), release.as_str(), g.year()), ("rg-album", "album", Some(1997)));
        assert_eq!(best_release_group(&Recording::default()), None);
    }

    #[tokio::test]
    async fn the_gate_spaces_calls_by_slot() {
        let gate = RateGate::new(Duration::from_millis(50));
        let t0 = Instant::now();
        for _ in 0..5 {
            gate.acquire().await;
        }
        assert!(t0.elapsed() >= Duration::from_millis(200), "five calls take at least four intervals");
    }
}
