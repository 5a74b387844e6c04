//! Sessions and the telemetry log in storage: their tables, the group-commit batch and the
//! reads.
//!
//! A batch costs one round trip to the database: on SQLite the whole transaction
//! (`BEGIN IMMEDIATE; ...; COMMIT`) is one multi-statement query to sqlx's worker thread; on
//! PostgreSQL the batch is one statement (data-modifying CTEs over `unnest`ed arrays), committed
//! on its own, with the same SQL text for every batch size (prepared once per connection).

use std::fmt::Write as _;

use sqlx::{AssertSqlSafe, Row};

use crate::error::BridgeError;
use crate::store::{Pool, Store, with_pool};
use crate::telemetry::session::SessionState;

/// The sessions' tables, as portable statements (applied in order, idempotent).
pub const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS sessions (name TEXT PRIMARY KEY, state TEXT NOT NULL, updates BIGINT NOT NULL, updated_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS telemetry_log (session TEXT NOT NULL, seq BIGINT NOT NULL, received_ms BIGINT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (session, seq))",
];

const UPSERT_TAIL: &str =
    " ON CONFLICT (name) DO UPDATE SET state = excluded.state, updates = excluded.updates, updated_ms = excluded.updated_ms";

/// A whole batch as one PostgreSQL statement: the log rows and the sessions' latest states as
/// parallel arrays (one text for every batch size, so it is prepared once per connection).
/// Data-modifying CTEs run exactly once each, in one implicit transaction.
const PG_BATCH: &str = "WITH log AS (INSERT INTO telemetry_log (session, seq, received_ms, body) \
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[])) \
     INSERT INTO sessions (name, state, updates, updated_ms) \
     SELECT * FROM unnest($5::text[], $6::text[], $7::bigint[], $8::bigint[])\
     ON CONFLICT (name) DO UPDATE SET state = excluded.state, updates = excluded.updates, updated_ms = excluded.updated_ms";

/// Rows per multi-row statement (4 parameters each: far below SQLite's 32766 bind parameters).
const ROWS_PER_STATEMENT: usize = 128;

/// `head ($1, $2, $3, $4), ($5, ...) tail` for `rows` rows of four columns, numbering the
/// parameters from `first + 1` (a multi-statement query numbers them across statements).
fn multi_row(s: &mut String, head: &str, first: usize, rows: usize, tail: &str) {
    s.push_str(head);
    for r in 0..rows {
        let b = first + r * 4;
        let sep = if r == 0 { " " } else { ", " };
        let _ = write!(s, "{sep}(${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4);
    }
    s.push_str(tail);
}

/// The values bound by a SQLite batch, in parameter order.
enum Arg<'a> {
    Text(&'a str),
    Int(i64),
}

/// The rows of a run of session writes (between deletes): every log row, in order, and each
/// session's last state, in order of last appearance.
fn split_run<'a>(run: &[&'a SessionRow]) -> (Vec<&'a SessionRow>, Vec<&'a SessionRow>) {
    let logs: Vec<&SessionRow> = run.iter().copied().filter(|r| r.log_body.is_some()).collect();
    let latest: Vec<&SessionRow> =
        run.iter().enumerate().filter(|(k, r)| !run[k + 1..].iter().any(|later| later.name == r.name)).map(|(_, r)| *r).collect();
    (logs, latest)
}

/// Splits `ops` into runs of session writes separated by deletes.
fn runs(ops: &[WriteOp]) -> Vec<Result<Vec<&SessionRow>, &str>> {
    let mut out: Vec<Result<Vec<&SessionRow>, &str>> = Vec::new();
    for op in ops {
        match op {
            WriteOp::Delete(name) => out.push(Err(name)),
            WriteOp::Session(r) => match out.last_mut() {
                Some(Ok(run)) => run.push(r),
                _ => out.push(Ok(vec![r])),
            },
        }
    }
    out
}

