//! `resonance library scan SOURCE`: measures the mood of every track of a folder or a
//! Subsonic/Navidrome server (the bridge's own measurement, `resonance_bridge::library::mood`)
//! and stores it in the bridge's library (the same SQLite file or PostgreSQL database
//! `resonance bridge` uses), so that a bridge with that folder or server as its provider has
//! every mood at once instead of measuring them in the background.
//!
//! SOURCE is a folder; `subsonic` (the server set on the bridge's page, its password opened
//! with the data directory's key); or a server's `http(s)://` URL with `--user` and the
//! password in `RESONANCE_SUBSONIC_PASSWORD` (or an OpenSubsonic API key in
//! `RESONANCE_SUBSONIC_API_KEY`). A Subsonic song is listed through the Subsonic client (starred,
//! then album by album), downloaded with `stream`, measured and deleted.
//!
//! Resumable: a track whose mood is already stored (measured by this build's analysis, or a hand
//! label) is skipped, so a
//! scan stopped half-way (Ctrl-C, a crash) picks up where it stopped; `--rescan` measures
//! everything again (hand labels are never replaced). Tracks are measured in parallel, one per
//! core; a progress bar shows tracks done, the rate and the time left. A track that cannot be
//! fetched or decoded is reported and skipped; the scan goes on.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;

use anyhow::{Context as _, Result, bail};
use rayon::prelude::*;
use resonance_bridge::clients::subsonic::{Auth, Settings as SubsonicSettings, SubsonicClient};
use resonance_bridge::library::model::Track;
use resonance_bridge::library::mood::{self, MoodSource};
use resonance_bridge::library::player::{MAX_POOL, local_track, measure_subsonic, subsonic_tracks, walk};
use resonance_bridge::library::store::MoodRow;
use resonance_bridge::store::Store;

use super::bridge::default_data_dir;

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
    /// Measure the mood of every track of a folder or a Subsonic server and store it in the
    /// library. Give a folder as it is set in the bridge's local provider (tracks are keyed by
    /// path).
    Scan {
        /// A folder (WAV, FLAC, MP3, Ogg, M4A…; 8 levels deep, 2000 files at most);
        /// `subsonic` (the server set on the bridge's page); or a Subsonic server's
        /// http(s):// URL (with --user and RESONANCE_SUBSONIC_PASSWORD, or
        /// RESONANCE_SUBSONIC_API_KEY).
        source: String,
        /// The Subsonic user, when SOURCE is a URL.
        #[arg(long)]
        user: Option<String>,
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
    let LibraryAction::Scan { source, user, json, rescan } = &args.action;
    let is_url = source.starts_with("http://") || source.starts_with("https://");
    if source != "subsonic" && !is_url && !std::path::Path::new(source).is_dir() {
        bail!("{source} is not a folder: give the folder of audio files to scan, `subsonic` or a Subsonic server's http(s):// URL");
    }
    let config = resonance_bridge::Config {
        data_dir: Some(args.data.clone().unwrap_or_else(default_data_dir)),
        database: args.database.clone(),
        ..resonance_bridge::Config::default()
    };
    if config.database.is_none()
        && let Some(d) = &config.data_dir
    {
        std::fs::create_dir_all(d).with_context(|| format!("cannot create the data directory {}", d.display()))?;
    }
    // one worker: the measuring threads store through its handle
    let rt =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().context("cannot start the tokio runtime")?;
    let url = config.database_url();
    let store = rt
        .block_on(Store::open(&url, &resonance_bridge::state::schema()))
        .with_context(|| format!("cannot open the bridge's store {url}"))?;
    let r = (|| {
        let source = if source == "subsonic" {
            let data = config.data_dir.clone().unwrap_or_else(default_data_dir);
            Source::Subsonic(stored_subsonic(&rt, &store, &data)?)
        } else if is_url {
            Source::Subsonic(url_subsonic(source, user.as_deref())?)
        } else {
            Source::Folder(PathBuf::from(source))
        };
        scan(&rt, &store, &source, *json, *rescan)
    })();
    rt.block_on(store.close());
    r
}

/// Request timeout of Subsonic calls (a song's download may pause this long).
const SUBSONIC_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// What is scanned.
enum Source {
    Folder(PathBuf),
    Subsonic(SubsonicClient),
}

/// The Subsonic server set on the bridge's page.
fn stored_subsonic(rt: &tokio::runtime::Runtime, store: &Store, data: &std::path::Path) -> Result<SubsonicClient> {
    let stored = rt
        .block_on(store.library_setting("subsonic"))?
        .context("no Subsonic server is set in the bridge's library: set it on the page (Library) first, or give its URL with --user")?;
    let vault = resonance_bridge::library::vault::Vault::open(data)?;
    let plain = vault.open_value("subsonic", &stored).map_err(|e| anyhow::anyhow!("{e}"))?;
    let settings: SubsonicSettings =
        serde_json::from_str(&plain).context("the stored Subsonic settings are not readable; set the server again on the page")?;
    SubsonicClient::new(settings, SUBSONIC_TIMEOUT).map_err(|e| anyhow::anyhow!("{e}"))
}

