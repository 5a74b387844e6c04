//! Scoring: runs the analyser over the composites, the calm beds and the music-only tracks,
//! and counts hits, latencies, false alarms and the mood confusion matrix.

use std::time::Instant;

use resonance_engine::analysis::CrowdAnalyzer;
use resonance_engine::{CrowdEvent, CrowdEventKind, MoodLabel, MoodSnapshot, Telemetry};
use resonance_test_support::{SplitMix64, thread_cpu_ns, thread_cpu_s_since};

use super::corpus::decode_mono;
use super::synthesis::bed;
use super::{Composite, Ev, KINDS, MUSIC_S, NAMES, RATE, Split, WANT, WARM_S};

/// A composite's kind, true onset and end (s) and its detections (decision time s, kind).
pub type Row = (Ev, f64, f64, Vec<(f64, CrowdEventKind)>);

/// The analyser's events and mood snapshots for `x` (mono at [`RATE`], 64-sample blocks).
pub fn run(x: &[f32]) -> (Vec<CrowdEvent>, Vec<MoodSnapshot>) {
    let mut a = CrowdAnalyzer::new(RATE as f32);
    let (mut ev, mut mo) = (Vec::new(), Vec::new());
    for b in x.chunks(64) {
        a.process(b, &mut |t| match t {
            Telemetry::Event(e) => ev.push(e),
            Telemetry::Mood(m) => mo.push(m),
            _ => {}
        });
    }
    (ev, mo)
}

/// The analyser's cost: shares of one core's real-time budget (%), in thread CPU time and in
/// wall-clock time.
#[derive(Debug, Clone, Copy)]
pub struct CpuShare {
    /// Thread CPU time over audio time, %.
    pub cpu: f64,
    /// Wall-clock time over audio time, %.
    pub wall: f64,
}

/// CPU: 60 s of `split`'s beds at 48 kHz in 64-sample blocks, three times (stereo input is
/// summed to mono before the analyser).
pub fn cpu_share(split: &Split) -> CpuShare {
    let cpu_audio = bed(&split.beds, 60.0, &mut SplitMix64(7));
    let mut a = CrowdAnalyzer::new(RATE as f32);
    let t0 = Instant::now();
    let c0 = thread_cpu_ns();
    for _ in 0..3 {
        a.reset();
        for b in cpu_audio.chunks(64) {
            a.process(std::hint::black_box(b), &mut |t| {
                std::hint::black_box(t);
            });
        }
    }
    let wall = t0.elapsed().as_secs_f64();
    let cpu = thread_cpu_s_since(c0);
    CpuShare { cpu: cpu / (3.0 * 60.0) * 100.0, wall: wall / (3.0 * 60.0) * 100.0 }
}

/// Events raised on the split's music-only tracks (first [`MUSIC_S`] s of each), by kind, and
/// the number of seconds analysed.
pub fn music_events(tracks: &[std::path::PathBuf]) -> (Vec<(String, CrowdEventKind)>, f64) {
    let mut out = Vec::new();
    let mut secs = 0.0;
    for t in tracks {
        let mut x = decode_mono(t);
        x.truncate(MUSIC_S * RATE as usize);
        secs += x.len() as f64 / f64::from(RATE);
        let name = t.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        for e in run(&x).0 {
            out.push((name.clone(), e.kind));
        }
    }
    (out, secs)
}

/// The `p` quantile of `v` (sorted in place), NaN for an empty sample.
pub fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * p).round() as usize]
}

/// Everything the report prints for one split.
#[derive(Debug, Default)]
pub struct SplitScore {
    /// Detection latencies (ms after the true onset) per kind.
    pub lat: [Vec<f64>; KINDS],
    /// Detected composites per kind.
    pub hits: [usize; KINDS],
    /// The lowest confidence of a hit per kind.
    pub conf_min: [f32; KINDS],
    /// Composites per kind.
    pub totals: [usize; KINDS],
    /// Mood confusion, rows truth and columns predicted, in [`MoodLabel::ALL`] order.
    pub conf: [[usize; 7]; 7],
    /// One timeline row per composite.
    pub rows: Vec<Row>,
    /// Events other than chant start/end raised inside the chant clips, with their confidences.
    pub in_chant: Vec<CrowdEventKind>,
    /// The same events as `kind confidence`.
    pub in_chant_conf: Vec<String>,
    /// Seconds of chanting.
    pub chant_s: f64,
    /// Composites whose event was not detected.
    pub missed: Vec<String>,
    /// Whistles raised inside the crowd-reaction composites (cheer, boos, "ooh", applause):
    /// a voice's partial standing out of a reaction.
    pub in_reaction: Vec<String>,
    /// Events raised in each composite's bed before its event (from [`WARM_S`] after the
    /// start to 2 s before the event's onset), more crowd-only ambience.
    pub bed_ev: Vec<CrowdEventKind>,
    /// Seconds of bed that `bed_ev` counts over.
    pub bed_s: f64,
    /// Events raised in the first [`WARM_S`] after the analyser starts.
    pub warm_ev: Vec<CrowdEventKind>,
    /// Mood macro-F1 over the labels present in the ground truth.
    pub macro_f1: f64,
    /// Events on 10 minutes of the split's calm beds (all false alarms).
    pub calm_fa: Vec<CrowdEvent>,
    /// Events on the music-only tracks (track name, kind), and the seconds analysed.
    pub music: (Vec<(String, CrowdEventKind)>, f64),
}

