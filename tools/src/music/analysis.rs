//! Features and metrics of one render.
//!
//! One STFT (4096 points, Hann, 10 ms hop at 48 kHz) gives per frame: a 12-bin chroma
//! (65–2000 Hz), spectral flux (onsets), the centroid (brightness), 8 octave band energies
//! (timbre) and a predominant pitch (harmonic summation over 8 harmonics, MIDI 45–93 —
//! Salamon & Gómez 2012 without the contour stage). Bars are cut on the engine's own bar grid.
//!
//! * Bar vector: chroma per beat, flux per 16th step, band energies minus the render's mean;
//!   each block scaled to unit norm, so the cosine of two bars is the mean of three cosines.
//! * Self-similarity at lag L: mean cosine of bar i and bar i+L.
//! * Distinct phrases: 4-bar phrases on the engine's phrase grid whose cosine to every earlier
//!   phrase is below [`DISTINCT_BELOW`].
//! * Chord labels: half-bar chroma against 12 roots × 8 qualities (cosine with binary
//!   templates); a label counts if it is heard for at least a bar in total. The engine's own
//!   chord (probe) is labelled the same way and the agreement printed.
//! * Theme recurrences (symbolic): the lead's note per 16th step of each phrase; a phrase at
//!   least 16 bars after an earlier one that matches it at some transposition in
//!   ≥ [`THEME_MATCH`] of the steps where either sounds.
//! * Melody salience: bars where the lead plays in which the mix's predominant pitch class is
//!   the lead's in at least half the frames where it sounds.
//! * Arc correlations: over 5-second windows, tempo, onsets/s, centroid and RMS level against
//!   the arc's arousal (Pearson r; not reported for arcs whose arousal hardly moves).

use super::Render;
use super::arcs::Arc;
use realfft::RealFftPlanner;

/// FFT length.
const N: usize = 4096;
/// Hop (10 ms at 48 kHz).
const HOP: usize = 480;
/// A phrase is distinct if its cosine to every earlier phrase is below this.
pub const DISTINCT_BELOW: f64 = 0.92;
/// Share of steps two phrases' leads must agree in to count as the same theme.
pub const THEME_MATCH: f64 = 0.6;

/// Per-frame features.
#[derive(Debug, Default)]
pub(crate) struct Frames {
    pub(crate) chroma: Vec<[f32; 12]>,
    pub(crate) flux: Vec<f32>,
    pub(crate) centroid: Vec<f32>,
    pub(crate) bands: Vec<[f32; 8]>,
    /// Predominant pitch (MIDI) and its salience over the mean.
    pub(crate) pitch: Vec<(i32, f32)>,
    pub(crate) rms_db: Vec<f32>,
}

/// The hop of [`stft`], samples.
pub(crate) const STFT_HOP: usize = HOP;

