//! Music recognition benchmark (issue 4): accuracy under crowd and white noise, speed changes,
//! false positives, query latency, extraction speed, index size, and `fpcalc` as a peer.
//!
//! `cargo bench --bench fingerprint` (set `RESONANCE_TEST_AUDIO`; `FP_BENCH_QUICK=1` for a
//! few-minute run with fewer queries). Seeded: the same clips every run; the clip list is
//! written to `target/fingerprint-bench/clips.tsv`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use resonance_engine::decode::{decode_file, resample};
use resonance_engine::fingerprint::index::{Index, TrackInfo};
use resonance_engine::fingerprint::matcher::{IdentifyOptions, Outcome, identify, query};
use resonance_engine::fingerprint::{FRAME_S, HasherConfig, landmarks_of};
use resonance_engine::testing::test_audio_dir as audio_dir;

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

/// CPU time of the calling thread (ns), from `/proc/thread-self/schedstat`: the machine is
/// shared, so speeds are measured in CPU time, not wall time.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0)
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

#[derive(Default)]
struct Stats {
    n: usize,
    correct: usize,
    wrong: usize,
    false_pos: usize,
    times_ms: Vec<f64>,
    scores: Vec<u32>,
}

fn main() {
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
    let mut index = Index::new();
    index.add_tracks(items);
    let db = out_dir.join("bench.rfp");
    let bytes = index.save(&db).expect("save index");
    let t = Instant::now();
    let index = Index::load(&db).expect("load index");
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    let hours = indexed_s / 3600.0;
    eprintln!(
        "indexed {:.2} h, {} postings ({:.1}/s), {bytes} bytes, loaded in {load_ms:.1} ms",
        hours,
        index.len(),
        index.len() as f64 / indexed_s
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
    let noise_pick: Vec<(usize, usize, u64)> = (0..n_queries.max(n_neg))
        .map(|_| {
            let c = rng.below(crowd.len());
            (c, rng.below(crowd[c].len().saturating_sub(qlen).max(1)), rng.next())
        })
        .collect();

    let conds = [Cond::Clean, Cond::Crowd(0), Cond::Crowd(-5), Cond::White(0), Cond::White(-5), Cond::Speed(1.03), Cond::Speed(0.97)];
    let mut clips = String::from("kind\tcondition\tfile\tstart_s\tnoise_file\tnoise_start_s\n");
    let opts = IdentifyOptions::default();
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

    let mut rows = Vec::new();
    for &cond in &conds {
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
            let out = identify(&index, clip, f64::from(SR), &opts);
            st.times_ms.push(cpu_s_since(tq) * 1e3);
            st.n += 1;
            if let Outcome::Match(m) = out {
                let truth = start as f64 / f64::from(SR);
                let name_ok = index.track(m.track).is_some_and(|i| i.path == pos_paths[t].display().to_string());
                let offset_ok = matches!(cond, Cond::Speed(_)) || (m.offset_s - truth).abs() <= 0.1;
                if name_ok && offset_ok {
                    st.correct += 1;
                    st.scores.push(m.score);
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
                if let Outcome::Match(m) = identify(&index, &clip, f64::from(SR), &opts) {
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
    std::fs::write(out_dir.join("clips.tsv"), clips).expect("write clip list");

    // Silence and pure noise must not match.
    let silence = vec![0.0f32; qlen];
    let mut r = Rng(7);
    let white: Vec<f32> = (0..qlen).map(|_| 0.1 * r.gauss() as f32).collect();
    let silence_ok = !matches!(identify(&index, &silence, f64::from(SR), &opts), Outcome::Match(_));
    let noise_ok = !matches!(identify(&index, &white, f64::from(SR), &opts), Outcome::Match(_))
        && crowd.iter().take(5).all(|c| !matches!(identify(&index, &c[..qlen.min(c.len())], f64::from(SR), &opts), Outcome::Match(_)));

    // Matching alone (landmarks precomputed), clean queries.
    let pre: Vec<_> =
        positives.iter().map(|&(t, s)| landmarks_of(&pos_audio[t][s..s + qlen], f64::from(SR), HasherConfig::query())).collect();
    let t = cpu_ns();
    for l in &pre {
        let _ = query(&index, l, QUERY_S);
    }
    let match_ms = cpu_s_since(t) * 1e3 / pre.len() as f64;

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
        "Index: {} tracks, {:.2} h, {} postings ({:.0}/s), {} bytes = **{:.2} MB per hour**; load {:.1} ms. {} queries of {QUERY_S} s per condition, {} negatives (held-out tracks) per noise level.\n\n",
        pos_paths.len(),
        hours,
        index.len(),
        index.len() as f64 / indexed_s,
        bytes,
        bytes as f64 / 1e6 / hours,
        load_ms,
        n_queries,
        n_neg
    );
    table.push_str("| condition | top-1 (offset ±0.1 s) | wrong track/offset | false pos. (negatives) | query median (CPU) | query p95 (CPU) |\n|---|---|---|---|---|---|\n");
    for (cond, st) in &mut rows {
        st.times_ms.sort_by(f64::total_cmp);
        let med = st.times_ms.get(st.times_ms.len() / 2).copied().unwrap_or(0.0);
        let p95 = st.times_ms.get(st.times_ms.len() * 95 / 100).copied().unwrap_or(0.0);
        let fp = if matches!(cond, Cond::Clean | Cond::Crowd(0) | Cond::White(0)) {
            format!("{}/{}", st.false_pos, n_neg)
        } else {
            "—".into()
        };
        let _ = writeln!(table, "| {} | {:.1}% | {} | {fp} | {med:.2} ms | {p95:.2} ms |", cond.name(), pct(st.correct, st.n), st.wrong);
    }
    let _ = write!(
        table,
        "\n- Extraction (hashing only, one core): index side **{:.0}× real time**, query side {:.0}× real time.\n",
        indexed_s / hash_cpu,
        query_x_rt
    );
    let _ = writeln!(table, "- Matching only (landmarks given), clean 5 s query: {match_ms:.2} ms.");
    let _ = writeln!(
        table,
        "- Decode + fingerprint, full files ({n_cmp} tracks): ours {ours_full:.0}× real time, fpcalc {} → ours/fpcalc = **{:.2}**.",
        if fp_ok { format!("{fpcalc_x:.0}× real time") } else { "FAILED (is libchromaprint-tools installed?)".into() },
        ours_full / fpcalc_x
    );
    let _ = writeln!(table, "- Silence → no match: {silence_ok}; white / crowd noise only → no match: {noise_ok}.");
    println!("{table}");
    std::fs::write(out_dir.join("table.md"), &table).expect("write table");
}
