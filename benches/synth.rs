//! Benchmark of the generative music (issue 5). `harness = false`: prints a table.
//!
//! ```text
//! cargo bench --bench synth            # RESONANCE_BENCH_MINUTES=10 by default
//! RESONANCE_BENCH_ONLY=cpu|sampled|table|arousal|click ...   # one part only (click: metric rows only)
//! RESONANCE_BENCH_STYLE=electronic RESONANCE_BENCH_ARC=steps ...   # filter the arousal table
//! RESONANCE_BENCH_AROUSAL_DEBUG=1 ...  # print every 5 s window of the arousal table
//! ```
//!
//! * CPU of the full synth (voices, reverb, loudness meters, true-peak limiter) at 48 kHz
//!   stereo with its 32-voice pool saturated, as a share of one core (time / audio duration);
//!   then each factory style with its layers and drums sampled from the default SoundFont.
//! * Timing error of quantised transitions (beat, bar, phrase) against the clock, and of
//!   stingers: scheduled time vs the clock's next beat, and the first audible sample (a render
//!   with the cue against one without) vs the scheduled time.
//! * Click metric at every style transition and stinger start: the largest sample-to-sample
//!   step in the 10 ms after it must be at most 2x the largest in the 50 ms before.
//! * Integrated loudness and true peak (ebur128, BS.1770-4) of a 10-minute render per style
//!   and profile.
//! * Correlation of rendered arousal (onset density x RMS loudness, 5 s windows) with the
//!   input arc's arousal, per style and for three arcs (match-like, slow ramps, held steps),
//!   with its two factors and the conductor's own energy beside it.

use std::time::Instant;

use ebur128::{EbuR128, Mode as MeterMode};
use resonance_engine::synth::{Profile, Style, Synth};
use resonance_engine::{Cue, MoodTarget, Quantize, Telemetry};

const SR: u32 = 48_000;
const BLOCK: usize = 512;

fn styles() -> Vec<(String, Style)> {
    resonance_io::preset::factory().expect("factory presets").into_iter().map(|p| (p.name, p.style)).collect()
}

/// The arousal arcs the music is rendered against. `Match` is the arc of the main table;
/// `Ramps` and `Steps` check the mapping on shapes a match does not have (slow full-range
/// ramps; sudden level changes held for 30 s, which show the conductor's lag).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Arc {
    /// Slow swells, a few peaks, valence drifting.
    Match,
    /// Triangle wave between -0.9 and 0.9, period 100 s; valence the other way round.
    Ramps,
    /// Levels held for 30 s each, in a fixed shuffled order.
    Steps,
}

impl Arc {
    const ALL: [Arc; 3] = [Arc::Match, Arc::Ramps, Arc::Steps];

    fn name(self) -> &'static str {
        match self {
            Arc::Match => "match",
            Arc::Ramps => "ramps",
            Arc::Steps => "steps",
        }
    }

    fn at(self, t: f64) -> MoodTarget {
        let (a, v) = match self {
            Arc::Match => (
                0.55 * (t / 47.0).sin() + 0.35 * (t / 13.0 + 1.0).sin() + 0.1 * (t / 5.0).sin(),
                0.6 * (t / 71.0 + 0.5).sin() + 0.2 * (t / 17.0).cos(),
            ),
            Arc::Ramps => {
                let x = (t / 100.0).fract();
                let a = -0.9 + 1.8 * (1.0 - (2.0 * x - 1.0).abs());
                (a, -0.5 * a + 0.2)
            }
            Arc::Steps => {
                const LEVELS: [f64; 10] = [-0.8, 0.6, -0.2, 0.9, -0.6, 0.2, 0.7, -0.9, 0.0, 0.4];
                let a = LEVELS[(t / 30.0) as usize % LEVELS.len()];
                (a, 0.3 * (t / 53.0).sin())
            }
        };
        MoodTarget { valence: v.clamp(-1.0, 1.0) as f32, arousal: a.clamp(-1.0, 1.0) as f32, intensity: 0.5 }
    }
}

struct Out {
    l: Vec<f32>,
    r: Vec<f32>,
    telemetry: Vec<Telemetry>,
    /// The conductor's energy after every block (what the music is asked to express).
    energy: Vec<f32>,
    voices: f64,
    seconds_cpu: f64,
}

