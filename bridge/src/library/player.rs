//! The player task: the only place that calls providers on the director's behalf. It takes
//! [`Event`]s from a bounded queue (the telemetry path only `try_send`s: a slow or stalled
//! provider never slows telemetry), keeps the newest target, asks the selector, and starts
//! tracks: on the Spotify device through the Web API, or — for Subsonic and local tracks —
//! by sending the session's live hosts a short-lived stream URL the bridge serves (their music
//! deck streams it, ducked under commentary) and, when no live host listens, handing it to
//! the page (which plays and crossfades it). It also loads the candidate pool and measures missing moods in the
//! background.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering::Relaxed;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

use crate::clients::http::ClientError;
use crate::clients::subsonic::SubsonicClient;
use crate::library::model::{Event, NowPlaying, PoolEntry, ProviderKind, Shared, Track, lock};
use crate::library::mood::{self, MoodSource, TrackMood};
use crate::library::select::{self, Candidate, Choice, Playing, Target};
use crate::library::store::MoodRow;
use crate::osc::Outbound;
use resonance_engine::Quantize;

/// How often the selector looks again without a new target (a dwell may have ended).
const TICK: Duration = Duration::from_secs(5);
/// Most tracks in the pool.
pub const MAX_POOL: usize = 2000;
/// History kept (for no-repeat).
const HISTORY: usize = 100;
/// Audio extensions the local provider lists.
const AUDIO_EXT: &[&str] = &["wav", "flac", "mp3", "ogg", "oga", "m4a", "aac", "aiff", "aif", "caf", "mka", "webm"];

/// Starts the player task.
pub fn spawn(shared: Arc<Shared>, rx: mpsc::Receiver<Event>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(run(shared, rx))
}

async fn run(shared: Arc<Shared>, mut rx: mpsc::Receiver<Event>) {
    loop {
        let first = tokio::select! {
            e = rx.recv() => match e { Some(e) => Some(e), None => return },
            () = tokio::time::sleep(TICK) => None,
        };
        // Coalesce what is queued: the newest target wins, a trigger among them is kept.
        let mut events: Vec<Event> = first.into_iter().collect();
        while let Ok(e) = rx.try_recv() {
            events.push(e);
        }
        let mut target: Option<(String, Target)> = None;
        let mut reload = false;
        let mut skip = false;
        let mut play = None;
        for e in events {
            match e {
                Event::Target { session, target: t } => {
                    let trigger = t.trigger || target.as_ref().is_some_and(|(_, p)| p.trigger);
                    target = Some((session, Target { trigger, ..t }));
                }
                Event::Reload => reload = true,
                Event::Skip => skip = true,
                Event::Play { key } => play = Some(key),
            }
        }
        if reload {
            load_pool(&shared).await;
        }
        let mut trigger = skip;
        if let Some((session, t)) = target {
            let mut v = lock(&shared.view);
            if v.session.as_ref().is_none_or(|s| *s == session) {
                v.target = Some(t);
                v.target_session = Some(session);
                trigger |= t.trigger;
            }
        }
        if let Some(key) = play {
            let entry = lock(&shared.pool).iter().find(|p| p.track.key == key).cloned();
            if let Some(e) = entry {
                start(&shared, e, "chosen on the page".into(), 250, false).await;
            }
            continue;
        }
        decide(&shared, trigger).await;
    }
}

/// Asks the selector and starts its choice.
async fn decide(shared: &Shared, trigger: bool) {
    let (target, now, history, active) = {
        let v = lock(&shared.view);
        (v.target, v.now.clone(), v.history.clone(), v.active)
    };
    let Some(mut target) = target else { return };
    if active.is_none() {
        return;
    }
    target.trigger = trigger;
    let pool = lock(&shared.pool).clone();
    let cands: Vec<Candidate> = pool.iter().map(candidate).collect();
    let cur = now.as_ref().and_then(|n| cands.iter().find(|c| c.key == n.track.key));
    let playing =
        cur.zip(now.as_ref()).map(|(c, n)| Playing { track: c, elapsed_ms: n.started.map_or(0, |s| s.elapsed().as_millis() as u64) });
    let choice = select::choose(&shared.rules, &target, &cands, playing, &history);
    match choice {
        Choice::Switch { key, fade_ms, why, .. } => {
            if let Some(e) = pool.into_iter().find(|p| p.track.key == key) {
                // a drift of the mood waits for the generated music's phrase; a trigger or a
                // skip is heard at once (decision record 0071)
                start(shared, e, why, fade_ms, !trigger).await;
            }
        }
        Choice::Keep { why } | Choice::Nothing { why } => lock(&shared.view).decision = why,
    }
}

