//! The fires sent on air and not yet forgotten: each fire's id, clip and session, and the
//! engines whose report of it was counted (once each). [`crate::clips::fire`] sends the fires
//! and counts the reports; this ledger is kept apart from it so the clip library's state can
//! hold it without naming the bridge's state.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

use crate::clock::now_ms;

/// Fires remembered at most (the oldest are forgotten first).
const MAX_PENDING: usize = 4096;
/// How long an engine has to report a fire as scheduled (fetch and decode included).
const FIRE_TTL: Duration = Duration::from_mins(10);

/// The fires sent and not yet forgotten.
#[derive(Debug, Default)]
pub struct Fires {
    pending: Mutex<HashMap<String, Pending>>,
    next: AtomicU64,
}

#[derive(Debug)]
struct Pending {
    clip: String,
    session: String,
    sent: Instant,
    /// Engines whose report was counted.
    counted: HashSet<SocketAddr>,
}

/// A fire sent: its id and how many engines it went to.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Fired {
    pub fire_id: String,
    pub session: String,
    pub engines: usize,
    pub quantize: &'static str,
    pub gain_db: f32,
}

impl Fires {
    pub(crate) fn remember(&self, clip: &str, session: &str) -> String {
        let id = format!("fire-{:x}-{}", now_ms(), self.next.fetch_add(1, Relaxed));
        let mut p = self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if p.len() >= MAX_PENDING {
            p.retain(|_, f| f.sent.elapsed() < FIRE_TTL);
            if p.len() >= MAX_PENDING
                && let Some(oldest) = p.iter().min_by_key(|(_, f)| f.sent).map(|(k, _)| k.clone())
            {
                p.remove(&oldest);
            }
        }
        p.insert(
            id.clone(),
            Pending { clip: clip.to_string(), session: session.to_string(), sent: Instant::now(), counted: HashSet::new() },
        );
        id
    }

    /// Whether `engine`'s report of `fire_id` for `clip` is the first from it for a live fire.
    pub(crate) fn first_report(&self, fire_id: &str, clip: &str, engine: SocketAddr) -> Option<String> {
        let mut p = self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let f = p.get_mut(fire_id).filter(|f| f.clip == clip && f.sent.elapsed() < FIRE_TTL)?;
        f.counted.insert(engine).then(|| f.session.clone())
    }
}
