//! Composites for learning and scoring the reaction type: every event span of the corpus over
//! beds of either group, at 0–14 dB over the bed, sped or slowed by up to 10 % (pitch and time
//! together), low-passed (a far or dark microphone) or tilted bright, and in a third of them
//! music or speech over the crowd; plus negatives that must raise no reaction: swells of the
//! bed (+2 to +6 dB over 1–4 s), music and speech over a bed, fireworks, calm beds.

use resonance_engine::analysis::probes::ReactionClass;
use resonance_test_support::{SplitMix64, rms};

use super::super::RATE;
use super::super::synthesis::{bed, clip_onset};
use super::class_of;
use super::corpus::Span;

/// One composite.
#[derive(Debug, Clone)]
pub struct Mix {
    /// Mono at [`RATE`].
    pub audio: Vec<f32>,
    /// What was mixed in (`Other` for negatives).
    pub class: ReactionClass,
    /// The event's source (leave-one-source-out fold), or the negative's kind.
    pub source: String,
    /// Bed group.
    pub group: char,
    /// Where the event was inserted and where it ends (s); the event's own onset (s).
    pub at: f64,
    /// End of the event (s).
    pub end: f64,
    /// The event's onset in the mix (s): insertion plus the clip's own onset.
    pub onset: f64,
    /// What the negative is: `swell+4dB`, `music`, `speech`, `bait`, `calm`; empty for events.
    pub negative: String,
    /// Swell height (dB) of a swell negative.
    pub swell_db: f32,
}

/// Seconds of bed before an event (the floor settles in the first).
const LEAD_S: f64 = 4.0;
/// Seconds after it.
const TAIL_S: f64 = 3.0;
/// Longest event excerpt (s).
const MAX_EVENT_S: f64 = 6.0;

/// Resamples by `r` (> 1 faster and higher) with linear interpolation.
fn varispeed(x: &[f32], r: f64) -> Vec<f32> {
    let n = (x.len() as f64 / r) as usize;
    (0..n)
        .map(|i| {
            let t = i as f64 * r;
            let k = t as usize;
            let f = (t - k as f64) as f32;
            let a = x.get(k).copied().unwrap_or(0.0);
            let b = x.get(k + 1).copied().unwrap_or(a);
            a + (b - a) * f
        })
        .collect()
}

/// One-pole low-pass at `hz`.
fn lowpass(x: &[f32], hz: f64) -> Vec<f32> {
    let c = (1.0 - (-2.0 * std::f64::consts::PI * hz / f64::from(RATE)).exp()) as f32;
    let mut s = 0.0f32;
    x.iter()
        .map(|&v| {
            s += (v - s) * c;
            s
        })
        .collect()
}

/// A random colouring: flat, low-passed at 1.5–4 kHz (far away, dark microphone), or tilted
/// bright (the input plus its high-passed part).
fn colour(x: &[f32], rng: &mut SplitMix64) -> Vec<f32> {
    match rng.below(3) {
        0 => x.to_vec(),
        1 => lowpass(x, rng.range(1500.0, 4000.0)),
        _ => {
            let lp = lowpass(x, 1000.0);
            let g = rng.range(0.5, 1.5) as f32;
            x.iter().zip(&lp).map(|(v, l)| v + g * (v - l)).collect()
        }
    }
}

/// A random excerpt of `secs` of `x` (all of it when shorter).
fn excerpt<'a>(x: &'a [f32], secs: f64, rng: &mut SplitMix64) -> &'a [f32] {
    let n = ((secs * f64::from(RATE)) as usize).min(x.len());
    let start = (rng.uniform() * (x.len() - n) as f64) as usize;
    &x[start..start + n]
}

/// Adds `y` scaled to `db` relative to the RMS of `base` into `out` from sample `at`.
fn add_at(out: &mut [f32], y: &[f32], at: usize, base_rms: f32, db: f64) {
    let g = base_rms * 10f32.powf(db as f32 / 20.0) / rms(y).max(1e-6);
    for (o, v) in out.iter_mut().skip(at).zip(y) {
        *o += v * g;
    }
}

/// What the mixing draws from.
#[derive(Debug)]
pub struct Material<'a> {
    /// Ambience clips per group.
    pub beds: [Vec<Vec<f32>>; 2],
    /// Music excerpts per group (first minute of alternate tracks).
    pub music: [Vec<Vec<f32>>; 2],
    /// Speech and bait spans.
    pub speech: Vec<&'a Span>,
    /// Bangs.
    pub bait: Vec<&'a Span>,
    /// Other crowds' murmur (markets, a restaurant): calm negatives of their own.
    pub murmur: Vec<Vec<f32>>,
}

