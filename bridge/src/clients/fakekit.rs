//! The scaffold every fake service is built on: an axum server on 127.0.0.1 (an ephemeral
//! port) with a fault queue in front of its routes and a log of the requests it saw.
//!
//! Faults are scripted: [`Faults::push`] queues one for the next request (429 with a
//! `Retry-After`, a 5xx, a stall, a malformed body) and [`Faults::set_down`] answers every
//! request with a 503 until cleared. Tests read [`Faults::hits`] to assert what the client
//! sent (paths, never more than the protocol allows) and when.
//!
//! A fake that keeps data (albums, peers, transfers) is a [`Fake`]: its data behind one
//! mutex shared by the handlers and the test, and one admission check (an API key, a
//! User-Agent and rate rule) run before every routed request, so handlers only answer.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};

/// One scripted failure, applied to the next request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// 429 with `Retry-After: secs`.
    RateLimit { retry_after_s: u64 },
    /// This status with an empty body (e.g. 503).
    Status(u16),
    /// Accept the request and answer nothing for this long (then the real answer).
    Stall(Duration),
    /// 200 with a body that is not valid JSON.
    Malformed,
}

/// A request the fake received.
#[derive(Clone, Debug)]
pub struct Hit {
    pub method: String,
    /// Path and query.
    pub uri: String,
    pub at: Instant,
}

/// The fault queue and request log of one fake (shared with the test).
#[derive(Debug, Default)]
pub struct Faults {
    queue: Mutex<VecDeque<Fault>>,
    down: AtomicBool,
    stall_all: Mutex<Option<Duration>>,
    hits: Mutex<Vec<Hit>>,
}

impl Faults {
    /// Queues a fault for the next request that reaches the fake.
    pub fn push(&self, f: Fault) {
        self.queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push_back(f);
    }

    /// Every request answered 503 while `down`.
    pub fn set_down(&self, down: bool) {
        self.down.store(down, Relaxed);
    }

    /// Every request stalls this long (None: none do) — a server that hangs.
    pub fn stall_all(&self, d: Option<Duration>) {
        *self.stall_all.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = d;
    }

    /// The requests seen so far.
    pub fn hits(&self) -> Vec<Hit> {
        self.hits.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Requests whose path (without query) starts with `prefix`.
    pub fn count(&self, prefix: &str) -> usize {
        self.hits().iter().filter(|h| h.uri.split('?').next().unwrap_or("").starts_with(prefix)).count()
    }
}

async fn apply(State(f): State<Arc<Faults>>, req: Request, next: Next) -> Response {
    let uri = req.uri().path_and_query().map_or_else(|| req.uri().path().to_string(), ToString::to_string);
    f.hits.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(Hit {
        method: req.method().to_string(),
        uri,
        at: Instant::now(),
    });
    if f.down.load(Relaxed) {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let stall = *f.stall_all.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(d) = stall {
        tokio::time::sleep(d).await;
    }
    let fault = f.queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner).pop_front();
    match fault {
        None => next.run(req).await,
        Some(Fault::RateLimit { retry_after_s }) => {
            let mut r = (StatusCode::TOO_MANY_REQUESTS, "rate limited").into_response();
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after_s));
            r
        }
        Some(Fault::Status(s)) => StatusCode::from_u16(s).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR).into_response(),
        Some(Fault::Stall(d)) => {
            tokio::time::sleep(d).await;
            next.run(req).await
        }
        Some(Fault::Malformed) => {
            Response::builder().header(header::CONTENT_TYPE, "application/json").body(Body::from("{\"truncated\": [")).unwrap_or_default()
        }
    }
}

/// A running fake: its address and faults; the server stops when this is dropped.
#[derive(Debug)]
pub struct FakeServer {
    pub addr: SocketAddr,
    pub faults: Arc<Faults>,
    task: tokio::task::JoinHandle<()>,
}

impl FakeServer {
    /// Serves `router` on 127.0.0.1 (ephemeral port) behind the fault layer.
    ///
    /// # Panics
    /// When no loopback port can be bound (a test environment problem).
    pub async fn spawn(router: Router) -> Self {
        let faults = Arc::new(Faults::default());
        let app = router.layer(middleware::from_fn_with_state(faults.clone(), apply));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port for a fake");
        let addr = listener.local_addr().expect("bound address");
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self { addr, faults, task }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A fake's data, shared by its handlers (axum state) and the test.
pub type Shared<D> = Arc<Mutex<D>>;

/// The admission check of a [`Fake`]: runs before every routed request with the data locked;
/// `Some(answer)` refuses the request with that answer (a wrong API key, a missing
/// User-Agent, a request over the rate limit).
pub type Admit<D> = fn(&mut D, &HeaderMap) -> Option<Response>;

/// Locks a fake's data (a handler that panicked leaves it usable).
pub fn lock<D>(db: &Mutex<D>) -> MutexGuard<'_, D> {
    db.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A running fake with data: its server (faults, request log) and its data; stops when
/// dropped.
#[derive(Debug)]
pub struct Fake<D> {
    pub server: FakeServer,
    db: Shared<D>,
}

impl<D: Send + 'static> Fake<D> {
    /// Serves `routes` over `db` on 127.0.0.1 (an ephemeral port): each request passes the
    /// fault layer (logged, maybe faulted), then, when it matches a route, `admit`.
    ///
    /// # Panics
    /// When no loopback port can be bound (a test environment problem).
    pub async fn spawn(db: D, routes: Router<Shared<D>>, admit: Admit<D>) -> Self {
        let db = Arc::new(Mutex::new(db));
        let app = routes.route_layer(middleware::from_fn_with_state((db.clone(), admit), gate::<D>)).with_state(db.clone());
        Self { server: FakeServer::spawn(app).await, db }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// The fault queue and request log.
    pub fn faults(&self) -> &Arc<Faults> {
        &self.server.faults
    }

    /// The data, locked.
    pub fn db(&self) -> MutexGuard<'_, D> {
        lock(&self.db)
    }
}

async fn gate<D: Send + 'static>(State((db, admit)): State<(Shared<D>, Admit<D>)>, req: Request, next: Next) -> Response {
    let refused = admit(&mut lock(&db), req.headers());
    match refused {
        None => next.run(req).await,
        Some(answer) => answer,
    }
}