fn candidate(p: &PoolEntry) -> Candidate {
    Candidate {
        key: p.track.key.clone(),
        valence: p.mood.valence,
        arousal: p.mood.arousal,
        confidence: p.mood.confidence,
        tempo_bpm: p.mood.tempo_bpm,
        energy: (p.mood.source != MoodSource::Unknown).then_some(p.mood.energy),
    }
}

/// A random URL-safe token (stream URLs, OAuth state).
pub fn token() -> String {
    (0..32).map(|_| char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[usize::from(rand::random::<u8>()) % 36])).collect()
}

/// Starts a track on its provider (on a live host's deck from the generated music's next
/// phrase when `at_phrase`); on failure the current track stays and the status says why.
async fn start(shared: &Shared, e: PoolEntry, why: String, fade_ms: u32, at_phrase: bool) {
    let quantize = if at_phrase { Quantize::Phrase } else { Quantize::Immediate };
    let t = &e.track;
    let mut stream_url = None;
    let mut live_hosts = 0;
    match t.provider {
        ProviderKind::Spotify => {
            let client = lock(&shared.spotify).clone();
            let device = lock(&shared.view).device.clone();
            let Some(c) = client else {
                shared.set_status(ProviderKind::Spotify, false, false, "Spotify is not connected: connect it on the page");
                return;
            };
            let r = tokio::time::timeout(shared.timeout * 2, c.play(&t.id, device.as_deref()))
                .await
                .unwrap_or(Err(ClientError::Timeout { service: "Spotify", timeout: shared.timeout * 2 }));
            shared.count(ProviderKind::Spotify, &r);
            if r.is_err() {
                return;
            }
            shared.set_status(ProviderKind::Spotify, true, true, format!("playing {} — {}", t.artist, t.title));
            // a Subsonic/local track on a live host's deck gives way to the Spotify device
            deck_command(shared, &Outbound::DeckStop { fade_s: fade_ms as f32 / 1000.0, quantize });
        }
        ProviderKind::Subsonic | ProviderKind::Local => {
            let tok = token();
            let mut streams = lock(&shared.streams);
            // keep the previous track's URL alive for its crossfade
            let current: Vec<String> = lock(&shared.view).now.iter().filter_map(|n| n.stream_url.clone()).collect();
            streams.retain(|k, _| current.iter().any(|u| u.ends_with(k.as_str())));
            streams.insert(tok.clone(), t.clone());
            stream_url = Some(format!("/api/v1/library/stream/{tok}"));
            drop(streams);
            live_hosts = deck_play(shared, &tok, fade_ms, quantize);
            if t.provider == ProviderKind::Subsonic
                && let Some(c) = lock(&shared.subsonic).clone()
            {
                let id = t.id.clone();
                // "now playing" for the server's own history; not awaited
                tokio::spawn(async move {
                    let _ = c.scrobble(&id, false).await;
                });
            }
        }
    }
    shared.metrics.library.switches.fetch_add(1, Relaxed);
    let json = {
        let mut v = lock(&shared.view);
        v.history.push(t.key.clone());
        let n = v.history.len();
        if n > HISTORY {
            v.history.drain(..n - HISTORY);
        }
        v.decision.clone_from(&why);
        v.now = Some(NowPlaying {
            track: t.clone(),
            mood: e.mood,
            why,
            fade_ms,
            stream_url,
            approved: false,
            live_hosts,
            at_phrase: at_phrase && live_hosts > 0,
            started: Some(Instant::now()),
        });
        serde_json::json!({"type": "library", "now": v.now, "target": v.target, "decision": v.decision})
    };
    (shared.publish)(json);
}

