//! The library's storage: provider settings and tokens (`library_settings`, one JSON value
//! per name) and every track's mood (`library_moods`), SQLite and PostgreSQL, the same SQL.

use sqlx::Row;

use crate::error::BridgeError;
use crate::library::mood::{self, MoodSource, TrackMood};
use crate::store::{Store, with_pool};

/// The library's tables, as portable statements (applied in order, idempotent).
pub const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS library_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL, updated_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS library_moods (track_key TEXT PRIMARY KEY, artist TEXT NOT NULL, title TEXT NOT NULL, valence DOUBLE PRECISION NOT NULL, arousal DOUBLE PRECISION NOT NULL, confidence DOUBLE PRECISION NOT NULL, energy DOUBLE PRECISION NOT NULL, tempo_bpm DOUBLE PRECISION, source TEXT NOT NULL, features TEXT NOT NULL, updated_ms BIGINT NOT NULL)",
];

/// A stored mood with the track's names (for matching copies across providers).
#[derive(Clone, Debug, PartialEq)]
pub struct MoodRow {
    pub track_key: String,
    pub artist: String,
    pub title: String,
    pub mood: TrackMood,
    /// The measured features as JSON (`{}` for labels).
    pub features: String,
}

impl MoodRow {
    /// A mood measured from the audio by an older analysis than this build's
    /// ([`mood::ANALYSIS_VERSION`]): its features meant something else, so it is measured
    /// again (the stored mood stands until then).
    pub fn is_stale(&self) -> bool {
        self.mood.source == MoodSource::Audio
            && serde_json::from_str::<mood::TrackFeatures>(&self.features).map_or(true, |f| f.version < mood::ANALYSIS_VERSION)
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

macro_rules! mood_of {
    ($r:expr) => {{
        let r = $r;
        let tempo: Option<f64> = r.try_get(7)?;
        MoodRow {
            track_key: r.try_get(0)?,
            artist: r.try_get(1)?,
            title: r.try_get(2)?,
            mood: TrackMood {
                valence: r.try_get::<f64, _>(3)? as f32,
                arousal: r.try_get::<f64, _>(4)? as f32,
                confidence: r.try_get::<f64, _>(5)? as f32,
                energy: r.try_get::<f64, _>(6)? as f32,
                tempo_bpm: tempo.map(|t| t as f32),
                source: MoodSource::parse(&r.try_get::<String, _>(8)?),
            },
            features: r.try_get(9)?,
        }
    }};
}

impl Store {
    /// A setting's JSON value.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn library_setting(&self, name: &str) -> Result<Option<String>, BridgeError> {
        Ok(
            with_pool!(self, p => match sqlx::query("SELECT value FROM library_settings WHERE name = $1").bind(name).fetch_optional(p).await? {
                Some(r) => Some(r.try_get::<String, _>(0)?),
                None => None,
            }),
        )
    }

    /// Stores (or with `None` deletes) a setting.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn set_library_setting(&self, name: &str, value: Option<&str>) -> Result<(), BridgeError> {
        with_pool!(self, p => {
            match value {
                Some(v) => sqlx::query("INSERT INTO library_settings (name, value, updated_ms) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms")
                    .bind(name).bind(v).bind(now_ms()).execute(p).await?,
                None => sqlx::query("DELETE FROM library_settings WHERE name = $1").bind(name).execute(p).await?,
            };
        });
        Ok(())
    }

    /// Stores a track's mood. A user label is never replaced by a measurement.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the write fails.
    pub async fn put_mood(&self, row: &MoodRow) -> Result<(), BridgeError> {
        let m = &row.mood;
        let sql = "INSERT INTO library_moods (track_key, artist, title, valence, arousal, confidence, energy, tempo_bpm, source, features, updated_ms) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (track_key) DO UPDATE SET valence = excluded.valence, \
                   arousal = excluded.arousal, confidence = excluded.confidence, energy = excluded.energy, tempo_bpm = excluded.tempo_bpm, \
                   source = excluded.source, features = excluded.features, updated_ms = excluded.updated_ms \
                   WHERE library_moods.source <> 'user' OR excluded.source = 'user'";
        with_pool!(self, p => {
            sqlx::query(sql)
                .bind(&row.track_key).bind(&row.artist).bind(&row.title)
                .bind(f64::from(m.valence)).bind(f64::from(m.arousal)).bind(f64::from(m.confidence)).bind(f64::from(m.energy))
                .bind(m.tempo_bpm.map(f64::from)).bind(m.source.as_str()).bind(&row.features).bind(now_ms())
                .execute(p).await?;
        });
        Ok(())
    }

    /// Every stored mood.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the read fails.
    pub async fn moods(&self) -> Result<Vec<MoodRow>, BridgeError> {
        let sql = "SELECT track_key, artist, title, valence, arousal, confidence, energy, tempo_bpm, source, features FROM library_moods";
        Ok(with_pool!(self, p => {
            let rows = sqlx::query(sql).fetch_all(p).await?;
            let mut out = Vec::with_capacity(rows.len());
            for r in &rows {
                out.push(mood_of!(r));
            }
            out
        }))
    }

    /// Deletes a user label (the measured mood, if any, is measured again later).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the delete fails.
    pub async fn delete_user_mood(&self, track_key: &str) -> Result<bool, BridgeError> {
        let n = with_pool!(self, p => sqlx::query("DELETE FROM library_moods WHERE track_key = $1 AND source = 'user'")
            .bind(track_key).execute(p).await?.rows_affected());
        Ok(n > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(source: MoodSource, features: String) -> MoodRow {
        MoodRow {
            track_key: "local:a.ogg".into(),
            artist: "A".into(),
            title: "T".into(),
            mood: TrackMood { source, ..TrackMood::UNKNOWN },
            features,
        }
    }

    #[test]
    fn only_audio_moods_from_an_older_analysis_are_stale() {
        let current = serde_json::to_string(&mood::features(&vec![0.1f32; 48_000], 48_000.0)).unwrap();
        let before_versions =
            r#"{"analysed_s":90.0,"loudness_db":-20.0,"dynamics_db":10.0,"brightness_hz":900.0,"onset_rate_hz":0.4,"tempo_bpm":null}"#;
        assert!(row(MoodSource::Audio, before_versions.into()).is_stale());
        assert!(row(MoodSource::Audio, "not json".into()).is_stale());
        assert!(!row(MoodSource::Audio, current).is_stale());
        assert!(!row(MoodSource::User, "{}".into()).is_stale(), "a hand label is never measured over");
        assert!(!row(MoodSource::Tags, "{}".into()).is_stale());
    }
}
