//! What a key may do and how often: scopes and per-key rate limits.
//!
//! A key created with `scopes` may only call the routes of those scopes; a key without a
//! stored policy (every key made before scopes existed, and the first key) may call
//! everything. Scopes: `recognize` (identify audio and fingerprints) and `manage` (change the
//! recognition catalogue). A key with `rate_per_s` is limited by a token bucket holding one
//! second of requests (at least one): an empty bucket answers 429 with `Retry-After`, the
//! seconds until a token is back. Buckets live in memory; a restart refills them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

/// The scopes a key can hold.
pub const SCOPES: &[&str] = &["recognize", "manage"];

/// A key's limits.
#[derive(Clone, Debug, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct KeyPolicy {
    pub id: String,
    /// Scopes the key holds (a subset of [`SCOPES`]).
    pub scopes: Vec<String>,
    /// Requests per second to scoped routes; `None`: unlimited.
    pub rate_per_s: Option<f64>,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Why a request was refused.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Refusal {
    /// The key lacks the scope.
    Scope,
    /// The key's bucket is empty; retry after this many seconds.
    Rate { retry_after_s: u64 },
}

/// Policies of every key that has one, and the rate buckets.
#[derive(Debug, Default, Clone)]
pub struct Policies {
    by_id: Arc<RwLock<HashMap<String, KeyPolicy>>>,
    buckets: Arc<Mutex<HashMap<String, Bucket>>>,
}

impl Policies {
    /// From the stored policies.
    pub fn from_records(records: Vec<KeyPolicy>) -> Self {
        let p = Self::default();
        for r in records {
            p.insert(r);
        }
        p
    }

    pub fn insert(&self, p: KeyPolicy) {
        self.by_id.write().unwrap_or_else(std::sync::PoisonError::into_inner).insert(p.id.clone(), p);
    }

    /// The policy of key `id`, if it has one.
    pub fn get(&self, id: &str) -> Option<KeyPolicy> {
        self.by_id.read().unwrap_or_else(std::sync::PoisonError::into_inner).get(id).cloned()
    }

    /// Whether key `id` may call a route of `scope` now (takes a token when it is rate
    /// limited).
    ///
    /// # Errors
    /// [`Refusal`] when it lacks the scope or its bucket is empty.
    pub fn check(&self, id: &str, scope: &str) -> Result<(), Refusal> {
        let Some(p) = self.get(id) else { return Ok(()) };
        if !p.scopes.iter().any(|s| s == scope) {
            return Err(Refusal::Scope);
        }
        let Some(rate) = p.rate_per_s.filter(|r| *r > 0.0) else { return Ok(()) };
        let capacity = rate.max(1.0);
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let b = buckets.entry(id.to_string()).or_insert(Bucket { tokens: capacity, at: now });
        b.tokens = (b.tokens + now.duration_since(b.at).as_secs_f64() * rate).min(capacity);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(Refusal::Rate { retry_after_s: ((1.0 - b.tokens) / rate).ceil().max(1.0) as u64 })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_and_buckets() {
        let p = Policies::from_records(vec![
            KeyPolicy { id: "r".into(), scopes: vec!["recognize".into()], rate_per_s: Some(2.0) },
            KeyPolicy { id: "m".into(), scopes: vec!["manage".into()], rate_per_s: None },
        ]);
        assert_eq!(p.check("legacy", "manage"), Ok(()));
        assert_eq!(p.check("r", "manage"), Err(Refusal::Scope));
        assert_eq!(p.check("m", "recognize"), Err(Refusal::Scope));
        for _ in 0..50 {
            assert_eq!(p.check("m", "manage"), Ok(()));
        }
        // A burst of 2, then refused until a token is back.
        assert_eq!(p.check("r", "recognize"), Ok(()));
        assert_eq!(p.check("r", "recognize"), Ok(()));
        assert!(matches!(p.check("r", "recognize"), Err(Refusal::Rate { retry_after_s: 1 })));
    }
}
