//! Storage through sqlx: SQLite (default, `DIR/resonance.db`) or PostgreSQL, same SQL.
//!
//! This module is the infrastructure (the pool, opening, the schema statements each domain
//! hands in, the SQLite checkpointer); each domain keeps its own tables and queries next to
//! its code as `impl Store` blocks (`telemetry::store` for sessions and the telemetry log,
//! `auth::store` for API keys).
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
//!
//! Checkpoints (SQLite) stay off the request path. By default SQLite checkpoints the WAL
//! inside the connection whose commit crosses 1,000 WAL pages: that commit copies the pages
//! into the database file and fsyncs both files (10–40 ms measured here, on the path of every
//! request in that group commit). The writer connection therefore runs with
//! `wal_autocheckpoint=0`, and a second connection (`checkpointer`) runs a PASSIVE checkpoint
//! every [`CHECKPOINT_INTERVAL`] — PASSIVE takes no writer lock, so commits go on while it
//! copies and fsyncs. A PASSIVE checkpoint cannot rewind the WAL while commits keep arriving,
//! so once the WAL holds [`WAL_RESTART_PAGES`] pages the checkpointer follows a PASSIVE pass
//! (which has just copied nearly everything) with a RESTART, which holds the writer lock only
//! to copy the few pages committed since and rewinds the WAL (`journal_size_limit` trims it).
//! A rewind costs the writer two fsyncs, so it is made rare (every 64 MiB of WAL).
//!
//! The group-commit batch SQL is described in [`crate::telemetry::store`].

use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

use sqlx::Connection as _;
use sqlx::postgres::{PgConnection, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

use crate::error::BridgeError;

/// How long one attempt to reach PostgreSQL may take before it is reported as unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// Pause between attempts to reach an unreachable PostgreSQL at start.
pub const CONNECT_RETRY: Duration = Duration::from_secs(2);

/// Most SQLite reader connections (one per core, at least two).
pub const SQLITE_READERS_MAX: usize = 8;

/// How often the checkpointer runs a PASSIVE checkpoint (SQLite).
pub const CHECKPOINT_INTERVAL: Duration = Duration::from_millis(100);

/// WAL size (pages of 4 KiB, so 64 MiB) from which the checkpointer rewinds the WAL with a
/// RESTART checkpoint after its PASSIVE pass. A rewind holds the writer lock for two fsyncs
/// (4,096 pages rewound 6 times in 5 s at 2,000 req/s, up to 31 ms each on the loaded VM,
/// which was most of the p99), so it is made rare rather than small.
pub const WAL_RESTART_PAGES: i64 = 16_384;

/// What the SQLite checkpointer has done (for the benchmark and `/metrics`).
#[derive(Debug, Default)]
pub struct CheckpointStats {
    /// PASSIVE checkpoints run, and RESTART checkpoints (WAL rewinds) among them.
    pub passive: AtomicU64,
    pub restarts: AtomicU64,
    /// Longest RESTART checkpoint (it holds the writer lock), microseconds.
    pub restart_max_us: AtomicU64,
    /// Largest WAL seen, in pages.
    pub wal_pages_max: AtomicU64,
}

#[derive(Clone, Debug)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Expands `$body` once per backend with `$p` bound to the concrete pool.
macro_rules! with_pool {
    ($store:expr, $p:ident => $body:expr) => {
        match &$store.pool {
            $crate::store::Pool::Sqlite($p) => $body,
            $crate::store::Pool::Postgres($p) => $body,
        }
    };
}
pub(crate) use with_pool;

/// Like [`with_pool!`] for statements that only read: on SQLite `$p` is the reader pool
/// (WAL readers, which run beside each other and beside the writer, each on its own
/// thread), on PostgreSQL the one pool. A read through it sees every transaction committed
/// before it starts, so a write followed by a read in the same request reads its own write.
macro_rules! with_read_pool {
    ($store:expr, $p:ident => $body:expr) => {
        match &$store.reads {
            $crate::store::Pool::Sqlite($p) => $body,
            $crate::store::Pool::Postgres($p) => $body,
        }
    };
}
pub(crate) use with_read_pool;

/// The database.
#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) pool: Pool,
    /// The pool for [`with_read_pool!`]: SQLite's reader connections, or `pool` again.
    pub(crate) reads: Pool,
    kind: &'static str,
    /// SQLite: the checkpointer's connection and counters (see the module docs).
    pub(crate) checkpoints: Option<(SqlitePool, Arc<CheckpointStats>)>,
}

