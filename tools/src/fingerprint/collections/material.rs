//! The collections' material: every track decoded once (to mono at [`RATE`]), hashed for the
//! index, and cut into the seeded query excerpts it owes (positives from indexed tracks,
//! negatives and re-release checks from held-out ones); nothing else of the audio is kept, so
//! 20 h of music fit in memory.

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use resonance_engine::Landmark;
use resonance_engine::fingerprint::HasherConfig;
use resonance_io::decode::{decode_file, resample};
use resonance_io::fingerprint::landmarks_of;
use resonance_test_support::{SplitMix64, thread_cpu_ns, thread_cpu_s_since};

use super::super::corpus::decode_opus;

/// The rate every track is decoded to (the hasher analyses at 8 kHz).
pub const RATE: u32 = 16000;
/// Seconds cut per excerpt: the longest query plus room for a 3 % speed change.
pub const EXCERPT_S: f64 = 5.5;

/// One track of a collection.
#[derive(Debug, Clone)]
pub struct Track {
    /// Index of its collection in [`Material::names`].
    pub coll: usize,
    /// The file.
    pub path: PathBuf,
    /// The file stem (the index's track name).
    pub name: String,
    /// Whether it is indexed (else held out: its excerpts are negatives).
    pub indexed: bool,
    /// Decoded length (s), set by [`Material::decode`].
    pub duration_s: f64,
    /// Its landmarks at the index's fan-out (indexed tracks only).
    pub landmarks: Vec<Landmark>,
    /// CPU seconds spent hashing it.
    pub hash_cpu_s: f64,
}

/// A query excerpt: [`EXCERPT_S`] seconds of one track at [`RATE`].
#[derive(Debug, Clone)]
pub struct Excerpt {
    /// The track (index into [`Material::tracks`]).
    pub track: usize,
    /// Where it starts in the track (s).
    pub start_s: f64,
    /// The samples.
    pub audio: Vec<f32>,
}

/// Every collection's tracks, split, decoded and cut.
#[derive(Debug)]
pub struct Material {
    /// Collection names (the sub-folders of the collections folder), in order.
    pub names: Vec<String>,
    /// Every track of every collection.
    pub tracks: Vec<Track>,
    /// Positive excerpts (of indexed tracks), per collection.
    pub positives: Vec<Vec<Excerpt>>,
    /// Negative excerpts (of held-out tracks), per collection.
    pub negatives: Vec<Vec<Excerpt>>,
    /// [`PROBES`] excerpts of every track, for the duplicate and re-release checks.
    pub probes: Vec<Excerpt>,
}

/// Audio files of a collection folder (Ogg Vorbis, Opus, FLAC, WAV, MP3), sorted.
fn audio_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| ["ogg", "opus", "flac", "wav", "mp3"].iter().any(|x| e.eq_ignore_ascii_case(x))))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// A track decoded to mono at [`RATE`], through a cache of 16-bit copies in `cache` (decoding
/// 20 h of Vorbis takes minutes; the cache makes a second run start at once).
pub fn decode_cached(p: &Path, cache: &Path) -> Result<Vec<f32>, String> {
    let key = format!(
        "{}-{}.s16",
        p.parent().and_then(|d| d.file_name()).unwrap_or_default().to_string_lossy(),
        p.file_name().unwrap_or_default().to_string_lossy()
    );
    let file = cache.join(key);
    if let Ok(b) = std::fs::read(&file) {
        return Ok(b.chunks_exact(2).map(|x| f32::from(i16::from_le_bytes([x[0], x[1]])) / 32768.0).collect());
    }
    let x = decode_mono(p)?;
    let bytes: Vec<u8> = x.iter().flat_map(|&v| ((v.clamp(-1.0, 1.0) * 32767.0).round() as i16).to_le_bytes()).collect();
    // Written aside and renamed, so a run going at the same time never reads half a file.
    let part = file.with_extension(format!("part{}", std::process::id()));
    if std::fs::create_dir_all(cache).is_ok() && std::fs::write(&part, bytes).is_ok() {
        let _ = std::fs::rename(&part, &file);
    }
    Ok(x)
}

