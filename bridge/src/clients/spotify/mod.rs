//! Spotify Web API client over `rspotify` 0.16 (Authorization Code with PKCE, the flow for
//! apps without a secret): log-in URL and code exchange, token refresh, the user's devices,
//! playback on a device (play, pause, queue, volume, transfer), the candidate pool (saved
//! tracks, the user's own playlists) and search.
//!
//! The rules of Spotify's development mode since Feb 2026 are followed: search pages of at
//! most 10, playlist contents from `/playlists/{id}/items` and only for playlists the user
//! owns or collaborates on, no audio-features, recommendations or batch lookups (gone since
//! Nov 2024 / Feb 2026; the fake answers them 404/403 and a test asserts they are never
//! called). rspotify's `playlist()` and `current_user_playlists()` panic inside serde on a
//! playlist without `items`/`tracks` (what Spotify now sends for followed playlists), so the
//! playlist calls read the raw JSON through `api_get` with lenient types, and every call runs
//! in its own task so a panic in the crate becomes [`ClientError::Malformed`], never a crash.
//!
//! Errors: Spotify's body `{"error":{"status","message","reason"}}` decides: `PREMIUM_REQUIRED`
//! and `NO_ACTIVE_DEVICE` get their own messages; 401 triggers one token refresh and a retry;
//! a refused refresh (`invalid_grant`) means "log in again"; 429 honours `Retry-After`.

pub mod fake;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use rspotify::clients::{BaseClient, OAuthClient};
use rspotify::model::{PlayableId, SearchResult, SearchType, TrackId};
use rspotify::{AuthCodePkceSpotify, Config, Credentials, OAuth, Token};
use serde::Deserialize;
use serde_json::Value;

use crate::clients::http::{self, ClientError, RetryPolicy};

const SERVICE: &str = "Spotify";

/// Search page size: the development-mode maximum since Feb 2026.
pub const SEARCH_PAGE: u32 = 10;

/// The scopes asked for: playback state and control, the library and playlists, and
/// `user-read-private` (the user's profile).
pub const SCOPES: &[&str] = &[
    "user-read-playback-state",
    "user-modify-playback-state",
    "user-read-currently-playing",
    "user-library-read",
    "playlist-read-private",
    "playlist-read-collaborative",
    "user-read-private",
];

/// The app registration and where the service is (the base URLs change only for the fake or
/// a proxy).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    /// The app's client id (developer dashboard).
    pub client_id: String,
    /// Registered redirect URI: the bridge's callback, e.g.
    /// `http://127.0.0.1:7878/api/v1/providers/spotify/callback` (a loopback IP, not `localhost`).
    pub redirect_uri: String,
    #[serde(default)]
    pub api_base_url: Option<String>,
    #[serde(default)]
    pub auth_base_url: Option<String>,
}

/// A track as the library sees it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SpotifyTrack {
    /// `spotify:track:ID`.
    pub uri: String,
    pub title: String,
    pub artist: String,
    pub album: String,
    pub duration_ms: u32,
    pub preview_url: Option<String>,
}

/// A Spotify Connect device.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct SpotifyDevice {
    pub id: String,
    pub name: String,
    pub is_active: bool,
}

/// Called with every new token (the code exchange and every refresh), to store it.
pub type TokenSink = Arc<dyn Fn(&Token) + Send + Sync>;

/// The client.
#[derive(Clone)]
pub struct SpotifyClient {
    api: AuthCodePkceSpotify,
    pub policy: RetryPolicy,
    /// Longest wait for one request (rspotify's own client has no timeout).
    pub timeout: Duration,
}

impl std::fmt::Debug for SpotifyClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpotifyClient").field("client_id", &self.api.creds.id).finish_non_exhaustive()
    }
}

impl SpotifyClient {
    /// A client for `settings`, with a stored token if there is one; `sink` gets every new
    /// token (so a rotated refresh token is never lost).
    pub fn new(settings: &Settings, token: Option<Token>, sink: TokenSink) -> Self {
        let mut config = Config { token_cached: false, token_refreshing: true, ..Config::default() };
        if let Some(u) = &settings.api_base_url {
            config.api_base_url.clone_from(u);
        }
        if let Some(u) = &settings.auth_base_url {
            config.auth_base_url.clone_from(u);
        }
        config.token_callback_fn = Arc::new(Some(rspotify::TokenCallback(Box::new(move |t| {
            sink(&t);
            Ok(())
        }))));
        let oauth = OAuth {
            redirect_uri: settings.redirect_uri.clone(),
            scopes: SCOPES.iter().map(|s| (*s).to_string()).collect(),
            ..OAuth::default()
        };
        let creds = Credentials::new_pkce(&settings.client_id);
        let api = match token {
            Some(t) => AuthCodePkceSpotify::from_token_with_config(t, creds, oauth, config),
            None => AuthCodePkceSpotify::with_config(creds, oauth, config),
        };
        Self { api, policy: RetryPolicy::default(), timeout: Duration::from_secs(10) }
    }

