//! The group-commit writer: the one task that writes sessions to storage.
//!
//! Every write (HTTP telemetry, controls, the periodic flush of sessions changed over OSC,
//! deletions) is queued here in the order its session lock granted it, and answered through a
//! oneshot once the transaction holding it has committed. The task takes everything queued
//! (up to [`MAX_BATCH`]) and commits it as ONE transaction ([`Store::write_batch`]), so under
//! load N concurrent requests cost one commit instead of N — the classic group commit of
//! database logs (Gray & Reuter, *Transaction Processing*, §9.4; PostgreSQL's `commit_delay`).
//! Nothing waits for a timer: an idle writer commits a single write at once, so light load
//! pays no latency for the batching.
//!
//! Durability is unchanged by batching: a caller is acknowledged only after the commit that
//! contains its write, so `kill -9` can lose only writes nobody was told were stored.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::{AcqRel, Acquire, Relaxed};
use std::time::Instant;

use tokio::sync::{mpsc, oneshot};

use crate::error::BridgeError;
use crate::metrics::Metrics;
use crate::store::Store;
use crate::telemetry::store::WriteOp;

/// Most writes committed in one transaction.
pub const MAX_BATCH: usize = 512;

type Reply = oneshot::Sender<Result<(), Arc<str>>>;
type Queued = (WriteOp, Fence, Reply, Instant);

/// Orders a write after the failures of its session: a write made at `generation` is refused
/// once `valid_from > generation`. When a batch fails, the writer raises `valid_from` of every
/// session in it past the failed writes' generation *before* it takes the next batch, so a later
/// write built on a state that was never stored is refused too (its session reloads its last
/// stored state and starts a new generation, see `AppState::lock_session`).
#[derive(Clone, Debug)]
pub struct Fence {
    pub valid_from: Arc<AtomicU64>,
    pub generation: u64,
}

/// Handle to the writer task (cheap to clone).
#[derive(Clone, Debug)]
pub struct Writer {
    tx: mpsc::UnboundedSender<Queued>,
}

/// A queued write: await it to learn whether it committed.
#[derive(Debug)]
pub struct Pending(oneshot::Receiver<Result<(), Arc<str>>>);

impl Pending {
    /// Waits for the commit of the batch holding this write.
    ///
    /// # Errors
    /// [`BridgeError::Write`] with the database's message when the batch failed or the writer
    /// has stopped.
    pub async fn committed(self) -> Result<(), BridgeError> {
        match self.0.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(BridgeError::Write(e.to_string())),
            Err(_) => Err(BridgeError::Write("the storage writer has stopped (the bridge is shutting down)".into())),
        }
    }
}

impl Writer {
    /// Spawns the writer task on the current tokio runtime. It ends when every handle is gone.
    pub fn spawn(store: Store, metrics: Arc<Metrics>) -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(store, metrics, rx));
        Self { tx }
    }

    /// Queues a write without waiting. Call it while holding the session's lock, so the queue
    /// order is the order in which the session's states were made.
    pub fn queue(&self, op: WriteOp, fence: Fence) -> Pending {
        let (reply, rx) = oneshot::channel();
        // A closed channel drops `reply`, which `committed` reports as a stopped writer.
        let _ = self.tx.send((op, fence, reply, Instant::now()));
        Pending(rx)
    }
}

async fn run(store: Store, metrics: Arc<Metrics>, mut rx: mpsc::UnboundedReceiver<Queued>) {
    let mut batch: Vec<Queued> = Vec::with_capacity(MAX_BATCH);
    let mut ops: Vec<WriteOp> = Vec::with_capacity(MAX_BATCH);
    let mut fences: Vec<Fence> = Vec::with_capacity(MAX_BATCH);
    let mut replies: Vec<Reply> = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let t = Instant::now();
        metrics.observe_queue_wait(batch.iter().map(|q| t.duration_since(q.3).as_secs_f64()));
        for (op, fence, reply, _) in batch.drain(..) {
            if fence.generation < fence.valid_from.load(Acquire) {
                let _ = reply.send(Err("an earlier write of this session failed, so this one (built on it) was not stored".into()));
                continue;
            }
            ops.push(op);
            fences.push(fence);
            replies.push(reply);
        }
        if ops.is_empty() {
            continue;
        }
        let r = store.write_batch(&ops).await.map_err(|e| Arc::<str>::from(e.to_string()));
        metrics.observe_commit(t.elapsed().as_secs_f64());
        match &r {
            Ok(()) => {
                metrics.store_writes.fetch_add(ops.len() as u64, Relaxed);
            }
            Err(e) => {
                for f in &fences {
                    f.valid_from.fetch_max(f.generation + 1, AcqRel);
                }
                metrics.store_errors.fetch_add(ops.len() as u64, Relaxed);
                tracing::warn!("storage batch of {} writes failed: {e}", ops.len());
            }
        }
        ops.clear();
        fences.clear();
        for reply in replies.drain(..) {
            // The caller may have gone (request cancelled): nothing to tell.
            let _ = reply.send(r.clone());
        }
    }
}