/// Renders `secs` of music following `arc_at`, a cue every 40 s and (if `changes`) a style
/// change every 15 s cycling the quantise modes.
fn render(styles: &[Style], first: u16, profile: Profile, secs: f64, changes: bool, seed: u64) -> Out {
    render_arc(styles, first, profile, secs, changes, seed, Arc::Match)
}

/// [`render`] against any arc.
fn render_arc(styles: &[Style], first: u16, profile: Profile, secs: f64, changes: bool, seed: u64, arc: Arc) -> Out {
    let mut s = Synth::new(SR as f32, BLOCK, styles, seed);
    s.set_profile(profile);
    s.set_style(first, Quantize::Immediate, &mut |_| {});
    let n = (secs * f64::from(SR)) as usize;
    let mut l = vec![0.0f32; n];
    let mut r = vec![0.0f32; n];
    let mut telemetry = Vec::new();
    let mut energy = Vec::with_capacity(n / BLOCK + 1);
    let mut voice_sum = 0.0;
    let mut blocks = 0.0;
    let mut pos = 0;
    let mut k = 0u64;
    let started = Instant::now();
    while pos < n {
        let e = (pos + BLOCK).min(n);
        let t = pos as f64 / f64::from(SR);
        s.set_target(arc.at(t));
        let block_index = pos / BLOCK;
        let every = |secs: f64| ((secs * f64::from(SR)) as usize / BLOCK).max(1);
        if block_index % every(40.0) == every(20.0) {
            s.cue(Cue::ALL[(k % Cue::ALL.len() as u64) as usize], &mut |x| telemetry.push(x));
            k += 1;
        }
        if changes && block_index % every(15.0) == every(7.0) {
            let i = (block_index / every(15.0)) as u16;
            let q = [Quantize::Beat, Quantize::Bar, Quantize::Phrase, Quantize::Immediate][i as usize % 4];
            s.set_style((first + 1 + i) % styles.len() as u16, q, &mut |x| telemetry.push(x));
        }
        s.process(&mut l[pos..e], &mut r[pos..e], &mut |x| telemetry.push(x));
        voice_sum += s.voice_stats().tonal_active as f64;
        energy.push(s.music().energy);
        blocks += 1.0;
        pos = e;
    }
    Out { l, r, telemetry, energy, voices: voice_sum / blocks, seconds_cpu: started.elapsed().as_secs_f64() }
}

fn loudness(l: &[f32], r: &[f32]) -> (f64, f64) {
    let mut m = EbuR128::new(2, SR, MeterMode::I | MeterMode::TRUE_PEAK | MeterMode::HISTOGRAM).expect("meter");
    m.add_frames_planar_f32(&[l, r]).expect("frames");
    let tp = m.true_peak(0).unwrap_or(0.0).max(m.true_peak(1).unwrap_or(0.0));
    (m.loudness_global().unwrap_or(f64::NEG_INFINITY), 20.0 * tp.max(1e-12).log10())
}

fn max_step(x: &[f32], from: usize, to: usize) -> f32 {
    let to = to.min(x.len());
    (from.max(1)..to).map(|i| (x[i] - x[i - 1]).abs()).fold(0.0, f32::max)
}

/// The issue's click metric on one channel at a transition sample `t`: the largest
/// sample-to-sample step across the transition (`t - 1 ms .. t + after`) divided by 2x the
/// largest step in the 50 ms before it. A ratio above 1 is a click.
fn click_ratio(x: &[f32], t: usize, after: usize) -> f32 {
    let before = (0.05 * f64::from(SR)) as usize;
    let straddle = SR as usize / 1000;
    let b = max_step(x, t.saturating_sub(before), t);
    let a = max_step(x, t.saturating_sub(straddle), t + after);
    if a < 1e-5 {
        0.0
    } else if b > 0.0 {
        a / (2.0 * b)
    } else {
        f32::INFINITY
    }
}

/// Windows after the transition that the metric is evaluated over (ms). The issue's "across
/// the transition" is `CLICK_WINDOW_MS`; the longer ones show how much legitimately new
/// material (drum hits entering after a quiet bar) the metric picks up as it widens.
const CLICK_WINDOW_MS: f64 = 3.0;
const CLICK_WINDOWS_MS: [f64; 3] = [3.0, 5.0, 10.0];

