//! Scoring: the queries of every condition through one [`Identifier`], the negatives, the
//! sanity checks (silence, pure noise), the speed measurements, and the optional sweeps.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use resonance_engine::fingerprint::{FRAME_S, HasherConfig};
use resonance_io::decode::decode_file;
use resonance_io::fingerprint::index::{Index, TrackInfo};
use resonance_io::fingerprint::landmarks_of;
use resonance_io::fingerprint::matcher::{ALPHA, ChanceRate, DENSE_ALPHA, DenseLook, Identifier, IdentifyOptions, Outcome, query};
use resonance_test_support::{SplitMix64, thread_cpu_ns, thread_cpu_s_since};

use super::corpus::{Corpus, Indexed, speech_clips};
use super::synthesis::{CONDS, Cond, Queries};
use super::{QUERY_S, SR};

/// A held-out group of non-music negatives: name, clips, false positives, significances and
/// margins (`Outcome::margin`).
pub type OtherRow<'a> = (&'a str, usize, usize, Vec<f64>, Vec<f64>);

#[derive(Debug, Default)]
pub struct Stats {
    pub n: usize,
    pub correct: usize,
    pub wrong: usize,
    pub false_pos: usize,
    pub times_ms: Vec<f64>,
    /// Times of the queries answered at normal speed (no dense look, no speed search).
    pub times_first_ms: Vec<f64>,
    /// Times of the queries answered by the dense look.
    pub times_dense_ms: Vec<f64>,
    /// False positives among the held-out negatives, and their significances.
    pub false_pos_heldout: usize,
    pub sig_heldout: Vec<f64>,
    pub scores: Vec<u32>,
    /// `-log10 p` of correct matches.
    pub sig_true: Vec<f64>,
    /// `-log10 p` of the best cell of each negative (max over the speeds tried).
    pub sig_neg: Vec<f64>,
    /// Decades each calibration / held-out negative stayed below the acceptance level of the
    /// attempt its reported cell came from (`Outcome::margin`; 0 for a false positive).
    pub margin_neg: Vec<f64>,
    pub margin_held: Vec<f64>,
}

/// The outcome's kind in `scores.tsv`.
pub fn kind_of(o: &Outcome) -> &'static str {
    match o {
        Outcome::Match(_) => "match",
        Outcome::NoMatch { .. } => "no_match",
        Outcome::TooShort { .. } => "too_short",
    }
}

/// The material, the index and the queries: what every scoring stage reads.
#[derive(Debug)]
pub struct Eval<'a> {
    /// The music.
    pub c: &'a Corpus,
    /// The index built from it.
    pub b: &'a Indexed,
    /// The seeded queries.
    pub q: &'a Queries,
}

/// The per-query logs written next to the table: `clips.tsv` (what each query is) and
/// `scores.tsv` (what it gave).
#[derive(Debug)]
pub struct Logs {
    /// `clips.tsv`.
    pub clips: String,
    /// `scores.tsv`.
    pub scores: String,
}

impl Default for Logs {
    fn default() -> Self {
        Logs {
            clips: String::from("kind\tcondition\tfile\tstart_s\tnoise_file\tnoise_start_s\n"),
            scores: String::from("kind\tcondition\toutcome\tscore\tsignificance\n"),
        }
    }
}

/// The `q` quantile of a sorted sample (0 for an empty one).
pub fn pct_of(v: &[f64], q: f64) -> f64 {
    v.get((v.len().saturating_sub(1) as f64 * q).round() as usize).copied().unwrap_or(0.0)
}

/// `a` of `b` in %.
pub fn pct(a: usize, b: usize) -> f64 {
    100.0 * a as f64 / b.max(1) as f64
}

/// CPU seconds of waited-for child processes (`cutime + cstime` of `/proc/self/stat`).
fn children_cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, a)| a);
    let f: Vec<f64> = after.split_whitespace().filter_map(|v| v.parse().ok()).collect();
    // Fields 16 and 17 of the file; the state (field 3) is not numeric and was skipped.
    (f.get(12).copied().unwrap_or(0.0) + f.get(13).copied().unwrap_or(0.0)) / 100.0
}

