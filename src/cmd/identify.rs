//! `resonance identify FILE... --db DB [--json]`: name the indexed track each file contains.
//!
//! With `--json` standard output carries one object per line per query:
//! `{"query", "track", "title", "offset_s", "score", "confidence", "query_ms"}` where `track`
//! is the indexed file's stem or null. `query_ms` covers hashing and matching (not decoding). The file is decoded chunk by
//! chunk, once, or twice when the dense look or the speed search runs: only its landmarks are
//! held (decision record 0023).
//! Queries shorter than the minimum report "too short to identify" on standard error and a
//! null track.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use resonance_io::IoError;
use resonance_io::decode::{DecodeStream, mono_into};
use resonance_io::fingerprint::index::Index;
use resonance_io::fingerprint::matcher::{Identifier, IdentifyOptions, MIN_QUERY_S, Outcome};
use serde_json::json;

#[derive(Debug, Args)]
pub struct IdentifyArgs {
    /// Recordings to identify.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Index made by `resonance index`.
    #[arg(long)]
    pub db: PathBuf,
    /// One JSON object per line per query on standard output.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &IdentifyArgs) -> anyhow::Result<()> {
    let index = Index::load(&args.db).with_context(|| format!("cannot use {} as an index", args.db.display()))?;
    // One query context for every file: hashers and buffers are built once.
    let mut identifier = Identifier::new(IdentifyOptions::default());
    let mut failures = 0;
    for file in &args.files {
        let query = file.display().to_string();
        let (outcome, ms) = match identify_file(&mut identifier, &index, file) {
            Ok((o, ms)) => (Some(o), ms),
            Err(e) => {
                eprintln!("warning: {e}");
                failures += 1;
                (None, 0.0)
            }
        };
        let m = outcome.as_ref().and_then(Outcome::matched);
        let info = m.and_then(|m| index.track(m.track));
        if let Some(Outcome::TooShort { duration_s }) = outcome {
            eprintln!("{query}: too short to identify ({duration_s:.2} s; need at least {MIN_QUERY_S} s)");
        }
        if args.json {
            let line = json!({
                "query": query,
                "track": info.map(|i| i.name.clone()),
                "title": info.and_then(|i| i.title.clone()),
                "offset_s": m.map(|m| (m.offset_s * 1000.0).round() / 1000.0),
                "score": f64::from(outcome.as_ref().map_or(0, Outcome::score)),
                "confidence": m.map_or(0.0, |m| (m.confidence * 1000.0).round() / 1000.0),
                "query_ms": (ms * 1000.0).round() / 1000.0,
            });
            println!("{line}");
        } else {
            match (m, info) {
                (Some(m), Some(i)) => println!(
                    "{query}: {}{} at {:.2} s (score {}, confidence {:.2}{})",
                    i.name,
                    i.title.as_ref().map(|t| format!(" \"{t}\"")).unwrap_or_default(),
                    m.offset_s,
                    m.score,
                    m.confidence,
                    if (m.speed - 1.0).abs() > 1e-9 { format!(", speed {:.2}", m.speed) } else { String::new() }
                ),
                _ if matches!(outcome, Some(Outcome::TooShort { .. })) => println!("{query}: too short to identify"),
                _ if outcome.is_some() => println!("{query}: no match"),
                _ => println!("{query}: could not be decoded"),
            }
        }
    }
    if failures == args.files.len() {
        anyhow::bail!("none of the {} files could be decoded; pass audio files (WAV, FLAC, Ogg Vorbis, MP3, AAC)", args.files.len());
    }
    Ok(())
}

/// Identifies one file, decoding it chunk by chunk in each of the identifier's passes.
/// Returns the outcome and the milliseconds spent hashing and matching (decoding excluded).
fn identify_file(identifier: &mut Identifier, index: &Index, file: &Path) -> Result<(Outcome, f64), IoError> {
    let mut first = Some(DecodeStream::open(file)?);
    let started = Instant::now();
    let rate = first.as_ref().map_or(0, DecodeStream::sample_rate);
    let mut decoding = 0.0f64;
    let mut mono = Vec::new();
    let outcome = identifier.identify_passes::<IoError>(index, f64::from(rate), &mut |sink| {
        let t = Instant::now();
        let mut stream = match first.take() {
            Some(s) => s,
            None => DecodeStream::open(file)?,
        };
        decoding += t.elapsed().as_secs_f64();
        loop {
            let t = Instant::now();
            let Some(chunk) = stream.next_chunk()? else { break };
            mono.clear();
            mono_into(chunk, &mut mono);
            decoding += t.elapsed().as_secs_f64();
            sink(&mono);
        }
        Ok(())
    })?;
    Ok((outcome, (started.elapsed().as_secs_f64() - decoding).max(0.0) * 1e3))
}
