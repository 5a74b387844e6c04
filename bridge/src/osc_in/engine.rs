//! Engine reports over OSC applied to sessions, in batches (operations on [`AppState`]).
//!
//! OSC from engines arrives in batches (every datagram queued on the socket when the receive
//! task wakes, see `osc_loop` in `osc_in`). Each message is applied to its session's state in
//! order, but the *state* frames (crowd mood, meters) are coalesced: a session publishes its
//! latest mood and meters once per batch, and the director runs once per batch on the latest
//! state. *Occurrences* (crowd events, now playing, hello, cue and style reports) are never
//! coalesced: before one is published, the session's pending state frames go out, then the
//! occurrence, then the director's reaction to it — so subscribers see every event, in order,
//! and a mood no older than what the engine had sent before it. Under light load a batch is
//! one datagram and every mood is published; under heavy load the publish rate is bounded by
//! the batch rate instead of the message rate, which is what keeps subscribers current.

use std::net::SocketAddr;
use std::sync::atomic::Ordering::Relaxed;
use std::time::Instant;

use resonance_engine::CrowdEvent;
use resonance_engine::params::ParamId;
use serde_json::json;
use tokio::sync::OwnedMutexGuard;

use crate::director::step::{Decision, step};
use crate::guard::service::Report;
use crate::osc::{self, Inbound, Outbound};
use crate::state::{AppState, PEER_TIMEOUT, Peer, SessionEntry};
use crate::telemetry::session::{CrowdMood, MetersView, NowPlaying, SessionState, now_ms};
use crate::telemetry::sync::Source;
use crate::telemetry::validate::validate;

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
    /// The cluster owner's path: the director's decisions (with the OSC telemetry update they
    /// answer, if any) wait here until the new state is committed (`None`: they go out at once).
    deferred: Option<Vec<crate::cluster::director::Effect>>,
}

impl AppState {
    /// Handles one decoded OSC message from `peer` (a batch of one).
    pub async fn handle_inbound(&self, peer: SocketAddr, msg: Inbound) {
        self.handle_batch(&mut vec![(peer, msg)]).await;
    }

