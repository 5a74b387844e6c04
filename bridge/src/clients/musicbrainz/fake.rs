//! A fake MusicBrainz (`/ws/2/` JSON) on 127.0.0.1: recording lookups with releases and
//! release groups (and `inc=tags+genres`), recording search by `recording:"…" AND
//! artist:"…"` with lengths, artist search and lookups with tags and genres, release-group
//! and release browses, in the shapes the real server sends. It **enforces** the rate limit
//! as MusicBrainz does (a request less
//! than `min_gap` after the previous one gets 503) and refuses requests without a
//! `Resonance/` User-Agent with 403, so a client bug fails loudly; it records every arrival
//! time for the spacing test. Faults and the admission check from [`fakekit`](crate::clients::fakekit).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use crate::clients::fakekit::{Fake, Faults, Shared, lock};

/// An album the fake knows: its release group, one release, its artist and tracks.
#[derive(Clone, Debug)]
pub struct FakeAlbum {
    pub rgid: String,
    pub release_id: String,
    pub title: String,
    pub artist_id: String,
    pub artist: String,
    pub date: String,
    /// Secondary types (`Compilation`, `Live`...).
    pub secondary: Vec<String>,
    /// (title, length in ms).
    pub tracks: Vec<(String, u64)>,
}

/// A recording with a length and tags, found by the recording search.
#[derive(Clone, Debug, Default)]
pub struct FakeRecording {
    pub id: String,
    pub title: String,
    pub artist: String,
    pub artist_id: String,
    pub length_ms: Option<u64>,
    /// (tag, votes); genres are sent both as tags and as genres, as MusicBrainz does.
    pub tags: Vec<(String, u32)>,
    pub genres: Vec<(String, u32)>,
}

/// An entity's (tags, genres), each a name and its vote count.
type TagsAndGenres = (Vec<(String, u32)>, Vec<(String, u32)>);

#[derive(Debug, Default)]
struct Db {
    searchable: Vec<FakeRecording>,
    /// artist id → (tags, genres).
    artist_tags: HashMap<String, TagsAndGenres>,
    albums: Vec<FakeAlbum>,
    /// recording id → (title, album rgids it is on); an empty list: on no release group.
    recordings: HashMap<String, (String, String, Vec<String>)>,
    last: Option<Instant>,
    arrivals: Vec<Instant>,
    too_fast: usize,
    min_gap: Duration,
}

/// A running fake MusicBrainz.
#[derive(Debug)]
pub struct FakeMusicBrainz {
    fake: Fake<Db>,
}

impl FakeMusicBrainz {
    /// An empty fake that answers 503 to requests closer than `min_gap`.
    pub async fn start(min_gap: Duration) -> Self {
        let routes = Router::new()
            .route("/ws/2/recording/{id}", get(recording))
            .route("/ws/2/recording", get(recording_search))
            .route("/ws/2/artist", get(artist_search))
            .route("/ws/2/artist/{id}", get(artist_lookup))
            .route("/ws/2/release-group", get(release_groups))
            .route("/ws/2/release", get(releases));
        Self { fake: Fake::spawn(Db { min_gap, ..Db::default() }, routes, admit).await }
    }

    pub fn url(&self) -> String {
        self.fake.url()
    }

    pub fn faults(&self) -> &Arc<Faults> {
        self.fake.faults()
    }

    pub fn add_album(&self, a: FakeAlbum) {
        self.fake.db().albums.push(a);
    }

    /// A recording on the albums `rgids` (none: on no release group).
    pub fn add_recording(&self, id: &str, title: &str, artist: &str, rgids: &[&str]) {
        self.fake.db().recordings.insert(id.into(), (title.into(), artist.into(), rgids.iter().map(|s| (*s).to_string()).collect()));
    }

    /// A recording the recording search finds (and looks up with its tags and genres).
    pub fn add_searchable(&self, r: FakeRecording) {
        self.fake.db().searchable.push(r);
    }

