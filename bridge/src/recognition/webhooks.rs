//! Webhooks of the recognition service: registered URLs receive a signed POST for each
//! recognition over the API that asks for it (`POST /api/v1/recognize?notify=true`, event
//! `recognition`), and for each live stream's recognised track changing (the
//! `/resonance/now_playing` reports of live hosts and plugins: `now_playing` when a track is
//! heard, `ended` when it stops; `data` is `{session, title, artist[, confidence]}`).
//!
//! * **Registrations** live in the store (`recognition_webhooks`: id, URL, events, secret), so
//!   they survive a restart. A URL must be `http://` or `https://` (`file`, `gopher`, ...
//!   answer 422 `bad_webhook_url`), and may not resolve to the bridge itself;
//!   loopback, private and link-local addresses are refused too unless the bridge runs with
//!   `webhook_allow_private` (tests, a receiver on the same host). The address is checked again
//!   at every delivery and the connection goes to the checked address (no DNS rebinding).
//! * **TLS**: `https` receivers are called through reqwest with rustls, verified against the
//!   public roots (webpki-roots) plus the bridge's `webhook_ca` (a private CA, or a test's);
//!   no redirects are followed.
//! * **Signing**: headers `Resonance-Webhook-Id` (the delivery's id, for deduplication),
//!   `Resonance-Timestamp` (Unix seconds) and `Resonance-Signature: v1=HEX`, where `HEX` is
//!   HMAC-SHA256 with the webhook's secret over `"{timestamp}.{body}"`. A receiver recomputes
//!   it, compares in constant time and refuses timestamps more than 5 minutes off.
//! * **Never in the way**: an event is handed to a bounded queue ([`QUEUE`]) with `try_send`;
//!   a full queue drops it (counted), so a slow or dead receiver never slows a recognition.
//!   A dispatcher task sends at most [`CONCURRENCY`] deliveries at once, each attempt with a
//!   2 s connect and 5 s total timeout.
//! * **Retries**: a connection error, a timeout, 408, 429 or 5xx is retried after
//!   `backoff · 2^n` (full jitter) up to [`ATTEMPTS`] attempts; another 4xx fails at once.
//! * **Status**: the last [`KEPT`] deliveries (pending, delivered, failed, dropped, with
//!   attempts, last HTTP status and error) are kept in memory and listed per webhook.

use std::collections::VecDeque;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::Ordering::Relaxed;
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use sqlx::Row;
use tokio::sync::{Semaphore, mpsc};

use crate::clock::now_ms;
use crate::error::{AppError, BridgeError};
use crate::metrics::Metrics;
use crate::store::{Store, with_pool};

/// Events a webhook can subscribe to.
pub const EVENTS: &[&str] = &["recognition", "now_playing", "ended"];
/// Deliveries waiting for the dispatcher; beyond it an event is dropped (counted).
pub const QUEUE: usize = 1024;
/// Deliveries in flight at once.
pub const CONCURRENCY: usize = 8;
/// Attempts per delivery before it is `failed`.
pub const ATTEMPTS: u32 = 8;
/// Delivery records kept for the status route.
pub const KEPT: usize = 1000;
/// Most webhooks registered at once.
pub const MAX_WEBHOOKS: usize = 100;

/// The webhook table (one of `recognition::store::SCHEMA`'s statements).
pub const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS recognition_webhooks (id TEXT PRIMARY KEY, url TEXT NOT NULL, events TEXT NOT NULL, secret TEXT NOT NULL, created_ms BIGINT NOT NULL)";

/// A registered webhook.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Webhook {
    pub id: String,
    pub url: String,
    pub events: Vec<String>,
    /// Shown only in the answer to the registration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    pub created_ms: i64,
}

/// One delivery's state.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Delivery {
    pub id: String,
    pub webhook_id: String,
    pub event: String,
    /// `pending`, `delivered`, `failed` or `dropped`.
    pub status: &'static str,
    pub attempts: u32,
    /// The receiver's last HTTP status, if it answered.
    pub last_code: Option<u16>,
    pub last_error: Option<String>,
    pub created_ms: i64,
    pub done_ms: Option<i64>,
}