pub(crate) fn stft(x: &[f32], rate: f64) -> Frames {
    let mut planner = RealFftPlanner::<f32>::new();
    let fft = planner.plan_fft_forward(N);
    let window: Vec<f32> = (0..N).map(|i| 0.5 - 0.5 * (2.0 * std::f32::consts::PI * i as f32 / N as f32).cos()).collect();
    let mut input = fft.make_input_vec();
    let mut spec = fft.make_output_vec();
    let bin_hz = rate / N as f64;
    let nb = N / 2 + 1;
    let pc_of: Vec<Option<usize>> = (0..nb)
        .map(|b| {
            let f = b as f64 * bin_hz;
            (65.0..2000.0).contains(&f).then(|| ((12.0 * (f / 440.0).log2() + 69.0).round() as i64).rem_euclid(12) as usize)
        })
        .collect();
    let band_of: Vec<usize> = (0..nb).map(|b| ((b as f64 * bin_hz / 62.5).max(1.0).log2().floor() as usize).min(7)).collect();
    let mut out = Frames::default();
    let mut mag = vec![0.0f32; nb];
    let mut prev = vec![0.0f32; nb];
    let mut i = 0;
    while i + N <= x.len() {
        for (k, v) in input.iter_mut().enumerate() {
            *v = x[i + k] * window[k];
        }
        fft.process(&mut input, &mut spec).expect("fft");
        let mut chroma = [0.0f32; 12];
        let mut bands = [1e-10f32; 8];
        let (mut flux, mut cw, mut cs) = (0.0f32, 0.0f64, 0.0f64);
        for b in 0..nb {
            let m = spec[b].norm() / N as f32;
            mag[b] = m;
            if let Some(pc) = pc_of[b] {
                chroma[pc] += m;
            }
            bands[band_of[b]] += m * m;
            let lm = (1.0 + 1000.0 * m).ln();
            if (b as f64 * bin_hz) < 8000.0 {
                flux += (lm - prev[b]).max(0.0);
            }
            prev[b] = lm;
            cw += b as f64 * bin_hz * f64::from(m);
            cs += f64::from(m);
        }
        let (mut best, mut best_s, mut sum_s) = (0, 0.0f32, 0.0f32);
        for midi in 45..=93 {
            let f0 = 440.0 * 2f64.powf((f64::from(midi) - 69.0) / 12.0);
            let mut s = 0.0f32;
            let mut w = 1.0f32;
            for h in 1..=8 {
                let b = (f64::from(h) * f0 / bin_hz).round() as usize;
                if b + 1 >= nb {
                    break;
                }
                s += w * mag[b - 1].max(mag[b]).max(mag[b + 1]);
                w *= 0.8;
            }
            sum_s += s;
            if s > best_s {
                best_s = s;
                best = midi;
            }
        }
        let rms = (x[i + N / 2 - HOP / 2..i + N / 2 + HOP / 2].iter().map(|v| v * v).sum::<f32>() / HOP as f32).sqrt();
        out.chroma.push(chroma);
        out.flux.push(flux);
        out.centroid.push(if cs > 0.0 { (cw / cs) as f32 } else { 0.0 });
        out.bands.push(bands.map(|e| 10.0 * e.log10()));
        out.pitch.push((best, if sum_s > 0.0 { best_s / (sum_s / 49.0) } else { 0.0 }));
        out.rms_db.push(20.0 * rms.max(1e-7).log10());
        i += HOP;
    }
    out
}

/// Every figure of one render.
#[derive(Debug, Clone, Default)]
pub struct Metrics {
    pub phrases: usize,
    pub distinct_phrases: usize,
    pub chord_labels: usize,
    pub chord_labels_symbolic: usize,
    pub chord_agreement: f64,
    pub sim: [f64; 4],
    pub theme_recurrences: usize,
    pub first_return_bar: Option<usize>,
    pub calm_onsets_per_s: Option<f64>,
    pub lead_bars: usize,
    pub melody_trackable: f64,
    /// Of the frames where a lead note sounds and the predominant pitch class is not the
    /// lead's, the share where it is the root of the chord the engine plays (the bass, or a
    /// pad's lowest tone, masks the lead) and where it is another tone of that chord.
    pub melody_missed_on: [f64; 2],
    /// r of tempo, onsets, brightness, loudness vs arousal (None: the arc hardly moves).
    pub arc_r: Option<[f64; 4]>,
    pub lufs: f64,
    pub true_peak_db: f64,
    pub last_db: f64,
    /// Largest |audible − requested| stinger time, ms (None: no stinger).
    pub stinger_err_ms: Option<f64>,
    pub stingers: usize,
    pub cues: usize,
}

fn unit(v: &mut [f64]) {
    let n = v.iter().map(|x| x * x).sum::<f64>().sqrt();
    if n > 1e-12 {
        for x in v.iter_mut() {
            *x /= n;
        }
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

pub(crate) fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len()) as f64;
    if n < 3.0 {
        return f64::NAN;
    }
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    sxy / (sxx * syy).sqrt().max(1e-12)
}