/// Level of a library track on a live host's deck, dB (tracks are mastered hot; the
/// generated music sits near −23 LUFS).
const DECK_GAIN_DB: f32 = -6.0;

/// Tells the live hosts of the library's session to play the track behind stream token `tok`
/// on their music deck, in place of the generated music; how many were told.
fn deck_play(shared: &Shared, tok: &str, fade_ms: u32, quantize: Quantize) -> usize {
    let Some(link) = shared.engines.get() else { return 0 };
    let url = format!("{}/api/v1/library/stream/{tok}", (link.base_url)());
    let layer = lock(&shared.view).layer;
    deck_command(shared, &Outbound::DeckPlay { url, fade_s: fade_ms as f32 / 1000.0, gain_db: DECK_GAIN_DB, layer, quantize })
}

/// Sends a deck command to the live hosts of the library's session (the one it follows, else
/// the latest target's, else `default`).
pub(crate) fn deck_command(shared: &Shared, cmd: &Outbound) -> usize {
    let Some(link) = shared.engines.get() else { return 0 };
    let session = {
        let v = lock(&shared.view);
        v.session.clone().or_else(|| v.target_session.clone()).unwrap_or_else(|| "default".into())
    };
    (link.command)(&session, cmd)
}

/// Loads the active provider's pool, attaches stored moods, and measures missing ones in
/// the background.
pub async fn load_pool(shared: &Arc<Shared>) {
    let active = lock(&shared.view).active;
    let tracks = match active {
        None => Vec::new(),
        Some(ProviderKind::Spotify) => spotify_pool(shared).await,
        Some(ProviderKind::Subsonic) => subsonic_pool(shared).await,
        Some(ProviderKind::Local) => local_pool(shared),
    };
    let moods = match shared.store.moods().await {
        Ok(m) => m,
        Err(e) => {
            tracing::warn!("library: moods not read: {e}");
            Vec::new()
        }
    };
    let stale: std::collections::HashSet<String> = moods.iter().filter(|r| r.is_stale()).map(|r| r.track_key.clone()).collect();
    let pool = attach_moods(tracks, &moods);
    let with_mood = pool.iter().filter(|p| p.mood.source != MoodSource::Unknown).count();
    {
        let mut v = lock(&shared.view);
        v.pool_size = pool.len();
        v.with_mood = with_mood;
    }
    *lock(&shared.pool) = pool;
    let s = shared.clone();
    tokio::spawn(async move { analyse_missing(&s, &stale).await });
    let s = shared.clone();
    tokio::spawn(async move { tag_missing(&s).await });
}

/// Normalised `artist|title` for matching copies across providers.
fn norm(artist: &str, title: &str) -> String {
    let f = |s: &str| s.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    format!("{}|{}", f(artist), f(title))
}

/// Each track's mood: its own stored one (user label or measured), else that of an analysed
/// copy with the same artist and title, else its own from tags, else unknown.
pub fn attach_moods(tracks: Vec<Track>, moods: &[MoodRow]) -> Vec<PoolEntry> {
    let by_key: HashMap<&str, &MoodRow> = moods.iter().map(|m| (m.track_key.as_str(), m)).collect();
    let by_name: HashMap<String, &MoodRow> =
        moods.iter().filter(|m| m.mood.source == MoodSource::Audio).map(|m| (norm(&m.artist, &m.title), m)).collect();
    tracks
        .into_iter()
        .map(|track| {
            let own = by_key.get(track.key.as_str()).map(|m| m.mood);
            let copy = by_name.get(&norm(&track.artist, &track.title)).map(|m| m.mood);
            let mood = match (own, copy) {
                // a measured copy of the same track says more than its tags
                (Some(m), Some(c)) if m.source == MoodSource::Tags => {
                    TrackMood { source: MoodSource::Matched, confidence: c.confidence * 0.8, ..c }
                }
                (Some(m), _) => m,
                (None, Some(c)) => TrackMood { source: MoodSource::Matched, confidence: c.confidence * 0.8, ..c },
                (None, None) => TrackMood::UNKNOWN,
            };
            PoolEntry { track, mood }
        })
        .collect()
}

