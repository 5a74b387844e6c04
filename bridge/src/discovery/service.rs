//! Discovery's service: the settings, the three jobs' scheduler (each job on its interval,
//! startable from the API, one run at a time, with status, last and next run, counts and a
//! log), proposals and the user's decisions.
//!
//! The schedule is stored: a run's end writes the job's next run, and a run found unfinished
//! at start (the bridge stopped or was killed mid-run) is marked `interrupted` and its job is
//! due at once. Every job is idempotent (processed sets, conditional state changes), so
//! running it again resumes where it stopped.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

use serde_json::{Value, json};

use crate::discovery::jobs::{JobStatus, OnAir, Outcome, Publish, Run, Shared, lock};
use crate::discovery::model::{Item, JOBS, Settings, now_ms, uuid};
use crate::error::BridgeError;
use crate::metrics::Metrics;
use crate::store::Store;

/// Music discovery (cheap to clone).
#[derive(Clone, Debug)]
pub struct Discovery {
    pub shared: Arc<Shared>,
}

impl Discovery {
    /// Loads the settings and the schedule, marks unfinished runs interrupted (their jobs are
    /// due now) and starts the scheduler.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the store cannot be read.
    pub async fn open(
        store: &Store,
        metrics: Arc<Metrics>,
        publish: Publish,
        vault: crate::library::vault::Vault,
    ) -> Result<Self, BridgeError> {
        let settings: Settings = match store.discovery_setting("settings").await? {
            Some(s) => serde_json::from_str(&s).unwrap_or_else(|e| {
                tracing::warn!("discovery settings unreadable ({e}); using the defaults");
                Settings::default()
            }),
            None => Settings::default(),
        };
        let interrupted = store.interrupt_runs().await?;
        let now = now_ms();
        let mut jobs = HashMap::new();
        for job in JOBS {
            let interval_s = settings.interval_s(job);
            let next = if interrupted.iter().any(|j| j == job) {
                now
            } else if let Some(n) = store.job_next(job).await? {
                n
            } else {
                let n = now + interval_s as i64 * 1000;
                store.set_job_next(job, n).await?;
                n
            };
            let last = store.runs(job, 1).await?.into_iter().next();
            let counts = last.as_ref().and_then(|l| serde_json::from_value(l.counts.clone()).ok()).unwrap_or_default();
            jobs.insert(job, JobStatus { name: job.into(), interval_s, next_run_ms: next, last, counts, ..JobStatus::default() });
        }
        let shared = Arc::new(Shared {
            store: store.clone(),
            metrics,
            settings: Mutex::new(settings),
            jobs: Mutex::new(jobs),
            publish,
            on_air: OnceLock::new(),
            mb: Mutex::new(None),
            vault,
        });
        tokio::spawn(scheduler(Arc::downgrade(&shared)));
        Ok(Self { shared })
    }

    /// Sets where on-air artists come from (called once by the state).
    pub fn set_on_air(&self, f: OnAir) {
        let _ = self.shared.on_air.set(f);
    }

    /// The settings.
    pub fn settings(&self) -> Settings {
        lock(&self.shared.settings).clone()
    }

    /// Stores new settings; a changed interval reschedules its job from now.
    ///
    /// # Errors
    /// [`BridgeError::Storage`].
    pub async fn set_settings(&self, s: Settings) -> Result<(), BridgeError> {
        self.shared.store.set_discovery_setting("settings", &serde_json::to_string(&s).unwrap_or_default()).await?;
        let old = std::mem::replace(&mut *lock(&self.shared.settings), s.clone());
        for job in JOBS {
            if old.interval_s(job) != s.interval_s(job) {
                let next = now_ms() + s.interval_s(job) as i64 * 1000;
                self.shared.store.set_job_next(job, next).await?;
                if let Some(j) = lock(&self.shared.jobs).get_mut(job) {
                    j.interval_s = s.interval_s(job);
                    j.next_run_ms = next;
                }
            }
        }
        Ok(())
    }

    /// Every job's status.
    pub fn jobs(&self) -> Vec<JobStatus> {
        let j = lock(&self.shared.jobs);
        JOBS.iter().filter_map(|n| j.get(n).cloned()).collect()
    }

    /// Starts a run of `job` now: its run id, or `Err(running run id)` when one is running.
    /// `None` for an unknown job.
    pub fn run_now(&self, job: &str) -> Option<Result<String, String>> {
        let job = JOBS.iter().find(|j| **j == job)?;
        Some(start(&self.shared, job))
    }

    /// Adds a proposal (state from the mode unless it is already `wishlist`); true when new.
    ///
    /// # Errors
    /// [`BridgeError::Storage`].
    pub async fn propose(&self, it: Item) -> Result<bool, BridgeError> {
        self.shared.propose(it).await
    }

