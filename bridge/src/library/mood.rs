//! A mood for every track, from Resonance's own listening: the audio is decoded
//! (`resonance_io::decode`, any format the engine's tools read) and measured offline, once,
//! in the background; the result is stored per track (`library_moods`).
//!
//! What is measured, over up to [`ANALYSE_S`] seconds starting [`SKIP_S`] in (intros are
//! rarely representative), on the mono mix:
//! * loudness: integrated loudness (EBU R128, LUFS), and dynamics (95th − 10th percentile of
//!   the levels of the spectrum's frames below);
//! * a short-time spectrum (1024-sample Hann frames every 512 samples) gives the rest:
//!   * brightness: the mean spectral centroid of frames within 50 dB of the loudest;
//!   * onset strength: the mean rise, in dB, of 24 log-spaced band levels (60 Hz–16 kHz)
//!     over the previous frame (spectral flux: a new note raises its own bands even when the
//!     overall level does not move, as in orchestral music);
//!   * onset rate: peaks of the onset strength standing clear of their surroundings, per
//!     second;
//!   * tempo: the autocorrelation peak of the onset strength between 0.33 s and 1.5 s, with a
//!     prior around 120 BPM against octave errors, folded into 70–180 BPM;
//! * mode: a chromagram (4096-point FFT frames, Hann window, 65 Hz–4 kHz folded onto 12 pitch
//!   classes) correlated with the Krumhansl–Kessler major and minor key profiles (Krumhansl
//!   1990, "Cognitive Foundations of Musical Pitch"; the key-finding method of Krumhansl &
//!   Schmuckler): `mode` is the best major key's correlation minus the best minor key's
//!   (> 0: major), `key_clarity` the best correlation of all.
//!
//! The mapping to valence and arousal (each in −1..1) is a documented linear table in
//! [`mood_from_features`], after the cue studies summarised by Gabrielsson & Lindström
//! (2010, "The role of structure in the musical expression of emotions") and Eerola &
//! Vuoskoski (2011): arousal rises with loudness, tempo, onset density and brightness;
//! valence rises with tempo and brightness and falls with dynamics (harsh, uneven audio), and
//! above all with major mode, the strongest valence cue in those studies; how much mode counts
//! is scaled by how clearly the audio is in any key (atonal or drum-only audio says nothing).
//!
//! Precedence of sources: a user's label > this audio analysis > a match to an analysed copy
//! (a Spotify track whose artist and title match a Subsonic or local track takes its mood) >
//! unknown (neutral, confidence 0). A mood measured by an older analysis than
//! [`ANALYSIS_VERSION`] is measured again.

use std::path::Path;

/// Seconds skipped at the start of a track before measuring.
pub const SKIP_S: f64 = 20.0;
/// Longest stretch measured.
pub const ANALYSE_S: f64 = 90.0;
/// Frame of the short-time spectrum.
const FRAME: usize = 1024;
/// Hop between frames.
const HOP: usize = 512;
/// The analysis's version, stored with its features: rows measured by an older analysis are
/// measured again (their features meant something else).
pub const ANALYSIS_VERSION: u32 = 2;

/// Where a mood came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MoodSource {
    /// The user set it on the page.
    User,
    /// Measured from the track's audio.
    Audio,
    /// Taken from an analysed copy of the same track (artist + title match).
    Matched,
    /// Mapped from the track's tags (MusicBrainz, ListenBrainz, Last.fm) through the tag table.
    Tags,
    /// Nothing known: neutral.
    Unknown,
}

impl MoodSource {
    pub fn as_str(self) -> &'static str {
        match self {
            MoodSource::User => "user",
            MoodSource::Audio => "audio",
            MoodSource::Matched => "matched",
            MoodSource::Tags => "tags",
            MoodSource::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "user" => MoodSource::User,
            "audio" => MoodSource::Audio,
            "matched" => MoodSource::Matched,
            "tags" => MoodSource::Tags,
            _ => MoodSource::Unknown,
        }
    }
}

