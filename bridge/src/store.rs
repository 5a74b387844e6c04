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

use std::fmt::Write as _;
use std::str::FromStr;

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{AssertSqlSafe, Row};

use crate::error::BridgeError;
use crate::session::SessionState;

/// The schema, as portable statements (applied in order, idempotent).
const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS sessions (name TEXT PRIMARY KEY, state TEXT NOT NULL, updates BIGINT NOT NULL, updated_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS telemetry_log (session TEXT NOT NULL, seq BIGINT NOT NULL, received_ms BIGINT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (session, seq))",
    "CREATE TABLE IF NOT EXISTS api_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, created_ms BIGINT NOT NULL, revoked_ms BIGINT)",
];

const UPSERT_TAIL: &str =
    " ON CONFLICT (name) DO UPDATE SET state = excluded.state, updates = excluded.updates, updated_ms = excluded.updated_ms";

/// Rows per multi-row statement (4 parameters each: far below SQLite's 32766 and
/// PostgreSQL's 65535 bind parameters).
const ROWS_PER_STATEMENT: usize = 128;

/// `head ($1, $2, $3, $4), ($5, ...) tail` for `rows` rows of four columns.
fn multi_row(head: &str, rows: usize, tail: &str) -> String {
    let mut s = String::with_capacity(head.len() + tail.len() + rows * 24);
    s.push_str(head);
    for r in 0..rows {
        let b = r * 4;
        let sep = if r == 0 { " " } else { ", " };
        let _ = write!(s, "{sep}(${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4);
    }
    s.push_str(tail);
    s
}

/// A session's state ready to store, and optionally the telemetry body that produced it.
#[derive(Clone, Debug)]
pub struct SessionRow {
    pub name: String,
    pub state_json: String,
    pub updates: i64,
    pub updated_ms: i64,
    /// The telemetry log row (HTTP telemetry): stored with `seq = updates`.
    pub log_body: Option<String>,
}

impl SessionRow {
    /// Serialises `state` (done by the caller's task, not by the writer).
    ///
    /// # Errors
    /// [`BridgeError::Config`] if the state does not serialise (it always does: plain data).
    pub fn new(state: &SessionState, log_body: Option<String>) -> Result<Self, BridgeError> {
        Ok(Self {
            name: state.name.clone(),
            state_json: serde_json::to_string(state).map_err(|e| BridgeError::Config(e.to_string()))?,
            updates: i64::try_from(state.updates).unwrap_or(i64::MAX),
            updated_ms: state.updated_ms,
            log_body,
        })
    }
}

/// One write for [`Store::write_batch`].
#[derive(Clone, Debug)]
pub enum WriteOp {
    Session(SessionRow),
    /// A session and its log.
    Delete(String),
}

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

    /// Applies a batch of writes, in order, in ONE transaction (group commit): every row is
    /// stored or none is. Consecutive session/log writes go out as one multi-row `INSERT` each
    /// (a session written several times in the batch is stored once, at its last state), so a
    /// batch costs four statements whatever its size; deletes are applied in their place.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when any statement or the commit fails (nothing is stored).
    pub async fn write_batch(&self, ops: &[WriteOp]) -> Result<(), BridgeError> {
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let mut i = 0;
            while i < ops.len() {
                if let WriteOp::Delete(name) = &ops[i] {
                    sqlx::query("DELETE FROM telemetry_log WHERE session = $1").bind(name).execute(&mut *tx).await?;
                    sqlx::query("DELETE FROM sessions WHERE name = $1").bind(name).execute(&mut *tx).await?;
                    i += 1;
                    continue;
                }
                let end = ops[i..].iter().position(|o| matches!(o, WriteOp::Delete(_))).map_or(ops.len(), |k| i + k);
                let run: Vec<&SessionRow> = ops[i..end].iter().filter_map(|o| if let WriteOp::Session(r) = o { Some(r) } else { None }).collect();
                for chunk in run.iter().filter(|r| r.log_body.is_some()).collect::<Vec<_>>().chunks(ROWS_PER_STATEMENT) {
                    let mut q = sqlx::query(AssertSqlSafe(multi_row("INSERT INTO telemetry_log (session, seq, received_ms, body) VALUES", chunk.len(), "")));
                    for r in chunk {
                        q = q.bind(&r.name).bind(r.updates).bind(r.updated_ms).bind(r.log_body.as_deref().unwrap_or_default());
                    }
                    q.execute(&mut *tx).await?;
                }
                // Last state per session, in order of last appearance.
                let latest: Vec<&&SessionRow> = run.iter().enumerate()
                    .filter(|(k, r)| !run[k + 1..].iter().any(|later| later.name == r.name))
                    .map(|(_, r)| r).collect();
                for chunk in latest.chunks(ROWS_PER_STATEMENT) {
                    let mut q = sqlx::query(AssertSqlSafe(multi_row("INSERT INTO sessions (name, state, updates, updated_ms) VALUES", chunk.len(), UPSERT_TAIL)));
                    for r in chunk {
                        q = q.bind(&r.name).bind(&r.state_json).bind(r.updates).bind(r.updated_ms);
                    }
                    q.execute(&mut *tx).await?;
                }
                i = end;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Deletes a session and its log (outside the writer: tests and tools).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the delete fails.
    pub async fn delete_session(&self, name: &str) -> Result<(), BridgeError> {
        self.write_batch(&[WriteOp::Delete(name.to_string())]).await
    }

    /// One stored session (`None` when it was never stored).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails, [`BridgeError::Config`] when the stored
    /// state does not parse.
    pub async fn load_session(&self, name: &str) -> Result<Option<SessionState>, BridgeError> {
        let json: Option<String> = with_pool!(self, p => {
            sqlx::query("SELECT state FROM sessions WHERE name = $1").bind(name).fetch_optional(p).await?
                .map(|r| r.try_get::<String, _>(0)).transpose()?
        });
        json.map(|j| serde_json::from_str(&j).map_err(|e| BridgeError::Config(format!("stored session {name} does not parse: {e}"))))
            .transpose()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::director::RuleBook;

    fn row(name: &str, updates: u64, log: Option<&str>) -> WriteOp {
        let rules = RuleBook::load(None, "standard").unwrap();
        let mut s = SessionState::new(name, &rules.default_set());
        s.updates = updates;
        WriteOp::Session(SessionRow::new(&s, log.map(String::from)).unwrap())
    }

    #[tokio::test]
    async fn a_batch_is_applied_in_order_and_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&format!("sqlite://{}", dir.path().join("t.db").display())).await.unwrap();
        let ops = [
            row("a", 1, Some("{\"hp\":1}")),
            row("a", 2, Some("{\"hp\":2}")),
            row("b", 1, None),
            WriteOp::Delete("b".into()),
            row("c", 7, Some("{}")),
            row("b", 3, None),
        ];
        store.write_batch(&ops).await.unwrap();
        let sessions: Vec<(String, u64)> = store.load_sessions().await.unwrap().into_iter().map(|s| (s.name, s.updates)).collect();
        assert_eq!(sessions, [("a".to_string(), 2), ("b".to_string(), 3), ("c".to_string(), 7)]);
        assert_eq!(store.log_seqs("a").await.unwrap(), [1, 2]);
        assert_eq!(store.log_seqs("c").await.unwrap(), [7]);

        // A batch whose last statement fails (log row "a"/2 exists) stores nothing at all, not
        // even what its earlier statements wrote (the delete splits the batch into two runs).
        let bad = [row("d", 1, Some("{}")), row("c", 8, None), WriteOp::Delete("nobody".into()), row("a", 2, Some("{}"))];
        assert!(store.write_batch(&bad).await.is_err());
        let after: Vec<(String, u64)> = store.load_sessions().await.unwrap().into_iter().map(|s| (s.name, s.updates)).collect();
        assert_eq!(after, sessions, "a failed batch left a trace");
        assert!(store.log_seqs("d").await.unwrap().is_empty());
    }

    #[test]
    fn multi_row_placeholders() {
        assert_eq!(multi_row("INSERT INTO t VALUES", 2, " X"), "INSERT INTO t VALUES ($1, $2, $3, $4), ($5, $6, $7, $8) X");
    }
}
