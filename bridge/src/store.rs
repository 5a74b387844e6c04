//! Storage through sqlx: SQLite (default, `DIR/resonance.db`) or PostgreSQL, same SQL.
//!
//! The SQL is written once with `$1`-style placeholders, which both SQLite and PostgreSQL
//! accept, and only portable types (`TEXT`, `BIGINT`). [`Store`] holds one pool of either kind
//! and each query is expanded for both by the `with_pool!` macro.
//!
//! Durability: every accepted HTTP telemetry update is written (session row + log row, one
//! transaction) before it is acknowledged. SQLite runs in WAL mode with `synchronous=NORMAL`:
//! a committed transaction survives the process being killed (`kill -9`), because the WAL
//! write has reached the OS before `COMMIT` returns; only an OS crash or power cut can lose the
//! last transactions (use `synchronous=FULL` via `?synchronous=full` in `--database` for that).

use std::str::FromStr;

use sqlx::Row;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

use crate::error::BridgeError;
use crate::session::SessionState;

/// The schema, as portable statements (applied in order, idempotent).
const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS sessions (name TEXT PRIMARY KEY, state TEXT NOT NULL, updates BIGINT NOT NULL, updated_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS telemetry_log (session TEXT NOT NULL, seq BIGINT NOT NULL, received_ms BIGINT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (session, seq))",
    "CREATE TABLE IF NOT EXISTS api_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, created_ms BIGINT NOT NULL, revoked_ms BIGINT)",
];

const UPSERT_SESSION: &str = "INSERT INTO sessions (name, state, updates, updated_ms) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (name) DO UPDATE SET state = excluded.state, updates = excluded.updates, updated_ms = excluded.updated_ms";
const INSERT_LOG: &str = "INSERT INTO telemetry_log (session, seq, received_ms, body) VALUES ($1, $2, $3, $4)";

#[derive(Clone, Debug)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Expands `$body` once per backend with `$p` bound to the concrete pool.
macro_rules! with_pool {
    ($store:expr, $p:ident => $body:expr) => {
        match &$store.pool {
            Pool::Sqlite($p) => $body,
            Pool::Postgres($p) => $body,
        }
    };
}

/// A stored API key (without its secret).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct KeyRecord {
    pub id: String,
    pub name: String,
    #[serde(skip)]
    pub hash: String,
    pub created_ms: i64,
    pub revoked_ms: Option<i64>,
}

/// The database.
#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
    kind: &'static str,
}

