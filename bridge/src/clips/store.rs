//! The clip library in storage: the `clips` table (one row per clip, with its measures and
//! play counts), `clip_tags` (one row per tag, for the tag filter) and `clip_plays` (one row
//! per on-air play, with session and engine). SQLite and PostgreSQL, the same SQL.
//!
//! Measures that are real numbers (loudness, true peak, mood) are stored ×1000 as `BIGINT`
//! (the project's portable types; `REAL` and `DOUBLE PRECISION` differ between the two).
//! `plays` is `listens + on_air_plays`, kept in the same `UPDATE`, so sorting by plays is an
//! index scan. Counts only ever grow by `+ 1` in SQL (never a read-modify-write in Rust), so
//! concurrent playbacks, and two bridges sharing a PostgreSQL database, count exactly.

use sqlx::Row;

use crate::error::BridgeError;
use crate::store::{Store, with_pool, with_read_pool};

/// The clip tables, as portable statements (applied in order, idempotent).
pub const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS clips (id TEXT PRIMARY KEY, slug TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL, title TEXT NOT NULL, \
     source TEXT NOT NULL, content_type TEXT NOT NULL, bytes BIGINT NOT NULL, duration_ms BIGINT NOT NULL, sample_rate BIGINT NOT NULL, \
     channels BIGINT NOT NULL, lufs_milli BIGINT NOT NULL, true_peak_milli BIGINT NOT NULL, lra_milli BIGINT NOT NULL, \
     valence_milli BIGINT NOT NULL, arousal_milli BIGINT NOT NULL, energy_milli BIGINT NOT NULL, gain_milli BIGINT NOT NULL, \
     tags TEXT NOT NULL, listens BIGINT NOT NULL DEFAULT 0, on_air_plays BIGINT NOT NULL DEFAULT 0, plays BIGINT NOT NULL DEFAULT 0, \
     last_played_ms BIGINT, created_ms BIGINT NOT NULL, updated_ms BIGINT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS clips_created ON clips (created_ms, id)",
    "CREATE INDEX IF NOT EXISTS clips_plays ON clips (plays, id)",
    "CREATE INDEX IF NOT EXISTS clips_title ON clips (title, id)",
    "CREATE INDEX IF NOT EXISTS clips_sha ON clips (sha256)",
    "CREATE TABLE IF NOT EXISTS clip_tags (clip_id TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (clip_id, tag))",
    "CREATE INDEX IF NOT EXISTS clip_tags_tag ON clip_tags (tag, clip_id)",
    "CREATE TABLE IF NOT EXISTS clip_plays (clip_id TEXT NOT NULL, at_ms BIGINT NOT NULL, session TEXT NOT NULL, engine TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS clip_plays_clip ON clip_plays (clip_id, at_ms)",
];

/// One clip as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClipRow {
    pub id: String,
    /// Unique human name for rules, MIDI maps and OSC (`goal-horn`).
    pub slug: String,
    /// The blob's name: SHA-256 of the file, 64 lowercase hex digits.
    pub sha256: String,
    pub title: String,
    /// `upload:NAME` or `import:PATH`.
    pub source: String,
    /// From the probed container, never the client's header.
    pub content_type: String,
    pub bytes: i64,
    pub duration_ms: i64,
    pub sample_rate: i64,
    pub channels: i64,
    /// Integrated loudness (LUFS ×1000; −200000 for digital silence).
    pub lufs_milli: i64,
    /// True peak (dBTP ×1000).
    pub true_peak_milli: i64,
    /// Loudness range (LU ×1000).
    pub lra_milli: i64,
    pub valence_milli: i64,
    pub arousal_milli: i64,
    pub energy_milli: i64,
    /// On-air normalisation gain (dB ×1000; 0 when normalisation is off).
    pub gain_milli: i64,
    pub tags: Vec<String>,
    pub listens: i64,
    pub on_air_plays: i64,
    pub last_played_ms: Option<i64>,
    pub created_ms: i64,
    pub updated_ms: i64,
}

const COLUMNS: &str = "id, slug, sha256, title, source, content_type, bytes, duration_ms, sample_rate, channels, lufs_milli, \
     true_peak_milli, lra_milli, valence_milli, arousal_milli, energy_milli, gain_milli, tags, listens, on_air_plays, last_played_ms, \
     created_ms, updated_ms";

/// Reads a [`ClipRow`] from either backend's row type.
trait ClipColumns {
    fn clip(&self) -> Result<ClipRow, sqlx::Error>;
}

