//! The library's model: providers, tracks, the pool with moods, what plays and why, the
//! events the rest of the bridge sends, and the state shared by the player task and the
//! routes.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::clients::spotify::{Settings as SpotifySettings, SpotifyClient};
use crate::clients::subsonic::SubsonicClient;
use crate::library::mood::TrackMood;
use crate::library::select::{Rules, Target};
use crate::metrics::Metrics;
use crate::store::Store;

/// Where a track comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    /// Spotify: plays on the user's Spotify Connect device.
    Spotify,
    /// A Subsonic/OpenSubsonic server: the bridge streams the audio to the page.
    Subsonic,
    /// Folders on the bridge's machine: streamed to the page like Subsonic tracks.
    Local,
}

impl ProviderKind {
    pub const ALL: [ProviderKind; 3] = [ProviderKind::Spotify, ProviderKind::Subsonic, ProviderKind::Local];

    pub fn as_str(self) -> &'static str {
        match self {
            ProviderKind::Spotify => "spotify",
            ProviderKind::Subsonic => "subsonic",
            ProviderKind::Local => "local",
        }
    }

    /// Index into per-provider counters.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A track of a provider.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Track {
    /// Stable key: `spotify:track:ID`, `subsonic:ID`, `local:HASH`.
    pub key: String,
    pub provider: ProviderKind,
    /// The provider's id: the Spotify URI, the Subsonic song id, the file path.
    #[serde(skip)]
    pub id: String,
    pub title: String,
    pub artist: String,
    pub album: String,
    pub duration_ms: u32,
}

/// A pool track with its mood.
#[derive(Clone, Debug, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct PoolEntry {
    pub track: Track,
    pub mood: TrackMood,
}

/// A provider's state, for the page.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct ProviderStatus {
    pub provider: ProviderKind,
    pub configured: bool,
    /// The last call succeeded.
    pub ok: bool,
    /// What is wrong and what to do, or what it holds.
    pub message: String,
}

/// What plays, and why.
#[derive(Clone, Debug, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct NowPlaying {
    pub track: Track,
    pub mood: TrackMood,
    pub why: String,
    /// Crossfade asked for, in ms.
    pub fade_ms: u32,
    /// For Subsonic and local tracks: where the page plays the audio from (a short-lived URL).
    pub stream_url: Option<String>,
    /// The user approved it (starred on Subsonic).
    pub approved: bool,
    /// Live hosts told to play it on their music deck (then the page does not play it too).
    pub live_hosts: usize,
    /// The live hosts start it on the generated music's next phrase (a mood drift), not at
    /// once (a trigger, a skip, a play from the page).
    pub at_phrase: bool,
    #[serde(skip)]
    pub started: Option<Instant>,
}

/// The library's state for the page (`GET /api/v1/library`).
#[derive(Clone, Debug, Default, serde::Serialize, utoipa::ToSchema)]
pub struct View {
    /// The provider whose tracks are chosen (`None`: the library is off).
    pub active: Option<ProviderKind>,
    pub providers: Vec<ProviderStatus>,
    /// The session followed (`None`: whichever sends targets).
    pub session: Option<String>,
    pub target: Option<Target>,
    pub now: Option<NowPlaying>,
    /// The last decision's reason (also when it kept the track).
    pub decision: String,
    pub pool_size: usize,
    /// Pool tracks whose mood is known (measured, matched or labelled).
    pub with_mood: usize,
    /// The Spotify device played on (`None`: the active one).
    pub device: Option<String>,
    /// Keys played, oldest first (bounded).
    pub history: Vec<String>,
    /// The generated music's level under a track on a live host's deck: 0 = the track
    /// instead of it, 1 = both at full level (`PUT /api/v1/library/layer`).
    pub layer: f32,
    /// The session of the latest target (where the live host's deck commands go when no
    /// session is followed).
    #[serde(skip)]
    pub target_session: Option<String>,
}