/// Query-side extraction speed (query configuration, same as the engine's) over up to 10 min
/// of the indexed music, × real time.
pub fn query_extraction_speed(c: &Corpus, indexed_s: f64) -> f64 {
    let t = thread_cpu_ns();
    let probe_s = 600.0f64.min(indexed_s);
    let mut done = 0.0;
    for x in &c.pos_audio {
        if done >= probe_s {
            break;
        }
        let _ = landmarks_of(x, f64::from(SR), HasherConfig::query());
        done += x.len() as f64 / f64::from(SR);
    }
    done / thread_cpu_s_since(t)
}

/// Every condition of the main table ([`CONDS`]): the positives, and under the conditions
/// with negatives the calibration and held-out negatives.
pub fn score_conditions(e: &Eval, ident: &mut Identifier, logs: &mut Logs) -> Vec<(Cond, Stats)> {
    let mut rows = Vec::new();
    for &cond in &CONDS {
        let mut st = Stats::default();
        score_positives(e, ident, logs, cond, &mut st);
        if cond.has_negatives() {
            score_negatives(e, ident, logs, cond, &mut st);
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
    rows
}

/// The positives under `cond`: accuracy (track and offset ±0.1 s), times, significances.
fn score_positives(e: &Eval, ident: &mut Identifier, logs: &mut Logs, cond: Cond, st: &mut Stats) {
    let (c, index, q) = (e.c, &e.b.index, e.q);
    for (k, &(t, start)) in q.positives.iter().enumerate() {
        let src = &c.pos_audio[t];
        // Speed-changed queries are cut from a longer excerpt so they still last 5 s.
        let len = if let Cond::Speed(s) = cond { (q.qlen as f64 * s) as usize } else { q.qlen };
        let x = &src[start..(start + len).min(src.len())];
        let (clip, noise) = q.make(x, cond, k);
        let clip = &clip[..clip.len().min(q.qlen)];
        let _ =
            writeln!(logs.clips, "positive\t{}\t{}\t{:.3}\t{noise}", cond.name(), c.pos_paths[t].display(), start as f64 / f64::from(SR));
        let tq = thread_cpu_ns();
        let out = ident.identify(index, clip, f64::from(SR));
        let ms = thread_cpu_s_since(tq) * 1e3;
        st.times_ms.push(ms);
        if out.matched().is_some_and(|m| m.dense) {
            st.times_dense_ms.push(ms);
        }
        if out.matched().is_some_and(|m| (m.speed - 1.0).abs() < 1e-9 && !m.dense) {
            st.times_first_ms.push(ms);
        }
        st.n += 1;
        let _ = writeln!(logs.scores, "positive\t{}\t{}\t{}\t{:.2}", cond.name(), kind_of(&out), out.score(), out.significance());
        if let Outcome::Match(m) = out {
            let truth = start as f64 / f64::from(SR);
            let name_ok = index.track(m.track).is_some_and(|i| i.path == c.pos_paths[t].display().to_string());
            let offset_ok = matches!(cond, Cond::Speed(_)) || (m.offset_s - truth).abs() <= 0.1;
            if name_ok && offset_ok {
                st.correct += 1;
                st.scores.push(m.score);
                st.sig_true.push(m.significance);
            } else {
                st.wrong += 1;
                eprintln!(
                    "  wrong: {} at {truth:.2} s -> {} at {:.2} s (score {}, threshold {}, speed {})",
                    c.pos_paths[t].display(),
                    index.track(m.track).map_or("?", |i| i.name.as_str()),
                    m.offset_s,
                    m.score,
                    m.threshold,
                    m.speed
                );
            }
        }
    }
}

/// The calibration negatives, then the held-out negatives, under `cond`.
fn score_negatives(e: &Eval, ident: &mut Identifier, logs: &mut Logs, cond: Cond, st: &mut Stats) {
    let (c, index, q) = (e.c, &e.b.index, e.q);
    for (k, &(t, start)) in q.negatives.iter().enumerate() {
        let (clip, noise) = q.make(q.negative(c, k), cond, k + 7);
        let _ =
            writeln!(logs.clips, "negative\t{}\t{}\t{:.3}\t{noise}", cond.name(), c.neg_paths[t].display(), start as f64 / f64::from(SR));
        let out = ident.identify(index, &clip, f64::from(SR));
        st.sig_neg.push(out.significance());
        st.margin_neg.push(out.margin().unwrap_or(0.0));
        let _ = writeln!(logs.scores, "negative\t{}\t{}\t{}\t{:.2}", cond.name(), kind_of(&out), out.score(), out.significance());
        if let Outcome::Match(m) = out {
            st.false_pos += 1;
            eprintln!(
                "  false positive: {} -> track {} (score {}, threshold {}, speed {})",
                c.neg_paths[t].display(),
                m.track,
                m.score,
                m.threshold,
                m.speed
            );
        }
    }
    for (k, &(t, start)) in q.heldout.iter().enumerate() {
        let (clip, noise) = q.make(q.heldout_clip(c, k), cond, k + 1000);
        let _ = writeln!(
            logs.clips,
            "heldout\t{}\t{}\t{:.3}\t{noise}",
            cond.name(),
            c.heldout_paths[t].display(),
            start as f64 / f64::from(SR)
        );
        let out = ident.identify(index, &clip, f64::from(SR));
        st.sig_heldout.push(out.significance());
        st.margin_held.push(out.margin().unwrap_or(0.0));
        let _ = writeln!(logs.scores, "heldout\t{}\t{}\t{}\t{:.2}", cond.name(), kind_of(&out), out.score(), out.significance());
        if let Outcome::Match(m) = out {
            st.false_pos_heldout += 1;
            eprintln!("  HELD-OUT false positive: {} -> track {} (score {})", c.heldout_paths[t].display(), m.track, m.score);
        }
    }
}

/// Held-out non-music negatives: crowd recordings alone, synthetic speech alone and over crowd.
pub fn other_groups(q: &Queries, speech_dir: &Path, quick: bool) -> Vec<(&'static str, Vec<Vec<f32>>)> {
    let qlen = q.qlen;
    let speech: Vec<Vec<f32>> =
        speech_clips(speech_dir, if quick { 10 } else { 20 }).into_iter().map(|x| x[..x.len().min(qlen)].to_vec()).collect();
    let n_crowd_neg = if quick { 15 } else { 30 };
    vec![
        (
            "crowd recordings alone",
            (0..n_crowd_neg)
                .map(|k| {
                    let (c, cs, _) = q.noise_pick[(k * 7 + 3) % q.noise_pick.len()];
                    q.crowd[c][cs..(cs + qlen).min(q.crowd[c].len())].to_vec()
                })
                .collect(),
        ),
        ("speech (espeak-ng)", speech.clone()),
        ("speech over crowd, 0 dB", speech.iter().enumerate().map(|(k, x)| q.make(x, Cond::Crowd(0), k + 2000).0).collect()),
    ]
}

/// Scores the non-music negatives: every match is a held-out false positive.
pub fn score_groups<'g>(
    groups: &'g [(&'static str, Vec<Vec<f32>>)],
    index: &Index,
    ident: &mut Identifier,
    logs: &mut Logs,
) -> Vec<OtherRow<'g>> {
    let mut other_rows: Vec<OtherRow> = Vec::new();
    for (kind, group) in groups {
        let (mut fp, mut sig, mut margins) = (0, Vec::new(), Vec::new());
        for (k, clip) in group.iter().enumerate() {
            let out = ident.identify(index, clip, f64::from(SR));
            sig.push(out.significance());
            margins.push(out.margin().unwrap_or(0.0));
            let _ = writeln!(logs.clips, "heldout\t{kind}\t#{k}\t0\t");
            let _ = writeln!(logs.scores, "heldout\t{kind}\t{}\t{}\t{:.2}", kind_of(&out), out.score(), out.significance());
            if let Outcome::Match(m) = out {
                fp += 1;
                eprintln!("  HELD-OUT false positive: {kind} #{k} -> track {} (score {})", m.track, m.score);
            }
        }
        eprintln!("{kind}: {fp}/{} false positives", group.len());
        other_rows.push((kind, group.len(), fp, sig, margins));
    }
    other_rows
}

