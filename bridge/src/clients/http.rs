//! What every HTTP client of an external service shares: one reqwest client builder (rustls,
//! connect and request timeouts), the retry policy (429 waits `Retry-After`, 5xx and
//! connection failures back off exponentially, a bounded number of attempts) and the error
//! every client returns, [`ClientError`], whose message says what to change.
//!
//! Secrets travel in some services' URLs (Subsonic's `t`/`s`), so nothing here logs a URL and
//! [`ClientError`] never carries one.

use std::future::Future;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

/// Connect timeout of every client.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// An error of a call to an external service.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// 429 and the wait it asked for is longer than the policy allows (or attempts ran out).
    #[error("{service} is rate limiting us; retry after {}s", retry_after.as_secs())]
    RateLimited { service: &'static str, retry_after: Duration },
    /// 5xx, refused connection or a reset, after the retries.
    #[error("{service} is unavailable ({why}); check that it runs and is reachable, the music carries on without it")]
    Unavailable { service: &'static str, why: String },
    /// No answer within the request timeout (a stalled server).
    #[error("{service} did not answer within {}s; check the server, the music carries on without it", timeout.as_secs())]
    Timeout { service: &'static str, timeout: Duration },
    /// The answer is not what the protocol says.
    #[error("{service} sent an answer that could not be read ({why}); check its version")]
    Malformed { service: &'static str, why: String },
    /// Credentials refused (401/403 or the protocol's auth error).
    #[error("{service} refused the credentials ({why}); {what_to_do}")]
    Auth { service: &'static str, why: String, what_to_do: String },
    /// Any other 4xx (or a protocol error), with the service's own message.
    #[error("{service} answered {status}: {message}")]
    Rejected { service: &'static str, status: u16, reason: String, message: String },
}

impl ClientError {
    /// A short machine-readable kind (metrics label, page status).
    pub fn kind(&self) -> &'static str {
        match self {
            ClientError::RateLimited { .. } => "rate_limited",
            ClientError::Unavailable { .. } => "unavailable",
            ClientError::Timeout { .. } => "timeout",
            ClientError::Malformed { .. } => "malformed",
            ClientError::Auth { .. } => "auth",
            ClientError::Rejected { .. } => "rejected",
        }
    }

    /// Whether another attempt may succeed (rate limits, 5xx, timeouts, connection failures).
    pub fn is_transient(&self) -> bool {
        matches!(self, ClientError::RateLimited { .. } | ClientError::Unavailable { .. } | ClientError::Timeout { .. })
    }

    /// A transport error of reqwest as a client error (the URL stripped: it may hold secrets).
    pub fn from_reqwest(service: &'static str, timeout: Duration, e: &reqwest::Error) -> Self {
        if e.is_timeout() {
            ClientError::Timeout { service, timeout }
        } else if e.is_decode() || e.is_body() {
            ClientError::Malformed { service, why: e.to_string() }
        } else {
            let why = if e.is_connect() { "connection refused or unreachable".to_string() } else { "connection failed".to_string() };
            ClientError::Unavailable { service, why }
        }
    }
}

/// The retry policy of a client.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    /// Attempts in all (the first one included).
    pub attempts: u32,
    /// First backoff after a 5xx or a connection failure; doubled each time.
    pub base: Duration,
    /// Longest backoff, and the longest `Retry-After` waited for: a longer one is returned as
    /// [`ClientError::RateLimited`] so the caller can schedule it instead of blocking.
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self { attempts: 4, base: Duration::from_millis(250), max_wait: Duration::from_secs(30) }
    }
}

impl RetryPolicy {
    /// The backoff before attempt `n + 1` after `n` failures (exponential, capped; a little
    /// jitter so clients started together do not retry together).
    pub fn backoff(&self, n: u32) -> Duration {
        let exp = self.base.saturating_mul(1u32 << n.min(16));
        let jitter = Duration::from_millis(u64::from(rand::random::<u8>()) % 50);
        exp.min(self.max_wait) + jitter
    }
}

/// `Retry-After` as a duration: delta-seconds (what Spotify and most APIs send) or an HTTP
/// date; clamped to at least 1 s (a `0` would spin) and at most 15 min.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let secs = if let Ok(s) = v.parse::<u64>() {
        s
    } else {
        let t = httpdate_secs(v)?;
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
        t.saturating_sub(now)
    };
    Some(Duration::from_secs(secs.clamp(1, 900)))
}

