//! A fake Subsonic/OpenSubsonic server on 127.0.0.1 for tests: the REST API's envelope, token
//! and API-key auth (checked: a wrong token is code 40), the calls the client makes, and
//! `stream` serving real audio bytes with `Range` (206). Failure knobs come from
//! [`fakekit`](crate::clients::fakekit) (429, 503, stalls, malformed bodies) plus
//! [`FakeSubsonic::cut_stream_at`] (the body ends early: a track that fails mid-stream).

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use crate::clients::fakekit::{FakeServer, Faults};
use crate::clients::subsonic::token;

/// A song the fake serves.
#[derive(Clone, Debug)]
pub struct FakeSong {
    pub id: String,
    pub title: String,
    pub artist: String,
    pub album: String,
    pub duration_s: u32,
    /// The file's bytes and its content type (`audio/wav`, `audio/flac`...).
    pub bytes: Arc<Vec<u8>>,
    pub content_type: String,
}

#[derive(Debug)]
struct Lib {
    user: String,
    password: String,
    api_key: Option<String>,
    songs: Vec<FakeSong>,
    starred: Mutex<HashSet<String>>,
    scrobbles: Mutex<Vec<(String, bool)>>,
    cut_at: AtomicU64,
}

/// A running fake Subsonic server.
#[derive(Debug)]
pub struct FakeSubsonic {
    pub server: FakeServer,
    lib: Arc<Lib>,
}

impl FakeSubsonic {
    /// Serves `songs` for `user`/`password` (and `api_key` when given: OpenSubsonic).
    pub async fn start(user: &str, password: &str, api_key: Option<&str>, songs: Vec<FakeSong>) -> Self {
        let lib = Arc::new(Lib {
            user: user.into(),
            password: password.into(),
            api_key: api_key.map(Into::into),
            songs,
            starred: Mutex::default(),
            scrobbles: Mutex::default(),
            cut_at: AtomicU64::new(u64::MAX),
        });
        let app = Router::new().route("/rest/{method}", get(rest)).with_state(lib.clone());
        Self { server: FakeServer::spawn(app).await, lib }
    }

    pub fn url(&self) -> String {
        self.server.url()
    }

    pub fn faults(&self) -> &Arc<Faults> {
        &self.server.faults
    }

    /// `stream` bodies end after this many bytes (the connection closes mid-track).
    pub fn cut_stream_at(&self, bytes: Option<u64>) {
        self.lib.cut_at.store(bytes.unwrap_or(u64::MAX), Relaxed);
    }

