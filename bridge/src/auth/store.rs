//! API keys in storage: their table and queries.

use sqlx::Row;

use crate::auth::keys::KeyRecord;
use crate::auth::policy::KeyPolicy;
use crate::error::BridgeError;
use crate::store::{Store, with_pool};

/// The keys' table, as portable statements (applied in order, idempotent).
pub const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS api_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, created_ms BIGINT NOT NULL, revoked_ms BIGINT)",
    // Scopes (comma-separated) and rate limit (thousandths of a request per second) of the
    // keys created with them; a key without a row may do everything (auth::policy).
    "CREATE TABLE IF NOT EXISTS api_key_policies (id TEXT PRIMARY KEY, scopes TEXT NOT NULL, rate_milli BIGINT)",
];

impl Store {
    /// Stores a new key.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the insert fails.
    pub async fn insert_key(&self, k: &KeyRecord) -> Result<(), BridgeError> {
        with_pool!(self, p => sqlx::query("INSERT INTO api_keys (id, name, hash, created_ms) VALUES ($1, $2, $3, $4)")
            .bind(&k.id).bind(&k.name).bind(&k.hash).bind(k.created_ms).execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// Stores a key's scopes and rate limit.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the insert fails.
    pub async fn insert_policy(&self, p: &KeyPolicy) -> Result<(), BridgeError> {
        let rate = p.rate_per_s.map(|r| (r * 1000.0).round() as i64);
        with_pool!(self, q => sqlx::query("INSERT INTO api_key_policies (id, scopes, rate_milli) VALUES ($1, $2, $3)")
            .bind(&p.id).bind(p.scopes.join(",")).bind(rate).execute(q).await.map(|_| ()))?;
        Ok(())
    }

    /// Every stored key policy.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn policies(&self) -> Result<Vec<KeyPolicy>, BridgeError> {
        Ok(with_pool!(self, q => {
            sqlx::query("SELECT id, scopes, rate_milli FROM api_key_policies").fetch_all(q).await?
                .into_iter().map(|r| Ok::<_, sqlx::Error>(KeyPolicy {
                    id: r.try_get(0)?,
                    scopes: r.try_get::<String, _>(1)?.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
                    rate_per_s: r.try_get::<Option<i64>, _>(2)?.map(|m| m as f64 / 1000.0),
                })).collect::<Result<Vec<_>, _>>()?
        }))
    }

    /// Marks a key revoked; `false` when no active key has that id.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the update fails.
    pub async fn revoke_key(&self, id: &str, at_ms: i64) -> Result<bool, BridgeError> {
        let n = with_pool!(self, p => sqlx::query("UPDATE api_keys SET revoked_ms = $1 WHERE id = $2 AND revoked_ms IS NULL")
            .bind(at_ms).bind(id).execute(p).await?.rows_affected());
        Ok(n > 0)
    }

    /// Every key, revoked ones too, oldest first.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn keys(&self) -> Result<Vec<KeyRecord>, BridgeError> {
        Ok(with_pool!(self, p => {
            sqlx::query("SELECT id, name, hash, created_ms, revoked_ms FROM api_keys ORDER BY created_ms, id").fetch_all(p).await?
                .into_iter().map(|r| Ok::<_, sqlx::Error>(KeyRecord {
                    id: r.try_get(0)?, name: r.try_get(1)?, hash: r.try_get(2)?, created_ms: r.try_get(3)?, revoked_ms: r.try_get(4)?,
                })).collect::<Result<Vec<_>, _>>()?
        }))
    }
}
