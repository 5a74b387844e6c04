//! Shared state of a running bridge: the sessions in memory, the engines heard, storage, the
//! writer, rules, keys and metrics; and the operations every domain builds on: locking and
//! creating sessions, publishing to WebSocket subscribers, commands out over OSC, persisting.
//!
//! The domains add their own operations on [`AppState`] next to their code (telemetry ingest
//! and controls in `telemetry::ingest`, engine reports in `osc_in::engine`), so this module
//! depends on no handler and every handler may depend on it.
//!
//! Each session sits behind its own async mutex. Every write of a session is queued to the
//! group-commit [`Writer`] while that lock is held, so the stored order is the order in which
//! the states were made; concurrent writes (of any sessions) share one transaction. HTTP
//! telemetry is pipelined: the lock is released once the write is queued and the request is
//! answered after its commit, so an acknowledged update is stored. If a commit fails, the
//! request gets the error, the writer's [`Fence`] refuses every later write built on the
//! unstored state, and the session reloads its last stored state ([`AppState::lock_session`]):
//! a failed write leaves no trace. Controls and deletes keep the lock until their commit.
//!

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::{Acquire, Relaxed};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::extract::ws::Utf8Bytes;
use serde_json::json;
use tokio::net::UdpSocket;
use tokio::sync::{Mutex, OwnedMutexGuard, broadcast};

use crate::auth::keys::{KeySet, new_key};
use crate::auth::policy::Policies;
use crate::clients::obs::ObsClient;
use crate::config::Config;
use crate::director::rules::RuleBook;
use crate::director::step::Decision;
use crate::director::styles::Styles;
use crate::error::{AppError, BridgeError, ValidationError};
use crate::guard::service::Guard;
use crate::library::service::Library;
use crate::metrics::Metrics;
use crate::osc::{self, Outbound};
use crate::recognition::service::Recognition;
use crate::store::Store;
use crate::telemetry::session::{Mood3, SessionState};
use crate::telemetry::store::{SessionRow, WriteOp};
use crate::telemetry::validate::TelemetryUpdate;
use crate::writer::{Fence, Writer};

/// Most sessions held at once (protects memory against a flood of new names).
pub const MAX_SESSIONS: usize = 1000;

/// How long an engine stays a command target after its last message.
pub const PEER_TIMEOUT: Duration = Duration::from_secs(30);

/// One message for WebSocket subscribers: pre-serialised JSON, cheap to clone.
#[derive(Clone, Debug)]
pub struct Frame {
    /// `None` for bridge-wide messages.
    pub session: Option<Arc<str>>,
    pub json: Utf8Bytes,
}

/// A session in memory.
#[derive(Debug)]
pub struct SessionEntry {
    pub state: SessionState,
    /// Changed since the last write (engine reports, OSC telemetry); flushed by the persister.
    pub dirty: bool,
    pub(crate) last_sent: Option<Mood3>,
    /// Generation of `state`: raised when a failed write forces a reload (see [`Fence`]).
    pub(crate) generation: u64,
    pub(crate) valid_from: Arc<AtomicU64>,
    /// Created by an engine's hello and given nothing else yet: never written, and the first
    /// to make room when the session cap is reached (decision record 0022).
    pub(crate) ephemeral: bool,
}

impl SessionEntry {
    pub(crate) fn new(state: SessionState, dirty: bool) -> Self {
        Self { state, dirty, last_sent: None, generation: 0, valid_from: Arc::new(AtomicU64::new(0)), ephemeral: false }
    }

    /// The fence for a write of the current state.
    pub(crate) fn fence(&self) -> Fence {
        Fence { valid_from: self.valid_from.clone(), generation: self.generation }
    }
}

#[derive(Debug)]
pub(crate) struct Peer {
    pub(crate) session: String,
    pub(crate) last_seen: Instant,
}

