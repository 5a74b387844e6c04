//! Opus for symphonia: the pure-Rust `opus-decoder` crate behind symphonia 0.6's
//! [`AudioDecoder`] trait, registered for `CODEC_ID_OPUS` in [`super::codecs`] so that every
//! decode in `resonance_io` (the CLI's `index`/`identify`, the bridge's recognition service)
//! reads Ogg Opus (`.opus`, Firefox's `MediaRecorder`) and WebM/Matroska Opus (Chromium's
//! `MediaRecorder`): symphonia demuxes both containers but has no Opus decoder (decision
//! record 0036). The crate is vendored in `io/vendor/opus-decoder` with its inverse-MDCT FFT
//! planned through rustfft; the release's quadratic DFT decoded ~240× slower than Vorbis
//! (decision record 0081).
//!
//! The codec's extra data is the `OpusHead` packet (RFC 7845 §5.1; Matroska's `CodecPrivate`
//! holds the same bytes): the channel count, the pre-skip (samples of encoder delay, dropped
//! from the start of the stream here, so the output lines up with the original) and the
//! output gain (applied). Mono and stereo (mapping family 0, or family 1 with one stream);
//! more channels need the multistream decoder and are refused as unsupported. Output is
//! always 48 kHz (Opus's own rate), planar `f32`.

use opus_decoder::OpusDecoder;
use symphonia::core::audio::{AsGenericAudioBufferRef, AudioBuffer, AudioSpec, Channels, GenericAudioBufferRef, Position};
use symphonia::core::codecs::CodecInfo;
use symphonia::core::codecs::audio::well_known::CODEC_ID_OPUS;
use symphonia::core::codecs::audio::{AudioCodecParameters, AudioDecoder, AudioDecoderOptions, FinalizeResult};
use symphonia::core::codecs::registry::{RegisterableAudioDecoder, SupportedAudioCodec};
use symphonia::core::errors::{Error as SymError, Result};
use symphonia::core::packet::PacketRef;

/// Opus's decoding rate (Hz).
pub const OPUS_RATE: u32 = 48_000;
/// Most samples per channel one Opus packet decodes to (120 ms at 48 kHz).
const MAX_PACKET_FRAMES: usize = 5_760;

/// What the decoder needs from an `OpusHead` packet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OpusHead {
    pub channels: usize,
    /// Samples (at 48 kHz) of encoder delay to drop from the start.
    pub pre_skip: usize,
    /// Linear output gain (from the header's Q7.8 dB).
    pub gain: f32,
}

impl OpusHead {
    /// Parses an `OpusHead` packet.
    ///
    /// # Errors
    /// A message naming what is wrong: not `OpusHead`, too short, a version this reader does
    /// not know, no channels, or a channel mapping that needs the multistream decoder.
    pub fn parse(b: &[u8]) -> std::result::Result<Self, String> {
        if b.len() < 19 || &b[..8] != b"OpusHead" {
            return Err("the Opus stream has no valid OpusHead header".into());
        }
        if b[8] >> 4 != 0 {
            return Err(format!("the Opus header has version {}, which this decoder does not read", b[8]));
        }
        let channels = usize::from(b[9]);
        let pre_skip = usize::from(u16::from_le_bytes([b[10], b[11]]));
        let gain_q8 = i16::from_le_bytes([b[16], b[17]]);
        let family = b[18];
        if channels == 0 {
            return Err("the Opus header declares 0 channels".into());
        }
        // Family 1 with one stream of one or two channels decodes as family 0.
        let single_stream = family == 0 || (family == 1 && b.len() >= 21 && b[19] == 1 && channels <= 2);
        if channels > 2 || !single_stream {
            return Err(format!(
                "the Opus stream has {channels} channels (mapping family {family}); only mono and stereo Opus are decoded, \
                 downmix it to stereo"
            ));
        }
        let gain = 10f32.powf(f32::from(gain_q8) / (20.0 * 256.0));
        Ok(Self { channels, pre_skip, gain })
    }
}

/// The Opus decoder as a symphonia codec.
pub struct OpusAdapter {
    params: AudioCodecParameters,
    decoder: OpusDecoder,
    head: OpusHead,
    /// Pre-skip samples still to drop.
    to_skip: usize,
    /// Interleaved output of the last packet.
    scratch: Vec<f32>,
    buf: AudioBuffer<f32>,
}

impl std::fmt::Debug for OpusAdapter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpusAdapter").field("head", &self.head).field("to_skip", &self.to_skip).finish_non_exhaustive()
    }
}

fn unsupported(message: String) -> SymError {
    // symphonia's `Unsupported` carries a `&'static str`; the reason is specific to the
    // file, so it travels as a decode error of the codec's creation.
    SymError::IoError(std::io::Error::new(std::io::ErrorKind::InvalidData, message))
}