    /// The authorize URL to send the browser to, with its `state` and PKCE verifier (keep
    /// both until the callback).
    ///
    /// # Errors
    /// [`ClientError::Malformed`] when the auth base URL is not a URL.
    pub fn authorize_url(&self) -> Result<(String, String, String), ClientError> {
        let mut c = self.api.clone();
        let state: String = (0..24).map(|_| char::from(b'a' + rand::random::<u8>() % 26)).collect();
        c.oauth.state.clone_from(&state);
        let url = c.get_authorize_url(None).map_err(|e| ClientError::Malformed { service: SERVICE, why: e.to_string() })?;
        let verifier = c.verifier.unwrap_or_default();
        Ok((url, state, verifier))
    }

    /// Exchanges the callback's `code` with the verifier of its log-in; the token goes to the sink.
    ///
    /// # Errors
    /// [`ClientError::Auth`] when Spotify refuses the code (expired, used, wrong verifier).
    pub async fn exchange(&self, code: &str, verifier: &str) -> Result<(), ClientError> {
        let mut c = self.api.clone();
        c.verifier = Some(verifier.to_string());
        let code = code.to_string();
        guarded(self.timeout, async move { c.request_token(&code).await }).await
    }

    /// The token held, if any (to store it).
    pub async fn token(&self) -> Option<Token> {
        self.api.token.lock().await.ok().and_then(|t| t.clone())
    }

    /// Whether a token is held.
    pub async fn has_token(&self) -> bool {
        self.api.token.lock().await.is_ok_and(|t| t.is_some())
    }

    /// Runs an API call with the retry policy, one token refresh on a 401, panic isolation.
    async fn run<T, F, Fut>(&self, f: F) -> Result<T, ClientError>
    where
        T: Send + 'static,
        F: Fn(AuthCodePkceSpotify) -> Fut,
        Fut: Future<Output = rspotify::ClientResult<T>> + Send + 'static,
    {
        let mut refreshed = false;
        loop {
            let r = http::with_retry(&self.policy, |_| {}, || guarded(self.timeout, f(self.api.clone()))).await;
            let expired = matches!(r, Err(ClientError::Auth { .. })) && !refreshed;
            if !expired || !self.has_token().await {
                return r;
            }
            refreshed = true;
            let c = self.api.clone();
            guarded(self.timeout, async move { c.refresh_token().await }).await.map_err(|e| match e {
                ClientError::Rejected { status: 400, message, .. } | ClientError::Auth { why: message, .. } => ClientError::Auth {
                    service: SERVICE,
                    why: message,
                    what_to_do: "Spotify access was revoked or expired: connect Spotify again from the page".into(),
                },
                other => other,
            })?;
        }
    }