impl Store {
    /// Opens (creating if needed) the database at `url`: `sqlite://PATH` or `postgres://...`.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the database cannot be opened or the schema cannot be
    /// created; [`BridgeError::Config`] for an unsupported URL scheme.
    pub async fn open(url: &str) -> Result<Self, BridgeError> {
        let store = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new().max_connections(8).connect(url).await?;
            Store { pool: Pool::Postgres(pool), kind: "postgres" }
        } else if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(std::time::Duration::from_secs(5));
            // One connection: SQLite has a single writer anyway, and reads are served from
            // memory, so a single connection avoids SQLITE_BUSY retries under load.
            let pool = SqlitePoolOptions::new().max_connections(1).connect_with(opts).await?;
            Store { pool: Pool::Sqlite(pool), kind: "sqlite" }
        } else {
            return Err(BridgeError::Config(format!("unsupported --database {url:?}; use sqlite://PATH or postgres://USER:PASS@HOST/DB")));
        };
        for stmt in SCHEMA {
            with_pool!(store, p => sqlx::query(sqlx::AssertSqlSafe(*stmt)).execute(p).await.map(|_| ()))?;
        }
        Ok(store)
    }

    /// `sqlite` or `postgres`.
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// Writes a session's state and the telemetry that produced it, in one transaction.
    pub async fn write_telemetry(&self, state: &SessionState, body: &str) -> Result<(), BridgeError> {
        let json = serde_json::to_string(state).map_err(|e| BridgeError::Config(e.to_string()))?;
        let updates = i64::try_from(state.updates).unwrap_or(i64::MAX);
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            sqlx::query(INSERT_LOG).bind(&state.name).bind(updates).bind(state.updated_ms).bind(body).execute(&mut *tx).await?;
            sqlx::query(UPSERT_SESSION).bind(&state.name).bind(&json).bind(updates).bind(state.updated_ms).execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// Writes a session's state (no log row).
    pub async fn write_session(&self, state: &SessionState) -> Result<(), BridgeError> {
        let json = serde_json::to_string(state).map_err(|e| BridgeError::Config(e.to_string()))?;
        let updates = i64::try_from(state.updates).unwrap_or(i64::MAX);
        with_pool!(self, p => sqlx::query(UPSERT_SESSION).bind(&state.name).bind(&json).bind(updates).bind(state.updated_ms).execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// Deletes a session and its log.
    pub async fn delete_session(&self, name: &str) -> Result<(), BridgeError> {
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            sqlx::query("DELETE FROM telemetry_log WHERE session = $1").bind(name).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM sessions WHERE name = $1").bind(name).execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// Every stored session. Rows that no longer parse are skipped with a warning (and kept).
    pub async fn load_sessions(&self) -> Result<Vec<SessionState>, BridgeError> {
        let rows: Vec<(String, String)> = with_pool!(self, p => {
            sqlx::query("SELECT name, state FROM sessions ORDER BY name").fetch_all(p).await?
                .into_iter().map(|r| Ok::<_, sqlx::Error>((r.try_get(0)?, r.try_get(1)?))).collect::<Result<Vec<_>, _>>()?
        });
        let mut out = Vec::new();
        for (name, json) in rows {
            match serde_json::from_str::<SessionState>(&json) {
                Ok(s) => out.push(s),
                Err(e) => tracing::warn!("session {name} in the database does not parse ({e}); skipped"),
            }
        }
        Ok(out)
    }

    /// Telemetry log sequence numbers of a session (tests and audits).
    pub async fn log_seqs(&self, session: &str) -> Result<Vec<i64>, BridgeError> {
        Ok(with_pool!(self, p => {
            sqlx::query("SELECT seq FROM telemetry_log WHERE session = $1 ORDER BY seq").bind(session).fetch_all(p).await?
                .into_iter().map(|r| r.try_get::<i64, _>(0)).collect::<Result<Vec<_>, _>>()?
        }))
    }

    pub async fn insert_key(&self, k: &KeyRecord) -> Result<(), BridgeError> {
        with_pool!(self, p => sqlx::query("INSERT INTO api_keys (id, name, hash, created_ms) VALUES ($1, $2, $3, $4)")
            .bind(&k.id).bind(&k.name).bind(&k.hash).bind(k.created_ms).execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// Marks a key revoked; `false` when no active key has that id.
    pub async fn revoke_key(&self, id: &str, at_ms: i64) -> Result<bool, BridgeError> {
        let n = with_pool!(self, p => sqlx::query("UPDATE api_keys SET revoked_ms = $1 WHERE id = $2 AND revoked_ms IS NULL")
            .bind(at_ms).bind(id).execute(p).await?.rows_affected());
        Ok(n > 0)
    }

    pub async fn keys(&self) -> Result<Vec<KeyRecord>, BridgeError> {
        Ok(with_pool!(self, p => {
            sqlx::query("SELECT id, name, hash, created_ms, revoked_ms FROM api_keys ORDER BY created_ms, id").fetch_all(p).await?
                .into_iter().map(|r| Ok::<_, sqlx::Error>(KeyRecord {
                    id: r.try_get(0)?, name: r.try_get(1)?, hash: r.try_get(2)?, created_ms: r.try_get(3)?, revoked_ms: r.try_get(4)?,
                })).collect::<Result<Vec<_>, _>>()?
        }))
    }

    /// Closes the pool (flushes SQLite's WAL on a clean shutdown).
    pub async fn close(&self) {
        with_pool!(self, p => p.close().await);
    }
}
