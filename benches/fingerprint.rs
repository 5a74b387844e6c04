//! Music recognition benchmark (issue 4): accuracy under crowd and white noise, speed changes,
//! false positives, query latency, extraction speed, index size, and `fpcalc` as a peer.
//!
//! `cargo bench --bench fingerprint` (set `RESONANCE_TEST_AUDIO`; `FP_BENCH_QUICK=1` for a
//! few-minute run with fewer queries). Seeded: the same clips every run; the clip list is
//! written to `target/fingerprint-bench/clips.tsv`.
//!
//! Needs more music than the shared test-audio set: `scripts/fetch-bench-music.sh` (Debian
//! game soundtracks; directory from `FP_BENCH_MUSIC`, default `target/bench-music`), whose
//! Opus files are decoded with `opusdec` (Debian `opus-tools`); and `espeak-ng` for speech
//! negatives. The index holds the shared set's music minus the held-out tracks plus the
//! Warzone 2100 soundtracks (> 4 h in all). Negatives come in two sets: the *calibration*
//! negatives (held-out tracks of the shared set, the ones `ALPHA` was set from) and the
//! *held-out* negatives, never used to set anything: other music that is not indexed
//! (Hedgewars, LinCity), clean and under noise, crowd recordings alone, synthetic speech alone
//! and over crowd.
//!
//! `FP_BENCH_FANOUTS=12,16` also evaluates other query fan-outs on the noisy conditions and
//! every negative, `FP_BENCH_RATES=index,track,robust` the matcher's chance-rate estimates
//! (a sweep; the main table uses the engine's defaults), `FP_BENCH_ALPHAS=1e-7,3e-7` the
//! accepted chance-match probability.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use resonance_engine::fingerprint::{FRAME_S, HasherConfig};
use resonance_engine::testing::test_audio_dir as audio_dir;
use resonance_io::decode::{decode_file, resample};
use resonance_io::fingerprint::index::{Index, TrackInfo};
use resonance_io::fingerprint::landmarks_of;
use resonance_io::fingerprint::matcher::{ALPHA, ChanceRate, DENSE_ALPHA, DenseLook, Identifier, IdentifyOptions, Outcome, query};

const SR: u32 = 44100;
const QUERY_S: f64 = 5.0;

/// SplitMix64: a tiny seeded generator, so the query set never changes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.uniform() * n as f64) as usize % n.max(1)
    }
    fn gauss(&mut self) -> f64 {
        let u1 = self.uniform().max(1e-300);
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

fn list(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == ext)).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Decodes files to mono at 44.1 kHz on two threads.
fn decode_all(paths: &[PathBuf]) -> Vec<Vec<f32>> {
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
fn decode_opus(p: &Path) -> (Vec<f32>, u32) {
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
fn speech_clips(dir: &Path, n: usize) -> Vec<Vec<f32>> {
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

/// CPU time of the calling thread (ns), `clock_gettime(CLOCK_THREAD_CPUTIME_ID)`: the machine
/// is shared, so speeds are measured in CPU time, not wall time. (Session 3 read
/// `/proc/thread-self/schedstat`, whose figure for the running thread is only brought up to
/// date at scheduler ticks: 4 ms steps.)
#[allow(unsafe_code)]
fn cpu_ns() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec and the clock id is a constant the kernel
    // knows; the call writes only `ts`.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &raw mut ts) };
    if rc != 0 {
        return 0;
    }
    u64::try_from(ts.tv_sec).unwrap_or(0) * 1_000_000_000 + u64::try_from(ts.tv_nsec).unwrap_or(0)
}

fn cpu_s_since(start: u64) -> f64 {
    cpu_ns().saturating_sub(start) as f64 * 1e-9
}

/// CPU seconds of waited-for child processes (`cutime + cstime` of `/proc/self/stat`).
fn children_cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, a)| a);
    let f: Vec<f64> = after.split_whitespace().filter_map(|v| v.parse().ok()).collect();
    // Fields 16 and 17 of the file; the state (field 3) is not numeric and was skipped.
    (f.get(12).copied().unwrap_or(0.0) + f.get(13).copied().unwrap_or(0.0)) / 100.0
}

fn power(x: &[f32]) -> f64 {
    x.iter().map(|&v| f64::from(v) * f64::from(v)).sum::<f64>() / x.len().max(1) as f64
}

/// Mixes `noise` into `clip` at `snr_db`, the SNR computed over this clip.
fn mix(clip: &[f32], noise: &[f32], snr_db: f64) -> Vec<f32> {
    let g = (power(clip) / (power(noise).max(1e-20) * 10f64.powf(snr_db / 10.0))).sqrt() as f32;
    clip.iter().zip(noise.iter().cycle()).map(|(&c, &n)| c + g * n).collect()
}

#[derive(Clone, Copy, PartialEq)]
enum Cond {
    Clean,
    Crowd(i32),
    White(i32),
    Speed(f64),
}

impl Cond {
    fn name(self) -> String {
        match self {
            Cond::Clean => "clean".into(),
            Cond::Crowd(s) => format!("crowd {s} dB"),
            Cond::White(s) => format!("white {s} dB"),
            Cond::Speed(s) => format!("speed {:+.0}%", (s - 1.0) * 100.0),
        }
    }
}

/// A held-out group of non-music negatives: name, clips, false positives, significances and
/// margins (`Outcome::margin`).
type OtherRow<'a> = (&'a str, usize, usize, Vec<f64>, Vec<f64>);