/// The checks and speeds under the main table.
#[derive(Debug)]
pub struct Checks {
    /// Silence gives no match.
    pub silence_ok: bool,
    /// White noise and crowd noise alone give no match.
    pub noise_ok: bool,
    /// Matching alone (landmarks given), clean queries, sorted (ms).
    pub match_ms: Vec<f64>,
    /// Tracks in the `fpcalc` comparison.
    pub n_cmp: usize,
    /// Ours, decode + fingerprint of full files, × real time.
    pub ours_full: f64,
    /// `fpcalc` on the same files, × real time.
    pub fpcalc_x: f64,
    /// `fpcalc` ran and printed a fingerprint for every file.
    pub fp_ok: bool,
}

/// Silence and pure noise must not match; matching alone is timed; ours against `fpcalc` on
/// full files.
pub fn checks(e: &Eval, ident: &mut Identifier, quick: bool) -> Checks {
    let (c, index, q) = (e.c, &e.b.index, e.q);
    let qlen = q.qlen;
    let silence = vec![0.0f32; qlen];
    let mut r = SplitMix64(7);
    let white: Vec<f32> = (0..qlen).map(|_| 0.1 * r.gauss() as f32).collect();
    let silence_ok = !matches!(ident.identify(index, &silence, f64::from(SR)), Outcome::Match(_));
    let noise_ok = !matches!(ident.identify(index, &white, f64::from(SR)), Outcome::Match(_))
        && q.crowd.iter().take(5).all(|cr| !matches!(ident.identify(index, &cr[..qlen.min(cr.len())], f64::from(SR)), Outcome::Match(_)));

    // Matching alone (landmarks precomputed), clean queries.
    let pre: Vec<_> =
        q.positives.iter().map(|&(t, s)| landmarks_of(&c.pos_audio[t][s..s + qlen], f64::from(SR), HasherConfig::query())).collect();
    let mut match_ms: Vec<f64> = pre
        .iter()
        .map(|l| {
            let t = thread_cpu_ns();
            let _ = query(index, l, QUERY_S);
            thread_cpu_s_since(t) * 1e3
        })
        .collect();
    match_ms.sort_by(f64::total_cmp);

    // fpcalc on the same files (decode + fingerprint, full length) vs ours (decode + hash).
    let n_cmp = if quick { 3 } else { 8 };
    let cmp: Vec<PathBuf> = c.pos_paths.iter().take(n_cmp).cloned().collect();
    let mut cmp_s = 0.0;
    let t = thread_cpu_ns();
    for p in &cmp {
        let d = decode_file(p).expect("decode");
        cmp_s += d.duration_s();
        let _ = landmarks_of(&d.to_mono(), f64::from(d.sample_rate), HasherConfig::index());
    }
    let ours_full = cmp_s / thread_cpu_s_since(t);
    let t = children_cpu_s();
    let fp_ok = cmp.iter().all(|p| {
        std::process::Command::new("fpcalc")
            .args(["-length", "0", "-raw"])
            .arg(p)
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("FINGERPRINT="))
    });
    let fpcalc_x = cmp_s / (children_cpu_s() - t).max(1e-3);
    Checks { silence_ok, noise_ok, match_ms, n_cmp, ours_full, fpcalc_x, fp_ok }
}

