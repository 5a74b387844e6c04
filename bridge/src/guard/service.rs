//! The guard's state in a running bridge ([`Guard`], held by the app state): the policy, each
//! session's decision state, the action log and the recognised segments for the after-show
//! report. The task that feeds it is in [`run`](mod@crate::guard::run).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

use serde::Serialize;
use tokio::sync::mpsc;

use crate::guard::clearance::ClearanceState;
use crate::guard::decide::{GuardState, Policy};

/// Most log entries and segments kept (the oldest go first).
pub const MAX_LOG: usize = 10_000;

/// One thing the guard did or saw, with its times.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct LogEntry {
    /// Unix time in milliseconds.
    pub at_ms: i64,
    /// Milliseconds since the session's first recognition report (stream time).
    pub stream_ms: i64,
    pub session: String,
    /// `heard`, `ended`, `duck`, `release`, `mode`, `error`.
    pub kind: String,
    pub detail: String,
}

/// One recognised stretch of the programme.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Segment {
    pub session: String,
    pub track_id: String,
    pub title: String,
    pub artist: String,
    pub clearance: ClearanceState,
    /// Stream time (ms since the session's first report) it was first heard.
    pub start_ms: i64,
    /// Stream time it ended (`None`: still playing).
    pub end_ms: Option<i64>,
    /// `ducked` when the guard acted on it, `none` otherwise.
    pub action: String,
}

/// A recognition report for the guard task.
#[derive(Clone, Debug)]
pub struct Report {
    pub session: String,
    /// Empty: the track ended.
    pub title: String,
    pub artist: String,
}

/// The guard's shared state.
#[derive(Debug, Default)]
pub struct Guard {
    pub(crate) policy: Mutex<Policy>,
    pub(crate) sessions: Mutex<HashMap<String, (GuardState, i64)>>,
    pub(crate) log: Mutex<Vec<LogEntry>>,
    pub(crate) segments: Mutex<Vec<Segment>>,
    /// Running ducks: when each session's lease was last sent, and its depth (dB).
    pub(crate) leases: Mutex<HashMap<String, (std::time::Instant, f32)>>,
    pub(crate) tx: OnceLock<mpsc::Sender<Report>>,
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Guard {
    /// A guard with `policy`.
    pub fn new(policy: Policy) -> Self {
        Self { policy: Mutex::new(policy), ..Self::default() }
    }

    /// Hands a recognition report to the guard task (never waits; a full queue drops it and
    /// says so in the log).
    pub fn report(&self, r: Report) {
        if let Some(tx) = self.tx.get()
            && tx.try_send(r).is_err()
        {
            tracing::warn!("guard: recognition report dropped (queue full)");
        }
    }

    /// The policy now.
    pub fn policy(&self) -> Policy {
        lock(&self.policy).clone()
    }

    /// The action log of `session` (all sessions: `None`).
    pub fn log(&self, session: Option<&str>) -> Vec<LogEntry> {
        lock(&self.log).iter().filter(|e| session.is_none_or(|s| e.session == s)).cloned().collect()
    }

    /// The recognised segments of `session` (all sessions: `None`).
    pub fn segments(&self, session: Option<&str>) -> Vec<Segment> {
        lock(&self.segments).iter().filter(|e| session.is_none_or(|s| e.session == s)).cloned().collect()
    }
}
