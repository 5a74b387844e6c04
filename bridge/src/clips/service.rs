//! The clip library's operations, below the handlers: add a file (upload or import), edit,
//! delete, count plays, and keep the blobs and the store in agreement.
//!
//! Adding: the file is written to a temporary while its SHA-256 is computed, decoded whole
//! and measured on a worker thread ([`super::measure`]), then, under the library's one write
//! lock: if a clip already holds that blob the temporary is dropped and that clip is answered
//! (`duplicate`: the same file twice is stored once); else the temporary is renamed to its
//! blob and the row (with its tags) inserted in one transaction, and if the insert fails the
//! blob is removed again. So a refused or failed upload leaves no file and no row.
//!
//! Deleting removes the row (and tags) first, then the blob if no other row names it. A
//! stream already open keeps reading its file (an open file outlives its name on Unix).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::http::StatusCode;
use serde_json::json;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt as _;
use tokio::sync::{Mutex, Semaphore};

use crate::clips::blobs::{BlobStore, TempBlob, write_error};
use crate::clips::measure::{self, Measures, extension_of, normalisation_gain};
use crate::clips::store::ClipRow;
use crate::clock::now_ms;
use crate::config::ClipsConfig;
use crate::error::{AppError, BridgeError};
use crate::extract::verr;
use crate::store::Store;

/// Longest title, characters.
pub const MAX_TITLE: usize = 200;
/// Most tags on one clip.
pub const MAX_TAGS: usize = 32;
/// Files one import takes at most.
pub const MAX_IMPORT_FILES: usize = 10_000;

/// The clip library's state.
#[derive(Debug)]
pub struct Clips {
    pub blobs: BlobStore,
    pub config: ClipsConfig,
    /// Serialises blob placement, inserts and deletes (uploads are rare).
    write: Mutex<()>,
    /// Decodes running at once (each holds a core).
    decoders: Arc<Semaphore>,
    /// Fires sent on air and not yet forgotten.
    pub fires: crate::clips::fires::Fires,
    /// Where upload bytes are written instead of their temporary ([`Clips::divert_uploads`]).
    divert: std::sync::Mutex<Option<PathBuf>>,
}

/// A clip ready to be added: its file (a temporary), digest, size and measures.
#[derive(Debug)]
pub struct NewClip {
    pub temp: TempBlob,
    pub sha256: String,
    pub bytes: i64,
    pub measures: Measures,
    pub title: String,
    pub tags: Vec<String>,
    pub source: String,
}

/// A new clip id: `clp_` and 16 random hex digits.
pub fn new_id() -> String {
    let n: u64 = rand::random();
    format!("clp_{n:016x}")
}

/// Whether `s` is a clip id (`clp_` and 16 lowercase hex digits): checked before any lookup.
pub fn is_id(s: &str) -> bool {
    s.len() == 20 && s.starts_with("clp_") && s.bytes().skip(4).all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Whether `s` is a slug (`[a-z0-9-]{1,64}`, not starting with `clp_`).
pub fn is_slug(s: &str) -> bool {
    (1..=64).contains(&s.len()) && s.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-')) && !s.starts_with("clp_")
}

/// A slug made from a title: lowercase ASCII letters and digits, runs of anything else as
/// one `-` (`"Goal Horn!"` → `goal-horn`); `clip` when nothing is left.
pub fn slugify(title: &str) -> String {
    let mut s = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
        if s.len() >= 56 {
            break;
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() || s.starts_with("clp_") { "clip".to_string() } else { s }
}

/// A title: 1..=200 characters, no control characters.
///
/// # Errors
/// 422 naming `title`.
pub fn check_title(text: &str) -> Result<String, AppError> {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > MAX_TITLE || t.chars().any(char::is_control) {
        return Err(verr("title", format!("must be 1..={MAX_TITLE} characters without control characters")));
    }
    Ok(t.to_string())
}

/// Tags from comma-separated or repeated values: each `[a-z0-9_-]{1,40}` (upper case is
/// lowered), at most 32, duplicates dropped, sorted.
///
/// # Errors
/// 422 naming `tags`.
pub fn parse_tags<'a>(values: impl IntoIterator<Item = &'a str>) -> Result<Vec<String>, AppError> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        for t in v.split(',').map(str::trim).filter(|t| !t.is_empty()) {
            let t = t.to_ascii_lowercase();
            if t.len() > 40 || !t.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')) {
                return Err(verr("tags", format!("tag {t:?}: each tag is 1..=40 of a-z, 0-9, _ and -")));
            }
            out.push(t);
        }
    }
    out.sort();
    out.dedup();
    if out.len() > MAX_TAGS {
        return Err(verr("tags", format!("at most {MAX_TAGS} tags")));
    }
    Ok(out)
}