/// Worst ratio and how many transitions pass, per window in `CLICK_WINDOWS_MS`.
fn clicks(out: &Out, times: &[u64]) -> Vec<(usize, usize, f32)> {
    let before = (0.05 * f64::from(SR)) as usize;
    let debug = std::env::var_os("RESONANCE_BENCH_CLICK_DEBUG").is_some();
    CLICK_WINDOWS_MS
        .iter()
        .map(|&ms| {
            let after = (ms / 1000.0 * f64::from(SR)) as usize;
            let (mut pass, mut total, mut worst) = (0, 0, 0.0f32);
            for (index, &t) in times.iter().enumerate() {
                let t = t as usize;
                if t < before || t + after >= out.l.len() {
                    continue;
                }
                total += 1;
                let ratio = click_ratio(&out.l, t, after).max(click_ratio(&out.r, t, after));
                worst = worst.max(ratio);
                if ratio <= 1.0 {
                    pass += 1;
                } else if debug {
                    let a = max_step(&out.l, t - 48, t + after);
                    let at = (t - 48..t + after).find(|&i| (out.l[i] - out.l[i - 1]).abs() == a).unwrap_or(t);
                    eprintln!(
                        "  {ms} ms: #{index} click ratio {ratio:.2} at {t} (max step {a:.4} at {:+} samples; before {:.4})",
                        at as i64 - t as i64,
                        max_step(&out.l, t - before, t)
                    );
                }
            }
            (pass, total, worst)
        })
        .collect()
}