macro_rules! impl_clip_columns {
    ($row:ty) => {
        impl ClipColumns for $row {
            fn clip(&self) -> Result<ClipRow, sqlx::Error> {
                let tags: String = self.try_get(17)?;
                Ok(ClipRow {
                    id: self.try_get(0)?,
                    slug: self.try_get(1)?,
                    sha256: self.try_get(2)?,
                    title: self.try_get(3)?,
                    source: self.try_get(4)?,
                    content_type: self.try_get(5)?,
                    bytes: self.try_get(6)?,
                    duration_ms: self.try_get(7)?,
                    sample_rate: self.try_get(8)?,
                    channels: self.try_get(9)?,
                    lufs_milli: self.try_get(10)?,
                    true_peak_milli: self.try_get(11)?,
                    lra_milli: self.try_get(12)?,
                    valence_milli: self.try_get(13)?,
                    arousal_milli: self.try_get(14)?,
                    energy_milli: self.try_get(15)?,
                    gain_milli: self.try_get(16)?,
                    tags: tags.split(',').filter(|t| !t.is_empty()).map(str::to_string).collect(),
                    listens: self.try_get(18)?,
                    on_air_plays: self.try_get(19)?,
                    last_played_ms: self.try_get(20)?,
                    created_ms: self.try_get(21)?,
                    updated_ms: self.try_get(22)?,
                })
            }
        }
    };
}
impl_clip_columns!(sqlx::sqlite::SqliteRow);
impl_clip_columns!(sqlx::postgres::PgRow);

/// The order of a listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    /// Most played first (listens + on-air plays).
    Plays,
    /// Newest first.
    Added,
    /// By title, A to Z.
    Title,
}

/// One page of a listing: what to filter on and where.
#[derive(Clone, Debug)]
pub struct ListQuery<'a> {
    pub tag: Option<&'a str>,
    pub search: Option<&'a str>,
    pub sort: Sort,
    /// Reverse the sort's natural direction.
    pub reverse: bool,
    pub limit: i64,
    pub offset: i64,
}

/// `%text%` for a case-insensitive `LIKE`, with `%`, `_` and `\` escaped.
pub(crate) fn like_pattern(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('%');
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s.push('%');
    s
}

/// The `ORDER BY` of a listing (from a fixed set: never from request text).
fn order_by(sort: Sort, reverse: bool) -> &'static str {
    match (sort, reverse) {
        (Sort::Plays, false) => "plays DESC, id DESC",
        (Sort::Plays, true) => "plays ASC, id ASC",
        (Sort::Added, false) => "created_ms DESC, id DESC",
        (Sort::Added, true) => "created_ms ASC, id ASC",
        (Sort::Title, false) => "title ASC, id ASC",
        (Sort::Title, true) => "title DESC, id DESC",
    }
}

/// The `WHERE` clause of a listing's page (empty without filters) and its count statement,
/// from a fixed set: the tag is `$1` when asked for, the search pattern the next placeholder.
fn list_sql(tag: bool, search: bool) -> (&'static str, &'static str) {
    match (tag, search) {
        (false, false) => ("", "SELECT COUNT(*) FROM clips"),
        (true, false) => ("WHERE id IN (SELECT clip_id FROM clip_tags WHERE tag = $1)", "SELECT COUNT(*) FROM clip_tags WHERE tag = $1"),
        (false, true) => (
            "WHERE (LOWER(title) LIKE $1 ESCAPE '\\' OR slug LIKE $1 ESCAPE '\\')",
            "SELECT COUNT(*) FROM clips WHERE (LOWER(title) LIKE $1 ESCAPE '\\' OR slug LIKE $1 ESCAPE '\\')",
        ),
        (true, true) => (
            "WHERE id IN (SELECT clip_id FROM clip_tags WHERE tag = $1) AND (LOWER(title) LIKE $2 ESCAPE '\\' OR slug LIKE $2 ESCAPE '\\')",
            "SELECT COUNT(*) FROM clips WHERE id IN (SELECT clip_id FROM clip_tags WHERE tag = $1) \
             AND (LOWER(title) LIKE $2 ESCAPE '\\' OR slug LIKE $2 ESCAPE '\\')",
        ),
    }
}

/// `last_played_ms` moved forward to `$2` only (two flushes or bridges never move it back).
const LAST_PLAYED: &str = "last_played_ms = CASE WHEN last_played_ms IS NULL OR last_played_ms < $2 THEN $2 ELSE last_played_ms END";