fn milli(x: f64) -> i64 {
    (x * 1000.0).round() as i64
}

/// A clip as the API answers it (list items and `/play/{id}/stats`).
pub fn view(c: &ClipRow) -> serde_json::Value {
    let f = |m: i64| m as f64 / 1000.0;
    json!({
        "id": c.id,
        "slug": c.slug,
        "title": c.title,
        "tags": c.tags,
        "play_count": c.listens + c.on_air_plays,
        "listens": c.listens,
        "on_air_plays": c.on_air_plays,
        "last_played_ms": c.last_played_ms,
        "duration_s": f(c.duration_ms),
        "format": extension_of(&c.content_type),
        "content_type": c.content_type,
        "bytes": c.bytes,
        "sample_rate": c.sample_rate,
        "channels": c.channels,
        "loudness": {"lufs": f(c.lufs_milli), "true_peak_dbtp": f(c.true_peak_milli), "lra": f(c.lra_milli)},
        "mood": {"valence": f(c.valence_milli), "arousal": f(c.arousal_milli), "energy": f(c.energy_milli)},
        "gain_db": f(c.gain_milli),
        "sha256": c.sha256,
        "source": c.source,
        "created_ms": c.created_ms,
        "stream_url": format!("/play/{}/stream", c.id),
    })
}

/// 404 for a clip id that names no clip.
pub fn no_clip(id: &str) -> AppError {
    AppError::rejected(StatusCode::NOT_FOUND, "no_such_clip", format!("no clip {id:?}; GET /play lists them"))
}

/// 400 for text that is not a clip id.
pub fn bad_id(id: &str) -> AppError {
    let shown: String = id.chars().take(40).collect();
    let more = if id.chars().count() > 40 { "…" } else { "" };
    AppError::rejected(
        StatusCode::BAD_REQUEST,
        "bad_id",
        format!("{shown:?}{more} is not a clip id; ids are `clp_` and 16 hex digits, as GET /play lists them"),
    )
}

fn busy() -> AppError {
    AppError::RetryLater {
        status: StatusCode::SERVICE_UNAVAILABLE,
        reason: "busy",
        retry_after_s: 1,
        message: "the clip decoders are stopped; retry after the Retry-After delay".into(),
    }
}

impl Clips {
    /// The library under `config`'s clips folder; removes what a crash left (module docs of
    /// `blobs`).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when the store cannot be read.
    pub async fn open(dir: PathBuf, config: ClipsConfig, store: &Store) -> Result<Self, BridgeError> {
        let blobs = BlobStore::new(dir);
        let referenced: HashSet<String> = store.clip_blobs().await?.into_iter().collect();
        let (temps, orphans) = blobs.sweep(&referenced);
        if temps + orphans > 0 {
            tracing::info!("clip library: removed {temps} unfinished upload(s) and {orphans} unreferenced file(s) left by an earlier stop");
        }
        let decoders = std::thread::available_parallelism().map_or(2, std::num::NonZero::get).min(4);
        Ok(Self {
            blobs,
            config,
            write: Mutex::new(()),
            decoders: Arc::new(Semaphore::new(decoders)),
            fires: crate::clips::fires::Fires::default(),
            divert: std::sync::Mutex::new(None),
        })
    }

    /// Fault injection for tests: from now on the bytes of every upload and import are
    /// written to `file` (an existing file, opened for writing) instead of their temporary,
    /// which is still made and removed as usual; `None` restores normal writing. Pointed at
    /// `/dev/full`, the real write path fails with the kernel's real `ENOSPC`, as root or not,
    /// which no permission trick gives deterministically.
    pub fn divert_uploads(&self, file: Option<PathBuf>) {
        *self.divert.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = file;
    }

    /// Starts a temporary for an upload: the digest and size grow with each [`Upload::append`].
    ///
    /// # Errors
    /// 507/503/500 when the data directory cannot be written.
    pub async fn begin_upload(&self, ext: &str) -> Result<Upload, AppError> {
        let temp = self.blobs.temp(ext)?;
        let diverted = self.divert.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        let written = diverted.unwrap_or_else(|| temp.path().to_path_buf());
        let file = tokio::fs::OpenOptions::new().write(true).open(&written).await.map_err(|e| write_error(&written, &e))?;
        Ok(Upload { temp, written, file, hash: Sha256::new(), bytes: 0, limit: self.config.max_bytes })
    }

