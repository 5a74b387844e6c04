//! Crowd-analysis evaluation (issue 3): regenerates a labelled set from the real clips of the
//! test-audio set (nothing is committed) and prints one table per split, plus a detection
//! timeline plot per split in `target/crowd-eval/`.
//!
//! `RESONANCE_TEST_AUDIO=/work/test-audio cargo bench --bench crowd_eval`
//! (`CROWD_EVAL_SPLIT=tuning` runs only the tuning split: use that while tuning.)
//!
//! * **Beds** (crowd-only ambience): 0.8–2 s segments at random offsets of the sustained part
//!   of real ambience clips (their sound-effect fade-ins/outs cut off), each clip levelled to
//!   the same RMS, joined with 250 ms equal-power cross-fades: the clips' own fluctuations, no
//!   artificial level steps or swells at the splices.
//! * **Composites**: real events (cheer, boos, "ooh", referee whistles, applause) mixed into
//!   beds at seeded random offsets and levels; the true onset is the insertion point plus the
//!   clip's own onset (first 10 ms frame within 20 dB of the clip's loudest). Chant composites
//!   splice the real rhythmic-chant clips between beds (cross-faded the same way).
//! * **Split**: the *tuning* split uses beds crowd02/04/06/09/12/15/17/fondo, chants
//!   crowd01/05/08, boos crowdboo, whistles short/long/twice and seeds 1..; the *held-out*
//!   split uses beds crowd/crowd10/crowd11, chants crowd13/14/16, boos boou, whistle end,
//!   and seeds 1001.. never run while tuning. *held-out-2* (session 5) is the held-out clips
//!   again with seed 3001 (new offsets, levels and beds), added as an untouched check after
//!   the first held-out split had been used for diagnosis; *held-out-3* (session 7, seed 5001)
//!   likewise, after both had been used for diagnosis in session 7; *held-out-4* (session 8,
//!   seed 7001) after held-out-3 had been seen too; *held-out-5* (session 9, seed 9001) after
//!   held-out-2 had been diagnosed and held-out-3/-4 run twice; *held-out-6* (session 10, seed
//!   11001) after every earlier split's dump had been read. The held-out splits also get
//!   synthetic pea whistles from their own seeds (two sets: session 5's, and session 6's
//!   wider *varied* set: 2–4.5 kHz, pitch hops, slow attacks). The held-out splits also get
//!   the real whistle of Debian's qabcs-data (`extra/whistle.ogg`, ~3.7 kHz, a different
//!   whistle from the four referee clips) in a row of its own: it is not in the tuning split;
//!   it was blind until its first run with session 6's detector, then diagnosed on the
//!   held-out dump (no longer blind). Every split also gets synthetic *two-tone* whistles
//!   ([`two_tone_whistle`], session 6, after that diagnosis), generated after every other
//!   composite so those stay as they were. Only one cheer, one "ooh" and one applause clip
//!   exist (applause: `scripts/fetch-extra-audio.sh`); they appear in both splits (different
//!   beds, levels and offsets).
//! * **Mood ground truth**: calm for calm beds (from 2 s after the start, and from 6 s after
//!   an event ends), celebration for cheers, disappointment for boos, chanting for chant
//!   clips, each scored from 2 s after the segment starts (the reaction allowance); whistle,
//!   "ooh" and applause segments are not scored (too short, or no implied mood).
//! * **Bad input**: events on music without a crowd (the first 60 s of each music track of
//!   the test-audio set; tracks alternate between the splits by name) and events other than
//!   chant start/end raised inside the chant clips are counted: all of them are false alarms;
//!   so are whistles raised inside the crowd-reaction composites (cheer, boos, "ooh", applause).
//! * Clips crowd03 and crowd07 are excluded: by inspection of their spectrograms they are
//!   neither clearly calm nor clearly chanting.

use std::path::Path;
use std::time::Instant;

use resonance_engine::analysis::CrowdAnalyzer;
use resonance_engine::testing::test_audio_dir as audio_dir;
use resonance_engine::{CrowdEvent, CrowdEventKind, MoodLabel, MoodSnapshot, Telemetry};

const RATE: u32 = 48_000;

fn load(dir: &Path, name: &str) -> Vec<f32> {
    let path = dir.join(name);
    let mut r = hound::WavReader::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let spec = r.spec();
    let ch = usize::from(spec.channels);
    let scale = 1.0 / (1u64 << (spec.bits_per_sample - 1)) as f32;
    let s: Vec<f32> = match spec.sample_format {
        hound::SampleFormat::Float => r.samples::<f32>().map(|v| v.unwrap_or(0.0)).collect(),
        hound::SampleFormat::Int => r.samples::<i32>().map(|v| v.unwrap_or(0) as f32 * scale).collect(),
    };
    let mono: Vec<f32> = s.chunks(ch).map(|c| c.iter().sum::<f32>() / ch as f32).collect();
    let from = spec.sample_rate;
    let n = (mono.len() as u64 * u64::from(RATE) / u64::from(from)) as usize;
    (0..n)
        .map(|i| {
            let pos = i as f64 * f64::from(from) / f64::from(RATE);
            let k = pos as usize;
            let a = mono.get(k).copied().unwrap_or(0.0);
            let b = mono.get(k + 1).copied().unwrap_or(a);
            a + (b - a) * (pos - k as f64) as f32
        })
        .collect()
}

/// A clip fetched by `scripts/fetch-extra-audio.sh` (Ogg), as mono at [`RATE`].
fn load_extra(dir: &Path, name: &str) -> Vec<f32> {
    let path = dir.join(name);
    assert!(
        path.exists(),
        "{} not found: run `scripts/fetch-extra-audio.sh {}` (real applause and a real whistle from Debian packages)",
        path.display(),
        dir.display()
    );
    let d = resonance_io::decode::decode_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    resonance_io::decode::resample(&d.to_mono(), d.sample_rate, RATE).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next()
    }
}

fn rms(x: &[f32]) -> f32 {
    (x.iter().map(|v| v * v).sum::<f32>() / x.len().max(1) as f32).sqrt()
}

/// The sustained part of an ambience clip: its 50 ms frames from the first to the last one
/// within 6 dB of the clip's median level. The etw-data loops are game sound effects with
/// fade-ins and fade-outs of 10–20 dB (crowd.wav rises from -31 to -8 dB and falls back);
/// a real crowd bed has no such swells every 1.4–3 s, so they are cut off.
fn sustained(x: &[f32]) -> &[f32] {
    let f = (RATE / 20) as usize;
    let e: Vec<f32> = x.chunks(f).map(|c| 20.0 * rms(c).max(1e-9).log10()).collect();
    let mut sorted = e.clone();
    sorted.sort_by(f32::total_cmp);
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(0.0);
    let first = e.iter().position(|&v| v >= median - 6.0).unwrap_or(0);
    let last = e.iter().rposition(|&v| v >= median - 6.0).unwrap_or(e.len().saturating_sub(1));
    &x[first * f..((last + 1) * f).min(x.len())]
}