async fn spotify_pool(shared: &Shared) -> Vec<Track> {
    let Some(c) = lock(&shared.spotify).clone() else {
        shared.set_status(ProviderKind::Spotify, false, false, "Spotify is not connected: register the app and connect it on the page");
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let r = c.saved_tracks(50, offset).await;
        shared.count(ProviderKind::Spotify, &r);
        let Ok((page, more)) = r else { break };
        offset += page.len() as u32;
        out.extend(page);
        if !more || out.len() >= MAX_POOL / 2 {
            break;
        }
    }
    let r = c.own_playlist_tracks(MAX_POOL / 2).await;
    shared.count(ProviderKind::Spotify, &r);
    out.extend(r.unwrap_or_default());
    let mut seen = std::collections::HashSet::new();
    let tracks: Vec<Track> = out
        .into_iter()
        .filter(|t| seen.insert(t.uri.clone()))
        .map(|t| Track {
            key: t.uri.clone(),
            provider: ProviderKind::Spotify,
            id: t.uri,
            title: t.title,
            artist: t.artist,
            album: t.album,
            duration_ms: t.duration_ms,
        })
        .collect();
    let r = c.user().await;
    shared.count(ProviderKind::Spotify, &r);
    if let Ok(name) = r {
        shared.set_status(ProviderKind::Spotify, true, true, format!("{name}: {} tracks", tracks.len()));
    }
    tracks
}

async fn subsonic_pool(shared: &Shared) -> Vec<Track> {
    let Some(c) = lock(&shared.subsonic).clone() else {
        shared.set_status(ProviderKind::Subsonic, false, false, "no Subsonic server set: give its URL, user and password on the page");
        return Vec::new();
    };
    let tracks = subsonic_tracks(&c, |e| shared.count::<()>(ProviderKind::Subsonic, &e.map_or(Ok(()), |e| Err(e.clone())))).await;
    if !tracks.is_empty() || lock(&shared.view).providers.iter().any(|p| p.provider == ProviderKind::Subsonic && p.ok) {
        shared.set_status(ProviderKind::Subsonic, true, true, format!("{} tracks", tracks.len()));
    }
    tracks
}