    /// The user's display name (or id): checks the token. Whether the account has Premium
    /// is not readable since Feb 2026 (`product` was removed from `/me`); a player command
    /// answers `PREMIUM_REQUIRED` instead, which [`from_status`] turns into its message.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn user(&self) -> Result<String, ClientError> {
        let me = self.get_json("me".into(), Vec::new()).await?;
        Ok(me["display_name"].as_str().or_else(|| me["id"].as_str()).unwrap_or_default().to_string())
    }

    /// The user's Spotify Connect devices.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn devices(&self) -> Result<Vec<SpotifyDevice>, ClientError> {
        let d = self.run(|c| async move { c.device().await }).await?;
        Ok(d.into_iter().filter_map(|d| Some(SpotifyDevice { id: d.id?, name: d.name, is_active: d.is_active })).collect())
    }

    /// Plays `uri` (`spotify:track:ID`) now on `device` (the active one when `None`).
    ///
    /// # Errors
    /// Any [`ClientError`]; `Rejected` with reason `PREMIUM_REQUIRED` or `NO_ACTIVE_DEVICE`.
    pub async fn play(&self, uri: &str, device: Option<&str>) -> Result<(), ClientError> {
        let id = track_id(uri)?;
        let device = device.map(str::to_string);
        self.run(|c| {
            let (id, device) = (id.clone(), device.clone());
            async move { c.start_uris_playback([PlayableId::Track(id)], device.as_deref(), None, None).await }
        })
        .await
    }

    /// Queues `uri` after the current track.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn queue(&self, uri: &str, device: Option<&str>) -> Result<(), ClientError> {
        let id = track_id(uri)?;
        let device = device.map(str::to_string);
        self.run(|c| {
            let (id, device) = (id.clone(), device.clone());
            async move { c.add_item_to_queue(PlayableId::Track(id), device.as_deref()).await }
        })
        .await
    }

    /// Pauses playback.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn pause(&self, device: Option<&str>) -> Result<(), ClientError> {
        let device = device.map(str::to_string);
        self.run(|c| {
            let device = device.clone();
            async move { c.pause_playback(device.as_deref()).await }
        })
        .await
    }

    /// Sets the volume (0–100).
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn volume(&self, percent: u8, device: Option<&str>) -> Result<(), ClientError> {
        let device = device.map(str::to_string);
        self.run(|c| {
            let device = device.clone();
            async move { c.volume(percent.min(100), device.as_deref()).await }
        })
        .await
    }

    /// Moves playback to `device` (and plays there when `play`).
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn transfer(&self, device: &str, play: bool) -> Result<(), ClientError> {
        let device = device.to_string();
        self.run(|c| {
            let device = device.clone();
            async move { c.transfer_playback(&device, Some(play)).await }
        })
        .await
    }

    /// A page of the user's saved tracks.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn saved_tracks(&self, limit: u32, offset: u32) -> Result<(Vec<SpotifyTrack>, bool), ClientError> {
        let page = self.run(|c| async move { c.current_user_saved_tracks_manual(None, Some(limit.min(50)), Some(offset)).await }).await?;
        let more = page.next.is_some();
        Ok((page.items.into_iter().filter_map(|s| of_full(&s.track)).collect(), more))
    }

    /// Searches tracks, one page of at most [`SEARCH_PAGE`] from `offset`.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn search(&self, q: &str, offset: u32) -> Result<Vec<SpotifyTrack>, ClientError> {
        let q = q.to_string();
        let r = self
            .run(|c| {
                let q = q.clone();
                async move { c.search(&q, SearchType::Track, None, None, Some(SEARCH_PAGE), Some(offset)).await }
            })
            .await?;
        Ok(match r {
            SearchResult::Tracks(p) => p.items.iter().filter_map(of_full).collect(),
            _ => Vec::new(),
        })
    }

    /// A raw GET under the API base, parsed leniently (the playlist calls).
    async fn get_json(&self, path: String, query: Vec<(&'static str, String)>) -> Result<Value, ClientError> {
        let body = self
            .run(|c| {
                let (path, query) = (path.clone(), query.clone());
                async move {
                    let q: HashMap<&str, &str> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    c.api_get(&path, &q).await
                }
            })
            .await?;
        serde_json::from_str(&body).map_err(|e| ClientError::Malformed { service: SERVICE, why: e.to_string() })
    }

    /// The tracks of the user's own and collaborative playlists (followed playlists are
    /// skipped: since Feb 2026 their items are not served), up to `max` tracks.
    ///
    /// # Errors
    /// Any [`ClientError`] of the playlist list; a playlist whose items fail is skipped.
    pub async fn own_playlist_tracks(&self, max: usize) -> Result<Vec<SpotifyTrack>, ClientError> {
        let me = self.get_json("me".into(), Vec::new()).await?;
        let my_id = me["id"].as_str().unwrap_or_default().to_string();
        let lists = self.get_json("me/playlists".into(), vec![("limit", "50".into())]).await?;
        let mut out = Vec::new();
        for p in lists["items"].as_array().into_iter().flatten() {
            let owned = p["owner"]["id"].as_str() == Some(my_id.as_str()) || p["collaborative"].as_bool() == Some(true);
            let Some(id) = p["id"].as_str().filter(|_| owned) else { continue };
            let Ok(items) = self.get_json(format!("playlists/{id}/items"), vec![("limit", "50".into())]).await else { continue };
            for it in items["items"].as_array().into_iter().flatten() {
                let t = if it["item"].is_object() { &it["item"] } else { &it["track"] };
                if let Ok(t) = LenientTrack::deserialize(t)
                    && let Some(t) = t.into_track()
                {
                    out.push(t);
                }
            }
            if out.len() >= max {
                break;
            }
        }
        out.truncate(max);
        Ok(out)
    }
}