/// Checks the click metric itself on signals whose answer is known: it must pass clean
/// transitions and flag real clicks. Returns `(name, expected click?, ratio)` rows.
fn click_metric_check() -> Vec<(&'static str, bool, f32)> {
    let sr = f64::from(SR);
    let n = SR as usize;
    let t0 = n / 2;
    let after = (CLICK_WINDOW_MS / 1000.0 * sr) as usize;
    let sine = |f: f64, i: usize, ph: f64| (std::f64::consts::TAU * f * i as f64 / sr + ph).sin() as f32;
    let mut cases: Vec<(&'static str, bool, Vec<f32>)> = Vec::new();
    // clean: equal-power crossfade (50 ms) from 220 Hz to 330 Hz
    let xf = (0.05 * sr) as usize;
    cases.push((
        "equal-power crossfade 220->330 Hz",
        false,
        (0..n)
            .map(|i| {
                let u = (i.saturating_sub(t0) as f64 / xf as f64).min(1.0) as f32;
                let (a, b) = ((u * std::f32::consts::FRAC_PI_2).cos(), (u * std::f32::consts::FRAC_PI_2).sin());
                0.3 * (a * sine(220.0, i, 0.0) + b * sine(330.0, i, 0.0))
            })
            .collect(),
    ));
    // clean: our transition — old note released (exponential, 300 ms), new one with a 12 ms
    // attack ramp, plus a noise hat entering under the same ramp at a modest level
    let mut rng = 1u32;
    let mut noise = move || {
        rng = rng.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (rng >> 8) as f32 / (1u32 << 23) as f32 - 1.0
    };
    let ramp = (0.012 * sr) as f32;
    cases.push((
        "release + 12 ms soft attack (tone)",
        false,
        (0..n)
            .map(|i| {
                if i < t0 {
                    0.3 * sine(220.0, i, 0.0)
                } else {
                    let k = (i - t0) as f32;
                    0.3 * (-k / (0.3 * SR as f32) * 6.9).exp() * sine(220.0, i, 0.0) + 0.3 * (k / ramp).min(1.0) * sine(330.0, i, 1.0)
                }
            })
            .collect(),
    ));
    // clicks
    cases.push((
        "hard splice 220 Hz -> 330 Hz (phase jump)",
        true,
        (0..n).map(|i| if i < t0 { 0.3 * sine(220.0, i, 0.0) } else { 0.3 * sine(330.0, i, 1.3) }).collect(),
    ));
    cases.push(("DC step of 0.05", true, (0..n).map(|i| 0.3 * sine(220.0, i, 0.0) + if i < t0 { 0.0 } else { 0.05 }).collect()));
    cases.push((
        "noise hit with no onset ramp after a tone",
        true,
        (0..n)
            .map(|i| {
                let x = 0.3 * sine(220.0, i, 0.0);
                if i < t0 { x } else { x + 0.3 * noise() * (-((i - t0) as f32) / 2400.0).exp() }
            })
            .collect(),
    ));
    // at exactly a zero crossing of a 220 Hz sine the period is 218.18 samples; cut at a peak
    let peak = (0..n).skip(t0).find(|&i| sine(220.0, i, 0.0) > 0.999).unwrap_or(t0);
    cases.push(("tone cut at its peak (exact)", true, (0..n).map(|i| if i < peak { 0.3 * sine(220.0, i, 0.0) } else { 0.0 }).collect()));
    cases
        .into_iter()
        .map(|(name, expect, x)| {
            let t = if name.contains("exact") { peak } else { t0 };
            (name, expect, click_ratio(&x, t, after))
        })
        .collect()
}

/// Rendered arousal against the arc, in 5 s windows: Pearson r of the arc's mean arousal
/// with onsets per second, with RMS, and with their product (the issue's "onset density x
/// loudness").
#[derive(Clone, Copy, Debug)]
struct ArousalFit {
    /// The conductor's energy (the music's own arousal control) against the arc: how much
    /// smoothing, bar-quantised planning and cue pushes lose before any sound is made.
    energy: f64,
    onsets: f64,
    rms: f64,
    product: f64,
}

/// Onsets: 512-sample frames of the mono mix, energy of the first difference (a +6 dB/oct
/// tilt, so transients count more than sustained lows) in dB; an onset is a rise of more than
/// 3 dB over the lower of the two frames before, at least 4 frames (43 ms) after the previous
/// one.
fn arousal_correlation(out: &Out, arc: Arc) -> ArousalFit {
    let frame = 512;
    let mono: Vec<f32> = out.l.iter().zip(&out.r).map(|(a, b)| 0.5 * (a + b)).collect();
    let n_frames = mono.len() / frame;
    let mut loge = Vec::with_capacity(n_frames);
    for f in 0..n_frames {
        let s = &mono[f * frame..(f + 1) * frame];
        let mut e = 0.0f64;
        for i in 1..s.len() {
            let d = f64::from(s[i] - s[i - 1]);
            e += d * d;
        }
        loge.push(10.0 * (e / frame as f64 + 1e-12).log10());
    }
    let mut onset = vec![false; n_frames];
    let mut last = 0usize;
    for f in 2..n_frames {
        let rise = loge[f] - loge[f - 1].min(loge[f - 2]);
        if rise > 3.0 && loge[f] > -90.0 && f - last >= 4 {
            onset[f] = true;
            last = f;
        }
    }
    let win = (5.0 * f64::from(SR)) as usize / frame;
    let (mut on, mut loud, mut prod, mut ys, mut en) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut w = 0;
    let debug = std::env::var_os("RESONANCE_BENCH_AROUSAL_DEBUG").is_some();
    while (w + 1) * win <= n_frames {
        let count = onset[w * win..(w + 1) * win].iter().filter(|&&o| o).count() as f64 / 5.0;
        let s = &mono[w * win * frame..(w + 1) * win * frame];
        let rms = (s.iter().map(|&x| f64::from(x) * f64::from(x)).sum::<f64>() / s.len() as f64).sqrt();
        on.push(count);
        loud.push(rms);
        prod.push(count * rms);
        let mid = (w as f64 + 0.5) * 5.0;
        let a: f64 = (0..10).map(|k| f64::from(arc.at(mid - 2.5 + f64::from(k) * 0.5).arousal)).sum::<f64>() / 10.0;
        let blocks = out.energy.get(w * win * frame / BLOCK..((w + 1) * win * frame / BLOCK).min(out.energy.len())).unwrap_or(&[]);
        let e = blocks.iter().map(|&x| f64::from(x)).sum::<f64>() / blocks.len().max(1) as f64;
        en.push(e);
        if debug {
            eprintln!("  {:>6.1} s arc {a:+.2} energy {e:.2} onsets/s {count:5.2} rms {:6.1} dBFS", mid, 20.0 * rms.max(1e-9).log10());
        }
        ys.push(a);
        w += 1;
    }
    ArousalFit { energy: pearson(&en, &ys), onsets: pearson(&on, &ys), rms: pearson(&loud, &ys), product: pearson(&prod, &ys) }
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len()) as f64;
    if n < 3.0 {
        return f64::NAN;
    }
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    sxy / (sxx * syy).sqrt()
}

