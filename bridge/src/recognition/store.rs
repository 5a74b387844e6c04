//! The recognition catalogue's track metadata in storage: the `recognition_tracks` table and
//! its queries (SQLite and PostgreSQL, the same SQL).
//!
//! The fingerprints live in the index segments (`recognition::catalogue`); this table holds
//! what people edit: title, artist, album, where the audio came from. A row is written before
//! its track's segment is published, and a row whose track no segment holds (a write cut
//! short by a crash) is deleted when the bridge starts (`recognition::Recognition::open`),
//! so the two agree after any stop. Every row names its catalogue (the id in the folder's
//! manifest) and every query is confined to one catalogue, so bridges with catalogue folders
//! of their own can share one database without touching each other's tracks.

use sqlx::Row;

use crate::error::BridgeError;
use crate::store::{Store, with_pool};

/// The catalogue's table, as portable statements (applied in order, idempotent).
pub const SCHEMA: &[&str] = &[
    crate::recognition::webhooks::SCHEMA,
    "CREATE TABLE IF NOT EXISTS recognition_tracks (id TEXT PRIMARY KEY, catalogue TEXT NOT NULL, title TEXT NOT NULL, artist TEXT NOT NULL, album TEXT NOT NULL, source TEXT NOT NULL, duration_ms BIGINT NOT NULL, created_ms BIGINT NOT NULL)",
];

/// One catalogue track.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct TrackRow {
    pub id: String,
    pub title: String,
    pub artist: String,
    pub album: String,
    /// Where the audio came from: `upload:NAME` or the imported path below the library root.
    pub source: String,
    pub duration_ms: i64,
    pub created_ms: i64,
}

const COLUMNS: &str = "id, title, artist, album, source, duration_ms, created_ms";

fn row_of(r: &impl TrackColumns) -> Result<TrackRow, sqlx::Error> {
    r.track()
}

/// Reads a [`TrackRow`] from either backend's row type.
trait TrackColumns {
    fn track(&self) -> Result<TrackRow, sqlx::Error>;
}

macro_rules! impl_track_columns {
    ($row:ty) => {
        impl TrackColumns for $row {
            fn track(&self) -> Result<TrackRow, sqlx::Error> {
                Ok(TrackRow {
                    id: self.try_get(0)?,
                    title: self.try_get(1)?,
                    artist: self.try_get(2)?,
                    album: self.try_get(3)?,
                    source: self.try_get(4)?,
                    duration_ms: self.try_get(5)?,
                    created_ms: self.try_get(6)?,
                })
            }
        }
    };
}
impl_track_columns!(sqlx::sqlite::SqliteRow);
impl_track_columns!(sqlx::postgres::PgRow);

/// `%text%` for a case-insensitive `LIKE`, with `%`, `_` and `\` escaped.
fn like_pattern(text: &str) -> String {
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

impl Store {
    /// Stores new tracks in one transaction.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the insert fails (nothing is stored then).
    pub async fn insert_tracks(&self, catalogue: &str, rows: &[TrackRow]) -> Result<(), BridgeError> {
        let sql = format!("INSERT INTO recognition_tracks ({COLUMNS}, catalogue) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            for r in rows {
                sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
                    .bind(&r.id).bind(&r.title).bind(&r.artist).bind(&r.album).bind(&r.source).bind(r.duration_ms).bind(r.created_ms)
                    .bind(catalogue)
                    .execute(&mut *tx).await?;
            }
            tx.commit().await
        })?;
        Ok(())
    }

    /// One track.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn track(&self, catalogue: &str, id: &str) -> Result<Option<TrackRow>, BridgeError> {
        let sql = format!("SELECT {COLUMNS} FROM recognition_tracks WHERE id = $1 AND catalogue = $2");
        Ok(with_pool!(self, p => match sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).bind(catalogue).fetch_optional(p).await? {
            Some(r) => Some(row_of(&r)?),
            None => None,
        }))
    }

    /// A page of tracks, newest first, whose title, artist or album contains `search`
    /// (case-insensitive), and the number of such tracks.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn list_tracks(
        &self,
        catalogue: &str,
        search: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<TrackRow>, i64), BridgeError> {
        let pattern = like_pattern(search.unwrap_or(""));
        let like = "(LOWER(title) LIKE $1 ESCAPE '\\' OR LOWER(artist) LIKE $1 ESCAPE '\\' OR LOWER(album) LIKE $1 ESCAPE '\\')";
        let page = format!(
            "SELECT {COLUMNS} FROM recognition_tracks WHERE catalogue = $2 AND {like} ORDER BY created_ms DESC, id LIMIT $3 OFFSET $4"
        );
        let count = format!("SELECT COUNT(*) FROM recognition_tracks WHERE catalogue = $2 AND {like}");
        Ok(with_pool!(self, p => {
            let rows = sqlx::query(sqlx::AssertSqlSafe(page)).bind(&pattern).bind(catalogue).bind(limit).bind(offset).fetch_all(p).await?
                .iter().map(row_of).collect::<Result<Vec<_>, _>>()?;
            let total: i64 = sqlx::query(sqlx::AssertSqlSafe(count)).bind(&pattern).bind(catalogue).fetch_one(p).await?.try_get(0)?;
            (rows, total)
        }))
    }

    /// Every track id.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn track_ids(&self, catalogue: &str) -> Result<Vec<String>, BridgeError> {
        Ok(with_pool!(self, p => sqlx::query("SELECT id FROM recognition_tracks WHERE catalogue = $1").bind(catalogue).fetch_all(p).await?
            .iter().map(|r| r.try_get::<String, _>(0)).collect::<Result<Vec<_>, _>>()?))
    }

    /// The `source` of every track (to skip files an import already added).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn track_sources(&self, catalogue: &str) -> Result<Vec<String>, BridgeError> {
        Ok(
            with_pool!(self, p => sqlx::query("SELECT source FROM recognition_tracks WHERE catalogue = $1").bind(catalogue).fetch_all(p).await?
            .iter().map(|r| r.try_get::<String, _>(0)).collect::<Result<Vec<_>, _>>()?),
        )
    }

    /// Replaces a track's title, artist and album; `false` when there is no such track.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the update fails.
    pub async fn update_track(&self, catalogue: &str, t: &TrackRow) -> Result<bool, BridgeError> {
        let n = with_pool!(self, p => sqlx::query("UPDATE recognition_tracks SET title = $1, artist = $2, album = $3 WHERE id = $4 AND catalogue = $5")
            .bind(&t.title).bind(&t.artist).bind(&t.album).bind(&t.id).bind(catalogue).execute(p).await?.rows_affected());
        Ok(n > 0)
    }

    /// Deletes a track's row; `false` when there was none.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the delete fails.
    pub async fn delete_track(&self, catalogue: &str, id: &str) -> Result<bool, BridgeError> {
        let n = with_pool!(self, p => sqlx::query("DELETE FROM recognition_tracks WHERE id = $1 AND catalogue = $2")
            .bind(id).bind(catalogue).execute(p).await?.rows_affected());
        Ok(n > 0)
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
}
