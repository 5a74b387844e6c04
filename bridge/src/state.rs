//! Shared state of a running bridge and the operations on it: telemetry ingest (HTTP with
//! write-through, OSC), engine reports, controls, commands out over OSC and the fan-out to
//! WebSocket subscribers.
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
//! OSC from engines arrives in batches (every datagram queued on the socket when the receive
//! task wakes, see `osc_loop` in `lib.rs`). Each message is applied to its session's state in
//! order, but the *state* frames (crowd mood, meters) are coalesced: a session publishes its
//! latest mood and meters once per batch, and the director runs once per batch on the latest
//! state. *Occurrences* (crowd events, now playing, hello, cue and style reports) are never
//! coalesced: before one is published, the session's pending state frames go out, then the
//! occurrence, then the director's reaction to it — so subscribers see every event, in order,
//! and a mood no older than what the engine had sent before it. Under light load a batch is
//! one datagram and every mood is published; under heavy load the publish rate is bounded by
//! the batch rate instead of the message rate, which is what keeps subscribers current.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::{Acquire, Relaxed};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::extract::ws::Utf8Bytes;
use resonance_engine::params::ParamId;
use resonance_engine::{Cue, Quantize};
use serde_json::json;
use tokio::net::UdpSocket;
use tokio::sync::{Mutex, OwnedMutexGuard, broadcast};

use crate::auth::KeySet;
use crate::config::Config;
use crate::director::{self, Decision, RuleBook};
use crate::error::{AppError, BridgeError};
use crate::metrics::Metrics;
use crate::osc::{self, Inbound, Outbound};
use crate::session::{CrowdMood, MetersView, Mood3, NowPlaying, SessionState};
use crate::store::{SessionRow, Store, WriteOp};
use crate::telemetry::{TelemetryUpdate, ValidationError};
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
    last_sent: Option<Mood3>,
    /// Generation of `state`: raised when a failed write forces a reload (see [`Fence`]).
    generation: u64,
    valid_from: Arc<AtomicU64>,
}

impl SessionEntry {
    fn new(state: SessionState, dirty: bool) -> Self {
        Self { state, dirty, last_sent: None, generation: 0, valid_from: Arc::new(AtomicU64::new(0)) }
    }

    /// The fence for a write of the current state.
    fn fence(&self) -> Fence {
        Fence { valid_from: self.valid_from.clone(), generation: self.generation }
    }
}

/// A session locked by the OSC batch being handled, with what it has yet to publish.
struct Open {
    name: String,
    e: OwnedMutexGuard<SessionEntry>,
    /// Crowd mood changed since the last publish.
    mood: bool,
    /// Meters, loudness or xruns changed since the last publish.
    meters: bool,
    /// The director has not yet seen the latest state.
    changed: bool,
}

#[derive(Debug)]
struct Peer {
    session: String,
    last_seen: Instant,
}

/// Everything the handlers share.
#[derive(Debug)]
pub struct Inner {
    pub config: Config,
    pub store: Store,
    pub rules: RuleBook,
    pub keys: KeySet,
    pub metrics: Arc<Metrics>,
    /// The group-commit writer: every session write goes through it, in session-lock order.
    pub writer: Writer,
    pub hub: broadcast::Sender<Frame>,
    sessions: RwLock<HashMap<String, Arc<Mutex<SessionEntry>>>>,
    peers: std::sync::Mutex<HashMap<SocketAddr, Peer>>,
    osc: RwLock<Option<Arc<UdpSocket>>>,
    pub started: Instant,
    /// The HTTP address actually bound (for CORS), set by `start`.
    pub bound: std::sync::OnceLock<SocketAddr>,
    /// Parameter armed for MIDI learn, if any.
    pub midi_learn: std::sync::Mutex<Option<String>>,
}

/// Cheap-to-clone handle to the bridge's state (axum `State`).
#[derive(Clone, Debug)]
pub struct AppState {
    pub inner: Arc<Inner>,
}

fn frame(session: Option<&str>, value: &serde_json::Value) -> Frame {
    Frame { session: session.map(Arc::from), json: Utf8Bytes::from(value.to_string()) }
}

