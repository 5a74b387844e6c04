//! The material of the recognition evaluation: the shared set's music (indexed, or held out as
//! calibration negatives), the Warzone 2100 soundtracks (indexed), Hedgewars and LinCity music
//! (held-out negatives), crowd recordings (noise) and synthetic speech; and the index built
//! from it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use resonance_engine::fingerprint::{FRAME_S, HasherConfig};
use resonance_io::decode::{decode_file, resample};
use resonance_io::fingerprint::index::{Index, TrackInfo};
use resonance_io::fingerprint::landmarks_of;
use resonance_test_support::{SplitMix64, thread_cpu_ns, thread_cpu_s_since};

use super::SR;

/// The files of `dir` with extension `ext`, sorted.
pub fn list(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == ext)).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Decodes files to mono at 44.1 kHz on two threads.
pub fn decode_all(paths: &[PathBuf]) -> Vec<Vec<f32>> {
    let mut out: Vec<Option<Vec<f32>>> = vec![None; paths.len()];
    std::thread::scope(|s| {
        let chunks: Vec<_> = out.chunks_mut(paths.len().div_ceil(2).max(1)).zip(paths.chunks(paths.len().div_ceil(2).max(1))).collect();
        for (dst, src) in chunks {
            s.spawn(move || {
                for (d, p) in dst.iter_mut().zip(src) {
                    let dec = decode_file(p).expect("decode");
                    let mono = dec.to_mono();
                    *d = Some(if dec.sample_rate == SR { mono } else { resample(&mono, dec.sample_rate, SR).expect("resample") });
                }
            });
        }
    });
    out.into_iter().map(Option::unwrap_or_default).collect()
}

/// Decodes an Ogg Opus file with `opusdec` (Symphonia has no Opus decoder) to mono at
/// 16 kHz (enough for the 8 kHz analysis rate).
pub fn decode_opus(p: &Path) -> (Vec<f32>, u32) {
    let out = std::process::Command::new("opusdec")
        .args(["--quiet", "--rate", "16000", "--force-wav"])
        .arg(p)
        .arg("-")
        .output()
        .expect("run opusdec (Debian package opus-tools)");
    assert!(out.status.success(), "opusdec failed on {}: {}", p.display(), String::from_utf8_lossy(&out.stderr));
    // A WAV streamed to a pipe has placeholder lengths: read the canonical 44-byte header's
    // channels and rate, then every 16-bit sample after it.
    let b = &out.stdout;
    assert!(b.len() > 44 && b.starts_with(b"RIFF") && &b[36..40] == b"data", "opusdec did not write a canonical WAV for {}", p.display());
    let ch = usize::from(u16::from_le_bytes([b[22], b[23]]).max(1));
    let rate = u32::from_le_bytes([b[24], b[25], b[26], b[27]]);
    let raw: Vec<f32> = b[44..].chunks_exact(2).map(|x| f32::from(i16::from_le_bytes([x[0], x[1]])) / 32768.0).collect();
    let mono = raw.chunks_exact(ch).map(|f| f.iter().sum::<f32>() / ch as f32).collect();
    (mono, rate)
}