/// How deliveries are made: the address rules and the TLS roots.
#[derive(Debug)]
struct Dialer {
    allow_private: bool,
    own: Arc<OnceLock<SocketAddr>>,
    /// An extra trusted certificate authority for `https` receivers.
    ca: Option<reqwest::Certificate>,
    backoff: Duration,
}

#[derive(Debug)]
struct Job {
    delivery: String,
    hook: Webhook,
    secret: String,
    body: Vec<u8>,
}

/// The webhooks: registrations, the delivery queue and the delivery records.
#[derive(Debug)]
pub struct Webhooks {
    hooks: RwLock<Vec<(Webhook, String)>>,
    tx: mpsc::Sender<Job>,
    deliveries: Arc<Mutex<VecDeque<Delivery>>>,
    allow_private: bool,
    /// The bridge's own HTTP address, refused as a target.
    pub own: Arc<OnceLock<SocketAddr>>,
}

fn bad_url(message: impl Into<String>) -> AppError {
    AppError::rejected(StatusCode::UNPROCESSABLE_ENTITY, "bad_webhook_url", message)
}

fn random_hex(bytes: usize) -> String {
    use std::fmt::Write as _;
    let mut b = vec![0u8; bytes];
    rand::fill(&mut b[..]);
    b.iter().fold(String::new(), |mut s, x| {
        let _ = write!(s, "{x:02x}");
        s
    })
}

/// `v1=` and the hex HMAC-SHA256 of `"{timestamp}.{body}"` under `secret`.
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    use std::fmt::Write as _;
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else { return String::new() };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().iter().fold(String::from("v1="), |mut s, x| {
        let _ = write!(s, "{x:02x}");
        s
    })
}

/// Host and port of an `http://` or `https://` URL (path ignored), or why it is refused.
fn http_target(url: &str) -> Result<(String, u16), AppError> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(bad_url(format!("{url:?} is not a URL; give http(s)://HOST[:PORT]/PATH")));
    };
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "http" => "80",
        "https" => "443",
        _ => return Err(bad_url(format!("the scheme {scheme:?} is not delivered to; give an http:// or https:// URL"))),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(bad_url("a webhook URL may not carry a user name or password; put a token in the path"));
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (h, after) = v6.split_once(']').ok_or_else(|| bad_url("an IPv6 host needs its closing ]"))?;
        (h.to_string(), after.strip_prefix(':').unwrap_or(default_port))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), p),
            None => (authority.to_string(), default_port),
        }
    };
    if host.is_empty() {
        return Err(bad_url(format!("{url:?} has no host")));
    }
    let port = port.parse::<u16>().map_err(|_| bad_url(format!("{url:?} has a bad port")))?;
    Ok((host, port))
}

/// Whether `ip` is loopback, private, link-local, unspecified, CGNAT, unique-local or
/// multicast (IPv4-mapped IPv6 judged as IPv4).
fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1]))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private(IpAddr::V4(v4));
            }
            let s = v6.segments();
            v6.is_loopback() || v6.is_unspecified() || v6.is_multicast() || (s[0] & 0xfe00) == 0xfc00 || (s[0] & 0xffc0) == 0xfe80
        }
    }
}

/// Resolves `url` and checks every address (module docs); the address to connect to.
async fn checked_addr(url: &str, allow_private: bool, own: Option<SocketAddr>) -> Result<SocketAddr, AppError> {
    let (host, port) = http_target(url)?;
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), port))
        .await
        .map_err(|e| bad_url(format!("the host {host:?} does not resolve ({e})")))?
        .collect();
    let Some(first) = addrs.first().copied() else { return Err(bad_url(format!("the host {host:?} has no address"))) };
    for a in &addrs {
        let me = own.is_some_and(|o| o.port() == a.port() && (o.ip() == a.ip() || (is_private(a.ip()) && o.ip().is_unspecified())));
        let me = me || own.is_some_and(|o| o.port() == a.port() && a.ip().is_loopback());
        if me {
            return Err(bad_url(format!("{url:?} points at this service itself ({a}); give the receiver's address")));
        }
        if !allow_private && is_private(a.ip()) {
            return Err(bad_url(format!(
                "{url:?} resolves to {} (loopback, private or link-local), which webhooks do not call; give a public address",
                a.ip()
            )));
        }
    }
    Ok(first)
}

