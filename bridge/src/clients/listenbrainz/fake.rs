//! A fake ListenBrainz on 127.0.0.1: recommendations (204 when none were generated, 404 for
//! an unknown user), created-for playlists without tracks and each playlist's JSPF with its
//! tracks (the `identifier` as a list, as current servers send it), the rate-limit headers
//! with `X-RateLimit-Remaining` counting down and a 429 with `X-RateLimit-Reset-In` when it
//! reaches zero. Faults from [`fakekit`](crate::clients::fakekit).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use crate::clients::fakekit::{FakeServer, Faults};

/// A playlist the fake serves: (mbid, title, source patch, tracks as (recording, title, artist)).
pub type FakePlaylist = (String, String, String, Vec<(String, String, String)>);

#[derive(Debug, Default)]
struct Users {
    /// user → recommendations (recording mbid, score); an empty list answers 204.
    recs: HashMap<String, Vec<(String, f64)>>,
    playlists: HashMap<String, Vec<FakePlaylist>>,
    /// Requests left in the window; `None`: unlimited.
    remaining: Option<u64>,
    reset_in: u64,
}

/// A running fake ListenBrainz.
#[derive(Debug)]
pub struct FakeListenBrainz {
    pub server: FakeServer,
    users: Arc<Mutex<Users>>,
}

fn lock(u: &Mutex<Users>) -> std::sync::MutexGuard<'_, Users> {
    u.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl FakeListenBrainz {
    pub async fn start() -> Self {
        let users = Arc::new(Mutex::new(Users { reset_in: 1, ..Users::default() }));
        let app = Router::new()
            .route("/1/cf/recommendation/user/{user}/recording", get(recs))
            .route("/1/user/{user}/playlists/createdfor", get(created_for))
            .route("/1/playlist/{mbid}", get(playlist))
            .with_state(users.clone());
        Self { server: FakeServer::spawn(app).await, users }
    }

    pub fn url(&self) -> String {
        self.server.url()
    }

    pub fn faults(&self) -> &Arc<Faults> {
        &self.server.faults
    }

    /// Sets the user's recommendations (creates the user).
    pub fn set_recs(&self, user: &str, recs: &[(&str, f64)]) {
        let mut u = lock(&self.users);
        u.recs.insert(user.into(), recs.iter().map(|(m, s)| ((*m).to_string(), *s)).collect());
        u.playlists.entry(user.into()).or_default();
    }

    pub fn add_playlist(&self, user: &str, p: FakePlaylist) {
        let mut u = lock(&self.users);
        u.recs.entry(user.into()).or_default();
        u.playlists.entry(user.into()).or_default().push(p);
    }

    /// Allows `n` more requests, then answers 429 with `X-RateLimit-Reset-In: reset_in` (and
    /// refills after that answer).
    pub fn limit(&self, n: u64, reset_in: u64) {
        let mut u = lock(&self.users);
        u.remaining = Some(n);
        u.reset_in = reset_in;
    }
}

/// Counts the request against the window; the 429 when it is used up; the headers to add.
fn meter(users: &Mutex<Users>) -> Result<[(&'static str, HeaderValue); 3], Box<Response>> {
    let mut u = lock(users);
    let reset = u.reset_in;
    let left = match u.remaining {
        None => 1000,
        Some(0) => {
            u.remaining = Some(5);
            let mut r = (StatusCode::TOO_MANY_REQUESTS, axum::Json(json!({"code": 429, "error": "Too many requests"}))).into_response();
            r.headers_mut().insert("x-ratelimit-reset-in", HeaderValue::from(reset));
            r.headers_mut().insert("x-ratelimit-remaining", HeaderValue::from(0));
            return Err(Box::new(r));
        }
        Some(n) => {
            u.remaining = Some(n - 1);
            n - 1
        }
    };
    Ok([
        ("x-ratelimit-limit", HeaderValue::from(1000)),
        ("x-ratelimit-remaining", HeaderValue::from(left)),
        ("x-ratelimit-reset-in", HeaderValue::from(reset)),
    ])
}

fn with(h: [(&'static str, HeaderValue); 3], mut r: Response) -> Response {
    for (k, v) in h {
        r.headers_mut().insert(k, v);
    }
    r
}

fn no_user(user: &str) -> Response {
    (StatusCode::NOT_FOUND, axum::Json(json!({"code": 404, "error": format!("Cannot find user: {user}")}))).into_response()
}

fn playlist_json(user: &str, p: &FakePlaylist, tracks: bool) -> Value {
    let (mbid, title, patch, items) = p;
    let track: Vec<Value> = if tracks {
        items
            .iter()
            .map(|(rec, t, a)| {
                json!({"identifier": [format!("https://musicbrainz.org/recording/{rec}")], "title": t, "creator": a, "album": "",
                    "duration": 215_000,
                    "extension": {"https://musicbrainz.org/doc/jspf#track": {"artist_identifiers": ["https://musicbrainz.org/artist/a-1"],
                        "added_at": "2026-12-07T00:00:00+00:00", "added_by": "listenbrainz",
                        "additional_metadata": {"caa_id": 42, "caa_release_mbid": format!("rel-{rec}")}}}})
            })
            .collect()
    } else {
        Vec::new()
    };
    json!({"playlist": {"identifier": format!("https://listenbrainz.org/playlist/{mbid}"), "title": title, "creator": "listenbrainz",
        "date": "2026-12-07T00:00:00+00:00",
        "extension": {"https://musicbrainz.org/doc/jspf#playlist": {"created_for": user, "public": true, "creator": "listenbrainz",
            "additional_metadata": {"algorithm_metadata": {"source_patch": patch}}}},
        "track": track}})
}

async fn recs(State(users): State<Arc<Mutex<Users>>>, Path(user): Path<String>) -> Response {
    let h = match meter(&users) {
        Ok(h) => h,
        Err(r) => return *r,
    };
    let u = lock(&users);
    let Some(list) = u.recs.get(&user) else { return no_user(&user) };
    if list.is_empty() {
        return with(h, StatusCode::NO_CONTENT.into_response());
    }
    let mbids: Vec<Value> = list.iter().map(|(m, s)| json!({"recording_mbid": m, "score": s, "latest_listened_at": null})).collect();
    with(
        h,
        axum::Json(json!({"payload": {"mbids": mbids, "entity": "recording", "user_name": user, "last_updated": 1_765_000_000,
            "count": list.len(), "total_mbid_count": list.len(), "offset": 0}}))
        .into_response(),
    )
}

async fn created_for(State(users): State<Arc<Mutex<Users>>>, Path(user): Path<String>) -> Response {
    let h = match meter(&users) {
        Ok(h) => h,
        Err(r) => return *r,
    };
    let u = lock(&users);
    let Some(lists) = u.playlists.get(&user) else { return no_user(&user) };
    let items: Vec<Value> = lists.iter().map(|p| playlist_json(&user, p, false)).collect();
    with(h, axum::Json(json!({"count": 25, "offset": 0, "playlist_count": items.len(), "playlists": items})).into_response())
}

async fn playlist(State(users): State<Arc<Mutex<Users>>>, Path(mbid): Path<String>) -> Response {
    let h = match meter(&users) {
        Ok(h) => h,
        Err(r) => return *r,
    };
    let u = lock(&users);
    for (user, lists) in &u.playlists {
        if let Some(p) = lists.iter().find(|p| p.0 == mbid) {
            return with(h, axum::Json(playlist_json(user, p, true)).into_response());
        }
    }
    (StatusCode::NOT_FOUND, axum::Json(json!({"code": 404, "error": "Cannot find playlist"}))).into_response()
}