const QUALITIES: [(&str, &[usize]); 8] = [
    ("", &[0, 4, 7]),
    ("m", &[0, 3, 7]),
    ("dim", &[0, 3, 6]),
    ("aug", &[0, 4, 8]),
    ("sus4", &[0, 5, 7]),
    ("7", &[0, 4, 7, 10]),
    ("maj7", &[0, 4, 7, 11]),
    ("m7", &[0, 3, 7, 10]),
];

/// Best chord label (root × 8 + quality) of a chroma vector.
fn chord_label(chroma: &[f64; 12]) -> usize {
    let norm = chroma.iter().map(|x| x * x).sum::<f64>().sqrt().max(1e-12);
    let mut best = (0, f64::MIN);
    for root in 0..12 {
        for (q, (_, iv)) in QUALITIES.iter().enumerate() {
            let s: f64 = iv.iter().map(|i| chroma[(root + i) % 12]).sum::<f64>() / (iv.len() as f64).sqrt() / norm;
            if s > best.1 + 1e-9 {
                best = (root * 8 + q, s);
            }
        }
    }
    best.0
}

/// Onsets: local flux maxima over 1.3x the local median (±250 ms) plus 1, 50 ms apart.
pub(crate) fn onsets(flux: &[f32]) -> Vec<usize> {
    let nf = flux.len();
    let mut onsets = Vec::new();
    for i in 1..nf.saturating_sub(1) {
        let (lo, hi) = (i.saturating_sub(25), (i + 25).min(nf));
        let mut w: Vec<f32> = flux[lo..hi].to_vec();
        w.sort_by(f32::total_cmp);
        let med = w[w.len() / 2];
        let f = flux[i];
        if f > flux[i - 1] && f >= flux[i + 1] && f > 1.3 * med + 1.0 && onsets.last().is_none_or(|&o: &usize| i - o >= 5) {
            onsets.push(i);
        }
    }
    onsets
}

/// One vector per bar: chroma per beat, flux per 16th step, band energies minus the mean;
/// each block unit norm, the whole scaled to unit norm.
fn bar_vectors(fr: &Frames, bars: &[(u64, u64)], bpb: usize, frame_of: FrameOf<'_>) -> Vec<Vec<f64>> {
    let nf = fr.flux.len();
    let steps = 4 * bpb;
    let mean_bands: Vec<f64> = (0..8).map(|k| fr.bands.iter().map(|b| f64::from(b[k])).sum::<f64>() / nf.max(1) as f64).collect();
    let mut vecs: Vec<Vec<f64>> = Vec::with_capacity(bars.len());
    for &(a, b) in bars {
        let len = (b - a) as f64;
        let mut chroma = vec![0.0f64; 12 * bpb];
        let mut pattern = vec![0.0f64; steps];
        let mut timbre = vec![0.0f64; 8];
        let (fa, fb) = (frame_of(a), frame_of(b).max(frame_of(a) + 1));
        for f in fa..fb.min(nf) {
            let pos = ((f * HOP + N / 2) as f64 - a as f64) / len;
            let beat = ((pos * bpb as f64) as usize).min(bpb - 1);
            let mut c = fr.chroma[f].map(f64::from);
            unit(&mut c);
            for k in 0..12 {
                chroma[beat * 12 + k] += c[k];
            }
            let st = ((pos * steps as f64) as usize).min(steps - 1);
            pattern[st] = pattern[st].max(f64::from(fr.flux[f]));
            for k in 0..8 {
                timbre[k] += f64::from(fr.bands[f][k]) - mean_bands[k];
            }
        }
        unit(&mut chroma);
        unit(&mut pattern);
        unit(&mut timbre);
        let mut v = chroma;
        v.extend(pattern);
        v.extend(timbre);
        for x in &mut v {
            *x /= 3f64.sqrt();
        }
        vecs.push(v);
    }
    vecs
}