/// A Subsonic server named by URL, logged in from `--user` and the environment.
fn url_subsonic(url: &str, user: Option<&str>) -> Result<SubsonicClient> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let auth = match (user, env("RESONANCE_SUBSONIC_PASSWORD"), env("RESONANCE_SUBSONIC_API_KEY")) {
        (Some(u), Some(p), _) => Auth::Password { user: u.to_string(), password: p },
        (None, _, Some(k)) => Auth::ApiKey { key: k },
        _ => bail!(
            "a Subsonic URL needs a log-in: --user NAME with the password in RESONANCE_SUBSONIC_PASSWORD, or an API key in RESONANCE_SUBSONIC_API_KEY"
        ),
    };
    SubsonicClient::new(SubsonicSettings { url: url.to_string(), auth }, SUBSONIC_TIMEOUT).map_err(|e| anyhow::anyhow!("{e}"))
}

/// The tracks of the source, and where each is (for `--json`'s `path`).
fn list(rt: &tokio::runtime::Runtime, source: &Source) -> Result<Vec<Track>> {
    match source {
        Source::Folder(dir) => {
            let mut files = Vec::new();
            walk(dir, &mut files, 0);
            files.sort();
            if files.is_empty() {
                bail!("{} holds no audio files (WAV, FLAC, MP3, Ogg, M4A, AIFF, CAF, Matroska/WebM)", dir.display());
            }
            if files.len() >= MAX_POOL {
                eprintln!("library scan: only the first {MAX_POOL} files are scanned (the bridge's pool holds no more)");
            }
            Ok(files.iter().map(|p| local_track(p)).collect())
        }
        Source::Subsonic(c) => {
            let first_error = Mutex::new(None);
            let tracks = rt.block_on(subsonic_tracks(c, |e| {
                if let Some(e) = e {
                    first_error.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get_or_insert_with(|| e.to_string());
                }
            }));
            let err = first_error.into_inner().unwrap_or_default();
            if tracks.is_empty() {
                match err {
                    Some(e) => bail!("the Subsonic server gave no tracks: {e}"),
                    None => bail!("the Subsonic server holds no songs (no albums, nothing starred)"),
                }
            }
            if let Some(e) = err {
                eprintln!("library scan: the server answered some calls with an error ({e}); scanning the {} tracks it gave", tracks.len());
            }
            Ok(tracks)
        }
    }
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

fn scan(rt: &tokio::runtime::Runtime, store: &Store, source: &Source, json: bool, rescan: bool) -> Result<()> {
    let tracks = list(rt, source)?;
    let stored: Vec<MoodRow> = rt.block_on(store.moods())?;
    let done: HashSet<&str> = stored
        .iter()
        .filter(|r| (!rescan && r.mood.source == MoodSource::Audio && !r.is_stale()) || r.mood.source == MoodSource::User)
        .map(|r| r.track_key.as_str())
        .collect();
    let (skip, todo): (Vec<_>, Vec<_>) = tracks.iter().partition(|t| done.contains(t.key.as_str()));
    if json {
        for t in &skip {
            if let Some(r) = stored.iter().find(|r| r.track_key == t.key) {
                println!("{}", json_line(r, &t.id));
            }
        }
    }
    let name = match source {
        Source::Folder(d) => d.display().to_string(),
        Source::Subsonic(_) => "the Subsonic server".to_string(),
    };
    eprintln!("library scan: {} tracks in {name}, {} already stored, {} to measure", tracks.len(), skip.len(), todo.len());
    let bar = indicatif::ProgressBar::new(todo.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} tracks  {per_sec}  {eta} left  {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    let failed = Mutex::new(Vec::new());
    let audio_s = Mutex::new(0.0f64);
    let handle = rt.handle();
    // measured in parallel; each result is stored at once, so a stop loses at most the files
    // being measured
    let stored_now: Vec<Option<MoodRow>> = todo
        .par_iter()
        .map(|t| {
            let measured = match source {
                Source::Folder(_) => mood::analyse_file(std::path::Path::new(&t.id)),
                Source::Subsonic(c) => handle
                    .block_on(measure_subsonic(c, &t.id, SUBSONIC_TIMEOUT, |_| {}))
                    .map_err(|e| format!("{} — {} ({}): {e}", t.artist, t.title, t.id)),
            };
            let r = match measured {
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