impl Store {
    /// Stores a new clip and its tags in one transaction (nothing is stored when it fails).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the insert fails (a duplicate slug or id included).
    pub async fn insert_clip(&self, c: &ClipRow) -> Result<(), BridgeError> {
        let sql = format!(
            "INSERT INTO clips ({COLUMNS}, plays) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
             $19, $20, $21, $22, $23, $24)"
        );
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(&c.id).bind(&c.slug).bind(&c.sha256).bind(&c.title).bind(&c.source).bind(&c.content_type)
                .bind(c.bytes).bind(c.duration_ms).bind(c.sample_rate).bind(c.channels).bind(c.lufs_milli).bind(c.true_peak_milli)
                .bind(c.lra_milli).bind(c.valence_milli).bind(c.arousal_milli).bind(c.energy_milli).bind(c.gain_milli)
                .bind(c.tags.join(",")).bind(c.listens).bind(c.on_air_plays).bind(c.last_played_ms).bind(c.created_ms).bind(c.updated_ms)
                .bind(c.listens + c.on_air_plays)
                .execute(&mut *tx).await?;
            for t in &c.tags {
                sqlx::query("INSERT INTO clip_tags (clip_id, tag) VALUES ($1, $2)").bind(&c.id).bind(t).execute(&mut *tx).await?;
            }
            tx.commit().await
        })?;
        Ok(())
    }

    /// One clip by id.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn clip(&self, id: &str) -> Result<Option<ClipRow>, BridgeError> {
        self.clip_where("id", id).await
    }

    /// One clip by slug.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn clip_by_slug(&self, slug: &str) -> Result<Option<ClipRow>, BridgeError> {
        self.clip_where("slug", slug).await
    }

    /// The first clip (oldest) holding the blob `sha256`.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn clip_by_sha(&self, sha256: &str) -> Result<Option<ClipRow>, BridgeError> {
        self.clip_where("sha256", sha256).await
    }

    async fn clip_where(&self, column: &'static str, value: &str) -> Result<Option<ClipRow>, BridgeError> {
        let sql = format!("SELECT {COLUMNS} FROM clips WHERE {column} = $1 ORDER BY created_ms, id LIMIT 1");
        Ok(with_read_pool!(self, p => match sqlx::query(sqlx::AssertSqlSafe(sql)).bind(value).fetch_optional(p).await? {
            Some(r) => Some(r.clip()?),
            None => None,
        }))
    }

    /// A page of clips and the number of clips matching the filter.
    ///
    /// Written so that each part reads as little as it can (10,000 clips at 1,000 listings a
    /// second): a filter that is not asked for is not in the SQL; the page's ids are chosen
    /// in a subquery that an index on the sort key covers when there is no text search (an
    /// offset of 5,000 steps through index entries, not table rows), and only the page's rows
    /// are read whole; the count of a tag is read from `clip_tags` alone.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn list_clips(&self, q: &ListQuery<'_>) -> Result<(Vec<ClipRow>, i64), BridgeError> {
        let pattern = q.search.map(like_pattern);
        let (filter, count) = list_sql(q.tag.is_some(), pattern.is_some());
        let order = order_by(q.sort, q.reverse);
        let n = 1 + usize::from(q.tag.is_some()) + usize::from(pattern.is_some());
        let page = format!(
            "SELECT {COLUMNS} FROM clips WHERE id IN (SELECT id FROM clips {filter} ORDER BY {order} LIMIT ${n} OFFSET ${}) ORDER BY {order}",
            n + 1
        );
        Ok(with_read_pool!(self, p => {
            let mut pq = sqlx::query(sqlx::AssertSqlSafe(page));
            let mut cq = sqlx::query(sqlx::AssertSqlSafe(count));
            if let Some(tag) = q.tag {
                pq = pq.bind(tag);
                cq = cq.bind(tag);
            }
            if let Some(pat) = &pattern {
                pq = pq.bind(pat.clone());
                cq = cq.bind(pat.clone());
            }
            let rows = pq.bind(q.limit).bind(q.offset).fetch_all(p).await?.iter().map(ClipColumns::clip).collect::<Result<Vec<_>, _>>()?;
            let total: i64 = cq.fetch_one(p).await?.try_get(0)?;
            (rows, total)
        }))
    }

    /// Replaces a clip's title, slug and tags (one transaction); `false` when there is no such clip.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the update fails (a slug taken by another clip included).
    pub async fn update_clip(&self, c: &ClipRow) -> Result<bool, BridgeError> {
        let n = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let n = sqlx::query("UPDATE clips SET title = $1, slug = $2, tags = $3, updated_ms = $4 WHERE id = $5")
                .bind(&c.title).bind(&c.slug).bind(c.tags.join(",")).bind(c.updated_ms).bind(&c.id).execute(&mut *tx).await?.rows_affected();
            sqlx::query("DELETE FROM clip_tags WHERE clip_id = $1").bind(&c.id).execute(&mut *tx).await?;
            for t in &c.tags {
                sqlx::query("INSERT INTO clip_tags (clip_id, tag) VALUES ($1, $2)").bind(&c.id).bind(t).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            n
        });
        Ok(n > 0)
    }

    /// Deletes a clip with its tags and play log (one transaction); `false` when there was none.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the delete fails.
    pub async fn delete_clip(&self, id: &str) -> Result<bool, BridgeError> {
        let n = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            sqlx::query("DELETE FROM clip_tags WHERE clip_id = $1").bind(id).execute(&mut *tx).await?;
            let n = sqlx::query("DELETE FROM clips WHERE id = $1").bind(id).execute(&mut *tx).await?.rows_affected();
            tx.commit().await?;
            n
        });
        Ok(n > 0)
    }

    /// Whether any clip row names the blob `sha256`.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn blob_referenced(&self, sha256: &str) -> Result<bool, BridgeError> {
        Ok(
            with_pool!(self, p => sqlx::query("SELECT 1 FROM clips WHERE sha256 = $1 LIMIT 1").bind(sha256).fetch_optional(p).await?.is_some()),
        )
    }

    /// Every blob name the clips reference.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn clip_blobs(&self) -> Result<Vec<String>, BridgeError> {
        Ok(with_pool!(self, p => sqlx::query("SELECT DISTINCT sha256 FROM clips").fetch_all(p).await?
            .iter().map(|r| r.try_get::<String, _>(0)).collect::<Result<Vec<_>, _>>()?))
    }

    /// Counts one listen of a clip at `at_ms`, atomically in SQL: the clip's `(listens,
    /// on_air_plays)` after it, or `None` when the clip is gone (deleted meanwhile: nothing to
    /// count against).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the update fails.
    pub async fn count_listen(&self, id: &str, at_ms: i64) -> Result<Option<(i64, i64)>, BridgeError> {
        let sql = format!(
            "UPDATE clips SET listens = listens + 1, plays = plays + 1, {LAST_PLAYED} WHERE id = $1 RETURNING listens, on_air_plays"
        );
        Ok(with_pool!(self, p => match sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).bind(at_ms).fetch_optional(p).await? {
            Some(r) => Some((r.try_get(0)?, r.try_get(1)?)),
            None => None,
        }))
    }

    /// Counts one on-air play (the counter and a `clip_plays` row, one transaction); `false`
    /// when the clip is gone.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn count_on_air(&self, id: &str, at_ms: i64, session: &str, engine: &str) -> Result<bool, BridgeError> {
        let sql = format!("UPDATE clips SET on_air_plays = on_air_plays + 1, plays = plays + 1, {LAST_PLAYED} WHERE id = $1");
        let n = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let n = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).bind(at_ms).execute(&mut *tx).await?.rows_affected();
            if n > 0 {
                sqlx::query("INSERT INTO clip_plays (clip_id, at_ms, session, engine) VALUES ($1, $2, $3, $4)")
                    .bind(id).bind(at_ms).bind(session).bind(engine).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            n
        });
        Ok(n > 0)
    }

    /// Number of clips.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn clip_count(&self) -> Result<i64, BridgeError> {
        Ok(with_pool!(self, p => sqlx::query("SELECT COUNT(*) FROM clips").fetch_one(p).await?.try_get(0)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_pattern("Ab%_\\"), "%ab\\%\\_\\\\%");
        assert_eq!(like_pattern(""), "%%");
    }

    #[test]
    fn a_listing_binds_exactly_the_placeholders_it_names() {
        let highest = |sql: &str| (1..=4).filter(|n| sql.contains(&format!("${n}"))).max().unwrap_or(0);
        for (tag, search) in [(false, false), (true, false), (false, true), (true, true)] {
            let (filter, count) = list_sql(tag, search);
            let binds = usize::from(tag) + usize::from(search);
            assert_eq!(highest(filter), binds, "{filter}");
            assert_eq!(highest(count), binds, "{count}");
            assert_eq!(filter.is_empty(), binds == 0);
        }
    }

    #[test]
    fn every_sort_has_a_tie_break() {
        for s in [Sort::Plays, Sort::Added, Sort::Title] {
            for r in [false, true] {
                assert!(order_by(s, r).contains(", id "), "{s:?} {r}");
            }
        }
    }
}