/// Pearson r of tempo, onsets/s, centroid and RMS level against the arc's arousal over 5 s
/// windows; `None` when the arousal hardly moves (standard deviation < 0.2).
fn arc_correlations(r: &Render, fr: &Frames, onsets: &[usize], arc: &Arc) -> Option<[f64; 4]> {
    let rate = f64::from(r.rate);
    let nf = fr.flux.len();
    let t_of = |f: usize| (f * HOP + N / 2) as f64 / rate;
    let win = (5.0 * rate / HOP as f64) as usize;
    let (mut ar, mut tempo, mut ons, mut bright, mut loud) = (vec![], vec![], vec![], vec![], vec![]);
    for w in 0..nf / win {
        let (a, b) = (w * win, (w + 1) * win);
        ar.push((a..b).map(|f| f64::from(arc.target_at(t_of(f)).arousal)).sum::<f64>() / win as f64);
        let (sa, sb) = ((a * HOP) as u64, (b * HOP) as u64);
        let bl: Vec<f64> = r.blocks.iter().filter(|p| p.pos >= sa && p.pos < sb).map(|p| f64::from(p.bpm)).collect();
        tempo.push(bl.iter().sum::<f64>() / bl.len().max(1) as f64);
        ons.push(onsets.iter().filter(|&&o| o >= a && o < b).count() as f64 / 5.0);
        let voiced: Vec<usize> = (a..b).filter(|&f| fr.rms_db[f] > -60.0).collect();
        bright.push(voiced.iter().map(|&f| f64::from(fr.centroid[f])).sum::<f64>() / voiced.len().max(1) as f64);
        let p = (a..b).map(|f| 10f64.powf(f64::from(fr.rms_db[f]) / 10.0)).sum::<f64>() / win as f64;
        loud.push(10.0 * p.max(1e-14).log10());
    }
    let mean = ar.iter().sum::<f64>() / ar.len().max(1) as f64;
    let sd = (ar.iter().map(|a| (a - mean) * (a - mean)).sum::<f64>() / ar.len().max(1) as f64).sqrt();
    (sd >= 0.2).then(|| [pearson(&tempo, &ar), pearson(&ons, &ar), pearson(&bright, &ar), pearson(&loud, &ar)])
}

/// Measures one render along its arc.
pub fn measure(r: &Render, arc: &Arc) -> Metrics {
    let rate = f64::from(r.rate);
    let fr = stft(&r.mono, rate);
    let nf = fr.flux.len();
    let frame_of = |s: u64| (((s as f64) - (N / 2) as f64) / HOP as f64).round().clamp(0.0, nf.saturating_sub(1) as f64) as usize;
    let t_of = |f: usize| (f * HOP + N / 2) as f64 / rate;
    let mut m = Metrics { lufs: r.lufs, true_peak_db: r.true_peak_db, last_db: r.last_db, ..Metrics::default() };
    let onsets = onsets(&fr.flux);
    // bars
    let bpb = r.beats_per_bar as usize;
    let bars: Vec<(u64, u64)> = r.bars.windows(2).map(|w| (w[0], w[1])).collect();
    let vecs = bar_vectors(&fr, &bars, bpb, &frame_of);
    for (k, lag) in [1, 2, 4, 8].into_iter().enumerate() {
        let c: Vec<f64> = (lag..vecs.len()).map(|i| dot(&vecs[i], &vecs[i - lag])).collect();
        m.sim[k] = if c.is_empty() { f64::NAN } else { c.iter().sum::<f64>() / c.len() as f64 };
    }
    let phrases: Vec<Vec<f64>> = vecs.chunks_exact(4).map(|c| c.concat().iter().map(|x| x / 2.0).collect()).collect();
    m.phrases = phrases.len();
    m.distinct_phrases = (0..phrases.len()).filter(|&i| (0..i).all(|j| dot(&phrases[i], &phrases[j]) < DISTINCT_BELOW)).count();
    chords(r, &fr, &bars, &frame_of, &mut m);
    themes_and_melody(r, &fr, &bars, &frame_of, &mut m);
    // calm onsets
    let calm: Vec<bool> = (0..nf).map(|f| arc.target_at(t_of(f)).arousal < -0.3).collect();
    let calm_s = calm.iter().filter(|&&c| c).count() as f64 * HOP as f64 / rate;
    if calm_s >= 5.0 {
        m.calm_onsets_per_s = Some(onsets.iter().filter(|&&o| calm[o]).count() as f64 / calm_s);
    }
    m.arc_r = arc_correlations(r, &fr, &onsets, arc);
    m.cues = arc.events.len();
    m.stingers = r.stingers.len();
    m.stinger_err_ms = r.stingers.iter().map(|s| 1000.0 * (s.2 - s.1).abs()).reduce(f64::max);
    m
}