impl OpusAdapter {
    /// A decoder for the stream `params` describes.
    ///
    /// # Errors
    /// When the header is missing or damaged, or the stream is not mono or stereo.
    pub fn try_new(params: &AudioCodecParameters) -> Result<Self> {
        let head = if let Some(extra) = params.extra_data.as_deref() {
            OpusHead::parse(extra).map_err(unsupported)?
        } else {
            let channels = params.channels.as_ref().map_or(2, Channels::count);
            OpusHead::parse(&head_bytes(channels, 0)).map_err(unsupported)?
        };
        let decoder =
            OpusDecoder::new(OPUS_RATE, head.channels).map_err(|e| unsupported(format!("the Opus decoder refused the stream ({e})")))?;
        let layout = if head.channels == 1 { Position::FRONT_CENTER } else { Position::FRONT_LEFT | Position::FRONT_RIGHT };
        let spec = AudioSpec::new(OPUS_RATE, Channels::Positioned(layout));
        let mut params = params.clone();
        params.sample_rate = Some(OPUS_RATE);
        params.channels = Some(Channels::Positioned(layout));
        Ok(Self {
            params,
            decoder,
            head,
            to_skip: head.pre_skip,
            scratch: vec![0.0; MAX_PACKET_FRAMES * head.channels],
            buf: AudioBuffer::new(spec, MAX_PACKET_FRAMES),
        })
    }

    fn decode_packet(&mut self, data: &[u8]) -> Result<()> {
        self.buf.clear();
        if data.is_empty() {
            return Ok(());
        }
        let frames = self
            .decoder
            .decode_float(data, &mut self.scratch, false)
            .map_err(|_| SymError::DecodeError("opus: a damaged packet"))?
            .min(MAX_PACKET_FRAMES);
        let ch = self.head.channels;
        let (gain, skip) = (self.head.gain, self.to_skip.min(frames));
        self.to_skip -= skip;
        let scratch = &self.scratch;
        self.buf.render_with(Some(frames - skip), |i, planes| {
            for (c, plane) in planes.iter_mut().enumerate() {
                plane[i] = scratch[(skip + i) * ch + c] * gain;
            }
            Ok(())
        })?;
        Ok(())
    }
}

/// A minimal `OpusHead` for a stream that carries none (family 0).
fn head_bytes(channels: usize, pre_skip: u16) -> Vec<u8> {
    let mut b = b"OpusHead".to_vec();
    b.push(1);
    b.push(u8::try_from(channels).unwrap_or(u8::MAX));
    b.extend_from_slice(&pre_skip.to_le_bytes());
    b.extend_from_slice(&OPUS_RATE.to_le_bytes());
    b.extend_from_slice(&[0, 0, 0]);
    b
}

impl AudioDecoder for OpusAdapter {
    fn reset(&mut self) {
        self.decoder.reset();
        self.buf.clear();
    }

    fn codec_info(&self) -> &CodecInfo {
        &SUPPORTED[0].info
    }

    fn codec_params(&self) -> &AudioCodecParameters {
        &self.params
    }

    fn decode_ref(&mut self, packet: &PacketRef<'_>) -> Result<GenericAudioBufferRef<'_>> {
        if let Err(e) = self.decode_packet(packet.data) {
            self.buf.clear();
            return Err(e);
        }
        Ok(self.buf.as_generic_audio_buffer_ref())
    }

    fn finalize(&mut self) -> FinalizeResult {
        FinalizeResult::default()
    }

    fn last_decoded(&self) -> GenericAudioBufferRef<'_> {
        self.buf.as_generic_audio_buffer_ref()
    }
}

static SUPPORTED: [SupportedAudioCodec; 1] = [SupportedAudioCodec {
    id: CODEC_ID_OPUS,
    info: CodecInfo { short_name: "opus", long_name: "Opus (opus-decoder, pure Rust)", profiles: &[] },
}];

impl RegisterableAudioDecoder for OpusAdapter {
    fn try_registry_new(params: &AudioCodecParameters, _opts: &AudioDecoderOptions) -> Result<Box<dyn AudioDecoder>>
    where
        Self: Sized,
    {
        Ok(Box::new(Self::try_new(params)?))
    }

    fn supported_codecs() -> &'static [SupportedAudioCodec] {
        &SUPPORTED
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_head_and_refuses_multistream() {
        let mut h = head_bytes(2, 312);
        h[16..18].copy_from_slice(&256i16.to_le_bytes()); // +1 dB
        let head = OpusHead::parse(&h).unwrap();
        assert_eq!((head.channels, head.pre_skip), (2, 312));
        assert!((head.gain - 1.122).abs() < 1e-3, "{}", head.gain);
        assert!(OpusHead::parse(b"OpusTags........").is_err());
        assert!(OpusHead::parse(&head_bytes(0, 0)).is_err());
        let mut six = head_bytes(6, 0);
        six[18] = 1;
        six.extend_from_slice(&[4, 2, 0, 4, 1, 2, 3, 5]);
        let e = OpusHead::parse(&six).unwrap_err();
        assert!(e.contains("6 channels"), "{e}");
    }
}

/// Real Opus files: a test-audio track encoded by `ffmpeg -c:a libopus` into Ogg and WebM,
/// decoded here and compared with `ffmpeg`'s own decoding of the same file.
#[cfg(test)]
mod files {
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use crate::decode::decode_file;