/// Everything the handlers share.
#[derive(Debug)]
pub struct Inner {
    pub config: Config,
    pub store: Store,
    pub rules: RuleBook,
    /// The style names that exist (factory and user presets, styles engines announce).
    pub styles: Styles,
    pub keys: KeySet,
    /// Scopes and rate limits of the keys created with them.
    pub policies: Policies,
    pub metrics: Arc<Metrics>,
    /// The group-commit writer: every session write goes through it, in session-lock order.
    pub writer: Writer,
    pub hub: broadcast::Sender<Frame>,
    pub(crate) sessions: RwLock<HashMap<String, Arc<Mutex<SessionEntry>>>>,
    pub(crate) peers: std::sync::Mutex<HashMap<SocketAddr, Peer>>,
    osc: RwLock<Option<Arc<UdpSocket>>>,
    pub started: Instant,
    /// The HTTP address actually bound (for CORS), set by `start`.
    pub bound: std::sync::OnceLock<SocketAddr>,
    /// Parameter armed for MIDI learn, if any.
    pub midi_learn: std::sync::Mutex<Option<String>>,
    /// The recognition service: its catalogue and worker pools.
    pub recognition: Recognition,
    /// The OBS connection (`--obs`), for the director rules' `obs` actions.
    pub obs: Option<ObsClient>,
    /// The copyright guard: policy, per-session decisions, action log, segments.
    pub guard: Guard,
    /// The clip library: its files, limits and write lock.
    pub clips: crate::clips::Clips,
    /// The music library (Spotify, Subsonic, folders) and its player task.
    pub library: Library,
    /// Music discovery: its jobs, queue, wishlist and downloads.
    pub discovery: crate::discovery::service::Discovery,
    /// Cluster mode (`--cluster`): the NATS link, set once connected (docs/cluster.md).
    pub cluster: std::sync::OnceLock<Arc<crate::cluster::link::Link>>,
    /// Cluster mode: session frames go to NATS through this queue, not to the local ring.
    pub cluster_frames: std::sync::OnceLock<tokio::sync::mpsc::Sender<(Arc<str>, Utf8Bytes)>>,
}

/// Cheap-to-clone handle to the bridge's state (axum `State`).
#[derive(Clone, Debug)]
pub struct AppState {
    pub inner: Arc<Inner>,
}

fn frame(session: Option<&str>, value: &serde_json::Value) -> Frame {
    Frame { session: session.map(Arc::from), json: Utf8Bytes::from(value.to_string()) }
}

/// Every table's statements, in order (what [`AppState::open`] applies; also for tools that
/// open the store alone, like `resonance keys`).
pub fn schema() -> Vec<&'static str> {
    [
        crate::telemetry::store::SCHEMA,
        crate::auth::store::SCHEMA,
        crate::recognition::store::SCHEMA,
        crate::guard::store::SCHEMA,
        crate::clips::store::SCHEMA,
        crate::library::store::SCHEMA,
        crate::discovery::store::SCHEMA,
        crate::cluster::store::SCHEMA,
    ]
    .concat()
}

impl AppState {
    /// Re-reads the API keys from storage, so keys created or revoked by another process
    /// (`resonance keys`) take effect in a running bridge.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails (the keys in memory stay as they were).
    pub async fn reload_keys(&self) -> Result<(), BridgeError> {
        let records = self.inner.store.keys().await?;
        self.inner.keys.replace(&records);
        Ok(())
    }

