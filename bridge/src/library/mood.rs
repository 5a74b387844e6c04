//! A mood for every track, from Resonance's own listening: the audio is decoded
//! (`resonance_io::decode`, any format the engine's tools read) and measured offline, once,
//! in the background; the result is stored per track (`library_moods`).
//!
//! What is measured, over up to [`ANALYSE_S`] seconds starting [`SKIP_S`] in (intros are
//! rarely representative), in 1024-sample blocks of the mono mix:
//! * loudness: mean block level in dBFS, and dynamics (95th − 10th percentile);
//! * brightness: a spectral-centroid estimate from the first difference,
//!   `f ≈ (sr / 2π) · sqrt(E[Δx²] / E[x²])` (exact for a sinusoid, a centroid-like mean for
//!   a mixture: no FFT needed);
//! * onset rate: rises of the block level by more than 6 dB over the previous 4 blocks' mean
//!   (at most one per 100 ms), per second;
//! * tempo: the autocorrelation peak of the onset-strength envelope between 0.33 s and 1.5 s
//!   (40–180 BPM), folded into 70–180 BPM.
//!
//! The mapping to valence and arousal (each in −1..1) is a documented linear table in
//! [`mood_from_features`], after the cue studies summarised by Gabrielsson & Lindström
//! (2010, "The role of structure in the musical expression of emotions") and Eerola &
//! Vuoskoski (2011): arousal rises with loudness, tempo, onset density and brightness;
//! valence rises with tempo and brightness and falls with dynamics (harsh, uneven audio).
//! Mode (major/minor), the strongest valence cue in those studies, is not measured yet, so
//! valence estimates get a lower confidence than arousal ones (docs/library.md).
//!
//! Precedence of sources: a user's label > this audio analysis > a match to an analysed copy
//! (a Spotify track whose artist and title match a Subsonic or local track takes its mood) >
//! unknown (neutral, confidence 0).

use std::path::Path;

/// Seconds skipped at the start of a track before measuring.
pub const SKIP_S: f64 = 20.0;
/// Longest stretch measured.
pub const ANALYSE_S: f64 = 90.0;
const BLOCK: usize = 1024;

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
    pub analysed_s: f32,
    pub loudness_db: f32,
    pub dynamics_db: f32,
    pub brightness_hz: f32,
    pub onset_rate_hz: f32,
    pub tempo_bpm: Option<f32>,
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
    ("loudness_db", -20.0, 8.0, 0.45, 0.0),
    ("tempo_bpm", 110.0, 35.0, 0.35, 0.25),
    ("onset_rate_hz", 2.0, 2.0, 0.30, 0.05),
    ("brightness_hz", 2000.0, 1500.0, 0.25, 0.30),
    ("dynamics_db", 20.0, 10.0, -0.10, -0.20),
];

/// Valence and arousal from measured features (the [`MAPPING`] table).
pub fn mood_from_features(f: &TrackFeatures) -> TrackMood {
    let value = |name: &str| match name {
        "loudness_db" => Some(f.loudness_db),
        "tempo_bpm" => f.tempo_bpm,
        "onset_rate_hz" => Some(f.onset_rate_hz),
        "brightness_hz" => Some(f.brightness_hz),
        "dynamics_db" => Some(f.dynamics_db),
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
    // Confidence grows with the stretch heard (a minute is enough); valence is the weaker
    // estimate (no mode yet), so the whole estimate is capped at 0.8.
    let confidence = (f.analysed_s / 60.0).clamp(0.0, 1.0) * 0.8;
    TrackMood { valence: v.tanh(), arousal: a.tanh(), confidence, energy, tempo_bpm: f.tempo_bpm, source: MoodSource::Audio }
}

/// Decodes and measures a file (see the module header).
///
/// # Errors
/// The decoder's error (not audio, corrupt, truncated) as text saying which file.
pub fn analyse_file(path: &Path) -> Result<TrackFeatures, String> {
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
    Ok(features(&mono, sr))
}

/// The features of a mono signal at `sr` Hz.
pub fn features(x: &[f32], sr: f32) -> TrackFeatures {
    let blocks: Vec<&[f32]> = x.chunks_exact(BLOCK).collect();
    if blocks.is_empty() {
        return TrackFeatures::default();
    }
    let mut levels = Vec::with_capacity(blocks.len());
    let (mut e, mut de) = (0.0f64, 0.0f64);
    let mut prev = 0.0f32;
    for b in &blocks {
        let mut be = 0.0f64;
        for &s in *b {
            be += f64::from(s * s);
            de += f64::from((s - prev) * (s - prev));
            prev = s;
        }
        e += be;
        levels.push((10.0 * (be / BLOCK as f64 + 1e-12).log10()) as f32);
    }
    let brightness = if e > 0.0 { (f64::from(sr) / std::f64::consts::TAU * (de / e).sqrt()) as f32 } else { 0.0 };
    let audible: Vec<f32> = levels.iter().copied().filter(|l| *l > -70.0).collect();
    let loudness = if audible.is_empty() { -90.0 } else { audible.iter().sum::<f32>() / audible.len() as f32 };
    let mut sorted = audible.clone();
    sorted.sort_by(f32::total_cmp);
    let pct = |p: f32| sorted.get(((sorted.len() as f32 - 1.0) * p) as usize).copied().unwrap_or(0.0);
    let dynamics = if sorted.is_empty() { 0.0 } else { pct(0.95) - pct(0.10) };
    // onset strength: rise of the level over the mean of the previous 4 blocks
    let strength: Vec<f32> =
        (0..levels.len()).map(|i| if i < 4 { 0.0 } else { (levels[i] - levels[i - 4..i].iter().sum::<f32>() / 4.0).max(0.0) }).collect();
    let block_s = BLOCK as f32 / sr;
    let gap = (0.1 / block_s).ceil() as usize;
    let mut onsets = 0usize;
    let mut last = 0usize;
    for (i, s) in strength.iter().enumerate() {
        if *s > 6.0 && (onsets == 0 || i - last >= gap) {
            onsets += 1;
            last = i;
        }
    }
    let dur = blocks.len() as f32 * block_s;
    TrackFeatures {
        analysed_s: dur,
        loudness_db: loudness,
        dynamics_db: dynamics,
        brightness_hz: brightness,
        onset_rate_hz: onsets as f32 / dur.max(1e-3),
        tempo_bpm: tempo(&strength, block_s),
    }
}

/// The tempo from the onset-strength envelope (autocorrelation between 0.33 s and 1.5 s),
/// folded into 70–180 BPM; `None` without a clear periodicity.
fn tempo(strength: &[f32], block_s: f32) -> Option<f32> {
    let lo = (0.33 / block_s).floor() as usize;
    let hi = (1.5 / block_s).ceil() as usize;
    if strength.len() < hi * 4 {
        return None;
    }
    let mean = strength.iter().sum::<f32>() / strength.len() as f32;
    let s: Vec<f32> = strength.iter().map(|v| v - mean).collect();
    let r0: f32 = s.iter().map(|v| v * v).sum();
    if r0 <= 0.0 {
        return None;
    }
    let (lag, r) =
        (lo.max(1)..=hi).map(|l| (l, s.iter().zip(&s[l..]).map(|(a, b)| a * b).sum::<f32>() / r0)).max_by(|a, b| a.1.total_cmp(&b.1))?;
    if r < 0.1 {
        return None;
    }
    let mut bpm = 60.0 / (lag as f32 * block_s);
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
        assert!((f.brightness_hz - 1000.0).abs() < 100.0, "{}", f.brightness_hz);
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
}
