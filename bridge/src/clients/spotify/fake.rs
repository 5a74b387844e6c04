//! A fake Spotify (accounts service and Web API, as of 2026) on 127.0.0.1 for tests; the
//! client reaches it through rspotify's configurable base URLs (`{url}/` for accounts,
//! `{url}/v1/` for the API).
//!
//! Accounts: `GET /authorize` (redirects to the `redirect_uri` with `code` and `state`; checks
//! `code_challenge_method=S256`), `POST /api/token` (authorization code with its PKCE
//! verifier checked against the challenge; refresh tokens, rotated on every refresh; a
//! revoked one answers `400 invalid_grant`). API: `me`, devices, play/pause/queue/volume/
//! transfer (403 `PREMIUM_REQUIRED` without Premium, 404 `NO_ACTIVE_DEVICE` with no active
//! device), saved tracks, playlists (a followed one comes without `items`, as since Feb 2026,
//! and its items answer 403), search (limit > 10 is a 400), and the removed endpoints
//! (recommendations, audio-features, audio-analysis, batch tracks, top-tracks) answering
//! 404/403 — counted, so a test can assert Resonance never calls them. Access tokens can be
//! expired at will (401, the client must refresh).

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post, put};
use axum::{Form, Json, Router};
use base64::Engine as _;
use serde_json::{Value, json};
use sha2::Digest as _;

use crate::clients::fakekit::{FakeServer, Faults};

/// A player command the fake received.
#[derive(Clone, Debug)]
pub struct Command {
    /// `play`, `pause`, `queue`, `volume`, `transfer`.
    pub kind: String,
    /// The track URI (play, queue), the device (transfer) or the volume.
    pub arg: String,
    pub device: Option<String>,
    pub at: Instant,
}

/// `(title, artist, album, duration_ms)` of a saved track.
pub type FakeTrack = (String, String, String, u32);

#[derive(Debug, Default)]
struct World {
    premium: AtomicBool,
    device_active: AtomicBool,
    tracks: Vec<(String, String, String, u32)>,
    challenges: Mutex<HashMap<String, String>>,
    access: Mutex<HashSet<String>>,
    refresh: Mutex<HashSet<String>>,
    next: AtomicU64,
    commands: Mutex<Vec<Command>>,
}

/// A running fake Spotify.
#[derive(Debug)]
pub struct FakeSpotify {
    pub server: FakeServer,
    world: Arc<World>,
}

/// The `id` part of the fake's `n`th track (22 base-62 characters, as Spotify's).
pub fn track_id(n: usize) -> String {
    format!("{n:0>22}")
}

impl FakeSpotify {
    /// A fake whose user is Premium, has one active device, and has saved `tracks`
    /// `(title, artist, album, duration_ms)`.
    pub async fn start(tracks: Vec<(String, String, String, u32)>) -> Self {
        let world = Arc::new(World { tracks, ..World::default() });
        world.premium.store(true, Relaxed);
        world.device_active.store(true, Relaxed);
        let api = Router::new()
            .route("/me", get(me))
            .route("/me/", get(me))
            .route("/me/player/devices", get(devices))
            .route("/me/player/play", put(play))
            .route("/me/player/pause", put(pause))
            .route("/me/player/queue", post(queue))
            .route("/me/player/volume", put(volume))
            .route("/me/player", put(transfer))
            .route("/me/tracks", get(saved))
            .route("/me/playlists", get(playlists))
            .route("/playlists/{id}/items", get(playlist_items))
            .route("/playlists/{id}", get(playlist))
            .route("/search", get(search))
            .route("/recommendations", get(removed))
            .route("/audio-features", get(removed))
            .route("/audio-features/{id}", get(removed))
            .route("/audio-analysis/{id}", get(removed))
            .route("/tracks", get(removed))
            .route("/artists/{id}/top-tracks", get(removed))
            .route_layer(axum::middleware::from_fn_with_state(world.clone(), bearer));
        let app =
            Router::new().route("/authorize", get(authorize)).route("/api/token", post(token)).nest("/v1", api).with_state(world.clone());
        Self { server: FakeServer::spawn(app).await, world }
    }

