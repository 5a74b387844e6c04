//! The bounded worker pool the recognition service decodes and matches on.
//!
//! Work runs on tokio's blocking threads (`spawn_blocking`), at most `workers` at once (one
//! semaphore), and at most `workers + queue` requests are admitted at all (a second
//! semaphore, taken without waiting): a request that finds the pool full is answered 503 with
//! `Retry-After` at once instead of queueing without limit, so an overload shows as fast
//! refusals rather than ever-growing latency, and the async threads that serve other routes
//! never decode or match.

use std::sync::Arc;

use tokio::sync::Semaphore;

/// The pool was full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Busy;

/// A bounded pool of blocking workers (module docs).
#[derive(Debug)]
pub struct WorkerPool {
    admit: Arc<Semaphore>,
    run: Arc<Semaphore>,
    workers: usize,
    queue: usize,
}

impl WorkerPool {
    /// `workers` running at once, `queue` more waiting.
    pub fn new(workers: usize, queue: usize) -> Self {
        let workers = workers.max(1);
        Self { admit: Arc::new(Semaphore::new(workers + queue)), run: Arc::new(Semaphore::new(workers)), workers, queue }
    }

    /// `(workers, queue)`.
    pub fn size(&self) -> (usize, usize) {
        (self.workers, self.queue)
    }

    /// Requests admitted now (running or waiting).
    pub fn in_flight(&self) -> usize {
        (self.workers + self.queue).saturating_sub(self.admit.available_permits())
    }

    /// Runs `f` on a worker when one is free.
    ///
    /// # Errors
    /// [`Busy`] at once when `workers + queue` requests are already admitted.
    ///
    /// # Panics
    /// Re-raises a panic of `f`.
    pub async fn run<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> Result<T, Busy> {
        let admitted = self.admit.clone().try_acquire_owned().map_err(|_| Busy)?;
        let running = self.run.clone().acquire_owned().await.map_err(|_| Busy)?;
        let r = tokio::task::spawn_blocking(move || {
            let _permits = (admitted, running);
            f()
        })
        .await;
        match r {
            Ok(v) => Ok(v),
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_pool_refuses_at_once() {
        let pool = Arc::new(WorkerPool::new(1, 1));
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let rx = Arc::new(std::sync::Mutex::new(rx));
        let mut held = Vec::new();
        for _ in 0..2 {
            let (p, rx) = (pool.clone(), rx.clone());
            held.push(tokio::spawn(async move { p.run(move || rx.lock().unwrap().recv().is_ok()).await }));
        }
        while pool.in_flight() < 2 {
            tokio::task::yield_now().await;
        }
        assert_eq!(pool.run(|| 1).await, Err(Busy));
        tx.send(()).unwrap();
        tx.send(()).unwrap();
        for h in held {
            assert_eq!(h.await.unwrap(), Ok(true));
        }
        assert_eq!(pool.run(|| 7).await, Ok(7));
    }
}
