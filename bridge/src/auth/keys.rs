//! API keys: created on first start (printed once), stored as SHA-256 digests, checked on every
//! mutating request (`Authorization: Bearer KEY`, or HTTP Basic with the key as password).
//!
//! Keys are 256 bits from the OS-seeded CSPRNG (`rand::fill`), so a single fast SHA-256 is the
//! right storage hash (password-stretching like argon2 protects low-entropy secrets; a random
//! 256-bit key cannot be brute-forced either way), and it keeps the check under a microsecond
//! on the telemetry path. Comparison is on digests, looked up in a set held in memory.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::clock::now_ms;

/// A stored API key (without its secret).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct KeyRecord {
    pub id: String,
    pub name: String,
    #[serde(skip)]
    pub hash: String,
    pub created_ms: i64,
    pub revoked_ms: Option<i64>,
}

/// Prefix of every key, so leaked keys are easy to grep for.
pub const KEY_PREFIX: &str = "rsn_";

/// Hex SHA-256 of a key.
pub fn hash_key(key: &str) -> String {
    let d = Sha256::digest(key.as_bytes());
    let mut s = String::with_capacity(64);
    for b in &d {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// A new random key and its record (the key itself is never stored).
pub fn new_key(name: &str) -> (String, KeyRecord) {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    let key = format!("{KEY_PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes));
    let hash = hash_key(&key);
    let id = format!("k{}", &hash[..10]);
    (key, KeyRecord { id, name: name.to_string(), hash, created_ms: now_ms(), revoked_ms: None })
}

/// Active key digests -> key id.
#[derive(Debug, Default, Clone)]
pub struct KeySet(Arc<RwLock<HashMap<String, String>>>);

impl KeySet {
    pub fn from_records(records: &[KeyRecord]) -> Self {
        let s = Self::default();
        for r in records.iter().filter(|r| r.revoked_ms.is_none()) {
            s.insert(r);
        }
        s
    }
    /// Replaces the active keys with the unrevoked ones of `records`.
    pub fn replace(&self, records: &[KeyRecord]) {
        let next: HashMap<String, String> =
            records.iter().filter(|r| r.revoked_ms.is_none()).map(|r| (r.hash.clone(), r.id.clone())).collect();
        *self.0.write().unwrap_or_else(std::sync::PoisonError::into_inner) = next;
    }
    pub fn insert(&self, r: &KeyRecord) {
        self.0.write().unwrap_or_else(std::sync::PoisonError::into_inner).insert(r.hash.clone(), r.id.clone());
    }
    pub fn remove_id(&self, id: &str) {
        self.0.write().unwrap_or_else(std::sync::PoisonError::into_inner).retain(|_, v| v != id);
    }
    /// The key id when `key` is active.
    pub fn check(&self, key: &str) -> Option<String> {
        self.0.read().unwrap_or_else(std::sync::PoisonError::into_inner).get(&hash_key(key)).cloned()
    }
}

/// Extracts the key from an `Authorization` header value (Bearer or Basic).
pub fn key_from_header(value: &str) -> Option<String> {
    let (scheme, rest) = value.trim().split_once(' ')?;
    if scheme.eq_ignore_ascii_case("bearer") {
        Some(rest.trim().to_string())
    } else if scheme.eq_ignore_ascii_case("basic") {
        let raw = base64::engine::general_purpose::STANDARD.decode(rest.trim()).ok()?;
        let text = String::from_utf8(raw).ok()?;
        let (_user, pass) = text.split_once(':')?;
        Some(pass.to_string())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_and_checked_by_digest() {
        let (k1, r1) = new_key("a");
        let (k2, _) = new_key("b");
        assert_ne!(k1, k2);
        assert!(k1.starts_with(KEY_PREFIX) && k1.len() > 40);
        assert_ne!(r1.hash, k1);
        let set = KeySet::from_records(std::slice::from_ref(&r1));
        assert_eq!(set.check(&k1), Some(r1.id.clone()));
        assert_eq!(set.check(&k2), None);
        set.remove_id(&r1.id);
        assert_eq!(set.check(&k1), None);
    }

    #[test]
    fn parses_bearer_and_basic() {
        assert_eq!(key_from_header("Bearer abc").as_deref(), Some("abc"));
        let b = base64::engine::general_purpose::STANDARD.encode("user:secret");
        assert_eq!(key_from_header(&format!("Basic {b}")).as_deref(), Some("secret"));
        assert_eq!(key_from_header("Digest x"), None);
    }
}
