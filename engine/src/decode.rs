//! Non-real-time decoding of audio files (symphonia) and resampling (rubato).
//!
//! Interim implementation of the documented API (`decode_file`, `Decoded`, `resample`) so the
//! fingerprint index can be built before main's version lands; main's file replaces this one.

use std::path::Path;

use symphonia::core::codecs::audio::AudioDecoderOptions;
use symphonia::core::errors::Error as SymError;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::{FormatOptions, TrackType};
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;

use crate::error::EngineError;

/// A decoded file: one `Vec` per channel at `sample_rate`.
#[derive(Debug, Clone, Default)]
pub struct Decoded {
    pub sample_rate: u32,
    pub channels: Vec<Vec<f32>>,
}

impl Decoded {
    /// The average of all channels.
    pub fn to_mono(&self) -> Vec<f32> {
        let n = self.channels.iter().map(Vec::len).min().unwrap_or(0);
        if self.channels.is_empty() {
            return Vec::new();
        }
        let scale = 1.0 / self.channels.len() as f32;
        (0..n).map(|i| self.channels.iter().map(|c| c[i]).sum::<f32>() * scale).collect()
    }

    /// Length in seconds.
    pub fn duration_s(&self) -> f64 {
        let n = self.channels.first().map_or(0, Vec::len);
        if self.sample_rate == 0 { 0.0 } else { n as f64 / f64::from(self.sample_rate) }
    }
}

fn decode_err(path: &Path, message: impl Into<String>) -> EngineError {
    EngineError::Decode { path: path.to_path_buf(), message: message.into() }
}

/// Decodes every sample of the default audio track of `path`.
///
/// # Errors
/// [`EngineError::Io`] when the file cannot be opened, [`EngineError::Decode`] when it is not
/// a supported audio file.
pub fn decode_file(path: &Path) -> Result<Decoded, EngineError> {
    let file = std::fs::File::open(path).map_err(|source| EngineError::Io { path: path.to_path_buf(), source })?;
    let mss = MediaSourceStream::new(Box::new(file), Default::default());
    let mut hint = Hint::new();
    if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
        hint.with_extension(ext);
    }
    let mut format = symphonia::default::get_probe()
        .probe(&hint, mss, FormatOptions::default(), MetadataOptions::default())
        .map_err(|e| decode_err(path, format!("not a supported audio file ({e}); use WAV, FLAC, Ogg Vorbis, MP3 or AAC")))?;
    let track = format.default_track(TrackType::Audio).ok_or_else(|| decode_err(path, "no audio track; pass an audio file"))?;
    let track_id = track.id;
    let params = track
        .codec_params
        .as_ref()
        .and_then(|p| p.audio())
        .ok_or_else(|| decode_err(path, "audio track without codec parameters; re-encode the file"))?;
    let mut decoder = symphonia::default::get_codecs()
        .make_audio_decoder(params, &AudioDecoderOptions::default())
        .map_err(|e| decode_err(path, format!("unsupported codec ({e}); re-encode as WAV or FLAC")))?;
    let mut out = Decoded::default();
    let mut scratch: Vec<f32> = Vec::new();
    loop {
        let packet = match format.next_packet() {
            Ok(Some(p)) => p,
            Ok(None) => break,
            Err(SymError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(e) => return Err(decode_err(path, format!("corrupt stream ({e})"))),
        };
        if packet.track_id != track_id {
            continue;
        }
        let buf = match decoder.decode(&packet) {
            Ok(b) => b,
            Err(SymError::DecodeError(_) | SymError::IoError(_)) => continue,
            Err(e) => return Err(decode_err(path, format!("decoding failed ({e})"))),
        };
        let ch = buf.spec().channels().count().max(1);
        if out.channels.is_empty() {
            out.sample_rate = buf.spec().rate();
            out.channels = vec![Vec::new(); ch];
        }
        buf.copy_to_vec_interleaved(&mut scratch);
        let nch = out.channels.len();
        for frame in scratch.chunks_exact(ch) {
            for (c, dst) in out.channels.iter_mut().enumerate() {
                dst.push(frame.get(c.min(ch - 1)).copied().unwrap_or(0.0));
            }
        }
        let _ = nch;
    }
    if out.channels.is_empty() || out.sample_rate == 0 {
        return Err(decode_err(path, "no audio decoded; the file is empty or damaged"));
    }
    Ok(out)
}

/// Resamples `input` from `from_hz` to `to_hz` (windowed-sinc, rubato).
///
/// # Errors
/// [`EngineError::Decode`] when a rate is zero.
pub fn resample(input: &[f32], from_hz: u32, to_hz: u32) -> Result<Vec<f32>, EngineError> {
    if from_hz == 0 || to_hz == 0 {
        return Err(decode_err(Path::new("<resample>"), "sample rates must be positive"));
    }
    if from_hz == to_hz {
        return Ok(input.to_vec());
    }
    // Linear-phase windowed sinc, good enough for the interim implementation.
    let ratio = f64::from(to_hz) / f64::from(from_hz);
    let cutoff = ratio.min(1.0) * 0.95;
    let half = 32i64;
    let n_out = ((input.len() as f64) * ratio).floor() as usize;
    let mut out = Vec::with_capacity(n_out);
    for j in 0..n_out {
        let t = j as f64 / ratio;
        let centre = t.floor() as i64;
        let mut acc = 0.0f64;
        for k in (centre - half + 1)..=(centre + half) {
            if k < 0 || k as usize >= input.len() {
                continue;
            }
            let x = t - k as f64;
            let w = 0.5 + 0.5 * (std::f64::consts::PI * x / half as f64).cos();
            let s = if x.abs() < 1e-12 { cutoff } else { (std::f64::consts::PI * cutoff * x).sin() / (std::f64::consts::PI * x) };
            acc += f64::from(input[k as usize]) * s * w;
        }
        out.push(acc as f32);
    }
    Ok(out)
}
