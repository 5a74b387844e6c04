//! The library's API: the view (what plays and why, provider status), the pool with moods,
//! provider settings, the Spotify log-in (PKCE, callback on the bridge), devices, skip /
//! approve / play, mood labels, and the stream the page plays Subsonic and local tracks from.

use std::path::PathBuf;

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::extract::Authed;
use crate::clients::http::ClientError;
use crate::error::AppError;
use crate::extract::{json_body, verr};
use crate::library::model::{Event, PoolEntry, ProviderKind, Track, View, lock};
use crate::library::mood::{MoodSource, TrackMood};
use crate::library::service::Active;
use crate::library::store::MoodRow;
use crate::state::AppState;

/// The library routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_library))
        .routes(routes!(get_tracks))
        .routes(routes!(put_active))
        .routes(routes!(put_subsonic))
        .routes(routes!(put_spotify, delete_spotify))
        .routes(routes!(put_local))
        .routes(routes!(spotify_login))
        .routes(routes!(spotify_callback))
        .routes(routes!(get_devices))
        .routes(routes!(post_skip))
        .routes(routes!(post_approve))
        .routes(routes!(post_play))
        .routes(routes!(put_mood, delete_mood))
        .routes(routes!(get_stream))
        .routes(routes!(put_layer))
        .routes(routes!(get_pool_plot))
}

/// A provider error as an answer: 502 (the provider failed), 503 + Retry-After (rate
/// limited), 409 (Premium missing, no device), 401-like auth problems as 409 with what to do.
fn provider_error(e: &ClientError) -> AppError {
    match e {
        ClientError::RateLimited { retry_after, .. } => AppError::RetryLater {
            status: StatusCode::SERVICE_UNAVAILABLE,
            reason: "provider_rate_limited",
            retry_after_s: retry_after.as_secs().max(1),
            message: e.to_string(),
        },
        ClientError::Auth { .. } => AppError::rejected(StatusCode::CONFLICT, "provider_auth", e.to_string()),
        ClientError::Rejected { reason, .. } if reason == "PREMIUM_REQUIRED" => {
            AppError::rejected(StatusCode::CONFLICT, "provider_premium", e.to_string())
        }
        ClientError::Rejected { reason, .. } if reason == "NO_ACTIVE_DEVICE" => {
            AppError::rejected(StatusCode::CONFLICT, "provider_no_device", e.to_string())
        }
        ClientError::Rejected { status: 400, reason, .. } if reason == "state" => {
            AppError::rejected(StatusCode::BAD_REQUEST, "provider_auth", e.to_string())
        }
        _ => AppError::rejected(StatusCode::BAD_GATEWAY, "provider_failed", e.to_string()),
    }
}

/// The library's state: provider status, what plays and why, the target
#[utoipa::path(get, path = "/api/v1/library", tag = "library", responses((status = 200, description = "the library's view", body = View)))]
pub async fn get_library(State(st): State<AppState>) -> Json<View> {
    Json(st.inner.library.view())
}