fn gi(group: char) -> usize {
    usize::from(group == 'B')
}

/// `variants` composites of the event span `e` over beds of `group`.
pub fn events(e: &Span, group: char, variants: usize, m: &Material, rng: &mut SplitMix64) -> Vec<Mix> {
    let Some(class) = class_of(&e.kind) else { return Vec::new() };
    (0..variants)
        .map(|v| {
            let snr = [0.0, 3.0, 6.0, 10.0, 14.0][v % 5] + rng.range(-1.0, 1.0);
            let speed = rng.range(0.9, 1.1);
            let ev = colour(&varispeed(excerpt(&e.audio, MAX_EVENT_S, rng), speed), rng);
            let secs = LEAD_S + ev.len() as f64 / f64::from(RATE) + TAIL_S;
            let mut out = bed(&m.beds[gi(group)], secs, rng);
            let base = rms(&out);
            let at = (LEAD_S * f64::from(RATE)) as usize;
            add_at(&mut out, &ev, at, base, snr);
            overlay(&mut out, group, m, rng);
            let sr = f64::from(RATE);
            Mix {
                audio: out,
                class,
                source: e.source.clone(),
                group,
                at: LEAD_S,
                end: LEAD_S + ev.len() as f64 / sr,
                onset: LEAD_S + clip_onset(&ev) as f64 / sr,
                negative: String::new(),
                swell_db: 0.0,
            }
        })
        .collect()
}

/// In a third of the composites, music (-14…-6 dB) or speech (-6…+3 dB) over the whole mix.
fn overlay(out: &mut [f32], group: char, m: &Material, rng: &mut SplitMix64) {
    let base = rms(out);
    let secs = out.len() as f64 / f64::from(RATE);
    match rng.below(6) {
        0 if !m.music[gi(group)].is_empty() => {
            let t = &m.music[gi(group)][rng.below(m.music[gi(group)].len())];
            let x = excerpt(t, secs, rng).to_vec();
            add_at(out, &x, 0, base, rng.range(-14.0, -6.0));
        }
        1 if !m.speech.is_empty() => {
            let x = excerpt(&m.speech[0].audio, secs, rng).to_vec();
            add_at(out, &x, 0, base, rng.range(-6.0, 3.0));
        }
        _ => {}
    }
}

/// Negatives over beds of `group`: `n` each of swells (+2, +4, +6 dB), music, speech, bangs
/// and calm beds; nothing in them is a reaction.
pub fn negatives(group: char, n: usize, m: &Material, rng: &mut SplitMix64) -> Vec<Mix> {
    let mut v = Vec::new();
    let neg = |audio: Vec<f32>, what: &str, swell_db: f32| Mix {
        audio,
        class: ReactionClass::Other,
        source: what.to_string(),
        group,
        at: LEAD_S,
        end: 0.0,
        onset: LEAD_S,
        negative: what.to_string(),
        swell_db,
    };
    for i in 0..n {
        let db = [2.0f32, 4.0, 6.0][i % 3];
        v.push(neg(swell(group, db, m, rng), &format!("swell+{db}dB"), db));
        let mut b = bed(&m.beds[gi(group)], 14.0, rng);
        let base = rms(&b);
        if let Some(t) = m.music[gi(group)].get(i % m.music[gi(group)].len().max(1)) {
            let x = excerpt(t, 10.0, rng).to_vec();
            add_at(&mut b, &x, (LEAD_S * f64::from(RATE)) as usize, base, rng.range(0.0, 10.0));
            v.push(neg(b, "music", 0.0));
        }
        for (set, what, lo, hi) in [(&m.speech, "speech", 0.0, 10.0), (&m.bait, "bait", 3.0, 14.0)] {
            if let Some(s) = set.first() {
                let mut b = bed(&m.beds[gi(group)], 14.0, rng);
                let base = rms(&b);
                let x = varispeed(excerpt(&s.audio, 8.0, rng), rng.range(0.9, 1.1));
                add_at(&mut b, &x, (LEAD_S * f64::from(RATE)) as usize, base, rng.range(lo, hi));
                v.push(neg(b, what, 0.0));
            }
        }
        v.push(neg(bed(&m.beds[gi(group)], 30.0, rng), "calm", 0.0));
        if !m.murmur.is_empty() && group == 'B' {
            v.push(neg(bed(&m.murmur, 30.0, rng), "murmur", 0.0));
        }
    }
    v
}