/// What the analysis measured.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct TrackFeatures {
    /// [`ANALYSIS_VERSION`] of the analysis that measured these (0: before versions).
    #[serde(default)]
    pub version: u32,
    pub analysed_s: f32,
    pub loudness_db: f32,
    pub dynamics_db: f32,
    pub brightness_hz: f32,
    pub onset_rate_hz: f32,
    pub tempo_bpm: Option<f32>,
    /// Best major key's profile correlation minus the best minor key's (> 0: major);
    /// `None` when no key is clear (rows stored before mode was measured, too).
    #[serde(default)]
    pub mode: Option<f32>,
    /// The best key-profile correlation (0–1: how tonal the audio is).
    #[serde(default)]
    pub key_clarity: f32,
}

/// A track's mood.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct TrackMood {
    pub valence: f32,
    pub arousal: f32,
    /// 0–1.
    pub confidence: f32,
    /// 0–1 energy (loudness and density), for continuity.
    pub energy: f32,
    pub tempo_bpm: Option<f32>,
    pub source: MoodSource,
}

impl TrackMood {
    /// Neutral, unknown.
    pub const UNKNOWN: TrackMood =
        TrackMood { valence: 0.0, arousal: 0.0, confidence: 0.0, energy: 0.5, tempo_bpm: None, source: MoodSource::Unknown };
}

/// The mapping table: `(feature, centre, scale, weight on arousal, weight on valence)`; each
/// feature enters as `(x − centre) / scale`, the sums go through `tanh`.
pub const MAPPING: &[(&str, f32, f32, f32, f32)] = &[
    ("loudness_db", -18.0, 6.0, 0.45, 0.0),
    ("tempo_bpm", 110.0, 35.0, 0.35, 0.25),
    ("onset_rate_hz", 2.5, 2.0, 0.30, 0.05),
    ("brightness_hz", 1800.0, 800.0, 0.25, 0.30),
    ("dynamics_db", 20.0, 10.0, -0.10, -0.20),
    ("mode", 0.0, 0.15, 0.0, 0.45),
];

/// Key clarity below which the mode is not used (noise, drums, speech).
pub const MIN_KEY_CLARITY: f32 = 0.5;

/// Valence and arousal from measured features (the [`MAPPING`] table).
pub fn mood_from_features(f: &TrackFeatures) -> TrackMood {
    let value = |name: &str| match name {
        "loudness_db" => Some(f.loudness_db),
        "tempo_bpm" => f.tempo_bpm,
        "onset_rate_hz" => Some(f.onset_rate_hz),
        "brightness_hz" => Some(f.brightness_hz),
        "dynamics_db" => Some(f.dynamics_db),
        "mode" => f.mode.filter(|_| f.key_clarity >= MIN_KEY_CLARITY),
        _ => None,
    };
    let (mut a, mut v) = (0.0f32, 0.0f32);
    for (name, centre, scale, wa, wv) in MAPPING {
        if let Some(x) = value(name).filter(|x| x.is_finite()) {
            let z = ((x - centre) / scale).clamp(-3.0, 3.0);
            a += wa * z;
            v += wv * z;
        }
    }
    let energy = (((f.loudness_db + 40.0) / 34.0).clamp(0.0, 1.0) * 0.7 + (f.onset_rate_hz / 6.0).clamp(0.0, 1.0) * 0.3).clamp(0.0, 1.0);
    // Confidence grows with the stretch heard (a minute is enough); without a clear mode the
    // valence is the weaker estimate, so the whole estimate is capped at 0.8.
    let cap = if f.mode.is_some() && f.key_clarity >= MIN_KEY_CLARITY { 0.95 } else { 0.8 };
    let confidence = (f.analysed_s / 60.0).clamp(0.0, 1.0) * cap;
    TrackMood { valence: v.tanh(), arousal: a.tanh(), confidence, energy, tempo_bpm: f.tempo_bpm, source: MoodSource::Audio }
}