/// What the player task is asked to do.
#[derive(Clone, Debug)]
pub enum Event {
    /// A new target from the director (`trigger`: an occurrence rule fired).
    Target { session: String, target: Target },
    /// Skip the current track (the page).
    Skip,
    /// Reload the pool (provider settings changed, the page asked).
    Reload,
    /// Play this pool track now (the page, or a rule).
    Play { key: String },
}

/// Publishes a WebSocket frame (`{"type":"library",...}`) to the page.
pub type Publish = Arc<dyn Fn(serde_json::Value) + Send + Sync>;

/// Sends a command to the engines of a session; how many it was sent to.
pub type EngineCommand = Arc<dyn Fn(&str, &crate::osc::Outbound) -> usize + Send + Sync>;

/// How the library reaches the live hosts: a command to the engines of a session (answers
/// how many were sent it), and the bridge's own base URL (`http://host:port`) for the stream
/// URLs they fetch.
pub struct EngineLink {
    pub command: EngineCommand,
    pub base_url: Arc<dyn Fn() -> String + Send + Sync>,
}

impl std::fmt::Debug for EngineLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EngineLink").finish_non_exhaustive()
    }
}

/// The services tags are looked up on, as currently configured (the discovery settings).
pub type TagLink = Arc<dyn Fn() -> crate::library::tags::TagServices + Send + Sync>;

/// State shared by the player task and the routes.
pub struct Shared {
    pub store: Store,
    pub metrics: Arc<Metrics>,
    pub publish: Publish,
    pub view: Mutex<View>,
    pub pool: Mutex<Vec<PoolEntry>>,
    pub subsonic: Mutex<Option<SubsonicClient>>,
    pub spotify: Mutex<Option<SpotifyClient>>,
    pub spotify_settings: Mutex<Option<SpotifySettings>>,
    /// Log-ins in progress: state → (PKCE verifier, started).
    pub oauth: Mutex<HashMap<String, (String, Instant)>>,
    pub local_dirs: Mutex<Vec<PathBuf>>,
    /// Stream tokens → track (the current and the previous track's).
    pub streams: Mutex<HashMap<String, Track>>,
    /// Request timeout of provider calls.
    pub timeout: Duration,
    pub rules: Rules,
    /// A background mood analysis is running (one at a time).
    pub analysing: std::sync::atomic::AtomicBool,
    /// A background tag look-up is running (one at a time).
    pub tagging: std::sync::atomic::AtomicBool,
    /// Tracks whose tags were looked up since the start (asked again after a restart; a
    /// failed look-up is not in it, so it is asked again at the next pool load).
    pub tags_tried: Mutex<std::collections::HashSet<String>>,
    /// Where tags are looked up (set once the bridge's state exists; unset: nowhere).
    pub tag_services: std::sync::OnceLock<TagLink>,
    /// The live hosts (set once the bridge's state exists).
    pub engines: std::sync::OnceLock<EngineLink>,
    /// The key the provider secrets are stored under.
    pub vault: crate::library::vault::Vault,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared").field("timeout", &self.timeout).finish_non_exhaustive()
    }
}

/// Locks a std mutex, recovering from poisoning (a panicked holder left valid data: every
/// critical section here is a plain assignment).
pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Shared {
    /// Updates one provider's status line.
    pub fn set_status(&self, p: ProviderKind, configured: bool, ok: bool, message: impl Into<String>) {
        let mut v = lock(&self.view);
        let s = ProviderStatus { provider: p, configured, ok, message: message.into() };
        match v.providers.iter_mut().find(|x| x.provider == p) {
            Some(x) => *x = s,
            None => v.providers.push(s),
        }
    }

    /// Counts a provider call and its outcome; an error also sets the status line.
    pub fn count<T>(&self, p: ProviderKind, r: &Result<T, crate::clients::http::ClientError>) {
        use std::sync::atomic::Ordering::Relaxed;
        self.metrics.library.calls[p.index()].fetch_add(1, Relaxed);
        if let Err(e) = r {
            self.metrics.library.errors[p.index()].fetch_add(1, Relaxed);
            tracing::warn!("library: {e}");
            self.set_status(p, true, false, e.to_string());
        }
    }
}
