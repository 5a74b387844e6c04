//! Clearances in storage: the `track_clearance` table (SQLite and PostgreSQL, the same SQL).
//!
//! A side table, not columns of `recognition_tracks`: the store applies idempotent `CREATE …
//! IF NOT EXISTS` statements and has no migrations, and SQLite cannot add a column only when it
//! is missing. A track without a row is `unknown`. Rows are confined to a catalogue, like the
//! tracks.

use sqlx::Row;

use crate::error::BridgeError;
use crate::guard::clearance::{Clearance, ClearanceState};
use crate::store::{Store, with_pool};

/// The table, as portable statements (applied in order, idempotent).
pub const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS track_clearance (catalogue TEXT NOT NULL, track_id TEXT NOT NULL, state TEXT NOT NULL, note TEXT NOT NULL, territories TEXT NOT NULL, updated_ms BIGINT NOT NULL, PRIMARY KEY (catalogue, track_id))",
];

fn clearance_of(state: &str, note: String, territories: &str, updated_ms: i64) -> Clearance {
    Clearance {
        state: ClearanceState::parse(state).unwrap_or_default(),
        note,
        territories: territories.split(' ').filter(|s| !s.is_empty()).map(str::to_string).collect(),
        updated_ms,
    }
}

impl Store {
    /// A track's clearance row, if one was set.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn clearance(&self, catalogue: &str, track_id: &str) -> Result<Option<Clearance>, BridgeError> {
        let sql = "SELECT state, note, territories, updated_ms FROM track_clearance WHERE catalogue = $1 AND track_id = $2";
        Ok(with_pool!(self, p => match sqlx::query(sql).bind(catalogue).bind(track_id).fetch_optional(p).await? {
            Some(r) => Some(clearance_of(&r.try_get::<String, _>(0)?, r.try_get(1)?, &r.try_get::<String, _>(2)?, r.try_get(3)?)),
            None => None,
        }))
    }

    /// Every clearance row of the catalogue, by track id.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn clearances(&self, catalogue: &str) -> Result<Vec<(String, Clearance)>, BridgeError> {
        let sql = "SELECT track_id, state, note, territories, updated_ms FROM track_clearance WHERE catalogue = $1 ORDER BY track_id";
        Ok(with_pool!(self, p => {
            let mut out = Vec::new();
            for r in sqlx::query(sql).bind(catalogue).fetch_all(p).await? {
                out.push((r.try_get(0)?, clearance_of(&r.try_get::<String, _>(1)?, r.try_get(2)?, &r.try_get::<String, _>(3)?, r.try_get(4)?)));
            }
            out
        }))
    }

    /// The catalogue track a recognition report names and its clearance row: by id when the
    /// title is a track id (a catalogue track without tags is reported by its id), else by
    /// title and artist (case-insensitive, the newest such track). `("", None)` when none.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn clearance_of_heard(&self, catalogue: &str, title: &str, artist: &str) -> Result<(String, Option<Clearance>), BridgeError> {
        let sql = "SELECT t.id, c.state, c.note, c.territories, c.updated_ms FROM recognition_tracks t \
                   LEFT JOIN track_clearance c ON c.catalogue = t.catalogue AND c.track_id = t.id \
                   WHERE t.catalogue = $1 AND (t.id = $2 OR (LOWER(t.title) = LOWER($2) AND LOWER(t.artist) = LOWER($3))) \
                   ORDER BY t.id = $2 DESC, t.created_ms DESC LIMIT 1";
        Ok(with_pool!(self, p => match sqlx::query(sql).bind(catalogue).bind(title).bind(artist).fetch_optional(p).await? {
            Some(r) => {
                let id: String = r.try_get(0)?;
                let state: Option<String> = r.try_get(1)?;
                let c = match state {
                    Some(state) => Some(clearance_of(&state, r.try_get(2)?, &r.try_get::<String, _>(3)?, r.try_get(4)?)),
                    None => None,
                };
                (id, c)
            }
            None => (String::new(), None),
        }))
    }

    /// Sets the clearances of tracks, all in one transaction (all or none).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails (nothing is changed then).
    pub async fn set_clearances(&self, catalogue: &str, rows: &[(String, Clearance)]) -> Result<(), BridgeError> {
        let sql = "INSERT INTO track_clearance (catalogue, track_id, state, note, territories, updated_ms) VALUES ($1, $2, $3, $4, $5, $6) \
                   ON CONFLICT (catalogue, track_id) DO UPDATE SET state = excluded.state, note = excluded.note, \
                   territories = excluded.territories, updated_ms = excluded.updated_ms";
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            for (id, c) in rows {
                sqlx::query(sql)
                    .bind(catalogue).bind(id).bind(c.state.as_str()).bind(&c.note).bind(c.territories.join(" ")).bind(c.updated_ms)
                    .execute(&mut *tx).await?;
            }
            tx.commit().await
        })?;
        Ok(())
    }
}
