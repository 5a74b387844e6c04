//! Discovery's storage, SQLite and PostgreSQL with the same SQL: settings, the albums
//! (`discovery_items`: pending, wishlist, downloading, downloaded, failed, rejected), what was
//! already processed, downloads and the sources tried, on-air seeds, and the jobs' schedule,
//! runs and log.
//!
//! Every state change is one conditional `UPDATE ... WHERE state IN (...)`: a repeated or
//! concurrent approval changes nothing the second time, and a proposal is an
//! `INSERT ... ON CONFLICT DO NOTHING` behind a check of the normalised name, so an album
//! that exists in any state — rejected included — is never proposed again.

use sqlx::{AssertSqlSafe, Row};

use crate::discovery::model::{Download, Item, now_ms};
use crate::error::BridgeError;
use crate::store::{Store, with_pool};

/// Discovery's tables, as portable statements (applied in order, idempotent).
pub const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS discovery_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL, updated_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS discovery_items (key TEXT PRIMARY KEY, norm TEXT NOT NULL, rgid TEXT, artist TEXT NOT NULL, album TEXT NOT NULL, \
     year BIGINT, cover_url TEXT, state TEXT NOT NULL, score DOUBLE PRECISION NOT NULL, source TEXT NOT NULL, similar_to TEXT NOT NULL, \
     reason TEXT NOT NULL, attempts BIGINT NOT NULL, search_id TEXT, tracks TEXT, created_ms BIGINT NOT NULL, updated_ms BIGINT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS discovery_items_state ON discovery_items (state, score)",
    "CREATE INDEX IF NOT EXISTS discovery_items_norm ON discovery_items (norm)",
    "CREATE TABLE IF NOT EXISTS discovery_processed (source_key TEXT PRIMARY KEY, processed_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS discovery_downloads (id TEXT PRIMARY KEY, item_key TEXT NOT NULL, username TEXT NOT NULL, directory TEXT NOT NULL, \
     files TEXT NOT NULL, state TEXT NOT NULL, bytes BIGINT NOT NULL, total BIGINT NOT NULL, error TEXT, created_ms BIGINT NOT NULL, \
     updated_ms BIGINT NOT NULL, progress_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS discovery_tried (item_key TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (item_key, source))",
    "CREATE TABLE IF NOT EXISTS discovery_seeds (norm TEXT PRIMARY KEY, artist TEXT NOT NULL, source TEXT NOT NULL, added_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS discovery_jobs (name TEXT PRIMARY KEY, next_run_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS discovery_runs (id TEXT PRIMARY KEY, job TEXT NOT NULL, started_ms BIGINT NOT NULL, finished_ms BIGINT, \
     outcome TEXT, counts TEXT NOT NULL, error TEXT)",
    "CREATE TABLE IF NOT EXISTS discovery_log (run_id TEXT NOT NULL, seq BIGINT NOT NULL, at_ms BIGINT NOT NULL, line TEXT NOT NULL, PRIMARY KEY (run_id, seq))",
];

const ITEM_COLS: &str =
    "key, rgid, artist, album, year, cover_url, state, score, source, similar_to, reason, attempts, created_ms, updated_ms";
const DL_COLS: &str = "id, item_key, username, directory, files, state, bytes, total, error, created_ms, updated_ms, progress_ms";

macro_rules! item_of {
    ($r:expr) => {{
        let r = $r;
        let similar: String = r.try_get(9)?;
        Item {
            key: r.try_get(0)?,
            rgid: r.try_get(1)?,
            artist: r.try_get(2)?,
            album: r.try_get(3)?,
            year: r.try_get::<Option<i64>, _>(4)?.map(|y| y as i32),
            cover_url: r.try_get(5)?,
            state: r.try_get(6)?,
            score: r.try_get(7)?,
            source: r.try_get(8)?,
            similar_to: serde_json::from_str(&similar).unwrap_or_default(),
            reason: r.try_get(10)?,
            attempts: r.try_get(11)?,
            created_ms: r.try_get(12)?,
            updated_ms: r.try_get(13)?,
        }
    }};
}

