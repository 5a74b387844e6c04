//! The recognition service's operations, below the handlers: identify a query, add tracks
//! (uploads and library imports), remove them, and keep the catalogue (fingerprints) and the
//! store (metadata) in agreement.
//!
//! Order of writes, so that a `kill -9` at any point loses nothing acknowledged and leaves
//! nothing half-done visible: adding writes the metadata rows (one transaction), then the
//! segment and the manifest, then answers; removing unpublishes the fingerprints first, then
//! deletes the row. At start ([`Recognition::open`]) a row whose track no segment holds was
//! never acknowledged (or was being removed) and is deleted; a track without a row is
//! removed from the catalogue.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering::Relaxed;
use std::time::Instant;

use axum::http::StatusCode;
use resonance_engine::Landmark;
use resonance_io::fingerprint::index::build_entries;
use resonance_io::fingerprint_wire::{Fingerprint, WireError};

use crate::clock::now_ms;
use crate::config::Config;
use crate::error::{AppError, BridgeError};
use crate::metrics::Metrics;
use crate::recognition::audio::{self, Tags, TempAudio};
use crate::recognition::catalogue::{Catalogue, QueryResult};
use crate::recognition::pool::{Busy, WorkerPool};
use crate::recognition::store::TrackRow;
use crate::store::Store;

/// File extensions an import picks up.
pub const AUDIO_EXTENSIONS: &[&str] =
    &["wav", "flac", "ogg", "oga", "opus", "mp3", "m4a", "mp4", "aac", "aif", "aiff", "caf", "mka", "mkv", "webm"];
/// Most files one import takes.
pub const MAX_IMPORT_FILES: usize = 10_000;
/// Files hashed and acknowledged together (one segment, one transaction).
pub const IMPORT_CHUNK: usize = 8;

/// The recognition service's state.
#[derive(Debug)]
pub struct Recognition {
    pub catalogue: Arc<Catalogue>,
    /// Decoding and matching of queries.
    pub queries: WorkerPool,
    /// Decoding and hashing of new tracks (one upload or import chunk at a time: the
    /// catalogue has one writer).
    pub ingest: WorkerPool,
    /// Threads an import chunk's files are decoded and hashed on at once.
    pub import_threads: usize,
    pub library_root: Option<PathBuf>,
    pub max_query_s: f64,
    pub max_query_bytes: usize,
    pub max_track_s: f64,
    pub max_track_bytes: usize,
    /// Registered webhooks and their delivery queue.
    pub webhooks: crate::recognition::webhooks::Webhooks,
}

/// A track ready to be added: its metadata and fingerprints.
#[derive(Debug)]
pub struct NewTrack {
    pub row: TrackRow,
    pub landmarks: Vec<Landmark>,
}

/// What a query found, with the time it took on a worker.
#[derive(Debug)]
pub struct Recognised {
    pub result: QueryResult,
    pub duration_s: f64,
    pub work_s: f64,
}

fn busy() -> AppError {
    AppError::RetryLater {
        status: StatusCode::SERVICE_UNAVAILABLE,
        reason: "busy",
        retry_after_s: 1,
        message: "the recognition workers are all busy; retry after the Retry-After delay".into(),
    }
}