impl Webhooks {
    /// Loads the registrations and starts the dispatcher (on the current tokio runtime).
    /// `ca`: a PEM certificate authority trusted for `https` receivers besides the public ones.
    ///
    /// # Errors
    /// [`BridgeError`] when the store cannot be read, or `ca` is not a PEM certificate.
    pub async fn open(
        store: &Store,
        metrics: &Arc<Metrics>,
        allow_private: bool,
        backoff: Duration,
        ca: Option<&[u8]>,
    ) -> Result<Self, BridgeError> {
        let ca = ca
            .map(reqwest::Certificate::from_pem)
            .transpose()
            .map_err(|e| BridgeError::Config(format!("the webhook CA is not a PEM certificate ({e}); give a PEM file")))?;
        let rows: Vec<(String, String, String, String, i64)> = with_pool!(store, p => sqlx::query("SELECT id, url, events, secret, created_ms FROM recognition_webhooks ORDER BY created_ms, id").fetch_all(p).await?
            .iter().map(|r| Ok::<_, sqlx::Error>((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?, r.try_get(4)?))).collect::<Result<Vec<_>, _>>()?);
        let hooks = rows
            .into_iter()
            .map(|(id, url, events, secret, created_ms)| {
                let events = events.split(',').filter(|e| !e.is_empty()).map(str::to_string).collect();
                (Webhook { id, url, events, secret: None, created_ms }, secret)
            })
            .collect();
        let (tx, rx) = mpsc::channel(QUEUE);
        let deliveries = Arc::new(Mutex::new(VecDeque::new()));
        let own = Arc::new(OnceLock::new());
        let dialer = Arc::new(Dialer { allow_private, own: own.clone(), ca, backoff });
        tokio::spawn(dispatch(rx, deliveries.clone(), metrics.clone(), dialer));
        Ok(Self { hooks: RwLock::new(hooks), tx, deliveries, allow_private, own })
    }

    /// Registers a webhook; the answer carries its secret (the only time it is shown).
    ///
    /// # Errors
    /// 422 `bad_webhook_url` for a refused URL, 422 `validation` for unknown events, 500
    /// when the store cannot be written.
    pub async fn register(&self, store: &Store, url: &str, events: Vec<String>, secret: Option<String>) -> Result<Webhook, AppError> {
        checked_addr(url, self.allow_private, self.own.get().copied()).await?;
        if events.is_empty() {
            return Err(crate::extract::verr("events", format!("give at least one event of {EVENTS:?}")));
        }
        if let Some(e) = events.iter().find(|e| !EVENTS.contains(&e.as_str())) {
            return Err(crate::extract::verr("events", format!("unknown event {e:?}; known: {EVENTS:?}")));
        }
        let secret = secret.unwrap_or_else(|| random_hex(32));
        if secret.len() < 16 || secret.len() > 256 {
            return Err(crate::extract::verr("secret", "a secret has 16 to 256 characters (leave it out to get a random one)"));
        }
        if self.hooks.read().unwrap_or_else(PoisonError::into_inner).len() >= MAX_WEBHOOKS {
            return Err(crate::extract::verr("url", format!("at most {MAX_WEBHOOKS} webhooks; delete one first")));
        }
        let hook = Webhook { id: format!("whk_{}", random_hex(8)), url: url.to_string(), events, secret: None, created_ms: now_ms() };
        let joined = hook.events.join(",");
        with_pool!(store, p => sqlx::query("INSERT INTO recognition_webhooks (id, url, events, secret, created_ms) VALUES ($1, $2, $3, $4, $5)")
            .bind(&hook.id).bind(&hook.url).bind(&joined).bind(&secret).bind(hook.created_ms).execute(p).await.map_err(BridgeError::from)?.rows_affected());
        self.hooks.write().unwrap_or_else(PoisonError::into_inner).push((hook.clone(), secret.clone()));
        Ok(Webhook { secret: Some(secret), ..hook })
    }

    /// The registered webhooks (without their secrets).
    pub fn list(&self) -> Vec<Webhook> {
        self.hooks.read().unwrap_or_else(PoisonError::into_inner).iter().map(|(h, _)| h.clone()).collect()
    }