    /// Handles a batch of decoded OSC messages in order (drains `batch`). Engine reports are
    /// applied one by one; state frames are coalesced per session (module docs).
    pub async fn handle_batch(&self, batch: &mut Vec<(SocketAddr, Inbound)>) {
        if self.inner.config.cluster.is_some() {
            self.cluster_batch(batch);
            return;
        }
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
            if matches!(msg, Inbound::ClipFire { .. } | Inbound::ClipScheduled { .. } | Inbound::ClipRefused { .. }) {
                if let Some(o) = open.take() {
                    self.flush_open(o);
                }
                let session = session.clone();
                self.clip_report(peer, &session, msg).await;
                continue;
            }
            if open.as_ref().is_none_or(|o| o.name != *session) {
                if let Some(o) = open.take() {
                    self.flush_open(o);
                }
                let Ok(entry) = self.get_or_create_as(session, matches!(msg, Inbound::Hello { .. })) else {
                    self.inner.metrics.reject("osc_invalid_telemetry");
                    continue;
                };
                // A plain lock, not `lock_session`: engine reports are not acknowledged, so after a
                // failed write they may land on the unstored state; the next flush reloads it.
                open = Some(Open {
                    name: session.clone(),
                    e: entry.lock_owned().await,
                    mood: false,
                    meters: false,
                    changed: false,
                    deferred: None,
                });
            }
            if let Some(o) = open.as_mut() {
                self.apply_engine(o, peer, msg);
            }
        }
        if let Some(o) = open.take() {
            self.flush_open(o);
        }
    }

    /// A clip message: a fire from a controller or an engine's pad, or an engine's report of
    /// one (`clips::fire`).
    async fn clip_report(&self, peer: SocketAddr, session: &str, msg: Inbound) {
        match msg {
            Inbound::ClipFire { clip, quantize } => self.osc_clip_fire(session, &clip, quantize).await,
            Inbound::ClipScheduled { id, fire_id, at } => self.clip_scheduled(peer, &id, &fire_id, at).await,
            Inbound::ClipRefused { id, fire_id, reason } => self.clip_refused(peer, session, &id, &fire_id, &reason),
            _ => {}
        }
    }

    /// Validates and applies OSC game telemetry.
    async fn osc_telemetry(&self, peer: SocketAddr, session: &str, fields: &[(String, osc::TelemetryArg)]) {
        let parsed = validate(fields.iter().map(|(k, v)| (k.as_str(), v.into())));
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
        if let Inbound::Hello { session, .. } = msg {
            peers.insert(peer, Peer { session: session.clone(), last_seen: Instant::now() });
        }
        let p = peers.entry(peer).or_insert_with(|| Peer { session: "default".into(), last_seen: Instant::now() });
        p.last_seen = Instant::now();
        p.session.clone()
    }

    /// Applies one engine report to the open session: state reports are marked for the
    /// coalesced publish, occurrences are published at once (after the pending state).
    fn apply_engine(&self, o: &mut Open, peer: SocketAddr, msg: Inbound) {
        // a hello alone leaves a session ephemeral: not written (state.rs)
        if !matches!(msg, Inbound::Hello { .. }) {
            o.e.ephemeral = false;
        }
        let name = o.name.as_str();
        // A crowd event's `sync` frame, and its pair's occurrence if it completes one.
        let mut sync: Option<(serde_json::Value, Option<String>)> = None;
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
                sync = self.crowd_reaction(&mut o.e.state, &ev);
                (
                    json!({"type": "event", "session": name, "kind": ev.kind.as_str(), "confidence": ev.confidence, "onset": ev.onset}),
                    Some(format!("crowd.{}", ev.kind.as_str())),
                )
            }
            Inbound::NowPlaying { title, artist, confidence } => {
                let v = json!({"type": "now_playing", "session": name, "title": title, "artist": artist, "confidence": confidence});
                self.inner.guard.report(Report { session: name.to_string(), title: title.clone(), artist: artist.clone() });
                let now = if title.is_empty() { None } else { Some(NowPlaying { title, artist, confidence }) };
                self.now_playing_webhooks(name, o.e.state.now_playing.as_ref(), now.as_ref());
                o.e.state.now_playing = now;
                (v, None)
            }
            Inbound::CueScheduled { cue, at } => {
                o.e.state.log("stinger", cue.as_str());
                (json!({"type": "cue_scheduled", "session": name, "cue": cue.as_str(), "at": at}), None)
            }
            Inbound::StyleChanged { index, at, name: style } => {
                if let Some(s) = &style {
                    o.e.state.style.clone_from(s);
                    o.e.state.engine_style = Some(s.clone());
                    o.e.state.log("style_changed", s);
                }
                (json!({"type": "style_changed", "session": name, "index": index, "at": at, "style": style}), None)
            }
            Inbound::Styles(names) => {
                for _ in 0..self.inner.styles.announce(&names) {
                    self.inner.metrics.reject("osc_too_many_styles");
                }
                return;
            }
            // Telemetry is handled by the caller; kinds a newer protocol adds are ignored here.
            _ => return,
        };
        o.e.dirty = true;
        // Pending state first, so the occurrence is seen after the mood that preceded it.
        self.publish_pending(o);
        self.publish(Some(&o.name), &payload);
        if let Some((frame, _)) = &sync {
            self.publish(Some(&o.name), frame);
        }
        let set = self.inner.rules.for_session(&o.e.state.rules);
        let paired = sync.as_ref().and_then(|s| s.1.as_deref());
        let occ: Vec<&str> = occurrence.as_deref().into_iter().chain(paired).collect();
        let d = step(&set, &mut o.e.state, &occ);
        self.decide(o, d);
    }

    /// Sends a decision's effects, or keeps them for after the commit (cluster owner).
    fn decide(&self, o: &mut Open, d: Decision) {
        if d.is_empty() {
            return;
        }
        match o.deferred.as_mut() {
            Some(v) => v.push((None, d)),
            None => self.emit(&mut o.e, None, &d),
        }
    }

    /// Cluster mode: each message goes to its session's input stream instead (the owner
    /// applies it: [`AppState::apply_engine_inputs`]); only the style vocabulary and clip
    /// messages stay with this bridge. The peer's session binding (hello) stays local too:
    /// it decides which stream a report goes to.
    fn cluster_batch(&self, batch: &mut Vec<(SocketAddr, Inbound)>) {
        let mut peer_session: Option<(SocketAddr, String)> = None;
        for (peer, msg) in batch.drain(..) {
            let session = match &msg {
                Inbound::Telemetry { session, .. } => session.clone(),
                Inbound::Styles(names) => {
                    for _ in 0..self.inner.styles.announce(names) {
                        self.inner.metrics.reject("osc_too_many_styles");
                    }
                    continue;
                }
                _ => {
                    self.inner.metrics.osc_engine_messages.fetch_add(1, Relaxed);
                    if matches!(msg, Inbound::Hello { .. }) || peer_session.as_ref().is_none_or(|(p, _)| *p != peer) {
                        peer_session = Some((peer, self.bind_peer(peer, &msg)));
                    }
                    peer_session.as_ref().map(|(_, s)| s.clone()).unwrap_or_default()
                }
            };
            if matches!(msg, Inbound::ClipFire { .. } | Inbound::ClipScheduled { .. } | Inbound::ClipRefused { .. }) {
                // the clip ledger is per bridge (docs/cluster.md, limits)
                continue;
            }
            crate::cluster::director::submit_osc(self, &session, peer, &msg);
        }
    }

    /// The cluster owner's path for engine reports and OSC telemetry taken from the match's
    /// stream (one stream message: one OSC message, or the bundle the receiving bridge gathered
    /// from one engine): applies them in order to the locked session like
    /// [`AppState::handle_batch`] applies a batch — state frames coalesced, occurrences and
    /// telemetry each in turn after the pending state — binds the engine to the match here (so
    /// the owner's commands reach it), publishes the frames, and returns the director's
    /// decisions (with the telemetry update each answers) for the caller to send after the
    /// commit.
    pub(crate) fn apply_engine_inputs(
        &self,
        e: OwnedMutexGuard<SessionEntry>,
        peer: SocketAddr,
        msgs: Vec<Inbound>,
    ) -> (OwnedMutexGuard<SessionEntry>, Vec<crate::cluster::director::Effect>) {
        let name = e.state.name.clone();
        let mut o = Open { name, e, mood: false, meters: false, changed: false, deferred: Some(Vec::new()) };
        let mut bound = false;
        for msg in msgs {
            if let Inbound::Telemetry { fields, .. } = &msg {
                let Ok(u) = validate(fields.iter().map(|(k, v)| (k.as_str(), v.into()))) else {
                    self.inner.metrics.reject("osc_invalid_telemetry");
                    continue;
                };
                // the state reported before it first, as one bridge does
                self.publish_pending(&mut o);
                o.e.ephemeral = false;
                let d = self.apply_update(&mut o.e.state, &u);
                self.inner.metrics.telemetry_osc_game.fetch_add(1, Relaxed);
                if let Some(v) = o.deferred.as_mut() {
                    v.push((Some(u), d));
                }
                continue;
            }
            if !bound {
                let mut peers = self.inner.peers.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                peers.insert(peer, Peer { session: o.name.clone(), last_seen: Instant::now() });
                bound = true;
            }
            self.apply_engine(&mut o, peer, msg);
        }
        self.publish_pending(&mut o);
        let deferred = o.deferred.take().unwrap_or_default();
        (o.e, deferred)
    }

    /// Logs a crowd event and holds it against the match feed (`telemetry::sync`): returns its
    /// `sync` frame and, when it completes a pair, the pair's occurrence (`sync.<event>`);
    /// `None` for kinds no feed event can pair with.
    fn crowd_reaction(&self, st: &mut SessionState, ev: &CrowdEvent) -> Option<(serde_json::Value, Option<String>)> {
        st.log("crowd", ev.kind.as_str());
        let (m, settled) = st.sync.reaction(now_ms(), ev.kind, ev.confidence)?;
        let frame = self.sync_counted(st, &m, settled);
        Some((frame, (m.source == Source::Both).then(|| format!("sync.{}", m.kind))))
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
            let d = step(&set, &mut o.e.state, &[]);
            self.decide(o, d);
        }
    }

    /// Ends a session's run in a batch: publishes what is pending and releases its lock.
    /// Webhooks for a session's recognised track changing (`recognition::webhooks`):
    /// `ended` when the heard track stops or another replaces it, `now_playing` when another
    /// track is heard. A repeated report of the same track sends nothing.
    fn now_playing_webhooks(&self, session: &str, before: Option<&NowPlaying>, now: Option<&NowPlaying>) {
        let same = |a: &NowPlaying, b: &NowPlaying| a.title == b.title && a.artist == b.artist;
        let (hooks, m) = (&self.inner.recognition.webhooks, &self.inner.metrics);
        if let Some(b) = before
            && now.is_none_or(|n| !same(b, n))
        {
            hooks.emit("ended", &json!({"session": session, "title": b.title, "artist": b.artist}), m);
        }
        if let Some(n) = now
            && before.is_none_or(|b| !same(b, n))
        {
            hooks.emit("now_playing", &json!({"session": session, "title": n.title, "artist": n.artist, "confidence": n.confidence}), m);
        }
    }

    fn flush_open(&self, mut o: Open) {
        self.publish_pending(&mut o);
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
}