impl Store {
    /// Opens (creating if needed) the database at `url` (`sqlite://PATH` or `postgres://...`)
    /// and applies `schema` (portable, idempotent statements, in order).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the database cannot be opened or the schema cannot be
    /// created; [`BridgeError::Config`] for an unsupported URL scheme.
    pub async fn open(url: &str, schema: &[&str]) -> Result<Self, BridgeError> {
        let store = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = connect_postgres(url).await?;
            Store { pool: Pool::Postgres(pool.clone()), reads: Pool::Postgres(pool), kind: "postgres", checkpoints: None }
        } else if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5))
                .pragma("journal_size_limit", (128 << 20).to_string());
            // One writer connection: SQLite has a single writer anyway, so one connection
            // avoids SQLITE_BUSY retries under load. It never checkpoints: the checkpointer's
            // connection does. Reads that need not go through the writer (listings, lookups)
            // take the reader pool, opened once the schema exists.
            let pool = SqlitePoolOptions::new().max_connections(1).connect_with(opts.clone().pragma("wal_autocheckpoint", "0")).await?;
            let ckpt = SqlitePoolOptions::new().max_connections(1).connect_with(opts).await?;
            let stats = Arc::new(CheckpointStats::default());
            tokio::spawn(checkpointer(ckpt.clone(), stats.clone()));
            Store { pool: Pool::Sqlite(pool.clone()), reads: Pool::Sqlite(pool), kind: "sqlite", checkpoints: Some((ckpt, stats)) }
        } else {
            return Err(BridgeError::Config(format!("unsupported --database {url:?}; use sqlite://PATH or postgres://USER:PASS@HOST/DB")));
        };
        match &store.pool {
            // Two bridges (or two tests) creating the tables of a fresh database at the same
            // moment collide in PostgreSQL's catalogue even with `IF NOT EXISTS` (a unique
            // violation on `pg_type`): one transaction under an advisory lock serialises them.
            Pool::Postgres(p) => {
                let mut tx = p.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock(7305172)").execute(&mut *tx).await?;
                for stmt in schema {
                    sqlx::query(sqlx::AssertSqlSafe(*stmt)).execute(&mut *tx).await?;
                }
                tx.commit().await?;
            }
            Pool::Sqlite(_) => {
                for stmt in schema {
                    with_pool!(store, p => sqlx::query(sqlx::AssertSqlSafe(*stmt)).execute(p).await.map(|_| ()))?;
                }
            }
        }
        let mut store = store;
        if let Pool::Sqlite(_) = store.pool {
            // `query_only`: a reader connection refuses writes; `wal_autocheckpoint=0`: it
            // never checkpoints either (readers never commit, so this only documents it).
            let opts = SqliteConnectOptions::from_str(url)?
                .busy_timeout(Duration::from_secs(5))
                .pragma("query_only", "1")
                .pragma("wal_autocheckpoint", "0");
            let readers = std::thread::available_parallelism().map_or(2, std::num::NonZero::get).clamp(2, SQLITE_READERS_MAX);
            let reads = SqlitePoolOptions::new().max_connections(u32::try_from(readers).unwrap_or(2)).connect_with(opts).await?;
            store.reads = Pool::Sqlite(reads);
        }
        Ok(store)
    }

    /// `sqlite` or `postgres`.
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The SQLite checkpointer's counters (`None` on PostgreSQL).
    pub fn checkpoint_stats(&self) -> Option<&CheckpointStats> {
        self.checkpoints.as_ref().map(|(_, s)| &**s)
    }

    /// Closes the pools (the last SQLite connection to close checkpoints and removes the WAL).
    pub async fn close(&self) {
        if let Pool::Sqlite(reads) = &self.reads {
            reads.close().await;
        }
        if let Some((ckpt, _)) = &self.checkpoints {
            ckpt.close().await;
        }
        with_pool!(self, p => p.close().await);
    }
}