/// Decodes and measures a file (see the module header).
///
/// # Errors
/// The decoder's error (not audio, corrupt, truncated) as text saying which file.
pub fn analyse_file(path: &Path) -> Result<TrackFeatures, String> {
    let (x, sr) = excerpt(path)?;
    Ok(features(&x, sr))
}

/// The stretch of a file that is measured: mono, up to [`ANALYSE_S`] seconds from [`SKIP_S`]
/// in (a track shorter than that: its last [`ANALYSE_S`] seconds), and its sample rate.
///
/// # Errors
/// The decoder's error (not audio, corrupt, truncated) as text saying which file.
pub fn excerpt(path: &Path) -> Result<(Vec<f32>, f32), String> {
    let mut d = resonance_io::decode::DecodeStream::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let sr = d.sample_rate() as f32;
    let skip = (f64::from(sr) * SKIP_S) as u64;
    let take = (f64::from(sr) * ANALYSE_S) as usize;
    let mut mono: Vec<f32> = Vec::with_capacity(take.min(1 << 24));
    let mut head: Vec<f32> = Vec::new();
    let mut seen = 0u64;
    while mono.len() < take {
        let Some(ch) = d.next_chunk().map_err(|e| format!("{}: {e}", path.display()))? else { break };
        let n = ch[0].len();
        let k = ch.len() as f32;
        for i in 0..n {
            let s = ch.iter().map(|c| c[i]).sum::<f32>() / k;
            if seen >= skip {
                mono.push(s);
            } else {
                head.push(s);
            }
            seen += 1;
        }
        if head.len() > take {
            head.drain(..head.len() - take);
        }
    }
    // a track shorter than the skip: measure what there is
    if mono.len() < take / 4 {
        head.extend_from_slice(&mono);
        mono = head;
    }
    Ok((mono, sr))
}

/// The features of a mono signal at `sr` Hz (see the module header).
pub fn features(x: &[f32], sr: f32) -> TrackFeatures {
    if x.len() < FRAME || sr <= 0.0 {
        return TrackFeatures { version: ANALYSIS_VERSION, ..TrackFeatures::default() };
    }
    let spec = spectral(x, sr);
    let hop_s = HOP as f32 / sr;
    let dur = x.len() as f32 / sr;
    // loudness: EBU R128 integrated (gated) loudness of the excerpt
    let loudness = loudness_lufs(x, sr).unwrap_or(-90.0);
    // dynamics: spread of the short-term (one hop) levels that are not silence
    let mut audible: Vec<f32> = spec.level_db.iter().copied().filter(|l| *l > -70.0).collect();
    audible.sort_by(f32::total_cmp);
    let pct = |p: f32| audible.get(((audible.len() as f32 - 1.0) * p) as usize).copied().unwrap_or(0.0);
    let dynamics = if audible.is_empty() { 0.0 } else { pct(0.95) - pct(0.10) };
    let (mode, key_clarity) = mode(x, sr).map_or((None, 0.0), |(m, c)| (Some(m), c));
    TrackFeatures {
        version: ANALYSIS_VERSION,
        analysed_s: dur,
        loudness_db: loudness,
        dynamics_db: dynamics,
        brightness_hz: spec.centroid_hz,
        onset_rate_hz: onset_count(&spec.flux, hop_s) as f32 / dur.max(1e-3),
        tempo_bpm: tempo(&spec.flux, hop_s),
        mode,
        key_clarity,
    }
}

/// Integrated loudness (EBU R128) of a mono signal; `None` below the absolute gate (silence).
fn loudness_lufs(x: &[f32], sr: f32) -> Option<f32> {
    let mut meter = ebur128::EbuR128::new(1, sr as u32, ebur128::Mode::I).ok()?;
    meter.add_frames_f32(x).ok()?;
    let l = meter.loudness_global().ok()?;
    (l.is_finite() && l > -70.0).then_some(l as f32)
}

/// What the short-time spectrum gives: the onset-strength envelope (one value per hop), the
/// level per hop and the mean spectral centroid.
struct Spectral {
    flux: Vec<f32>,
    level_db: Vec<f32>,
    centroid_hz: f32,
}