/// A smaller index (the first quarter of the shared set's indexed tracks), for the threshold
/// table.
pub fn small_index(c: &Corpus) -> Index {
    let mut small = Index::new();
    small.add_tracks(
        c.pos_paths
            .iter()
            .zip(&c.pos_audio)
            .take(c.pos_paths.len() / 4)
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
    small
}

/// The median acceptance threshold (distinct matched hashes) of the held-out negatives cut to
/// 2, 5 and 10 s, on `ix`.
pub fn thresholds(c: &Corpus, q: &Queries, ix: &Index) -> [u32; 3] {
    [2.0, 5.0, 10.0].map(|secs| {
        let n = (secs * f64::from(SR)) as usize;
        let mut thr: Vec<u32> = q
            .heldout
            .iter()
            .filter_map(|&(t, start)| c.heldout_audio[t].get(start..start + n))
            .map(|x| match query(ix, &landmarks_of(x, f64::from(SR), HasherConfig::query()), secs) {
                Outcome::Match(m) => m.threshold,
                Outcome::NoMatch { threshold, .. } => threshold,
                Outcome::TooShort { .. } => 0,
            })
            .collect();
        thr.sort_unstable();
        thr.get(thr.len() / 2).copied().unwrap_or(0)
    })
}

/// The sweep variants from the environment: `FP_BENCH_FANOUTS=12,16` (query fan-out),
/// `FP_BENCH_DENSE=none,5:6:24:2[:level]` (the dense look: `half_t:half_f:fan-out:shifts`, an
/// optional acceptance level `-log10 p`, or none), `FP_BENCH_RATES=index,track,robust` (the
/// chance-rate estimate), `FP_BENCH_ALPHAS=1e-7,3e-7` (the accepted chance-match probability).
pub fn sweep_variants() -> Vec<(String, IdentifyOptions)> {
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
    sweep
}

/// Whether `o` found positive `k`: its track, at its offset ±0.1 s.
fn right(e: &Eval, k: usize, o: &Outcome) -> bool {
    let (tr, start) = e.q.positives[k];
    o.matched().is_some_and(|m| {
        e.b.index.track(m.track).is_some_and(|i| i.path == e.c.pos_paths[tr].display().to_string())
            && (m.offset_s - start as f64 / f64::from(SR)).abs() <= 0.1
    })
}

/// `FP_BENCH_DENSE_DIAG=5:6:24:1,...`: calibrates each dense look on its own. Per variant:
/// the dense look's significance (alpha 1: the best cell, accepted or not) of every
/// calibration negative, its acceptance level 1.5 decades above the most significant one,
/// and what that level would give: accuracy (normal-speed attempt, then the dense look) and
/// held-out false positives. One line per variant.
pub fn dense_diagnosis(e: &Eval, groups: &[(&str, Vec<Vec<f32>>)]) -> Vec<String> {
    let mut lines = Vec::new();
    for d in std::env::var("FP_BENCH_DENSE_DIAG").unwrap_or_default().split(',').filter(|d| !d.trim().is_empty()) {
        let v: Vec<usize> = d.split(':').filter_map(|x| x.trim().parse().ok()).collect();
        let [t, f, fan, shifts] = v[..] else { continue };
        let dense = DenseLook { hasher: HasherConfig::dense(t, f, fan), shifts, alpha: DENSE_ALPHA };
        let mut normal =
            Identifier::new(IdentifyOptions { speeds: Vec::new(), dense: None, alpha: ALPHA / 2.0, ..IdentifyOptions::default() });
        let (c, index, q) = (e.c, &e.b.index, e.q);
        let mut sig_cal = Vec::new();
        for cond in [Cond::Clean, Cond::Crowd(0), Cond::White(0)] {
            for k in 0..q.negatives.len() {
                sig_cal.push(normal.dense_look(index, &q.make(q.negative(c, k), cond, k + 7).0, f64::from(SR), dense, 1.0).significance());
            }
        }
        let max_cal = sig_cal.iter().copied().fold(0.0, f64::max);
        let level = max_cal + 1.5;
        let mut sig_held = Vec::new();
        for cond in [Cond::Clean, Cond::Crowd(0), Cond::White(0)] {
            for k in 0..q.heldout.len() {
                sig_held.push(
                    normal.dense_look(index, &q.make(q.heldout_clip(c, k), cond, k + 1000).0, f64::from(SR), dense, 1.0).significance(),
                );
            }
        }
        for (_, group) in groups {
            for clip in group {
                sig_held.push(normal.dense_look(index, clip, f64::from(SR), dense, 1.0).significance());
            }
        }
        let held_fp = sig_held.iter().filter(|&&x| x >= level).count();
        let max_held = sig_held.iter().copied().fold(0.0, f64::max);
        let mut line =
            format!("dense-diag {d}: calibration max {max_cal:.2} -> level {level:.2}; held-out max {max_held:.2}, {held_fp} >= level;");
        for cond in [Cond::Clean, Cond::Crowd(0), Cond::Crowd(-5), Cond::White(0), Cond::White(-5)] {
            dense_diagnosis_condition(e, &mut normal, dense, level, cond, &mut line);
        }
        eprintln!("{line}");
        lines.push(line);
    }
    lines
}

/// One condition of [`dense_diagnosis`]: positives found at normal speed, found by the dense
/// look at `level`, the dense look's time and the significances of its right cells.
fn dense_diagnosis_condition(e: &Eval, normal: &mut Identifier, dense: DenseLook, level: f64, cond: Cond, line: &mut String) {
    let (c, index, q) = (e.c, &e.b.index, e.q);
    let (mut ok_normal, mut ok_dense, mut miss_sigs) = (0, 0, Vec::new());
    let mut dense_ms = Vec::new();
    for k in 0..q.positives.len() {
        let clip = q.make(q.positive(c, k), cond, k).0;
        if right(e, k, &normal.identify(index, &clip, f64::from(SR))) {
            ok_normal += 1;
            continue;
        }
        let tq = thread_cpu_ns();
        let o = normal.dense_look(index, &clip, f64::from(SR), dense, 1.0);
        dense_ms.push(thread_cpu_s_since(tq) * 1e3);
        if right(e, k, &o) {
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

/// One sweep variant: accuracy where noise hurts and false positives on every negative
/// (calibration and held-out), as a table row.
pub fn sweep_row(e: &Eval, groups: &[(&str, Vec<Vec<f32>>)], f: &str, o: IdentifyOptions) -> String {
    let (c, index, q) = (e.c, &e.b.index, e.q);
    let mut sweep_ident = Identifier::new(o);
    let mut acc = Vec::new();
    let mut clean_t = Vec::new();
    let mut noisy_t = Vec::new();
    for cond in [Cond::Clean, Cond::Crowd(0), Cond::Crowd(-5), Cond::White(-5)] {
        let mut ok = 0;
        for k in 0..q.positives.len() {
            let (clip, _) = q.make(q.positive(c, k), cond, k);
            let tq = thread_cpu_ns();
            let out = sweep_ident.identify(index, &clip, f64::from(SR));
            if cond == Cond::Clean {
                clean_t.push(thread_cpu_s_since(tq) * 1e3);
            } else if cond == Cond::Crowd(-5) {
                noisy_t.push(thread_cpu_s_since(tq) * 1e3);
            }
            if matches!(out, Outcome::Match(_)) && right(e, k, &out) {
                ok += 1;
            }
        }
        acc.push(pct(ok, q.positives.len()));
    }
    let (mut fp_cal, mut fp_held, mut max_held, mut max_cal) = (0, 0, f64::INFINITY, f64::INFINITY);
    for cond in [Cond::Clean, Cond::Crowd(0), Cond::White(0)] {
        for k in 0..q.negatives.len() {
            let out = sweep_ident.identify(index, &q.make(q.negative(c, k), cond, k + 7).0, f64::from(SR));
            max_cal = max_cal.min(out.margin().unwrap_or(0.0));
            fp_cal += usize::from(out.matched().is_some());
        }
        for k in 0..q.heldout.len() {
            let out = sweep_ident.identify(index, &q.make(q.heldout_clip(c, k), cond, k + 1000).0, f64::from(SR));
            max_held = max_held.min(out.margin().unwrap_or(0.0));
            fp_held += usize::from(out.matched().is_some());
        }
    }
    for (_, group) in groups {
        for clip in group {
            let out = sweep_ident.identify(index, clip, f64::from(SR));
            max_held = max_held.min(out.margin().unwrap_or(0.0));
            fp_held += usize::from(out.matched().is_some());
        }
    }
    clean_t.sort_by(f64::total_cmp);
    noisy_t.sort_by(f64::total_cmp);
    format!(
        "| {f} | {:.0}% | {:.0}% | {:.0}% | {:.0}% | {fp_cal} | {fp_held} | {max_cal:.2} / {max_held:.2} | {:.2} / {:.2} ms | {:.2} ms |",
        acc[0],
        acc[1],
        acc[2],
        acc[3],
        pct_of(&clean_t, 0.5),
        pct_of(&clean_t, 0.99),
        pct_of(&noisy_t, 0.99)
    )
}