/// Seconds since the epoch of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110).
fn httpdate_secs(s: &str) -> Option<u64> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    if parts.len() != 6 || parts[5] != "GMT" {
        return None;
    }
    let day: u64 = parts[1].parse().ok()?;
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].iter().position(|m| *m == parts[2])?
        as u64
        + 1;
    let year: u64 = parts[3].parse().ok()?;
    let hms: Vec<u64> = parts[4].split(':').map(str::parse).collect::<Result<_, _>>().ok()?;
    if hms.len() != 3 || year < 1970 {
        return None;
    }
    // days from civil (Howard Hinnant's algorithm)
    let (y, m) = if month <= 2 { (year - 1, month + 9) } else { (year, month - 3) };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2])
}

/// A reqwest client with the shared connect timeout and this request timeout (the whole
/// request, so a stalled server costs at most `timeout` per attempt).
pub fn client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT.min(timeout))
        .timeout(timeout)
        .user_agent(concat!("Resonance/", env!("CARGO_PKG_VERSION"), " (+https://github.com/resonance-audio/resonance)"))
        .build()
        .unwrap_or_default()
}

/// Runs `call` under `policy`: a [`ClientError::RateLimited`] whose wait fits in
/// `max_wait` is waited out and retried, transient errors back off and retry, anything else
/// is returned at once. `on_retry` sees every error that is retried (metrics).
pub async fn with_retry<T, F, Fut>(policy: &RetryPolicy, mut on_retry: impl FnMut(&ClientError), mut call: F) -> Result<T, ClientError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, ClientError>>,
{
    let mut n = 0;
    loop {
        let err = match call().await {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        n += 1;
        if n >= policy.attempts || !err.is_transient() {
            return Err(err);
        }
        let wait = match &err {
            ClientError::RateLimited { retry_after, .. } if *retry_after > policy.max_wait => return Err(err),
            ClientError::RateLimited { retry_after, .. } => *retry_after,
            _ => policy.backoff(n - 1),
        };
        on_retry(&err);
        tokio::time::sleep(wait).await;
    }
}

/// Maps an HTTP status (not 2xx) and its headers to the error of `service`; `message` is the
/// service's own text when it sent one.
pub fn status_error(service: &'static str, status: StatusCode, headers: &HeaderMap, message: String) -> ClientError {
    match status.as_u16() {
        429 => ClientError::RateLimited { service, retry_after: retry_after(headers).unwrap_or(Duration::from_secs(1)) },
        401 => ClientError::Auth { service, why: message, what_to_do: "log in again".into() },
        500..=599 => ClientError::Unavailable { service, why: format!("HTTP {}", status.as_u16()) },
        s => ClientError::Rejected { service, status: s, reason: String::new(), message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates_and_clamps() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        h.insert(RETRY_AFTER, "0".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(1)));
        h.insert(RETRY_AFTER, "86400".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_mins(15)));
        assert_eq!(httpdate_secs("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        h.insert(RETRY_AFTER, "Sun, 06 Nov 1994 08:49:37 GMT".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(1)), "a date in the past waits the minimum");
        h.insert(RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&h), None);
    }

    #[tokio::test]
    async fn with_retry_waits_retry_after_then_gives_up_on_permanent_errors() {
        let policy = RetryPolicy::default();
        let mut calls = 0;
        let t = std::time::Instant::now();
        let r: Result<u8, _> =
            with_retry(
                &policy,
                |_| {},
                || {
                    calls += 1;
                    let c = calls;
                    async move {
                        if c == 1 { Err(ClientError::RateLimited { service: "x", retry_after: Duration::from_secs(1) }) } else { Ok(5) }
                    }
                },
            )
            .await;
        assert_eq!(r, Ok(5));
        assert!(t.elapsed() >= Duration::from_secs(1), "the Retry-After wait was honoured");
        let mut calls = 0;
        let r: Result<u8, _> = with_retry(
            &policy,
            |_| {},
            || {
                calls += 1;
                async { Err(ClientError::Rejected { service: "x", status: 404, reason: String::new(), message: String::new() }) }
            },
        )
        .await;
        assert!(r.is_err());
        assert_eq!(calls, 1, "a 404 is not retried");
    }
}