/// A playlist item's track, every field optional.
#[derive(Deserialize, Default)]
#[serde(default)]
struct LenientTrack {
    uri: Option<String>,
    name: String,
    duration_ms: u32,
    artists: Vec<LenientName>,
    album: LenientName,
    preview_url: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LenientName {
    name: String,
}

impl LenientTrack {
    fn into_track(self) -> Option<SpotifyTrack> {
        let uri = self.uri.filter(|u| u.starts_with("spotify:track:"))?;
        Some(SpotifyTrack {
            uri,
            title: self.name,
            artist: self.artists.into_iter().map(|a| a.name).collect::<Vec<_>>().join(", "),
            album: self.album.name,
            duration_ms: self.duration_ms,
            preview_url: self.preview_url,
        })
    }
}

fn of_full(t: &rspotify::model::FullTrack) -> Option<SpotifyTrack> {
    use rspotify::prelude::Id as _;
    let id = t.id.as_ref()?;
    Some(SpotifyTrack {
        uri: id.uri(),
        title: t.name.clone(),
        artist: t.artists.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", "),
        album: t.album.name.clone(),
        duration_ms: u32::try_from(t.duration.num_milliseconds()).unwrap_or(0),
        preview_url: t.preview_url.clone(),
    })
}

fn track_id(uri: &str) -> Result<TrackId<'static>, ClientError> {
    TrackId::from_id_or_uri(uri).map(TrackId::into_static).map_err(|e| ClientError::Rejected {
        service: SERVICE,
        status: 0,
        reason: "bad_uri".into(),
        message: format!("{uri:?} is not a Spotify track URI ({e})"),
    })
}

/// Runs an rspotify future in its own task (a panic inside the crate becomes an error) for
/// at most `timeout`, and maps its error.
async fn guarded<T: Send + 'static>(
    timeout: Duration,
    fut: impl Future<Output = rspotify::ClientResult<T>> + Send + 'static,
) -> Result<T, ClientError> {
    let task = tokio::spawn(fut);
    let abort = task.abort_handle();
    let Ok(joined) = tokio::time::timeout(timeout, task).await else {
        abort.abort();
        return Err(ClientError::Timeout { service: SERVICE, timeout });
    };
    match joined {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(map_error(e).await),
        Err(j) => {
            tracing::error!("the Spotify client panicked on an answer: {j}");
            Err(ClientError::Malformed { service: SERVICE, why: "an answer the Spotify client could not handle".into() })
        }
    }
}

/// An rspotify error as a client error, reading Spotify's error body.
async fn map_error(e: rspotify::ClientError) -> ClientError {
    use rspotify::http::HttpError;
    match e {
        rspotify::ClientError::Http(h) => match *h {
            HttpError::StatusCode(resp) => {
                let status = resp.status();
                let headers = resp.headers().clone();
                let body = tokio::time::timeout(Duration::from_secs(5), resp.text()).await.ok().and_then(Result::ok).unwrap_or_default();
                from_status(status, &headers, &body)
            }
            HttpError::Client(e) => ClientError::from_reqwest(SERVICE, Duration::from_secs(10), &e),
        },
        rspotify::ClientError::InvalidToken => {
            ClientError::Auth { service: SERVICE, why: "no token".into(), what_to_do: "connect Spotify from the page".into() }
        }
        other => ClientError::Malformed { service: SERVICE, why: other.to_string() },
    }
}

/// A non-2xx answer: Spotify's error body (`{"error":{"status","message","reason"}}`, or the
/// accounts service's `{"error","error_description"}`) decides the message.
pub fn from_status(status: reqwest::StatusCode, headers: &reqwest::header::HeaderMap, body: &str) -> ClientError {
    let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let reason = v["error"]["reason"].as_str().unwrap_or_default().to_string();
    let message = v["error"]["message"]
        .as_str()
        .or_else(|| v["error_description"].as_str())
        .or_else(|| v["error"].as_str())
        .unwrap_or_default()
        .to_string();
    match (status.as_u16(), reason.as_str()) {
        (_, "PREMIUM_REQUIRED") => ClientError::Rejected {
            service: SERVICE,
            status: status.as_u16(),
            reason,
            message: "playback control needs Spotify Premium; log in with a Premium account or choose the Subsonic or local provider"
                .into(),
        },
        (_, "NO_ACTIVE_DEVICE") | (404, _) if message.to_lowercase().contains("device") || reason == "NO_ACTIVE_DEVICE" => {
            ClientError::Rejected {
                service: SERVICE,
                status: status.as_u16(),
                reason: "NO_ACTIVE_DEVICE".into(),
                message: "no active Spotify device: open Spotify on a phone or computer, or pick a device on the page".into(),
            }
        }
        (400, _) if v["error"].as_str() == Some("invalid_grant") => ClientError::Auth {
            service: SERVICE,
            why: message,
            what_to_do: "Spotify access was revoked or expired: connect Spotify again from the page".into(),
        },
        (403, _) => ClientError::Rejected { service: SERVICE, status: 403, reason, message },
        _ => http::status_error(SERVICE, status, headers, message),
    }
}
