//! The cluster's durable state in PostgreSQL: each match's session state, the lease epoch
//! that wrote it and the last input sequence applied; and the stingers fired.
//!
//! Every write is fenced by the lease epoch (the key-value revision at which the writer took
//! the lease; a later owner always has a larger one):
//!
//! * [`Store::cluster_claim`] raises the row's epoch to the new owner's (only upwards) and
//!   returns the state to resume from; from then on the previous owner's writes match no row.
//! * [`Store::cluster_apply`] writes the state after the input at stream sequence `seq` only
//!   if the row still carries the writer's epoch and `seq` is beyond the last applied one, in
//!   one transaction with the stingers that input fired. So an input is applied at most once,
//!   whoever replays it, and a bridge that lost its lease (frozen, partitioned) writes nothing.

use sqlx::Row as _;

use crate::error::BridgeError;
use crate::store::{Pool, Store};

/// The cluster tables (portable statements; used only with PostgreSQL).
pub const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS cluster_matches (match_id TEXT PRIMARY KEY, state TEXT NOT NULL, epoch BIGINT NOT NULL, \
     last_seq BIGINT NOT NULL, owner TEXT NOT NULL, updated_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS cluster_stingers (match_id TEXT NOT NULL, seq BIGINT NOT NULL, k BIGINT NOT NULL, \
     cue TEXT NOT NULL, owner TEXT NOT NULL, fired_ms BIGINT NOT NULL, PRIMARY KEY (match_id, seq, k))",
];

/// Where a new owner resumes a match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resume {
    /// The stored session state (JSON), empty for a match never applied.
    pub state: String,
    /// The last input sequence applied (0: none).
    pub last_seq: u64,
}

/// The outcome of [`Store::cluster_apply`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// Written.
    Yes,
    /// Not written: the input was applied before (a redelivery) — skip it.
    AlreadyApplied,
    /// Not written: another bridge claimed the match with a later epoch — stop directing it.
    Fenced,
}

fn pg(store: &Store) -> Result<&sqlx::PgPool, BridgeError> {
    match &store.pool {
        Pool::Postgres(p) => Ok(p),
        Pool::Sqlite(_) => Err(BridgeError::Config("cluster mode needs PostgreSQL: give --database postgres://USER:PASS@HOST/DB".into())),
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

impl Store {
    /// Claims `match_id` for `owner` at `epoch`: raises the stored epoch (never lowers it) and
    /// returns where to resume; `None` when a later epoch already holds it.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when PostgreSQL fails; [`BridgeError::Config`] on SQLite.
    pub async fn cluster_claim(&self, match_id: &str, epoch: u64, owner: &str) -> Result<Option<Resume>, BridgeError> {
        let p = pg(self)?;
        let row = sqlx::query(
            "INSERT INTO cluster_matches (match_id, state, epoch, last_seq, owner, updated_ms) VALUES ($1, '', $2, 0, $3, $4) \
             ON CONFLICT (match_id) DO UPDATE SET epoch = excluded.epoch, owner = excluded.owner \
             WHERE cluster_matches.epoch <= excluded.epoch RETURNING state, last_seq",
        )
        .bind(match_id)
        .bind(i64::try_from(epoch).unwrap_or(i64::MAX))
        .bind(owner)
        .bind(now_ms())
        .fetch_optional(p)
        .await?;
        Ok(row.map(|r| Resume { state: r.get::<String, _>(0), last_seq: u64::try_from(r.get::<i64, _>(1)).unwrap_or(0) }))
    }

    /// Writes `state` as the result of applying input `seq` under `epoch`, with the stingers
    /// it fired (`cues`, in order), in one transaction.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when PostgreSQL fails (nothing was written).
    pub async fn cluster_apply(
        &self,
        match_id: &str,
        epoch: u64,
        seq: u64,
        state: &str,
        cues: &[&str],
        owner: &str,
    ) -> Result<Applied, BridgeError> {
        let p = pg(self)?;
        let (epoch, seq) = (i64::try_from(epoch).unwrap_or(i64::MAX), i64::try_from(seq).unwrap_or(i64::MAX));
        let mut tx = p.begin().await?;
        let now = now_ms();
        let row = sqlx::query(
            "UPDATE cluster_matches SET state = $1, last_seq = $2, updated_ms = $3 \
             WHERE match_id = $4 AND epoch = $5 AND last_seq < $2 RETURNING 1",
        )
        .bind(state)
        .bind(seq)
        .bind(now)
        .bind(match_id)
        .bind(epoch)
        .fetch_optional(&mut *tx)
        .await?;
        if row.is_none() {
            drop(tx);
            let held = sqlx::query("SELECT epoch FROM cluster_matches WHERE match_id = $1").bind(match_id).fetch_optional(p).await?;
            return Ok(match held {
                Some(r) if r.get::<i64, _>(0) == epoch => Applied::AlreadyApplied,
                _ => Applied::Fenced,
            });
        }
        for (k, cue) in cues.iter().enumerate() {
            sqlx::query("INSERT INTO cluster_stingers (match_id, seq, k, cue, owner, fired_ms) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(match_id)
                .bind(seq)
                .bind(k as i64)
                .bind(*cue)
                .bind(owner)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Applied::Yes)
    }

    /// The stored state of a match (for a bridge that does not own it), if any.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when PostgreSQL fails.
    pub async fn cluster_state(&self, match_id: &str) -> Result<Option<Resume>, BridgeError> {
        let p = pg(self)?;
        let row = sqlx::query("SELECT state, last_seq FROM cluster_matches WHERE match_id = $1 AND state <> ''")
            .bind(match_id)
            .fetch_optional(p)
            .await?;
        Ok(row.map(|r| Resume { state: r.get::<String, _>(0), last_seq: u64::try_from(r.get::<i64, _>(1)).unwrap_or(0) }))
    }

    /// Every match's stored state (JSON), by match name: what `GET /api/v1/sessions` lists.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when PostgreSQL fails.
    pub async fn cluster_states(&self) -> Result<Vec<(String, String)>, BridgeError> {
        let p = pg(self)?;
        let rows = sqlx::query("SELECT match_id, state FROM cluster_matches WHERE state <> '' ORDER BY match_id").fetch_all(p).await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// The stingers fired for a match, in order: (input sequence, cue, bridge).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when PostgreSQL fails.
    pub async fn cluster_stingers(&self, match_id: &str) -> Result<Vec<(u64, String, String)>, BridgeError> {
        let p = pg(self)?;
        let rows = sqlx::query("SELECT seq, cue, owner FROM cluster_stingers WHERE match_id = $1 ORDER BY seq, k")
            .bind(match_id)
            .fetch_all(p)
            .await?;
        Ok(rows.iter().map(|r| (u64::try_from(r.get::<i64, _>(0)).unwrap_or(0), r.get(1), r.get(2))).collect())
    }

    /// Whether PostgreSQL answers (`/readyz`).
    pub async fn cluster_ping(&self) -> bool {
        match pg(self) {
            Ok(p) => sqlx::query("SELECT 1").execute(p).await.is_ok(),
            Err(_) => false,
        }
    }
}