/// Bands of the onset envelope: log-spaced from 60 Hz to 16 kHz (or Nyquist).
const FLUX_BANDS: usize = 24;

/// The short-time spectrum of `x`: Hann frames of [`FRAME`] every [`HOP`] samples; per frame
/// the energy in [`FLUX_BANDS`] log-spaced bands in dB (floored 80 dB under the loudest band
/// of the excerpt, so hiss in empty bands does not count), the onset strength as the mean
/// rise of those band levels over the previous frame (rises only), the frame level, and the
/// spectral centroid (magnitude-weighted, as in the MIR literature); the track's brightness is the mean centroid of frames within
/// 50 dB of its loudest.
fn spectral(x: &[f32], sr: f32) -> Spectral {
    let mut planner = realfft::RealFftPlanner::<f32>::new();
    let fft = planner.plan_fft_forward(FRAME);
    let window: Vec<f32> = (0..FRAME).map(|i| 0.5 - 0.5 * (std::f32::consts::TAU * i as f32 / FRAME as f32).cos()).collect();
    let bin_hz = sr / FRAME as f32;
    let top = 16_000.0f32.min(sr * 0.5);
    let band_of: Vec<Option<usize>> = (0..=FRAME / 2)
        .map(|k| {
            let f = k as f32 * bin_hz;
            (60.0..top)
                .contains(&f)
                .then(|| (((f / 60.0).ln() / (top / 60.0).ln()) * FLUX_BANDS as f32) as usize)
                .map(|b| b.min(FLUX_BANDS - 1))
        })
        .collect();
    let mut buf = fft.make_input_vec();
    let mut out = fft.make_output_vec();
    let frames = (x.len() - FRAME) / HOP + 1;
    let mut bands = vec![[0.0f32; FLUX_BANDS]; frames];
    let mut level_db = Vec::with_capacity(frames);
    let mut centroids = Vec::with_capacity(frames);
    for (t, band) in bands.iter_mut().enumerate() {
        let frame = &x[t * HOP..t * HOP + FRAME];
        for ((b, s), w) in buf.iter_mut().zip(frame).zip(&window) {
            *b = s * w;
        }
        if fft.process(&mut buf, &mut out).is_err() {
            break;
        }
        let (mut m_sum, mut mf_sum) = (0.0f64, 0.0f64);
        for (k, (c, bo)) in out.iter().zip(&band_of).enumerate() {
            let p = c.norm_sqr();
            let m = f64::from(p.sqrt());
            m_sum += m;
            mf_sum += m * k as f64;
            if let Some(b) = bo {
                band[*b] += p;
            }
        }
        let ms = frame.iter().map(|s| f64::from(s * s)).sum::<f64>() / FRAME as f64;
        level_db.push((10.0 * (ms + 1e-12).log10()) as f32);
        centroids.push(if m_sum > 0.0 { (mf_sum / m_sum) as f32 * bin_hz } else { 0.0 });
    }
    let to_db = |p: f32| 10.0 * (p + 1e-20).log10();
    let loudest = bands.iter().flat_map(|b| b.iter()).fold(0.0f32, |m, p| m.max(*p));
    let floor = to_db(loudest) - 80.0;
    let db: Vec<[f32; FLUX_BANDS]> = bands.iter().map(|b| b.map(|p| to_db(p).max(floor))).collect();
    let mut flux = vec![0.0f32; db.len()];
    for t in 1..db.len() {
        flux[t] = db[t].iter().zip(&db[t - 1]).map(|(a, b)| (a - b).max(0.0)).sum::<f32>() / FLUX_BANDS as f32;
    }
    let loud = level_db.iter().fold(f32::MIN, |m, l| m.max(*l));
    let bright: Vec<f32> = centroids.iter().zip(&level_db).filter(|(_, l)| **l > loud - 50.0).map(|(c, _)| *c).collect();
    let centroid_hz = if bright.is_empty() { 0.0 } else { bright.iter().sum::<f32>() / bright.len() as f32 };
    Spectral { flux, level_db, centroid_hz }
}