    /// Opens storage, loads keys, rules and sessions. Returns the state and, on the very first
    /// start (no key stored), the new API key in clear text (shown once).
    pub async fn open(config: Config) -> Result<(Self, Option<String>), BridgeError> {
        let url = config.database_url();
        if let Some(dir) = &config.data_dir {
            std::fs::create_dir_all(dir).map_err(|e| {
                BridgeError::Config(format!("cannot use {} as the data directory: {e}; --data must name a folder", dir.display()))
            })?;
        }
        let store = Store::open(&url, &schema()).await?;
        let rules_dir = config.data_dir.as_ref().map(|d| d.join("rules"));
        let styles = Styles::load(config.data_dir.as_ref().map(|d| d.join("styles")).as_deref())?;
        let known: Vec<&str> = styles.known_at_start().collect();
        let rules = RuleBook::load(rules_dir.as_deref(), &config.default_rules, &known)?;
        let mut records = store.keys().await?;
        let mut first_key = None;
        if records.is_empty() {
            let (key, rec) = new_key("initial");
            store.insert_key(&rec).await?;
            records.push(rec);
            first_key = Some(key);
        }
        let keys = KeySet::from_records(&records);
        let policies = Policies::from_records(store.policies().await?);
        let (hub, _) = broadcast::channel(config.ws_buffer.max(16));
        let mut sessions = HashMap::new();
        for s in store.load_sessions().await? {
            sessions.insert(s.name.clone(), Arc::new(Mutex::new(SessionEntry::new(s, false))));
        }
        let metrics = Arc::new(Metrics::default());
        metrics.sessions.store(sessions.len() as i64, Relaxed);
        let writer = Writer::spawn(store.clone(), metrics.clone());
        let recognition = Recognition::open(&config, &store, &metrics).await?;
        let obs = config.obs.clone().map(ObsClient::spawn);
        let config_guard = config.guard.clone();
        let clips = crate::clips::Clips::open(config.clips_dir(), config.clips.clone(), &store).await?;
        metrics.clips.store(store.clip_count().await?, Relaxed);
        let hub_lib = hub.clone();
        let publish: crate::library::model::Publish = std::sync::Arc::new(move |v| {
            let _ = hub_lib.send(frame(None, &v));
        });
        let vault = crate::library::vault::Vault::open(config.data_dir.as_deref().unwrap_or(std::path::Path::new(".")))?;
        let library = Library::open(&store, metrics.clone(), publish, config.library_timeout, vault.clone()).await?;
        let hub_disc = hub.clone();
        let publish_disc: crate::discovery::jobs::Publish = std::sync::Arc::new(move |v| {
            let _ = hub_disc.send(frame(None, &v));
        });
        let discovery = crate::discovery::service::Discovery::open(&store, metrics.clone(), publish_disc, vault).await?;
        let inner = Inner {
            config,
            writer,
            store,
            rules,
            styles,
            keys,
            policies,
            metrics,
            hub,
            sessions: RwLock::new(sessions),
            peers: std::sync::Mutex::new(HashMap::new()),
            osc: RwLock::new(None),
            started: Instant::now(),
            bound: std::sync::OnceLock::new(),
            midi_learn: std::sync::Mutex::new(None),
            recognition,
            obs,
            guard: Guard::new(config_guard),
            clips,
            library,
            discovery,
            cluster: std::sync::OnceLock::new(),
            cluster_frames: std::sync::OnceLock::new(),
        };
        let state = Self { inner: Arc::new(inner) };
        state.link_library();
        state.watch_obs();
        state.start_guard();
        // artists the guard recognised on air: catalog-discovery's extra seeds
        let weak = Arc::downgrade(&state.inner);
        state.inner.discovery.set_on_air(Arc::new(move || {
            weak.upgrade()
                .map_or_else(Vec::new, |i| crate::guard::service::lock(&i.guard.segments).iter().map(|s| s.artist.clone()).collect())
        }));
        Ok((state, first_key))
    }

    /// Sets the UDP socket used for commands out (the OSC listener's own socket, so engines
    /// see replies coming from the address they send to).
    pub fn set_osc_socket(&self, sock: Arc<UdpSocket>) {
        *self.inner.osc.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(sock);
    }

    pub fn publish(&self, session: Option<&str>, value: &serde_json::Value) {
        let f = frame(session, value);
        // Cluster mode: a session's frames reach every bridge's subscribers through NATS.
        if let (Some(s), Some(tx)) = (&f.session, self.inner.cluster_frames.get()) {
            if tx.try_send((s.clone(), f.json)).is_err() {
                self.inner.metrics.ws_dropped.fetch_add(1, Relaxed);
            }
            return;
        }
        // No receivers is fine: nobody is watching.
        let _ = self.inner.hub.send(f);
    }