/// The candidate pool with each track's mood (valence, arousal, confidence, source)
#[utoipa::path(get, path = "/api/v1/library/tracks", tag = "library",
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{tracks: [{track, mood}]}`", body = Object), (status = 401, response = crate::error::ErrorBody)))]
pub async fn get_tracks(State(st): State<AppState>, _auth: Authed) -> Json<Value> {
    let pool: Vec<PoolEntry> = lock(&st.inner.library.shared.pool).clone();
    Json(json!({"tracks": pool}))
}

/// Chooses the provider, the session followed and the Spotify device
#[utoipa::path(put, path = "/api/v1/library/active", tag = "library", request_body = Active,
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "the view", body = View), (status = 422, response = crate::error::ErrorBody)))]
pub async fn put_active(State(st): State<AppState>, _auth: Authed, body: Result<Bytes, BytesRejection>) -> Result<Json<View>, AppError> {
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let a: Active = serde_json::from_value(v).map_err(|e| {
        verr("(body)", format!("{e}; send {{\"provider\": \"spotify\"|\"subsonic\"|\"local\"|null, \"session\"?, \"device\"?}}"))
    })?;
    st.inner.library.set_active(&a).await?;
    Ok(Json(st.inner.library.view()))
}

/// Sets the Subsonic/Navidrome server (checked with `ping` before it is stored)
#[utoipa::path(put, path = "/api/v1/library/providers/subsonic", tag = "library", request_body = Object,
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "connected", body = Object), (status = 409, response = crate::error::ErrorBody),
        (status = 422, response = crate::error::ErrorBody), (status = 502, response = crate::error::ErrorBody)))]
pub async fn put_subsonic(State(st): State<AppState>, _auth: Authed, body: Result<Bytes, BytesRejection>) -> Result<Json<Value>, AppError> {
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let s: crate::clients::subsonic::Settings = serde_json::from_value(v).map_err(|e| {
        verr("(body)", format!("{e}; send {{\"url\", \"password\": {{\"user\", \"password\"}}}} or {{\"url\", \"api_key\": {{\"key\"}}}}"))
    })?;
    match st.inner.library.set_subsonic(s).await? {
        Ok(()) => Ok(Json(json!({"ok": true}))),
        Err(ClientError::Rejected { reason, message, .. }) if reason == "bad_url" => Err(verr("url", message)),
        Err(e) => Err(provider_error(&e)),
    }
}

/// Registers the Spotify app (client id, redirect URI = this bridge's callback)
#[utoipa::path(put, path = "/api/v1/library/providers/spotify", tag = "library", request_body = Object,
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "stored", body = Object), (status = 422, response = crate::error::ErrorBody)))]
pub async fn put_spotify(State(st): State<AppState>, _auth: Authed, body: Result<Bytes, BytesRejection>) -> Result<Json<Value>, AppError> {
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let s: crate::clients::spotify::Settings =
        serde_json::from_value(v).map_err(|e| verr("(body)", format!("{e}; send {{\"client_id\", \"redirect_uri\"}}")))?;
    if s.client_id.trim().is_empty() {
        return Err(verr("client_id", "required: the Client ID of your app in the Spotify developer dashboard"));
    }
    if !s.redirect_uri.starts_with("https://")
        && !s.redirect_uri.starts_with("http://127.0.0.1")
        && !s.redirect_uri.starts_with("http://[::1]")
    {
        return Err(verr("redirect_uri", "Spotify accepts https:// or a loopback IP (http://127.0.0.1:PORT/...), not localhost"));
    }
    st.inner.library.set_spotify(s).await?;
    Ok(Json(json!({"ok": true})))
}

/// Forgets the Spotify token (log out)
#[utoipa::path(delete, path = "/api/v1/library/providers/spotify", tag = "library",
    security(("bearer" = []), ("basic" = [])), responses((status = 204, description = "forgotten")))]
pub async fn delete_spotify(State(st): State<AppState>, _auth: Authed) -> Result<StatusCode, AppError> {
    st.inner.library.forget_spotify().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sets the local music folders (on the bridge's machine)
#[utoipa::path(put, path = "/api/v1/library/providers/local", tag = "library", request_body = Object,
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "stored", body = Object), (status = 422, response = crate::error::ErrorBody)))]
pub async fn put_local(State(st): State<AppState>, _auth: Authed, body: Result<Bytes, BytesRejection>) -> Result<Json<Value>, AppError> {
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let dirs: Vec<PathBuf> = v["folders"]
        .as_array()
        .ok_or_else(|| verr("folders", "required: a list of folder paths"))?
        .iter()
        .map(|d| d.as_str().map(PathBuf::from).ok_or_else(|| verr("folders", "each folder must be a string")))
        .collect::<Result<_, _>>()?;
    if let Some(bad) = dirs.iter().find(|d| !d.is_dir()) {
        return Err(verr("folders", format!("{} is not a folder on the bridge's machine", bad.display())));
    }
    st.inner.library.set_local(dirs).await?;
    Ok(Json(json!({"ok": true})))
}

/// Starts the Spotify log-in: the authorize URL to open (Authorization Code with PKCE)
#[utoipa::path(get, path = "/api/v1/providers/spotify/login", tag = "library",
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{url}`", body = Object), (status = 409, response = crate::error::ErrorBody)))]
pub async fn spotify_login(State(st): State<AppState>, _auth: Authed) -> Result<Json<Value>, AppError> {
    match st.inner.library.spotify_login() {
        None => Err(AppError::rejected(StatusCode::CONFLICT, "provider_auth", "register the Spotify app first (client id, redirect URI)")),
        Some(Err(e)) => Err(provider_error(&e)),
        Some(Ok(url)) => Ok(Json(json!({"url": url}))),
    }
}

