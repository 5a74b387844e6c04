//! The label table (`tools/corpus/crowd-labels.tsv`) and its audio
//! (`RESONANCE_TEST_AUDIO/crowd-corpus/`, fetched by `scripts/fetch-crowd-corpus.sh`).

use std::path::{Path, PathBuf};

use resonance_test_support::test_audio_dir;

use super::super::RATE;
use super::super::corpus::decode_mono;
use crate::workspace_dir;

/// One labelled span.
#[derive(Debug, Clone)]
pub struct Span {
    /// File, relative to the corpus directory.
    pub file: String,
    /// `cheer`, `boo`, `applause`, `ooh`, `chant`, `whistle`, `speech`, `bait` or `ambience`.
    pub kind: String,
    /// The independent recording it comes from (a leave-one-source-out fold).
    pub source: String,
    /// Debian package and licence.
    pub pkg: String,
    /// Licence.
    pub licence: String,
    /// Bed group (`A` or `B`) of an ambience bed, from the table's notes.
    pub group: Option<char>,
    /// The span's audio, mono at [`RATE`].
    pub audio: Vec<f32>,
}

/// The committed label table.
pub fn table_path() -> PathBuf {
    workspace_dir().join("tools/corpus/crowd-labels.tsv")
}

/// Where `scripts/fetch-crowd-corpus.sh` puts the files.
pub fn corpus_dir() -> PathBuf {
    test_audio_dir().join("crowd-corpus")
}

/// Every span of the table with its audio. Panics with what to run when the corpus is not
/// there or a row is malformed.
pub fn load() -> Vec<Span> {
    load_kinds(|_| true)
}

/// The spans whose kind `keep` accepts (only their audio is decoded). Panics as [`load`].
pub fn load_kinds(keep: impl Fn(&str) -> bool) -> Vec<Span> {
    let table = table_path();
    let dir = corpus_dir();
    let text = std::fs::read_to_string(&table).unwrap_or_else(|e| panic!("{}: {e}", table.display()));
    text.lines().skip(1).filter(|l| !l.trim().is_empty() && l.split('\t').nth(6).is_none_or(&keep)).map(|l| row(l, &dir)).collect()
}

fn row(line: &str, dir: &Path) -> Span {
    let c: Vec<&str> = line.split('\t').collect();
    assert!(c.len() >= 11, "{}: a row needs 11 tab-separated columns, this one has {}: {line}", table_path().display(), c.len());
    let path = dir.join(c[0]);
    assert!(
        path.is_file(),
        "{} not found: run `scripts/fetch-crowd-corpus.sh {}` (the crowd-reaction corpus from Debian packages)",
        path.display(),
        dir.parent().unwrap_or(dir).display()
    );
    let x = decode_mono(&path);
    let secs = |s: &str| -> Option<usize> { s.parse::<f64>().ok().map(|v| ((v * f64::from(RATE)) as usize).min(x.len())) };
    let start = secs(c[4]).unwrap_or(0);
    let end = if c[5] == "end" { x.len() } else { secs(c[5]).unwrap_or(x.len()) };
    assert!(start < end, "{}: span {}..{} of {} is empty", table_path().display(), c[4], c[5], c[0]);
    let group = if c[10].contains("bed group A") {
        Some('A')
    } else if c[10].contains("bed group B") {
        Some('B')
    } else {
        None
    };
    Span {
        file: c[0].to_string(),
        kind: c[6].to_string(),
        source: c[8].to_string(),
        pkg: c[1].to_string(),
        licence: c[7].to_string(),
        group,
        audio: x[start..end].to_vec(),
    }
}