/// How far, in dB of mean band rise, an onset's strength must stand over the median of its
/// surroundings (±0.5 s): steady playing fluctuates by about 1 dB, a new note or chord rises
/// further.
const ONSET_RISE_DB: f32 = 2.0;

/// Onsets in an onset-strength envelope (frames `hop_s` apart): local maxima within ±30 ms
/// that stand [`ONSET_RISE_DB`] over the median of the surrounding ±0.5 s, at most one per
/// 100 ms.
fn onset_count(flux: &[f32], hop_s: f32) -> usize {
    let peak_w = ((0.03 / hop_s).round() as usize).max(1);
    let med_w = ((0.5 / hop_s).round() as usize).max(1);
    let gap = ((0.1 / hop_s).round() as usize).max(1);
    let mut window = Vec::with_capacity(2 * med_w + 1);
    let mut count = 0;
    let mut last: Option<usize> = None;
    for (t, &v) in flux.iter().enumerate() {
        let (lo, hi) = (t.saturating_sub(peak_w), (t + peak_w + 1).min(flux.len()));
        if v <= 0.0 || flux[lo..hi].iter().any(|&u| u > v) || last.is_some_and(|l| t - l < gap) {
            continue;
        }
        window.clear();
        window.extend_from_slice(&flux[t.saturating_sub(med_w)..(t + med_w + 1).min(flux.len())]);
        let mid = window.len() / 2;
        let (_, median, _) = window.select_nth_unstable_by(mid, f32::total_cmp);
        if v > *median + ONSET_RISE_DB {
            count += 1;
            last = Some(t);
        }
    }
    count
}

/// Krumhansl–Kessler probe-tone profiles, tonic first (Krumhansl 1990, table 2.1).
const KK_MAJOR: [f32; 12] = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const KK_MINOR: [f32; 12] = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
/// FFT frame for the chromagram.
const CHROMA_N: usize = 4096;

/// The mode and key clarity of `x` (see the module header); `None` for silence or audio
/// too short for one frame.
pub fn mode(x: &[f32], sr: f32) -> Option<(f32, f32)> {
    if x.len() < CHROMA_N || sr <= 0.0 {
        return None;
    }
    let mut planner = realfft::RealFftPlanner::<f32>::new();
    let fft = planner.plan_fft_forward(CHROMA_N);
    let window: Vec<f32> = (0..CHROMA_N).map(|i| 0.5 - 0.5 * (std::f32::consts::TAU * i as f32 / CHROMA_N as f32).cos()).collect();
    let bin_hz = sr / CHROMA_N as f32;
    // each bin's pitch class (A = 9), or none outside 65 Hz–4 kHz
    let class: Vec<Option<usize>> = (0..=CHROMA_N / 2)
        .map(|k| {
            let f = k as f32 * bin_hz;
            (65.0..4000.0).contains(&f).then(|| ((12.0 * (f / 440.0).log2()).round() as i32 + 9).rem_euclid(12) as usize)
        })
        .collect();
    let mut chroma = [0.0f64; 12];
    let mut buf = fft.make_input_vec();
    let mut spec = fft.make_output_vec();
    for frame in x.chunks_exact(CHROMA_N) {
        for ((b, s), w) in buf.iter_mut().zip(frame).zip(&window) {
            *b = s * w;
        }
        if fft.process(&mut buf, &mut spec).is_err() {
            return None;
        }
        for (c, v) in class.iter().zip(&spec) {
            if let Some(c) = c {
                chroma[*c] += f64::from(v.norm());
            }
        }
    }
    if chroma.iter().sum::<f64>() <= 1e-9 {
        return None;
    }
    // per bin of its class: a flat spectrum gives a flat chromagram
    let mut bins = [0usize; 12];
    for c in class.iter().flatten() {
        bins[*c] += 1;
    }
    let chroma: Vec<f32> = chroma.iter().zip(bins).map(|(&v, n)| (v / n.max(1) as f64) as f32).collect();
    let best = |profile: &[f32; 12]| (0..12).map(|tonic| pearson(&chroma, |i| profile[(i + 12 - tonic) % 12])).fold(f32::MIN, f32::max);
    let (major, minor) = (best(&KK_MAJOR), best(&KK_MINOR));
    // a nearly flat chromagram (noise, drums) correlates by chance: clarity also needs the
    // pitch classes to differ (coefficient of variation, full at 0.3)
    let mean = chroma.iter().sum::<f32>() / 12.0;
    let cv = (chroma.iter().map(|c| (c - mean) * (c - mean)).sum::<f32>() / 12.0).sqrt() / mean.max(1e-12);
    Some((major - minor, major.max(minor).max(0.0) * (cv / 0.3).min(1.0)))
}

