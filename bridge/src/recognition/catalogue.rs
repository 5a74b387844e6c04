//! The live fingerprint catalogue: immutable index segments on disk, published through an
//! atomically swapped manifest (decision record 0031).
//!
//! A segment is one `resonance_io` [`Index`] file (`seg-NNNNNNNN.rfp`, checksummed, written
//! to a temporary name, fsynced and renamed by [`Index::save`]); it never changes once
//! written. `manifest.json` names the segments that make up the catalogue; it too is written
//! to a temporary file, fsynced and renamed, and the folder is fsynced after each rename, so
//! after a `kill -9` the folder holds either the old manifest or the new one, each naming only
//! complete segments. Segment files the manifest does not name (a write cut short, a segment
//! replaced by a merge) are deleted when the catalogue opens.
//!
//! In memory the catalogue is a [`Snapshot`] behind an `RwLock<Arc<_>>`: a query clones the
//! `Arc` (the read lock is held for that clone only) and matches against segments no writer
//! touches, so additions, removals and merges never pause queries; a writer builds the new
//! segment list beside the old one and swaps the `Arc` once the manifest is durable, so the
//! next query sees it. Writers are serialised by one mutex.
//!
//! * adding tracks writes one new segment;
//! * removing a track rewrites the one segment holding it without it (or drops the segment);
//! * [`Catalogue::merge`] (run in the background once there are `merge_at` segments) folds
//!   every segment into one, rebuilding the landmarks from the postings.
//!
//! Each track's catalogue id is stored as the segment's [`TrackInfo::name`] (and `path`, so
//! [`Index::add_tracks`]' replace-by-path never merges two uploads of one file).
//!
//! A query runs [`Identifier::identify_segments`] once over all segments: the audio is hashed
//! once per attempt and one chance model over every segment's frames judges it at the full
//! chance-match budget [`ALPHA`], so the false-match rate of the whole catalogue is that of one
//! index however it is split, and no segment split costs recall or repeated hashing. (A
//! client's fingerprint, [`Catalogue::query_landmarks`], is still matched per segment at
//! `ALPHA / segments`.)

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use resonance_engine::Landmark;
use resonance_engine::fingerprint::HASH_BITS;
use resonance_io::IoError;
use resonance_io::fingerprint::index::{Index, TrackInfo};
use resonance_io::fingerprint::matcher::{ALPHA, Identifier, IdentifyOptions, MIN_QUERY_S, Outcome, query_at};

/// The manifest's file name in the catalogue folder.
pub const MANIFEST: &str = "manifest.json";
/// Version of the manifest format.
pub const MANIFEST_FORMAT: u32 = 1;
const SEGMENT_PREFIX: &str = "seg-";
const SEGMENT_SUFFIX: &str = ".rfp";

/// What can go wrong opening or changing the catalogue.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CatalogueError {
    #[error("recognition catalogue {path}: {cause}; check that the folder exists and is writable")]
    Io { path: PathBuf, cause: std::io::Error },
    #[error("recognition catalogue: {0}")]
    Index(#[from] IoError),
    #[error(
        "recognition catalogue manifest {path}: {message}; restore the folder from a backup or move it away to start an empty catalogue"
    )]
    Manifest { path: PathBuf, message: String },
    #[error("recognition catalogue merge refused: {0}; the segments stay as they are")]
    Merge(String),
}

/// One immutable index segment.
#[derive(Debug)]
pub struct Segment {
    /// File name in the catalogue folder.
    pub file: String,
    pub index: Index,
}

/// The catalogue as one query sees it.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Raised on every published change.
    pub generation: u64,
    pub segments: Vec<Arc<Segment>>,
}

impl Snapshot {
    /// Tracks in every segment.
    pub fn tracks(&self) -> usize {
        self.segments.iter().map(|s| s.index.tracks().len()).sum()
    }

    /// Seconds of indexed audio.
    pub fn duration_s(&self) -> f64 {
        self.segments.iter().map(|s| s.index.total_duration_s()).sum()
    }

    /// Landmark postings stored.
    pub fn postings(&self) -> usize {
        self.segments.iter().map(|s| s.index.len()).sum()
    }