macro_rules! download_of {
    ($r:expr) => {{
        let r = $r;
        let files: String = r.try_get(4)?;
        Download {
            id: r.try_get(0)?,
            item_key: r.try_get(1)?,
            username: r.try_get(2)?,
            directory: r.try_get(3)?,
            files: serde_json::from_str(&files).unwrap_or_default(),
            state: r.try_get(5)?,
            bytes: r.try_get(6)?,
            total: r.try_get(7)?,
            error: r.try_get(8)?,
            created_ms: r.try_get(9)?,
            updated_ms: r.try_get(10)?,
            progress_ms: r.try_get(11)?,
        }
    }};
}

/// A job run as stored.
#[derive(Clone, Debug, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct RunRow {
    pub id: String,
    pub job: String,
    pub started_ms: i64,
    pub finished_ms: Option<i64>,
    /// ok, failed, skipped, interrupted; none while running.
    pub outcome: Option<String>,
    #[schema(value_type = Object)]
    pub counts: serde_json::Value,
    pub error: Option<String>,
}

impl Store {
    /// A discovery setting's value.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn discovery_setting(&self, name: &str) -> Result<Option<String>, BridgeError> {
        Ok(
            with_pool!(self, p => match sqlx::query("SELECT value FROM discovery_settings WHERE name = $1").bind(name).fetch_optional(p).await? {
                Some(r) => Some(r.try_get::<String, _>(0)?),
                None => None,
            }),
        )
    }

    /// Stores a discovery setting.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn set_discovery_setting(&self, name: &str, value: &str) -> Result<(), BridgeError> {
        let sql = "INSERT INTO discovery_settings (name, value, updated_ms) VALUES ($1, $2, $3) \
                   ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms";
        with_pool!(self, p => { sqlx::query(sql).bind(name).bind(value).bind(now_ms()).execute(p).await?; });
        Ok(())
    }

    /// Adds a proposal unless the album is known (same key or same normalised name, in any
    /// state). True when it was added.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn propose(&self, it: &Item, norm: &str) -> Result<bool, BridgeError> {
        let sql = "INSERT INTO discovery_items (key, norm, rgid, artist, album, year, cover_url, state, score, source, similar_to, reason, attempts, created_ms, updated_ms) \
                   SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 0, $13, $13 \
                   WHERE NOT EXISTS (SELECT 1 FROM discovery_items WHERE norm = $2) ON CONFLICT (key) DO NOTHING";
        let similar = serde_json::to_string(&it.similar_to).unwrap_or_else(|_| "[]".into());
        let n = with_pool!(self, p => sqlx::query(sql)
            .bind(&it.key).bind(norm).bind(&it.rgid).bind(&it.artist).bind(&it.album).bind(it.year.map(i64::from))
            .bind(&it.cover_url).bind(&it.state).bind(it.score).bind(&it.source).bind(&similar).bind(&it.reason).bind(now_ms())
            .execute(p).await?.rows_affected());
        Ok(n > 0)
    }

    /// Whether an album with this key or normalised name is known.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn item_known(&self, key: &str, norm: &str) -> Result<bool, BridgeError> {
        Ok(with_pool!(self, p => sqlx::query("SELECT 1 FROM discovery_items WHERE key = $1 OR norm = $2").bind(key).bind(norm)
            .fetch_optional(p).await?.is_some()))
    }

    /// Albums in these states, best score first, a page.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn items(&self, states: &[&str], limit: i64, offset: i64) -> Result<Vec<Item>, BridgeError> {
        let marks: Vec<String> = (0..states.len()).map(|i| format!("${}", i + 3)).collect();
        let sql = format!(
            "SELECT {ITEM_COLS} FROM discovery_items WHERE state IN ({}) ORDER BY score DESC, key LIMIT $1 OFFSET $2",
            marks.join(", ")
        );
        Ok(with_pool!(self, p => {
            let mut q = sqlx::query(AssertSqlSafe(sql.as_str())).bind(limit).bind(offset);
            for s in states {
                q = q.bind(*s);
            }
            let rows = q.fetch_all(p).await?;
            let mut out = Vec::with_capacity(rows.len());
            for r in &rows {
                out.push(item_of!(r));
            }
            out
        }))
    }

    /// One album.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn item(&self, key: &str) -> Result<Option<Item>, BridgeError> {
        let sql = format!("SELECT {ITEM_COLS} FROM discovery_items WHERE key = $1");
        Ok(with_pool!(self, p => match sqlx::query(AssertSqlSafe(sql.as_str())).bind(key).fetch_optional(p).await? {
            Some(r) => Some(item_of!(&r)),
            None => None,
        }))
    }

    /// Albums per state.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn item_counts(&self) -> Result<Vec<(String, i64)>, BridgeError> {
        Ok(with_pool!(self, p => {
            let rows = sqlx::query("SELECT state, COUNT(*) FROM discovery_items GROUP BY state").fetch_all(p).await?;
            let mut out = Vec::new();
            for r in &rows {
                out.push((r.try_get::<String, _>(0)?, r.try_get::<i64, _>(1)?));
            }
            out
        }))
    }

    /// Moves an album from one of `from` to `to` (`attempts` grows by `add_attempts`); true
    /// when it moved (false: it was not in those states — already decided).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn transition(&self, key: &str, from: &[&str], to: &str, add_attempts: i64) -> Result<bool, BridgeError> {
        let marks: Vec<String> = (0..from.len()).map(|i| format!("${}", i + 5)).collect();
        let sql = format!(
            "UPDATE discovery_items SET state = $1, updated_ms = $2, attempts = attempts + $3 WHERE key = $4 AND state IN ({})",
            marks.join(", ")
        );
        let n = with_pool!(self, p => {
            let mut q = sqlx::query(AssertSqlSafe(sql.as_str())).bind(to).bind(now_ms()).bind(add_attempts).bind(key);
            for s in from {
                q = q.bind(*s);
            }
            q.execute(p).await?.rows_affected()
        });
        Ok(n > 0)
    }

    /// Whether a source item (`lb:rec:<mbid>`, `lb:pl:<mbid>`...) was processed.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn processed(&self, source_key: &str) -> Result<bool, BridgeError> {
        Ok(with_pool!(self, p => sqlx::query("SELECT 1 FROM discovery_processed WHERE source_key = $1").bind(source_key)
            .fetch_optional(p).await?.is_some()))
    }

    /// Marks a source item processed.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn mark_processed(&self, source_key: &str) -> Result<(), BridgeError> {
        with_pool!(self, p => { sqlx::query("INSERT INTO discovery_processed (source_key, processed_ms) VALUES ($1, $2) ON CONFLICT (source_key) DO NOTHING")
            .bind(source_key).bind(now_ms()).execute(p).await?; });
        Ok(())
    }

    /// Every processed source key.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn processed_keys(&self) -> Result<Vec<String>, BridgeError> {
        Ok(with_pool!(self, p => {
            let rows = sqlx::query("SELECT source_key FROM discovery_processed ORDER BY source_key").fetch_all(p).await?;
            let mut out = Vec::new();
            for r in &rows {
                out.push(r.try_get::<String, _>(0)?);
            }
            out
        }))
    }

    /// Rejects a known album (by key or normalised name) that is not rejected or being
    /// downloaded; true when one changed.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn reject_known(&self, key: &str, norm: &str) -> Result<bool, BridgeError> {
        let sql = "UPDATE discovery_items SET state = 'rejected', updated_ms = $1 WHERE (key = $2 OR norm = $3) AND state IN ('pending', 'wishlist', 'failed')";
        let n = with_pool!(self, p => sqlx::query(sql).bind(now_ms()).bind(key).bind(norm).execute(p).await?.rows_affected());
        Ok(n > 0)
    }

    /// An album's stored search id and track list (JSON).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn item_search(&self, key: &str) -> Result<(Option<String>, Option<String>), BridgeError> {
        Ok(
            with_pool!(self, p => match sqlx::query("SELECT search_id, tracks FROM discovery_items WHERE key = $1").bind(key).fetch_optional(p).await? {
                Some(r) => (r.try_get(0)?, r.try_get(1)?),
                None => (None, None),
            }),
        )
    }

    /// Stores an album's slskd search id (before the search starts) and/or its track list.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn set_item_search(&self, key: &str, search_id: Option<&str>, tracks: Option<&str>) -> Result<(), BridgeError> {
        with_pool!(self, p => { sqlx::query("UPDATE discovery_items SET search_id = $1, tracks = COALESCE($2, tracks) WHERE key = $3")
            .bind(search_id).bind(tracks).bind(key).execute(p).await?; });
        Ok(())
    }

    /// Records a download *and* moves its album wishlist → downloading, in one transaction;
    /// false (nothing written) when the album was no longer on the wishlist.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn begin_download(&self, d: &Download) -> Result<bool, BridgeError> {
        let files = serde_json::to_string(&d.files).unwrap_or_else(|_| "[]".into());
        let ins = format!("INSERT INTO discovery_downloads ({DL_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $10)");
        Ok(with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let n = sqlx::query("UPDATE discovery_items SET state = 'downloading', updated_ms = $1 WHERE key = $2 AND state = 'wishlist'")
                .bind(now_ms()).bind(&d.item_key).execute(&mut *tx).await?.rows_affected();
            if n == 1 {
                sqlx::query(AssertSqlSafe(ins.as_str()))
                    .bind(&d.id).bind(&d.item_key).bind(&d.username).bind(&d.directory).bind(&files).bind(&d.state)
                    .bind(d.bytes).bind(d.total).bind(&d.error).bind(now_ms())
                    .execute(&mut *tx).await?;
                sqlx::query("INSERT INTO discovery_tried (item_key, source) VALUES ($1, $2) ON CONFLICT (item_key, source) DO NOTHING")
                    .bind(&d.item_key).bind(format!("{}|{}", d.username, d.directory)).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            n == 1
        }))
    }

    /// Updates a download's state and progress (`progress_ms` only when the bytes grew).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn update_download(&self, id: &str, state: &str, bytes: i64, error: Option<&str>) -> Result<(), BridgeError> {
        let sql = "UPDATE discovery_downloads SET state = $1, progress_ms = CASE WHEN $2 > bytes THEN $4 ELSE progress_ms END, \
                   bytes = $2, error = $3, updated_ms = $4 WHERE id = $5";
        with_pool!(self, p => { sqlx::query(sql).bind(state).bind(bytes).bind(error).bind(now_ms()).bind(id).execute(p).await?; });
        Ok(())
    }

    /// Downloads, newest first; only the live ones (enqueuing, enqueued) with `live`.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn downloads(&self, live: bool, limit: i64) -> Result<Vec<Download>, BridgeError> {
        let filter = if live { "WHERE state IN ('enqueuing', 'enqueued')" } else { "" };
        let sql = format!("SELECT {DL_COLS} FROM discovery_downloads {filter} ORDER BY created_ms DESC, id LIMIT $1");
        Ok(with_pool!(self, p => {
            let rows = sqlx::query(AssertSqlSafe(sql.as_str())).bind(limit).fetch_all(p).await?;
            let mut out = Vec::with_capacity(rows.len());
            for r in &rows {
                out.push(download_of!(r));
            }
            out
        }))
    }

    /// The sources (`user|directory`) already tried for an album.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn tried(&self, key: &str) -> Result<Vec<String>, BridgeError> {
        Ok(with_pool!(self, p => {
            let rows = sqlx::query("SELECT source FROM discovery_tried WHERE item_key = $1").bind(key).fetch_all(p).await?;
            let mut out = Vec::new();
            for r in &rows {
                out.push(r.try_get::<String, _>(0)?);
            }
            out
        }))
    }

    /// Adds an on-air or labelled artist as a catalog seed.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn add_seed(&self, norm: &str, artist: &str, source: &str) -> Result<(), BridgeError> {
        with_pool!(self, p => { sqlx::query("INSERT INTO discovery_seeds (norm, artist, source, added_ms) VALUES ($1, $2, $3, $4) ON CONFLICT (norm) DO NOTHING")
            .bind(norm).bind(artist).bind(source).bind(now_ms()).execute(p).await?; });
        Ok(())
    }

    /// The stored seeds as (artist, source).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn seeds(&self) -> Result<Vec<(String, String)>, BridgeError> {
        Ok(with_pool!(self, p => {
            let rows = sqlx::query("SELECT artist, source FROM discovery_seeds ORDER BY added_ms").fetch_all(p).await?;
            let mut out = Vec::new();
            for r in &rows {
                out.push((r.try_get::<String, _>(0)?, r.try_get::<String, _>(1)?));
            }
            out
        }))
    }

    /// A job's next run (ms since the epoch), if stored.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn job_next(&self, job: &str) -> Result<Option<i64>, BridgeError> {
        Ok(
            with_pool!(self, p => match sqlx::query("SELECT next_run_ms FROM discovery_jobs WHERE name = $1").bind(job).fetch_optional(p).await? {
                Some(r) => Some(r.try_get::<i64, _>(0)?),
                None => None,
            }),
        )
    }

    /// Stores a job's next run.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn set_job_next(&self, job: &str, next_ms: i64) -> Result<(), BridgeError> {
        with_pool!(self, p => { sqlx::query("INSERT INTO discovery_jobs (name, next_run_ms) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET next_run_ms = excluded.next_run_ms")
            .bind(job).bind(next_ms).execute(p).await?; });
        Ok(())
    }

    /// Records the start of a run.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn start_run(&self, id: &str, job: &str) -> Result<(), BridgeError> {
        with_pool!(self, p => { sqlx::query("INSERT INTO discovery_runs (id, job, started_ms, counts) VALUES ($1, $2, $3, '{}')")
            .bind(id).bind(job).bind(now_ms()).execute(p).await?; });
        Ok(())
    }

    /// Records the end of a run.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn finish_run(&self, id: &str, outcome: &str, counts: &serde_json::Value, error: Option<&str>) -> Result<(), BridgeError> {
        with_pool!(self, p => { sqlx::query("UPDATE discovery_runs SET finished_ms = $1, outcome = $2, counts = $3, error = $4 WHERE id = $5")
            .bind(now_ms()).bind(outcome).bind(counts.to_string()).bind(error).bind(id).execute(p).await?; });
        Ok(())
    }

    /// Marks runs that never finished (the bridge stopped or was killed) `interrupted`;
    /// returns their jobs.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn interrupt_runs(&self) -> Result<Vec<String>, BridgeError> {
        Ok(with_pool!(self, p => {
            let rows = sqlx::query("SELECT DISTINCT job FROM discovery_runs WHERE finished_ms IS NULL").fetch_all(p).await?;
            let mut jobs = Vec::new();
            for r in &rows {
                jobs.push(r.try_get::<String, _>(0)?);
            }
            sqlx::query("UPDATE discovery_runs SET finished_ms = $1, outcome = 'interrupted', error = 'the bridge stopped during the run' WHERE finished_ms IS NULL")
                .bind(now_ms()).execute(p).await?;
            jobs
        }))
    }

    /// A job's latest runs, newest first.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn runs(&self, job: &str, limit: i64) -> Result<Vec<RunRow>, BridgeError> {
        let sql = "SELECT id, job, started_ms, finished_ms, outcome, counts, error FROM discovery_runs WHERE job = $1 ORDER BY started_ms DESC, id LIMIT $2";
        Ok(with_pool!(self, p => {
            let rows = sqlx::query(sql).bind(job).bind(limit).fetch_all(p).await?;
            let mut out = Vec::new();
            for r in &rows {
                let counts: String = r.try_get(5)?;
                out.push(RunRow {
                    id: r.try_get(0)?,
                    job: r.try_get(1)?,
                    started_ms: r.try_get(2)?,
                    finished_ms: r.try_get(3)?,
                    outcome: r.try_get(4)?,
                    counts: serde_json::from_str(&counts).unwrap_or_default(),
                    error: r.try_get(6)?,
                });
            }
            out
        }))
    }

    /// Appends a line to a run's log.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn log_line(&self, run_id: &str, seq: i64, line: &str) -> Result<(), BridgeError> {
        with_pool!(self, p => { sqlx::query("INSERT INTO discovery_log (run_id, seq, at_ms, line) VALUES ($1, $2, $3, $4) ON CONFLICT (run_id, seq) DO NOTHING")
            .bind(run_id).bind(seq).bind(now_ms()).bind(line).execute(p).await?; });
        Ok(())
    }

    /// A run's log as (at_ms, line).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn log_lines(&self, run_id: &str) -> Result<Vec<(i64, String)>, BridgeError> {
        Ok(with_pool!(self, p => {
            let rows = sqlx::query("SELECT at_ms, line FROM discovery_log WHERE run_id = $1 ORDER BY seq").bind(run_id).fetch_all(p).await?;
            let mut out = Vec::new();
            for r in &rows {
                out.push((r.try_get::<i64, _>(0)?, r.try_get::<String, _>(1)?));
            }
            out
        }))
    }
}
