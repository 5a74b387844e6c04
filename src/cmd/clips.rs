//! `resonance clips import DIR`: adds every audio file below a folder to the bridge's clip
//! library, offline, in its store and data directory (the same SQLite file or PostgreSQL
//! database and `DIR/clips` folder `resonance bridge` uses), with the same validation and
//! measures as an upload (`resonance_bridge::clips`). A running bridge lists them at once
//! (they are rows in its store); files already in the library (same content) are skipped.
//! A data directory that is full or cannot be written stops the import at the first file it
//! refuses (exit status 1, the message names the path and what to do): the rest would fail
//! the same way.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use resonance_bridge::clips::Clips;
use resonance_bridge::clips::service::{MAX_IMPORT_FILES, parse_tags};

use super::bridge::default_data_dir;
use super::keys::with_store;

/// Flags of `resonance clips`.
#[derive(Debug, clap::Args)]
pub struct ClipsArgs {
    #[command(subcommand)]
    pub action: ClipsAction,
    /// The bridge's data directory (default: as `resonance bridge`).
    #[arg(long, global = true)]
    pub data: Option<PathBuf>,
    /// Database URL, as `resonance bridge --database` (default: SQLite in --data).
    #[arg(long, global = true, env = "RESONANCE_DATABASE_URL")]
    pub database: Option<String>,
}

/// What to do with the library.
#[derive(Debug, clap::Subcommand)]
pub enum ClipsAction {
    /// Add every audio file below a folder (WAV, FLAC, Ogg Vorbis, MP3, M4A, AIFF, CAF, MKA/WebM).
    Import {
        /// The folder (symbolic links are not followed).
        dir: PathBuf,
        /// Tags for every imported clip, comma-separated.
        #[arg(long, default_value = "")]
        tags: String,
        /// Longest clip accepted, in seconds (as `resonance bridge --clip-max-seconds`).
        #[arg(long, default_value_t = 600.0)]
        max_seconds: f64,
    },
}

/// Audio files below `dir`, sorted, without following links.
fn audio_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = rd.flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::path);
    for e in entries {
        let Ok(ft) = e.file_type() else { continue };
        let p = e.path();
        if ft.is_dir() {
            audio_files(&p, out);
        } else if ft.is_file()
            && p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| resonance_bridge::recognition::service::AUDIO_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
        {
            out.push(p);
        }
    }
}

/// Runs `resonance clips`.
pub fn run(args: &ClipsArgs) -> Result<()> {
    let ClipsAction::Import { dir, tags, max_seconds } = &args.action;
    let tags = parse_tags([tags.as_str()]).map_err(|e| anyhow::anyhow!("--tags: {e:?}"))?;
    if !dir.is_dir() {
        bail!("{} is not a folder; give the folder that holds the clips", dir.display());
    }
    let mut files = Vec::new();
    audio_files(dir, &mut files);
    if files.is_empty() {
        bail!(
            "no audio files below {} (looked for {})",
            dir.display(),
            resonance_bridge::recognition::service::AUDIO_EXTENSIONS.join(", ")
        );
    }
    if files.len() > MAX_IMPORT_FILES {
        bail!("{} holds {} audio files; import at most {MAX_IMPORT_FILES} at a time", dir.display(), files.len());
    }
    let data = args.data.clone().unwrap_or_else(default_data_dir);
    let config = resonance_bridge::Config { data_dir: Some(data.clone()), ..resonance_bridge::Config::default() };
    std::fs::create_dir_all(&data).with_context(|| format!("cannot create the data directory {}", data.display()))?;
    with_store(Some(data), args.database.clone(), async |store| {
        let clips_config = resonance_bridge::config::ClipsConfig { max_s: *max_seconds, ..config.clips.clone() };
        let clips = Clips::open(config.clips_dir(), clips_config, store).await?;
        let (mut added, mut skipped, mut failed) = (0, 0, 0);
        for f in &files {
            let rel = f.strip_prefix(dir).unwrap_or(f).to_string_lossy().into_owned();
            match clips.add_file(store, f, tags.clone(), format!("import:{rel}")).await {
                Ok((row, false)) => {
                    added += 1;
                    println!(
                        "added   {}  {rel}  ({:.1} s, {:.1} LUFS)",
                        row.id,
                        row.duration_ms as f64 / 1000.0,
                        row.lufs_milli as f64 / 1000.0
                    );
                }
                Ok((row, true)) => {
                    skipped += 1;
                    println!("same as {}  {rel}", row.id);
                }
                Err(e) => {
                    failed += 1;
                    let why = resonance_bridge::error::message_of(&e);
                    // a full or unwritable data directory refuses every later file the same way
                    if matches!(e.reason(), "storage_full" | "storage_read_only") {
                        eprintln!("{added} added, {skipped} already in the library, {failed} failed");
                        bail!("import stopped at {rel}: {why}; {} file(s) not tried", files.len() - added - skipped - failed);
                    }
                    println!("failed  {rel}: {why}");
                }
            }
        }
        eprintln!("{added} added, {skipped} already in the library, {failed} failed");
        if failed > 0 && added + skipped == 0 {
            bail!("no file could be imported");
        }
        Ok(())
    })
}