    /// Approves (pending or failed → wishlist), rejects (pending, wishlist or failed →
    /// rejected, for good) or un-fails (failed → wishlist) albums; per key: its state now and
    /// whether this call changed it (a repeated decision changes nothing).
    ///
    /// # Errors
    /// [`BridgeError::Storage`].
    pub async fn decide(&self, keys: &[String], action: &str) -> Result<Vec<Value>, BridgeError> {
        let (from, to): (&[&str], &str) = match action {
            "approve" => (&["pending", "failed"], "wishlist"),
            _ => (&["pending", "wishlist", "failed"], "rejected"),
        };
        let mut out = Vec::with_capacity(keys.len());
        for key in keys {
            let changed = self.shared.store.transition(key, from, to, 0).await?;
            let item = self.shared.store.item(key).await?;
            let state = item.as_ref().map_or("unknown", |i| i.state.as_str()).to_string();
            if changed {
                (self.shared.publish)(json!({"type": "discovery_item", "item": item}));
            }
            out.push(json!({"key": key, "state": state, "changed": changed}));
        }
        Ok(out)
    }
}

/// Starts a run of `job` unless one is running (then `Err(its run id)`).
fn start(shared: &Arc<Shared>, job: &'static str) -> Result<String, String> {
    let id = uuid();
    {
        let mut jobs = lock(&shared.jobs);
        let j = jobs.entry(job).or_default();
        if let Some(r) = &j.run_id {
            return Err(r.clone());
        }
        j.running = true;
        j.run_id = Some(id.clone());
        j.started_ms = Some(now_ms());
        j.counts.clear();
        j.log.clear();
    }
    (shared.publish)(json!({"type": "discovery_job", "job": job, "run_id": id, "state": "running"}));
    tokio::spawn(run_job(shared.clone(), job, id.clone()));
    Ok(id)
}

async fn run_job(shared: Arc<Shared>, job: &'static str, id: String) {
    if let Err(e) = shared.store.start_run(&id, job).await {
        tracing::warn!("discovery {job}: run not recorded: {e}");
    }
    let run = Arc::new(Run { id: id.clone(), job, shared: shared.clone(), seq: Mutex::new(0) });
    let r2 = run.clone();
    // a panic in a job fails the run, not the bridge
    let result = tokio::spawn(async move {
        match r2.job {
            "lb-fetch" => crate::discovery::lb_fetch::run(&r2).await,
            "catalog-discovery" => crate::discovery::catalog::run(&r2).await,
            _ => crate::discovery::downloader::run(&r2).await,
        }
    })
    .await
    .unwrap_or_else(|e| Err(format!("the job stopped unexpectedly: {e}")));
    let (outcome, error) = match &result {
        Ok(Outcome::Ok) => ("ok", None),
        Ok(Outcome::Skipped(why)) => ("skipped", Some(why.clone())),
        Err(e) => ("failed", Some(e.clone())),
    };
    if let Some(e) = &error {
        run.log(format!("{outcome}: {e}")).await;
    }
    let counts = lock(&shared.jobs).get(job).map(|j| j.counts.clone()).unwrap_or_default();
    let counts_v = serde_json::to_value(&counts).unwrap_or_default();
    let interval = lock(&shared.settings).interval_s(job);
    let next = now_ms() + interval as i64 * 1000;
    if let Err(e) = shared.store.finish_run(&id, outcome, &counts_v, error.as_deref()).await {
        tracing::warn!("discovery {job}: run end not recorded: {e}");
    }
    let last = shared.store.runs(job, 1).await.ok().and_then(|r| r.into_iter().next());
    // free as soon as the run is stored as finished (so a run asked for then is not refused),
    // with its next time already set (so the scheduler does not start it again at once)
    if let Some(j) = lock(&shared.jobs).get_mut(job) {
        j.running = false;
        j.run_id = None;
        j.next_run_ms = next;
        j.interval_s = interval;
        j.last = last;
    }
    if let Err(e) = shared.store.set_job_next(job, next).await {
        tracing::warn!("discovery {job}: schedule not stored: {e}");
    }
    let idx = JOBS.iter().position(|j| *j == job).unwrap_or(0);
    let m = &shared.metrics.discovery;
    m.runs[idx].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    if outcome != "ok" {
        m.runs_not_ok[idx].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    (shared.publish)(json!({"type": "discovery_job", "job": job, "run_id": id, "state": "idle", "outcome": outcome}));
}

/// Starts each job when it is due (checked twice a second; stops when discovery is dropped).
async fn scheduler(shared: Weak<Shared>) {
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let Some(s) = shared.upgrade() else { return };
        let now = now_ms();
        let due: Vec<&'static str> =
            { lock(&s.jobs).iter().filter(|(_, j)| !j.running && j.next_run_ms <= now).map(|(n, _)| *n).collect() };
        for job in due {
            let _ = start(&s, job);
        }
    }
}