    pub fn session_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.inner.sessions.read().unwrap_or_else(std::sync::PoisonError::into_inner).keys().cloned().collect();
        v.sort();
        v
    }

    pub fn get(&self, name: &str) -> Option<Arc<Mutex<SessionEntry>>> {
        self.inner.sessions.read().unwrap_or_else(std::sync::PoisonError::into_inner).get(name).cloned()
    }

    /// The session, created (in memory) when new.
    pub fn get_or_create(&self, name: &str) -> Result<Arc<Mutex<SessionEntry>>, ValidationError> {
        self.get_or_create_as(name, false)
    }

    /// The session, created (in memory) when new; `ephemeral` when an engine's hello creates
    /// it (never written until it gets more than hellos; decision record 0022). At the cap, a
    /// session created for anything but a hello takes the place of an ephemeral one; otherwise
    /// the cap refuses it.
    pub fn get_or_create_as(&self, name: &str, ephemeral: bool) -> Result<Arc<Mutex<SessionEntry>>, ValidationError> {
        if let Some(s) = self.get(name) {
            return Ok(s);
        }
        let mut map = self.inner.sessions.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(s) = map.get(name) {
            return Ok(s.clone());
        }
        let mut evicted = None;
        if map.len() >= MAX_SESSIONS && !ephemeral {
            // a session being used (locked) is not ephemeral for long: skip it
            evicted = map.iter().find(|(_, e)| e.try_lock().is_ok_and(|e| e.ephemeral)).map(|(n, _)| n.clone());
            if let Some(n) = &evicted {
                map.remove(n);
            }
        }
        if map.len() >= MAX_SESSIONS {
            return Err(ValidationError {
                field: "session".into(),
                message: format!("too many sessions ({MAX_SESSIONS}); delete old ones with DELETE /api/v1/sessions/{{session}}"),
            });
        }
        let state = self.inner.rules.default_set().new_session(name);
        let mut new = SessionEntry::new(state, !ephemeral);
        new.ephemeral = ephemeral;
        let entry = Arc::new(Mutex::new(new));
        map.insert(name.to_string(), entry.clone());
        self.inner.metrics.sessions.store(map.len() as i64, Relaxed);
        drop(map);
        if let Some(n) = evicted {
            self.publish(Some(&n), &json!({"type": "session_deleted", "session": n}));
        }
        self.publish(Some(name), &json!({"type": "session_created", "session": name}));
        Ok(entry)
    }

    /// Removes a session from memory and storage; `false` when unknown.
    pub async fn delete_session(&self, name: &str) -> Result<bool, AppError> {
        let Some(entry) = self.get(name) else { return Ok(false) };
        let mut e = self.lock_session(&entry).await?;
        self.inner.writer.queue(WriteOp::Delete(name.to_string()), e.fence()).committed().await?;
        e.dirty = false;
        let mut map = self.inner.sessions.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        map.remove(name);
        self.inner.metrics.sessions.store(map.len() as i64, Relaxed);
        drop(map);
        drop(e);
        self.publish(Some(name), &json!({"type": "session_deleted", "session": name}));
        Ok(true)
    }

    /// Locks a session; if one of its writes failed since its state was made, first reloads
    /// the last stored state (or a fresh one if it was never stored) and starts a new
    /// generation, so nothing unstored survives a failed write.
    ///
    /// # Errors
    /// [`AppError::Internal`] when the reload fails (the database is still unavailable).
    pub async fn lock_session(&self, entry: &Arc<Mutex<SessionEntry>>) -> Result<OwnedMutexGuard<SessionEntry>, AppError> {
        let mut e = entry.clone().lock_owned().await;
        let valid_from = e.valid_from.load(Acquire);
        if valid_from > e.generation {
            let name = e.state.name.clone();
            let stored = self.inner.store.load_session(&name).await?;
            e.state = stored.unwrap_or_else(|| self.inner.rules.default_set().new_session(&name));
            e.generation = valid_from;
            e.dirty = false;
            e.last_sent = None;
            tracing::warn!("session {name}: a write failed; reloaded its last stored state (updates {})", e.state.updates);
        }
        Ok(e)
    }

    /// Publishes a decision and the update to subscribers and sends commands to engines.
    pub(crate) fn emit(&self, e: &mut SessionEntry, u: Option<&TelemetryUpdate>, d: &Decision) {
        let name = e.state.name.clone();
        if let Some(u) = u {
            self.publish(
                Some(&name),
                &json!({"type": "telemetry", "session": name, "updates": e.state.updates, "update": u, "metrics": e.state.metrics}),
            );
        }
        for r in &d.fired {
            self.publish(Some(&name), &json!({"type": "rule", "session": name, "rule": r}));
        }
        let trigger = u.is_some_and(|u| u.trigger.is_some());
        if d.target.is_some() || trigger {
            // the library follows the target; a non-blocking offer (never waits for a provider)
            let t = d.target.unwrap_or(e.state.target);
            let target = crate::library::select::Target { valence: t.valence, arousal: t.arousal, energy: Some(t.intensity), trigger };
            self.inner.library.offer(&name, target);
        }
        if let Some(t) = d.target {
            self.publish(Some(&name), &json!({"type": "target", "session": name, "target": t, "style": e.state.style}));
            // Commands out only when the target moved noticeably (the engine smooths anyway).
            let moved = e.last_sent.is_none_or(|l| {
                (l.valence - t.valence).abs() > 0.01 || (l.arousal - t.arousal).abs() > 0.01 || (l.intensity - t.intensity).abs() > 0.01
            });
            if moved {
                e.last_sent = Some(t);
                self.command(&name, &Outbound::Mood(t.into()));
            }
        }
        if let Some((style, q)) = &d.style {
            self.command(&name, &Outbound::Style { name: style.clone(), quantize: *q });
        }
        for c in &d.stingers {
            self.command(&name, &Outbound::Cue(*c));
        }
        self.fire_rule_clips(&name, &d.clips);
        for a in &d.obs {
            let id = self.inner.obs.as_ref().map(|o| o.act(a.clone()));
            self.publish(Some(&name), &json!({"type": "obs_action", "session": name, "id": id, "action": a, "sent": id.is_some()}));
        }
    }

    /// Publishes the OBS connection's status changes and every action's outcome as bridge-wide
    /// frames (`obs_status`, `obs_outcome`), while the state lives.
    fn watch_obs(&self) {
        let Some(obs) = &self.inner.obs else { return };
        let (mut status, mut outcomes) = (obs.watch_status(), obs.outcomes());
        let weak = Arc::downgrade(&self.inner);
        tokio::spawn(async move {
            loop {
                let value = tokio::select! {
                    r = status.changed() => {
                        if r.is_err() { return; }
                        let s = status.borrow_and_update().clone();
                        json!({"type": "obs_status", "status": s})
                    }
                    o = outcomes.recv() => match o {
                        Ok(o) => json!({"type": "obs_outcome", "id": o.id, "action": o.action, "ok": o.result.is_ok(),
                                        "error": o.result.err().map(|e| e.to_string())}),
                        Err(broadcast::error::RecvError::Lagged(_)) => continue,
                        Err(broadcast::error::RecvError::Closed) => return,
                    },
                };
                let Some(inner) = weak.upgrade() else { return };
                let _ = inner.hub.send(frame(None, &value));
            }
        });
    }

    /// Gives the library its way to the live hosts' music decks: commands to a session's
    /// engines, and this bridge's address for the stream URLs they fetch.
    fn link_library(&self) {
        let (w1, w2) = (Arc::downgrade(&self.inner), Arc::downgrade(&self.inner));
        let link = crate::library::model::EngineLink {
            command: Arc::new(move |session, cmd| w1.upgrade().map_or(0, |inner| AppState { inner }.command(session, cmd))),
            base_url: Arc::new(move || {
                let Some(inner) = w2.upgrade() else { return String::new() };
                let mut a = inner.bound.get().copied().unwrap_or(inner.config.listen);
                if a.ip().is_unspecified() {
                    a.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
                }
                format!("http://{a}")
            }),
        };
        let _ = self.inner.library.shared.engines.set(link);
        // tags of Spotify-only tracks: on the services the discovery settings configure
        // (MusicBrainz once a contact is set, sharing discovery's client and its 1/s gate;
        // Last.fm once an API key is set)
        let discovery = self.inner.discovery.clone();
        let tags: crate::library::model::TagLink = Arc::new(move || {
            let s = discovery.settings();
            let timeout = std::time::Duration::from_secs(s.timeout_s.max(1));
            crate::library::tags::TagServices {
                musicbrainz: (!s.mb_contact.trim().is_empty()).then(|| discovery.shared.musicbrainz(&s)),
                lastfm: s
                    .lastfm_key
                    .as_deref()
                    .filter(|k| !k.trim().is_empty())
                    .map(|k| crate::clients::lastfm::LastfmClient::new(&s.lastfm_url, k, timeout)),
            }
        });
        let _ = self.inner.library.shared.tag_services.set(tags);
    }

    /// Sends a command to every engine bound to `session` and to the configured targets, and
    /// tells subscribers; how many engines and targets it went to. Never blocks: a full socket
    /// buffer drops the datagram (counted).
    pub fn command(&self, session: &str, cmd: &Outbound) -> usize {
        let datagram = osc::to_datagram(osc::encode_command(cmd));
        let mut targets: Vec<SocketAddr> = self.inner.config.osc_targets.clone();
        {
            let mut peers = self.inner.peers.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            peers.retain(|_, p| p.last_seen.elapsed() < PEER_TIMEOUT);
            targets.extend(peers.iter().filter(|(_, p)| p.session == session).map(|(a, _)| *a));
        }
        targets.sort_unstable();
        targets.dedup();
        let sock = self.inner.osc.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        if let Some(sock) = sock {
            for t in &targets {
                if sock.try_send_to(&datagram, *t).is_ok() {
                    self.inner.metrics.osc_commands_sent.fetch_add(1, Relaxed);
                }
            }
        }
        let what = match cmd {
            Outbound::Mood(t) => json!({"command": "mood", "valence": t.valence, "arousal": t.arousal, "intensity": t.intensity}),
            Outbound::Style { name, quantize } => json!({"command": "style", "style": name, "quantize": osc::quantize_name(*quantize)}),
            Outbound::Cue(c) => json!({"command": "cue", "cue": c.as_str()}),
            Outbound::Param { id, value } => json!({"command": "param", "param": id.info().id, "value": value}),
            Outbound::MidiLearn { id } => json!({"command": "midi_learn", "param": id.info().id}),
            Outbound::Guard { gain_db, fade_ms, lease_ms } => {
                json!({"command": "guard", "gain_db": gain_db, "fade_ms": fade_ms, "lease_ms": lease_ms})
            }
            Outbound::MoodOverride(t) => {
                json!({"command": "mood_override", "valence": t.valence, "arousal": t.arousal, "intensity": t.intensity})
            }
            Outbound::ClearMoodOverride => json!({"command": "mood_clear"}),
            Outbound::StyleIndex { index, quantize } => {
                json!({"command": "style", "style_index": index, "quantize": osc::quantize_name(*quantize)})
            }
            Outbound::DeckPlay { url, fade_s, layer, quantize, .. } => json!({"command": "deck_play", "fade_s": fade_s, "layer": layer,
                "quantize": osc::quantize_name(*quantize), "track": url.rsplit('/').next()}),
            Outbound::DeckStop { fade_s, quantize } => {
                json!({"command": "deck_stop", "fade_s": fade_s, "quantize": osc::quantize_name(*quantize)})
            }
            Outbound::DeckLayer { layer, fade_s } => json!({"command": "deck_layer", "layer": layer, "fade_s": fade_s}),
            Outbound::Clip { id, quantize, gain_db, fire_id, .. } => {
                json!({"command": "clip", "id": id, "quantize": osc::quantize_name(*quantize), "gain_db": gain_db, "fire_id": fire_id})
            }
            _ => json!({"command": "other"}),
        };
        self.publish(Some(session), &json!({"type": "command", "session": session, "engines": targets.len(), "detail": what}));
        targets.len()
    }

    /// Writes every dirty session (engine reports and OSC telemetry), all in one group commit.
    /// Each write is queued under its session's lock, so it is ordered before any later write
    /// of that session and cannot overwrite a newer state.
    pub async fn flush_dirty(&self) {
        let entries: Vec<Arc<Mutex<SessionEntry>>> =
            self.inner.sessions.read().unwrap_or_else(std::sync::PoisonError::into_inner).values().cloned().collect();
        let mut pending = Vec::new();
        for entry in entries {
            let Ok(mut e) = self.lock_session(&entry).await else { continue };
            if !e.dirty || e.ephemeral {
                continue;
            }
            match SessionRow::new(&e.state, None) {
                Ok(row) => {
                    e.dirty = false;
                    let p = self.inner.writer.queue(WriteOp::Session(row), e.fence());
                    drop(e);
                    pending.push((entry.clone(), p));
                }
                Err(err) => tracing::warn!("could not serialise session {}: {err}", e.state.name),
            }
        }
        for (entry, p) in pending {
            if let Err(err) = p.committed().await {
                let mut e = entry.lock().await;
                tracing::warn!("could not persist session {}: {err}; will retry", e.state.name);
                e.dirty = true;
            }
        }
    }
}