    /// Catalogue ids of every indexed track.
    pub fn track_ids(&self) -> Vec<String> {
        self.segments.iter().flat_map(|s| s.index.tracks().iter().map(|t| t.name.clone())).collect()
    }

    /// Whether track `id` is indexed.
    pub fn contains(&self, id: &str) -> bool {
        self.segments.iter().any(|s| s.index.find(id).is_some())
    }
}

/// One recognised track, by catalogue id.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub track_id: String,
    pub offset_s: f64,
    pub confidence: f64,
    pub score: u32,
    /// `-log10` of the chance-match probability.
    pub significance: f64,
    pub speed: f64,
}

impl Hit {
    /// The hit for matcher result `m` in `index`, or `None` when its track is not there.
    fn of(index: &Index, m: &resonance_io::fingerprint::matcher::Match) -> Option<Hit> {
        index.track(m.track).map(|t| Hit {
            track_id: t.name.clone(),
            offset_s: m.offset_s,
            confidence: m.confidence,
            score: m.score,
            significance: m.significance,
            speed: m.speed,
        })
    }
}

/// The answer to one query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueryResult {
    /// Accepted matches, most significant first.
    pub hits: Vec<Hit>,
    /// The best rejected cell's score when nothing matched.
    pub best_rejected_score: u32,
    /// The query was too short to identify (seconds).
    pub too_short: Option<f64>,
}

/// On-disk manifest.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct ManifestFile {
    format: u32,
    /// This catalogue's id: its rows in the store carry it.
    catalogue: String,
    generation: u64,
    next_segment: u64,
    segments: Vec<String>,
}

#[derive(Debug)]
struct WriterState {
    next_segment: u64,
}

/// The live catalogue (module docs).
#[derive(Debug)]
pub struct Catalogue {
    id: String,
    dir: PathBuf,
    current: RwLock<Arc<Snapshot>>,
    writer: Mutex<WriterState>,
    merge_at: usize,
    merging: AtomicBool,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> CatalogueError + '_ {
    move |cause| CatalogueError::Io { path: path.to_path_buf(), cause }
}

/// Fsyncs a folder so a rename inside it is durable.
fn sync_dir(dir: &Path) -> Result<(), CatalogueError> {
    std::fs::File::open(dir).and_then(|f| f.sync_all()).map_err(io_err(dir))
}

thread_local! {
    /// One matcher context per worker thread (its hashers and buffers are reused).
    static IDENTIFIER: RefCell<Option<Identifier>> = const { RefCell::new(None) };
}