/// Scores one split: every composite, then 10 minutes of its calm beds and its music tracks.
pub fn score_split(split: &Split, set: &[Composite]) -> SplitScore {
    let mut s = SplitScore { conf_min: [1.0; KINDS], ..SplitScore::default() };
    for (ci, c) in set.iter().enumerate() {
        let (ev, mo) = run(&c.audio);
        score_composite(&mut s, ci, c, &ev);
        score_mood(&mut s.conf, c, &mo);
    }
    s.macro_f1 = macro_f1(&s.conf);
    // False alarms on crowd-only calm ambience: 10 minutes of this split's beds.
    let calm = bed(&split.beds, 600.0, &mut SplitMix64(split.seed + 500));
    s.calm_fa = run(&calm).0;
    s.music = music_events(&split.music);
    s
}

/// Counts one composite's detections: its event (hit, latency, confidence), the events in its
/// bed before the event and in the analyser's first seconds, whistles inside a crowd reaction
/// and events inside a chant.
fn score_composite(s: &mut SplitScore, ci: usize, c: &Composite, ev: &[CrowdEvent]) {
    let warm = (WARM_S * f64::from(RATE)) as u64;
    let pre = c.onset.min(c.intrinsic).saturating_sub(2 * RATE as usize) as u64;
    s.bed_s += pre.saturating_sub(warm) as f64 / f64::from(RATE);
    for e in ev.iter().filter(|e| e.detected < pre) {
        if e.onset < warm { s.warm_ev.push(e.kind) } else { s.bed_ev.push(e.kind) }
    }
    // A detection belongs to the composite's event if its (back-dated) onset lies
    // from 1 s before the clip was inserted to the clip's end.
    let lo = c.at.min(c.onset).saturating_sub(RATE as usize) as u64;
    let within = |e: &&CrowdEvent| e.onset >= lo && e.onset <= c.end as u64;
    if matches!(c.kind, Ev::Cheer | Ev::SuddenCheer | Ev::Boo | Ev::Ooh | Ev::Applause) {
        for e in ev.iter().filter(within).filter(|e| e.kind == CrowdEventKind::Whistle) {
            s.in_reaction.push(format!("#{ci} {} {:.2}", NAMES[c.kind as usize], e.confidence));
        }
    }
    if c.kind == Ev::Chant {
        s.chant_s += (c.end - c.onset) as f64 / f64::from(RATE);
        for e in ev {
            let t = e.onset as usize;
            if (c.onset..c.end).contains(&t) && !matches!(e.kind, CrowdEventKind::ChantStart | CrowdEventKind::ChantEnd) {
                s.in_chant.push(e.kind);
                s.in_chant_conf.push(format!("{} {:.2}", e.kind.as_str(), e.confidence));
            }
        }
    }
    let idx = c.kind as usize;
    s.totals[idx] += 1;
    if let Some(e) = ev.iter().filter(within).find(|e| e.kind == WANT[idx]) {
        s.hits[idx] += 1;
        s.lat[idx].push((e.detected as f64 - c.onset as f64) / f64::from(RATE) * 1000.0);
        s.conf_min[idx] = s.conf_min[idx].min(e.confidence);
    } else {
        s.missed.push(format!("#{ci} {}", NAMES[idx]));
    }
    let r = f64::from(RATE);
    s.rows.push((c.kind, c.onset as f64 / r, c.end as f64 / r, ev.iter().map(|e| (e.detected as f64 / r, e.kind)).collect::<Vec<_>>()));
}

/// Adds one composite's mood snapshots to the confusion matrix: calm in the bed (from 2 s
/// after the start, and from 6 s after the event ends), the event's mood from 2 s after its
/// onset to its end.
fn score_mood(conf: &mut [[usize; 7]; 7], c: &Composite, mo: &[MoodSnapshot]) {
    let labels = MoodLabel::ALL;
    let truth = match c.kind {
        Ev::Cheer | Ev::SuddenCheer => Some(MoodLabel::Celebration),
        Ev::Boo => Some(MoodLabel::Disappointment),
        Ev::Chant => Some(MoodLabel::Chanting),
        Ev::Ooh | Ev::Whistle | Ev::Applause | Ev::SynthWhistle | Ev::SynthVaried | Ev::BlindWhistle | Ev::SynthTwoTone => None,
    };
    let r = f64::from(RATE);
    for m in mo {
        let t = m.time as f64 / r;
        let (on, end) = (c.onset as f64 / r, c.end as f64 / r);
        let gt = if t >= 2.0 && t < on {
            Some(MoodLabel::Calm)
        } else if t >= on + 2.0 && t < end {
            truth
        } else if t >= end + 6.0 {
            Some(MoodLabel::Calm)
        } else {
            None
        };
        if let Some(g) = gt {
            let gi = labels.iter().position(|&x| x == g).unwrap_or(0);
            let pi = labels.iter().position(|&x| x == m.label).unwrap_or(0);
            conf[gi][pi] += 1;
        }
    }
}

/// Macro-F1 over the labels present in the ground truth.
fn macro_f1(conf: &[[usize; 7]; 7]) -> f64 {
    let mut f1s = Vec::new();
    for (i, row) in conf.iter().enumerate() {
        let tp = row[i] as f64;
        let support: usize = row.iter().sum();
        if support == 0 {
            continue;
        }
        let predicted: usize = (0..7).map(|g| conf[g][i]).sum();
        let p = if predicted > 0 { tp / predicted as f64 } else { 0.0 };
        let rc = tp / support as f64;
        f1s.push(if p + rc > 0.0 { 2.0 * p * rc / (p + rc) } else { 0.0 });
    }
    f1s.iter().sum::<f64>() / f1s.len().max(1) as f64
}