fn cpu_saturated() -> (f64, f64, f64) {
    // a style whose long tails keep the 32-voice pool full: the worst case for the voices
    let mut style = styles().into_iter().find(|(n, _)| n == "stadium-anthem").map(|s| s.1).unwrap_or_default();
    style.polyphony = 32;
    for t in [&mut style.pad, &mut style.strings, &mut style.arp, &mut style.lead, &mut style.bass] {
        t.release = 6.0;
        t.unison = 3;
        t.enter = 0.0;
    }
    let mut s = Synth::new(SR as f32, BLOCK, &[style], 1);
    s.set_target(MoodTarget { valence: 0.8, arousal: 1.0, intensity: 1.0 });
    let mut l = vec![0.0f32; BLOCK];
    let mut r = vec![0.0f32; BLOCK];
    // warm up until the pool is full
    for _ in 0..(10 * SR as usize / BLOCK) {
        s.process(&mut l, &mut r, &mut |_| {});
    }
    // timed in 6 s segments; the fastest segment is the machine's undisturbed cost (other
    // processes only ever add time), the median shows what a shared machine gives
    let seconds: f64 = std::env::var("RESONANCE_BENCH_CPU_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(60.0);
    let seg_blocks = (6 * SR as usize / BLOCK).min((seconds * f64::from(SR)) as usize / BLOCK).max(1);
    let segments = ((seconds * f64::from(SR)) as usize / BLOCK / seg_blocks).max(1);
    let mut voices = 0.0;
    let mut ratios = Vec::with_capacity(segments);
    for _ in 0..segments {
        let t = Instant::now();
        voices += timed_blocks(&mut s, &mut l, &mut r, seg_blocks);
        ratios.push(t.elapsed().as_secs_f64() / (seg_blocks * BLOCK) as f64 * f64::from(SR));
    }
    ratios.sort_by(f64::total_cmp);
    let (min, median) = (ratios[0], ratios[ratios.len() / 2]);
    (min, median, voices / (segments * seg_blocks) as f64)
}

/// CPU with sampled instruments: each factory style with every layer it maps to the default
/// SoundFont (FluidR3 GM; layers a style does not map take the General MIDI defaults, so
/// every tonal layer and the drums are sampled), a 32-voice pool held full as in
/// [`cpu_saturated`]. Returns per style the thread's CPU time over the audio time and the
/// fastest 6 s segment by the wall clock, or why it could not run.
fn cpu_sampled() -> Result<Vec<(String, f64, f64)>, String> {
    let sf = resonance_engine::synth::soundfont::load_default()?;
    let seconds: f64 = std::env::var("RESONANCE_BENCH_CPU_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(30.0);
    let mut rows = Vec::new();
    for (name, mut style) in styles() {
        style.polyphony = 32;
        let mapped = style.soundfont;
        let gm = resonance_engine::synth::SoundFontMap::general_midi();
        style.soundfont = resonance_engine::synth::SoundFontMap {
            pad: mapped.pad.or(gm.pad),
            bass: mapped.bass.or(gm.bass),
            arp: mapped.arp.or(gm.arp),
            strings: mapped.strings.or(gm.strings),
            lead: mapped.lead.or(gm.lead),
            stinger: mapped.stinger.or(gm.stinger),
            drums: true,
            gain_db: mapped.gain_db,
        };
        for t in [&mut style.pad, &mut style.strings, &mut style.arp, &mut style.lead, &mut style.bass] {
            t.release = 6.0;
            t.enter = 0.0;
        }
        let mut s = Synth::new(SR as f32, BLOCK, &[style], 1).with_soundfont(&sf).map_err(|e| e.to_string())?;
        s.set_target(MoodTarget { valence: 0.8, arousal: 1.0, intensity: 1.0 });
        let mut l = vec![0.0f32; BLOCK];
        let mut r = vec![0.0f32; BLOCK];
        for _ in 0..(10 * SR as usize / BLOCK) {
            s.process(&mut l, &mut r, &mut |_| {});
        }
        let seg_blocks = (6 * SR as usize / BLOCK).min((seconds * f64::from(SR)) as usize / BLOCK).max(1);
        let segments = ((seconds * f64::from(SR)) as usize / BLOCK / seg_blocks).max(1);
        let mut ratios = Vec::with_capacity(segments);
        let cpu0 = thread_cpu_s();
        for _ in 0..segments {
            let t = Instant::now();
            timed_blocks(&mut s, &mut l, &mut r, seg_blocks);
            ratios.push(t.elapsed().as_secs_f64() / (seg_blocks * BLOCK) as f64 * f64::from(SR));
        }
        // the thread's own CPU time: what the synth costs, however loaded the machine is
        let cpu = (thread_cpu_s() - cpu0) / (segments * seg_blocks * BLOCK) as f64 * f64::from(SR);
        ratios.sort_by(f64::total_cmp);
        rows.push((name, cpu, ratios[0]));
    }
    Ok(rows)
}

/// CPU time this thread has spent running, seconds (Linux: the first field of
/// `/proc/thread-self/schedstat`, in ns; 0 elsewhere).
fn thread_cpu_s() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse::<u64>().ok()))
        .map_or(0.0, |ns| ns as f64 * 1e-9)
}