    /// Decodes and measures a finished upload (on a worker thread).
    ///
    /// # Errors
    /// The 4xx of [`measure::measure`]; 503 when the workers are gone.
    pub async fn measure(
        &self,
        temp: TempBlob,
        bytes: i64,
        sha256: String,
        title: String,
        tags: Vec<String>,
        source: String,
    ) -> Result<NewClip, AppError> {
        let _permit = self.decoders.clone().acquire_owned().await.map_err(|_| busy())?;
        let max_s = self.config.max_s;
        let path = temp.path().to_path_buf();
        let measures = tokio::task::spawn_blocking(move || measure::measure(&path, max_s)).await.map_err(|_| busy())??;
        Ok(NewClip { temp, sha256, bytes, measures, title, tags, source })
    }

    /// Adds a measured clip (module docs): `(row, duplicate)`.
    ///
    /// # Errors
    /// 507/503/500 when the blob cannot be placed; 500 when the insert fails (the blob is
    /// removed again).
    pub async fn add(&self, store: &Store, c: NewClip) -> Result<(ClipRow, bool), AppError> {
        let _w = self.write.lock().await;
        if let Some(existing) = store.clip_by_sha(&c.sha256).await? {
            return Ok((existing, true));
        }
        let mut slug = slugify(&c.title);
        let base = slug.clone();
        let mut n = 2;
        while store.clip_by_slug(&slug).await?.is_some() {
            slug = format!("{base}-{n}");
            n += 1;
        }
        let now = now_ms();
        let m = &c.measures;
        let gain = self.config.target_lufs.map_or(0.0, |t| normalisation_gain(m, t));
        let row = ClipRow {
            id: new_id(),
            slug,
            sha256: c.sha256.clone(),
            title: c.title,
            source: c.source,
            content_type: m.content_type.to_string(),
            bytes: c.bytes,
            duration_ms: m.duration_ms,
            sample_rate: i64::from(m.sample_rate),
            channels: i64::from(m.channels),
            lufs_milli: milli(m.lufs),
            true_peak_milli: milli(m.true_peak_dbtp),
            lra_milli: milli(m.lra),
            valence_milli: milli(f64::from(m.valence)),
            arousal_milli: milli(f64::from(m.arousal)),
            energy_milli: milli(f64::from(m.energy)),
            gain_milli: milli(gain),
            tags: c.tags,
            listens: 0,
            on_air_plays: 0,
            last_played_ms: None,
            created_ms: now,
            updated_ms: now,
        };
        let blobs = self.blobs.clone();
        let sha = c.sha256.clone();
        let temp = c.temp;
        tokio::task::spawn_blocking(move || blobs.place(temp, &sha)).await.map_err(|_| busy())??;
        if let Err(e) = store.insert_clip(&row).await {
            self.blobs.remove(&row.sha256);
            return Err(e.into());
        }
        Ok((row, false))
    }

    /// Adds the file at `path` (an import): copied to a temporary while hashed, then as an
    /// upload.
    ///
    /// # Errors
    /// As an upload's.
    pub async fn add_file(&self, store: &Store, path: &Path, tags: Vec<String>, source: String) -> Result<(ClipRow, bool), AppError> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("bin").to_string();
        let mut up = self.begin_upload(&ext).await?;
        let mut f = tokio::fs::File::open(path).await.map_err(|e| AppError::Internal(format!("cannot read {} ({e})", path.display())))?;
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = tokio::io::AsyncReadExt::read(&mut f, &mut buf)
                .await
                .map_err(|e| AppError::Internal(format!("cannot read {} ({e})", path.display())))?;
            if n == 0 {
                break;
            }
            up.append(&buf[..n]).await?;
        }
        let (temp, bytes, sha) = up.finish().await?;
        let title = path.file_stem().map_or_else(|| "clip".to_string(), |s| s.to_string_lossy().into_owned());
        let title = check_title(&title.chars().take(MAX_TITLE).collect::<String>()).unwrap_or_else(|_| "clip".into());
        let clip = self.measure(temp, bytes, sha, title, tags, source).await?;
        self.add(store, clip).await
    }

    /// Deletes a clip (module docs); `None` when there was none.
    ///
    /// # Errors
    /// 500 when the store fails.
    pub async fn delete(&self, store: &Store, id: &str) -> Result<Option<ClipRow>, AppError> {
        let _w = self.write.lock().await;
        let Some(row) = store.clip(id).await? else { return Ok(None) };
        store.delete_clip(id).await?;
        if !store.blob_referenced(&row.sha256).await? {
            self.blobs.remove(&row.sha256);
        }
        Ok(Some(row))
    }

    /// Edits title, slug and tags (under the write lock, so a slug stays unique).
    ///
    /// # Errors
    /// 404, 422 (slug taken), 500.
    pub async fn edit(&self, store: &Store, mut row: ClipRow) -> Result<ClipRow, AppError> {
        let _w = self.write.lock().await;
        if let Some(other) = store.clip_by_slug(&row.slug).await?
            && other.id != row.id
        {
            return Err(verr("slug", format!("{:?} is the slug of clip {}; choose another", row.slug, other.id)));
        }
        row.updated_ms = now_ms();
        if !store.update_clip(&row).await? {
            return Err(no_clip(&row.id));
        }
        Ok(row)
    }
}