impl Catalogue {
    /// Opens the catalogue in `dir` (creating the folder), loading every segment the manifest
    /// names and deleting files it does not name.
    ///
    /// # Errors
    /// [`CatalogueError`] when the folder cannot be read or a named segment fails to load.
    pub fn open(dir: &Path, merge_at: usize) -> Result<Self, CatalogueError> {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let manifest_path = dir.join(MANIFEST);
        let manifest = match std::fs::read(&manifest_path) {
            Ok(bytes) => serde_json::from_slice::<ManifestFile>(&bytes)
                .map_err(|e| CatalogueError::Manifest { path: manifest_path.clone(), message: format!("is not valid ({e})") })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let fresh = ManifestFile {
                    format: MANIFEST_FORMAT,
                    catalogue: new_catalogue_id(),
                    generation: 0,
                    next_segment: 1,
                    segments: Vec::new(),
                };
                write_manifest(dir, &fresh)?;
                fresh
            }
            Err(e) => return Err(io_err(&manifest_path)(e)),
        };
        if manifest.format != MANIFEST_FORMAT {
            return Err(CatalogueError::Manifest {
                path: manifest_path,
                message: format!("has format {}, this build reads {MANIFEST_FORMAT}", manifest.format),
            });
        }
        let mut segments = Vec::with_capacity(manifest.segments.len());
        for file in &manifest.segments {
            let index = Index::load(&dir.join(file))?;
            segments.push(Arc::new(Segment { file: file.clone(), index }));
        }
        for entry in std::fs::read_dir(dir).map_err(io_err(dir))? {
            let name = entry.map_err(io_err(dir))?.file_name().to_string_lossy().into_owned();
            let ours = name.starts_with(SEGMENT_PREFIX) || Path::new(&name).extension().is_some_and(|e| e == "tmp");
            if ours && !manifest.segments.contains(&name) {
                tracing::info!("recognition catalogue: removing {name} (not in the manifest: an unfinished write or a merged segment)");
                let _ = std::fs::remove_file(dir.join(&name));
            }
        }
        Ok(Self {
            id: manifest.catalogue,
            dir: dir.to_path_buf(),
            current: RwLock::new(Arc::new(Snapshot { generation: manifest.generation, segments })),
            writer: Mutex::new(WriterState { next_segment: manifest.next_segment.max(1) }),
            merge_at: merge_at.max(2),
            merging: AtomicBool::new(false),
        })
    }

    /// The catalogue's id (random, made with the folder; the store's rows carry it).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The catalogue folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The current snapshot (cheap: an `Arc` clone).
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Writes the manifest for `segments` and publishes them (caller holds the writer lock).
    fn publish(&self, w: &mut WriterState, segments: Vec<Arc<Segment>>) -> Result<Arc<Snapshot>, CatalogueError> {
        let generation = self.snapshot().generation + 1;
        let manifest = ManifestFile {
            format: MANIFEST_FORMAT,
            catalogue: self.id.clone(),
            generation,
            next_segment: w.next_segment,
            segments: segments.iter().map(|s| s.file.clone()).collect(),
        };
        write_manifest(&self.dir, &manifest)?;
        let snap = Arc::new(Snapshot { generation, segments });
        *self.current.write().unwrap_or_else(std::sync::PoisonError::into_inner) = snap.clone();
        Ok(snap)
    }

    /// Saves `index` as a new segment file (durable before it returns).
    fn write_segment(&self, w: &mut WriterState, index: Index) -> Result<Arc<Segment>, CatalogueError> {
        let file = format!("{SEGMENT_PREFIX}{:08}{SEGMENT_SUFFIX}", w.next_segment);
        w.next_segment += 1;
        index.save(&self.dir.join(&file))?;
        Ok(Arc::new(Segment { file, index }))
    }

    fn lock_writer(&self) -> std::sync::MutexGuard<'_, WriterState> {
        self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Adds tracks (catalogue id, duration, index-side landmarks) as one new segment; durable
    /// and visible to the next query when it returns. Blocking: call it from a worker thread.
    ///
    /// # Errors
    /// [`CatalogueError`] when the segment or the manifest cannot be written; the catalogue
    /// is then unchanged.
    pub fn add(&self, items: Vec<(String, f64, Vec<Landmark>)>) -> Result<Arc<Snapshot>, CatalogueError> {
        if items.is_empty() {
            return Ok(self.snapshot());
        }
        let mut index = Index::new();
        index.add_tracks(items.into_iter().map(|(id, duration_s, lms)| (track_info(&id, duration_s), lms)).collect());
        let mut w = self.lock_writer();
        let seg = self.write_segment(&mut w, index)?;
        let mut segments = self.snapshot().segments.clone();
        segments.push(seg);
        self.publish(&mut w, segments)
    }

    /// Removes track `id`: its segment is rewritten without it (or dropped when it held only
    /// that track). `Ok(false)` when no segment holds it. Blocking.
    ///
    /// # Errors
    /// [`CatalogueError`] when the new segment or the manifest cannot be written; the
    /// catalogue is then unchanged.
    pub fn remove(&self, id: &str) -> Result<bool, CatalogueError> {
        let mut w = self.lock_writer();
        let mut segments = self.snapshot().segments.clone();
        let Some((pos, local)) = segments.iter().enumerate().find_map(|(i, s)| s.index.find(id).map(|t| (i, t))) else {
            return Ok(false);
        };
        let old = segments.remove(pos);
        if old.index.tracks().len() > 1 {
            let mut index = old.index.clone();
            index.remove_track(local);
            let seg = self.write_segment(&mut w, index)?;
            segments.insert(pos, seg);
        }
        self.publish(&mut w, segments)?;
        let _ = std::fs::remove_file(self.dir.join(&old.file));
        Ok(true)
    }

    /// Whether a merge is due (at least `merge_at` segments and none running).
    pub fn merge_due(&self) -> bool {
        self.snapshot().segments.len() >= self.merge_at && !self.merging.load(Ordering::Acquire)
    }

    /// Folds every segment into one (module docs). `Ok(false)` when there was nothing to
    /// merge or another merge runs. Blocking; holds the writer lock while it builds.
    ///
    /// # Errors
    /// [`CatalogueError`] when the merged segment or the manifest cannot be written; the
    /// catalogue is then unchanged.
    pub fn merge(&self) -> Result<bool, CatalogueError> {
        if self.merging.swap(true, Ordering::AcqRel) {
            return Ok(false);
        }
        let r = self.merge_locked();
        self.merging.store(false, Ordering::Release);
        r
    }

    fn merge_locked(&self) -> Result<bool, CatalogueError> {
        let mut w = self.lock_writer();
        let old = self.snapshot().segments.clone();
        if old.len() < 2 {
            return Ok(false);
        }
        let mut items: Vec<(TrackInfo, Vec<Landmark>)> = Vec::new();
        for seg in &old {
            items.extend(landmarks_by_track(&seg.index));
        }
        let mut index = Index::new();
        index.add_tracks(items);
        let expected: usize = old.iter().map(|s| s.index.len()).sum();
        if index.len() != expected {
            return Err(CatalogueError::Merge(format!("the merged segment holds {} postings, the segments {expected}", index.len())));
        }
        let seg = self.write_segment(&mut w, index)?;
        self.publish(&mut w, vec![seg])?;
        for s in &old {
            let _ = std::fs::remove_file(self.dir.join(&s.file));
        }
        Ok(true)
    }

    /// Matches mono `samples` at `sample_rate` against every segment of `snap` (module docs).
    pub fn identify(snap: &Snapshot, samples: &[f32], sample_rate: f64) -> QueryResult {
        IDENTIFIER.with_borrow_mut(|slot| {
            let ident = slot.get_or_insert_with(|| Identifier::new(IdentifyOptions::default()));
            let segments: Vec<&Index> = snap.segments.iter().map(|s| &s.index).collect();
            let mut result = QueryResult::default();
            match ident.identify_segments(&segments, samples, sample_rate) {
                Outcome::Match(m) => result.hits.extend(segments.get(m.segment).and_then(|index| Hit::of(index, &m))),
                Outcome::NoMatch { best_score, .. } => result.best_rejected_score = best_score,
                Outcome::TooShort { duration_s } => result.too_short = Some(duration_s),
            }
            if snap.segments.is_empty() && samples.len() as f64 / sample_rate < MIN_QUERY_S {
                result.too_short = Some(samples.len() as f64 / sample_rate);
            }
            result
        })
    }

    /// Matches query-side `landmarks` covering `duration_s` (a client's fingerprint) against
    /// every segment: one attempt per segment at `ALPHA / segments` (no dense look or speed
    /// search: those re-hash the audio, which the service does not have).
    pub fn query_landmarks(snap: &Snapshot, landmarks: &[Landmark], duration_s: f64) -> QueryResult {
        let alpha = ALPHA / snap.segments.len().max(1) as f64;
        let mut result = QueryResult::default();
        if duration_s < MIN_QUERY_S {
            result.too_short = Some(duration_s);
            return result;
        }
        for seg in &snap.segments {
            match query_at(&seg.index, landmarks, duration_s, alpha) {
                Outcome::Match(m) => result.hits.extend(Hit::of(&seg.index, &m)),
                Outcome::NoMatch { best_score, .. } => result.best_rejected_score = result.best_rejected_score.max(best_score),
                Outcome::TooShort { duration_s } => result.too_short = Some(duration_s),
            }
        }
        result.hits.sort_by(|a, b| b.significance.total_cmp(&a.significance));
        result
    }
}

