//! Telemetry and controls applied to sessions: HTTP telemetry with write-through, OSC game
//! telemetry, controls and stingers, match events paired with the crowd (operations on
//! [`AppState`]).

use std::sync::atomic::Ordering::Relaxed;

use resonance_engine::{Cue, Quantize};
use serde_json::json;

use crate::director::step::{Decision, step};
use crate::error::{AppError, ValidationError};
use crate::osc::Outbound;
use crate::state::AppState;
use crate::telemetry::control::ControlRequest;
use crate::telemetry::session::SessionState;
use crate::telemetry::session::now_ms;
use crate::telemetry::store::{SessionRow, WriteOp};
use crate::telemetry::sync::{Settled, Source, SyncMoment};
use crate::telemetry::validate::TelemetryUpdate;

impl AppState {
    /// Applies validated HTTP telemetry: queues the write, then answers once it is committed.
    /// Returns the new state.
    ///
    /// The session's lock is released as soon as the write is queued (pipelining: the next
    /// request of the same session joins the same or the next group commit instead of waiting
    /// for this one). The new state is visible to readers and subscribers from then on; if its
    /// commit fails, this request gets the error, every later write built on it is refused by
    /// the writer's [`Fence`](crate::writer::Fence), and the session is reloaded from its last stored state.
    pub async fn ingest_http(&self, name: &str, u: &TelemetryUpdate, body: &str) -> Result<SessionState, AppError> {
        let entry = self.get_or_create(name)?;
        let mut e = self.lock_session(&entry).await?;
        e.ephemeral = false;
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

    /// Applies validated OSC telemetry (persisted by the persister within its interval).
    pub async fn ingest_osc_telemetry(&self, name: &str, u: &TelemetryUpdate) -> Result<(), ValidationError> {
        let entry = self.get_or_create(name)?;
        let mut e = entry.lock().await;
        e.ephemeral = false;
        let d = self.apply_update(&mut e.state, u);
        e.dirty = true;
        self.inner.metrics.telemetry_osc_game.fetch_add(1, Relaxed);
        self.emit(&mut e, Some(u), &d);
        Ok(())
    }

    /// Applies an update to `st` and runs the director on it (also the cluster's owner path).
    pub(crate) fn apply_update(&self, st: &mut SessionState, u: &TelemetryUpdate) -> Decision {
        st.apply(u);
        let mut occ: Vec<String> = Vec::new();
        if let Some(t) = &u.trigger {
            occ.push(t.clone());
        }
        if u.event.is_some()
            && let Some(e) = st.metrics.last_event.clone()
        {
            match Cue::from_name(&e) {
                Some(cue) => occ.extend(self.sync_feed(st, cue)),
                None => occ.push(e),
            }
        }
        let set = self.inner.rules.for_session(&st.rules);
        let occ_refs: Vec<&str> = occ.iter().map(String::as_str).collect();
        step(&set, st, &occ_refs)
    }

    /// A match event from the feed, paired with the crowd's reaction if one answered it
    /// (`telemetry::sync`, decision record 0080). Returns the director's occurrences: the
    /// event's meaning (a goal that names no side takes it from the pair) and, when paired,
    /// `sync.<meaning>`.
    fn sync_feed(&self, st: &mut SessionState, cue: Cue) -> Vec<String> {
        let (m, settled) = st.sync.feed(now_ms(), cue);
        let frame = self.sync_counted(st, &m, settled);
        self.publish(Some(&st.name), &frame);
        let mut occ = vec![m.kind.clone()];
        if m.source == Source::Both {
            st.metrics.last_event = Some(m.kind.clone());
            occ.push(format!("sync.{}", m.kind));
        }
        occ
    }

    /// Counts a sync outcome in the metrics, logs a pair on the session's timeline, and
    /// returns the `sync` frame for subscribers.
    pub(crate) fn sync_counted(&self, st: &mut SessionState, m: &SyncMoment, settled: Settled) -> serde_json::Value {
        let c = &self.inner.metrics.sync;
        c.feed_only.fetch_add(settled.feed_only, Relaxed);
        c.crowd_only.fetch_add(settled.crowd_only, Relaxed);
        if m.source == Source::Both {
            c.paired.fetch_add(1, Relaxed);
            if let Some(l) = st.sync.lag_s {
                c.lag_ms.store((l * 1000.0).round() as i64, Relaxed);
            }
            let lag = m.lag_s.unwrap_or(0.0);
            st.log(
                "sync",
                &format!("{} = {} + {} ({lag:.1} s)", m.kind, m.feed.as_deref().unwrap_or("?"), m.reaction.as_deref().unwrap_or("?")),
            );
        }
        json!({"type": "sync", "session": st.name, "moment": m, "lag_s": st.sync.lag_s,
               "paired": st.sync.paired, "feed_only": st.sync.feed_only, "crowd_only": st.sync.crowd_only})
    }

    /// Applies a control request from the page or an API client.
    pub async fn control(&self, name: &str, c: &ControlRequest) -> Result<SessionState, AppError> {
        self.check_control(c)?;
        let entry = self.get_or_create(name)?;
        let mut e = self.lock_session(&entry).await?;
        e.ephemeral = false;
        let mut next = e.state.clone();
        let d = self.control_step(&mut next, c);
        let row = SessionRow::new(&next, None)?;
        self.inner.writer.queue(WriteOp::Session(row), e.fence()).committed().await?;
        e.state = next;
        e.dirty = false;
        self.emit(&mut e, None, &d);
        Ok(e.state.clone())
    }

    /// Checks what a control names against this bridge's vocabulary: the style and the rule
    /// set must exist.
    ///
    /// # Errors
    /// A 422 listing what is available.
    pub(crate) fn check_control(&self, c: &ControlRequest) -> Result<(), AppError> {
        if let Some(style) = &c.style
            && !self.inner.styles.contains(style)
        {
            return Err(AppError::Validation(ValidationError { field: "style".into(), message: self.inner.styles.unknown(style) }));
        }
        if let Some(r) = &c.rules
            && self.inner.rules.get(r).is_none()
        {
            return Err(AppError::Validation(ValidationError {
                field: "rules".into(),
                message: format!("unknown rule set {r:?}; available: {}", self.inner.rules.names().collect::<Vec<_>>().join(", ")),
            }));
        }
        Ok(())
    }

    /// Applies a checked control to `next` and runs the director on it (also the cluster's
    /// owner path); an unknown rule set or style (checked before) is left alone.
    pub(crate) fn control_step(&self, next: &mut SessionState, c: &ControlRequest) -> Decision {
        if let Some(set) = c.rules.as_deref().and_then(|r| self.inner.rules.get(r)) {
            next.rules.clone_from(&set.name);
        }
        if let Some(i) = c.intensity {
            next.intensity_override = i;
        }
        let mut d = step(&self.inner.rules.for_session(&next.rules), next, &[]);
        if let Some(style) = &c.style
            && *style != next.style
            && self.inner.styles.contains(style)
        {
            next.style.clone_from(style);
            next.log("style", style);
            d.style = Some((style.clone(), c.quantize.unwrap_or(Quantize::Bar)));
        }
        d
    }

    /// Fires a stinger by hand.
    pub async fn stinger(&self, name: &str, cue: Cue) -> Result<(), AppError> {
        let entry = self.get_or_create(name)?;
        let mut e = entry.lock().await;
        e.ephemeral = false;
        e.state.log("stinger", cue.as_str());
        e.dirty = true;
        drop(e);
        self.command(name, &Outbound::Cue(cue));
        Ok(())
    }
}