    fn ffmpeg(args: &[&str]) {
        let ok = Command::new("ffmpeg").args(["-v", "error", "-y"]).args(args).status().is_ok_and(|s| s.success());
        assert!(ok, "ffmpeg {args:?} failed (install the Debian package ffmpeg)");
    }

    /// `seconds` of `track` from `start_s`, encoded by libopus into `out` (`.opus`/`.webm`).
    pub fn encode(track: &Path, start_s: f64, seconds: f64, out: &Path, extra: &[&str]) {
        let (ss, t) = (format!("{start_s}"), format!("{seconds}"));
        let mut args = vec!["-ss", &ss, "-t", &t, "-i", track.to_str().unwrap(), "-c:a", "libopus", "-b:a", "96k"];
        args.extend_from_slice(extra);
        args.push(out.to_str().unwrap());
        ffmpeg(&args);
    }

    fn ffmpeg_decode(file: &Path, channels: usize) -> Vec<f32> {
        let out = Command::new("ffmpeg")
            .args(["-v", "error", "-i"])
            .arg(file)
            .args(["-ar", "48000", "-ac", &channels.to_string(), "-f", "f32le", "-"])
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
    }

    fn snr_db(reference: &[f32], ours: &[f32]) -> f64 {
        let n = reference.len().min(ours.len());
        let (mut sig, mut err) = (0.0f64, 0.0f64);
        for (r, o) in reference[..n].iter().zip(&ours[..n]) {
            sig += f64::from(*r).powi(2);
            err += f64::from(r - o).powi(2);
        }
        10.0 * (sig / err.max(1e-20)).log10()
    }

    fn tmp(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("resonance-opus-{}-{name}", std::process::id()))
    }

    #[test]
    fn ogg_and_webm_opus_decode_like_ffmpeg() {
        let track = resonance_test_support::test_audio_dir().join("music/elf-land.ogg");
        for (name, extra, channels) in [
            ("stereo.opus", &[][..], 2usize),
            ("stereo.webm", &[][..], 2),
            ("mono.webm", &["-ac", "1"][..], 1),
            ("voip.opus", &["-ac", "1", "-application", "voip", "-b:a", "16k"][..], 1),
        ] {
            let file = tmp(name);
            encode(&track, 3.0, 6.0, &file, extra);
            let ours = decode_file(&file).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!((ours.sample_rate, ours.channels.len()), (48_000, channels), "{name}");
            let theirs = ffmpeg_decode(&file, channels);
            let ours_i: Vec<f32> = (0..ours.frames()).flat_map(|i| ours.channels.iter().map(move |c| c[i])).collect();
            let snr = snr_db(&theirs, &ours_i);
            let dur = ours.duration_s();
            let _ = std::fs::remove_file(&file);
            assert!((dur - 6.0).abs() < 0.05, "{name}: {dur:.3} s decoded, 6 s encoded");
            eprintln!("{name}: {snr:.1} dB against ffmpeg's decoding");
            // CELT output matches ffmpeg's to rounding; SILK's (voip) differs in its resampler
            // to 48 kHz, a phase difference more than a level one
            let floor = if name.starts_with("voip") { 10.0 } else { 60.0 };
            assert!(snr >= floor, "{name}: {snr:.1} dB against ffmpeg's decoding");
        }
    }

    /// A WebM cut in half has lost its index: an error calling it truncated; a garbled one
    /// (the packets overwritten after the headers) an error, not noise. (An Ogg stream cut at
    /// a page boundary looks complete to the demuxer: the bridge checks for its last page.)
    #[test]
    fn truncated_and_garbled_opus_is_an_error_naming_it() {
        let track = resonance_test_support::test_audio_dir().join("music/elf-land.ogg");
        for ext in ["webm", "opus"] {
            let file = tmp(&format!("cut.{ext}"));
            encode(&track, 0.0, 8.0, &file, &[]);
            let bytes = std::fs::read(&file).unwrap();
            let mut garbled = bytes.clone();
            let mut x = 0x9e37_79b9u32;
            for b in &mut garbled[4096..] {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                *b = x as u8;
            }
            std::fs::write(&file, &garbled).unwrap();
            let bad = decode_file(&file).map(|d| d.duration_s());
            std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
            let cut = decode_file(&file).map(|d| d.duration_s());
            let _ = std::fs::remove_file(&file);
            eprintln!("{ext}: cut {cut:?}, garbled {bad:?}");
            match bad {
                Ok(d) => panic!("{ext}: a garbled file decoded to {d:.2} s without error"),
                Err(e) => assert!(e.to_string().contains("corrupt") || e.to_string().contains("cannot"), "{ext} garbled: {e}"),
            }
            if ext == "webm" {
                match cut {
                    Ok(d) => panic!("{ext}: half a file decoded to {d:.2} s without error"),
                    Err(e) => assert!(e.to_string().contains("truncated"), "{ext} cut: {e}"),
                }
            }
        }
    }
}
