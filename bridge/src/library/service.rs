//! The library's operations: opening it (settings and tokens from storage, the clients, the
//! player task), offering targets from the telemetry path without waiting, and configuring
//! providers.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering::Relaxed;
use std::time::Duration;

use tokio::sync::mpsc;

use crate::clients::http::ClientError;
use crate::clients::spotify::{Settings as SpotifySettings, SpotifyClient, TokenSink};
use crate::clients::subsonic::{Settings as SubsonicSettings, SubsonicClient};
use crate::error::BridgeError;
use crate::library::model::{Event, ProviderKind, Publish, Shared, View, lock};
use crate::library::select::{Rules, Target};
use crate::library::vault::{SealError, Vault};
use crate::metrics::Metrics;
use crate::store::Store;

/// Events queued for the player at most; beyond, targets are dropped (and counted).
pub const QUEUE: usize = 64;

/// Setting names in `library_settings`.
pub mod keys {
    pub const SUBSONIC: &str = "subsonic";
    pub const SPOTIFY: &str = "spotify";
    pub const SPOTIFY_TOKEN: &str = "spotify_token";
    pub const LOCAL: &str = "local_dirs";
    pub const ACTIVE: &str = "active";
    pub const LAYER: &str = "layer";
}

/// The persisted choice of provider, session and device.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Active {
    pub provider: Option<ProviderKind>,
    #[serde(default)]
    pub session: Option<String>,
    #[serde(default)]
    pub device: Option<String>,
}

/// The music library.
#[derive(Debug)]
pub struct Library {
    tx: mpsc::Sender<Event>,
    pub shared: Arc<Shared>,
}