    /// Song ids starred so far.
    pub fn starred(&self) -> HashSet<String> {
        self.lib.starred.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// `(id, submission)` of every scrobble received.
    pub fn scrobbles(&self) -> Vec<(String, bool)> {
        self.lib.scrobbles.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }
}

fn ok(payload: Value) -> Response {
    let mut r = json!({"status": "ok", "version": "1.16.1", "type": "resonance-fake", "serverVersion": "0.1", "openSubsonic": true});
    if let (Value::Object(m), Value::Object(p)) = (&mut r, payload) {
        m.extend(p);
    }
    ([(header::CONTENT_TYPE, "application/json")], json!({"subsonic-response": r}).to_string()).into_response()
}

fn failed(code: u32, message: &str) -> Response {
    let r = json!({"subsonic-response": {"status": "failed", "version": "1.16.1", "error": {"code": code, "message": message}}});
    ([(header::CONTENT_TYPE, "application/json")], r.to_string()).into_response()
}

fn child(s: &FakeSong, starred: bool) -> Value {
    let suffix = s.content_type.rsplit('/').next().unwrap_or("wav");
    let mut v = json!({"id": s.id, "parent": format!("al-{}", s.album), "isDir": false, "title": s.title, "album": s.album,
        "artist": s.artist, "duration": s.duration_s, "size": s.bytes.len(), "contentType": s.content_type, "suffix": suffix,
        "type": "music", "albumId": format!("al-{}", s.album)});
    if starred {
        v["starred"] = json!("2026-12-07T00:00:00Z");
    }
    v
}

/// The auth check: API key, or `u` + `t` = md5(password + `s`); `None` when it passes.
fn auth_error(lib: &Lib, q: &HashMap<String, String>) -> Option<Response> {
    if let Some(k) = q.get("apiKey") {
        if q.contains_key("u") {
            return Some(failed(43, "Multiple conflicting authentication mechanisms provided"));
        }
        return match &lib.api_key {
            Some(mine) if mine == k => None,
            Some(_) => Some(failed(44, "Invalid API key")),
            None => Some(failed(42, "Provided authentication mechanism not supported")),
        };
    }
    let (Some(u), Some(t), Some(s)) = (q.get("u"), q.get("t"), q.get("s")) else {
        return Some(failed(10, "Required parameter is missing: u, t, s"));
    };
    if *u != lib.user || *t != token(&lib.password, s) {
        return Some(failed(40, "Wrong username or password"));
    }
    None
}

async fn rest(
    State(lib): State<Arc<Lib>>,
    Path(method): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if let Some(r) = auth_error(&lib, &q) {
        return r;
    }
    let method = method.trim_end_matches(".view");
    let starred = lib.starred.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
    let song = |id: &str| lib.songs.iter().find(|s| s.id == id);
    let all = |f: &dyn Fn(&FakeSong) -> bool| -> Vec<Value> {
        lib.songs.iter().filter(|s| f(s)).map(|s| child(s, starred.contains(&s.id))).collect()
    };
    let num = |k: &str, d: usize| q.get(k).and_then(|v| v.parse().ok()).unwrap_or(d);
    match method {
        "ping" => ok(json!({})),
        "getOpenSubsonicExtensions" => ok(json!({"openSubsonicExtensions": [{"name": "apiKeyAuthentication", "versions": [1]}]})),
        "search3" => {
            let needle = q.get("query").map(|s| s.trim_matches('"').to_lowercase()).unwrap_or_default();
            let hits = all(&|s| needle.is_empty() || format!("{} {} {}", s.title, s.artist, s.album).to_lowercase().contains(&needle));
            let page: Vec<Value> = hits.into_iter().skip(num("songOffset", 0)).take(num("songCount", 20)).collect();
            ok(json!({"searchResult3": {"song": page}}))
        }
        "getAlbumList2" => {
            let mut albums: Vec<&str> = lib.songs.iter().map(|s| s.album.as_str()).collect();
            albums.sort_unstable();
            albums.dedup();
            let page: Vec<Value> = albums
                .iter()
                .skip(num("offset", 0))
                .take(num("size", 10))
                .map(|a| json!({"id": format!("al-{a}"), "name": a, "songCount": lib.songs.iter().filter(|s| s.album == *a).count()}))
                .collect();
            ok(json!({"albumList2": {"album": page}}))
        }
        "getArtists" => {
            let mut names: Vec<&str> = lib.songs.iter().map(|s| s.artist.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            let artists: Vec<Value> = names.iter().map(|a| json!({"id": format!("ar-{a}"), "name": a, "albumCount": 1})).collect();
            ok(json!({"artists": {"ignoredArticles": "The El La Los Las Le Les", "index": [{"name": "#", "artist": artists}]}}))
        }
        "getAlbum" => {
            let id = q.get("id").cloned().unwrap_or_default();
            let songs = all(&|s| format!("al-{}", s.album) == id);
            if songs.is_empty() { failed(70, "Album not found") } else { ok(json!({"album": {"id": id, "song": songs}})) }
        }
        "getSong" => match q.get("id").and_then(|id| song(id)) {
            Some(s) => ok(json!({"song": child(s, starred.contains(&s.id))})),
            None => failed(70, "Song not found"),
        },
        "getStarred2" => ok(json!({"starred2": {"song": all(&|s| starred.contains(&s.id))}})),
        "getPlaylists" => ok(json!({"playlists": {"playlist": [{"id": "pl-all", "name": "Everything", "songCount": lib.songs.len()}]}})),
        "getPlaylist" => {
            if q.get("id").map(String::as_str) == Some("pl-all") {
                ok(json!({"playlist": {"id": "pl-all", "name": "Everything", "entry": all(&|_| true)}}))
            } else {
                failed(70, "Playlist not found")
            }
        }
        "star" => match q.get("id").and_then(|id| song(id)) {
            Some(s) => {
                lib.starred.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(s.id.clone());
                ok(json!({}))
            }
            None => failed(70, "Song not found"),
        },
        "scrobble" => {
            let id = q.get("id").cloned().unwrap_or_default();
            let sub = q.get("submission").is_none_or(|v| v == "true");
            lib.scrobbles.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((id, sub));
            ok(json!({}))
        }
        "stream" => match q.get("id").and_then(|id| song(id)) {
            Some(s) => stream(s, &headers, lib.cut_at.load(Relaxed)),
            None => failed(70, "Song not found"),
        },
        _ => failed(0, &format!("Unknown method {method}")),
    }
}

/// The song's bytes from the `Range` start (206) or whole (200), cut at `cut_at` bytes.
fn stream(s: &FakeSong, headers: &HeaderMap, cut_at: u64) -> Response {
    let len = s.bytes.len() as u64;
    let from = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("bytes="))
        .and_then(|v| v.split('-').next())
        .and_then(|v| v.parse::<u64>().ok());
    if from.is_some_and(|f| f >= len) {
        return (StatusCode::RANGE_NOT_SATISFIABLE, [(header::CONTENT_RANGE, format!("bytes */{len}"))]).into_response();
    }
    let start = from.unwrap_or(0);
    let end = len.min(cut_at.max(start));
    let body = s.bytes[start as usize..end as usize].to_vec();
    let mut b = Response::builder()
        .header(header::CONTENT_TYPE, &s.content_type)
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::CONTENT_LENGTH, len - start);
    if from.is_some() {
        b = b.status(StatusCode::PARTIAL_CONTENT).header(header::CONTENT_RANGE, format!("bytes {start}-{}/{len}", len - 1));
    }
    // Content-Length promises the full rest: a cut body is a connection closed mid-track.
    let stream = futures_util::stream::iter([Ok::<_, std::io::Error>(axum::body::Bytes::from(body))]);
    b.body(Body::from_stream(stream)).unwrap_or_default()
}