impl AppState {
    /// Opens storage, loads keys, rules and sessions. Returns the state and, on the very first
    /// start (no key stored), the new API key in clear text (shown once).
    pub async fn open(config: Config) -> Result<(Self, Option<String>), BridgeError> {
        let url = config.database_url();
        if let Some(dir) = &config.data_dir {
            std::fs::create_dir_all(dir)?;
        }
        let store = Store::open(&url).await?;
        let rules_dir = config.data_dir.as_ref().map(|d| d.join("rules"));
        let rules = RuleBook::load(rules_dir.as_deref(), &config.default_rules)?;
        let mut records = store.keys().await?;
        let mut first_key = None;
        if records.is_empty() {
            let (key, rec) = crate::auth::new_key("initial");
            store.insert_key(&rec).await?;
            records.push(rec);
            first_key = Some(key);
        }
        let keys = KeySet::from_records(&records);
        let (hub, _) = broadcast::channel(config.ws_buffer.max(16));
        let mut sessions = HashMap::new();
        for s in store.load_sessions().await? {
            sessions.insert(s.name.clone(), Arc::new(Mutex::new(SessionEntry::new(s, false))));
        }
        let metrics = Arc::new(Metrics::default());
        metrics.sessions.store(sessions.len() as i64, Relaxed);
        let writer = Writer::spawn(store.clone(), metrics.clone());
        let inner = Inner {
            config,
            writer,
            store,
            rules,
            keys,
            metrics,
            hub,
            sessions: RwLock::new(sessions),
            peers: std::sync::Mutex::new(HashMap::new()),
            osc: RwLock::new(None),
            started: Instant::now(),
            bound: std::sync::OnceLock::new(),
            midi_learn: std::sync::Mutex::new(None),
        };
        Ok((Self { inner: Arc::new(inner) }, first_key))
    }

    /// Sets the UDP socket used for commands out (the OSC listener's own socket, so engines
    /// see replies coming from the address they send to).
    pub fn set_osc_socket(&self, sock: Arc<UdpSocket>) {
        *self.inner.osc.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(sock);
    }

    pub fn publish(&self, session: Option<&str>, value: &serde_json::Value) {
        // No receivers is fine: nobody is watching.
        let _ = self.inner.hub.send(frame(session, value));
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
        if let Some(s) = self.get(name) {
            return Ok(s);
        }
        let mut map = self.inner.sessions.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(s) = map.get(name) {
            return Ok(s.clone());
        }
        if map.len() >= MAX_SESSIONS {
            return Err(ValidationError {
                field: "session".into(),
                message: format!("too many sessions ({MAX_SESSIONS}); delete old ones with DELETE /api/v1/sessions/{{session}}"),
            });
        }
        let state = SessionState::new(name, &self.inner.rules.default_set());
        let entry = Arc::new(Mutex::new(SessionEntry::new(state, true)));
        map.insert(name.to_string(), entry.clone());
        self.inner.metrics.sessions.store(map.len() as i64, Relaxed);
        drop(map);
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

    /// Applies validated HTTP telemetry: queues the write, then answers once it is committed.
    /// Returns the new state.
    ///
    /// The session's lock is released as soon as the write is queued (pipelining: the next
    /// request of the same session joins the same or the next group commit instead of waiting
    /// for this one). The new state is visible to readers and subscribers from then on; if its
    /// commit fails, this request gets the error, every later write built on it is refused by
    /// the writer's [`Fence`], and the session is reloaded from its last stored state.
    pub async fn ingest_http(&self, name: &str, u: &TelemetryUpdate, body: &str) -> Result<SessionState, AppError> {
        let entry = self.get_or_create(name)?;
        let mut e = self.lock_session(&entry).await?;
        let mut next = e.state.clone();
        let d = self.apply_update(&mut next, u);
        let row = SessionRow::new(&next, Some(body.to_string()))?;
        let pending = self.inner.writer.queue(WriteOp::Session(row), e.fence());
        e.state = next;
        e.dirty = false;
        self.emit(&mut e, Some(u), &d);
        let answer = e.state.clone();
        drop(e);
        if let Err(err) = pending.committed().await {
            // Roll the session back to what is stored now rather than at its next write.
            drop(self.lock_session(&entry).await);
            return Err(err.into());
        }
        self.inner.metrics.telemetry_http.fetch_add(1, Relaxed);
        Ok(answer)
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
            e.state = stored.unwrap_or_else(|| SessionState::new(&name, &self.inner.rules.default_set()));
            e.generation = valid_from;
            e.dirty = false;
            e.last_sent = None;
            tracing::warn!("session {name}: a write failed; reloaded its last stored state (updates {})", e.state.updates);
        }
        Ok(e)
    }