impl Library {
    /// Opens the library: settings and tokens from `store` (secrets opened with `vault`), clients
    /// built, the player task spawned and asked to load the pool. `timeout` bounds every
    /// provider request.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the settings cannot be read.
    pub async fn open(
        store: &Store,
        metrics: Arc<Metrics>,
        publish: Publish,
        timeout: Duration,
        vault: Vault,
    ) -> Result<Self, BridgeError> {
        let read = |name: &'static str| {
            let store = store.clone();
            async move { store.library_setting(name).await }
        };
        let active: Active = read(keys::ACTIVE).await?.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
        let local: Vec<PathBuf> = read(keys::LOCAL).await?.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
        let mut subsonic_secret = read_secret(store, &vault, keys::SUBSONIC).await?;
        let subsonic = subsonic_secret
            .as_mut()
            .ok()
            .and_then(Option::take)
            .and_then(|s| serde_json::from_str::<SubsonicSettings>(&s).ok())
            .and_then(|s| SubsonicClient::new(s, timeout).ok());
        let spotify_settings: Option<SpotifySettings> = read(keys::SPOTIFY).await?.and_then(|s| serde_json::from_str(&s).ok());
        let token_secret = read_secret(store, &vault, keys::SPOTIFY_TOKEN).await?;
        let token: Option<rspotify::Token> = token_secret.as_ref().ok().and_then(Option::as_ref).and_then(|s| serde_json::from_str(s).ok());
        let layer = read(keys::LAYER).await?.and_then(|s| s.parse::<f32>().ok()).filter(|l| (0.0..=1.0).contains(l)).unwrap_or(0.0);
        let view = View { active: active.provider, session: active.session, device: active.device, layer, ..View::default() };
        let shared = Arc::new(Shared {
            store: store.clone(),
            metrics,
            publish,
            view: std::sync::Mutex::new(view),
            pool: std::sync::Mutex::default(),
            subsonic: std::sync::Mutex::new(subsonic),
            spotify: std::sync::Mutex::default(),
            spotify_settings: std::sync::Mutex::new(spotify_settings.clone()),
            oauth: std::sync::Mutex::default(),
            local_dirs: std::sync::Mutex::new(local),
            streams: std::sync::Mutex::default(),
            timeout,
            rules: Rules::default(),
            analysing: std::sync::atomic::AtomicBool::new(false),
            tagging: std::sync::atomic::AtomicBool::new(false),
            tags_tried: std::sync::Mutex::default(),
            tag_services: std::sync::OnceLock::new(),
            engines: std::sync::OnceLock::new(),
            vault,
        });
        for (p, r) in [(ProviderKind::Subsonic, subsonic_secret.err()), (ProviderKind::Spotify, token_secret.err())] {
            if let Some(e) = r {
                tracing::error!("library: {e}");
                shared.set_status(p, true, false, e.to_string());
            }
        }
        if let (Some(s), Some(t)) = (spotify_settings, token) {
            *lock(&shared.spotify) = Some(spotify_client(&shared, &s, Some(t)));
        }
        let (tx, rx) = mpsc::channel(QUEUE);
        crate::library::player::spawn(shared.clone(), rx);
        let lib = Self { tx, shared };
        lib.send(Event::Reload);
        Ok(lib)
    }

    /// Queues an event for the player without waiting; `false` (and counted) when the queue
    /// is full — the telemetry path must never wait for a provider.
    pub fn send(&self, e: Event) -> bool {
        if self.tx.try_send(e).is_ok() {
            true
        } else {
            self.shared.metrics.library.dropped_events.fetch_add(1, Relaxed);
            false
        }
    }

    /// A new target from the director (called on the telemetry path: never waits).
    pub fn offer(&self, session: &str, target: Target) {
        if lock(&self.shared.view).active.is_some() {
            self.send(Event::Target { session: session.to_string(), target });
        }
    }

    /// The page's view.
    pub fn view(&self) -> View {
        lock(&self.shared.view).clone()
    }

    /// Stores and applies the provider, session and device choice, then reloads the pool.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when it cannot be stored.
    pub async fn set_active(&self, a: &Active) -> Result<(), BridgeError> {
        let json = serde_json::to_string(a).unwrap_or_default();
        self.shared.store.set_library_setting(keys::ACTIVE, Some(&json)).await?;
        {
            let mut v = lock(&self.shared.view);
            v.active = a.provider;
            v.session.clone_from(&a.session);
            v.device.clone_from(&a.device);
        }
        if !matches!(a.provider, Some(ProviderKind::Subsonic | ProviderKind::Local)) {
            // a track on the live hosts' deck stops; the generated music returns
            crate::library::player::deck_command(
                &self.shared,
                &crate::osc::Outbound::DeckStop { fade_s: 2.0, quantize: resonance_engine::Quantize::Phrase },
            );
        }
        self.send(Event::Reload);
        Ok(())
    }

    /// Stores the generated music's level under library tracks (0..=1) and moves it on the
    /// live hosts at once when a track plays there.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when it cannot be stored.
    pub async fn set_layer(&self, layer: f32) -> Result<(), BridgeError> {
        let layer = layer.clamp(0.0, 1.0);
        self.shared.store.set_library_setting(keys::LAYER, Some(&layer.to_string())).await?;
        let on_deck = {
            let mut v = lock(&self.shared.view);
            v.layer = layer;
            v.now.as_ref().is_some_and(|n| n.live_hosts > 0)
        };
        if on_deck {
            crate::library::player::deck_command(&self.shared, &crate::osc::Outbound::DeckLayer { layer, fade_s: 1.0 });
        }
        Ok(())
    }

    /// Checks the Subsonic server (`ping` with these credentials) and stores the settings.
    ///
    /// # Errors
    /// The client's error when the server refuses or cannot be reached (nothing is stored).
    pub async fn set_subsonic(&self, s: SubsonicSettings) -> Result<Result<(), ClientError>, BridgeError> {
        let c = match SubsonicClient::new(s.clone(), self.shared.timeout) {
            Ok(c) => c,
            Err(e) => return Ok(Err(e)),
        };
        let r = c.ping().await;
        self.shared.count(ProviderKind::Subsonic, &r);
        if let Err(e) = r {
            return Ok(Err(e));
        }
        let sealed = self.shared.vault.seal(keys::SUBSONIC, &serde_json::to_string(&s).unwrap_or_default());
        self.shared.store.set_library_setting(keys::SUBSONIC, Some(&sealed)).await?;
        *lock(&self.shared.subsonic) = Some(c);
        self.shared.set_status(ProviderKind::Subsonic, true, true, "connected");
        self.send(Event::Reload);
        Ok(Ok(()))
    }

    /// Stores the local folders.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when they cannot be stored.
    pub async fn set_local(&self, dirs: Vec<PathBuf>) -> Result<(), BridgeError> {
        self.shared.store.set_library_setting(keys::LOCAL, Some(&serde_json::to_string(&dirs).unwrap_or_default())).await?;
        *lock(&self.shared.local_dirs) = dirs;
        self.send(Event::Reload);
        Ok(())
    }

    /// Stores the Spotify app registration (the token, if any, is kept only when the app
    /// stays the same).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when it cannot be stored.
    pub async fn set_spotify(&self, s: SpotifySettings) -> Result<(), BridgeError> {
        let same = lock(&self.shared.spotify_settings).as_ref().is_some_and(|old| old.client_id == s.client_id);
        self.shared.store.set_library_setting(keys::SPOTIFY, Some(&serde_json::to_string(&s).unwrap_or_default())).await?;
        if !same {
            self.shared.store.set_library_setting(keys::SPOTIFY_TOKEN, None).await?;
            *lock(&self.shared.spotify) = None;
        }
        *lock(&self.shared.spotify_settings) = Some(s);
        self.shared.set_status(ProviderKind::Spotify, true, false, "app registered: connect Spotify from the page");
        Ok(())
    }

    /// Forgets the Spotify token (log out).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when it cannot be deleted.
    pub async fn forget_spotify(&self) -> Result<(), BridgeError> {
        self.shared.store.set_library_setting(keys::SPOTIFY_TOKEN, None).await?;
        *lock(&self.shared.spotify) = None;
        self.shared.set_status(ProviderKind::Spotify, lock(&self.shared.spotify_settings).is_some(), false, "logged out");
        Ok(())
    }

    /// Starts a Spotify log-in: the authorize URL (its state and verifier kept for 10 min).
    ///
    /// # Errors
    /// `None` when no app is registered; the client's error for a bad auth URL.
    pub fn spotify_login(&self) -> Option<Result<String, ClientError>> {
        let s = lock(&self.shared.spotify_settings).clone()?;
        let c = spotify_client(&self.shared, &s, None);
        Some(c.authorize_url().map(|(url, state, verifier)| {
            let mut p = lock(&self.shared.oauth);
            p.retain(|_, (_, t)| t.elapsed() < Duration::from_mins(10));
            p.insert(state, (verifier, std::time::Instant::now()));
            url
        }))
    }

    /// Finishes a log-in from the callback's `code` and `state`; the token is stored.
    ///
    /// # Errors
    /// `Rejected` for an unknown or expired state; the client's error for a refused code.
    pub async fn spotify_callback(&self, code: &str, state: &str) -> Result<(), ClientError> {
        let verifier = {
            let mut p = lock(&self.shared.oauth);
            p.retain(|_, (_, t)| t.elapsed() < Duration::from_mins(10));
            p.remove(state).map(|(v, _)| v)
        };
        let bad = |m: &str| ClientError::Rejected { service: "Spotify", status: 400, reason: "state".into(), message: m.into() };
        let Some(verifier) = verifier else {
            return Err(bad("unknown or expired log-in (state); start again from the page"));
        };
        let Some(s) = lock(&self.shared.spotify_settings).clone() else { return Err(bad("no Spotify app registered")) };
        let c = spotify_client(&self.shared, &s, None);
        let r = c.exchange(code, &verifier).await;
        self.shared.count(ProviderKind::Spotify, &r);
        r?;
        if let Some(t) = c.token().await {
            let json = self.shared.vault.seal(keys::SPOTIFY_TOKEN, &serde_json::to_string(&t).unwrap_or_default());
            if let Err(e) = self.shared.store.set_library_setting(keys::SPOTIFY_TOKEN, Some(&json)).await {
                tracing::error!("library: the Spotify token was not stored ({e}); the next start needs a new log-in");
            }
        }
        *lock(&self.shared.spotify) = Some(c);
        self.shared.set_status(ProviderKind::Spotify, true, true, "connected");
        self.send(Event::Reload);
        Ok(())
    }
}

