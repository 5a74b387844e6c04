//! The guard at work: recognition reports from engines (`/resonance/now_playing`) are looked up
//! in the catalogue and its clearances, decided on ([`decide`](mod@crate::guard::decide)), and
//! acted on: the session's engines get `/resonance/command/guard` commands that lower their
//! programme input alone, with a lease the task renews every [`LEASE_RENEW`] while it ducks
//! (decision record 0061), OBS optionally mutes an input (`--guard-obs-input`), and every step
//! is logged with its times and published (`guard` frames).

use std::time::{Duration, Instant};

use serde_json::json;
use tokio::sync::mpsc;

use crate::clients::obs::ObsAction;
use crate::clock::now_ms;
use crate::guard::clearance::ClearanceState;
use crate::guard::decide::{Action, GuardState, Heard, Input, Mode, step};
use crate::guard::service::{LogEntry, MAX_LOG, Report, Segment, lock};
use crate::osc::Outbound;
use crate::state::AppState;

/// The fade of a duck and of a release (ms).
pub const FADE_MS: u16 = 150;
/// How long an engine holds a duck without hearing from the bridge (ms): three renewals may
/// be lost before the programme comes back by itself.
pub const LEASE_MS: u32 = 6_000;
/// How often a running duck is renewed.
pub const LEASE_RENEW: Duration = Duration::from_secs(2);

/// The engine command that lowers the programme by `db` (infinite: mutes it), or releases it
/// (`None`).
pub fn guard_command(db: Option<f32>) -> Outbound {
    match db {
        Some(db) => Outbound::Guard { gain_db: if db.is_finite() { -db.abs() } else { -1000.0 }, fade_ms: FADE_MS, lease_ms: LEASE_MS },
        None => Outbound::Guard { gain_db: 0.0, fade_ms: FADE_MS, lease_ms: 0 },
    }
}