/// The measured part of the CPU benchmark, kept out of line so that an instruction counter can
/// be limited to it: `valgrind --tool=callgrind --collect-atstart=no
/// --toggle-collect='*timed_blocks*'` counts the steady state only, not the warm-up.
#[inline(never)]
fn timed_blocks(s: &mut Synth, l: &mut [f32], r: &mut [f32], blocks: usize) -> f64 {
    let mut voices = 0.0;
    for _ in 0..blocks {
        s.process(l, r, &mut |_| {});
        voices += s.voice_stats().tonal_active as f64;
    }
    voices
}

fn timing(styles_only: &[Style]) -> (u64, u64, usize) {
    // transitions: scheduled boundary vs the clock's prediction
    let mut worst_transition = 0u64;
    let mut trials = 0;
    for (si, _) in styles_only.iter().enumerate() {
        for (qi, q) in [Quantize::Beat, Quantize::Bar, Quantize::Phrase].into_iter().enumerate() {
            let mut s = Synth::new(SR as f32, BLOCK, styles_only, 100 + si as u64);
            s.set_style(si as u16, Quantize::Immediate, &mut |_| {});
            s.set_target(MoodTarget { valence: 0.3, arousal: 0.2, intensity: 0.5 });
            let mut l = vec![0.0f32; 1000];
            let mut r = vec![0.0f32; 1000];
            let warm = 30 * SR as usize / 1000 + qi * 7 + si * 3;
            for _ in 0..warm {
                s.process(&mut l, &mut r, &mut |_| {});
            }
            let expected = match q {
                Quantize::Beat => s.next_beat_at(),
                Quantize::Bar => s.next_bar_at(),
                _ => s.next_phrase_at(),
            };
            let next = ((si + 1) % styles_only.len()) as u16;
            s.set_style(next, q, &mut |_| {});
            let mut at = None;
            for _ in 0..(20 * SR as usize / 1000) {
                s.process(&mut l, &mut r, &mut |t| {
                    if let Telemetry::StyleChanged { at: a, .. } = t {
                        at.get_or_insert(a);
                    }
                });
            }
            let at = at.unwrap_or(u64::MAX);
            worst_transition = worst_transition.max(at.abs_diff(expected));
            trials += 1;
        }
    }
    // stingers: audible onset vs scheduled sample, cue at odd times
    let mut worst_stinger = 0u64;
    for k in 0..8u64 {
        let style = &styles_only[k as usize % styles_only.len()];
        let mk = || {
            let mut s = Synth::new(SR as f32, BLOCK, std::slice::from_ref(style), 7 + k);
            s.set_target(MoodTarget { valence: 0.1, arousal: -0.1, intensity: 0.4 });
            s
        };
        let (mut a, mut b) = (mk(), mk());
        let t_cue = 4 * SR as usize + 977 * k as usize;
        let total = t_cue + 3 * SR as usize;
        let mut la = vec![0.0f32; total];
        let mut ra = vec![0.0f32; total];
        let mut lb = vec![0.0f32; total];
        let mut rb = vec![0.0f32; total];
        a.process(&mut la[..t_cue], &mut ra[..t_cue], &mut |_| {});
        b.process(&mut lb[..t_cue], &mut rb[..t_cue], &mut |_| {});
        let expected = b.next_beat_at();
        let mut at = u64::MAX;
        b.cue(Cue::ALL[k as usize % Cue::ALL.len()], &mut |t| {
            if let Telemetry::CueScheduled { at: x, .. } = t {
                at = x;
            }
        });
        a.process(&mut la[t_cue..], &mut ra[t_cue..], &mut |_| {});
        b.process(&mut lb[t_cue..], &mut rb[t_cue..], &mut |_| {});
        let first = la.iter().zip(&lb).chain(ra.iter().zip(&rb)).position(|(x, y)| x != y).map_or(u64::MAX, |p| (p % total) as u64);
        let first = la.iter().zip(&lb).position(|(x, y)| x != y).map_or(first, |p| (p as u64).min(first));
        worst_stinger = worst_stinger.max(at.abs_diff(expected)).max(first.abs_diff(at));
    }
    (worst_transition, worst_stinger, trials)
}

