//! Non-real-time decoding of audio files (symphonia) and resampling (rubato).
//!
//! Accepts everything symphonia's default registry knows: WAV (8/16/24/32-bit PCM and float),
//! FLAC, Ogg Vorbis, MP3, AAC and ALAC in MP4/M4A, AIFF, CAF, Matroska/WebM. Errors say what
//! was wrong with the file and what to give instead. A file that ends early is an error, not a
//! silently short result: callers render, index and analyse whole files.

use std::fs::File;
use std::path::{Path, PathBuf};

use rubato::Resampler as _;
use symphonia::core::codecs::audio::AudioDecoderOptions;
use symphonia::core::errors::Error as SymError;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::{FormatOptions, FormatReader, TrackType};
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::{MetadataOptions, StandardTag};

use crate::IoError;

/// The formats named in error messages.
pub const SUPPORTED: &str = "WAV, FLAC, Ogg Vorbis, MP3, AAC/ALAC in MP4/M4A, AIFF, CAF or Matroska/WebM";

/// The sample rates a file may declare (Hz): telephone 1 kHz recordings to 768 kHz DXD. A
/// header outside this range is damaged or hostile, and resampling from it would need an FFT
/// of its rate's size (a 1.16 GHz header asked for gigabytes and hung; found by the
/// `io_decode` fuzz target).
pub const FILE_RATES: std::ops::RangeInclusive<u32> = 1_000..=768_000;

/// Decoded audio: planar `f32` channels at the file's own rate.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Decoded {
    /// The file's sample rate (Hz).
    pub sample_rate: u32,
    /// One vector per channel, all the same length.
    pub channels: Vec<Vec<f32>>,
    /// Track title from the file's tags, if any.
    pub title: Option<String>,
    /// Artist from the file's tags, if any.
    pub artist: Option<String>,
}

impl Decoded {
    /// Frames per channel.
    pub fn frames(&self) -> usize {
        self.channels.first().map_or(0, Vec::len)
    }

    /// Duration in seconds (0 for a rate of 0).
    pub fn duration_s(&self) -> f64 {
        if self.sample_rate == 0 { 0.0 } else { self.frames() as f64 / f64::from(self.sample_rate) }
    }

    /// The average of all channels.
    pub fn to_mono(&self) -> Vec<f32> {
        let n = self.channels.len().max(1) as f32;
        (0..self.frames()).map(|i| self.channels.iter().map(|c| c[i]).sum::<f32>() / n).collect()
    }

    /// Returns the audio as exactly two channels (mono is duplicated, more than two are folded
    /// down: even channels left, odd right).
    pub fn to_stereo(&self) -> [Vec<f32>; 2] {
        match self.channels.len() {
            0 => [Vec::new(), Vec::new()],
            1 => [self.channels[0].clone(), self.channels[0].clone()],
            2 => [self.channels[0].clone(), self.channels[1].clone()],
            n => {
                let mut l = vec![0.0; self.frames()];
                let mut r = vec![0.0; self.frames()];
                let (nl, nr) = (n.div_ceil(2) as f32, (n / 2) as f32);
                for (ci, ch) in self.channels.iter().enumerate() {
                    let (dst, scale) = if ci % 2 == 0 { (&mut l, nl) } else { (&mut r, nr) };
                    for (d, s) in dst.iter_mut().zip(ch) {
                        *d += s / scale;
                    }
                }
                [l, r]
            }
        }
    }

    /// Every channel resampled to `rate` (a copy if the rate already matches).
    ///
    /// # Errors
    /// As [`resample`].
    pub fn resampled(&self, rate: u32) -> Result<Decoded, IoError> {
        let channels = self.channels.iter().map(|c| resample(c, self.sample_rate, rate)).collect::<Result<Vec<_>, _>>()?;
        Ok(Decoded { sample_rate: rate, channels, title: self.title.clone(), artist: self.artist.clone() })
    }
}

fn decode_err(path: &Path, message: impl Into<String>) -> IoError {
    IoError::Decode { path: path.to_path_buf(), message: message.into() }
}