type FrameOf<'a> = &'a dyn Fn(u64) -> usize;

fn chords(r: &Render, fr: &Frames, bars: &[(u64, u64)], frame_of: FrameOf<'_>, m: &mut Metrics) {
    let mut heard = [0usize; 96];
    let mut engine = [0usize; 96];
    let (mut agree, mut total) = (0usize, 0usize);
    for &(a, b) in bars {
        let mid = a + (b - a) / 2;
        for (sa, sb) in [(a, mid), (mid, b)] {
            let mut c = [0.0f64; 12];
            for f in frame_of(sa)..frame_of(sb) {
                let mut x = fr.chroma[f].map(f64::from);
                unit(&mut x);
                for k in 0..12 {
                    c[k] += x[k];
                }
            }
            let heard_label = chord_label(&c);
            heard[heard_label] += 1;
            let centre = sa + (sb - sa) / 2;
            if let Some(p) = r.blocks.iter().rev().find(|p| p.pos <= centre) {
                let mut s = [0.0f64; 12];
                for pc in p.chord.iter().flatten() {
                    s[usize::from(*pc)] = 1.0;
                }
                if s.iter().any(|&x| x > 0.0) {
                    let l = chord_label(&s);
                    engine[l] += 1;
                    total += 1;
                    // the same root and third counts (sevenths are often not heard)
                    agree += usize::from(l / 8 == heard_label / 8);
                }
            }
        }
    }
    m.chord_labels = heard.iter().filter(|&&n| n >= 2).count();
    m.chord_labels_symbolic = engine.iter().filter(|&&n| n >= 2).count();
    m.chord_agreement = agree as f64 / total.max(1) as f64;
}

/// The lead's note per 16th step of each 4-bar phrase (phrases on the bar grid from the first
/// bar).
fn lead_phrases(r: &Render, bars: &[(u64, u64)]) -> Vec<Vec<Option<i32>>> {
    let steps = 4 * r.beats_per_bar as usize;
    let lead_at = |s: u64| {
        let i = r.blocks.partition_point(|p| p.pos <= s);
        if i == 0 { None } else { r.blocks[i - 1].lead }
    };
    let mut bar_steps: Vec<Vec<Option<i32>>> = Vec::with_capacity(bars.len());
    for &(a, b) in bars {
        let st = (b - a) as f64 / steps as f64;
        bar_steps.push((0..steps).map(|k| lead_at(a + ((k as f64 + 0.5) * st) as u64)).collect());
    }
    bar_steps.chunks_exact(4).map(<[Vec<Option<i32>>]>::concat).collect()
}

fn voiced(p: &[Option<i32>]) -> usize {
    p.iter().filter(|x| x.is_some()).count()
}

