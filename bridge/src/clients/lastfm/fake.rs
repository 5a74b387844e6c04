//! A fake Last.fm (`/2.0/?method=artist.getsimilar|track.gettoptags|artist.gettoptags`) on
//! 127.0.0.1: similar artists with `match` as a string and `mbid` sometimes empty (as Last.fm
//! sends them), top tags with their counts and URLs, error 6 for an unknown artist or track,
//! error 10 for a wrong key, and error 29 (with `Retry-After`) on demand. Faults from
//! [`fakekit`](crate::clients::fakekit).

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use crate::clients::fakekit::{FakeServer, Faults};

/// lower-case artist → (name, mbid or "", match).
type Similar = HashMap<String, Vec<(String, String, f64)>>;

#[derive(Debug, Default)]
struct Db {
    key: String,
    similar: Mutex<Similar>,
    /// lower-case `artist|title` (or `artist` for the artist's) → (tag, count).
    tags: Mutex<HashMap<String, Vec<(String, u32)>>>,
    /// The next n calls answer error 29.
    rate_limited: AtomicUsize,
}

/// A running fake Last.fm.
#[derive(Debug)]
pub struct FakeLastfm {
    pub server: FakeServer,
    db: Arc<Db>,
}

impl FakeLastfm {
    /// A fake accepting API key `key`.
    pub async fn start(key: &str) -> Self {
        let db = Arc::new(Db { key: key.into(), ..Db::default() });
        let app = Router::new().route("/2.0/", get(api)).with_state(db.clone());
        Self { server: FakeServer::spawn(app).await, db }
    }

    pub fn url(&self) -> String {
        self.server.url()
    }

    pub fn faults(&self) -> &Arc<Faults> {
        &self.server.faults
    }

    /// The artists similar to `artist`: (name, mbid or "", match).
    pub fn set_similar(&self, artist: &str, similar: &[(&str, &str, f64)]) {
        let list = similar.iter().map(|(n, m, s)| ((*n).to_string(), (*m).to_string(), *s)).collect();
        self.db.similar.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(artist.to_lowercase(), list);
    }

    /// The top tags of a track (`title: Some`) or of an artist: (tag, count 0..=100).
    pub fn set_tags(&self, artist: &str, title: Option<&str>, tags: &[(&str, u32)]) {
        let key = title.map_or_else(|| artist.to_lowercase(), |t| format!("{}|{}", artist.to_lowercase(), t.to_lowercase()));
        let list = tags.iter().map(|(n, c)| ((*n).to_string(), *c)).collect();
        self.db.tags.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(key, list);
    }

    /// The next `n` calls answer error 29 (rate limit exceeded) with `Retry-After: 1`.
    pub fn rate_limit_next(&self, n: usize) {
        self.db.rate_limited.store(n, Relaxed);
    }
}

fn error(status: StatusCode, code: u32, message: &str) -> Response {
    (status, axum::Json(json!({"error": code, "message": message, "links": []}))).into_response()
}

async fn api(State(db): State<Arc<Db>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let method = q.get("method").map(|m| m.to_lowercase()).unwrap_or_default();
    if !["artist.getsimilar", "track.gettoptags", "artist.gettoptags"].contains(&method.as_str()) {
        return error(StatusCode::BAD_REQUEST, 3, "Invalid Method - No method with that name in this package");
    }
    if q.get("api_key") != Some(&db.key) {
        return error(StatusCode::FORBIDDEN, 10, "Invalid API key - You must be granted a valid key by last.fm");
    }
    if db.rate_limited.load(Relaxed) > 0 {
        db.rate_limited.fetch_sub(1, Relaxed);
        let mut r = error(StatusCode::OK, 29, "Rate Limit Exceded");
        r.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(1));
        return r;
    }
    let artist = q.get("artist").cloned().unwrap_or_default();
    if method != "artist.getsimilar" {
        return top_tags(&db, &artist, q.get("track").filter(|_| method == "track.gettoptags"));
    }
    let map = db.similar.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let Some(list) = map.get(&artist.to_lowercase()) else {
        return error(StatusCode::OK, 6, "The artist you supplied could not be found");
    };
    let limit: usize = q.get("limit").and_then(|l| l.parse().ok()).unwrap_or(100);
    let items: Vec<Value> = list
        .iter()
        .take(limit)
        .map(|(n, m, s)| {
            json!({"name": n, "mbid": m, "match": format!("{s:.6}"), "url": format!("https://www.last.fm/music/{}", n.replace(' ', "+")),
                "image": [{"#text": "", "size": "small"}, {"#text": "", "size": "medium"}], "streamable": "0"})
        })
        .collect();
    axum::Json(json!({"similarartists": {"artist": items, "@attr": {"artist": artist}}})).into_response()
}

/// `track.getTopTags` / `artist.getTopTags`: counts as numbers, most used first.
fn top_tags(db: &Db, artist: &str, track: Option<&String>) -> Response {
    let key = track.map_or_else(|| artist.to_lowercase(), |t| format!("{}|{}", artist.to_lowercase(), t.to_lowercase()));
    let map = db.tags.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let Some(list) = map.get(&key) else {
        let what = if track.is_some() { "Track not found" } else { "The artist you supplied could not be found" };
        return error(StatusCode::OK, 6, what);
    };
    let tags: Vec<Value> = list
        .iter()
        .map(|(n, c)| json!({"count": c, "name": n, "url": format!("https://www.last.fm/tag/{}", n.replace(' ', "+"))}))
        .collect();
    let attr = match track {
        Some(t) => json!({"artist": artist, "track": t}),
        None => json!({"artist": artist}),
    };
    axum::Json(json!({"toptags": {"tag": tags, "@attr": attr}})).into_response()
}