    /// An artist's tags and genres (votes).
    pub fn set_artist_tags(&self, artist_id: &str, tags: &[(&str, u32)], genres: &[(&str, u32)]) {
        let own = |l: &[(&str, u32)]| l.iter().map(|(n, c)| ((*n).to_string(), *c)).collect::<Vec<_>>();
        self.fake.db().artist_tags.insert(artist_id.into(), (own(tags), own(genres)));
    }

    /// Arrival times of the requests that passed the User-Agent check.
    pub fn arrivals(&self) -> Vec<Instant> {
        self.fake.db().arrivals.clone()
    }

    /// Requests refused with 503 for arriving too soon after the previous one.
    pub fn too_fast(&self) -> usize {
        self.fake.db().too_fast
    }
}

/// The User-Agent and rate checks before every request.
fn admit(d: &mut Db, headers: &HeaderMap) -> Option<Response> {
    let ua = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !ua.starts_with("Resonance/") || !ua.contains('(') {
        return Some((StatusCode::FORBIDDEN, "missing or anonymous User-Agent").into_response());
    }
    let now = Instant::now();
    d.arrivals.push(now);
    let fast = d.last.is_some_and(|l| now.duration_since(l) < d.min_gap);
    d.last = Some(now);
    if fast {
        d.too_fast += 1;
        let body = json!({"error": "Your requests are exceeding the allowable rate limit. Please see http://wiki.musicbrainz.org/XMLWebService for more information."});
        return Some((StatusCode::SERVICE_UNAVAILABLE, axum::Json(body)).into_response());
    }
    None
}

fn rg_json(a: &FakeAlbum) -> Value {
    json!({"id": a.rgid, "title": a.title, "primary-type": "Album", "primary-type-id": "f529b476-6e62-324f-b0aa-1f3e33d313fc",
        "secondary-types": a.secondary, "first-release-date": a.date, "disambiguation": ""})
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        axum::Json(json!({"error": "Not Found", "help": "For usage, please see: https://musicbrainz.org/development/mmd"})),
    )
        .into_response()
}

fn tag_list(tags: &[(String, u32)]) -> Vec<Value> {
    tags.iter().map(|(n, c)| json!({"count": c, "name": n})).collect()
}

fn genre_list(genres: &[(String, u32)]) -> Vec<Value> {
    genres.iter().map(|(n, c)| json!({"count": c, "name": n, "disambiguation": "", "id": format!("g-{}", n.replace(' ', "-"))})).collect()
}

fn recording_json(r: &FakeRecording) -> Value {
    json!({"id": r.id, "title": r.title, "length": r.length_ms, "video": false, "disambiguation": "",
        "artist-credit": [{"name": r.artist, "joinphrase": "", "artist": {"id": r.artist_id, "name": r.artist, "sort-name": r.artist}}]})
}

async fn recording(State(db): State<Shared<Db>>, Path(id): Path<String>) -> Response {
    let d = lock(&db);
    if let Some(r) = d.searchable.iter().find(|r| r.id == id) {
        let mut v = recording_json(r);
        // genres are also tags on MusicBrainz
        let mut tags = r.tags.clone();
        tags.extend(r.genres.iter().cloned());
        v["tags"] = Value::Array(tag_list(&tags));
        v["genres"] = Value::Array(genre_list(&r.genres));
        return axum::Json(v).into_response();
    }
    let Some((title, artist, rgids)) = d.recordings.get(&id) else { return not_found() };
    let releases: Vec<Value> = d
        .albums
        .iter()
        .filter(|a| rgids.contains(&a.rgid))
        .map(|a| json!({"id": a.release_id, "title": a.title, "status": "Official", "date": a.date, "country": "XW", "release-group": rg_json(a)}))
        .collect();
    axum::Json(json!({"id": id, "title": title, "length": 215_000, "video": false,
        "artist-credit": [{"name": artist, "joinphrase": "", "artist": {"id": "a-1", "name": artist, "sort-name": artist}}],
        "releases": releases}))
    .into_response()
}