/// Crowd-only bed of `secs` from `clips`: segments of 0.8–2 s taken at random offsets from the
/// clips' sustained parts (each clip levelled to the same RMS), joined with 250 ms equal-power
/// (sine/cosine) cross-fades, so the bed has the clips' own fluctuations but no artificial
/// level steps or swells at the splices (a real broadcast has none).
fn bed(clips: &[Vec<f32>], secs: f64, rng: &mut Rng) -> Vec<f32> {
    let want = (secs * f64::from(RATE)) as usize;
    let fade = (0.25 * f64::from(RATE)) as usize;
    let mut out: Vec<f32> = Vec::with_capacity(want + 3 * RATE as usize);
    let mut last = usize::MAX;
    while out.len() < want {
        let mut i = (rng.next() * clips.len() as f64) as usize % clips.len();
        if i == last && clips.len() > 1 {
            i = (i + 1) % clips.len();
        }
        last = i;
        let c = sustained(&clips[i]);
        let g = 0.1 / rms(c).max(1e-6);
        let len = ((rng.range(0.8, 2.0) * f64::from(RATE)) as usize + fade).min(c.len());
        let start = (rng.next() * (c.len() - len) as f64) as usize;
        let seg: Vec<f32> = c[start..start + len].iter().map(|v| v * g).collect();
        join(&mut out, &seg);
    }
    out.truncate(want);
    out
}

/// Appends `seg` to `out` with a 250 ms equal-power cross-fade (the overlap shortens `out`).
fn join(out: &mut Vec<f32>, seg: &[f32]) {
    let fade = (0.25 * f64::from(RATE)) as usize;
    if out.len() > fade && seg.len() > 2 * fade {
        let s = out.len() - fade;
        for k in 0..fade {
            let w = (k as f32 + 0.5) / fade as f32 * std::f32::consts::FRAC_PI_2;
            out[s + k] = out[s + k] * w.cos() + seg[k] * w.sin();
        }
        out.extend_from_slice(&seg[fade..]);
    } else {
        out.extend_from_slice(seg);
    }
}

/// The clip's own onset: first 10 ms frame within 20 dB of its loudest frame (samples).
fn clip_onset(x: &[f32]) -> usize {
    let f = (RATE / 100) as usize;
    let e: Vec<f32> = x.chunks(f).map(rms).collect();
    let max = e.iter().copied().fold(0.0f32, f32::max);
    e.iter().position(|&v| v >= max * 0.1).unwrap_or(0) * f
}

/// The onset of a crowd reaction mixed into ambience (samples from the clip's start): the
/// first 10 ms frame in which the event, at its mixed gain `g`, is at least as loud as the
/// ambience (`ambience`: RMS of the bed around the insertion point), i.e. where its local
/// event-to-ambience ratio reaches 0 dB. Before that, a slow build is buried in the crowd
/// and nothing can hear it; up to session 3 the label was the clip's own onset
/// ([`clip_onset`]: within 20 dB of the clip's loudest frame), which for the cheer is its
/// first sample, 6–12 dB under the ambience. `None` if the event never reaches the ambience.
fn mixed_onset(clip: &[f32], g: f32, ambience: f32) -> Option<usize> {
    let f = (RATE / 100) as usize;
    clip.chunks(f).position(|c| rms(c) * g >= ambience).map(|k| k * f)
}

/// `x` from the end of its build-up (first 10 ms frame within 6 dB of its loudest), with a
/// 10 ms fade-in.
fn sudden(x: &[f32]) -> Vec<f32> {
    let f = (RATE / 100) as usize;
    let e: Vec<f32> = x.chunks(f).map(rms).collect();
    let max = e.iter().copied().fold(0.0f32, f32::max);
    let at = e.iter().position(|&v| v >= max * 0.5).unwrap_or(0) * f;
    let mut y = x[at..].to_vec();
    for (k, v) in y.iter_mut().take(f).enumerate() {
        *v *= k as f32 / f as f32;
    }
    y
}

/// A synthetic referee's pea whistle at [`RATE`]: one to three blasts of a 2–3.8 kHz tone
/// whose pitch glides up by 5–15 % and whose level rises by 30 dB during an attack of
/// 10–80 ms (the pressure builds; the breath noise is there from the start), with the pea's
/// trill (30–50 Hz: frequency modulation of 0–6 % — a pea held still or a pealess whistle barely moves the pitch — and amplitude modulation of 20–90 %), a
/// weak second harmonic, breath noise 18–30 dB under the held tone and a 10–30 ms release. The ranges are set around what the real clips of the test set show (2.1 kHz,
/// trill ~40 Hz, an attack glide of ~300 Hz) and widened. Only for tuning: the real clips
/// decide the targets.
///
/// `varied` (session 6) widens the set towards whistles unlike the four real clips: a pitch of
/// 2–4.5 kHz, attacks of 10–150 ms, and in half of them pitch hops (the pea jams and frees:
/// the tone jumps 8–16 % up or down and back every 40–300 ms, in ~5 ms).
fn pea_whistle(rng: &mut Rng, varied: bool) -> Vec<f32> {
    let r = f64::from(RATE);
    let f0 = if varied { rng.range(2000.0, 4500.0) } else { rng.range(2000.0, 3800.0) };
    let hop_ratio = if varied && rng.next() < 0.5 { rng.range(1.08, 1.16) } else { 1.0 };
    // (Drawn only for the varied set, so the session-5 set stays as it was.)
    let hop_down = hop_ratio > 1.0 && rng.next() < 0.5;
    let trill = rng.range(30.0, 50.0);
    let fm = rng.range(0.0, 0.06);
    let am = rng.range(0.2, 0.9);
    let glide = rng.range(0.05, 0.15);
    let noise_db = rng.range(-30.0, -18.0);
    let blasts = 1 + (rng.next() * 3.0) as usize % 3;
    let mut out = vec![0.0f32; (0.05 * r) as usize];
    let mut noise = Rng(rng.0 ^ 0x5555);
    for _ in 0..blasts {
        let attack = if varied { rng.range(0.01, 0.15) } else { rng.range(0.01, 0.08) };
        let len = rng.range(0.12, 1.0);
        let release = rng.range(0.01, 0.03);
        let n = ((len + release) * r) as usize;
        let (mut ph, mut tph) = (0.0f64, rng.next() * std::f64::consts::TAU);
        let mut prev = 0.0f64;
        // Pitch hops: the factor moves (in ~5 ms) between 1 and `hop_ratio` (or its inverse)
        // at random times.
        let (mut hopped, mut next_hop, mut hop_f) = (false, if hop_ratio > 1.0 { rng.range(0.04, 0.3) } else { 0.0 }, 1.0f64);
        for k in 0..n {
            let t = k as f64 / r;
            if hop_ratio > 1.0 && t >= next_hop {
                hopped = !hopped;
                next_hop = t + rng.range(0.04, 0.3);
            }
            let target = if hopped { if hop_down { 1.0 / hop_ratio } else { hop_ratio } } else { 1.0 };
            hop_f += (target - hop_f) * (1.0 - (-1.0 / (0.0017 * r)).exp());
            // The tone builds from 30 dB under its hold level (linear in dB) while the breath
            // noise is there from the start: the attack's first frames are weakly tonal.
            let a_env = if t < attack {
                10f64.powf(-1.5 * (1.0 - t / attack))
            } else if t > len {
                (1.0 - (t - len) / release).max(0.0)
            } else {
                1.0
            };
            let n_env = if t > len { (1.0 - (t - len) / release).max(0.0) } else { 1.0 };
            let rise = if t < attack { 1.0 - glide * (1.0 - t / attack) } else { 1.0 };
            tph += std::f64::consts::TAU * trill / r;
            let f = f0 * hop_f * rise * (1.0 + fm * tph.sin());
            ph += std::f64::consts::TAU * f / r;
            let amp = a_env * (1.0 - am * 0.5 * (1.0 - tph.cos()));
            let w = noise.next() * 2.0 - 1.0;
            let hp = w - prev;
            prev = w;
            let v = amp * (ph.sin() + 0.08 * (2.0 * ph).sin()) + n_env * 10f64.powf(noise_db / 20.0) * 1.7 * hp;
            out.push((0.3 * v) as f32);
        }
        out.extend(std::iter::repeat_n(0.0, (rng.range(0.15, 0.5) * r) as usize));
    }
    out
}