    /// Removes a webhook; `false` when unknown.
    ///
    /// # Errors
    /// 500 when the store cannot be written.
    pub async fn delete(&self, store: &Store, id: &str) -> Result<bool, AppError> {
        let n = with_pool!(store, p => sqlx::query("DELETE FROM recognition_webhooks WHERE id = $1").bind(id).execute(p).await.map_err(BridgeError::from)?.rows_affected());
        let mut hooks = self.hooks.write().unwrap_or_else(PoisonError::into_inner);
        let before = hooks.len();
        hooks.retain(|(h, _)| h.id != id);
        Ok(n > 0 || hooks.len() != before)
    }

    /// The kept deliveries of webhook `id`, newest first, at most `limit`.
    pub fn deliveries(&self, id: &str, limit: usize) -> Vec<Delivery> {
        let d = self.deliveries.lock().unwrap_or_else(PoisonError::into_inner);
        d.iter().rev().filter(|x| x.webhook_id == id).take(limit).cloned().collect()
    }

    /// Queues `event` with `payload` for every webhook subscribed to it; never waits (a full
    /// queue drops the delivery, counted).
    pub fn emit(&self, event: &str, payload: &serde_json::Value, metrics: &Metrics) {
        let hooks: Vec<(Webhook, String)> = self
            .hooks
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .filter(|(h, _)| h.events.iter().any(|e| e == event))
            .cloned()
            .collect();
        for (hook, secret) in hooks {
            let id = format!("dlv_{}", random_hex(8));
            let body = serde_json::json!({"id": id, "event": event, "webhook_id": hook.id, "created_ms": now_ms(), "data": payload});
            let mut record = Delivery {
                id: id.clone(),
                webhook_id: hook.id.clone(),
                event: event.to_string(),
                status: "pending",
                attempts: 0,
                last_code: None,
                last_error: None,
                created_ms: now_ms(),
                done_ms: None,
            };
            let job = Job { delivery: id, hook, secret, body: body.to_string().into_bytes() };
            if self.tx.try_send(job).is_err() {
                record.status = "dropped";
                record.last_error = Some(format!("the delivery queue ({QUEUE}) was full"));
                metrics.webhook_dropped.fetch_add(1, Relaxed);
            }
            keep(&self.deliveries, record);
        }
    }
}

fn keep(deliveries: &Mutex<VecDeque<Delivery>>, record: Delivery) {
    let mut d = deliveries.lock().unwrap_or_else(PoisonError::into_inner);
    if d.len() >= KEPT {
        d.pop_front();
    }
    d.push_back(record);
}

fn update(deliveries: &Mutex<VecDeque<Delivery>>, id: &str, f: impl FnOnce(&mut Delivery)) {
    let mut d = deliveries.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(x) = d.iter_mut().rev().find(|x| x.id == id) {
        f(x);
    }
}

/// The dispatcher: each job on its own task, at most [`CONCURRENCY`] at once.
async fn dispatch(mut rx: mpsc::Receiver<Job>, deliveries: Arc<Mutex<VecDeque<Delivery>>>, metrics: Arc<Metrics>, dialer: Arc<Dialer>) {
    let slots = Arc::new(Semaphore::new(CONCURRENCY));
    while let Some(job) = rx.recv().await {
        let Ok(permit) = slots.clone().acquire_owned().await else { return };
        let (d, m, dialer) = (deliveries.clone(), metrics.clone(), dialer.clone());
        tokio::spawn(async move {
            let _permit = permit;
            deliver(job, &d, &m, &dialer).await;
        });
    }
}

/// One delivery with its retries.
async fn deliver(job: Job, deliveries: &Mutex<VecDeque<Delivery>>, metrics: &Metrics, dialer: &Dialer) {
    let backoff = dialer.backoff;
    for attempt in 1..=ATTEMPTS {
        let t = Instant::now();
        let outcome = attempt_once(&job, dialer).await;
        metrics.observe_webhook(t.elapsed().as_secs_f64());
        let (code, error, retry) = match outcome {
            Ok(code) if (200..300).contains(&code) => (Some(code), None, false),
            Ok(code) => (Some(code), Some(format!("the receiver answered {code}")), matches!(code, 408 | 429 | 500..=599)),
            Err(e) => (None, Some(e), true),
        };
        let delivered = error.is_none();
        let last = delivered || !retry || attempt == ATTEMPTS;
        update(deliveries, &job.delivery, |d| {
            d.attempts = attempt;
            d.last_code = code;
            d.last_error.clone_from(&error);
            if last {
                d.status = if delivered { "delivered" } else { "failed" };
                d.done_ms = Some(now_ms());
            }
        });
        let counter = match (delivered, last) {
            (true, _) => &metrics.webhook_delivered,
            (false, true) => &metrics.webhook_failed,
            (false, false) => &metrics.webhook_retried,
        };
        counter.fetch_add(1, Relaxed);
        if last {
            return;
        }
        let cap = backoff.saturating_mul(1 << (attempt - 1).min(16)).min(Duration::from_mins(15));
        let jitter = rand::random::<f64>().mul_add(0.5, 0.5);
        tokio::time::sleep(cap.mul_f64(jitter)).await;
    }
}