/// The value of `field:"…"` in a Lucene query, lower-cased.
fn field(query: &str, name: &str) -> Option<String> {
    let start = query.find(&format!("{name}:\""))? + name.len() + 2;
    let end = query[start..].find('"')? + start;
    Some(query[start..end].trim().to_lowercase())
}

async fn recording_search(State(db): State<Shared<Db>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let query = q.get("query").cloned().unwrap_or_default();
    let (Some(title), Some(artist)) = (field(&query, "recording"), field(&query, "artist")) else {
        return (StatusCode::BAD_REQUEST, axum::Json(json!({"error": "Invalid search query"}))).into_response();
    };
    let d = lock(&db);
    let hits: Vec<Value> = d
        .searchable
        .iter()
        .filter(|r| r.title.to_lowercase().contains(&title) && r.artist.to_lowercase().contains(&artist))
        .map(|r| {
            let mut v = recording_json(r);
            v["score"] = json!(if r.title.to_lowercase() == title { 100 } else { 80 });
            v
        })
        .collect();
    axum::Json(json!({"created": "2026-12-07T00:00:00.000Z", "count": hits.len(), "offset": 0, "recordings": hits})).into_response()
}

async fn artist_lookup(State(db): State<Shared<Db>>, Path(id): Path<String>) -> Response {
    let d = lock(&db);
    let Some((tags, genres)) = d.artist_tags.get(&id) else { return not_found() };
    let mut all = tags.clone();
    all.extend(genres.iter().cloned());
    axum::Json(json!({"id": id, "name": "", "type": "Group", "tags": tag_list(&all), "genres": genre_list(genres)})).into_response()
}

async fn artist_search(State(db): State<Shared<Db>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let query = q.get("query").cloned().unwrap_or_default();
    let name = query.trim_start_matches("artist:").trim_matches('"').to_lowercase();
    let d = lock(&db);
    let mut seen = Vec::new();
    for a in &d.albums {
        if a.artist.to_lowercase() == name && !seen.iter().any(|v: &Value| v["id"] == a.artist_id) {
            seen.push(json!({"id": a.artist_id, "type": "Group", "score": 100, "name": a.artist, "sort-name": a.artist, "country": "GB"}));
        }
    }
    axum::Json(json!({"created": "2026-12-07T00:00:00.000Z", "count": seen.len(), "offset": 0, "artists": seen})).into_response()
}

async fn release_groups(State(db): State<Shared<Db>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let artist = q.get("artist").cloned().unwrap_or_default();
    let d = lock(&db);
    let groups: Vec<Value> = d.albums.iter().filter(|a| a.artist_id == artist).map(rg_json).collect();
    axum::Json(json!({"release-group-count": groups.len(), "release-group-offset": 0, "release-groups": groups})).into_response()
}

async fn releases(State(db): State<Shared<Db>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let rg = q.get("release-group").cloned().unwrap_or_default();
    let d = lock(&db);
    let rel: Vec<Value> = d
        .albums
        .iter()
        .filter(|a| a.rgid == rg)
        .map(|a| {
            let tracks: Vec<Value> = a
                .tracks
                .iter()
                .enumerate()
                .map(|(i, (t, l))| json!({"id": format!("t-{i}"), "number": (i + 1).to_string(), "position": i + 1, "title": t, "length": l}))
                .collect();
            json!({"id": a.release_id, "title": a.title, "status": "Official", "date": a.date,
                "media": [{"position": 1, "format": "CD", "track-count": tracks.len(), "track-offset": 0, "tracks": tracks}]})
        })
        .collect();
    axum::Json(json!({"release-count": rel.len(), "release-offset": 0, "releases": rel})).into_response()
}