/// A Subsonic server's tracks: the starred ones, then album by album, at most [`MAX_POOL`],
/// each once. `count` hears every call's outcome (`None`: it succeeded); a failing call is
/// skipped, so a half-answering server gives what it has.
pub async fn subsonic_tracks(c: &SubsonicClient, count: impl Fn(Option<&ClientError>)) -> Vec<Track> {
    let counted = |r: Result<Vec<crate::clients::subsonic::Song>, ClientError>| {
        count(r.as_ref().err());
        r.unwrap_or_default()
    };
    let mut songs = counted(c.starred().await);
    let mut offset = 0;
    'pages: loop {
        let r = c.albums(100, offset).await;
        count(r.as_ref().err());
        let Ok(albums) = r else { break };
        if albums.is_empty() {
            break;
        }
        offset += albums.len() as u32;
        for a in albums {
            songs.extend(counted(c.album_songs(&a.id).await));
            if songs.len() >= MAX_POOL {
                break 'pages;
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    songs
        .into_iter()
        .filter(|s| seen.insert(s.id.clone()))
        .take(MAX_POOL)
        .map(|s| Track {
            key: format!("subsonic:{}", s.id),
            provider: ProviderKind::Subsonic,
            id: s.id,
            title: s.title,
            artist: s.artist,
            album: s.album,
            duration_ms: s.duration.saturating_mul(1000),
        })
        .collect()
}

/// The key of a local file: `local:` and 16 hex digits of the SHA-256 of its path.
pub fn local_key(path: &Path) -> String {
    use sha2::Digest as _;
    let d = sha2::Sha256::digest(path.to_string_lossy().as_bytes());
    d.iter().take(8).fold(String::from("local:"), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn local_pool(shared: &Shared) -> Vec<Track> {
    let dirs = lock(&shared.local_dirs).clone();
    let mut files: Vec<PathBuf> = Vec::new();
    for d in &dirs {
        walk(d, &mut files, 0);
    }
    files.sort();
    files.truncate(MAX_POOL);
    let tracks: Vec<Track> = files.iter().map(|p| local_track(p)).collect();
    let msg = if dirs.is_empty() { "no folders set".to_string() } else { format!("{} tracks in {} folders", tracks.len(), dirs.len()) };
    shared.set_status(ProviderKind::Local, !dirs.is_empty(), !tracks.is_empty(), msg);
    tracks
}

/// A local file as a track: `Artist - Title.ext` names give artist and title, the folder the
/// album.
pub fn local_track(p: &Path) -> Track {
    let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let (artist, title) =
        stem.split_once(" - ").map_or((String::new(), stem.clone()), |(a, t)| (a.trim().to_string(), t.trim().to_string()));
    let album = p.parent().and_then(Path::file_name).map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Track { key: local_key(p), provider: ProviderKind::Local, id: p.to_string_lossy().into_owned(), title, artist, album, duration_ms: 0 }
}

/// The audio files under `dir` (8 levels deep at most, [`MAX_POOL`] at most), appended to `out`.
pub fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 8 || out.len() >= MAX_POOL {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out, depth + 1);
        } else if p.extension().and_then(|x| x.to_str()).is_some_and(|x| AUDIO_EXT.contains(&x.to_lowercase().as_str())) {
            out.push(p);
        }
    }
}

/// Measures the mood of every pool track Resonance can hear (Subsonic, local) that has none
/// stored, or only one measured by an older analysis (`stale`), one at a time, off the async
/// threads; stores each and updates the pool.
async fn analyse_missing(shared: &Arc<Shared>, stale: &std::collections::HashSet<String>) {
    if shared.analysing.swap(true, Relaxed) {
        return;
    }
    let todo: Vec<Track> = lock(&shared.pool)
        .iter()
        .filter(|p| {
            p.track.provider != ProviderKind::Spotify
                && (matches!(p.mood.source, MoodSource::Unknown | MoodSource::Matched | MoodSource::Tags)
                    || (p.mood.source == MoodSource::Audio && stale.contains(&p.track.key)))
        })
        .map(|p| p.track.clone())
        .collect();
    for t in todo {
        match analyse(shared, &t).await {
            Ok(m) => {
                let row = MoodRow {
                    track_key: t.key.clone(),
                    artist: t.artist.clone(),
                    title: t.title.clone(),
                    mood: mood::mood_from_features(&m),
                    features: serde_json::to_string(&m).unwrap_or_default(),
                };
                if let Err(e) = shared.store.put_mood(&row).await {
                    tracing::warn!("library: mood of {} not stored: {e}", t.key);
                }
                shared.metrics.library.analysed.fetch_add(1, Relaxed);
                let n = {
                    let mut pool = lock(&shared.pool);
                    if let Some(p) = pool.iter_mut().find(|p| p.track.key == t.key && p.mood.source != MoodSource::User) {
                        p.mood = row.mood;
                    }
                    pool.iter().filter(|p| p.mood.source != MoodSource::Unknown).count()
                };
                lock(&shared.view).with_mood = n;
            }
            Err(e) => tracing::warn!("library: cannot analyse {} ({}): {e}", t.key, t.title),
        }
    }
    shared.analysing.store(false, Relaxed);
}

/// Looks up the tags of every Spotify pool track with no mood (no label, no measured copy,
/// none from tags yet), one at a time, and stores the mood they give (source `tags`; a
/// user's label is never replaced: [`Store::put_mood`](crate::store::Store::put_mood)). A
/// failed look-up stores nothing for the track; a service that is down, stalls, refuses the
/// key or asks for a longer wait than the clients wait out ends the run (the next pool load
/// asks again).
pub async fn tag_missing(shared: &Arc<Shared>) {
    let Some(link) = shared.tag_services.get() else { return };
    let services = link();
    if services.is_empty() || shared.tagging.swap(true, Relaxed) {
        return;
    }
    let todo: Vec<Track> = {
        let tried = lock(&shared.tags_tried);
        lock(&shared.pool)
            .iter()
            .filter(|p| p.track.provider == ProviderKind::Spotify && p.mood.source == MoodSource::Unknown && !tried.contains(&p.track.key))
            .map(|p| p.track.clone())
            .collect()
    };
    let mut artists = HashMap::new();
    for t in todo {
        let r = crate::library::tags::lookup(&services, &t.artist, &t.title, t.duration_ms, &mut artists).await;
        let found = match r {
            Ok(found) => found,
            Err(e) => {
                shared.metrics.library.tag_errors.fetch_add(1, Relaxed);
                tracing::warn!("library: tags of {} — {} not looked up: {e}", t.artist, t.title);
                if matches!(e, ClientError::Malformed { .. } | ClientError::Rejected { .. }) {
                    continue;
                }
                break;
            }
        };
        lock(&shared.tags_tried).insert(t.key.clone());
        let Some(m) = crate::library::tags::mood_from_tags(&found.tags) else { continue };
        let row = MoodRow {
            track_key: t.key.clone(),
            artist: t.artist.clone(),
            title: t.title.clone(),
            mood: m,
            features: serde_json::to_string(&found).unwrap_or_default(),
        };
        if let Err(e) = shared.store.put_mood(&row).await {
            tracing::warn!("library: tag mood of {} not stored: {e}", t.key);
            continue;
        }
        shared.metrics.library.tagged.fetch_add(1, Relaxed);
        let n = {
            let mut pool = lock(&shared.pool);
            if let Some(p) = pool.iter_mut().find(|p| p.track.key == t.key && p.mood.source == MoodSource::Unknown) {
                p.mood = m;
            }
            pool.iter().filter(|p| p.mood.source != MoodSource::Unknown).count()
        };
        lock(&shared.view).with_mood = n;
    }
    shared.tagging.store(false, Relaxed);
}

/// Largest Subsonic file downloaded for analysis.
const MAX_ANALYSE_BYTES: u64 = 256 << 20;

async fn analyse(shared: &Shared, t: &Track) -> Result<mood::TrackFeatures, String> {
    match t.provider {
        ProviderKind::Local => {
            let p = PathBuf::from(&t.id);
            tokio::task::spawn_blocking(move || mood::analyse_file(&p)).await.map_err(|e| e.to_string())?
        }
        ProviderKind::Subsonic => {
            let c = lock(&shared.subsonic).clone().ok_or("no Subsonic server")?;
            measure_subsonic(&c, &t.id, shared.timeout, |e| {
                shared.count::<()>(ProviderKind::Subsonic, &e.map_or(Ok(()), |e| Err(e.clone())));
            })
            .await
        }
        ProviderKind::Spotify => Err("Spotify audio is not available to Resonance".into()),
    }
}

/// Downloads a Subsonic song (`stream`, at most 256 MiB; a pause longer than
/// `timeout` gives up) and measures it; `count` hears the stream call's outcome.
///
/// # Errors
/// What failed, as text: the call, a stalled or broken stream, a file too large, the decoder.
pub async fn measure_subsonic(
    c: &SubsonicClient,
    id: &str,
    timeout: Duration,
    count: impl Fn(Option<&ClientError>),
) -> Result<mood::TrackFeatures, String> {
    let r = c.stream(id, None).await;
    count(r.as_ref().err());
    let mut resp = r.map_err(|e| e.to_string())?;
    let ext = resp
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|c| c.rsplit('/').next())
        .map_or("bin", |s| {
            if s.contains("mpeg") {
                "mp3"
            } else if s.contains("wav") {
                "wav"
            } else {
                s
            }
        })
        .to_string();
    let path = std::env::temp_dir().join(format!("resonance-analyse-{}.{ext}", token()));
    let mut bytes = Vec::new();
    loop {
        let chunk = tokio::time::timeout(timeout, resp.chunk()).await.map_err(|_| "the stream stalled".to_string())?;
        match chunk.map_err(|e| format!("the stream broke: {e}"))? {
            Some(c) => {
                bytes.extend_from_slice(&c);
                if bytes.len() as u64 > MAX_ANALYSE_BYTES {
                    return Err("file too large to analyse".into());
                }
            }
            None => break,
        }
    }
    tokio::fs::write(&path, &bytes).await.map_err(|e| e.to_string())?;
    let p = path.clone();
    let r = tokio::task::spawn_blocking(move || mood::analyse_file(&p)).await.map_err(|e| e.to_string());
    let _ = tokio::fs::remove_file(&path).await;
    r?
}