    pub fn faults(&self) -> &Arc<Faults> {
        &self.server.faults
    }

    /// The API base for rspotify's `Config::api_base_url`.
    pub fn api_base(&self) -> String {
        format!("{}/v1/", self.server.url())
    }

    /// The accounts base for rspotify's `Config::auth_base_url`.
    pub fn auth_base(&self) -> String {
        format!("{}/", self.server.url())
    }

    pub fn set_premium(&self, p: bool) {
        self.world.premium.store(p, Relaxed);
    }

    pub fn set_device_active(&self, a: bool) {
        self.world.device_active.store(a, Relaxed);
    }

    /// Every access token stops working (401): the client must refresh.
    pub fn expire_access_tokens(&self) {
        self.world.access.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
    }

    /// Every refresh token is revoked (`400 invalid_grant`): the user must log in again.
    pub fn revoke_refresh_tokens(&self) {
        self.world.refresh.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
    }

    /// Player commands received, in order.
    pub fn commands(&self) -> Vec<Command> {
        self.world.commands.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Requests to endpoints Spotify removed for new apps.
    pub fn removed_hits(&self) -> usize {
        let f = self.faults();
        ["/v1/recommendations", "/v1/audio-features", "/v1/audio-analysis", "/v1/artists/"].iter().map(|p| f.count(p)).sum::<usize>()
            + f.hits().iter().filter(|h| h.uri.split('?').next() == Some("/v1/tracks")).count()
    }
}

fn err(status: StatusCode, message: &str, reason: Option<&str>) -> Response {
    let mut e = json!({"status": status.as_u16(), "message": message});
    if let Some(r) = reason {
        e["reason"] = json!(r);
    }
    (status, Json(json!({"error": e}))).into_response()
}

async fn bearer(State(w): State<Arc<World>>, req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let tok =
        req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).map(str::to_string);
    let ok = tok.is_some_and(|t| w.access.lock().unwrap_or_else(std::sync::PoisonError::into_inner).contains(&t));
    if !ok {
        return err(StatusCode::UNAUTHORIZED, "The access token expired", None);
    }
    next.run(req).await
}

async fn authorize(State(w): State<Arc<World>>, Query(q): Query<HashMap<String, String>>) -> Response {
    if q.get("code_challenge_method").map(String::as_str) != Some("S256") || !q.contains_key("code_challenge") {
        return (StatusCode::BAD_REQUEST, "code_challenge_method must be S256").into_response();
    }
    let Some(redirect) = q.get("redirect_uri") else { return (StatusCode::BAD_REQUEST, "redirect_uri missing").into_response() };
    let code = format!("code-{}", w.next.fetch_add(1, Relaxed));
    w.challenges.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(code.clone(), q["code_challenge"].clone());
    let state = q.get("state").cloned().unwrap_or_default();
    Redirect::to(&format!("{redirect}?code={code}&state={state}")).into_response()
}

fn new_token(w: &World) -> Value {
    let n = w.next.fetch_add(1, Relaxed);
    let (access, refresh) = (format!("acc-{n}"), format!("ref-{n}"));
    w.access.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(access.clone());
    w.refresh.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(refresh.clone());
    json!({"access_token": access, "token_type": "Bearer", "expires_in": 3600, "refresh_token": refresh,
        "scope": "user-read-playback-state user-modify-playback-state"})
}

async fn token(State(w): State<Arc<World>>, Form(f): Form<HashMap<String, String>>) -> Response {
    let bad = |d: &str| (StatusCode::BAD_REQUEST, Json(json!({"error": "invalid_grant", "error_description": d}))).into_response();
    match f.get("grant_type").map(String::as_str) {
        Some("authorization_code") => {
            let code = f.get("code").cloned().unwrap_or_default();
            let Some(challenge) = w.challenges.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&code) else {
                return bad("Invalid authorization code");
            };
            let verifier = f.get("code_verifier").cloned().unwrap_or_default();
            let computed = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes()));
            if computed != challenge {
                return bad("code_verifier was incorrect");
            }
            Json(new_token(&w)).into_response()
        }
        Some("refresh_token") => {
            let r = f.get("refresh_token").cloned().unwrap_or_default();
            if !w.refresh.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&r) {
                return bad("Refresh token revoked");
            }
            Json(new_token(&w)).into_response()
        }
        _ => (StatusCode::BAD_REQUEST, Json(json!({"error": "unsupported_grant_type"}))).into_response(),
    }
}

