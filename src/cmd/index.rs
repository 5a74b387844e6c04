//! `resonance index PATH... --db DB`: create or extend a music fingerprint index.
//!
//! Folders are walked recursively; every file is decoded and hashed in parallel (rayon, in the
//! engine) behind a progress bar. Files that do not decode are skipped with a warning each. An
//! existing index is extended (a file indexed again replaces its old entry); a corrupt one is
//! refused rather than overwritten.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, bail};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use resonance_io::fingerprint::index::Index;

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Audio files and folders to index (folders recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Index file to create or extend.
    #[arg(long)]
    pub db: PathBuf,
    /// Remove these tracks (file stem or indexed path) instead of adding files.
    #[arg(long)]
    pub remove: bool,
}

/// Every file under `paths` (files as given, folders recursively), sorted per folder.
pub fn collect_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read folder {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out)?;
            } else if p.file_name().and_then(|n| n.to_str()).is_some_and(|n| !n.starts_with('.')) {
                out.push(p);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out)?;
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            bail!("{} does not exist; pass audio files or folders", p.display());
        }
    }
    Ok(out)
}

pub fn run(args: &IndexArgs) -> anyhow::Result<()> {
    if !args.remove {
        let given: Vec<_> = args.paths.iter().map(|f| crate::files::named("an input", f)).collect();
        crate::files::refuse_clobber(&[crate::files::named("--db", &args.db)], &given)?;
    }
    let mut index = if args.db.exists() { Index::load(&args.db)? } else { Index::new() };
    if args.remove {
        for p in &args.paths {
            let key = p.to_string_lossy();
            let Some(id) = index.find(&key) else {
                bail!("{key} is not in {}; `resonance identify` lists indexed names", args.db.display())
            };
            index.remove_track(id);
        }
        index.save(&args.db)?;
        eprintln!("{}: {} tracks", args.db.display(), index.tracks().len());
        return Ok(());
    }
    // an index kept inside the folder it indexes is not one of its tracks
    let files: Vec<PathBuf> = collect_files(&args.paths)?.into_iter().filter(|f| !crate::files::same_file(f, &args.db)).collect();
    if files.is_empty() {
        bail!(
            "{} holds no files to index (hidden files are skipped); pass audio files (WAV, FLAC, Ogg Vorbis, MP3, AAC) or folders that contain them; {} was not written",
            args.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "),
            args.db.display()
        );
    }
    let bar = ProgressBar::new(files.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} indexing [{bar:30}] {pos}/{len} files {elapsed_precise} eta {eta} {wide_msg}")?
            .progress_chars("=> "),
    );
    let skipped = AtomicUsize::new(0);
    let ids = index.add_files(&files, &|path, outcome| {
        match outcome {
            Ok(info) => bar.set_message(info.name.clone()),
            Err(e) => {
                skipped.fetch_add(1, Ordering::Relaxed);
                bar.suspend(|| eprintln!("warning: skipping {}: {e}", path.display()));
            }
        }
        bar.inc(1);
    });
    bar.finish_and_clear();
    let skipped = skipped.into_inner();
    if ids.is_empty() {
        bail!(
            "none of the {} files could be decoded, so {} was not written; pass audio files (WAV, FLAC, Ogg Vorbis, MP3, AAC)",
            files.len(),
            args.db.display()
        );
    }
    let bytes = index.save(&args.db)?;
    eprintln!(
        "indexed {} files ({skipped} skipped) into {}: {} tracks, {:.2} h, {} landmarks, {:.2} MB",
        ids.len(),
        args.db.display(),
        index.tracks().len(),
        index.total_duration_s() / 3600.0,
        index.len(),
        bytes as f64 / 1e6
    );
    Ok(())
}