/// `url` with its password replaced by `***`, for messages.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let Some((userinfo, host)) = rest.rsplit_once('@') else { return url.to_string() };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

/// Whether a connection error means the server was not reached (worth retrying), rather than
/// a refusal by a server that answered (wrong password, unknown database: an error at once).
fn unreachable(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::PoolTimedOut)
}

/// Connects to PostgreSQL. While the server cannot be reached, says so on the log within
/// [`CONNECT_TIMEOUT`] and retries every [`CONNECT_RETRY`], for as long as it takes (the
/// database may be starting beside the bridge); errors from a server that answered end it.
async fn connect_postgres(url: &str) -> Result<PgPool, BridgeError> {
    let shown = redact_url(url);
    let mut attempt = 1u32;
    loop {
        let why = match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect(url)).await {
            Ok(Ok(probe)) => {
                let _ = probe.close().await;
                let pool = PgPoolOptions::new().max_connections(8).acquire_timeout(CONNECT_TIMEOUT * 3).connect(url).await?;
                if attempt > 1 {
                    tracing::info!("database {shown} reached (attempt {attempt})");
                }
                return Ok(pool);
            }
            Ok(Err(e)) if unreachable(&e) => e.to_string(),
            Ok(Err(e)) => return Err(e.into()),
            Err(_) => format!("no answer within {} s", CONNECT_TIMEOUT.as_secs()),
        };
        tracing::warn!(
            "cannot reach the database {shown} ({why}); retrying every {} s (attempt {attempt}; Ctrl-C to stop)",
            CONNECT_RETRY.as_secs()
        );
        attempt += 1;
        tokio::time::sleep(CONNECT_RETRY).await;
    }
}

/// The SQLite checkpointer task (module docs): a PASSIVE checkpoint every
/// [`CHECKPOINT_INTERVAL`] from its own connection, and a RESTART once the WAL holds
/// [`WAL_RESTART_PAGES`]. Ends when its pool is closed.
async fn checkpointer(pool: SqlitePool, stats: Arc<CheckpointStats>) {
    let mut tick = tokio::time::interval(CHECKPOINT_INTERVAL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if pool.is_closed() {
            return;
        }
        // (busy, pages in the WAL, pages copied to the database file)
        let passive: Result<(i64, i64, i64), sqlx::Error> = sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)").fetch_one(&pool).await;
        let log = match passive {
            Ok((_, log, _)) => log,
            Err(e) => {
                if !pool.is_closed() {
                    tracing::warn!("WAL checkpoint failed ({e}); will retry");
                }
                continue;
            }
        };
        stats.passive.fetch_add(1, Relaxed);
        stats.wal_pages_max.fetch_max(u64::try_from(log).unwrap_or(0), Relaxed);
        if log >= WAL_RESTART_PAGES {
            let t = Instant::now();
            let r: Result<(i64, i64, i64), sqlx::Error> = sqlx::query_as("PRAGMA wal_checkpoint(RESTART)").fetch_one(&pool).await;
            match r {
                Ok(_) => {
                    stats.restarts.fetch_add(1, Relaxed);
                    stats.restart_max_us.fetch_max(u64::try_from(t.elapsed().as_micros()).unwrap_or(u64::MAX), Relaxed);
                }
                Err(e) => tracing::warn!("WAL restart checkpoint failed ({e}); will retry"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::store::redact_url;

    #[test]
    fn passwords_are_hidden_in_messages() {
        assert_eq!(redact_url("postgres://me:hunter2@db.local:5432/x"), "postgres://me:***@db.local:5432/x");
        assert_eq!(redact_url("postgres://me@db.local/x"), "postgres://me@db.local/x");
        assert_eq!(redact_url("postgres://db.local/x"), "postgres://db.local/x");
        assert_eq!(redact_url("sqlite://a@b/c.db"), "sqlite://a@b/c.db");
    }
}