async fn me() -> Json<Value> {
    // Feb 2026: no `product` any more (rspotify 0.16 marks it removed): Premium shows on play
    Json(json!({"id": "fake-user", "display_name": "Fake User", "href": "https://api.spotify.com/v1/users/fake-user",
        "external_urls": {}, "type": "user", "uri": "spotify:user:fake-user"}))
}

async fn devices(State(w): State<Arc<World>>) -> Json<Value> {
    Json(json!({"devices": [{"id": "dev-1", "is_active": w.device_active.load(Relaxed), "is_private_session": false,
        "is_restricted": false, "name": "Living room", "type": "Computer", "volume_percent": 60}]}))
}

fn record(w: &World, kind: &str, arg: String, device: Option<String>) {
    w.commands.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(Command {
        kind: kind.into(),
        arg,
        device,
        at: Instant::now(),
    });
}

/// Premium and device checks of every player command.
fn player_check(w: &World, device: Option<&String>) -> Option<Response> {
    if !w.premium.load(Relaxed) {
        return Some(err(StatusCode::FORBIDDEN, "Player command failed: Premium required", Some("PREMIUM_REQUIRED")));
    }
    if device.is_none() && !w.device_active.load(Relaxed) {
        return Some(err(StatusCode::NOT_FOUND, "Player command failed: No active device found", Some("NO_ACTIVE_DEVICE")));
    }
    None
}

async fn play(State(w): State<Arc<World>>, Query(q): Query<HashMap<String, String>>, body: Option<Json<Value>>) -> Response {
    if let Some(r) = player_check(&w, q.get("device_id")) {
        return r;
    }
    let uri = body.and_then(|b| b["uris"][0].as_str().map(str::to_string)).unwrap_or_default();
    record(&w, "play", uri, q.get("device_id").cloned());
    StatusCode::NO_CONTENT.into_response()
}

async fn pause(State(w): State<Arc<World>>, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Some(r) = player_check(&w, q.get("device_id")) {
        return r;
    }
    record(&w, "pause", String::new(), q.get("device_id").cloned());
    StatusCode::NO_CONTENT.into_response()
}

async fn queue(State(w): State<Arc<World>>, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Some(r) = player_check(&w, q.get("device_id")) {
        return r;
    }
    record(&w, "queue", q.get("uri").cloned().unwrap_or_default(), q.get("device_id").cloned());
    StatusCode::NO_CONTENT.into_response()
}

async fn volume(State(w): State<Arc<World>>, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Some(r) = player_check(&w, q.get("device_id")) {
        return r;
    }
    record(&w, "volume", q.get("volume_percent").cloned().unwrap_or_default(), q.get("device_id").cloned());
    StatusCode::NO_CONTENT.into_response()
}

async fn transfer(State(w): State<Arc<World>>, Json(b): Json<Value>) -> Response {
    let dev = b["device_ids"][0].as_str().unwrap_or_default().to_string();
    if let Some(r) = player_check(&w, Some(&dev)) {
        return r;
    }
    w.device_active.store(true, Relaxed);
    record(&w, "transfer", dev.clone(), Some(dev));
    StatusCode::NO_CONTENT.into_response()
}

fn full_track(n: usize, t: &(String, String, String, u32)) -> Value {
    let id = track_id(n);
    let artist = json!({"external_urls": {}, "href": null, "id": format!("{:0>22}", format!("a{n}")), "name": t.1, "type": "artist",
        "uri": format!("spotify:artist:{:0>22}", format!("a{n}"))});
    // Feb 2026: no popularity, no external_ids.isrc
    json!({"album": {"album_type": "album", "artists": [artist], "external_urls": {}, "href": null,
            "id": format!("{:0>22}", format!("b{n}")), "images": [], "name": t.2, "type": "album",
            "uri": format!("spotify:album:{:0>22}", format!("b{n}"))},
        "artists": [artist], "disc_number": 1, "duration_ms": t.3, "explicit": false, "external_ids": {}, "external_urls": {},
        "href": null, "id": id, "is_local": false, "name": t.0, "preview_url": null, "track_number": 1, "type": "track",
        "uri": format!("spotify:track:{id}")})
}