/// An upload being written: a temporary, its running digest and size.
#[derive(Debug)]
pub struct Upload {
    temp: TempBlob,
    /// The file written: the temporary's path (or the diverted file, [`Clips::divert_uploads`]).
    written: PathBuf,
    file: tokio::fs::File,
    hash: Sha256,
    bytes: usize,
    limit: usize,
}

impl Upload {
    /// Appends a chunk.
    ///
    /// # Errors
    /// 413 `too_large` past the byte limit (the temporary is removed when the upload is
    /// dropped); 507/503/500 when the write fails.
    pub async fn append(&mut self, chunk: &[u8]) -> Result<(), AppError> {
        if self.bytes + chunk.len() > self.limit {
            return Err(AppError::rejected(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!("the clip is larger than {} bytes; send a shorter or compressed file (FLAC, MP3, Ogg Vorbis)", self.limit),
            ));
        }
        self.file.write_all(chunk).await.map_err(|e| write_error(&self.written, &e))?;
        self.hash.update(chunk);
        self.bytes += chunk.len();
        Ok(())
    }

    /// Flushes the temporary to disk: `(temporary, bytes, sha256 hex)`.
    ///
    /// # Errors
    /// 400 `empty_body` for 0 bytes; 507/503/500 when the flush fails.
    pub async fn finish(mut self) -> Result<(TempBlob, i64, String), AppError> {
        if self.bytes == 0 {
            return Err(AppError::rejected(
                StatusCode::BAD_REQUEST,
                "empty_body",
                "the file is empty (0 bytes); send the clip's audio in field `file`",
            ));
        }
        self.file.flush().await.map_err(|e| write_error(&self.written, &e))?;
        self.file.sync_all().await.map_err(|e| write_error(&self.written, &e))?;
        let sha = self.hash.finalize().iter().fold(String::with_capacity(64), |mut s, b| {
            use std::fmt::Write as _;
            let _ = write!(s, "{b:02x}");
            s
        });
        Ok((self.temp, i64::try_from(self.bytes).unwrap_or(i64::MAX), sha))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_slugs_titles_and_tags() {
        let id = new_id();
        assert!(is_id(&id), "{id}");
        for bad in ["", "../..", "clp_", "clp_0123456789abcdeg", "clp_0123456789ABCDEF", "clp_0123456789abcdef0", "\0"] {
            assert!(!is_id(bad), "{bad:?}");
        }
        assert!(!is_id(&"a".repeat(10_000)));
        assert_eq!(slugify("Goal Horn!"), "goal-horn");
        assert_eq!(slugify("  --Ünïcode  ßpecial-- "), "n-code-pecial");
        assert_eq!(slugify("!!!"), "clip");
        assert!(is_slug("goal-horn") && !is_slug("Goal") && !is_slug("clp_x") && !is_slug(""));
        assert_eq!(parse_tags(["Goal, horn", "horn", ""]).unwrap(), vec!["goal", "horn"]);
        assert!(parse_tags(["a b"]).is_err());
        assert!(parse_tags([&*"x".repeat(41)]).is_err());
        let many: Vec<String> = (0..33).map(|i| format!("t{i}")).collect();
        assert!(parse_tags(many.iter().map(String::as_str)).is_err());
        assert!(check_title("").is_err() && check_title("a\u{7}").is_err() && check_title(&"x".repeat(201)).is_err());
        assert_eq!(check_title("  Horn ").unwrap(), "Horn");
    }
}