/// A synthetic two-tone breathy whistle (session 6). The diagnosis of the qabcs whistle
/// (`CROWD_EVAL_DUMP` on the held-out split, and its spectrum alone) showed what the tuning
/// material lacked: a ~3.75 kHz tone with a second line ~13 % higher (~4.25 kHz) 2–10 dB
/// weaker that at times takes over (its "pitch hop"), breath noise in a band around the tone
/// (±1 kHz, ~30 dB over the rest of the spectrum) that is there from the start while the tone
/// rises ~14 dB over 60–80 ms, and almost no trill: the dominant peak holds its bin. In a
/// crowd its frames read 16–20 dB of prominence (the breath band and the second line sit in
/// the neighbourhood) and a share of 0.3–0.5 (the second line takes a third of the energy)
/// for 60–80 ms. This set: a dominant tone at 2.8–4.5 kHz, a second one 8–16 % higher or
/// lower at −10 to −1 dB, in half of them trading dominance every 40–300 ms, 0–1 % FM and
/// 0–30 % AM at 30–50 Hz, a 10–40 ms onset then a rise of 8–16 dB over 40–100 ms, and a
/// constant band of breath noise (two-pole resonator at the tone, ~1 kHz wide) 14–26 dB under
/// the held tone; one to three blasts.
fn two_tone_whistle(rng: &mut Rng) -> Vec<f32> {
    let r = f64::from(RATE);
    let tau = std::f64::consts::TAU;
    let f0 = rng.range(2800.0, 4500.0);
    let ratio = rng.range(1.08, 1.16);
    let ratio = if rng.next() < 0.5 { ratio } else { 1.0 / ratio };
    let second = 10f64.powf(rng.range(-10.0, -1.0) / 20.0);
    let swaps = rng.next() < 0.5;
    let trill = rng.range(30.0, 50.0);
    let fm = rng.range(0.0, 0.01);
    let am = rng.range(0.0, 0.3);
    let breath_db = rng.range(-26.0, -14.0);
    let blasts = 1 + (rng.next() * 3.0) as usize % 3;
    let mut out = vec![0.0f32; (0.05 * r) as usize];
    let mut noise = Rng(rng.0 ^ 0x3333);
    // Breath: white noise through a two-pole resonator at f0 (bandwidth (1 − ρ)·fs/π ≈ 1 kHz).
    let rho = 1.0 - std::f64::consts::PI * 1000.0 / r;
    let (c1, c2) = (2.0 * rho * (tau * f0 / r).cos(), -rho * rho);
    for _ in 0..blasts {
        let onset = rng.range(0.01, 0.04);
        let rise = rng.range(0.04, 0.1);
        let rise_db = rng.range(8.0, 16.0);
        let len = rng.range(0.15, 1.0);
        let release = rng.range(0.01, 0.03);
        let n = ((len + release) * r) as usize;
        let (mut y1, mut y2) = (0.0f64, 0.0f64);
        let breath: Vec<f64> = (0..n)
            .map(|_| {
                let y = c1 * y1 + c2 * y2 + (noise.next() * 2.0 - 1.0);
                y2 = y1;
                y1 = y;
                y
            })
            .collect();
        let b_rms = (breath.iter().map(|v| v * v).sum::<f64>() / n.max(1) as f64).sqrt().max(1e-9);
        // The tones' RMS at hold is about 0.71 (the dominant one's amplitude 1).
        let b_gain = 0.71 * 10f64.powf(breath_db / 20.0) / b_rms;
        let (mut ph1, mut ph2, mut tph) = (0.0f64, rng.next() * tau, 0.0f64);
        let (mut swapped, mut next_swap, mut mix) = (false, rng.range(0.04, 0.3), 0.0f64);
        for (k, b) in breath.iter().enumerate() {
            let t = k as f64 / r;
            if swaps && t >= next_swap {
                swapped = !swapped;
                next_swap = t + rng.range(0.04, 0.3);
            }
            mix += (if swapped { 1.0 } else { 0.0 } - mix) * (1.0 - (-1.0 / (0.002 * r)).exp());
            // From silence to `rise_db` under the hold level in `onset`, then up to it.
            let env = if t < onset {
                10f64.powf(-rise_db / 20.0) * t / onset
            } else if t < onset + rise {
                10f64.powf(-rise_db / 20.0 * (1.0 - (t - onset) / rise))
            } else if t > len {
                (1.0 - (t - len) / release).max(0.0)
            } else {
                1.0
            };
            let n_env = if t < onset {
                t / onset
            } else if t > len {
                (1.0 - (t - len) / release).max(0.0)
            } else {
                1.0
            };
            tph += tau * trill / r;
            let fmod = 1.0 + fm * tph.sin();
            ph1 += tau * f0 * fmod / r;
            ph2 += tau * f0 * ratio * fmod / r;
            let (a1, a2) = (1.0 - mix * (1.0 - second), second + mix * (1.0 - second));
            let amp = env * (1.0 - am * 0.5 * (1.0 - tph.cos()));
            let v = amp * (a1 * ph1.sin() + a2 * ph2.sin()) + n_env * b_gain * b;
            out.push((0.3 * v) as f32);
        }
        out.extend(std::iter::repeat_n(0.0, (rng.range(0.15, 0.5) * r) as usize));
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Ev {
    Cheer,
    Boo,
    Ooh,
    Whistle,
    Chant,
    Applause,
    /// The cheer from the end of its build-up (10 ms fade-in): a roar that erupts at once.
    SuddenCheer,
    /// A synthetic pea whistle ([`pea_whistle`]): tuning material for the blast's attack,
    /// of which the real clips have only four.
    SynthWhistle,
    /// Synthetic pea whistles of a wider variety ([`pea_whistle`] `varied`, session 6).
    SynthVaried,
    /// The real pea whistle of Debian's qabcs-data (~3.7 kHz, pitch hopping to 4.2 kHz, a
    /// ~35 ms attack): held-out splits only, never run while tuning (session 6).
    BlindWhistle,
    /// Synthetic two-tone whistles ([`two_tone_whistle`], session 6, after the diagnosis of
    /// the qabcs whistle): tuning material for a whistle whose share sits near 0.5.
    SynthTwoTone,
}

const KINDS: usize = 11;
const WANT: [CrowdEventKind; KINDS] = [
    CrowdEventKind::GoalRoar,
    CrowdEventKind::Booing,
    CrowdEventKind::NearMiss,
    CrowdEventKind::Whistle,
    CrowdEventKind::ChantStart,
    CrowdEventKind::Applause,
    CrowdEventKind::GoalRoar,
    CrowdEventKind::Whistle,
    CrowdEventKind::Whistle,
    CrowdEventKind::Whistle,
    CrowdEventKind::Whistle,
];
const NAMES: [&str; KINDS] = [
    "goal_roar (cheer, slow build)",
    "booing",
    "near_miss (ooh)",
    "whistle",
    "chant_start",
    "applause",
    "goal_roar (cheer, sudden)",
    "whistle (synthetic pea)",
    "whistle (synthetic pea, varied)",
    "whistle (real, qabcs)",
    "whistle (synthetic two-tone)",
];

/// CPU time of the calling thread (s), from `/proc/thread-self/schedstat`: on a shared machine
/// wall-clock time also counts the time other processes hold the core.
fn thread_cpu_s() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// A composite's kind, true onset and end (s) and its detections (decision time s, kind).
type Row = (Ev, f64, f64, Vec<(f64, CrowdEventKind)>);

/// One row per composite: the true onset..end (grey bar, black tick at the onset) and every
/// detection (a dot at its decision time, coloured by kind).
fn timeline_plot(path: &Path, split: &str, rows: &[Row]) -> Result<(), Box<dyn std::error::Error>> {
    use plotters::prelude::*;
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d)?;
    }
    let colours: [RGBColor; KINDS] = [
        RED,
        BLUE,
        MAGENTA,
        GREEN,
        CYAN,
        RGBColor(230, 140, 0),
        RGBColor(140, 0, 0),
        RGBColor(0, 110, 0),
        RGBColor(90, 160, 0),
        RGBColor(0, 60, 160),
        RGBColor(120, 0, 160),
    ];
    let end = rows.iter().flat_map(|r| r.3.iter().map(|d| d.0)).fold(40.0f64, f64::max);
    let root = BitMapBackend::new(path, (1400, 60 + 14 * rows.len() as u32)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(format!("crowd_eval {split}: truth (grey) and detections"), ("sans-serif", 20))
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(40)
        .build_cartesian_2d(0.0..end, -0.5..rows.len() as f64 - 0.5)?;
    chart.configure_mesh().x_desc("time (s)").y_desc("composite").disable_y_mesh().draw()?;
    for (i, (kind, on, off, det)) in rows.iter().enumerate() {
        let y = i as f64;
        let c = colours[*kind as usize];
        chart.draw_series(std::iter::once(Rectangle::new([(*on, y - 0.3), (*off, y + 0.3)], c.mix(0.2).filled())))?;
        chart.draw_series(std::iter::once(PathElement::new(vec![(*on, y - 0.45), (*on, y + 0.45)], BLACK)))?;
        for &(t, k) in det {
            let ci = WANT.iter().position(|&w| w == k);
            let col = ci.map_or(BLACK, |ci| colours[ci]);
            chart.draw_series(std::iter::once(Circle::new((t, y), 4, col.filled())))?;
        }
    }
    for (i, n) in NAMES.iter().enumerate() {
        chart
            .draw_series(std::iter::once(Circle::new((-10.0, -10.0), 4, colours[i].filled())))?
            .label(*n)
            .legend(move |(x, y)| Circle::new((x, y), 4, colours[i].filled()));
    }
    chart.configure_series_labels().background_style(WHITE.mix(0.8)).border_style(BLACK).draw()?;
    root.present()?;
    Ok(())
}

struct Composite {
    audio: Vec<f32>,
    kind: Ev,
    /// Where the clip was inserted (samples).
    at: usize,
    /// The event's true onset in the mix (samples): see [`mixed_onset`].
    onset: usize,
    /// The clip's own onset (first 10 ms frame within 20 dB of its loudest), as labelled
    /// up to session 3: printed beside the true onset for comparison.
    intrinsic: usize,
    end: usize,
}

fn run(x: &[f32]) -> (Vec<CrowdEvent>, Vec<MoodSnapshot>) {
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

/// The trace window (ms around the onset) from `CROWD_EVAL_TRACE_MS=lo,hi`, else `default`.
fn trace_window(default: (f64, f64)) -> (f64, f64) {
    std::env::var("CROWD_EVAL_TRACE_MS")
        .ok()
        .and_then(|v| {
            let (a, b) = v.split_once(',')?;
            Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
        })
        .unwrap_or(default)
}

/// Debug aid (`CROWD_EVAL_TRACE=roar`): per-hop surge features around the onset of each
/// cheer, applause, boo and "ooh" composite (the window: `CROWD_EVAL_TRACE_MS`, default -60..400).
fn trace_roar(set: &[Composite]) {
    let (lo, hi) = trace_window((-60.0, 400.0));
    for (i, c) in set.iter().enumerate().filter(|(_, c)| matches!(c.kind, Ev::Cheer | Ev::SuddenCheer | Ev::Applause | Ev::Boo | Ev::Ooh)) {
        let mut a = CrowdAnalyzer::new(RATE as f32);
        let mut last_end = 0;
        println!(
            "-- #{i} {} composite, onset {:.3} s (clip start {:+.0} ms)",
            NAMES[c.kind as usize],
            c.onset as f64 / 48_000.0,
            (c.at as f64 - c.onset as f64) / 48.0
        );
        let (mut n, mut tilt, mut hf) = (0u16, 0.0f32, 0.0f32);
        for (bi, b) in c.audio.chunks(64).enumerate() {
            a.process(b, &mut |t| {
                if let Telemetry::Event(e) = t {
                    println!(
                        "   event {} detected {:+.1} ms, onset {:+.1} ms",
                        e.kind.as_str(),
                        (e.detected as f64 - c.onset as f64) / 48.0,
                        (e.onset as f64 - c.onset as f64) / 48.0
                    );
                }
            });
            let (h, (active, len, bright)) = a.last_detector_hop();
            if h.f.end != last_end {
                last_end = h.f.end;
                let t_ms = ((bi + 1) * 64) as f64 / 48.0 - c.onset as f64 / 48.0;
                if (0.0..800.0).contains(&t_ms) && h.rel_m > 4.0 {
                    n += 1;
                    tilt += h.added_tilt;
                    hf += h.added_hf;
                }
                if (lo..hi).contains(&t_ms) {
                    println!(
                        "   {t_ms:+7.1} ms vfast {:5.1} fast {:5.1} m {:5.1} b1 {:5.1} b3 {:5.1} tilt {:6.1} hf {:6.1} flat {:4.2} clar {:4.2} surge {} len {len} bright {bright}",
                        h.rel_vfast,
                        h.rel_fast,
                        h.rel_m,
                        h.band_rel[1],
                        h.band_rel[3],
                        h.added_tilt,
                        h.added_hf,
                        h.f.flatness,
                        h.f.pitch.clarity,
                        u8::from(active)
                    );
                }
            }
        }
        println!("   mean over 0..800 ms: tilt {:.1} hf {:.1}", tilt / f32::from(n.max(1)), hf / f32::from(n.max(1)));
    }
}

/// Debug aid (`CROWD_EVAL_TRACE=chant`): the whistle detector's frames in the 60 ms before
/// each whistle raised inside a chant composite.
fn trace_chant(set: &[Composite]) {
    for (i, c) in set.iter().enumerate().filter(|(_, c)| c.kind == Ev::Chant) {
        let whistles: Vec<u64> = run(&c.audio).0.iter().filter(|e| e.kind == CrowdEventKind::Whistle).map(|e| e.detected).collect();
        if whistles.is_empty() {
            continue;
        }
        println!("-- #{i} chant composite, whistles detected at {:?} s", whistles.iter().map(|&d| d as f64 / 48_000.0).collect::<Vec<_>>());
        let mut a = CrowdAnalyzer::new(RATE as f32);
        let mut last_end = 0;
        for b in c.audio.chunks(64) {
            a.process(b, &mut |_| {});
            let (f, _) = a.last_hop();
            if f.end != last_end {
                last_end = f.end;
                for t in f.tones {
                    let at = t.end * 3;
                    if whistles.iter().any(|&d| at + 60 * 48 >= d && at <= d) {
                        println!(
                            "   {:9.3} s  peak {:6.0} Hz  prom {:5.1}  share {:4.2}  level {:6.1}  over loudness {:6.1}  harm {:5.1}",
                            at as f64 / 48_000.0,
                            t.hz,
                            t.prom_db,
                            t.share,
                            t.level_db,
                            t.level_db - f.loud_fast,
                            t.harm_db
                        );
                    }
                }
            }
        }
    }
}

/// Debug aid (`CROWD_EVAL_TRACE=1`): per-hop whistle features around each whistle's onset
/// (the window: `CROWD_EVAL_TRACE_MS`, default -40..150).
fn trace(set: &[Composite]) {
    let (lo, hi) = trace_window((-40.0, 150.0));
    for c in set.iter().filter(|c| matches!(c.kind, Ev::Whistle | Ev::SynthWhistle | Ev::SynthVaried | Ev::BlindWhistle | Ev::SynthTwoTone))
    {
        let mut a = CrowdAnalyzer::new(RATE as f32);
        let mut last_end = 0;
        println!(
            "-- whistle composite, onset {:.3} s (clip start {:+.0} ms)",
            c.onset as f64 / f64::from(RATE),
            (c.at as f64 - c.onset as f64) / 48.0
        );
        for (bi, b) in c.audio.chunks(64).enumerate() {
            a.process(b, &mut |t| {
                if let Telemetry::Event(e) = t {
                    println!("   event {} at {:+.1} ms", e.kind.as_str(), (e.detected as f64 - c.onset as f64) / 48.0);
                }
            });
            let (f, _) = a.last_hop();
            if f.end != last_end {
                last_end = f.end;
                let t_ms = ((bi + 1) * 64) as f64 / 48.0 - c.onset as f64 / 48.0;
                if (lo..hi).contains(&t_ms) {
                    for t in f.tones {
                        let rel = (f64::from(a.sample_rate()) * t.end as f64 / 16_000.0 - c.onset as f64) / 48.0;
                        println!(
                            "   {rel:+7.1} ms  peak {:6.0} Hz  prom {:5.1}  share {:4.2}  level {:6.1}  over loudness {:6.1}  harm {:5.1}  novelty {:5.1} (band {:5.1})  music {}",
                            t.hz,
                            t.prom_db,
                            t.share,
                            t.level_db,
                            t.level_db - f.loud_fast,
                            t.harm_db,
                            t.novelty_db,
                            t.band_novelty_db,
                            a.music()
                        );
                    }
                }
            }
        }
    }
}

/// Tuning aid (`CROWD_EVAL_DUMP=1`): writes, per composite and per music track, one TSV of
/// the whistle detector's short frames and one of the hop features to
/// `target/crowd-eval/dump-<split>/`, so detector variants can be simulated offline; with
/// `CROWD_EVAL_DUMP_AUDIO=1` also the audio itself (48 kHz mono, raw little-endian f32,
/// `<name>.f32`), so a new feature can be computed offline before it is built.
fn dump(dir: &Path, name: &str, x: &[f32], meta: &str) {
    use std::fmt::Write as _;
    let mut tones = String::from("t\thz\tprom\tshare\tlevel\tloud_fast\tharm\tmusic\tnov\tnovb\n");
    let mut hops = String::from(
        "t\tloud_m\trel_vfast\trel_fast\trel_m\tb0\tb1\tb2\tb3\tb4\ttilt\thf\tsharp\tclar\tpitch\tflat\tflux\tonset_rate\tperiodicity\tperiod\tcentroid\tmusic\tpresent\tstable\trough\tbeat\n",
    );
    let mut events = String::new();
    let mut a = CrowdAnalyzer::new(RATE as f32);
    let mut last_end = 0;
    for b in x.chunks(64) {
        a.process(b, &mut |t| {
            if let Telemetry::Event(e) = t {
                let _ = writeln!(
                    events,
                    "{}\t{:.4}\t{:.4}\t{:.3}",
                    e.kind.as_str(),
                    e.onset as f64 / 48_000.0,
                    e.detected as f64 / 48_000.0,
                    e.confidence
                );
            }
        });
        let (h, _) = a.last_detector_hop();
        let f = h.f;
        if f.end == last_end {
            continue;
        }
        last_end = f.end;
        for t in f.tones {
            let _ = writeln!(
                tones,
                "{:.4}\t{:.0}\t{:.2}\t{:.3}\t{:.2}\t{:.2}\t{:.2}\t{}\t{:.2}\t{:.2}",
                t.end as f64 / 16_000.0,
                t.hz,
                t.prom_db,
                t.share,
                t.level_db,
                f.loud_fast,
                t.harm_db,
                u8::from(h.music),
                t.novelty_db,
                t.band_novelty_db
            );
        }
        let _ = writeln!(
            hops,
            "{:.3}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{}\t{:.3}\t{:.1}\t{:.3}\t{:.3}\t{:.2}\t{:.3}\t{:.2}\t{:.0}\t{}\t{}\t{}\t{:.2}\t{:.3}",
            f.end as f64 / 16_000.0,
            f.loud_m,
            h.rel_vfast,
            h.rel_fast,
            h.rel_m,
            h.band_rel[0],
            h.band_rel[1],
            h.band_rel[2],
            h.band_rel[3],
            h.band_rel[4],
            h.added_tilt,
            h.added_hf,
            f.sharp_peaks,
            f.pitch.clarity,
            f.pitch.hz,
            f.flatness,
            f.flux,
            f.onset_rate,
            f.periodicity,
            f.period_s,
            f.centroid_hz,
            u8::from(h.music),
            u8::from(h.present),
            f.stable_peaks,
            f.roughness,
            f.beat_periodicity
        );
    }
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::write(dir.join(format!("{name}.tones.tsv")), tones);
    let _ = std::fs::write(dir.join(format!("{name}.hops.tsv")), hops);
    let _ = std::fs::write(dir.join(format!("{name}.events.tsv")), events);
    let _ = std::fs::write(dir.join(format!("{name}.meta")), meta);
    if std::env::var("CROWD_EVAL_DUMP_AUDIO").is_ok() {
        let b: Vec<u8> = x.iter().flat_map(|v| v.to_le_bytes()).collect();
        let _ = std::fs::write(dir.join(format!("{name}.f32")), b);
    }
}

#[derive(Clone)]
struct Split {
    beds: Vec<Vec<f32>>,
    chants: Vec<Vec<f32>>,
    boos: Vec<Vec<f32>>,
    whistles: Vec<Vec<f32>>,
    cheer: Vec<f32>,
    ooh: Vec<f32>,
    applause: Vec<f32>,
    sudden_cheer: Vec<f32>,
    /// The blind real whistle ([`Ev::BlindWhistle`]): empty in the tuning split.
    blind_whistle: Vec<f32>,
    /// Music-only tracks (no crowd): every event on them is a false alarm.
    music: Vec<std::path::PathBuf>,
    seed: u64,
}

/// The analyser's first seconds after a start, counted apart from the composites' beds: the
/// crowd floor is still settling.
const WARM_S: f64 = 3.0;

/// Seconds of each music-only track that are analysed.
const MUSIC_S: usize = 60;

/// Events raised on the split's music-only tracks (first [`MUSIC_S`] s of each), by kind, and
/// the number of seconds analysed.
fn music_events(tracks: &[std::path::PathBuf]) -> (Vec<(String, CrowdEventKind)>, f64) {
    let mut out = Vec::new();
    let mut secs = 0.0;
    for t in tracks {
        let d = resonance_io::decode::decode_file(t).unwrap_or_else(|e| panic!("{}: {e}", t.display()));
        let mut x = resonance_io::decode::resample(&d.to_mono(), d.sample_rate, RATE).unwrap_or_else(|e| panic!("{}: {e}", t.display()));
        x.truncate(MUSIC_S * RATE as usize);
        secs += x.len() as f64 / f64::from(RATE);
        let name = t.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        for e in run(&x).0 {
            out.push((name.clone(), e.kind));
        }
    }
    (out, secs)
}

fn composites(s: &Split, per_kind: usize) -> Vec<Composite> {
    let mut rng = Rng(s.seed);
    let mut out = Vec::new();
    for k in [
        Ev::Cheer,
        Ev::Boo,
        Ev::Ooh,
        Ev::Whistle,
        Ev::Chant,
        Ev::Applause,
        Ev::SuddenCheer,
        Ev::SynthWhistle,
        Ev::SynthVaried,
        Ev::BlindWhistle,
        // Last, so every composite before it is generated exactly as before.
        Ev::SynthTwoTone,
    ] {
        if k == Ev::BlindWhistle && s.blind_whistle.is_empty() {
            continue;
        }
        for i in 0..per_kind {
            let mut audio = bed(&s.beds, 40.0, &mut rng);
            let at = (rng.range(10.0, 22.0) * f64::from(RATE)) as usize;
            if k == Ev::Chant {
                let mut chant: Vec<f32> = Vec::new();
                for j in 0..2 {
                    let c = &s.chants[(i + j) % s.chants.len()];
                    let g = 0.1 / rms(c).max(1e-6);
                    chant.extend(c.iter().map(|v| v * g));
                }
                let tail = bed(&s.beds, 16.0, &mut rng);
                audio.truncate(at);
                join(&mut audio, &chant);
                let end = audio.len();
                join(&mut audio, &tail);
                out.push(Composite { audio, kind: k, at, onset: at, intrinsic: at, end });
                continue;
            }
            let synth;
            let (clip, snr) = match k {
                Ev::SynthWhistle | Ev::SynthVaried => {
                    synth = pea_whistle(&mut rng, k == Ev::SynthVaried);
                    (&synth, rng.range(-3.0, 6.0))
                }
                Ev::Cheer => (&s.cheer, rng.range(6.0, 12.0)),
                Ev::Boo => (&s.boos[i % s.boos.len()], rng.range(6.0, 12.0)),
                Ev::Ooh => (&s.ooh, rng.range(6.0, 12.0)),
                Ev::Applause => (&s.applause, rng.range(3.0, 9.0)),
                Ev::SuddenCheer => (&s.sudden_cheer, rng.range(6.0, 12.0)),
                Ev::BlindWhistle => (&s.blind_whistle, rng.range(-3.0, 6.0)),
                Ev::SynthTwoTone => {
                    synth = two_tone_whistle(&mut rng);
                    (&synth, rng.range(-3.0, 6.0))
                }
                _ => (&s.whistles[i % s.whistles.len()], rng.range(-3.0, 6.0)),
            };
            let g = rms(&audio) / rms(clip).max(1e-6) * 10f32.powf(snr as f32 / 20.0);
            // The ambience around the insertion point (±1 s of the bed, before mixing).
            let r = RATE as usize;
            let ambience = rms(&audio[at.saturating_sub(r)..(at + r).min(audio.len())]);
            for (a, c) in audio.iter_mut().skip(at).zip(clip) {
                *a += c * g;
            }
            let intrinsic = clip_onset(clip);
            // Crowd reactions are level events: their onset in the mix is where they first
            // rise above the ambience. A whistle is a narrow-band tone, audible (and
            // detectable) well below the ambience's broadband level: its onset stays the
            // clip's own.
            let onset = if matches!(k, Ev::Whistle | Ev::SynthWhistle | Ev::SynthVaried | Ev::BlindWhistle | Ev::SynthTwoTone) {
                intrinsic
            } else {
                mixed_onset(clip, g, ambience).unwrap_or(intrinsic)
            };
            out.push(Composite { at, onset: at + onset, intrinsic: at + intrinsic, end: at + clip.len(), audio, kind: k });
        }
    }
    out
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let dir = audio_dir();
    let l = |n: &str| load(&dir, n);
    let applause = load_extra(&dir, "extra/applause.ogg");
    // Music-only tracks, alternately to the tuning and the held-out split (sorted by name).
    let mut tracks: Vec<std::path::PathBuf> = std::fs::read_dir(dir.join("music"))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join("music").display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ogg"))
        .collect();
    tracks.sort();
    let (music_tuning, music_held): (Vec<_>, Vec<_>) = tracks.into_iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let music_tuning: Vec<_> = music_tuning.into_iter().map(|p| p.1).collect();
    let music_held: Vec<_> = music_held.into_iter().map(|p| p.1).collect();
    let tuning = Split {
        beds: ["crowd02", "crowd04", "crowd06", "crowd09", "crowd12", "crowd15", "crowd17", "fondo"]
            .iter()
            .map(|n| l(&format!("crowd/{n}.wav")))
            .collect(),
        chants: ["crowd01", "crowd05", "crowd08"].iter().map(|n| l(&format!("crowd/{n}.wav"))).collect(),
        boos: vec![l("events/crowdboo.wav")],
        whistles: ["refwhistleshort", "refwhistlelong", "refwhistletwice"].iter().map(|n| l(&format!("events/{n}.wav"))).collect(),
        cheer: l("events/crowdcheer.wav"),
        ooh: l("events/crowdooh.wav"),
        applause: applause.clone(),
        sudden_cheer: sudden(&l("events/crowdcheer.wav")),
        blind_whistle: Vec::new(),
        music: music_tuning,
        seed: 1,
    };
    let held = Split {
        beds: ["crowd", "crowd10", "crowd11"].iter().map(|n| l(&format!("crowd/{n}.wav"))).collect(),
        chants: ["crowd13", "crowd14", "crowd16"].iter().map(|n| l(&format!("crowd/{n}.wav"))).collect(),
        boos: vec![l("crowd/boou.wav")],
        whistles: vec![l("events/refwhistleend.wav")],
        cheer: l("events/crowdcheer.wav"),
        ooh: l("events/crowdooh.wav"),
        applause,
        sudden_cheer: sudden(&l("events/crowdcheer.wav")),
        blind_whistle: load_extra(&dir, "extra/whistle.ogg"),
        music: music_held,
        seed: 1001,
    };
    // A second held-out split (session 5): the held-out clips with new offsets, levels and
    // bed excerpts (seed 3001), run once at the end of the session as an untouched check, since the
    // first held-out split had been looked at for diagnosis.
    let held2 = Split { seed: 3001, ..held.clone() };
    // A third (session 7, seed 5001), for the same reason: held-out and held-out-2 were both
    // looked at for diagnosis in session 7; this one was run once, at the end, with the final
    // detector.
    let held3 = Split { seed: 5001, ..held.clone() };
    // A fourth (session 8, seed 7001): held-out, held-out-2 and held-out-3 had all been seen by
    // then; run once, at the end of session 8, with the trill bridge in place.
    let held4 = Split { seed: 7001, ..held.clone() };
    // A fifth (session 9, seed 9001): held-out-2 was diagnosed and held-out-3/-4 run twice
    // while the novelty bonus took shape; this one was first run with the final code.
    let held5 = Split { seed: 9001, ..held.clone() };
    // A sixth (session 10, seed 11001): held-out-5 was diagnosed (its calm bed's chant false
    // alarms) and every split's dump read while the beat test and the near miss's voice band
    // took shape; this one was first run with the final code.
    let held6 = Split { seed: 11001, ..held.clone() };

    // CPU: 60 s at 48 kHz in 64-sample blocks (stereo input is summed to mono before).
    let cpu_audio = bed(&held.beds, 60.0, &mut Rng(7));
    let mut a = CrowdAnalyzer::new(RATE as f32);
    let t0 = Instant::now();
    let c0 = thread_cpu_s().unwrap_or(f64::NAN);
    for _ in 0..3 {
        a.reset();
        for b in cpu_audio.chunks(64) {
            a.process(std::hint::black_box(b), &mut |t| {
                std::hint::black_box(t);
            });
        }
    }
    let wall = t0.elapsed().as_secs_f64();
    let cpu = thread_cpu_s().map_or(f64::NAN, |c1| c1 - c0);
    let cpu_share = cpu / (3.0 * 60.0) * 100.0;
    let wall_share = wall / (3.0 * 60.0) * 100.0;

    println!("## Crowd analysis (issue 3)\n");
    println!(
        "CPU, 64-sample blocks at 48 kHz: **{cpu_share:.3}%** of one core's real-time budget (thread CPU time; wall clock {wall_share:.3}%)\n"
    );

    let which = std::env::var("CROWD_EVAL_SPLIT").unwrap_or_default();
    let out_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/crowd-eval");
    for (name, split) in [
        ("tuning", &tuning),
        ("held-out", &held),
        ("held-out-2", &held2),
        ("held-out-3", &held3),
        ("held-out-4", &held4),
        ("held-out-5", &held5),
        ("held-out-6", &held6),
    ] {
        if !which.is_empty() && which != name {
            continue;
        }
        let set = composites(split, 12);
        if std::env::var("CROWD_EVAL_DUMP").is_ok() {
            let d = out_dir.join(format!("dump-{name}"));
            for (i, c) in set.iter().enumerate() {
                let r = f64::from(RATE);
                let meta =
                    format!("{}\t{:.4}\t{:.4}\t{:.4}\n", NAMES[c.kind as usize], c.at as f64 / r, c.onset as f64 / r, c.end as f64 / r);
                dump(&d, &format!("c{i:02}"), &c.audio, &meta);
            }
            for t in &split.music {
                let dd = resonance_io::decode::decode_file(t).unwrap_or_else(|e| panic!("{}: {e}", t.display()));
                let mut x =
                    resonance_io::decode::resample(&dd.to_mono(), dd.sample_rate, RATE).unwrap_or_else(|e| panic!("{}: {e}", t.display()));
                x.truncate(MUSIC_S * RATE as usize);
                let n = t.file_stem().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                dump(&d, &format!("m_{n}"), &x, "music\n");
            }
            let calm = bed(&split.beds, 600.0, &mut Rng(split.seed + 500));
            dump(&d, "calm", &calm, "calm\n");
            continue;
        }
        match std::env::var("CROWD_EVAL_TRACE").as_deref() {
            Ok("roar") => {
                trace_roar(&set);
                continue;
            }
            Ok("chant") => {
                trace_chant(&set);
                continue;
            }
            Ok(_) => {
                trace(&set);
                continue;
            }
            Err(_) => {}
        }
        let mut lat: [Vec<f64>; KINDS] = Default::default();
        let mut hits = [0usize; KINDS];
        let mut conf_min = [1.0f32; KINDS];
        let mut totals = [0usize; KINDS];
        let labels = MoodLabel::ALL;
        let mut conf = [[0usize; 7]; 7];
        let mut rows = Vec::new();
        // Events other than chant start/end raised inside the chant clips, and chant seconds.
        let (mut in_chant, mut chant_s, mut in_chant_conf) = (Vec::new(), 0.0f64, Vec::new());
        let mut missed = Vec::new();
        // Whistles raised inside the crowd-reaction composites (cheer, boos, "ooh", applause):
        // a voice's partial standing out of a reaction.
        let mut in_reaction = Vec::new();
        // Events raised in each composite's bed before its event (from [`WARM_S`] after the
        // start to 2 s before the event's onset), more crowd-only ambience; and those raised
        // in the first [`WARM_S`] after the analyser starts.
        let (mut bed_ev, mut bed_s, mut warm_ev) = (Vec::new(), 0.0f64, Vec::new());
        let warm = (WARM_S * f64::from(RATE)) as u64;
        for (ci, c) in set.iter().enumerate() {
            let (ev, mo) = run(&c.audio);
            let pre = c.onset.min(c.intrinsic).saturating_sub(2 * RATE as usize) as u64;
            bed_s += pre.saturating_sub(warm) as f64 / f64::from(RATE);
            for e in ev.iter().filter(|e| e.detected < pre) {
                if e.onset < warm { warm_ev.push(e.kind) } else { bed_ev.push(e.kind) }
            }
            // A detection belongs to the composite's event if its (back-dated) onset lies
            // from 1 s before the clip was inserted to the clip's end.
            let lo = c.at.min(c.onset).saturating_sub(RATE as usize) as u64;
            let within = |e: &&CrowdEvent| e.onset >= lo && e.onset <= c.end as u64;
            if matches!(c.kind, Ev::Cheer | Ev::SuddenCheer | Ev::Boo | Ev::Ooh | Ev::Applause) {
                for e in ev.iter().filter(within).filter(|e| e.kind == CrowdEventKind::Whistle) {
                    in_reaction.push(format!("#{ci} {} {:.2}", NAMES[c.kind as usize], e.confidence));
                }
            }
            if c.kind == Ev::Chant {
                chant_s += (c.end - c.onset) as f64 / f64::from(RATE);
                for e in &ev {
                    let t = e.onset as usize;
                    if (c.onset..c.end).contains(&t) && !matches!(e.kind, CrowdEventKind::ChantStart | CrowdEventKind::ChantEnd) {
                        in_chant.push(e.kind);
                        in_chant_conf.push(format!("{} {:.2}", e.kind.as_str(), e.confidence));
                    }
                }
            }
            let idx = c.kind as usize;
            let want = WANT[idx];
            let truth = match c.kind {
                Ev::Cheer | Ev::SuddenCheer => Some(MoodLabel::Celebration),
                Ev::Boo => Some(MoodLabel::Disappointment),
                Ev::Chant => Some(MoodLabel::Chanting),
                Ev::Ooh | Ev::Whistle | Ev::Applause | Ev::SynthWhistle | Ev::SynthVaried | Ev::BlindWhistle | Ev::SynthTwoTone => None,
            };
            totals[idx] += 1;
            if let Some(e) = ev.iter().filter(within).find(|e| e.kind == want) {
                hits[idx] += 1;
                lat[idx].push((e.detected as f64 - c.onset as f64) / f64::from(RATE) * 1000.0);
                conf_min[idx] = conf_min[idx].min(e.confidence);
            } else {
                missed.push(format!("#{ci} {}", NAMES[idx]));
            }
            let r = f64::from(RATE);
            rows.push((
                c.kind,
                c.onset as f64 / r,
                c.end as f64 / r,
                ev.iter().map(|e| (e.detected as f64 / r, e.kind)).collect::<Vec<_>>(),
            ));
            for m in &mo {
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
        // Macro-F1 over the labels present in the ground truth.
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
        let macro_f1 = f1s.iter().sum::<f64>() / f1s.len().max(1) as f64;

        // False alarms on crowd-only calm ambience: 10 minutes of this split's beds.
        let calm = bed(&split.beds, 600.0, &mut Rng(split.seed + 500));
        let (fa, _) = run(&calm);
        println!("### {name} split ({} composites, 40–60 s each)\n", set.len());
        println!(
            "| event kind | detected | latency p50 (ms) | latency p95 (ms) | lowest confidence | false alarms / 10 min crowd-only ambience | false alarms / 10 min in the composites' beds ({:.0} min) |",
            bed_s / 60.0
        );
        println!("|---|---|---|---|---|---|---|");
        let per_bed = |k: CrowdEventKind| bed_ev.iter().filter(|&&e| e == k).count() as f64 / bed_s * 600.0;
        for i in (0..KINDS).filter(|&i| totals[i] > 0) {
            let n_fa = fa.iter().filter(|e| e.kind == WANT[i]).count();
            println!(
                "| {} | {}/{} | {:.0} | {:.0} | {:.2} | {} | {:.2} |",
                NAMES[i],
                hits[i],
                totals[i],
                pct(&mut lat[i].clone(), 0.5),
                pct(&mut lat[i], 0.95),
                conf_min[i],
                n_fa,
                per_bed(WANT[i])
            );
        }
        let k = CrowdEventKind::ChantEnd;
        println!("| {} | – | – | – | – | {} | {:.2} |", k.as_str(), fa.iter().filter(|e| e.kind == k).count(), per_bed(k));
        if !missed.is_empty() {
            println!("\nMissed: {}", missed.join(", "));
        }
        println!(
            "\nWhistles raised inside the crowd-reaction composites (cheer, boos, \"ooh\", applause): {}{}",
            in_reaction.len(),
            if in_reaction.is_empty() { " (none)".to_owned() } else { format!(" ({})", in_reaction.join(", ")) }
        );
        let shifts: Vec<String> = (0..KINDS)
            .filter_map(|i| {
                let v: Vec<f64> =
                    set.iter().filter(|c| c.kind as usize == i).map(|c| (c.onset as f64 - c.intrinsic as f64) / 48.0).collect();
                let max = v.iter().copied().fold(0.0f64, f64::max);
                (max > 0.0).then(|| format!("{} mean {:.0} ms, max {:.0} ms", NAMES[i], v.iter().sum::<f64>() / v.len().max(1) as f64, max))
            })
            .collect();
        println!(
            "\nTrue onsets (event reaches the ambience) after the clips' own onsets (the labels up to session 3): {}",
            if shifts.is_empty() { "none".to_string() } else { shifts.join("; ") }
        );
        let count = |v: &[CrowdEventKind]| {
            let mut parts = Vec::new();
            for k in [
                CrowdEventKind::Whistle,
                CrowdEventKind::GoalRoar,
                CrowdEventKind::NearMiss,
                CrowdEventKind::Booing,
                CrowdEventKind::Applause,
                CrowdEventKind::ChantStart,
                CrowdEventKind::ChantEnd,
            ] {
                let n = v.iter().filter(|&&e| e == k).count();
                if n > 0 {
                    parts.push(format!("{} {n}", k.as_str()));
                }
            }
            if parts.is_empty() { "none".to_string() } else { parts.join(", ") }
        };
        println!(
            "\nEvents raised in the composites' beds before their event ({:.1} min, from {WARM_S} s after the start to 2 s before the onset): {} ({}); in the first {WARM_S} s after the analyser starts: {} ({})",
            bed_s / 60.0,
            bed_ev.len(),
            count(&bed_ev),
            warm_ev.len(),
            count(&warm_ev)
        );
        println!(
            "\nEvents raised inside the chant clips ({chant_s:.0} s of chanting; chant start/end excluded): {} ({})",
            in_chant.len(),
            count(&in_chant)
        );
        if !in_chant_conf.is_empty() {
            println!("(confidences: {})", in_chant_conf.join(", "));
        }
        let (mev, msecs) = music_events(&split.music);
        let kinds: Vec<CrowdEventKind> = mev.iter().map(|e| e.1).collect();
        let mut per_track: Vec<String> = Vec::new();
        for t in &split.music {
            let n = t.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let c = mev.iter().filter(|e| e.0 == n).count();
            if c > 0 {
                per_track.push(format!("{n} {c}"));
            }
        }
        println!(
            "\nEvents on music without a crowd ({} tracks × first {MUSIC_S} s = {:.0} min): {} = {:.1} per 10 min ({}); tracks with events: {}",
            split.music.len(),
            msecs / 60.0,
            mev.len(),
            mev.len() as f64 / msecs * 600.0,
            count(&kinds),
            if per_track.is_empty() { "none".to_string() } else { per_track.join(", ") }
        );
        let plot = out_dir.join(format!("timeline-{name}.png"));
        match timeline_plot(&plot, name, &rows) {
            Ok(()) => println!("\nDetection timeline: `{}`", plot.display()),
            Err(e) => println!("\n(no timeline plot: {e})"),
        }
        println!("\nMood macro-F1 ({name}, labels in ground truth: calm, celebration, disappointment, chanting): **{macro_f1:.3}**\n");
        println!("Confusion (rows truth, columns predicted; {}):\n", labels.map(MoodLabel::as_str).join(", "));
        for (i, row) in conf.iter().enumerate() {
            if row.iter().sum::<usize>() > 0 {
                println!("    {:<15} {:?}", labels[i].as_str(), row);
            }
        }
        println!();
    }
}
