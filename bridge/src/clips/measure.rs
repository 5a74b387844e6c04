//! Validating and measuring a clip file (blocking; run off the async runtime): the whole
//! file is decoded with `resonance_io`'s streaming decoder (symphonia, the decoder every
//! Resonance command uses), or it is refused with the decoder's reason; while it decodes,
//! its EBU R128 loudness, loudness range and true peak are measured (`ebur128`, the crate the
//! engine's loudness stage uses) and the engine's own crowd analyser reads its mood.
//!
//! The mood reading is the engine's: `resonance_engine::analysis::CrowdAnalyzer`, fed the
//! clip as mono, its mood estimates averaged weighted by confidence; energy follows the
//! conductor's formula (`0.75 × arousal in 0..1 + 0.25 × intensity`) with the clip's
//! loudness as the intensity (−40 LUFS → 0, −6 LUFS → 1). The analyser is tuned on crowds,
//! so for music it is a coarse reading (docs/clips.md).
//!
//! Memory stays bounded whatever the file's length: chunks of at most
//! `resonance_io::decode::MAX_CHUNK_FRAMES` frames, and the loudness meter in histogram mode.

use std::io::Read as _;
use std::path::Path;

use axum::http::StatusCode;
use ebur128::{EbuR128, Mode};
use resonance_engine::Telemetry;
use resonance_engine::analysis::CrowdAnalyzer;
use resonance_io::decode::DecodeStream;

use crate::error::AppError;
use crate::recognition::audio::{decode_error, precheck_file, too_long};

/// Shortest clip accepted, seconds.
pub const MIN_SECONDS: f64 = 0.05;

/// Loudness stored for digital silence (its integrated loudness is −∞).
pub const SILENCE_LUFS: f64 = -200.0;

/// What a clip file is and how it sounds.
#[derive(Clone, Debug, PartialEq)]
pub struct Measures {
    /// MIME type of the probed container.
    pub content_type: &'static str,
    pub duration_ms: i64,
    pub sample_rate: u32,
    pub channels: u16,
    /// Integrated loudness, LUFS ([`SILENCE_LUFS`] for silence).
    pub lufs: f64,
    /// Highest true peak over the channels, dBTP.
    pub true_peak_dbtp: f64,
    /// Loudness range, LU.
    pub lra: f64,
    pub valence: f32,
    pub arousal: f32,
    pub energy: f32,
}

/// The MIME type of a file from its first bytes (the container the decoder probed), or
/// `application/octet-stream`.
pub fn sniff_content_type(head: &[u8]) -> &'static str {
    let at = |i: usize, s: &[u8]| head.get(i..i + s.len()) == Some(s);
    if at(0, b"RIFF") && at(8, b"WAVE") || at(0, b"RF64") {
        "audio/wav"
    } else if at(0, b"fLaC") {
        "audio/flac"
    } else if at(0, b"OggS") {
        "audio/ogg"
    } else if at(4, b"ftyp") {
        "audio/mp4"
    } else if at(0, b"FORM") && (at(8, b"AIFF") || at(8, b"AIFC")) {
        "audio/aiff"
    } else if at(0, b"caff") {
        "audio/x-caf"
    } else if at(0, b"\x1a\x45\xdf\xa3") {
        if head.windows(4).any(|w| w == b"webm") { "audio/webm" } else { "audio/x-matroska" }
    } else if at(0, b"ID3") {
        "audio/mpeg"
    } else if head.len() >= 2 && head[0] == 0xFF && head[1] & 0xF6 == 0xF0 {
        "audio/aac"
    } else if head.len() >= 2 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0 {
        "audio/mpeg"
    } else {
        "application/octet-stream"
    }
}

/// The file extension of a content type (for `Content-Disposition` and decoder hints).
pub fn extension_of(content_type: &str) -> &'static str {
    match content_type {
        "audio/wav" => "wav",
        "audio/flac" => "flac",
        "audio/ogg" => "ogg",
        "audio/mp4" => "m4a",
        "audio/aiff" => "aiff",
        "audio/x-caf" => "caf",
        "audio/webm" => "webm",
        "audio/x-matroska" => "mka",
        "audio/aac" => "aac",
        "audio/mpeg" => "mp3",
        _ => "bin",
    }
}

fn meter_error(e: ebur128::Error) -> AppError {
    AppError::Internal(format!("the loudness meter failed ({e}); retry, or report the file"))
}

fn db(linear: f64) -> f64 {
    if linear > 0.0 { 20.0 * linear.log10() } else { SILENCE_LUFS }
}