/// Synthetic speech (espeak-ng) at 44.1 kHz: commentary-like sentences in several voices.
pub fn speech_clips(dir: &Path, n: usize) -> Vec<Vec<f32>> {
    const LINES: [&str; 10] = [
        "And he shoots, the keeper dives, and the ball goes just wide of the far post.",
        "Welcome back to the second half here at a packed stadium on a cold evening.",
        "The referee points to the spot, and the home crowd cannot believe what they have seen.",
        "That is the third corner in a row, and the pressure is building on the visitors now.",
        "A brilliant run down the left wing, a cross into the box, and it is cleared away.",
        "Both managers will be pleased with the intensity we have seen in the opening minutes.",
        "He has been the standout player tonight, winning every challenge in the middle of the park.",
        "There will be four minutes of added time at the end of this half.",
        "The replay shows the defender got a touch on the ball before the attacker went down.",
        "What a save, what an absolutely incredible save from the goalkeeper.",
    ];
    const VOICES: [&str; 6] = ["en", "en-us", "en-gb-scotland", "de", "fr", "es"];
    std::fs::create_dir_all(dir).expect("create speech folder");
    (0..n)
        .map(|i| {
            let wav = dir.join(format!("speech{i:02}.wav"));
            let voice = VOICES[i % VOICES.len()];
            let speed = (150 + 15 * (i % 4)).to_string();
            let ok = std::process::Command::new("espeak-ng")
                .args(["-v", voice, "-s", &speed, "-w"])
                .arg(&wav)
                .arg(LINES[i % LINES.len()])
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "espeak-ng failed: install the Debian package espeak-ng");
            let d = decode_file(&wav).expect("decode espeak-ng output");
            resample(&d.to_mono(), d.sample_rate, SR).expect("resample speech")
        })
        .collect()
}

/// The music: which tracks are indexed and which are negatives, decoded to mono at [`SR`].
#[derive(Debug)]
pub struct Corpus {
    /// The shared test-audio set.
    pub dir: PathBuf,
    /// Indexed tracks of the shared set.
    pub pos_paths: Vec<PathBuf>,
    /// Held-out tracks of the shared set: the calibration negatives.
    pub neg_paths: Vec<PathBuf>,
    /// Decoded `pos_paths`.
    pub pos_audio: Vec<Vec<f32>>,
    /// Decoded `neg_paths`.
    pub neg_audio: Vec<Vec<f32>>,
    /// The Warzone 2100 soundtracks (indexed; Opus, decoded while indexing).
    pub big_paths: Vec<PathBuf>,
    /// Hedgewars and LinCity music: the held-out negatives, never indexed.
    pub heldout_paths: Vec<PathBuf>,
    /// Decoded `heldout_paths`.
    pub heldout_audio: Vec<Vec<f32>>,
}

/// The benchmark music folder: `FP_BENCH_MUSIC`, default `target/bench-music`.
fn bench_music_dir() -> PathBuf {
    std::env::var_os("FP_BENCH_MUSIC").map_or_else(|| crate::workspace_dir().join("target/bench-music"), PathBuf::from)
}

impl Corpus {
    /// Holds out a fixed, seeded set of the shared set's tracks (`rng` is the evaluation's
    /// generator: the shuffle is its first use) and decodes everything.
    pub fn load(dir: PathBuf, quick: bool, rng: &mut SplitMix64) -> Self {
        let music = list(&dir.join("music"), "ogg");
        assert!(music.len() >= 10, "need at least 10 music files in {}", dir.display());
        let n_neg_tracks = if quick { 5 } else { 7 };
        let mut order: Vec<usize> = (0..music.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let (neg_ids, pos_ids) = order.split_at(n_neg_tracks);
        let pos_paths: Vec<PathBuf> = pos_ids.iter().map(|&i| music[i].clone()).collect();
        let neg_paths: Vec<PathBuf> = neg_ids.iter().map(|&i| music[i].clone()).collect();

        eprintln!("decoding {} tracks ...", music.len());
        let t0 = Instant::now();
        let pos_audio = decode_all(&pos_paths);
        let neg_audio = decode_all(&neg_paths);
        let extra = bench_music_dir();
        assert!(
            extra.join(".complete").exists(),
            "no benchmark music in {}: run `bash scripts/fetch-bench-music.sh` (or set FP_BENCH_MUSIC)",
            extra.display()
        );
        let big_paths = list(&extra.join("warzone"), "opus");
        let mut heldout_paths = list(&extra.join("hedgewars"), "ogg");
        heldout_paths.extend(list(&extra.join("lincity"), "ogg"));
        assert!(!big_paths.is_empty() && !heldout_paths.is_empty(), "incomplete benchmark music in {}", extra.display());
        let heldout_audio = decode_all(&heldout_paths);
        eprintln!("decoded in {:.1} s", t0.elapsed().as_secs_f64());
        Corpus { dir, pos_paths, neg_paths, pos_audio, neg_audio, big_paths, heldout_paths, heldout_audio }
    }
}

/// The index and what building it cost.
#[derive(Debug)]
pub struct Indexed {
    /// The index, saved to and loaded back from `bench.rfp`.
    pub index: Index,
    /// Tracks in the index.
    pub n_tracks: usize,
    /// Size of the saved index.
    pub bytes: u64,
    /// Time to load it (ms).
    pub load_ms: f64,
    /// Seconds of the shared set's music indexed.
    pub indexed_s: f64,
    /// Seconds of the Warzone 2100 soundtracks indexed.
    pub extra_s: f64,
    /// CPU seconds spent hashing the shared set's music (one core).
    pub hash_cpu: f64,
}

impl Indexed {
    /// Total indexed seconds.
    pub fn total_s(&self) -> f64 {
        self.indexed_s + self.extra_s
    }