/// A new catalogue id: `trk_` and 16 random hex digits.
pub fn new_track_id() -> String {
    use std::fmt::Write as _;
    let mut bytes = [0u8; 8];
    rand::fill(&mut bytes);
    let mut s = String::from("trk_");
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

impl Recognition {
    /// Opens the catalogue and brings it and the store into agreement (module docs).
    ///
    /// # Errors
    /// [`BridgeError`] when the catalogue cannot be opened or the store read.
    pub async fn open(config: &Config, store: &Store, metrics: &Arc<Metrics>) -> Result<Self, BridgeError> {
        let rc = &config.recognition;
        let dir = config.recognition_dir();
        let merge_at = rc.merge_at;
        let catalogue = tokio::task::spawn_blocking(move || Catalogue::open(&dir, merge_at))
            .await
            .map_err(|e| BridgeError::Config(format!("opening the recognition catalogue failed: {e}")))?
            .map_err(|e| BridgeError::Config(e.to_string()))?;
        let catalogue = Arc::new(catalogue);
        let snap = catalogue.snapshot();
        let indexed = snap.track_ids();
        let rows = store.track_ids(catalogue.id()).await?;
        for id in rows.iter().filter(|id| !snap.contains(id)) {
            tracing::warn!("recognition: track {id} has metadata but no fingerprints (an add or delete cut short); removing its row");
            store.delete_track(catalogue.id(), id).await?;
        }
        for id in indexed.iter().filter(|id| !rows.contains(id)) {
            tracing::warn!("recognition: track {id} has fingerprints but no metadata; removing it from the index");
            let (c, id) = (catalogue.clone(), id.clone());
            tokio::task::spawn_blocking(move || c.remove(&id))
                .await
                .map_err(|e| BridgeError::Config(format!("recognition catalogue repair failed: {e}")))?
                .map_err(|e| BridgeError::Config(e.to_string()))?;
        }
        let r = Self {
            catalogue,
            queries: WorkerPool::new(rc.workers, rc.queue),
            ingest: WorkerPool::new(1, 4),
            import_threads: rc.import_threads.max(1),
            library_root: rc.library_root.clone(),
            max_query_s: rc.max_query_s,
            max_query_bytes: rc.max_query_bytes,
            max_track_s: rc.max_track_s,
            max_track_bytes: rc.max_track_bytes,
            webhooks: crate::recognition::webhooks::Webhooks::open(
                store,
                metrics,
                rc.webhook_allow_private,
                rc.webhook_backoff,
                rc.webhook_ca.as_deref(),
            )
            .await?,
        };
        r.publish_metrics(metrics);
        Ok(r)
    }

    /// Sets the catalogue gauges.
    pub fn publish_metrics(&self, m: &Metrics) {
        let snap = self.catalogue.snapshot();
        m.catalogue_tracks.store(snap.tracks() as i64, Relaxed);
        m.catalogue_seconds.store(snap.duration_s() as i64, Relaxed);
        m.catalogue_segments.store(snap.segments.len() as i64, Relaxed);
    }

    /// Decodes and matches a query body on the worker pool.
    ///
    /// # Errors
    /// 503 when the pool is full; the 4xx of [`audio`] for bad input.
    pub async fn recognise(&self, body: Vec<u8>, ext: Option<String>, metrics: &Arc<Metrics>) -> Result<Recognised, AppError> {
        let max_s = self.max_query_s;
        self.query(metrics, move |catalogue| {
            let q = audio::decode_query(&body, ext.as_deref(), max_s)?;
            Ok((Catalogue::identify(&catalogue.snapshot(), &q.mono, q.sample_rate), q.duration_s))
        })
        .await
    }

    /// Parses a client's fingerprint and matches it on the worker pool.
    ///
    /// # Errors
    /// 503 when the pool is full; 400 `bad_fingerprint` for bytes that are not a fingerprint
    /// or are damaged, 422 `bad_fingerprint` for another version or hasher, 413 `too_long`,
    /// 422 `too_short`.
    pub async fn recognise_fingerprint(&self, body: Vec<u8>, metrics: &Arc<Metrics>) -> Result<Recognised, AppError> {
        let max_s = self.max_query_s;
        self.query(metrics, move |catalogue| {
            let fp = Fingerprint::from_bytes(&body).map_err(|e| {
                let status = match e {
                    WireError::Version { .. } | WireError::Hasher { .. } => StatusCode::UNPROCESSABLE_ENTITY,
                    _ => StatusCode::BAD_REQUEST,
                };
                AppError::rejected(status, "bad_fingerprint", e.to_string())
            })?;
            if fp.duration_s > max_s {
                return Err(audio::too_long(fp.duration_s, max_s, "fingerprinted recording"));
            }
            Ok((Catalogue::query_landmarks(&catalogue.snapshot(), &fp.landmarks, fp.duration_s), fp.duration_s))
        })
        .await
    }

    /// Runs one query's `work` (returning what it found and the query's duration) on the
    /// worker pool, timed into the latency histogram, its outcome counted.
    async fn query<F>(&self, metrics: &Arc<Metrics>, work: F) -> Result<Recognised, AppError>
    where
        F: FnOnce(&Catalogue) -> Result<(QueryResult, f64), AppError> + Send + 'static,
    {
        let catalogue = self.catalogue.clone();
        let m = metrics.clone();
        let r = self
            .queries
            .run(move || {
                let t = Instant::now();
                let (result, duration_s) = work(&catalogue)?;
                let work_s = t.elapsed().as_secs_f64();
                m.observe_recognition(work_s);
                Ok::<_, AppError>(Recognised { result, duration_s, work_s })
            })
            .await;
        count(r, metrics)
    }

    /// Decodes and hashes one uploaded file on the ingest pool. `given` overrides the file's
    /// tags; `source` says where it came from.
    ///
    /// # Errors
    /// 503 when the ingest pool is full; the 4xx of [`audio`] for bad input.
    pub async fn prepare_upload(&self, body: Vec<u8>, ext: Option<String>, given: Tags, source: String) -> Result<NewTrack, AppError> {
        let max_s = self.max_track_s;
        self.ingest
            .run(move || {
                audio::precheck(&body)?;
                let tmp = TempAudio::write(&body, ext.as_deref().unwrap_or("bin"))?;
                drop(body);
                let fallback = source.strip_prefix("upload:").unwrap_or(&source).to_string();
                prepare_file(tmp.path(), given, source, &fallback, max_s)
            })
            .await
            .map_err(|Busy| busy())?
    }

    /// Stores the rows, then publishes the fingerprints as one segment (module docs); a merge
    /// is started in the background when due.
    ///
    /// # Errors
    /// 500 when the store or the catalogue cannot be written (nothing is acknowledged then).
    pub async fn add(&self, store: &Store, metrics: &Arc<Metrics>, tracks: Vec<NewTrack>) -> Result<Vec<TrackRow>, AppError> {
        if tracks.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<TrackRow> = tracks.iter().map(|t| t.row.clone()).collect();
        store.insert_tracks(self.catalogue.id(), &rows).await?;
        let items: Vec<(String, f64, Vec<Landmark>)> =
            tracks.into_iter().map(|t| (t.row.id, t.row.duration_ms as f64 / 1000.0, t.landmarks)).collect();
        let c = self.catalogue.clone();
        let published = tokio::task::spawn_blocking(move || c.add(items)).await;
        match published {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => {
                for r in &rows {
                    let _ = store.delete_track(self.catalogue.id(), &r.id).await;
                }
                return Err(AppError::Internal(format!("{e}; the tracks were not added, retry")));
            }
            Err(e) => return Err(AppError::Internal(format!("adding to the catalogue failed ({e}); retry"))),
        }
        self.publish_metrics(metrics);
        self.merge_in_background(metrics);
        Ok(rows)
    }

    /// Starts a merge of the index segments on a blocking thread when one is due.
    pub fn merge_in_background(&self, metrics: &Arc<Metrics>) {
        if !self.catalogue.merge_due() {
            return;
        }
        let (c, m) = (self.catalogue.clone(), metrics.clone());
        tokio::task::spawn_blocking(move || match c.merge() {
            Ok(true) => {
                m.catalogue_merges.fetch_add(1, Relaxed);
                m.catalogue_segments.store(c.snapshot().segments.len() as i64, Relaxed);
            }
            Ok(false) => {}
            Err(e) => tracing::warn!("recognition: background merge failed ({e}); the segments stay as they are"),
        });
    }

    /// Removes a track: fingerprints first, then the row. `false` when unknown.
    ///
    /// # Errors
    /// 500 when the catalogue or the store cannot be written.
    pub async fn remove(&self, store: &Store, metrics: &Metrics, id: &str) -> Result<bool, AppError> {
        let (c, key) = (self.catalogue.clone(), id.to_string());
        let indexed = tokio::task::spawn_blocking(move || c.remove(&key))
            .await
            .map_err(|e| AppError::Internal(format!("removing from the catalogue failed ({e}); retry")))?
            .map_err(|e| AppError::Internal(format!("{e}; the track was not removed, retry")))?;
        let stored = store.delete_track(self.catalogue.id(), id).await?;
        self.publish_metrics(metrics);
        Ok(indexed || stored)
    }

    /// Resolves `requested` (relative to the library root, or absolute inside it) to a folder
    /// inside the library root, following `..` and symbolic links before the check.
    ///
    /// # Errors
    /// 403 when imports are off; 400 `bad_path` for a path outside the root or not a folder.
    pub fn library_folder(&self, requested: &str) -> Result<PathBuf, AppError> {
        let bad = |m: String| AppError::rejected(StatusCode::BAD_REQUEST, "bad_path", m);
        let Some(root) = &self.library_root else {
            return Err(AppError::rejected(
                StatusCode::FORBIDDEN,
                "bad_path",
                "imports are off: start the bridge with --library DIR to allow imports from below DIR",
            ));
        };
        if requested.contains('\0') {
            return Err(bad("the path contains a NUL byte".into()));
        }
        let root = root.canonicalize().map_err(|e| bad(format!("the library root {} cannot be read ({e})", root.display())))?;
        let joined = root.join(requested.trim_start_matches('/').trim_start_matches('\\'));
        let joined = if Path::new(requested).is_absolute() { PathBuf::from(requested) } else { joined };
        let folder = joined.canonicalize().map_err(|_| bad(format!("{requested:?} is not a folder below the library root")))?;
        if !folder.starts_with(&root) {
            return Err(bad(format!(
                "{requested:?} is outside the library root; give a folder below it (relative paths are taken from the root)"
            )));
        }
        if !folder.is_dir() {
            return Err(bad(format!("{requested:?} is not a folder")));
        }
        Ok(folder)
    }
}

/// Counts a query's outcome; a too-short query becomes its 422.
fn count(r: Result<Result<Recognised, AppError>, Busy>, metrics: &Metrics) -> Result<Recognised, AppError> {
    match r {
        Err(Busy) => {
            metrics.recognitions_busy.fetch_add(1, Relaxed);
            Err(busy())
        }
        Ok(Err(e)) => Err(e),
        Ok(Ok(r)) => {
            if let Some(d) = r.result.too_short {
                return Err(AppError::rejected(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "too_short",
                    format!("the query holds {d:.2} s of audio; send at least 1 s (3-10 s identifies best)"),
                ));
            }
            let c = if r.result.hits.is_empty() { &metrics.recognitions_unmatched } else { &metrics.recognitions_matched };
            c.fetch_add(1, Relaxed);
            Ok(r)
        }
    }
}

/// Decodes and hashes a file for the catalogue (blocking), with `given` tags over the
/// file's own and `fallback` as the title when neither has one.
///
/// # Errors
/// The 4xx of [`audio`] for bad input; 413 `too_long` over `max_s`.
pub fn prepare_file(path: &Path, given: Tags, source: String, fallback: &str, max_s: f64) -> Result<NewTrack, AppError> {
    let (info, landmarks) = build_entries(path).map_err(|e| audio::decode_error(&e))?;
    if info.duration_s > max_s {
        return Err(audio::too_long(info.duration_s, max_s, "track"));
    }
    let file = audio::read_tags(path);
    let pick = |a: Option<String>, b: Option<String>| a.filter(|s| !s.trim().is_empty()).or(b).unwrap_or_default();
    let mut title = pick(given.title, file.title);
    if title.is_empty() {
        title = Path::new(fallback).file_stem().map_or_else(|| fallback.to_string(), |s| s.to_string_lossy().into_owned());
    }
    let row = TrackRow {
        id: new_track_id(),
        title,
        artist: pick(given.artist, file.artist),
        album: pick(given.album, file.album),
        source,
        duration_ms: (info.duration_s * 1000.0).round() as i64,
        created_ms: now_ms(),
    };
    Ok(NewTrack { row, landmarks })
}

/// One file of an import: its path, its `source` in the store and its path for messages.
pub type ImportFile = (PathBuf, String, String);
/// What [`prepare_files`] made of one file: its path for messages and the track or the error.
pub type Prepared = (String, Result<NewTrack, AppError>);

/// [`prepare_file`] for each of `files` (no given tags, the relative path as the fallback
/// title) on up to `threads` threads at once (blocking); the results in the files' order.
pub fn prepare_files(files: Vec<ImportFile>, max_s: f64, threads: usize) -> Vec<Prepared> {
    let threads = threads.clamp(1, files.len().max(1));
    if threads == 1 {
        return files.into_iter().map(|(p, source, rel)| (rel.clone(), prepare_file(&p, Tags::default(), source, &rel, max_s))).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<Prepared>>> = files.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Relaxed);
                    let Some((p, source, rel)) = files.get(i) else { break };
                    let r = prepare_file(p, Tags::default(), source.clone(), rel, max_s);
                    *slots[i].lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some((rel.clone(), r));
                }
            });
        }
    });
    slots.into_iter().filter_map(|m| m.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)).collect()
}

/// Audio files below `folder`, sorted, at most [`MAX_IMPORT_FILES`].
pub fn audio_files(folder: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file()
                && p.extension().and_then(|x| x.to_str()).is_some_and(|x| AUDIO_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out.truncate(MAX_IMPORT_FILES);
    out
}