    /// Applies validated OSC telemetry (persisted by the persister within its interval).
    pub async fn ingest_osc_telemetry(&self, name: &str, u: &TelemetryUpdate) -> Result<(), ValidationError> {
        let entry = self.get_or_create(name)?;
        let mut e = entry.lock().await;
        let d = self.apply_update(&mut e.state, u);
        e.dirty = true;
        self.inner.metrics.telemetry_osc_game.fetch_add(1, Relaxed);
        self.emit(&mut e, Some(u), &d);
        Ok(())
    }

    fn apply_update(&self, st: &mut SessionState, u: &TelemetryUpdate) -> Decision {
        st.apply(u);
        let mut occ: Vec<String> = Vec::new();
        if let Some(t) = &u.trigger {
            occ.push(t.clone());
        }
        if u.event.is_some()
            && let Some(e) = &st.metrics.last_event
        {
            occ.push(e.clone());
        }
        let set = self.inner.rules.for_session(&st.rules);
        let occ_refs: Vec<&str> = occ.iter().map(String::as_str).collect();
        director::step(&set, st, &occ_refs)
    }

    /// Publishes a decision and the update to subscribers and sends commands to engines.
    fn emit(&self, e: &mut SessionEntry, u: Option<&TelemetryUpdate>, d: &Decision) {
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
    }