#[derive(Default)]
struct Stats {
    n: usize,
    correct: usize,
    wrong: usize,
    false_pos: usize,
    times_ms: Vec<f64>,
    /// Times of the queries answered at normal speed (no dense look, no speed search).
    times_first_ms: Vec<f64>,
    /// Times of the queries answered by the dense look.
    times_dense_ms: Vec<f64>,
    /// False positives among the held-out negatives, and their significances.
    false_pos_heldout: usize,
    sig_heldout: Vec<f64>,
    scores: Vec<u32>,
    /// `-log10 p` of correct matches.
    sig_true: Vec<f64>,
    /// `-log10 p` of the best cell of each negative (max over the speeds tried).
    sig_neg: Vec<f64>,
    /// Decades each calibration / held-out negative stayed below the acceptance level of the
    /// attempt its reported cell came from (`Outcome::margin`; 0 for a false positive).
    margin_neg: Vec<f64>,
    margin_held: Vec<f64>,
}

fn kind_of(o: &Outcome) -> &'static str {
    match o {
        Outcome::Match(_) => "match",
        Outcome::NoMatch { .. } => "no_match",
        Outcome::TooShort { .. } => "too_short",
    }
}

/// `min / 5th percentile / median / max` of a sample.
fn quantiles(v: &[f64]) -> String {
    if v.is_empty() {
        return "—".into();
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let q = |f: f64| s[((s.len() - 1) as f64 * f).round() as usize];
    format!("{:.1} / {:.1} / {:.1} / {:.1}", q(0.0), q(0.05), q(0.5), q(1.0))
}

/// `FP_BENCH_PROFILE=1`: hash one decoded track a few times and print the speed (for
/// `valgrind --tool=callgrind --toggle-collect='*landmarks_of*'`).
fn profile_extraction(dir: &Path) {
    let music = list(&dir.join("music"), "ogg");
    let x = decode_all(&music[..1]).remove(0);
    let secs = x.len() as f64 / f64::from(SR);
    for config in [HasherConfig::index(), HasherConfig::query()] {
        let t = cpu_ns();
        let n = landmarks_of(&x, f64::from(SR), config).len();
        println!("{config:?}: {n} landmarks, {:.0}x real time", secs / cpu_s_since(t));
    }
}

fn main() {
    if std::env::var_os("FP_BENCH_PROFILE").is_some() {
        profile_extraction(&audio_dir());
        return;
    }
    let quick = std::env::var_os("FP_BENCH_QUICK").is_some();
    let n_queries = if quick { 30 } else { 100 };
    let dir = audio_dir();
    let out_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fingerprint-bench");
    std::fs::create_dir_all(&out_dir).expect("create target/fingerprint-bench");
    let mut rng = Rng(0x5eed_f1e9_0004);

    let music = list(&dir.join("music"), "ogg");
    assert!(music.len() >= 10, "need at least 10 music files in {}", dir.display());
    // Hold out a fixed, seeded set of tracks as negatives.
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
    let extra =
        std::env::var_os("FP_BENCH_MUSIC").map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-music"), PathBuf::from);
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

    // Index: single-threaded extraction timing.
    let mut items = Vec::new();
    let mut hash_cpu = 0.0;
    let mut indexed_s = 0.0;
    for (p, x) in pos_paths.iter().zip(&pos_audio) {
        let t = cpu_ns();
        let lms = landmarks_of(x, f64::from(SR), HasherConfig::index());
        hash_cpu += cpu_s_since(t);
        let dur = x.len() as f64 / f64::from(SR);
        indexed_s += dur;
        let name = p.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        items.push((
            TrackInfo { name, path: p.display().to_string(), title: None, artist: None, duration_s: dur, frames: (dur / FRAME_S) as u32 },
            lms,
        ));
    }
    // The large index: the Warzone 2100 soundtracks (decoded at 16 kHz by opusdec).
    let mut extra_s = 0.0;
    for p in &big_paths {
        let (x, sr) = decode_opus(p);
        let dur = x.len() as f64 / f64::from(sr);
        extra_s += dur;
        let lms = landmarks_of(&x, f64::from(sr), HasherConfig::index());
        let name = p.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        items.push((
            TrackInfo { name, path: p.display().to_string(), title: None, artist: None, duration_s: dur, frames: (dur / FRAME_S) as u32 },
            lms,
        ));
    }
    let n_tracks = items.len();
    let mut index = Index::new();
    index.add_tracks(items);
    let db = out_dir.join("bench.rfp");
    let bytes = index.save(&db).expect("save index");
    let t = Instant::now();
    let index = Index::load(&db).expect("load index");
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    let total_s = indexed_s + extra_s;
    let hours = total_s / 3600.0;
    eprintln!(
        "indexed {n_tracks} tracks, {:.2} h, {} postings ({:.1}/s), {bytes} bytes, loaded in {load_ms:.1} ms",
        hours,
        index.len(),
        index.len() as f64 / total_s
    );

    // Query-side extraction speed (query configuration, same as the engine's).
    let t = cpu_ns();
    let probe_s = 600.0f64.min(indexed_s);
    let mut done = 0.0;
    for x in &pos_audio {
        if done >= probe_s {
            break;
        }
        let _ = landmarks_of(x, f64::from(SR), HasherConfig::query());
        done += x.len() as f64 / f64::from(SR);
    }
    let query_x_rt = done / cpu_s_since(t);

    // Noise sources.
    let crowd_paths: Vec<PathBuf> = list(&dir.join("crowd"), "wav");
    let crowd = decode_all(&crowd_paths);
    let crowd: Vec<Vec<f32>> = crowd.into_iter().filter(|c| c.len() > SR as usize).collect();
    assert!(!crowd.is_empty(), "no crowd recordings in {}", dir.display());

    let qlen = (QUERY_S * f64::from(SR)) as usize;
    // Seeded positives: (track, start sample).
    let positives: Vec<(usize, usize)> = (0..n_queries)
        .map(|_| {
            let t = rng.below(pos_audio.len());
            let max_start = pos_audio[t].len().saturating_sub(qlen + SR as usize);
            (t, rng.below(max_start.max(1)))
        })
        .collect();
    let n_neg = if quick { 20 } else { 40 };
    let negatives: Vec<(usize, usize)> = (0..n_neg)
        .map(|_| {
            let t = rng.below(neg_audio.len());
            (t, rng.below(neg_audio[t].len().saturating_sub(qlen).max(1)))
        })
        .collect();
    // Held-out negatives: music that is not indexed (never used to set anything).
    let n_heldout = if quick { 30 } else { 60 };
    let heldout: Vec<(usize, usize)> = (0..n_heldout)
        .map(|_| {
            let t = rng.below(heldout_audio.len());
            (t, rng.below(heldout_audio[t].len().saturating_sub(qlen).max(1)))
        })
        .collect();
    let noise_pick: Vec<(usize, usize, u64)> = (0..n_queries.max(n_neg))
        .map(|_| {
            let c = rng.below(crowd.len());
            (c, rng.below(crowd[c].len().saturating_sub(qlen).max(1)), rng.next())
        })
        .collect();

    let conds = [Cond::Clean, Cond::Crowd(0), Cond::Crowd(-5), Cond::White(0), Cond::White(-5), Cond::Speed(1.03), Cond::Speed(0.97)];
    let mut clips = String::from("kind\tcondition\tfile\tstart_s\tnoise_file\tnoise_start_s\n");
    let opts = IdentifyOptions::default();
    // One query context for the whole run, as a service or `resonance identify` over many
    // files keeps one: the hashers' kernel tables and FFT plans are built once.
    let mut ident = Identifier::new(opts.clone());
    let make = |x: &[f32], cond: Cond, k: usize| -> (Vec<f32>, String) {
        let (c, cs, seed) = noise_pick[k % noise_pick.len()];
        match cond {
            Cond::Clean => (x.to_vec(), String::new()),
            Cond::Crowd(snr) => {
                let n = &crowd[c][cs..(cs + qlen).min(crowd[c].len())];
                (mix(x, n, f64::from(snr)), format!("{}\t{:.3}", crowd_paths[c].display(), cs as f64 / f64::from(SR)))
            }
            Cond::White(snr) => {
                let mut r = Rng(seed);
                let n: Vec<f32> = (0..x.len()).map(|_| r.gauss() as f32).collect();
                (mix(x, &n, f64::from(snr)), format!("white(seed {seed})\t0"))
            }
            Cond::Speed(s) => {
                // Played at speed s: the samples of rate SR*s presented at SR.
                let y = resample(x, (f64::from(SR) * s).round() as u32, SR).expect("resample");
                (y, String::new())
            }
        }
    };

    // `FP_BENCH_PROFILE_QUERY=N`: N rounds of the clean queries through one `Identifier` and
    // nothing else (attach `perf record -p <pid>` once it says so).
    if let Some(rounds) = std::env::var("FP_BENCH_PROFILE_QUERY").ok().and_then(|v| v.parse::<usize>().ok()) {
        let clips: Vec<&[f32]> = positives.iter().map(|&(t, s)| &pos_audio[t][s..s + qlen]).collect();
        eprintln!("profiling {} clean queries x {rounds} (pid {})", clips.len(), std::process::id());
        let t = cpu_ns();
        for _ in 0..rounds {
            for c in &clips {
                let _ = ident.identify(&index, c, f64::from(SR));
            }
        }
        eprintln!("{:.3} ms per query", cpu_s_since(t) * 1e3 / (rounds * clips.len()) as f64);
        return;
    }
    let mut scores_tsv = String::from("kind\tcondition\toutcome\tscore\tsignificance\n");
    let mut rows = Vec::new();
    // `FP_BENCH_SWEEP_ONLY=1`: skip the main table's conditions (for sweeps while iterating).
    let sweep_only = std::env::var_os("FP_BENCH_SWEEP_ONLY").is_some();
    for &cond in conds.iter().filter(|_| !sweep_only) {
        let mut st = Stats::default();
        for (k, &(t, start)) in positives.iter().enumerate() {
            let src = &pos_audio[t];
            // Speed-changed queries are cut from a longer excerpt so they still last 5 s.
            let len = if let Cond::Speed(s) = cond { (qlen as f64 * s) as usize } else { qlen };
            let x = &src[start..(start + len).min(src.len())];
            let (clip, noise) = make(x, cond, k);
            let clip = &clip[..clip.len().min(qlen)];
            let _ = writeln!(clips, "positive\t{}\t{}\t{:.3}\t{noise}", cond.name(), pos_paths[t].display(), start as f64 / f64::from(SR));
            let tq = cpu_ns();
            let out = ident.identify(&index, clip, f64::from(SR));
            let ms = cpu_s_since(tq) * 1e3;
            st.times_ms.push(ms);
            if out.matched().is_some_and(|m| m.dense) {
                st.times_dense_ms.push(ms);
            }
            if out.matched().is_some_and(|m| (m.speed - 1.0).abs() < 1e-9 && !m.dense) {
                st.times_first_ms.push(ms);
            }
            st.n += 1;
            let _ = writeln!(scores_tsv, "positive\t{}\t{}\t{}\t{:.2}", cond.name(), kind_of(&out), out.score(), out.significance());
            if let Outcome::Match(m) = out {
                let truth = start as f64 / f64::from(SR);
                let name_ok = index.track(m.track).is_some_and(|i| i.path == pos_paths[t].display().to_string());
                let offset_ok = matches!(cond, Cond::Speed(_)) || (m.offset_s - truth).abs() <= 0.1;
                if name_ok && offset_ok {
                    st.correct += 1;
                    st.scores.push(m.score);
                    st.sig_true.push(m.significance);
                } else {
                    st.wrong += 1;
                    eprintln!(
                        "  wrong: {} at {truth:.2} s -> {} at {:.2} s (score {}, threshold {}, speed {})",
                        pos_paths[t].display(),
                        index.track(m.track).map_or("?", |i| i.name.as_str()),
                        m.offset_s,
                        m.score,
                        m.threshold,
                        m.speed
                    );
                }
            }
        }
        if matches!(cond, Cond::Clean | Cond::Crowd(0) | Cond::White(0)) {
            for (k, &(t, start)) in negatives.iter().enumerate() {
                let x = &neg_audio[t][start..(start + qlen).min(neg_audio[t].len())];
                let (clip, noise) = make(x, cond, k + 7);
                let _ =
                    writeln!(clips, "negative\t{}\t{}\t{:.3}\t{noise}", cond.name(), neg_paths[t].display(), start as f64 / f64::from(SR));
                let out = ident.identify(&index, &clip, f64::from(SR));
                st.sig_neg.push(out.significance());
                st.margin_neg.push(out.margin().unwrap_or(0.0));
                let _ = writeln!(scores_tsv, "negative\t{}\t{}\t{}\t{:.2}", cond.name(), kind_of(&out), out.score(), out.significance());
                if let Outcome::Match(m) = out {
                    st.false_pos += 1;
                    eprintln!(
                        "  false positive: {} -> track {} (score {}, threshold {}, speed {})",
                        neg_paths[t].display(),
                        m.track,
                        m.score,
                        m.threshold,
                        m.speed
                    );
                }
            }
        }
        if matches!(cond, Cond::Clean | Cond::Crowd(0) | Cond::White(0)) {
            for (k, &(t, start)) in heldout.iter().enumerate() {
                let x = &heldout_audio[t][start..(start + qlen).min(heldout_audio[t].len())];
                let (clip, noise) = make(x, cond, k + 1000);
                let _ = writeln!(
                    clips,
                    "heldout\t{}\t{}\t{:.3}\t{noise}",
                    cond.name(),
                    heldout_paths[t].display(),
                    start as f64 / f64::from(SR)
                );
                let out = ident.identify(&index, &clip, f64::from(SR));
                st.sig_heldout.push(out.significance());
                st.margin_held.push(out.margin().unwrap_or(0.0));
                let _ = writeln!(scores_tsv, "heldout\t{}\t{}\t{}\t{:.2}", cond.name(), kind_of(&out), out.score(), out.significance());
                if let Outcome::Match(m) = out {
                    st.false_pos_heldout += 1;
                    eprintln!("  HELD-OUT false positive: {} -> track {} (score {})", heldout_paths[t].display(), m.track, m.score);
                }
            }
        }
        let mut sc = st.scores.clone();
        sc.sort_unstable();
        eprintln!(
            "{}: {}/{} correct, {} wrong, {} fp; correct scores {:?}",
            cond.name(),
            st.correct,
            st.n,
            st.wrong,
            st.false_pos,
            &sc[..sc.len().min(8)]
        );
        rows.push((cond, st));
    }
    // Held-out non-music negatives: crowd recordings alone, speech alone and over crowd.
    let speech: Vec<Vec<f32>> =
        speech_clips(&out_dir.join("speech"), if quick { 10 } else { 20 }).into_iter().map(|x| x[..x.len().min(qlen)].to_vec()).collect();
    let n_crowd_neg = if quick { 15 } else { 30 };
    let groups: Vec<(&str, Vec<Vec<f32>>)> = vec![
        (
            "crowd recordings alone",
            (0..n_crowd_neg)
                .map(|k| {
                    let (c, cs, _) = noise_pick[(k * 7 + 3) % noise_pick.len()];
                    crowd[c][cs..(cs + qlen).min(crowd[c].len())].to_vec()
                })
                .collect(),
        ),
        ("speech (espeak-ng)", speech.clone()),
        ("speech over crowd, 0 dB", speech.iter().enumerate().map(|(k, x)| make(x, Cond::Crowd(0), k + 2000).0).collect()),
    ];
    let mut other_rows: Vec<OtherRow> = Vec::new();
    for (kind, group) in &groups {
        let (mut fp, mut sig, mut margins) = (0, Vec::new(), Vec::new());
        for (k, clip) in group.iter().enumerate() {
            let out = ident.identify(&index, clip, f64::from(SR));
            sig.push(out.significance());
            margins.push(out.margin().unwrap_or(0.0));
            let _ = writeln!(clips, "heldout\t{kind}\t#{k}\t0\t");
            let _ = writeln!(scores_tsv, "heldout\t{kind}\t{}\t{}\t{:.2}", kind_of(&out), out.score(), out.significance());
            if let Outcome::Match(m) = out {
                fp += 1;
                eprintln!("  HELD-OUT false positive: {kind} #{k} -> track {} (score {})", m.track, m.score);
            }
        }
        eprintln!("{kind}: {fp}/{} false positives", group.len());
        other_rows.push((kind, group.len(), fp, sig, margins));
    }
    std::fs::write(out_dir.join("clips.tsv"), clips).expect("write clip list");
    std::fs::write(out_dir.join("scores.tsv"), scores_tsv).expect("write score list");

    // Silence and pure noise must not match.
    let silence = vec![0.0f32; qlen];
    let mut r = Rng(7);
    let white: Vec<f32> = (0..qlen).map(|_| 0.1 * r.gauss() as f32).collect();
    let silence_ok = !matches!(ident.identify(&index, &silence, f64::from(SR)), Outcome::Match(_));
    let noise_ok = !matches!(ident.identify(&index, &white, f64::from(SR)), Outcome::Match(_))
        && crowd.iter().take(5).all(|c| !matches!(ident.identify(&index, &c[..qlen.min(c.len())], f64::from(SR)), Outcome::Match(_)));

    // Matching alone (landmarks precomputed), clean queries.
    let pre: Vec<_> =
        positives.iter().map(|&(t, s)| landmarks_of(&pos_audio[t][s..s + qlen], f64::from(SR), HasherConfig::query())).collect();
    let mut match_ms: Vec<f64> = pre
        .iter()
        .map(|l| {
            let t = cpu_ns();
            let _ = query(&index, l, QUERY_S);
            cpu_s_since(t) * 1e3
        })
        .collect();
    match_ms.sort_by(f64::total_cmp);
    let pct_of = |v: &[f64], q: f64| v.get((v.len().saturating_sub(1) as f64 * q).round() as usize).copied().unwrap_or(0.0);

    // fpcalc on the same files (decode + fingerprint, full length) vs ours (decode + hash).
    let n_cmp = if quick { 3 } else { 8 };
    let cmp: Vec<PathBuf> = pos_paths.iter().take(n_cmp).cloned().collect();
    let mut cmp_s = 0.0;
    let t = cpu_ns();
    for p in &cmp {
        let d = decode_file(p).expect("decode");
        cmp_s += d.duration_s();
        let _ = landmarks_of(&d.to_mono(), f64::from(d.sample_rate), HasherConfig::index());
    }
    let ours_full = cmp_s / cpu_s_since(t);
    let t = children_cpu_s();
    let fp_ok = cmp.iter().all(|p| {
        std::process::Command::new("fpcalc")
            .args(["-length", "0", "-raw"])
            .arg(p)
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("FINGERPRINT="))
    });
    let fpcalc_x = cmp_s / (children_cpu_s() - t).max(1e-3);

    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    let mut table = String::new();
    let _ = write!(
        table,
        "Index: {n_tracks} tracks ({} from the shared set, {} Warzone 2100 soundtracks), **{:.2} h**, {} postings ({:.0}/s), {} bytes = **{:.2} MB per hour**; load {:.1} ms. {} queries of {QUERY_S} s per condition (from the shared set's indexed tracks); per noise level {} calibration negatives (held-out tracks of the shared set, used to set `ALPHA`) and {} held-out negatives (Hedgewars and LinCity music, not indexed, never used to set anything).\n\n",
        pos_paths.len(),
        big_paths.len(),
        hours,
        index.len(),
        index.len() as f64 / total_s,
        bytes,
        bytes as f64 / 1e6 / hours,
        load_ms,
        n_queries,
        n_neg,
        n_heldout
    );
    table.push_str("| condition | top-1 (offset ±0.1 s) | wrong track/offset | false pos. (calibration) | false pos. (held-out) | query p50 (CPU) | query p99 (CPU) |\n|---|---|---|---|---|---|---|\n");
    for (cond, st) in &mut rows {
        st.times_ms.sort_by(f64::total_cmp);
        let med = st.times_ms.get(st.times_ms.len() / 2).copied().unwrap_or(0.0);
        let p99 = pct_of(&st.times_ms, 0.99);
        let (fp, fph) = if matches!(cond, Cond::Clean | Cond::Crowd(0) | Cond::White(0)) {
            (format!("{}/{}", st.false_pos, n_neg), format!("{}/{}", st.false_pos_heldout, n_heldout))
        } else {
            ("—".into(), "—".into())
        };
        let _ = writeln!(
            table,
            "| {} | {:.1}% | {} | {fp} | {fph} | {med:.2} ms | {p99:.2} ms |",
            cond.name(),
            pct(st.correct, st.n),
            st.wrong
        );
    }
    for (kind, n, fp, ..) in &other_rows {
        let _ = writeln!(table, "| {kind} (negatives only) | — | — | — | {fp}/{n} | | |");
    }
    // `identify` spends half of ALPHA on the normal-speed attempt, half on the speed search.
    // `identify`'s attempts: half of ALPHA at normal speed, the dense look's own level, the
    // rest over the speeds.
    let (b_first, b_dense, b_speed) = opts.budgets();
    let (accept, accept_dense, accept_speed) = (-b_first.log10(), -b_dense.log10(), -b_speed.log10());
    let all_neg: Vec<f64> = rows.iter().flat_map(|(_, st)| st.sig_neg.iter().copied()).collect();
    let _ = write!(
        table,
        "\nScore distributions as significance `-log10 p` (p = chance probability of the best cell, see `matcher`); a query is accepted at ≥ **{accept:.2}** at normal speed, ≥ {accept_dense:.2} in the dense look, ≥ {accept_speed:.2} in the speed search. Negatives: the cell that came closest to its attempt's level (normal speed, dense look or a speed); margins below are to that attempt's level.\n\n| condition | true matches: min / p5 / median / max | negatives: min / p5 / median / max |\n|---|---|---|\n"
    );
    for (cond, st) in &rows {
        let _ = writeln!(
            table,
            "| {} | {} | {}{} |",
            cond.name(),
            quantiles(&st.sig_true),
            quantiles(&st.sig_neg),
            if st.sig_heldout.is_empty() { String::new() } else { format!("; held-out: {}", quantiles(&st.sig_heldout)) }
        );
    }
    for (kind, _, _, sig, _) in &other_rows {
        let _ = writeln!(table, "| {kind} | — | held-out: {} |", quantiles(sig));
    }
    let heldout_fp: usize = rows.iter().map(|(_, st)| st.false_pos_heldout).sum::<usize>() + other_rows.iter().map(|r| r.2).sum::<usize>();
    let min_of = |v: &mut dyn Iterator<Item = f64>| v.fold(f64::INFINITY, f64::min);
    let margin_cal = min_of(&mut rows.iter().flat_map(|(_, st)| st.margin_neg.iter().copied()));
    let heldout_n = rows.iter().map(|(_, st)| st.margin_held.len()).sum::<usize>() + other_rows.iter().map(|r| r.4.len()).sum::<usize>();
    let margin_held = min_of(
        &mut rows.iter().flat_map(|(_, st)| st.margin_held.iter().copied()).chain(other_rows.iter().flat_map(|r| r.4.iter().copied())),
    );
    let _ = writeln!(
        table,
        "\nMargin: the {} calibration negatives all stayed at least **{margin_cal:.2} decades** below their attempt's acceptance level. Held-out negatives: **{heldout_fp} false positives of {heldout_n}**; smallest margin **{margin_held:.2} decades**.",
        all_neg.len(),
    );
    let _ = write!(
        table,
        "\n- Extraction (hashing only, one core): index side **{:.0}× real time**, query side {:.0}× real time.\n",
        indexed_s / hash_cpu,
        query_x_rt
    );
    let mut first_ms: Vec<f64> = rows.iter().flat_map(|(_, st)| st.times_first_ms.iter().copied()).collect();
    first_ms.sort_by(f64::total_cmp);
    let _ = writeln!(
        table,
        "- Queries answered by the first attempt (normal speed, no dense look or speed search), all conditions ({} queries): p50 **{:.2} ms**, p99 **{:.2} ms**, max {:.2} ms.",
        first_ms.len(),
        pct_of(&first_ms, 0.5),
        pct_of(&first_ms, 0.99),
        first_ms.last().copied().unwrap_or(0.0)
    );
    let mut dense_ms: Vec<f64> = rows.iter().flat_map(|(_, st)| st.times_dense_ms.iter().copied()).collect();
    dense_ms.sort_by(f64::total_cmp);
    let _ = writeln!(
        table,
        "- Queries answered by the dense look, all conditions ({} queries): p50 {:.2} ms, max {:.2} ms.",
        dense_ms.len(),
        pct_of(&dense_ms, 0.5),
        dense_ms.last().copied().unwrap_or(0.0)
    );
    let mut clean_ms = rows.iter().find(|(c, _)| *c == Cond::Clean).map(|(_, st)| st.times_ms.clone()).unwrap_or_default();
    clean_ms.sort_by(f64::total_cmp);
    let _ = writeln!(
        table,
        "- Query latency on this {hours:.2} h index, one core (CPU time), clean 5 s queries: hash + match (`identify`) p50 **{:.2} ms**, p99 **{:.2} ms**; matching only (landmarks given) p50 {:.2} ms, p99 {:.2} ms.",
        pct_of(&clean_ms, 0.5),
        pct_of(&clean_ms, 0.99),
        pct_of(&match_ms, 0.5),
        pct_of(&match_ms, 0.99)
    );
    let _ = writeln!(
        table,
        "- Decode + fingerprint, full files ({n_cmp} tracks): ours {ours_full:.0}× real time, fpcalc {} → ours/fpcalc = **{:.2}**.",
        if fp_ok { format!("{fpcalc_x:.0}× real time") } else { "FAILED (is libchromaprint-tools installed?)".into() },
        ours_full / fpcalc_x
    );
    let _ = writeln!(table, "- Silence → no match: {silence_ok}; white / crowd noise only → no match: {noise_ok}.");
    // How the acceptance threshold scales with index size and query length: the median
    // threshold (distinct matched hashes needed) of held-out negative queries.
    let mut small = Index::new();
    small.add_tracks(
        pos_paths
            .iter()
            .zip(&pos_audio)
            .take(pos_paths.len() / 4)
            .map(|(p, x)| {
                let dur = x.len() as f64 / f64::from(SR);
                // `frames` sizes the chance model (a default 0 made every threshold maximal)
                let info = TrackInfo {
                    name: p.display().to_string(),
                    path: p.display().to_string(),
                    duration_s: dur,
                    frames: (dur / FRAME_S) as u32,
                    ..TrackInfo::default()
                };
                (info, landmarks_of(x, f64::from(SR), HasherConfig::index()))
            })
            .collect(),
    );
    let small_h = small.tracks().iter().map(|t| t.duration_s).sum::<f64>() / 3600.0;
    let _ = write!(
        table,
        "\nAcceptance threshold (distinct matched hashes, median over {} held-out negative queries) by index size and query length:\n\n| index | 2 s | 5 s | 10 s |\n|---|---|---|---|\n",
        heldout.len()
    );
    for (label, ix) in [(format!("{small_h:.2} h"), &small), (format!("{hours:.2} h"), &index)] {
        let mut cells = Vec::new();
        for secs in [2.0, 5.0, 10.0] {
            let n = (secs * f64::from(SR)) as usize;
            let mut thr: Vec<u32> = heldout
                .iter()
                .filter_map(|&(t, start)| heldout_audio[t].get(start..start + n))
                .map(|x| match query(ix, &landmarks_of(x, f64::from(SR), HasherConfig::query()), secs) {
                    Outcome::Match(m) => m.threshold,
                    Outcome::NoMatch { threshold, .. } => threshold,
                    Outcome::TooShort { .. } => 0,
                })
                .collect();
            thr.sort_unstable();
            cells.push(thr.get(thr.len() / 2).copied().unwrap_or(0));
        }
        let _ = writeln!(table, "| {label} | {} | {} | {} |", cells[0], cells[1], cells[2]);
    }

    // Optional sweep of the query fan-out: accuracy where noise hurts, false positives on every
    // negative (calibration and held-out).
    // `FP_BENCH_RATES=index,track,robust` does the same for the chance-rate estimate.
    let mut sweep: Vec<(String, IdentifyOptions)> = std::env::var("FP_BENCH_FANOUTS")
        .ok()
        .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect::<Vec<usize>>())
        .unwrap_or_default()
        .into_iter()
        .map(|f| {
            (
                format!("fan-out {f}"),
                IdentifyOptions { hasher: HasherConfig { fanout: f, ..HasherConfig::query() }, ..IdentifyOptions::default() },
            )
        })
        .collect();
    // `FP_BENCH_DENSE=none,5:6:24:2`: the second look (`half_t:half_f:fan-out:shifts[:level]`, or
    // none).
    for d in std::env::var("FP_BENCH_DENSE").unwrap_or_default().split(',').filter(|d| !d.trim().is_empty()) {
        // An optional fifth field: the dense look's acceptance level (-log10 p).
        let v: Vec<f64> = d.split(':').filter_map(|x| x.trim().parse().ok()).collect();
        let dense = match v[..] {
            [t, f, fan, shifts, ..] => Some(DenseLook {
                hasher: HasherConfig::dense(t as usize, f as usize, fan as usize),
                shifts: shifts as usize,
                alpha: v.get(4).map_or(DENSE_ALPHA, |l| 10f64.powf(-l)),
            }),
            _ => None,
        };
        sweep.push((format!("dense {}", d.trim()), IdentifyOptions { dense, ..IdentifyOptions::default() }));
    }
    for r in std::env::var("FP_BENCH_RATES").unwrap_or_default().split(',') {
        let rate = match r.trim() {
            "index" => ChanceRate::IndexWide,
            "track" => ChanceRate::Track,
            "robust" => ChanceRate::TrackRobust,
            _ => continue,
        };
        sweep.push((format!("{rate:?}"), IdentifyOptions { rate, ..IdentifyOptions::default() }));
    }
    for a in std::env::var("FP_BENCH_ALPHAS").unwrap_or_default().split(',') {
        let Ok(alpha) = a.trim().parse::<f64>() else { continue };
        sweep.push((
            format!("alpha {alpha:e} (accept ≥ {:.2})", -(alpha / 2.0).log10()),
            IdentifyOptions { alpha, ..IdentifyOptions::default() },
        ));
    }
    // `FP_BENCH_DENSE_DIAG=5:6:24:1,...`: calibrates each dense look on its own. Per variant:
    // the dense look's significance (alpha 1: the best cell, accepted or not) of every
    // calibration negative, its acceptance level 1.5 decades above the most significant one,
    // and what that level would give: accuracy (normal-speed attempt, then the dense look) and
    // held-out false positives.
    for d in std::env::var("FP_BENCH_DENSE_DIAG").unwrap_or_default().split(',').filter(|d| !d.trim().is_empty()) {
        let v: Vec<usize> = d.split(':').filter_map(|x| x.trim().parse().ok()).collect();
        let [t, f, fan, shifts] = v[..] else { continue };
        let dense = DenseLook { hasher: HasherConfig::dense(t, f, fan), shifts, alpha: DENSE_ALPHA };
        let mut normal =
            Identifier::new(IdentifyOptions { speeds: Vec::new(), dense: None, alpha: ALPHA / 2.0, ..IdentifyOptions::default() });
        let mut sig_cal = Vec::new();
        for cond in [Cond::Clean, Cond::Crowd(0), Cond::White(0)] {
            for (k, &(tr, start)) in negatives.iter().enumerate() {
                let x = &neg_audio[tr][start..(start + qlen).min(neg_audio[tr].len())];
                sig_cal.push(normal.dense_look(&index, &make(x, cond, k + 7).0, f64::from(SR), dense, 1.0).significance());
            }
        }
        let max_cal = sig_cal.iter().copied().fold(0.0, f64::max);
        let level = max_cal + 1.5;
        let mut sig_held = Vec::new();
        for cond in [Cond::Clean, Cond::Crowd(0), Cond::White(0)] {
            for (k, &(tr, start)) in heldout.iter().enumerate() {
                let x = &heldout_audio[tr][start..(start + qlen).min(heldout_audio[tr].len())];
                sig_held.push(normal.dense_look(&index, &make(x, cond, k + 1000).0, f64::from(SR), dense, 1.0).significance());
            }
        }
        for (_, group) in &groups {
            for clip in group {
                sig_held.push(normal.dense_look(&index, clip, f64::from(SR), dense, 1.0).significance());
            }
        }
        let held_fp = sig_held.iter().filter(|&&x| x >= level).count();
        let max_held = sig_held.iter().copied().fold(0.0, f64::max);
        let mut line =
            format!("dense-diag {d}: calibration max {max_cal:.2} -> level {level:.2}; held-out max {max_held:.2}, {held_fp} >= level;");
        for cond in [Cond::Clean, Cond::Crowd(0), Cond::Crowd(-5), Cond::White(0), Cond::White(-5)] {
            let (mut ok_normal, mut ok_dense, mut miss_sigs) = (0, 0, Vec::new());
            let mut dense_ms = Vec::new();
            for (k, &(tr, start)) in positives.iter().enumerate() {
                let x = &pos_audio[tr][start..(start + qlen).min(pos_audio[tr].len())];
                let clip = make(x, cond, k).0;
                let right = |o: &Outcome| {
                    o.matched().is_some_and(|m| {
                        index.track(m.track).is_some_and(|i| i.path == pos_paths[tr].display().to_string())
                            && (m.offset_s - start as f64 / f64::from(SR)).abs() <= 0.1
                    })
                };
                if right(&normal.identify(&index, &clip, f64::from(SR))) {
                    ok_normal += 1;
                    continue;
                }
                let tq = cpu_ns();
                let o = normal.dense_look(&index, &clip, f64::from(SR), dense, 1.0);
                dense_ms.push(cpu_s_since(tq) * 1e3);
                if right(&o) {
                    miss_sigs.push(o.significance());
                    ok_dense += usize::from(o.significance() >= level);
                }
            }
            miss_sigs.sort_by(|a, b| b.total_cmp(a));
            dense_ms.sort_by(f64::total_cmp);
            let _ = write!(
                line,
                " {}: {} + {} (dense look p50 {:.1} ms; right cells {:?})",
                cond.name(),
                ok_normal,
                ok_dense,
                pct_of(&dense_ms, 0.5),
                miss_sigs.iter().map(|x| (x * 10.0).round() / 10.0).collect::<Vec<_>>()
            );
        }
        eprintln!("{line}");
        let _ = writeln!(table, "\n{line}");
    }
    if !sweep.is_empty() {
        table.push_str("\nSweep (`FP_BENCH_FANOUTS`: query fan-out; `FP_BENCH_RATES`: chance-rate estimate; `FP_BENCH_ALPHAS`: accepted chance-match probability): top-1 accuracy and false positives on all negatives.\n\n| variant | clean | crowd 0 dB | crowd -5 dB | white -5 dB | false pos. calibration | false pos. held-out | smallest margin calibration / held-out (decades) | clean query p50 / p99 | crowd -5 dB query p99 |\n|---|---|---|---|---|---|---|---|---|---|\n");
    }
    for (f, o) in sweep {
        let mut sweep_ident = Identifier::new(o);
        let mut acc = Vec::new();
        let mut clean_t = Vec::new();
        let mut noisy_t = Vec::new();
        for cond in [Cond::Clean, Cond::Crowd(0), Cond::Crowd(-5), Cond::White(-5)] {
            let mut ok = 0;
            for (k, &(t, start)) in positives.iter().enumerate() {
                let x = &pos_audio[t][start..(start + qlen).min(pos_audio[t].len())];
                let (clip, _) = make(x, cond, k);
                let tq = cpu_ns();
                let out = sweep_ident.identify(&index, &clip, f64::from(SR));
                if cond == Cond::Clean {
                    clean_t.push(cpu_s_since(tq) * 1e3);
                } else if cond == Cond::Crowd(-5) {
                    noisy_t.push(cpu_s_since(tq) * 1e3);
                }
                if let Outcome::Match(m) = out
                    && index.track(m.track).is_some_and(|i| i.path == pos_paths[t].display().to_string())
                    && (m.offset_s - start as f64 / f64::from(SR)).abs() <= 0.1
                {
                    ok += 1;
                }
            }
            acc.push(pct(ok, positives.len()));
        }
        let (mut fp_cal, mut fp_held, mut max_held, mut max_cal) = (0, 0, f64::INFINITY, f64::INFINITY);
        for cond in [Cond::Clean, Cond::Crowd(0), Cond::White(0)] {
            for (k, &(t, start)) in negatives.iter().enumerate() {
                let x = &neg_audio[t][start..(start + qlen).min(neg_audio[t].len())];
                let out = sweep_ident.identify(&index, &make(x, cond, k + 7).0, f64::from(SR));
                max_cal = max_cal.min(out.margin().unwrap_or(0.0));
                fp_cal += usize::from(out.matched().is_some());
            }
            for (k, &(t, start)) in heldout.iter().enumerate() {
                let x = &heldout_audio[t][start..(start + qlen).min(heldout_audio[t].len())];
                let out = sweep_ident.identify(&index, &make(x, cond, k + 1000).0, f64::from(SR));
                max_held = max_held.min(out.margin().unwrap_or(0.0));
                fp_held += usize::from(out.matched().is_some());
            }
        }
        for (_, group) in &groups {
            for clip in group {
                let out = sweep_ident.identify(&index, clip, f64::from(SR));
                max_held = max_held.min(out.margin().unwrap_or(0.0));
                fp_held += usize::from(out.matched().is_some());
            }
        }
        clean_t.sort_by(f64::total_cmp);
        noisy_t.sort_by(f64::total_cmp);
        let line = format!(
            "| {f} | {:.0}% | {:.0}% | {:.0}% | {:.0}% | {fp_cal} | {fp_held} | {max_cal:.2} / {max_held:.2} | {:.2} / {:.2} ms | {:.2} ms |",
            acc[0],
            acc[1],
            acc[2],
            acc[3],
            pct_of(&clean_t, 0.5),
            pct_of(&clean_t, 0.99),
            pct_of(&noisy_t, 0.99)
        );
        eprintln!("sweep {line}");
        let _ = writeln!(table, "{line}");
    }
    println!("{table}");
    std::fs::write(out_dir.join("table.md"), &table).expect("write table");
}