/// A new catalogue id: `cat_` and 16 random hex digits.
fn new_catalogue_id() -> String {
    let mut bytes = [0u8; 8];
    rand::fill(&mut bytes);
    bytes.iter().fold(String::from("cat_"), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Replaces the manifest in `dir` durably: temporary file, fsync, rename, fsync of the folder.
fn write_manifest(dir: &Path, manifest: &ManifestFile) -> Result<(), CatalogueError> {
    let path = dir.join(MANIFEST);
    let tmp = dir.join(format!("{MANIFEST}.tmp"));
    let bytes = serde_json::to_vec_pretty(manifest).map_err(|e| CatalogueError::Manifest { path: path.clone(), message: e.to_string() })?;
    {
        use std::io::Write as _;
        let mut f = std::fs::File::create(&tmp).map_err(io_err(&tmp))?;
        f.write_all(&bytes).and_then(|()| f.sync_all()).map_err(io_err(&tmp))?;
    }
    std::fs::rename(&tmp, &path).map_err(io_err(&path))?;
    sync_dir(dir)
}

fn track_info(id: &str, duration_s: f64) -> TrackInfo {
    TrackInfo {
        name: id.to_string(),
        path: id.to_string(),
        title: None,
        artist: None,
        duration_s,
        frames: (duration_s / resonance_engine::fingerprint::FRAME_S).ceil() as u32,
    }
}

/// Every track of `index` with its landmarks, rebuilt from the postings: one bucket of the
/// index's 16-bit hash directory at a time, or (should the directory ever be finer, which
/// [`Index::posting_range`] answers with nothing across buckets) one hash at a time.
fn landmarks_by_track(index: &Index) -> Vec<(TrackInfo, Vec<Landmark>)> {
    let out = landmarks_in_steps(index, HASH_BITS.saturating_sub(16));
    if out.iter().map(|(_, l)| l.len()).sum::<usize>() == index.len() { out } else { landmarks_in_steps(index, 0) }
}

/// [`landmarks_by_track`] with ranges of `2^low` hashes.
fn landmarks_in_steps(index: &Index, low: u32) -> Vec<(TrackInfo, Vec<Landmark>)> {
    let mut out: Vec<(TrackInfo, Vec<Landmark>)> = index.tracks().iter().map(|t| (t.clone(), Vec::new())).collect();
    for bucket in 0u32..1 << (HASH_BITS - low) {
        let lo = bucket << low;
        let hi = lo | ((1 << low) - 1);
        let (hashes, tracks, frames) = index.posting_range(lo, hi);
        for ((&hash, &track), &frame) in hashes.iter().zip(tracks).zip(frames) {
            if let Some((_, lms)) = out.get_mut(track as usize) {
                lms.push(Landmark { hash, frame });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lms(seed: u32, n: u32) -> Vec<Landmark> {
        (0..n)
            .map(|i| Landmark { hash: (seed.wrapping_mul(2_654_435_761) ^ i.wrapping_mul(40_503)) & ((1 << HASH_BITS) - 1), frame: i })
            .collect()
    }

    #[test]
    fn add_remove_merge_survive_reopen() {
        let dir = std::env::temp_dir().join(format!("rsn-cat-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let cat = Catalogue::open(&dir, 3).unwrap();
        cat.add(vec![("a".into(), 10.0, lms(1, 500)), ("b".into(), 10.0, lms(2, 500))]).unwrap();
        cat.add(vec![("c".into(), 5.0, lms(3, 300))]).unwrap();
        assert!(cat.remove("a").unwrap());
        assert!(!cat.remove("a").unwrap());
        let before = cat.snapshot();
        assert_eq!(before.track_ids(), vec!["b".to_string(), "c".to_string()]);
        let postings = before.postings();
        assert!(cat.merge().unwrap());
        let after = cat.snapshot();
        assert_eq!(after.segments.len(), 1);
        assert_eq!(after.postings(), postings);
        // A stray segment (an unfinished write) is swept on open; the manifest's survive.
        std::fs::write(dir.join("seg-99999999.rfp"), b"partial").unwrap();
        drop(cat);
        let cat = Catalogue::open(&dir, 3).unwrap();
        let snap = cat.snapshot();
        assert_eq!(snap.track_ids(), vec!["b".to_string(), "c".to_string()]);
        assert_eq!(snap.postings(), postings);
        assert!(!dir.join("seg-99999999.rfp").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