/// Decodes a whole file.
///
/// # Errors
/// [`IoError::Io`] if it cannot be opened; [`IoError::Decode`] if it is empty, not audio,
/// in an unsupported codec, corrupt, truncated, holds no samples, or declares a sample rate
/// outside [`FILE_RATES`].
pub fn decode_file(path: &Path) -> Result<Decoded, IoError> {
    decode_file_with_progress(path, &mut |_, _| {})
}

/// Like [`decode_file`], calling `progress(bytes_read, total_bytes)` as it goes.
///
/// # Errors
/// As [`decode_file`].
pub fn decode_file_with_progress(path: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<Decoded, IoError> {
    // A decoder that panics on a hostile file is an error naming the file, not a crash of the
    // command, the bridge or the host: symphonia's CAF reader multiplies a header field
    // unchecked (an overflow panic in debug builds; found by the `io_decode` fuzz target).
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| decode_whole(path, progress))).unwrap_or_else(|p| {
        let why = p.downcast_ref::<&str>().map(|s| (*s).to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_default();
        Err(decode_err(path, format!("crashed the decoder ({why}); the file is damaged; re-export it as WAV or FLAC")))
    })
}

fn decode_whole(path: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<Decoded, IoError> {
    let (mut format, total) = open_format(path)?;
    let (title, artist) = read_tags(&mut *format);
    let track = format.default_track(TrackType::Audio).ok_or_else(|| decode_err(path, "contains no audio track (video or data only?)"))?;
    let track_id = track.id;
    let expected_frames = track.num_frames;
    let params = track
        .codec_params
        .as_ref()
        .and_then(|p| p.audio())
        .ok_or_else(|| decode_err(path, "has an audio track without codec parameters; the file is damaged"))?
        .clone();
    let mut decoder = symphonia::default::get_codecs()
        .make_audio_decoder(&params, &AudioDecoderOptions::default())
        .map_err(|e| decode_err(path, format!("uses a codec Resonance cannot decode ({e}); convert it to WAV or FLAC")))?;

    let mut out: Vec<Vec<f32>> = Vec::new();
    let mut scratch: Vec<Vec<f32>> = Vec::new();
    let mut sample_rate = params.sample_rate.unwrap_or(0);
    let mut bad_packets = 0usize;
    let mut good_packets = 0usize;
    let mut packets = 0u64;
    loop {
        let packet = match format.next_packet() {
            Ok(Some(p)) => p,
            Ok(None) => break,
            Err(SymError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof && expected_frames.is_none() => break,
            Err(SymError::IoError(e)) => {
                let at = out.first().map_or(0, Vec::len) as f64 / f64::from(sample_rate.max(1));
                return Err(decode_err(path, format!("is truncated or unreadable after {at:.2} s ({e}); re-export or re-copy the file")));
            }
            Err(e) => return Err(decode_err(path, format!("is corrupt ({e}); re-export the file"))),
        };
        packets += 1;
        if packets.is_multiple_of(256) {
            progress(0, total);
        }
        if packet.track_id != track_id {
            continue;
        }
        match decoder.decode(&packet) {
            Ok(buf) => {
                good_packets += 1;
                sample_rate = buf.spec().rate();
                buf.copy_to_vecs_planar::<f32>(&mut scratch);
                if out.is_empty() {
                    out = vec![Vec::new(); scratch.len()];
                }
                for (dst, src) in out.iter_mut().zip(&scratch) {
                    dst.extend_from_slice(src);
                }
            }
            Err(SymError::DecodeError(_)) => bad_packets += 1,
            Err(e) => return Err(decode_err(path, format!("cannot be decoded ({e}); re-export the file"))),
        }
    }
    progress(total, total);
    if bad_packets > 0 && bad_packets * 20 > good_packets.max(1) {
        return Err(decode_err(
            path,
            format!("is corrupt: {bad_packets} of {} packets failed to decode; re-export the file", bad_packets + good_packets),
        ));
    }
    let frames = out.first().map_or(0, Vec::len);
    if frames == 0 {
        return Err(decode_err(path, "contains no audio samples"));
    }
    if let Some(expected) = expected_frames {
        // Some encoders round the declared length to a packet; a real truncation loses more.
        if (frames as u64) + 4096 < expected {
            return Err(decode_err(
                path,
                format!(
                    "is truncated: the header declares {:.2} s but only {:.2} s of audio is present; re-export or re-copy the file",
                    expected as f64 / f64::from(sample_rate.max(1)),
                    frames as f64 / f64::from(sample_rate.max(1))
                ),
            ));
        }
    }
    if sample_rate == 0 {
        return Err(decode_err(path, "does not declare a sample rate; the file is damaged"));
    }
    if !FILE_RATES.contains(&sample_rate) {
        return Err(decode_err(
            path,
            format!(
                "declares a sample rate of {sample_rate} Hz; Resonance reads {} to {} Hz, so the header is damaged; re-export the file",
                FILE_RATES.start(),
                FILE_RATES.end()
            ),
        ));
    }
    // hostile samples stop here: NaN/±Inf become silence, subnormals zero, magnitudes beyond
    // the engine's input ceiling are clipped, so no resampler, FFT or detector downstream
    // overflows to infinity or divides by a denormal
    for ch in &mut out {
        resonance_engine::dsp::sanitize(ch);
    }
    Ok(Decoded { sample_rate, channels: out, title, artist })
}

fn read_tags(format: &mut dyn symphonia::core::formats::FormatReader) -> (Option<String>, Option<String>) {
    let mut title = None;
    let mut artist = None;
    let mut meta = format.metadata();
    if let Some(rev) = meta.skip_to_latest() {
        for tag in &rev.media.tags {
            match &tag.std {
                Some(StandardTag::TrackTitle(t)) if title.is_none() => title = Some(t.to_string()),
                Some(StandardTag::Artist(a)) if artist.is_none() => artist = Some(a.to_string()),
                _ => {}
            }
        }
    }
    (title, artist)
}

/// Resamples one channel from `from_hz` to `to_hz` with rubato's FFT resampler (offline,
/// synchronous, high quality), trimming its delay so the output stays aligned with the input.
///
/// # Errors
/// [`IoError::Decode`] (with an empty path) for a rate outside [`FILE_RATES`] or one rubato
/// cannot handle.
pub fn resample(input: &[f32], from_hz: u32, to_hz: u32) -> Result<Vec<f32>, IoError> {
    if from_hz == to_hz || input.is_empty() {
        return Ok(input.to_vec());
    }
    let bad = |m: String| IoError::Decode { path: PathBuf::new(), message: m };
    if !FILE_RATES.contains(&from_hz) || !FILE_RATES.contains(&to_hz) {
        return Err(bad(format!(
            "cannot resample {from_hz} Hz to {to_hz} Hz: both rates must be in {}..={} Hz",
            FILE_RATES.start(),
            FILE_RATES.end()
        )));
    }
    let mut rs = rubato::Fft::<f32>::new(from_hz as usize, to_hz as usize, 1024, 1, rubato::FixedSync::Input)
        .map_err(|e| bad(format!("cannot resample {from_hz} Hz to {to_hz} Hz: {e}")))?;
    let adapter = rubato::audioadapter_buffers::direct::InterleavedSlice::new(input, 1, input.len())
        .map_err(|e| bad(format!("cannot resample: {e}")))?;
    let out = rs.process_all(&adapter, input.len(), None).map_err(|e| bad(format!("resampling {from_hz} Hz to {to_hz} Hz failed: {e}")))?;
    Ok(out.take_data())
}

/// Opens `path` and probes its container: the first stage of [`decode_file_with_progress`].
/// Returns the format reader and the file's size in bytes.
fn open_format(path: &Path) -> Result<(Box<dyn FormatReader>, u64), IoError> {
    if path.is_dir() {
        return Err(decode_err(path, format!("is a directory, not an audio file; give a {SUPPORTED} file")));
    }
    let file = File::open(path).map_err(|cause| IoError::Io { path: path.to_path_buf(), cause })?;
    let total = file.metadata().map_or(0, |m| m.len());
    if total == 0 {
        return Err(decode_err(path, format!("is empty (0 bytes); give a {SUPPORTED} file")));
    }
    let mss = MediaSourceStream::new(Box::new(file), symphonia::core::io::MediaSourceStreamOptions::default());
    let mut hint = Hint::new();
    if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
        hint.with_extension(ext);
    }
    let format = symphonia::default::get_probe().probe(&hint, mss, FormatOptions::default(), MetadataOptions::default()).map_err(|e| {
        decode_err(
            path,
            match e {
                SymError::Unsupported(_) => format!("is not an audio file in a format Resonance reads; give a {SUPPORTED} file"),
                SymError::IoError(_) => {
                    format!("ends before its header is complete (truncated or not audio); give a complete {SUPPORTED} file")
                }
                other => format!("cannot be read as audio ({other}); give a {SUPPORTED} file"),
            },
        )
    })?;
    Ok((format, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resample_keeps_length_ratio_and_frequency() {
        let from = 22_050;
        let to = 48_000;
        let x: Vec<f32> = (0..from).map(|i| (2.0 * std::f32::consts::PI * 1000.0 * i as f32 / from as f32).sin()).collect();
        let y = resample(&x, from, to).unwrap();
        assert!((y.len() as i64 - i64::from(to)).abs() <= 2, "{}", y.len());
        // zero crossings of a 1 kHz tone over 1 s: ~2000
        let zc = y[100..y.len() - 100].windows(2).filter(|w| w[0] <= 0.0 && w[1] > 0.0).count();
        assert!((990..=1010).contains(&zc), "{zc}");
    }

    #[test]
    fn stereo_fold_down() {
        let d = Decoded { sample_rate: 8000, channels: vec![vec![1.0; 4], vec![0.0; 4], vec![1.0; 4]], ..Decoded::default() };
        let [l, r] = d.to_stereo();
        assert_eq!(l, vec![1.0; 4]);
        assert_eq!(r, vec![0.0; 4]);
        assert_eq!(d.to_mono(), vec![2.0 / 3.0; 4]);
    }

    #[test]
    fn hostile_float_samples_are_sanitised_at_the_decoder() {
        let samples = [1e30f32, -1e30, f32::NAN, f32::INFINITY, f32::NEG_INFINITY, 1e-40, 0.5, f32::MAX];
        let data: Vec<u8> = samples.iter().flat_map(|s| s.to_le_bytes()).collect();
        let mut wav = b"RIFF".to_vec();
        wav.extend_from_slice(&(36 + data.len() as u32).to_le_bytes());
        wav.extend_from_slice(b"WAVEfmt ");
        // format 3 (IEEE float), mono, 8 kHz, 32 bits
        for field in [16u32.to_le_bytes().to_vec(), 3u16.to_le_bytes().to_vec(), 1u16.to_le_bytes().to_vec()] {
            wav.extend_from_slice(&field);
        }
        wav.extend_from_slice(&8000u32.to_le_bytes());
        wav.extend_from_slice(&32_000u32.to_le_bytes());
        wav.extend_from_slice(&4u16.to_le_bytes());
        wav.extend_from_slice(&32u16.to_le_bytes());
        wav.extend_from_slice(b"data");
        wav.extend_from_slice(&(data.len() as u32).to_le_bytes());
        wav.extend_from_slice(&data);
        let path = std::env::temp_dir().join(format!("resonance-hostile-{}.wav", std::process::id()));
        std::fs::write(&path, &wav).unwrap();
        let d = decode_file(&path);
        std::fs::remove_file(&path).unwrap();
        let ceiling = resonance_engine::dsp::INPUT_CEILING;
        assert_eq!(d.unwrap().channels[0], vec![ceiling, -ceiling, 0.0, 0.0, 0.0, 0.0, 0.5, ceiling]);
    }

    /// Found by the `io_decode` fuzz target: a float WAV of huge finite samples decoded as
    /// they were, and resampling them overflowed to infinity. They are clipped to the engine's
    /// input ceiling; non-finite samples stay silence.
    #[test]
    fn absurd_float_samples_are_clipped_and_resample_finite() {
        let samples: Vec<f32> = (0..4000)
            .map(|i| match i % 4 {
                0 => 1e30,
                1 => -f32::MAX,
                2 => f32::NAN,
                _ => 0.5,
            })
            .collect();
        let data: Vec<u8> = samples.iter().flat_map(|s| s.to_le_bytes()).collect();
        let mut wav = Vec::new();
        wav.extend_from_slice(b"RIFF");
        wav.extend_from_slice(&(36 + data.len() as u32).to_le_bytes());
        wav.extend_from_slice(b"WAVEfmt ");
        // PCM header: format 3 (IEEE float), mono, 11025 Hz, 4 bytes per frame, 32 bits
        wav.extend_from_slice(&16u32.to_le_bytes());
        wav.extend_from_slice(&3u16.to_le_bytes());
        wav.extend_from_slice(&1u16.to_le_bytes());
        wav.extend_from_slice(&11_025u32.to_le_bytes());
        wav.extend_from_slice(&(11_025u32 * 4).to_le_bytes());
        wav.extend_from_slice(&4u16.to_le_bytes());
        wav.extend_from_slice(&32u16.to_le_bytes());
        wav.extend_from_slice(b"data");
        wav.extend_from_slice(&(data.len() as u32).to_le_bytes());
        wav.extend_from_slice(&data);
        let path = std::env::temp_dir().join(format!("resonance-absurd-{}.wav", std::process::id()));
        std::fs::write(&path, &wav).unwrap();
        let d = decode_file(&path).unwrap();
        let _ = std::fs::remove_file(&path);
        let c = resonance_engine::dsp::INPUT_CEILING;
        assert_eq!(&d.channels[0][..4], &[c, -c, 0.0, 0.5]);
        let y = resample(&d.channels[0], 11_025, 48_000).unwrap();
        assert!(y.iter().all(|s| s.is_finite()));
    }

    /// Found by the `io_decode` fuzz target: a WAV header declaring 1,163,280,727 Hz decoded,
    /// and resampling it to 48 kHz asked rubato for a 1.16 G-point FFT (gigabytes; it hung).
    /// The file is refused with the rate and the range; the resampler refuses such rates too.
    #[test]
    fn absurd_declared_rates_are_refused() {
        let mut wav = Vec::new();
        wav.extend_from_slice(b"RIFF");
        wav.extend_from_slice(&(36u32 + 200).to_le_bytes());
        wav.extend_from_slice(b"WAVEfmt ");
        wav.extend_from_slice(&16u32.to_le_bytes());
        wav.extend_from_slice(&1u16.to_le_bytes());
        wav.extend_from_slice(&1u16.to_le_bytes());
        wav.extend_from_slice(&1_163_280_727u32.to_le_bytes());
        wav.extend_from_slice(&2_326_561_454u32.to_le_bytes());
        wav.extend_from_slice(&2u16.to_le_bytes());
        wav.extend_from_slice(&16u16.to_le_bytes());
        wav.extend_from_slice(b"data");
        wav.extend_from_slice(&200u32.to_le_bytes());
        wav.extend_from_slice(&[0x10; 200]);
        let path = std::env::temp_dir().join(format!("resonance-rate-{}.wav", std::process::id()));
        std::fs::write(&path, &wav).unwrap();
        let e = decode_file(&path).unwrap_err().to_string();
        let _ = std::fs::remove_file(&path);
        assert!(e.contains("1163280727 Hz") && e.contains("768000"), "{e}");
        let e = resample(&[0.0; 64], 1_163_280_727, 48_000).unwrap_err().to_string();
        assert!(e.contains("1000..=768000"), "{e}");
        assert_eq!(resample(&[0.5; 4], 8_000, 8_000).unwrap(), vec![0.5; 4]);
    }

    /// Found by the `io_decode` fuzz target: a CAF header whose bytes-per-packet overflows
    /// symphonia's `* 8` panicked inside the probe (debug builds); the panic is an error that
    /// names the file.
    #[test]
    fn a_decoder_panic_is_an_error_naming_the_file() {
        let path = std::env::temp_dir().join(format!("resonance-caf-{}.caf", std::process::id()));
        std::fs::write(&path, include_bytes!("../fuzz-seeds/regress-caf-overflow.caf")).unwrap();
        let e = decode_file(&path).unwrap_err().to_string();
        let _ = std::fs::remove_file(&path);
        assert!(e.contains(&*path.to_string_lossy()), "{e}");
    }
}