fn main() {
    let minutes: f64 = std::env::var("RESONANCE_BENCH_MINUTES").ok().and_then(|v| v.parse().ok()).unwrap_or(10.0);
    let named = styles();
    let all: Vec<Style> = named.iter().map(|s| s.1.clone()).collect();
    println!("# Generative music benchmark ({minutes} min renders at {SR} Hz stereo)\n");

    let only = std::env::var("RESONANCE_BENCH_ONLY").unwrap_or_default();
    if only == "table" {
        table(&named, &all, minutes);
        return;
    }
    if only == "arousal" {
        arousal_table(&named, &all, minutes);
        return;
    }
    let (cpu, cpu_median, voices) = if only == "click" || only == "sampled" { (0.0, 0.0, 0.0) } else { cpu_saturated() };
    println!(
        "CPU, full synth at 48 kHz stereo, pool saturated ({voices:.1} voices sounding on average, 32-voice limit + fading steals): {:.2}% of one core (fastest 6 s segment; median {:.2}%)\n",
        cpu * 100.0,
        cpu_median * 100.0
    );
    if only == "cpu" || only == "sampled" {
        match cpu_sampled() {
            Ok(rows) => {
                println!("CPU with sampled instruments (default SoundFont, every layer and the drums sampled, 32-voice pool full):");
                println!("| style | % of one core (thread CPU time / audio time) | wall clock, fastest 6 s |");
                println!("|---|---|---|");
                for (name, cpu, wall) in &rows {
                    println!("| {name} | {:.2} | {:.2} |", cpu * 100.0, wall * 100.0);
                }
                let (sum, worst) = rows.iter().fold((0.0, 0.0f64), |(s, w), r| (s + r.1, w.max(r.1)));
                println!("| all 5 at once (sum) | {:.2} | worst single {:.2} |\n", sum * 100.0, worst * 100.0);
            }
            Err(why) => println!("CPU with sampled instruments: not measured ({why})\n"),
        }
        return;
    }

    let (wt, ws, trials) = if only == "click" { (0, 0, 0) } else { timing(&all) };
    println!("Transition timing error ({trials} beat/bar/phrase transitions, all styles): max {wt} samples");
    println!(
        "Stinger timing error (8 cues at odd times; scheduled vs clock's next beat, and first audible sample vs scheduled): max {ws} samples\n"
    );

    let mix = render(&all, 0, Profile::Broadcast, minutes * 60.0, true, 99);
    let changes: Vec<u64> =
        mix.telemetry.iter().filter_map(|t| if let Telemetry::StyleChanged { at, .. } = t { Some(*at) } else { None }).collect();
    let stings: Vec<u64> =
        mix.telemetry.iter().filter_map(|t| if let Telemetry::CueScheduled { at, .. } = t { Some(*at) } else { None }).collect();
    println!("Click metric, checked first on signals with a known answer (window {CLICK_WINDOW_MS} ms):");
    println!("| signal | click? | ratio | metric says |");
    println!("|---|---|---|---|");
    let mut metric_ok = true;
    for (name, expect, ratio) in click_metric_check() {
        let says = ratio > 1.0;
        metric_ok &= says == expect;
        println!("| {name} | {} | {ratio:.2} | {} |", if expect { "yes" } else { "no" }, if says { "click" } else { "clean" });
    }
    println!("metric agrees with every known case: {}\n", if metric_ok { "yes" } else { "NO" });
    let rc = clicks(&mix, &changes);
    let rs = clicks(&mix, &stings);
    println!("Click metric on the render (max step from 1 ms before to W after <= 2x max step in the 50 ms before):");
    println!("| window W | style transitions pass | worst ratio | stinger starts pass | worst ratio |");
    println!("|---|---|---|---|---|");
    for (i, ms) in CLICK_WINDOWS_MS.iter().enumerate() {
        let ((pc, tc, wc), (ps, ts, ws)) = (rc[i], rs[i]);
        println!("| {ms} ms | {pc}/{tc} | {wc:.2} | {ps}/{ts} | {ws:.2} |");
    }
    println!();
    if only == "click" {
        return;
    }

    table(&named, &all, minutes);
    println!();
    arousal_table(&named, &all, minutes);
}