/// The message of a refusal.
fn why(e: AppError) -> String {
    match e {
        AppError::Rejected { message, .. } => message,
        other => format!("{other:?}"),
    }
}

/// A reqwest error with its causes ("error sending request" alone says little).
fn chain(e: &reqwest::Error) -> String {
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(c) = source {
        s.push_str(": ");
        s.push_str(&c.to_string());
        source = c.source();
    }
    s
}

/// One POST: the receiver's status, or why there is none. The connection goes to the
/// address just checked (reqwest's resolver is bypassed for the URL's host), with rustls
/// for `https`.
async fn attempt_once(job: &Job, dialer: &Dialer) -> Result<u16, String> {
    let addr = checked_addr(&job.hook.url, dialer.allow_private, dialer.own.get().copied()).await.map_err(why)?;
    let (host, _) = http_target(&job.hook.url).map_err(why)?;
    let mut client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .connect_timeout(Duration::from_secs(2))
        .timeout(Duration::from_secs(5))
        .user_agent("resonance-bridge-webhooks")
        .resolve(&host, addr);
    if let Some(ca) = &dialer.ca {
        client = client.add_root_certificate(ca.clone());
    }
    let client = client.build().map_err(|e| format!("cannot build the HTTP client ({})", chain(&e)))?;
    let ts = now_ms() / 1000;
    let mut resp = client
        .post(&job.hook.url)
        .header("content-type", "application/json")
        .header("resonance-webhook-id", &job.delivery)
        .header("resonance-timestamp", ts.to_string())
        .header("resonance-signature", signature(&job.secret, ts, &job.body))
        .body(job.body.clone())
        .send()
        .await
        .map_err(|e| {
            if e.is_timeout() {
                format!("{addr} did not answer within 5 s")
            } else if e.is_connect() {
                format!("cannot connect to {addr} ({})", chain(&e))
            } else {
                format!("the request to {addr} failed ({})", chain(&e))
            }
        })?;
    let code = resp.status().as_u16();
    // read (at most 64 KiB of) the answer, then drop it
    let mut read = 0usize;
    while read < 64 * 1024 {
        match resp.chunk().await {
            Ok(Some(c)) => read += c.len(),
            _ => break,
        }
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_addresses() {
        assert_eq!(http_target("http://example.com/hook").unwrap(), ("example.com".into(), 80));
        assert_eq!(http_target("http://[::1]:9000/x").unwrap(), ("::1".into(), 9000));
        assert_eq!(http_target("https://example.com/hook").unwrap(), ("example.com".into(), 443));
        assert_eq!(http_target("HTTPS://example.com:8443").unwrap(), ("example.com".into(), 8443));
        for bad in ["ftp://example.com/", "file:///etc/passwd", "gopher://x/", "http://u:p@example.com/", "example.com", "http://:80/"] {
            assert!(http_target(bad).is_err(), "{bad}");
        }
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "192.168.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(is_private(ip.parse().unwrap()), "{ip}");
        }
        assert!(!is_private("93.184.216.34".parse().unwrap()));
        // a known vector: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog")
        let mut mac = Hmac::<Sha256>::new_from_slice(b"key").unwrap();
        mac.update(b"The quick brown fox jumps over the lazy dog");
        let hex = mac.finalize().into_bytes().iter().fold(String::new(), |mut s, b| {
            use std::fmt::Write as _;
            let _ = write!(s, "{b:02x}");
            s
        });
        assert_eq!(hex, "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
        assert!(signature("secret", 1, b"{}").starts_with("v1="));
    }
}