/// The best agreement of two phrases' leads over transpositions of ±12 semitones: the share
/// of steps where either sounds in which `q`'s note is `p`'s moved by the transposition, and
/// that transposition.
fn theme_agreement(q: &[Option<i32>], p: &[Option<i32>]) -> (f64, i32) {
    let mut best = (0.0, 0);
    for k in -12..=12 {
        let (mut same, mut either) = (0, 0);
        for (x, y) in q.iter().zip(p) {
            if x.is_some() || y.is_some() {
                either += 1;
            }
            if let (Some(x), Some(y)) = (x, y)
                && *x == *y + k
            {
                same += 1;
            }
        }
        let share = f64::from(same) / f64::from(either.max(1));
        if share > best.0 {
            best = (share, k);
        }
    }
    best
}

fn themes_and_melody(r: &Render, fr: &Frames, bars: &[(u64, u64)], frame_of: FrameOf<'_>, m: &mut Metrics) {
    let lead_at = |s: u64| {
        let i = r.blocks.partition_point(|p| p.pos <= s);
        if i == 0 { None } else { r.blocks[i - 1].lead }
    };
    let phrases = lead_phrases(r, bars);
    for q in 0..phrases.len() {
        if voiced(&phrases[q]) < 8 {
            continue;
        }
        let recurs = (0..q)
            .filter(|&p| 4 * (q - p) >= 16 && voiced(&phrases[p]) >= 8)
            .any(|p| theme_agreement(&phrases[q], &phrases[p]).0 >= THEME_MATCH);
        if recurs {
            m.theme_recurrences += 1;
            m.first_return_bar.get_or_insert(4 * q);
        }
    }
    // melody salience
    let chord_at = |s: u64| {
        let i = r.blocks.partition_point(|p| p.pos <= s);
        if i == 0 { [None; 4] } else { r.blocks[i - 1].chord }
    };
    let (mut lead_bars, mut ok, mut missed, mut masked) = (0, 0, 0usize, [0usize; 2]);
    for &(a, b) in bars {
        let (mut sounding, mut hit) = (0, 0);
        for f in frame_of(a)..frame_of(b) {
            let s = (f * HOP + N / 2) as u64;
            if let Some(note) = lead_at(s) {
                sounding += 1;
                let pc = fr.pitch[f].0.rem_euclid(12);
                if pc == note.rem_euclid(12) {
                    hit += 1;
                } else {
                    missed += 1;
                    let chord = chord_at(s);
                    if chord[0].is_some_and(|c| i32::from(c) == pc) {
                        masked[0] += 1;
                    } else if chord.iter().flatten().any(|&c| i32::from(c) == pc) {
                        masked[1] += 1;
                    }
                }
            }
        }
        let n = frame_of(b) - frame_of(a);
        if sounding * 4 >= n && n > 0 {
            lead_bars += 1;
            ok += usize::from(2 * hit >= sounding);
        }
    }
    m.lead_bars = lead_bars;
    m.melody_trackable = ok as f64 / lead_bars.max(1) as f64;
    m.melody_missed_on = masked.map(|k| k as f64 / missed.max(1) as f64);
}

