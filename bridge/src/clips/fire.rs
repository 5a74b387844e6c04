//! On air: firing a clip on the engines of a session, and counting the plays they report.
//!
//! Every way of firing (`POST /play/{id}/fire`, OSC `/resonance/clip`, a MIDI pad on a live
//! host, which sends that OSC, and a director rule's `clip = "…"`) ends in
//! [`AppState::fire_clip`]: it sends `/resonance/command/clip` (the clip's id, SHA-256,
//! quantize, gain and a fresh fire id) to every engine of the session, and remembers the fire.
//! The engine fetches and decodes the clip off its audio thread and answers
//! `/resonance/clip_scheduled` once its clip voice has the clip, with the output sample it
//! starts on; that answer — not the request — counts one on-air play
//! ([`AppState::clip_scheduled`]): once per engine that plays it, and only for a fire this
//! bridge made (a report of an unknown fire id, or one already counted, is dropped and counted
//! as `clip_unknown_fire`), so a repeated or forged report cannot inflate the count.

use std::net::SocketAddr;
use std::sync::atomic::Ordering::Relaxed;

use resonance_engine::Quantize;
use serde_json::json;

use crate::clips::fires::Fired;
use crate::clips::store::ClipRow;
use crate::clock::now_ms;
use crate::osc::{self, Outbound};
use crate::state::AppState;

impl AppState {
    /// Sends `clip` to every engine of `session` (module docs). `gain_db` is added to the
    /// clip's on-air normalisation.
    pub fn fire_clip(&self, session: &str, clip: &ClipRow, quantize: Quantize, gain_db: f32, origin: &str) -> Fired {
        let fire_id = self.inner.clips.fires.remember(&clip.id, session);
        let gain_db = (clip.gain_milli as f32 / 1000.0 + if gain_db.is_finite() { gain_db } else { 0.0 }).clamp(-60.0, 24.0);
        let port = self.inner.bound.get().map_or(0, SocketAddr::port);
        let cmd = Outbound::Clip { id: clip.id.clone(), sha256: clip.sha256.clone(), quantize, gain_db, fire_id: fire_id.clone(), port };
        let engines = self.command(session, &cmd);
        let fired = Fired { fire_id, session: session.to_string(), engines, quantize: osc::quantize_name(quantize), gain_db };
        self.publish(
            Some(session),
            &json!({"type": "clip_fired", "session": session, "id": clip.id, "slug": clip.slug, "title": clip.title,
                    "origin": origin, "fire": fired}),
        );
        fired
    }

    /// Fires the clip named by id or slug (OSC, MIDI pads, rules).
    ///
    /// # Errors
    /// What went wrong, when no clip has that id or slug or the store cannot be read.
    pub async fn fire_clip_named(&self, session: &str, name: &str, quantize: Quantize, origin: &str) -> Result<Fired, String> {
        // ids start `clp_`, slugs never do (clips::service::is_slug)
        let row = if name.starts_with("clp_") { self.inner.store.clip(name).await } else { self.inner.store.clip_by_slug(name).await };
        let clip = row.map_err(|e| e.to_string())?.ok_or_else(|| format!("no clip has the id or slug {name:?}"))?;
        Ok(self.fire_clip(session, &clip, quantize, 0.0, origin))
    }

    /// An engine's `/resonance/clip_scheduled`: counts one on-air play (module docs) and tells
    /// subscribers (`clip_on_air`, `clip_counts`).
    pub async fn clip_scheduled(&self, engine: SocketAddr, id: &str, fire_id: &str, at: u64) {
        let Some(session) = self.inner.clips.fires.first_report(fire_id, id, engine) else {
            self.inner.metrics.reject("clip_unknown_fire");
            return;
        };
        let counted = match self.inner.store.count_on_air(id, now_ms(), &session, &engine.to_string()).await {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!("clip {id}: the on-air play could not be counted: {e}");
                false
            }
        };
        self.publish(
            Some(&session),
            &json!({"type": "clip_on_air", "session": session, "id": id, "fire_id": fire_id, "at": at,
                    "engine": engine.to_string(), "counted": counted}),
        );
        if !counted {
            return;
        }
        self.inner.metrics.clip_on_air.fetch_add(1, Relaxed);
        if let Ok(Some(c)) = self.inner.store.clip(id).await {
            self.publish(
                None,
                &json!({"type": "clip_counts", "id": id, "listens": c.listens, "on_air_plays": c.on_air_plays,
                        "play_count": c.listens + c.on_air_plays}),
            );
        }
    }

    /// An engine's `/resonance/clip_refused`: told to subscribers, counted as
    /// `clip_refused_by_engine`.
    pub fn clip_refused(&self, engine: SocketAddr, session: &str, id: &str, fire_id: &str, reason: &str) {
        self.inner.metrics.reject("clip_refused_by_engine");
        tracing::warn!("engine {engine} could not play clip {id} ({fire_id}): {reason}");
        self.publish(
            Some(session),
            &json!({"type": "clip_refused", "session": session, "id": id, "fire_id": fire_id, "engine": engine.to_string(), "reason": reason}),
        );
    }

    /// OSC `/resonance/clip`: fires for the sender's session (an unknown clip is logged and
    /// counted as `clip_unknown`).
    pub async fn osc_clip_fire(&self, session: &str, name: &str, quantize: Option<Quantize>) {
        if let Err(e) = self.fire_clip_named(session, name, quantize.unwrap_or(Quantize::Beat), "osc").await {
            self.inner.metrics.reject("clip_unknown");
            tracing::warn!("OSC /resonance/clip {name:?} for session {session}: {e}");
        }
    }

    /// A director rule's clips (`clip = "slug"`), fired in the background (the rule fired
    /// under its session's lock; the lookup must not hold it).
    pub(crate) fn fire_rule_clips(&self, session: &str, clips: &[(String, String, Quantize)]) {
        for (rule, name, q) in clips.iter().cloned() {
            let (st, session) = (self.clone(), session.to_string());
            tokio::spawn(async move {
                if let Err(e) = st.fire_clip_named(&session, &name, q, &format!("rule:{rule}")).await {
                    st.inner.metrics.reject("rule_clip_missing");
                    tracing::warn!("rule {rule:?}: no clip {name:?}: {e}");
                    st.publish(Some(&session), &json!({"type": "clip_refused", "session": session, "id": name, "rule": rule, "reason": e}));
                }
            });
        }
    }
}