    /// Total indexed hours.
    pub fn hours(&self) -> f64 {
        self.total_s() / 3600.0
    }
}

/// A track's entry: its name (file stem), path, duration and frame count.
fn track_info(p: &Path, dur: f64) -> TrackInfo {
    let name = p.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    TrackInfo { name, path: p.display().to_string(), title: None, artist: None, duration_s: dur, frames: (dur / FRAME_S) as u32 }
}

/// Builds the index (single-threaded extraction, timed), saves it to `out_dir/bench.rfp` and
/// loads it back (timed).
pub fn build_index(c: &Corpus, out_dir: &Path) -> Indexed {
    let mut items = Vec::new();
    let mut hash_cpu = 0.0;
    let mut indexed_s = 0.0;
    for (p, x) in c.pos_paths.iter().zip(&c.pos_audio) {
        let t = thread_cpu_ns();
        let lms = landmarks_of(x, f64::from(SR), HasherConfig::index());
        hash_cpu += thread_cpu_s_since(t);
        let dur = x.len() as f64 / f64::from(SR);
        indexed_s += dur;
        items.push((track_info(p, dur), lms));
    }
    // The large index: the Warzone 2100 soundtracks (decoded at 16 kHz by opusdec).
    let mut extra_s = 0.0;
    for p in &c.big_paths {
        let (x, sr) = decode_opus(p);
        let dur = x.len() as f64 / f64::from(sr);
        extra_s += dur;
        let lms = landmarks_of(&x, f64::from(sr), HasherConfig::index());
        items.push((track_info(p, dur), lms));
    }
    let n_tracks = items.len();
    let mut index = Index::new();
    index.add_tracks(items);
    let db = out_dir.join("bench.rfp");
    let bytes = index.save(&db).expect("save index");
    let t = Instant::now();
    let index = Index::load(&db).expect("load index");
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    let built = Indexed { index, n_tracks, bytes, load_ms, indexed_s, extra_s, hash_cpu };
    let total_s = built.total_s();
    eprintln!(
        "indexed {n_tracks} tracks, {:.2} h, {} postings ({:.1}/s), {bytes} bytes, loaded in {load_ms:.1} ms",
        built.hours(),
        built.index.len(),
        built.index.len() as f64 / total_s
    );
    built
}

/// Crowd recordings of the shared set longer than 1 s (the noise), and their paths.
pub fn crowd_noise(dir: &Path) -> (Vec<PathBuf>, Vec<Vec<f32>>) {
    let crowd_paths: Vec<PathBuf> = list(&dir.join("crowd"), "wav");
    let crowd = decode_all(&crowd_paths);
    let crowd: Vec<Vec<f32>> = crowd.into_iter().filter(|c| c.len() > SR as usize).collect();
    assert!(!crowd.is_empty(), "no crowd recordings in {}", dir.display());
    (crowd_paths, crowd)
}