/// Decodes the whole of `path` and measures it (blocking).
///
/// # Errors
/// 400 `empty_body` (0 bytes), 415 `not_audio` / `unsupported_codec`, 422 `bad_audio`
/// (truncated, corrupt), 413 `too_long` (over `max_s`), 422 `too_short` (under
/// [`MIN_SECONDS`]).
pub fn measure(path: &Path, max_s: f64) -> Result<Measures, AppError> {
    precheck_file(path)?;
    // the first bytes name the container for the stored content type
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .map_err(|e| AppError::Internal(format!("cannot read back {} ({e})", path.display())))?;
    let mut stream = DecodeStream::open(path).map_err(|e| decode_error(&e))?;
    let rate = stream.sample_rate();
    let channels = stream.channels();
    let mode = Mode::I | Mode::LRA | Mode::TRUE_PEAK | Mode::HISTOGRAM;
    let mut meter = EbuR128::new(u32::try_from(channels).unwrap_or(1), rate, mode).map_err(meter_error)?;
    let mut analyser = CrowdAnalyzer::new(rate as f32);
    let (mut v_sum, mut a_sum, mut w_sum) = (0.0f64, 0.0f64, 0.0f64);
    let mut mono = Vec::new();
    let mut frames = 0u64;
    while let Some(chunk) = stream.next_chunk().map_err(|e| decode_error(&e))? {
        let planes: Vec<&[f32]> = chunk.iter().map(Vec::as_slice).collect();
        meter.add_frames_planar_f32(&planes).map_err(meter_error)?;
        let n = chunk[0].len();
        frames += n as u64;
        if frames as f64 / f64::from(rate) > max_s {
            return Err(too_long(frames as f64 / f64::from(rate), max_s, "clip"));
        }
        mono.clear();
        mono.extend((0..n).map(|i| chunk.iter().map(|c| c[i]).sum::<f32>() / chunk.len() as f32));
        analyser.process(&mono, &mut |t| {
            if let Telemetry::Mood(m) = t {
                let w = f64::from(m.confidence.max(0.01));
                v_sum += f64::from(m.valence) * w;
                a_sum += f64::from(m.arousal) * w;
                w_sum += w;
            }
        });
    }
    let seconds = frames as f64 / f64::from(rate);
    if seconds < MIN_SECONDS {
        return Err(AppError::rejected(
            StatusCode::UNPROCESSABLE_ENTITY,
            "too_short",
            format!("the clip is {:.0} ms long; at least {:.0} ms is accepted", seconds * 1000.0, MIN_SECONDS * 1000.0),
        ));
    }
    let lufs = meter.loudness_global().map_err(meter_error)?;
    let lufs = if lufs.is_finite() { lufs } else { SILENCE_LUFS };
    let lra = meter.loudness_range().map_err(meter_error)?;
    let mut peak = 0.0f64;
    for ch in 0..u32::try_from(channels).unwrap_or(1) {
        peak = peak.max(meter.true_peak(ch).map_err(meter_error)?);
    }
    let (valence, arousal) = if w_sum > 0.0 { ((v_sum / w_sum) as f32, (a_sum / w_sum) as f32) } else { (0.0, 0.0) };
    let intensity = ((lufs + 40.0) / 34.0).clamp(0.0, 1.0) as f32;
    let energy = (0.75 * (arousal + 1.0) * 0.5 + 0.25 * intensity).clamp(0.0, 1.0);
    Ok(Measures {
        content_type: sniff_content_type(&head),
        duration_ms: (seconds * 1000.0).round() as i64,
        sample_rate: rate,
        channels: u16::try_from(channels).unwrap_or(u16::MAX),
        lufs,
        true_peak_dbtp: db(peak),
        lra: if lra.is_finite() { lra } else { 0.0 },
        valence,
        arousal,
        energy,
    })
}

/// The on-air normalisation gain (dB) that brings `m` to `target` LUFS: at most +12 dB and
/// −20 dB, and never so much that the true peak passes −1 dBTP; 0 for silence.
pub fn normalisation_gain(m: &Measures, target: f64) -> f64 {
    if m.lufs <= SILENCE_LUFS {
        return 0.0;
    }
    let g = (target - m.lufs).clamp(-20.0, 12.0);
    g.min(-1.0 - m.true_peak_dbtp).max(-20.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_containers() {
        assert_eq!(sniff_content_type(b"RIFF\0\0\0\0WAVEfmt "), "audio/wav");
        assert_eq!(sniff_content_type(b"fLaC\0"), "audio/flac");
        assert_eq!(sniff_content_type(b"OggS\0\x02"), "audio/ogg");
        assert_eq!(sniff_content_type(b"\0\0\0\x20ftypM4A "), "audio/mp4");
        assert_eq!(sniff_content_type(b"ID3\x04"), "audio/mpeg");
        assert_eq!(sniff_content_type(&[0xFF, 0xFB, 0x90]), "audio/mpeg");
        assert_eq!(sniff_content_type(&[0xFF, 0xF1, 0x50]), "audio/aac");
        assert_eq!(sniff_content_type(b"hello"), "application/octet-stream");
        assert_eq!(extension_of("audio/ogg"), "ogg");
    }

    #[test]
    fn gain_respects_the_peak_ceiling() {
        let m = |lufs, tp| Measures {
            content_type: "audio/wav",
            duration_ms: 1000,
            sample_rate: 48_000,
            channels: 2,
            lufs,
            true_peak_dbtp: tp,
            lra: 0.0,
            valence: 0.0,
            arousal: 0.0,
            energy: 0.0,
        };
        assert!((normalisation_gain(&m(-20.0, -10.0), -16.0) - 4.0).abs() < 1e-9);
        assert!((normalisation_gain(&m(-20.0, -3.0), -16.0) - 2.0).abs() < 1e-9, "capped by the peak");
        assert!((normalisation_gain(&m(-5.0, -0.5), -16.0) + 11.0).abs() < 1e-9);
        assert!((normalisation_gain(&m(-60.0, -40.0), -16.0) - 12.0).abs() < 1e-9);
        assert_eq!(normalisation_gain(&m(SILENCE_LUFS, SILENCE_LUFS), -16.0), 0.0);
    }
}