/// The whole batch as one SQLite query text (`BEGIN IMMEDIATE; ...; COMMIT`) and its
/// arguments, numbered across the statements.
fn sqlite_batch<'a>(ops: &'a [WriteOp]) -> (String, Vec<Arg<'a>>) {
    let mut sql = String::from("BEGIN IMMEDIATE;");
    let mut args: Vec<Arg<'a>> = Vec::new();
    for run in runs(ops) {
        match run {
            Err(name) => {
                args.push(Arg::Text(name));
                let n = args.len();
                let _ = write!(sql, " DELETE FROM telemetry_log WHERE session = ${n}; DELETE FROM sessions WHERE name = ${n};");
            }
            Ok(run) => {
                let (logs, latest) = split_run(&run);
                for chunk in logs.chunks(ROWS_PER_STATEMENT) {
                    multi_row(
                        &mut sql,
                        " INSERT INTO telemetry_log (session, seq, received_ms, body) VALUES",
                        args.len(),
                        chunk.len(),
                        ";",
                    );
                    for r in chunk {
                        args.extend([
                            Arg::Text(&r.name),
                            Arg::Int(r.updates),
                            Arg::Int(r.updated_ms),
                            Arg::Text(r.log_body.as_deref().unwrap_or_default()),
                        ]);
                    }
                }
                for chunk in latest.chunks(ROWS_PER_STATEMENT) {
                    let tail = format!("{UPSERT_TAIL};");
                    multi_row(&mut sql, " INSERT INTO sessions (name, state, updates, updated_ms) VALUES", args.len(), chunk.len(), &tail);
                    for r in chunk {
                        args.extend([Arg::Text(&r.name), Arg::Text(&r.state_json), Arg::Int(r.updates), Arg::Int(r.updated_ms)]);
                    }
                }
            }
        }
    }
    sql.push_str(" COMMIT");
    (sql, args)
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

impl Store {
    /// Applies a batch of writes, in order, in ONE transaction (group commit): every row is
    /// stored or none is. Consecutive session/log writes go out as one multi-row `INSERT` each
    /// (a session written several times in the batch is stored once, at its last state);
    /// deletes are applied in their place. One round trip on either backend (module docs).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when any statement or the commit fails (nothing is stored).
    pub async fn write_batch(&self, ops: &[WriteOp]) -> Result<(), BridgeError> {
        match &self.pool {
            Pool::Sqlite(p) => write_sqlite(p, ops).await,
            Pool::Postgres(p) => write_postgres(p, ops).await,
        }
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
}

/// A batch on SQLite: the whole transaction as one multi-statement query.
async fn write_sqlite(p: &sqlx::SqlitePool, ops: &[WriteOp]) -> Result<(), BridgeError> {
    let (sql, args) = sqlite_batch(ops);
    let mut q = sqlx::query(AssertSqlSafe(sql));
    for a in args {
        q = match a {
            Arg::Text(t) => q.bind(t),
            Arg::Int(i) => q.bind(i),
        };
    }
    let mut conn = p.acquire().await?;
    if let Err(e) = q.execute(&mut *conn).await {
        // The transaction stays open after a failed statement: end it. (No
        // transaction is open if `BEGIN` itself failed; that error is ignored.)
        let _ = sqlx::query("ROLLBACK").execute(&mut *conn).await;
        return Err(e.into());
    }
    Ok(())
}

/// A batch on PostgreSQL: one statement when it holds no delete, else statement by statement
/// in a transaction.
async fn write_postgres(p: &sqlx::PgPool, ops: &[WriteOp]) -> Result<(), BridgeError> {
    let runs = runs(ops);
    if let [Ok(run)] = runs.as_slice() {
        let (logs, latest) = split_run(run);
        let col = |rows: &[&SessionRow], f: fn(&SessionRow) -> String| rows.iter().map(|r| f(r)).collect::<Vec<String>>();
        let icol = |rows: &[&SessionRow], f: fn(&SessionRow) -> i64| rows.iter().map(|r| f(r)).collect::<Vec<i64>>();
        sqlx::query(PG_BATCH)
            .bind(col(&logs, |r| r.name.clone()))
            .bind(icol(&logs, |r| r.updates))
            .bind(icol(&logs, |r| r.updated_ms))
            .bind(col(&logs, |r| r.log_body.clone().unwrap_or_default()))
            .bind(col(&latest, |r| r.name.clone()))
            .bind(col(&latest, |r| r.state_json.clone()))
            .bind(icol(&latest, |r| r.updates))
            .bind(icol(&latest, |r| r.updated_ms))
            .execute(p)
            .await?;
    } else if !runs.is_empty() {
        // Deletes among the writes (rare): statement by statement in a transaction.
        let mut tx = p.begin().await?;
        for run in runs {
            match run {
                Err(name) => {
                    sqlx::query("DELETE FROM telemetry_log WHERE session = $1").bind(name).execute(&mut *tx).await?;
                    sqlx::query("DELETE FROM sessions WHERE name = $1").bind(name).execute(&mut *tx).await?;
                }
                Ok(run) => {
                    let (logs, latest) = split_run(&run);
                    for chunk in logs.chunks(ROWS_PER_STATEMENT) {
                        let mut sql = String::new();
                        multi_row(&mut sql, "INSERT INTO telemetry_log (session, seq, received_ms, body) VALUES", 0, chunk.len(), "");
                        let mut q = sqlx::query(AssertSqlSafe(sql));
                        for r in chunk {
                            q = q.bind(&r.name).bind(r.updates).bind(r.updated_ms).bind(r.log_body.as_deref().unwrap_or_default());
                        }
                        q.execute(&mut *tx).await?;
                    }
                    for chunk in latest.chunks(ROWS_PER_STATEMENT) {
                        let mut sql = String::new();
                        multi_row(&mut sql, "INSERT INTO sessions (name, state, updates, updated_ms) VALUES", 0, chunk.len(), UPSERT_TAIL);
                        let mut q = sqlx::query(AssertSqlSafe(sql));
                        for r in chunk {
                            q = q.bind(&r.name).bind(&r.state_json).bind(r.updates).bind(r.updated_ms);
                        }
                        q.execute(&mut *tx).await?;
                    }
                }
            }
        }
        tx.commit().await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::director::rules::RuleBook;
    use std::sync::atomic::Ordering::Relaxed;
    use std::time::{Duration, Instant};

    fn row(name: &str, updates: u64, log: Option<&str>) -> WriteOp {
        let rules =
            RuleBook::load(None, "standard", &["tavern-folk", "cinematic-orchestral", "stadium-anthem", "dark-ambient-dungeon"]).unwrap();
        let mut s = rules.default_set().new_session(name);
        s.updates = updates;
        WriteOp::Session(SessionRow::new(&s, log.map(String::from)).unwrap())
    }

    #[tokio::test]
    async fn a_batch_is_applied_in_order_and_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&format!("sqlite://{}", dir.path().join("t.db").display()), SCHEMA).await.unwrap();
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

    /// The writer never checkpoints (`wal_autocheckpoint=0`); the checkpointer must copy the WAL
    /// into the database file, after which the next commit starts the WAL over.
    #[tokio::test]
    async fn the_checkpointer_copies_the_wal_and_it_starts_over() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let store = Store::open(&format!("sqlite://{}", db.display()), SCHEMA).await.unwrap();
        let body = format!("{{\"pad\":\"{}\"}}", "x".repeat(3000));
        let rules =
            RuleBook::load(None, "standard", &["tavern-folk", "cinematic-orchestral", "stadium-anthem", "dark-ambient-dungeon"]).unwrap();
        let mut state = rules.default_set().new_session("big");
        let mut write = |n: usize| -> Vec<WriteOp> {
            (0..n)
                .map(|_| {
                    state.updates += 1;
                    WriteOp::Session(SessionRow::new(&state, Some(body.clone())).unwrap())
                })
                .collect()
        };
        // About 16 MiB of log rows: 4,000 WAL pages at least.
        let rows = 4096;
        for _ in 0..rows / 64 {
            store.write_batch(&write(64)).await.unwrap();
        }
        let (ckpt, stats) = store.checkpoints.clone().unwrap();
        let t = Instant::now();
        let data = (rows * 3000) as u64;
        // Wait for the copy and for the checkpointer to have recorded it: the file grows while
        // its checkpoint runs, before its task is polled again to count the pass.
        let copied = || std::fs::metadata(&db).unwrap().len() >= data && stats.wal_pages_max.load(Relaxed) > 0;
        while !copied() && t.elapsed() < Duration::from_secs(20) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let main_file = std::fs::metadata(&db).unwrap().len();
        assert!(main_file > data, "the database file holds {main_file} bytes: the WAL was not copied into it");
        assert!(stats.passive.load(Relaxed) >= 1);
        assert!(stats.wal_pages_max.load(Relaxed) > 0);
        // Once everything is copied, the next commit rewinds the WAL to its start.
        let _: (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)").fetch_one(&ckpt).await.unwrap();
        store.write_batch(&write(1)).await.unwrap();
        let (_, log, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)").fetch_one(&ckpt).await.unwrap();
        assert!(log < 64, "the WAL did not start over: {log} pages after one small commit");
        assert_eq!(store.log_seqs("big").await.unwrap().len(), rows + 1);
        store.close().await;
    }

    #[test]
    fn multi_row_placeholders() {
        let mut s = String::new();
        multi_row(&mut s, "INSERT INTO t VALUES", 4, 2, " X");
        assert_eq!(s, "INSERT INTO t VALUES ($5, $6, $7, $8), ($9, $10, $11, $12) X");
    }
}