/// A bed with a raised-cosine gain bump of `db` lasting 1–4 s, starting at [`LEAD_S`].
fn swell(group: char, db: f32, m: &Material, rng: &mut SplitMix64) -> Vec<f32> {
    let mut b = bed(&m.beds[gi(group)], 14.0, rng);
    let len = (rng.range(1.0, 4.0) * f64::from(RATE)) as usize;
    let at = (LEAD_S * f64::from(RATE)) as usize;
    for k in 0..len {
        let w = 0.5 - 0.5 * (2.0 * std::f32::consts::PI * k as f32 / len as f32).cos();
        if let Some(s) = b.get_mut(at + k) {
            *s *= 10f32.powf(db * w / 20.0);
        }
    }
    b
}

/// Source name of the synthetic crowds ([`voice_crowds`]): trained on, never scored.
pub const SYNTHETIC: &str = "synthetic:voices";

/// `n` synthetic crowds of `class` over beds of `group`, for training only: 25–60 copies of
/// single speakers' shouts (`tokens`: real recordings, e.g. hedgewars' voice packs), each
/// pitched and sped by 0.8–1.25, at −15…0 dB, half of them low-passed (farther away), repeated
/// with short gaps; a cheer erupts within 0.5 s, boos swell in over 1.5 s, an "ooh" is one
/// token per voice within 0.25 s that dies. Then mixed like [`events`].
pub fn voice_crowds(tokens: &[&Span], class: ReactionClass, group: char, n: usize, m: &Material, rng: &mut SplitMix64) -> Vec<Mix> {
    if tokens.is_empty() {
        return Vec::new();
    }
    let sr = f64::from(RATE);
    (0..n)
        .map(|v| {
            let (secs, start_s, repeat) = match class {
                ReactionClass::Boo => (rng.range(4.0, 6.0), 1.5, true),
                ReactionClass::Ooh => (rng.range(1.5, 2.5), 0.25, false),
                _ => (rng.range(4.0, 6.0), 0.5, true),
            };
            let len = (secs * sr) as usize;
            let mut crowd = vec![0.0f32; len];
            for _ in 0..25 + rng.below(36) {
                let gain = 10f32.powf(rng.range(-15.0, 0.0) as f32 / 20.0);
                let far = rng.below(2) == 0;
                let cut = rng.range(1500.0, 5000.0);
                let mut t = (rng.uniform() * start_s * sr) as usize;
                while t < len {
                    let tok = &tokens[rng.below(tokens.len())].audio;
                    let mut y = varispeed(tok, rng.range(0.8, 1.25));
                    if far {
                        y = lowpass(&y, cut);
                    }
                    let g = gain * 0.1 / rms(&y).max(1e-6);
                    for (o, s) in crowd.iter_mut().skip(t).zip(&y) {
                        *o += s * g;
                    }
                    if !repeat {
                        break;
                    }
                    t += y.len() + (rng.range(0.0, 0.4) * sr) as usize;
                }
            }
            if class == ReactionClass::Ooh {
                // The groan dies: a decay over the second half.
                let half = len / 2;
                for (k, s) in crowd.iter_mut().enumerate().skip(half) {
                    *s *= 1.0 - (k - half) as f32 / (len - half) as f32;
                }
            }
            let ev = colour(&crowd, rng);
            let snr = [3.0, 6.0, 10.0, 14.0][v % 4] + rng.range(-1.0, 1.0);
            let total = LEAD_S + ev.len() as f64 / sr + TAIL_S;
            let mut out = bed(&m.beds[gi(group)], total, rng);
            let base = rms(&out);
            add_at(&mut out, &ev, (LEAD_S * sr) as usize, base, snr);
            overlay(&mut out, group, m, rng);
            Mix {
                audio: out,
                class,
                source: SYNTHETIC.to_string(),
                group,
                at: LEAD_S,
                end: LEAD_S + ev.len() as f64 / sr,
                onset: LEAD_S + clip_onset(&ev) as f64 / sr,
                negative: String::new(),
                swell_db: 0.0,
            }
        })
        .collect()
}