    /// Sends a command to every engine bound to `session` and to the configured targets, and
    /// tells subscribers. Never blocks: a full socket buffer drops the datagram (counted).
    pub fn command(&self, session: &str, cmd: &Outbound) {
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
            Outbound::MoodOverride(t) => {
                json!({"command": "mood_override", "valence": t.valence, "arousal": t.arousal, "intensity": t.intensity})
            }
            Outbound::ClearMoodOverride => json!({"command": "mood_clear"}),
            Outbound::StyleIndex { index, quantize } => {
                json!({"command": "style", "style_index": index, "quantize": osc::quantize_name(*quantize)})
            }
            _ => json!({"command": "other"}),
        };
        self.publish(Some(session), &json!({"type": "command", "session": session, "engines": targets.len(), "detail": what}));
    }

    /// Handles one decoded OSC message from `peer` (a batch of one).
    pub async fn handle_inbound(&self, peer: SocketAddr, msg: Inbound) {
        self.handle_batch(&mut vec![(peer, msg)]).await;
    }

    /// Handles a batch of decoded OSC messages in order (drains `batch`). Engine reports are
    /// applied one by one; state frames are coalesced per session (module docs).
    pub async fn handle_batch(&self, batch: &mut Vec<(SocketAddr, Inbound)>) {
        let mut open: Option<Open> = None;
        let mut peer_session: Option<(SocketAddr, String)> = None;
        for (peer, msg) in batch.drain(..) {
            if let Inbound::Telemetry { session, fields } = &msg {
                if let Some(o) = open.take() {
                    self.flush_open(o);
                }
                self.osc_telemetry(peer, session, fields).await;
                continue;
            }
            self.inner.metrics.osc_engine_messages.fetch_add(1, Relaxed);
            if matches!(msg, Inbound::Hello { .. }) || peer_session.as_ref().is_none_or(|(p, _)| *p != peer) {
                peer_session = Some((peer, self.bind_peer(peer, &msg)));
            }
            let Some((_, session)) = &peer_session else { continue };
            if open.as_ref().is_none_or(|o| o.name != *session) {
                if let Some(o) = open.take() {
                    self.flush_open(o);
                }
                let Ok(entry) = self.get_or_create(session) else {
                    self.inner.metrics.reject("osc_invalid_telemetry");
                    continue;
                };
                // A plain lock, not `lock_session`: engine reports are not acknowledged, so after a
                // failed write they may land on the unstored state; the next flush reloads it.
                open = Some(Open { name: session.clone(), e: entry.lock_owned().await, mood: false, meters: false, changed: false });
            }
            if let Some(o) = open.as_mut() {
                self.apply_engine(o, peer, msg);
            }
        }
        if let Some(o) = open.take() {
            self.flush_open(o);
        }
    }

    /// Validates and applies OSC game telemetry.
    async fn osc_telemetry(&self, peer: SocketAddr, session: &str, fields: &[(String, osc::TelemetryArg)]) {
        let parsed = crate::telemetry::validate(fields.iter().map(|(k, v)| (k.as_str(), v.into())));
        let r = match parsed {
            Ok(u) => self.ingest_osc_telemetry(session, &u).await,
            Err(e) => Err(e),
        };
        if let Err(e) = r {
            tracing::debug!("OSC telemetry from {peer} rejected: {e}");
            self.inner.metrics.reject("osc_invalid_telemetry");
        }
    }

    /// The session `peer` reports for (binding it on hello), refreshing its last-seen time.
    fn bind_peer(&self, peer: SocketAddr, msg: &Inbound) -> String {
        let mut peers = self.inner.peers.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Inbound::Hello { session } = msg {
            peers.insert(peer, Peer { session: session.clone(), last_seen: Instant::now() });
        }
        let p = peers.entry(peer).or_insert_with(|| Peer { session: "default".into(), last_seen: Instant::now() });
        p.last_seen = Instant::now();
        p.session.clone()
    }

    /// Applies one engine report to the open session: state reports are marked for the
    /// coalesced publish, occurrences are published at once (after the pending state).
    fn apply_engine(&self, o: &mut Open, peer: SocketAddr, msg: Inbound) {
        let name = o.name.as_str();
        let (payload, occurrence) = match msg {
            Inbound::Mood(m) => {
                o.e.state.crowd = Some(CrowdMood {
                    valence: m.valence,
                    arousal: m.arousal,
                    label: m.label.as_str().into(),
                    confidence: m.confidence,
                    time: m.time,
                });
                o.mood = true;
                o.changed = true;
                o.e.dirty = true;
                return;
            }
            Inbound::Meters(m) => {
                let mv = o.e.state.meters.get_or_insert_with(MetersView::default);
                mv.input_peak_db = m.input_peak_db;
                mv.output_peak_db = m.output_peak_db;
                mv.limiter_gr_db = m.limiter_gr_db;
                mv.duck_db = m.duck_db;
                o.meters = true;
                o.e.dirty = true;
                return;
            }
            Inbound::Loudness { momentary_lufs, short_term_lufs } => {
                let mv = o.e.state.meters.get_or_insert_with(MetersView::default);
                mv.momentary_lufs = Some(momentary_lufs);
                mv.short_term_lufs = Some(short_term_lufs);
                o.meters = true;
                o.e.dirty = true;
                return;
            }
            Inbound::Xruns(n) => {
                let mv = o.e.state.meters.get_or_insert_with(MetersView::default);
                // Cumulative count from the engine; a smaller number means it restarted.
                let added = if n >= mv.xruns { n - mv.xruns } else { n };
                mv.xruns = n;
                self.inner.metrics.engine_xruns.fetch_add(added, Relaxed);
                o.meters = true;
                o.e.dirty = true;
                return;
            }
            Inbound::Hello { .. } => (json!({"type": "engine", "session": name, "engine": peer.to_string()}), None),
            Inbound::Event(ev) => {
                o.e.state.log("crowd", ev.kind.as_str());
                (
                    json!({"type": "event", "session": name, "kind": ev.kind.as_str(), "confidence": ev.confidence, "onset": ev.onset}),
                    Some(format!("crowd.{}", ev.kind.as_str())),
                )
            }
            Inbound::NowPlaying { title, artist, confidence } => {
                let v = json!({"type": "now_playing", "session": name, "title": title, "artist": artist, "confidence": confidence});
                o.e.state.now_playing = if title.is_empty() { None } else { Some(NowPlaying { title, artist, confidence }) };
                (v, None)
            }
            Inbound::CueScheduled { cue, at } => {
                o.e.state.log("stinger", cue.as_str());
                (json!({"type": "cue_scheduled", "session": name, "cue": cue.as_str(), "at": at}), None)
            }
            Inbound::StyleChanged { index, at, name: style } => {
                if let Some(s) = &style {
                    o.e.state.style.clone_from(s);
                }
                (json!({"type": "style_changed", "session": name, "index": index, "at": at, "style": style}), None)
            }
            // Telemetry is handled by the caller; kinds a newer protocol adds are ignored here.
            _ => return,
        };
        o.e.dirty = true;
        // Pending state first, so the occurrence is seen after the mood that preceded it.
        self.publish_pending(o);
        self.publish(Some(&o.name), &payload);
        let set = self.inner.rules.for_session(&o.e.state.rules);
        let occ: Vec<&str> = occurrence.as_deref().into_iter().collect();
        let d = director::step(&set, &mut o.e.state, &occ);
        if !d.is_empty() {
            self.emit(&mut o.e, None, &d);
        }
    }

    /// Publishes the open session's coalesced state frames and runs the director on its
    /// latest state.
    fn publish_pending(&self, o: &mut Open) {
        let name = o.name.as_str();
        if std::mem::take(&mut o.mood)
            && let Some(m) = &o.e.state.crowd
        {
            self.publish(
                Some(name),
                &json!({"type": "mood", "session": name, "valence": m.valence, "arousal": m.arousal, "label": m.label, "confidence": m.confidence, "time": m.time}),
            );
        }
        if std::mem::take(&mut o.meters) {
            self.publish(Some(name), &json!({"type": "meters", "session": name, "meters": o.e.state.meters}));
        }
        if std::mem::take(&mut o.changed) {
            let set = self.inner.rules.for_session(&o.e.state.rules);
            let d = director::step(&set, &mut o.e.state, &[]);
            if !d.is_empty() {
                self.emit(&mut o.e, None, &d);
            }
        }
    }

    /// Ends a session's run in a batch: publishes what is pending and releases its lock.
    fn flush_open(&self, mut o: Open) {
        self.publish_pending(&mut o);
    }

    /// Applies a control request from the page or an API client.
    pub async fn control(&self, name: &str, c: &crate::http::ControlRequest) -> Result<SessionState, AppError> {
        let entry = self.get_or_create(name)?;
        let mut e = self.lock_session(&entry).await?;
        let mut next = e.state.clone();
        if let Some(r) = &c.rules {
            let set = self.inner.rules.get(r).ok_or_else(|| {
                AppError::Validation(ValidationError {
                    field: "rules".into(),
                    message: format!("unknown rule set {r:?}; available: {}", self.inner.rules.names().collect::<Vec<_>>().join(", ")),
                })
            })?;
            next.rules.clone_from(&set.name);
        }
        if let Some(i) = c.intensity {
            next.intensity_override = i;
        }
        let mut d = director::step(&self.inner.rules.for_session(&next.rules), &mut next, &[]);
        if let Some(style) = &c.style
            && *style != next.style
        {
            next.style.clone_from(style);
            next.log("style", style);
            d.style = Some((style.clone(), c.quantize.unwrap_or(Quantize::Bar)));
        }
        let row = SessionRow::new(&next, None)?;
        self.inner.writer.queue(WriteOp::Session(row), e.fence()).committed().await?;
        e.state = next;
        e.dirty = false;
        self.emit(&mut e, None, &d);
        Ok(e.state.clone())
    }

    /// Fires a stinger by hand.
    pub async fn stinger(&self, name: &str, cue: Cue) -> Result<(), AppError> {
        let entry = self.get_or_create(name)?;
        let mut e = entry.lock().await;
        e.state.log("stinger", cue.as_str());
        e.dirty = true;
        drop(e);
        self.command(name, &Outbound::Cue(cue));
        Ok(())
    }

    /// Arms MIDI learn for a parameter on every engine of every session.
    pub fn midi_learn(&self, id: ParamId) {
        *self.inner.midi_learn.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(id.info().id.to_string());
        let sessions: Vec<String> = {
            let peers = self.inner.peers.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let mut v: Vec<String> = peers.values().map(|p| p.session.clone()).collect();
            v.sort();
            v.dedup();
            v
        };
        if sessions.is_empty() {
            self.command("default", &Outbound::MidiLearn { id });
        }
        for s in sessions {
            self.command(&s, &Outbound::MidiLearn { id });
        }
    }

    /// Engines currently bound to sessions.
    pub fn engines(&self) -> Vec<(String, String)> {
        let peers = self.inner.peers.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        peers.iter().filter(|(_, p)| p.last_seen.elapsed() < PEER_TIMEOUT).map(|(a, p)| (a.to_string(), p.session.clone())).collect()
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
            if !e.dirty {
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