fn page(items: &[Value], limit: usize, offset: usize, total: usize) -> Value {
    let next =
        if offset + limit < total { json!(format!("https://api.spotify.com/v1/next?offset={}", offset + limit)) } else { Value::Null };
    json!({"href": "https://api.spotify.com/v1/page", "items": items, "limit": limit, "next": next, "offset": offset, "previous": null, "total": total})
}

fn num(q: &HashMap<String, String>, k: &str, d: usize) -> usize {
    q.get(k).and_then(|v| v.parse().ok()).unwrap_or(d)
}

async fn saved(State(w): State<Arc<World>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let (limit, offset) = (num(&q, "limit", 20), num(&q, "offset", 0));
    if limit > 50 {
        return err(StatusCode::BAD_REQUEST, "Invalid limit", None);
    }
    let items: Vec<Value> = w
        .tracks
        .iter()
        .enumerate()
        .skip(offset)
        .take(limit)
        .map(|(i, t)| json!({"added_at": "2026-12-01T10:00:00Z", "track": full_track(i, t)}))
        .collect();
    Json(page(&items, limit, offset, w.tracks.len())).into_response()
}

fn playlist_meta(id: &str, owner: &str, with_items: bool) -> Value {
    let mut p = json!({"collaborative": false, "description": "", "external_urls": {}, "href": format!("https://api.spotify.com/v1/playlists/{id}"),
        "id": id, "images": [], "name": format!("list {id}"), "owner": {"display_name": owner, "external_urls": {}, "href": "", "id": owner,
        "type": "user", "uri": format!("spotify:user:{owner}")}, "public": true, "snapshot_id": "s1", "type": "playlist",
        "uri": format!("spotify:playlist:{id}")});
    if with_items {
        p["items"] = json!({"href": format!("https://api.spotify.com/v1/playlists/{id}/items"), "total": 1});
    }
    p
}

const OWN: &str = "0000000000000000000own";
const FOLLOWED: &str = "0000000000000followed";

async fn playlists() -> Json<Value> {
    // the followed playlist comes without items (Feb 2026): rspotify's own type would panic on it
    Json(page(&[playlist_meta(OWN, "fake-user", true), playlist_meta(FOLLOWED, "someone-else", false)], 50, 0, 2))
}

async fn playlist_items(State(w): State<Arc<World>>, Path(id): Path<String>) -> Response {
    if id != OWN {
        return err(StatusCode::FORBIDDEN, "Forbidden", None);
    }
    let items: Vec<Value> = w
        .tracks
        .iter()
        .enumerate()
        .take(1)
        .map(|(i, t)| json!({"added_at": "2026-12-01T10:00:00Z", "added_by": null, "is_local": false, "item": full_track(i, t)}))
        .collect();
    Json(page(&items, 50, 0, 1)).into_response()
}

async fn playlist(Path(id): Path<String>) -> Json<Value> {
    Json(playlist_meta(&id, if id == OWN { "fake-user" } else { "someone-else" }, id == OWN))
}

async fn search(State(w): State<Arc<World>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let (limit, offset) = (num(&q, "limit", 5), num(&q, "offset", 0));
    if limit > 10 {
        return err(StatusCode::BAD_REQUEST, "Invalid limit", None);
    }
    let needle = q.get("q").map(|s| s.to_lowercase()).unwrap_or_default();
    let hits: Vec<(usize, &FakeTrack)> =
        w.tracks.iter().enumerate().filter(|(_, t)| format!("{} {}", t.0, t.1).to_lowercase().contains(&needle)).collect();
    let items: Vec<Value> = hits.iter().skip(offset).take(limit).map(|(i, t)| full_track(*i, t)).collect();
    Json(json!({"tracks": page(&items, limit, offset, hits.len())})).into_response()
}

async fn removed(headers: HeaderMap) -> Response {
    let _ = headers;
    err(StatusCode::FORBIDDEN, "This endpoint is not available for this application", None)
}