/// A secret setting, opened with the vault: `Err` when it does not open (another key). A
/// value stored in clear (before encryption existed) is encrypted in place.
async fn read_secret(store: &Store, vault: &Vault, name: &'static str) -> Result<Result<Option<String>, SealError>, BridgeError> {
    let Some(stored) = store.library_setting(name).await? else { return Ok(Ok(None)) };
    let plain = match vault.open_value(name, &stored) {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    if plain == stored {
        store.set_library_setting(name, Some(&vault.seal(name, &plain))).await?;
        tracing::info!("library: the stored {name} is now encrypted at rest (key from {})", vault.origin());
    }
    Ok(Ok(Some(plain)))
}

/// A Spotify client whose every new token is stored.
fn spotify_client(shared: &Arc<Shared>, s: &SpotifySettings, token: Option<rspotify::Token>) -> SpotifyClient {
    let store = shared.store.clone();
    let vault = shared.vault.clone();
    let sink: TokenSink = Arc::new(move |t: &rspotify::Token| {
        let json = vault.seal(keys::SPOTIFY_TOKEN, &serde_json::to_string(t).unwrap_or_default());
        let store = store.clone();
        if let Ok(h) = tokio::runtime::Handle::try_current() {
            h.spawn(async move {
                if let Err(e) = store.set_library_setting(keys::SPOTIFY_TOKEN, Some(&json)).await {
                    tracing::error!("library: the Spotify token was not stored ({e}); the next start needs a new log-in");
                }
            });
        }
    });
    let mut c = SpotifyClient::new(s, token, sink);
    c.policy.max_wait = Duration::from_secs(30);
    c.timeout = shared.timeout;
    c
}
