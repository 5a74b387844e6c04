//! `resonance library scan DIR`: measures the mood of every audio file under a folder (the
//! bridge's own measurement, `resonance_bridge::library::mood`) and stores it in the bridge's
//! library (the same SQLite file or PostgreSQL database `resonance bridge` uses), so that a
//! bridge with that folder as a local provider has every mood at once instead of measuring
//! them in the background.
//!
//! Resumable: a file whose mood is already stored (measured, or a hand label) is skipped, so a
//! scan stopped half-way (Ctrl-C, a crash) picks up where it stopped; `--rescan` measures
//! everything again (hand labels are never replaced). Files are measured in parallel, one per
//! core; a progress bar shows files done, the rate and the time left. A file that cannot be
//! decoded is reported and skipped; the scan goes on.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;

use anyhow::{Result, bail};
use rayon::prelude::*;
use resonance_bridge::library::mood::{self, MoodSource};
use resonance_bridge::library::player::{MAX_POOL, local_track, walk};
use resonance_bridge::library::store::MoodRow;
use resonance_bridge::store::Store;

use super::keys::with_store;

/// Flags of `resonance library`.
#[derive(Debug, clap::Args)]
pub struct LibraryArgs {
    #[command(subcommand)]
    pub action: LibraryAction,
    /// The bridge's data directory (default: as `resonance bridge`).
    #[arg(long, global = true)]
    pub data: Option<PathBuf>,
    /// Database URL, as `resonance bridge --database` (default: SQLite in --data).
    #[arg(long, global = true, env = "RESONANCE_DATABASE_URL")]
    pub database: Option<String>,
}

/// What to do with the library.
#[derive(Debug, clap::Subcommand)]
pub enum LibraryAction {
    /// Measure the mood of every audio file under a folder and store it in the library. Give
    /// the folder as it is set in the bridge's local provider (tracks are keyed by path).
    Scan {
        /// The folder (WAV, FLAC, MP3, Ogg, M4A…; 8 levels deep, 2000 files at most).
        dir: PathBuf,
        /// Print one JSON object per track on stdout (key, path, artist, title, valence,
        /// arousal, confidence, source), also for tracks already stored.
        #[arg(long)]
        json: bool,
        /// Measure every file again, even those already stored (hand labels stay).
        #[arg(long)]
        rescan: bool,
    },
}

/// Runs `resonance library`.
pub fn run(args: &LibraryArgs) -> Result<()> {
    let LibraryAction::Scan { dir, json, rescan } = &args.action;
    if !dir.is_dir() {
        bail!("{} is not a folder: give the folder of audio files to scan", dir.display());
    }
    with_store(args.data.clone(), args.database.clone(), async |store| {
        // the measuring threads store through the runtime's handle while this thread waits
        let handle = tokio::runtime::Handle::current();
        tokio::task::block_in_place(|| scan(&handle, store, dir, *json, *rescan))
    })
}

/// One JSON line for a track.
fn json_line(row: &MoodRow, path: &str) -> String {
    let m = &row.mood;
    serde_json::json!({
        "key": row.track_key, "path": path, "artist": row.artist, "title": row.title,
        "valence": m.valence, "arousal": m.arousal, "confidence": m.confidence, "energy": m.energy,
        "tempo_bpm": m.tempo_bpm, "source": m.source.as_str(),
    })
    .to_string()
}

fn scan(handle: &tokio::runtime::Handle, store: &Store, dir: &std::path::Path, json: bool, rescan: bool) -> Result<()> {
    let mut files = Vec::new();
    walk(dir, &mut files, 0);
    files.sort();
    if files.is_empty() {
        bail!("{} holds no audio files (WAV, FLAC, MP3, Ogg, M4A, AIFF, CAF, Matroska/WebM)", dir.display());
    }
    if files.len() >= MAX_POOL {
        eprintln!("library scan: only the first {MAX_POOL} files are scanned (the bridge's pool holds no more)");
    }
    let stored: Vec<MoodRow> = handle.block_on(store.moods())?;
    let done: HashSet<&str> = stored
        .iter()
        .filter(|r| (!rescan && r.mood.source == MoodSource::Audio) || r.mood.source == MoodSource::User)
        .map(|r| r.track_key.as_str())
        .collect();
    let tracks: Vec<_> = files.iter().map(|p| local_track(p)).collect();
    let (skip, todo): (Vec<_>, Vec<_>) = tracks.iter().partition(|t| done.contains(t.key.as_str()));
    if json {
        for t in &skip {
            if let Some(r) = stored.iter().find(|r| r.track_key == t.key) {
                println!("{}", json_line(r, &t.id));
            }
        }
    }
    eprintln!("library scan: {} files in {}, {} already stored, {} to measure", tracks.len(), dir.display(), skip.len(), todo.len());
    let bar = indicatif::ProgressBar::new(todo.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files  {per_sec}  {eta} left  {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    let failed = Mutex::new(Vec::new());
    let audio_s = Mutex::new(0.0f64);
    // measured in parallel; each result is stored at once, so a stop loses at most the files
    // being measured
    let stored_now: Vec<Option<MoodRow>> = todo
        .par_iter()
        .map(|t| {
            let r = match mood::analyse_file(std::path::Path::new(&t.id)) {
                Ok(f) => {
                    *audio_s.lock().unwrap_or_else(std::sync::PoisonError::into_inner) += f64::from(f.analysed_s);
                    let row = MoodRow {
                        track_key: t.key.clone(),
                        artist: t.artist.clone(),
                        title: t.title.clone(),
                        mood: mood::mood_from_features(&f),
                        features: serde_json::to_string(&f).unwrap_or_default(),
                    };
                    match handle.block_on(store.put_mood(&row)) {
                        Ok(()) => Some(row),
                        Err(e) => {
                            failed.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(format!("{}: not stored: {e}", t.id));
                            None
                        }
                    }
                }
                Err(e) => {
                    failed.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(e);
                    None
                }
            };
            bar.set_message(t.title.clone());
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    if json {
        for (t, r) in todo.iter().zip(&stored_now) {
            if let Some(r) = r {
                println!("{}", json_line(r, &t.id));
            }
        }
    }
    let failed = failed.into_inner().unwrap_or_default();
    for f in &failed {
        eprintln!("library scan: skipped {f}");
    }
    let secs = started.elapsed().as_secs_f64();
    let heard = audio_s.into_inner().unwrap_or_default();
    eprintln!(
        "library scan: {} measured and stored in {secs:.1} s ({heard:.0} s of audio analysed, {:.0}× real time), {} skipped",
        stored_now.iter().flatten().count(),
        heard / secs.max(1e-9),
        failed.len()
    );
    Ok(())
}
