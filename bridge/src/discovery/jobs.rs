//! What a job run works with: the shared state of discovery ([`Shared`]: store, settings,
//! job status, the page's WebSocket, the one MusicBrainz client), the running [`Run`] (its
//! log and counts) and how a run ends ([`Outcome`]). The jobs ([`lb_fetch`](crate::discovery::lb_fetch),
//! [`catalog`](crate::discovery::catalog), [`downloader`](crate::discovery::downloader)) see
//! only this; the scheduler that starts them is in [`service`](crate::discovery::service).

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use serde::Serialize;
use serde_json::{Value, json};

use crate::clients::musicbrainz::MusicBrainzClient;
use crate::discovery::model::{Item, Mode, Settings, norm_key, now_ms};
use crate::discovery::store::RunRow;
use crate::error::BridgeError;
use crate::metrics::Metrics;
use crate::store::Store;

/// Sends a frame to the page's WebSocket.
pub type Publish = Arc<dyn Fn(Value) + Send + Sync>;
/// Artists recognised on air recently (seeds for catalog-discovery).
pub type OnAir = Arc<dyn Fn() -> Vec<String> + Send + Sync>;

/// Log lines kept in memory per job (the store keeps them all).
const LOG_TAIL: usize = 200;
/// Lines stored per run at most (a run that logs more keeps counting).
const LOG_MAX: i64 = 2000;

/// How a run ended when it did not fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// Not run: not configured, or a service it needs is unreachable (the reason).
    Skipped(String),
}

/// A job's status.
#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
pub struct JobStatus {
    pub name: String,
    pub running: bool,
    pub run_id: Option<String>,
    pub started_ms: Option<i64>,
    pub interval_s: u64,
    pub next_run_ms: i64,
    /// The last finished run.
    pub last: Option<RunRow>,
    /// Counts of the running run, or of the last one.
    pub counts: BTreeMap<String, u64>,
    /// The latest log lines.
    #[schema(value_type = Vec<String>)]
    pub log: VecDeque<String>,
}

/// What all of discovery shares.
pub struct Shared {
    pub store: Store,
    pub metrics: Arc<Metrics>,
    pub(crate) settings: Mutex<Settings>,
    pub(crate) jobs: Mutex<HashMap<&'static str, JobStatus>>,
    pub(crate) publish: Publish,
    pub(crate) on_air: OnceLock<OnAir>,
    pub(crate) mb: Mutex<Option<(String, MusicBrainzClient)>>,
    /// Opens the library's stored Subsonic settings (encrypted at rest, decision 0055).
    pub(crate) vault: crate::library::vault::Vault,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("discovery::Shared").finish_non_exhaustive()
    }
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A running job: its id, log and counts.
#[derive(Debug)]
pub struct Run {
    pub id: String,
    pub job: &'static str,
    pub shared: Arc<Shared>,
    pub(crate) seq: Mutex<i64>,
}

impl Run {
    /// The settings now.
    pub fn settings(&self) -> Settings {
        lock(&self.shared.settings).clone()
    }

    /// Logs a line: stored with the run, kept in the job's tail, sent to the page.
    pub async fn log(&self, line: impl Into<String>) {
        let line = line.into();
        tracing::info!("discovery {}: {line}", self.job);
        let seq = {
            let mut s = lock(&self.seq);
            *s += 1;
            *s
        };
        if seq <= LOG_MAX
            && let Err(e) = self.shared.store.log_line(&self.id, seq, &line).await
        {
            tracing::warn!("discovery log not stored: {e}");
        }
        if let Some(j) = lock(&self.shared.jobs).get_mut(self.job) {
            if j.log.len() >= LOG_TAIL {
                j.log.pop_front();
            }
            j.log.push_back(line.clone());
        }
        (self.shared.publish)(json!({"type": "discovery_job", "job": self.job, "run_id": self.id, "line": line}));
    }

    /// Adds one to a count of this run.
    pub fn count(&self, what: &str) {
        if let Some(j) = lock(&self.shared.jobs).get_mut(self.job) {
            *j.counts.entry(what.to_string()).or_default() += 1;
        }
    }

    /// The proposal of an album (pending or, in auto mode, wishlist); true when new.
    ///
    /// # Errors
    /// [`BridgeError::Storage`].
    pub async fn propose(&self, it: Item) -> Result<bool, BridgeError> {
        let added = self.shared.propose(it).await?;
        self.count(if added { "proposed" } else { "already_known" });
        Ok(added)
    }
}

impl Shared {
    /// One MusicBrainz client per process (one rate gate), rebuilt when its settings change.
    pub fn musicbrainz(&self, s: &Settings) -> MusicBrainzClient {
        let id = format!("{}|{}|{}", s.musicbrainz_url, s.mb_contact, s.timeout_s);
        let mut mb = lock(&self.mb);
        match &*mb {
            Some((k, c)) if *k == id => c.clone(),
            _ => {
                let c = MusicBrainzClient::new(&s.musicbrainz_url, &s.mb_contact, Duration::from_secs(s.timeout_s));
                *mb = Some((id, c.clone()));
                c
            }
        }
    }

    /// The artists recognised on air (empty when nothing reports them).
    pub fn on_air(&self) -> Vec<String> {
        self.on_air.get().map(|f| f()).unwrap_or_default()
    }

    /// Sends a frame to the page.
    pub fn publish(&self, v: Value) {
        (self.publish)(v);
    }

    /// Adds a proposal (state from the mode unless it is already `wishlist`); true when new.
    ///
    /// # Errors
    /// [`BridgeError::Storage`].
    pub async fn propose(&self, mut it: Item) -> Result<bool, BridgeError> {
        if it.state != "wishlist" {
            it.state = if lock(&self.settings).mode == Mode::Auto { "wishlist".into() } else { "pending".into() };
        }
        let now = now_ms();
        it.created_ms = now;
        it.updated_ms = now;
        let added = self.store.propose(&it, &norm_key(&it.artist, &it.album)).await?;
        if added {
            self.metrics.discovery.proposed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            (self.publish)(json!({"type": "discovery_item", "item": it}));
        }
        Ok(added)
    }
}