/// A track decoded to mono at [`RATE`].
pub fn decode_mono(p: &Path) -> Result<Vec<f32>, String> {
    if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("opus")) {
        let (x, sr) = decode_opus(p);
        return if sr == RATE { Ok(x) } else { resample(&x, sr, RATE).map_err(|e| e.to_string()) };
    }
    let d = decode_file(p).map_err(|e| e.to_string())?;
    resample(&d.to_mono(), d.sample_rate, RATE).map_err(|e| e.to_string())
}

/// A seeded shuffle of `0..n`.
fn shuffled(n: usize, rng: &mut SplitMix64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, rng.below(i + 1));
    }
    order
}

/// Where the probes of the duplicate and re-release checks are cut (fractions of a track's
/// usable length): one probe missed a re-release that shares only some passages.
pub const PROBES: [f64; 3] = [0.2, 0.5, 0.8];

/// The cut `(track, excerpt number, fraction of the usable length)` a track owes.
type Cut = (usize, f64);

impl Material {
    /// Lists the collections (each sub-folder of `dir` with audio files), holds out a seeded
    /// `held_out` share of each collection's tracks (at least two), and plans the excerpts:
    /// `n_pos` positives and `n_neg` negatives per collection at seeded positions.
    ///
    /// `extra` is `(folder, n)`: a last "collection" named `negatives-<folder name>` whose
    /// tracks are all held out, with `n` negative excerpts and no positives (recordings in no
    /// collection, to have enough negatives).
    pub fn plan(
        dir: &Path,
        held_out: f64,
        n_pos: usize,
        n_neg: usize,
        extra: Option<&(PathBuf, usize)>,
        rng: &mut SplitMix64,
    ) -> (Self, Vec<Vec<Cut>>) {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|r| r.filter_map(Result::ok).filter(|e| e.path().is_dir()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        names.sort();
        names.retain(|n| !audio_files(&dir.join(n)).is_empty());
        assert!(
            !names.is_empty(),
            "no collections in {}: run `bash scripts/fetch-bench-collections.sh` (or set FP_BENCH_COLLECTIONS)",
            dir.display()
        );
        let mut tracks = Vec::new();
        let mut cuts: Vec<Vec<Cut>> = Vec::new();
        for (ci, name) in names.iter().enumerate() {
            let files = audio_files(&dir.join(name));
            let n_out = ((files.len() as f64 * held_out).round() as usize).clamp(2, files.len().saturating_sub(2).max(1));
            let order = shuffled(files.len(), rng);
            let first = tracks.len();
            for (k, p) in files.iter().enumerate() {
                let indexed = !order[..n_out].contains(&k);
                let name = p.file_stem().unwrap_or_default().to_string_lossy().into_owned();
                tracks.push(Track { coll: ci, path: p.clone(), name, indexed, duration_s: 0.0, landmarks: Vec::new(), hash_cpu_s: 0.0 });
                cuts.push(PROBES.iter().map(|&f| (usize::MAX, f)).collect());
            }
            let pos: Vec<usize> = (first..tracks.len()).filter(|&t| tracks[t].indexed).collect();
            let neg: Vec<usize> = (first..tracks.len()).filter(|&t| !tracks[t].indexed).collect();
            for k in 0..n_pos {
                cuts[pos[rng.below(pos.len())]].push((k, rng.uniform()));
            }
            for k in 0..n_neg {
                cuts[neg[k % neg.len()]].push((k, rng.uniform()));
            }
        }
        if let Some((extra_dir, n_extra)) = extra {
            let files = audio_files(extra_dir);
            assert!(!files.is_empty(), "FP_COLL_NEG_EXTRA={}: no audio files there", extra_dir.display());
            let ci = names.len();
            names.push(format!("negatives-{}", extra_dir.file_name().unwrap_or_default().to_string_lossy()));
            let first = tracks.len();
            for p in &files {
                let name = p.file_stem().unwrap_or_default().to_string_lossy().into_owned();
                tracks.push(Track {
                    coll: ci,
                    path: p.clone(),
                    name,
                    indexed: false,
                    duration_s: 0.0,
                    landmarks: Vec::new(),
                    hash_cpu_s: 0.0,
                });
                cuts.push(PROBES.iter().map(|&f| (usize::MAX, f)).collect());
            }
            for k in 0..*n_extra {
                cuts[first + k % files.len()].push((k, rng.uniform()));
            }
        }
        let n = names.len();
        (Material { names, tracks, positives: vec![Vec::new(); n], negatives: vec![Vec::new(); n], probes: Vec::new() }, cuts)
    }

    /// Decodes every track on `threads` threads, hashes the indexed ones and cuts the planned
    /// excerpts. A track that does not decode is reported and dropped.
    pub fn decode(&mut self, cuts: &[Vec<Cut>], threads: usize, index_config: HasherConfig, cache: &Path) {
        let bar = ProgressBar::new(self.tracks.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("decode+hash {bar:40} {pos}/{len} tracks {elapsed} (eta {eta}) {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        let n = self.tracks.len();
        let chunk = n.div_ceil(threads.max(1)).max(1);
        let mut results: Vec<Option<Processed>> = vec![None; n];
        std::thread::scope(|s| {
            for (ci, dst) in results.chunks_mut(chunk).enumerate() {
                let tracks = &self.tracks;
                let bar = &bar;
                s.spawn(move || {
                    for (j, d) in dst.iter_mut().enumerate() {
                        let t = ci * chunk + j;
                        *d = process_track(&tracks[t], t, &cuts[t], index_config, cache);
                        bar.inc(1);
                    }
                });
            }
        });
        bar.finish();
        let mut dropped = 0;
        for (t, r) in results.into_iter().enumerate() {
            let Some((dur, lms, cpu, excerpts)) = r else {
                dropped += 1;
                continue;
            };
            let track = &mut self.tracks[t];
            track.duration_s = dur;
            track.landmarks = lms;
            track.hash_cpu_s = cpu;
            let coll = track.coll;
            let indexed = track.indexed;
            for (k, e) in excerpts.into_iter().enumerate() {
                if k < PROBES.len() {
                    self.probes.push(e);
                } else if indexed {
                    self.positives[coll].push(e);
                } else {
                    self.negatives[coll].push(e);
                }
            }
        }
        if dropped > 0 {
            eprintln!("{dropped} tracks did not decode and were left out");
        }
    }

    /// Indexed hours of collection `c` (all collections when `None`).
    pub fn indexed_hours(&self, c: Option<usize>) -> f64 {
        self.tracks.iter().filter(|t| t.indexed && c.is_none_or(|c| t.coll == c)).map(|t| t.duration_s).sum::<f64>() / 3600.0
    }
}

/// A processed track: duration (s), landmarks, hashing CPU seconds, excerpts (probe first).
type Processed = (f64, Vec<Landmark>, f64, Vec<Excerpt>);

/// Decodes one track, hashes it when indexed and cuts its excerpts (the probe first).
fn process_track(
    track: &Track,
    t: usize,
    cuts: &[Cut],
    config: HasherConfig,
    cache: &Path,
) -> Option<(f64, Vec<Landmark>, f64, Vec<Excerpt>)> {
    let x = match decode_cached(&track.path, cache) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("skipping {}: {e}", track.path.display());
            return None;
        }
    };
    let dur = x.len() as f64 / f64::from(RATE);
    let len = (EXCERPT_S * f64::from(RATE)) as usize;
    if x.len() < len + RATE as usize {
        return None;
    }
    let (lms, cpu) = if track.indexed {
        let t0 = thread_cpu_ns();
        let l = landmarks_of(&x, f64::from(RATE), config);
        (l, thread_cpu_s_since(t0))
    } else {
        (Vec::new(), 0.0)
    };
    // Excerpts avoid the first and last 3 % (fades, silence).
    let lo = (x.len() as f64 * 0.03) as usize;
    let usable = (x.len() as f64 * 0.94) as usize - len.min(x.len());
    let excerpts = cuts
        .iter()
        .map(|&(_, frac)| {
            let s = lo + (frac * usable as f64) as usize;
            let s = s.min(x.len() - len);
            Excerpt { track: t, start_s: s as f64 / f64::from(RATE), audio: x[s..s + len].to_vec() }
        })
        .collect();
    Some((dur, lms, cpu, excerpts))
}