/// Spotify's redirect parameters.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// Spotify's redirect back after the log-in (no API key: authenticated by its single-use `state`)
#[utoipa::path(get, path = "/api/v1/providers/spotify/callback", tag = "library", params(CallbackQuery),
    responses((status = 303, description = "back to the page"), (status = 400, response = crate::error::ErrorBody)))]
pub async fn spotify_callback(State(st): State<AppState>, Query(q): Query<CallbackQuery>) -> Result<Response, AppError> {
    if let Some(e) = q.error {
        return Err(AppError::rejected(
            StatusCode::BAD_REQUEST,
            "provider_auth",
            format!("Spotify log-in refused ({e}); try again from the page"),
        ));
    }
    let (Some(code), Some(state)) = (q.code, q.state) else {
        return Err(AppError::rejected(
            StatusCode::BAD_REQUEST,
            "provider_auth",
            "the callback needs code and state; start the log-in from the page",
        ));
    };
    st.inner.library.spotify_callback(&code, &state).await.map_err(|e| provider_error(&e))?;
    Ok(Redirect::to("/?library=spotify-connected").into_response())
}

/// The user's Spotify Connect devices
#[utoipa::path(get, path = "/api/v1/library/devices", tag = "library",
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{devices: [{id, name, is_active}]}`", body = Object), (status = 409, response = crate::error::ErrorBody),
        (status = 502, response = crate::error::ErrorBody)))]
pub async fn get_devices(State(st): State<AppState>, _auth: Authed) -> Result<Json<Value>, AppError> {
    let shared = &st.inner.library.shared;
    let Some(c) = lock(&shared.spotify).clone() else {
        return Err(AppError::rejected(StatusCode::CONFLICT, "provider_auth", "Spotify is not connected: connect it on the page"));
    };
    let r = c.devices().await;
    shared.count(ProviderKind::Spotify, &r);
    Ok(Json(json!({"devices": r.map_err(|e| provider_error(&e))?})))
}

/// Skips the current track (the selector picks the next nearest)
#[utoipa::path(post, path = "/api/v1/library/skip", tag = "library",
    security(("bearer" = []), ("basic" = [])), responses((status = 202, description = "queued for the player")))]
pub async fn post_skip(State(st): State<AppState>, _auth: Authed) -> StatusCode {
    st.inner.library.send(Event::Skip);
    StatusCode::ACCEPTED
}

/// Approves the current track: stars it on Subsonic, labels its mood as fitting the target
#[utoipa::path(post, path = "/api/v1/library/approve", tag = "library",
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "approved", body = Object), (status = 404, response = crate::error::ErrorBody)))]
pub async fn post_approve(State(st): State<AppState>, _auth: Authed) -> Result<Json<Value>, AppError> {
    let shared = &st.inner.library.shared;
    let now = lock(&shared.view).now.clone().ok_or_else(|| AppError::NotFound("nothing is playing".into()))?;
    if now.track.provider == ProviderKind::Subsonic
        && let Some(c) = lock(&shared.subsonic).clone()
    {
        let id = now.track.id.clone();
        let s = shared.clone();
        tokio::spawn(async move {
            let r = c.star(&id).await;
            s.count(ProviderKind::Subsonic, &r);
        });
    }
    if let Some(n) = lock(&shared.view).now.as_mut() {
        n.approved = true;
    }
    Ok(Json(json!({"approved": now.track.key})))
}

/// Plays a pool track now
#[utoipa::path(post, path = "/api/v1/library/play", tag = "library", request_body = Object,
    security(("bearer" = []), ("basic" = [])),
    responses((status = 202, description = "queued for the player"), (status = 404, response = crate::error::ErrorBody), (status = 422, response = crate::error::ErrorBody)))]
pub async fn post_play(State(st): State<AppState>, _auth: Authed, body: Result<Bytes, BytesRejection>) -> Result<StatusCode, AppError> {
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let key = crate::extract::single_string(&v, "key")?;
    if !lock(&st.inner.library.shared.pool).iter().any(|p| p.track.key == key) {
        return Err(AppError::NotFound(format!("{key} is not in the pool; GET /api/v1/library/tracks lists it")));
    }
    st.inner.library.send(Event::Play { key });
    Ok(StatusCode::ACCEPTED)
}

fn pool_track(st: &AppState, key: &str) -> Result<(Track, usize), AppError> {
    let pool = lock(&st.inner.library.shared.pool);
    pool.iter()
        .position(|p| p.track.key == key)
        .map(|i| (pool[i].track.clone(), i))
        .ok_or_else(|| AppError::NotFound(format!("{key} is not in the pool; GET /api/v1/library/tracks lists it")))
}

/// Labels a track's mood by hand (overrides measured and matched moods)
#[utoipa::path(put, path = "/api/v1/library/tracks/{key}/mood", tag = "library", request_body = Object,
    params(("key" = String, Path)),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "the stored mood", body = TrackMood), (status = 404, response = crate::error::ErrorBody), (status = 422, response = crate::error::ErrorBody)))]
pub async fn put_mood(
    State(st): State<AppState>,
    _auth: Authed,
    Path(key): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<TrackMood>, AppError> {
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let num = |f: &str| -> Result<f32, AppError> {
        let x = v[f].as_f64().ok_or_else(|| verr(f, "required number in -1..1"))?;
        if !(-1.0..=1.0).contains(&x) {
            return Err(verr(f, "must be in -1..1"));
        }
        Ok(x as f32)
    };
    let (valence, arousal) = (num("valence")?, num("arousal")?);
    let (track, i) = pool_track(&st, &key)?;
    let shared = &st.inner.library.shared;
    let old = lock(&shared.pool)[i].mood;
    let mood = TrackMood { valence, arousal, confidence: 1.0, source: MoodSource::User, ..old };
    shared
        .store
        .put_mood(&MoodRow { track_key: key.clone(), artist: track.artist, title: track.title, mood, features: "{}".into() })
        .await?;
    if let Some(p) = lock(&shared.pool).iter_mut().find(|p| p.track.key == key) {
        p.mood = mood;
    }
    Ok(Json(mood))
}

/// Drops a track's hand label (its measured or tag mood comes back at the next reload)
#[utoipa::path(delete, path = "/api/v1/library/tracks/{key}/mood", tag = "library", params(("key" = String, Path)),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 204, description = "dropped"), (status = 404, response = crate::error::ErrorBody)))]
pub async fn delete_mood(State(st): State<AppState>, _auth: Authed, Path(key): Path<String>) -> Result<StatusCode, AppError> {
    if st.inner.library.shared.store.delete_user_mood(&key).await? {
        // a Spotify-only track's tags are looked up again
        lock(&st.inner.library.shared.tags_tried).remove(&key);
        st.inner.library.send(Event::Reload);
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound(format!("{key} has no hand label")))
    }
}

/// The audio of the current (or previous) Subsonic or local track, for the page's player (a short-lived token, no key)
#[utoipa::path(get, path = "/api/v1/library/stream/{token}", tag = "library", params(("token" = String, Path)),
    responses((status = 200, description = "audio"), (status = 206, description = "audio from the Range start"),
        (status = 404, response = crate::error::ErrorBody), (status = 502, response = crate::error::ErrorBody)))]
pub async fn get_stream(State(st): State<AppState>, Path(token): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let shared = &st.inner.library.shared;
    let track = lock(&shared.streams)
        .get(&token)
        .cloned()
        .ok_or_else(|| AppError::NotFound("stream expired; GET /api/v1/library for the current URL".into()))?;
    let from = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("bytes="))
        .and_then(|v| v.split('-').next())
        .and_then(|v| v.parse::<u64>().ok());
    match track.provider {
        ProviderKind::Subsonic => {
            let c = lock(&shared.subsonic)
                .clone()
                .ok_or_else(|| AppError::rejected(StatusCode::CONFLICT, "provider_auth", "no Subsonic server set"))?;
            let r = c.stream(&track.id, from).await;
            shared.count(ProviderKind::Subsonic, &r);
            let resp = r.map_err(|e| provider_error(&e))?;
            let mut b = Response::builder().status(resp.status().as_u16());
            for h in [header::CONTENT_TYPE, header::CONTENT_LENGTH, header::CONTENT_RANGE, header::ACCEPT_RANGES] {
                if let Some(v) = resp.headers().get(h.as_str()) {
                    b = b.header(h, v.as_bytes());
                }
            }
            Ok(b.body(Body::from_stream(resp.bytes_stream())).unwrap_or_default())
        }
        ProviderKind::Local => {
            let bytes = tokio::fs::read(&track.id).await.map_err(|e| AppError::NotFound(format!("{}: {e}", track.title)))?;
            let len = bytes.len() as u64;
            let start = from.unwrap_or(0).min(len);
            let mut b = Response::builder().header(header::ACCEPT_RANGES, "bytes").header(header::CONTENT_TYPE, content_type(&track.id));
            if from.is_some() {
                b = b
                    .status(StatusCode::PARTIAL_CONTENT)
                    .header(header::CONTENT_RANGE, format!("bytes {start}-{}/{len}", len.saturating_sub(1)));
            }
            Ok(b.body(Body::from(bytes[start as usize..].to_vec())).unwrap_or_default())
        }
        ProviderKind::Spotify => Err(AppError::NotFound("Spotify tracks play on the Spotify device".into())),
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().map(str::to_lowercase).as_deref() {
        Some("flac") => "audio/flac",
        Some("mp3") => "audio/mpeg",
        Some("ogg" | "oga") => "audio/ogg",
        Some("m4a" | "aac") => "audio/mp4",
        Some("wav") => "audio/wav",
        _ => "application/octet-stream",
    }
}

/// Sets how library tracks sit with the generated music on the live hosts: `layer` 0 = the
/// track instead of it, 1 = both at full level, between = the generated music that much under
/// the track. Applies at once to a track playing on a live host, and to every next track.
#[utoipa::path(put, path = "/api/v1/library/layer", tag = "library", request_body = Object,
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "the view", body = View), (status = 422, response = crate::error::ErrorBody)))]
pub async fn put_layer(State(st): State<AppState>, _auth: Authed, body: Result<Bytes, BytesRejection>) -> Result<Json<View>, AppError> {
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let hint = "send {\"layer\": 0..1} (0: the library track instead of the generated music, 1: both at full level)";
    let layer = v
        .get("layer")
        .and_then(Value::as_f64)
        .filter(|l| (0.0..=1.0).contains(l))
        .ok_or_else(|| verr("layer", format!("must be a number from 0 to 1; {hint}")))?;
    st.inner.library.set_layer(layer as f32).await?;
    Ok(Json(st.inner.library.view()))
}

/// The candidate pool on a valence × arousal plot (SVG): one dot per track (colour: where its
/// mood comes from; opacity: its confidence), the target, and the track playing
#[utoipa::path(get, path = "/api/v1/library/pool.svg", tag = "library",
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "an SVG image", content_type = "image/svg+xml"), (status = 401, response = crate::error::ErrorBody)))]
pub async fn get_pool_plot(State(st): State<AppState>, _auth: Authed) -> Response {
    let shared = &st.inner.library.shared;
    let pool: Vec<PoolEntry> = lock(&shared.pool).clone();
    let (target, now) = {
        let v = lock(&shared.view);
        (v.target, v.now.as_ref().map(|n| n.track.key.clone()))
    };
    let svg = crate::library::plot::pool_svg(&pool, target.as_ref(), now.as_deref());
    ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "no-store")], svg).into_response()
}