/// Pearson correlation of `a` with `b(i)`.
fn pearson(a: &[f32], b: impl Fn(usize) -> f32) -> f32 {
    let n = a.len() as f32;
    let ma = a.iter().sum::<f32>() / n;
    let mb = (0..a.len()).map(&b).sum::<f32>() / n;
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (i, &x) in a.iter().enumerate() {
        let (da, db) = (x - ma, b(i) - mb);
        sab += da * db;
        saa += da * da;
        sbb += db * db;
    }
    if saa <= 0.0 || sbb <= 0.0 { 0.0 } else { sab / (saa * sbb).sqrt() }
}

/// The tempo from an onset-strength envelope (frames `block_s` apart): the autocorrelation of
/// the mean-removed envelope between lags of 0.33 s and 1.5 s, each lag weighted by a tempo
/// prior (log-normal around 120 BPM, one octave wide: listeners tap near 120 BPM, so of a
/// beat and its double the one nearer 120 is the tempo), the peak refined by a parabola
/// through its neighbours and folded into 70–180 BPM; `None` without a clear periodicity
/// (the peak's own correlation under 0.1). `mood-eval` runs it on its own envelope.
pub fn tempo(strength: &[f32], block_s: f32) -> Option<f32> {
    let lo = ((0.33 / block_s).floor() as usize).max(1);
    let hi = (1.5 / block_s).ceil() as usize;
    if strength.len() < hi * 4 || block_s <= 0.0 {
        return None;
    }
    let mean = strength.iter().sum::<f32>() / strength.len() as f32;
    let s: Vec<f32> = strength.iter().map(|v| v - mean).collect();
    let r0: f32 = s.iter().map(|v| v * v).sum();
    if r0 <= 0.0 {
        return None;
    }
    let r = |l: usize| s.iter().zip(&s[l..]).map(|(a, b)| a * b).sum::<f32>() / r0;
    let prior = |l: usize| (-0.5 * (60.0 / (l as f32 * block_s) / 120.0).log2().powi(2)).exp();
    let rs: Vec<f32> = (lo - 1..=hi + 1).map(r).collect();
    let at = |l: usize| rs[l + 1 - lo];
    let lag = (lo..=hi).max_by(|a, b| (at(*a) * prior(*a)).total_cmp(&(at(*b) * prior(*b))))?;
    if at(lag) < 0.1 {
        return None;
    }
    // parabolic interpolation of the peak
    let (y0, y1, y2) = (at(lag - 1), at(lag), at(lag + 1));
    let den = y0 - 2.0 * y1 + y2;
    let shift = if den < 0.0 { (0.5 * (y0 - y2) / den).clamp(-0.5, 0.5) } else { 0.0 };
    let mut bpm = 60.0 / ((lag as f32 + shift) * block_s);
    while bpm < 70.0 {
        bpm *= 2.0;
    }
    while bpm > 180.0 {
        bpm /= 2.0;
    }
    Some(bpm)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clicks(bpm: f32, sr: f32, secs: f32, amp: f32, tone_hz: f32) -> Vec<f32> {
        let n = (sr * secs) as usize;
        let period = (sr * 60.0 / bpm) as usize;
        (0..n)
            .map(|i| {
                let ph = i % period;
                let env = if ph < (sr * 0.05) as usize { 1.0 } else { 0.02 };
                amp * env * (std::f32::consts::TAU * tone_hz * i as f32 / sr).sin()
            })
            .collect()
    }

    #[test]
    fn tempo_and_brightness_are_measured() {
        let sr = 44_100.0;
        let f = features(&clicks(120.0, sr, 30.0, 0.5, 1000.0), sr);
        let bpm = f.tempo_bpm.expect("a clear beat");
        assert!((bpm - 120.0).abs() < 4.0, "{bpm}");
        assert!((f.onset_rate_hz - 2.0).abs() < 0.3, "{}", f.onset_rate_hz);
        // the clicks' edges add high partials: brighter than their tone, far from a 3 kHz one
        assert!((1000.0..1500.0).contains(&f.brightness_hz), "{}", f.brightness_hz);
        // a steady tone's centroid is its frequency (within the window's leakage)
        let tone: Vec<f32> = (0..(sr * 5.0) as usize).map(|i| 0.3 * (std::f32::consts::TAU * 1000.0 * i as f32 / sr).sin()).collect();
        let f = features(&tone, sr);
        assert!((f.brightness_hz - 1000.0).abs() < 60.0, "{}", f.brightness_hz);
        assert_eq!(f.onset_rate_hz, 0.0, "a steady tone has no onsets");
        assert_eq!(f.version, ANALYSIS_VERSION);
    }

    #[test]
    fn loud_fast_bright_is_more_aroused_than_quiet_slow_dark() {
        let sr = 44_100.0;
        let hot = mood_from_features(&features(&clicks(160.0, sr, 30.0, 0.9, 3000.0), sr));
        let calm = mood_from_features(&features(&clicks(75.0, sr, 30.0, 0.05, 300.0), sr));
        assert!(hot.arousal > calm.arousal + 0.5, "{hot:?} {calm:?}");
        assert!(hot.energy > calm.energy);
        assert!(features(&[], sr).analysed_s == 0.0);
    }

    /// Chords of sine tones (MIDI notes), two seconds each.
    fn chords(sr: f32, chords: &[[i32; 3]]) -> Vec<f32> {
        let per = (2.0 * sr) as usize;
        let mut x = Vec::with_capacity(per * chords.len());
        for ch in chords {
            for i in 0..per {
                let t = i as f32 / sr;
                let s: f32 = ch.iter().map(|&m| (std::f32::consts::TAU * 440.0 * 2f32.powf((m - 69) as f32 / 12.0) * t).sin()).sum();
                x.push(0.2 * s);
            }
        }
        x
    }

    #[test]
    fn major_music_measures_major_and_happier_than_the_same_in_minor() {
        let sr = 44_100.0;
        // I–IV–V–I in C major, then i–iv–v–i in C minor
        let major = chords(sr, &[[60, 64, 67], [65, 69, 72], [67, 71, 74], [60, 64, 67]].repeat(4));
        let minor = chords(sr, &[[60, 63, 67], [65, 68, 72], [67, 70, 74], [60, 63, 67]].repeat(4));
        let (m_maj, c_maj) = mode(&major, sr).expect("tonal");
        let (m_min, c_min) = mode(&minor, sr).expect("tonal");
        assert!(m_maj > 0.05 && m_min < -0.05, "major {m_maj:.3}, minor {m_min:.3}");
        assert!(c_maj > MIN_KEY_CLARITY && c_min > MIN_KEY_CLARITY, "clear keys: {c_maj:.2} {c_min:.2}");
        let (vmaj, vmin) = (mood_from_features(&features(&major, sr)), mood_from_features(&features(&minor, sr)));
        assert!(vmaj.valence > vmin.valence + 0.2, "{vmaj:?} {vmin:?}");
        // white noise has no key: mode is not used
        let mut seed = 1u32;
        let noise: Vec<f32> = (0..sr as usize * 4)
            .map(|_| {
                seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (seed >> 8) as f32 / (1u32 << 24) as f32 - 0.5
            })
            .collect();
        let f = features(&noise, sr);
        assert!(f.key_clarity < MIN_KEY_CLARITY, "noise clarity {}", f.key_clarity);
    }
}