/// Arousal correlation per style and arc (broadcast profile), with its two factors.
fn arousal_table(named: &[(String, Style)], all: &[Style], minutes: f64) {
    println!("Rendered arousal vs the arc ({minutes} min renders, 5 s windows, Pearson r; target >= 0.7 for the product):");
    println!("| style | arc | conductor energy r | onsets/s r | RMS r | onsets x RMS r | met? | integrated LUFS (target -23) |");
    println!("|---|---|---|---|---|---|---|---|");
    let mut worst = f64::INFINITY;
    let only_style = std::env::var("RESONANCE_BENCH_STYLE").unwrap_or_default();
    let only_arc = std::env::var("RESONANCE_BENCH_ARC").unwrap_or_default();
    for (i, (name, _)) in named.iter().enumerate() {
        if !only_style.is_empty() && *name != only_style {
            continue;
        }
        for arc in Arc::ALL {
            if !only_arc.is_empty() && arc.name() != only_arc {
                continue;
            }
            let out = render_arc(all, i as u16, Profile::Broadcast, minutes * 60.0, false, 1 + i as u64, arc);
            let fit = arousal_correlation(&out, arc);
            let (lufs, _) = loudness(&out.l, &out.r);
            worst = worst.min(fit.product);
            println!(
                "| {name} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {} | {lufs:.2} |",
                arc.name(),
                fit.energy,
                fit.onsets,
                fit.rms,
                fit.product,
                if fit.product >= 0.7 { "yes" } else { "no" }
            );
        }
    }
    println!("worst onsets x RMS r: {worst:.2}");
}

/// Loudness, true peak, arousal correlation, voices and CPU of a render per style and profile.
fn table(named: &[(String, Style)], all: &[Style], minutes: f64) {
    println!("| style | profile | integrated LUFS | target | true peak dBTP | arousal r | voices (mean) | CPU % of core |");
    println!("|---|---|---|---|---|---|---|---|");
    for (i, (name, _)) in named.iter().enumerate() {
        for profile in [Profile::Broadcast, Profile::Streaming] {
            let out = render(all, i as u16, profile, minutes * 60.0, false, 1 + i as u64);
            let (lufs, tp) = loudness(&out.l, &out.r);
            let r = arousal_correlation(&out, Arc::Match).product;
            let cpu = out.seconds_cpu / (minutes * 60.0) * 100.0;
            println!(
                "| {name} | {} | {lufs:.2} | {:.0} | {tp:.2} | {r:.2} | {:.1} | {cpu:.2} |",
                if profile == Profile::Broadcast { "broadcast" } else { "streaming" },
                profile.target_lufs(),
                out.voices
            );
        }
    }
}