impl AppState {
    /// Starts the guard task (once).
    pub fn start_guard(&self) {
        let (tx, mut rx) = mpsc::channel::<Report>(1024);
        if self.inner.guard.tx.set(tx).is_err() {
            return;
        }
        let weak = std::sync::Arc::downgrade(&self.inner);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_millis(250));
            loop {
                let report = tokio::select! {
                    r = rx.recv() => match r { Some(r) => Some(r), None => return },
                    _ = tick.tick() => None,
                };
                let Some(inner) = weak.upgrade() else { return };
                let st = AppState { inner };
                match report {
                    Some(r) => st.guard_report(r).await,
                    None => st.guard_tick(),
                }
            }
        });
    }

    /// Changes the guard's mode; every session re-decides (turning it off releases every duck).
    pub fn set_guard_mode(&self, mode: Mode) {
        let p = {
            let mut p = lock(&self.inner.guard.policy);
            p.mode = mode;
            p.clone()
        };
        let names: Vec<String> = lock(&self.inner.guard.sessions).keys().cloned().collect();
        for n in names {
            self.guard_log(&n, "mode", &format!("{mode:?}").to_lowercase());
            self.guard_step(&n, Input::Mode(mode), &p);
        }
    }

    /// Overrides the guard for the track `session` is ducking: released now, and not ducked
    /// again until it ends or another track plays. `false` when nothing was being ducked.
    pub fn override_guard(&self, session: &str) -> bool {
        let ducking = lock(&self.inner.guard.sessions).get(session).is_some_and(|(g, _)| g.ducking.is_some());
        if ducking {
            let p = self.inner.guard.policy();
            self.guard_step(session, Input::Override, &p);
        }
        ducking
    }

    async fn guard_report(&self, r: Report) {
        let heard = if r.title.is_empty() {
            None
        } else {
            let cat = self.inner.recognition.catalogue.id();
            let territory = self.inner.config.guard_territory.as_deref();
            match self.inner.store.clearance_of_heard(cat, &r.title, &r.artist).await {
                Ok((track_id, c)) => Some(Heard {
                    track_id,
                    title: r.title.clone(),
                    artist: r.artist.clone(),
                    clearance: c.map_or(ClearanceState::Unknown, |c| c.effective(territory)),
                }),
                Err(e) => {
                    self.guard_log(&r.session, "error", &format!("clearance lookup failed: {e}; treated as unknown"));
                    Some(Heard {
                        track_id: String::new(),
                        title: r.title.clone(),
                        artist: r.artist.clone(),
                        clearance: ClearanceState::Unknown,
                    })
                }
            }
        };
        let stream_ms = self.guard_stream_ms(&r.session);
        {
            let mut segs = lock(&self.inner.guard.segments);
            let open = segs.iter_mut().rev().find(|s| s.session == r.session && s.end_ms.is_none());
            let same = open.as_ref().is_some_and(|s| heard.as_ref().is_some_and(|h| h.title == s.title && h.artist == s.artist));
            if !same {
                if let Some(s) = open {
                    s.end_ms = Some(stream_ms);
                }
                if let Some(h) = &heard {
                    if segs.len() >= MAX_LOG {
                        segs.remove(0);
                    }
                    segs.push(Segment {
                        session: r.session.clone(),
                        track_id: h.track_id.clone(),
                        title: h.title.clone(),
                        artist: h.artist.clone(),
                        clearance: h.clearance,
                        start_ms: stream_ms,
                        end_ms: None,
                        action: "none".into(),
                    });
                }
            }
        }
        match &heard {
            Some(h) => self.guard_log(&r.session, "heard", &format!("{} — {} ({})", h.title, h.artist, h.clearance.as_str())),
            None => self.guard_log(&r.session, "ended", ""),
        }
        let p = self.inner.guard.policy();
        self.guard_step(&r.session, Input::Report(heard), &p);
        // A segment heard while the programme is ducked (also one held through a flip) is
        // reported as ducked: that is what the VOD holds.
        let ducking = lock(&self.inner.guard.sessions).get(&r.session).is_some_and(|(g, _)| g.ducking.is_some());
        if ducking && let Some(s) = lock(&self.inner.guard.segments).iter_mut().rev().find(|s| s.session == r.session && s.end_ms.is_none())
        {
            s.action = "ducked".into();
        }
    }

    fn guard_tick(&self) {
        let p = self.inner.guard.policy();
        let names: Vec<String> = lock(&self.inner.guard.sessions).keys().cloned().collect();
        for n in names {
            self.guard_step(&n, Input::Tick, &p);
        }
        // Renew the leases of running ducks (an engine that restarted meanwhile is ducked again).
        let due: Vec<(String, f32)> = {
            let mut leases = lock(&self.inner.guard.leases);
            let now = Instant::now();
            leases
                .iter_mut()
                .filter(|(_, (sent, _))| now.duration_since(*sent) >= LEASE_RENEW)
                .map(|(n, (sent, db))| {
                    *sent = now;
                    (n.clone(), *db)
                })
                .collect()
        };
        for (n, db) in due {
            self.command(&n, &guard_command(Some(db)));
        }
    }

    /// Milliseconds since the session's first report (its stream time origin).
    fn guard_stream_ms(&self, session: &str) -> i64 {
        let now = now_ms();
        let mut s = lock(&self.inner.guard.sessions);
        let (_, origin) = s.entry(session.to_string()).or_insert_with(|| (GuardState::default(), now));
        now - *origin
    }

    fn guard_step(&self, session: &str, input: Input, p: &crate::guard::decide::Policy) {
        let actions = {
            let mut s = lock(&self.inner.guard.sessions);
            let Some((gs, _)) = s.get_mut(session) else { return };
            step(gs, input, p, Instant::now())
        };
        for a in actions {
            self.guard_act(session, &a);
        }
    }

    fn guard_act(&self, session: &str, a: &Action) {
        let obs_input = self.inner.config.guard_obs_input.clone();
        match a {
            Action::Duck { db, track } => {
                self.command(session, &guard_command(Some(*db)));
                lock(&self.inner.guard.leases).insert(session.to_string(), (Instant::now(), *db));
                if let (Some(obs), Some(input)) = (&self.inner.obs, obs_input) {
                    obs.act(ObsAction::Mute { input, muted: true });
                }
                if let Some(s) = lock(&self.inner.guard.segments).iter_mut().rev().find(|s| s.session == session && s.end_ms.is_none()) {
                    s.action = "ducked".into();
                }
                self.guard_log(session, "duck", &format!("-{db} dB: {} — {} ({})", track.title, track.artist, track.clearance.as_str()));
            }
            Action::Release { reason } => {
                lock(&self.inner.guard.leases).remove(session);
                self.command(session, &guard_command(None));
                if let (Some(obs), Some(input)) = (&self.inner.obs, obs_input) {
                    obs.act(ObsAction::Mute { input, muted: false });
                }
                self.guard_log(session, "release", reason);
            }
        }
    }

    fn guard_log(&self, session: &str, kind: &str, detail: &str) {
        let e = LogEntry {
            at_ms: now_ms(),
            stream_ms: self.guard_stream_ms(session),
            session: session.to_string(),
            kind: kind.to_string(),
            detail: detail.to_string(),
        };
        tracing::info!("guard {session}: {kind} {detail}");
        self.publish(Some(session), &json!({"type": "guard", "entry": e}));
        let mut log = lock(&self.inner.guard.log);
        if log.len() >= MAX_LOG {
            log.remove(0);
        }
        log.push(e);
    }
}