/// A trace of one render for tuning (`music-eval --trace`): per 5-second window the arc's
/// arousal and valence and the four measured series of the arc correlations; per 4-bar
/// phrase its start, the form's section and theme at its start, the lead's voiced steps,
/// the best theme agreement with a phrase at least 16 bars earlier, and the lead's notes.
pub fn trace(r: &Render, arc: &Arc) -> String {
    use std::fmt::Write as _;
    const SECTIONS: [&str; 5] = ["intro", "A", "B", "bridge", "climax"];
    let rate = f64::from(r.rate);
    let fr = stft(&r.mono, rate);
    let nf = fr.flux.len();
    let ons = onsets(&fr.flux);
    let t_of = |f: usize| (f * HOP + N / 2) as f64 / rate;
    let win = (5.0 * rate / HOP as f64) as usize;
    let mut s = String::from("# windows\nt\tarousal\tvalence\tbpm\tonsets_per_s\tcentroid_hz\tlevel_db\n");
    for w in 0..nf / win {
        let (a, b) = (w * win, (w + 1) * win);
        let mood = arc.target_at(t_of(a + win / 2));
        let (sa, sb) = ((a * HOP) as u64, (b * HOP) as u64);
        let bl: Vec<f64> = r.blocks.iter().filter(|p| p.pos >= sa && p.pos < sb).map(|p| f64::from(p.bpm)).collect();
        let voiced: Vec<usize> = (a..b).filter(|&f| fr.rms_db[f] > -60.0).collect();
        let c = voiced.iter().map(|&f| f64::from(fr.centroid[f])).sum::<f64>() / voiced.len().max(1) as f64;
        let p = (a..b).map(|f| 10f64.powf(f64::from(fr.rms_db[f]) / 10.0)).sum::<f64>() / win as f64;
        let _ = writeln!(
            s,
            "{:.0}\t{:.2}\t{:.2}\t{:.1}\t{:.2}\t{:.0}\t{:.1}",
            t_of(a),
            mood.arousal,
            mood.valence,
            bl.iter().sum::<f64>() / bl.len().max(1) as f64,
            ons.iter().filter(|&&o| o >= a && o < b).count() as f64 / 5.0,
            c,
            10.0 * p.max(1e-14).log10()
        );
    }
    let bars: Vec<(u64, u64)> = r.bars.windows(2).map(|w| (w[0], w[1])).collect();
    let phrases = lead_phrases(r, &bars);
    s.push_str("# phrases\nphrase\tt\tsection\ttheme\tindex\ttriumphant\tvoiced\tbest_earlier\tagreement\tsemitones\tlead\n");
    for (q, ph) in phrases.iter().enumerate() {
        let start = bars[4 * q].0;
        // the form plans a phrase at its first step, ahead of the output by the latency
        let probe = r.blocks.iter().find(|p| p.pos >= start + (bars[4 * q].1 - start) / 4).map(|p| p.form);
        let (sec, theme, index, tri) = probe.unwrap_or_default();
        let best =
            (0..q).filter(|&p| 4 * (q - p) >= 16).map(|p| (p, theme_agreement(ph, &phrases[p]))).max_by(|a, b| a.1.0.total_cmp(&b.1.0));
        let notes: String = ph.iter().map(|n| n.map_or(".".to_string(), |n| format!("{n}"))).collect::<Vec<_>>().join(" ");
        let _ = writeln!(
            s,
            "{q}\t{:.1}\t{}\t{theme}\t{index}\t{tri}\t{}\t{}\t{:.2}\t{}\t{notes}",
            start as f64 / rate,
            SECTIONS.get(usize::from(sec)).unwrap_or(&"?"),
            voiced(ph),
            best.map_or("-".into(), |b| b.0.to_string()),
            best.map_or(0.0, |b| b.1.0),
            best.map_or(0, |b| b.1.1),
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_agrees_with_its_transposition_and_not_with_another_line() {
        let theme: Vec<Option<i32>> = [64, 64, 67, 67, 69, 69, 67, 67, 65, 65, 64, 64, 62, 62, 60, 60].iter().map(|&n| Some(n)).collect();
        let up: Vec<Option<i32>> = theme.iter().map(|n| n.map(|n| n + 5)).collect();
        assert_eq!(theme_agreement(&up, &theme), (1.0, 5));
        // the same notes a step later in time: mostly different pitches at each step
        let late: Vec<Option<i32>> = std::iter::once(None).chain(theme.iter().copied().take(15)).collect();
        let (share, _) = theme_agreement(&late, &theme);
        assert!(share < THEME_MATCH, "a shifted line is not the theme: {share}");
        // rests where either sounds count against the match
        let sparse: Vec<Option<i32>> = theme.iter().enumerate().map(|(i, n)| if i % 4 == 0 { *n } else { None }).collect();
        let (share, _) = theme_agreement(&sparse, &theme);
        assert!((share - 0.25).abs() < 1e-9, "{share}");
    }
}
