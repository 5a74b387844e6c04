//! Non-real-time decoding of audio files (symphonia) and resampling (rubato).
//!
//! Accepts everything symphonia's default registry knows: WAV (8/16/24/32-bit PCM and float),
//! FLAC, Ogg Vorbis, MP3, AAC and ALAC in MP4/M4A, AIFF, CAF, Matroska/WebM, plus Opus in Ogg
//! and WebM/Matroska through [`opus`] (symphonia has no Opus decoder). Errors say what
//! was wrong with the file and what to give instead. A file that ends early is an error, not a
//! silently short result: callers render, index and analyse whole files.

use std::fs::File;
use std::path::{Path, PathBuf};

use rubato::Resampler as _;
use symphonia::core::codecs::audio::{AudioDecoder, AudioDecoderOptions};
use symphonia::core::errors::Error as SymError;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::{FormatOptions, FormatReader, TrackType};
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::{MetadataOptions, StandardTag};

use crate::IoError;

pub mod opus;

/// The formats named in error messages.
pub const SUPPORTED: &str = "WAV, FLAC, Ogg Vorbis/Opus, MP3, AAC/ALAC in MP4/M4A, AIFF, CAF or Matroska/WebM (Vorbis, Opus, ...)";

/// The codecs every decode here uses: symphonia's enabled codecs plus [`opus::OpusAdapter`].
pub fn codecs() -> &'static symphonia::core::codecs::registry::CodecRegistry {
    static CODECS: std::sync::LazyLock<symphonia::core::codecs::registry::CodecRegistry> = std::sync::LazyLock::new(|| {
        let mut registry = symphonia::core::codecs::registry::CodecRegistry::new();
        symphonia::default::register_enabled_codecs(&mut registry);
        registry.register_audio_decoder::<opus::OpusAdapter>();
        registry
    });
    &CODECS
}

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

/// Decodes a whole file (the chunks of a [`DecodeStream`], collected).
///
/// # Errors
/// [`IoError::Io`] if it cannot be opened; [`IoError::Decode`] if it is empty, not audio,
/// in an unsupported codec, corrupt, truncated, holds no samples, or declares a sample rate
/// outside [`FILE_RATES`].
pub fn decode_file(path: &Path) -> Result<Decoded, IoError> {
    decode_file_with_progress(path, &mut |_, _| {})
}

/// Like [`decode_file`], calling `progress(frames_decoded, frames_expected)` as it goes
/// (`frames_expected` is 0 when the container does not declare a length).
///
/// # Errors
/// As [`decode_file`].
pub fn decode_file_with_progress(path: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<Decoded, IoError> {
    let mut stream = DecodeStream::open(path)?;
    let mut out: Vec<Vec<f32>> = vec![Vec::new(); stream.channels()];
    let mut chunks = 0u64;
    while let Some(chunk) = stream.next_chunk()? {
        for (dst, src) in out.iter_mut().zip(chunk) {
            dst.extend_from_slice(src);
        }
        chunks += 1;
        if chunks.is_multiple_of(64) {
            let (done, expected) = stream.progress();
            progress(done, expected.unwrap_or(0));
        }
    }
    let (done, expected) = stream.progress();
    progress(done, expected.unwrap_or(done));
    Ok(Decoded { sample_rate: stream.sample_rate(), channels: out, title: stream.title.take(), artist: stream.artist.take() })
}

/// Runs `f`, a decoder panic on a hostile file turned into an error naming the file, not a
/// crash of the command, the bridge or the host: symphonia's CAF reader multiplies a header
/// field unchecked (an overflow panic in debug builds; found by the `io_decode` fuzz target).
fn guarded<T>(path: &Path, f: impl FnOnce() -> Result<T, IoError>) -> Result<T, IoError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|p| {
        let why = p.downcast_ref::<&str>().map(|s| (*s).to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_default();
        Err(decode_err(path, format!("crashed the decoder ({why}); the file is damaged; re-export it as WAV or FLAC")))
    })
}

/// Most frames per channel one chunk of a [`DecodeStream`] holds: the memory a file command
/// needs for its input does not grow with the file (decision record 0023).
pub const MAX_CHUNK_FRAMES: usize = 4096;

/// A file decoded packet by packet: [`DecodeStream::next_chunk`] hands out planar `f32`
/// chunks of at most [`MAX_CHUNK_FRAMES`] frames at the file's own rate, non-finite samples
/// replaced by silence, so a command holds a few thousand frames of its input at a time
/// whatever the file's length. The checks [`decode_file`] makes of a whole file (too many
/// corrupt packets, truncation against the declared length, no samples) are made when the
/// stream reaches its end: the last call of `next_chunk` returns the error instead of `None`.
pub struct DecodeStream {
    path: PathBuf,
    format: Box<dyn FormatReader>,
    decoder: Box<dyn AudioDecoder>,
    track_id: u32,
    expected_frames: Option<u64>,
    sample_rate: u32,
    channels: usize,
    /// The last decoded packet, planar; `at` frames of it are handed out.
    packet: Vec<Vec<f32>>,
    at: usize,
    /// The chunk handed out by `next_chunk`.
    chunk: Vec<Vec<f32>>,
    frames: u64,
    good_packets: usize,
    bad_packets: usize,
    ended: bool,
    title: Option<String>,
    artist: Option<String>,
}

impl std::fmt::Debug for DecodeStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DecodeStream")
            .field("path", &self.path)
            .field("sample_rate", &self.sample_rate)
            .field("channels", &self.channels)
            .field("frames", &self.frames)
            .finish_non_exhaustive()
    }
}

impl DecodeStream {
    /// Opens `path`, probes its container and decodes up to the first packet with audio (so
    /// the rate and channel count are known).
    ///
    /// # Errors
    /// As [`decode_file`]; a file whose first audio packet is its last may report its
    /// whole-file errors here.
    pub fn open(path: &Path) -> Result<Self, IoError> {
        guarded(path, || Self::open_unguarded(path))
    }

    /// Opens audio read progressively from `reader` (an HTTP body, a pipe: no seeking), with
    /// `name` in error messages and `extension` as the format hint. Decoding starts as soon as
    /// the container's header has arrived.
    ///
    /// # Errors
    /// As [`DecodeStream::open`]; a body that is not audio says so.
    pub fn open_reader(name: &str, reader: Box<dyn std::io::Read + Send + Sync>, extension: Option<&str>) -> Result<Self, IoError> {
        let label = PathBuf::from(name);
        guarded(&label, || {
            let source = symphonia::core::io::ReadOnlySource::new(reader);
            let mss = MediaSourceStream::new(Box::new(source), symphonia::core::io::MediaSourceStreamOptions::default());
            let format = probe(&label, mss, extension, None)?;
            Self::from_format(&label, format)
        })
    }

    fn open_unguarded(path: &Path) -> Result<Self, IoError> {
        let (format, _) = open_format(path)?;
        Self::from_format(path, format)
    }

    fn from_format(path: &Path, mut format: Box<dyn FormatReader>) -> Result<Self, IoError> {
        let Tags { title, artist, .. } = tags_of(&mut *format);
        let track =
            format.default_track(TrackType::Audio).ok_or_else(|| decode_err(path, "contains no audio track (video or data only?)"))?;
        let track_id = track.id;
        let expected_frames = track.num_frames;
        let params = track
            .codec_params
            .as_ref()
            .and_then(|p| p.audio())
            .ok_or_else(|| decode_err(path, "has an audio track without codec parameters; the file is damaged"))?
            .clone();
        let decoder = codecs()
            .make_audio_decoder(&params, &AudioDecoderOptions::default())
            .map_err(|e| decode_err(path, format!("uses a codec Resonance cannot decode ({e}); convert it to WAV or FLAC")))?;
        let mut stream = Self {
            path: path.to_path_buf(),
            format,
            decoder,
            track_id,
            expected_frames,
            sample_rate: params.sample_rate.unwrap_or(0),
            channels: 0,
            packet: Vec::new(),
            at: 0,
            chunk: Vec::new(),
            frames: 0,
            good_packets: 0,
            bad_packets: 0,
            ended: false,
            title,
            artist,
        };
        if stream.sample_rate != 0 {
            stream.check_rate()?;
        }
        stream.fill()?;
        if stream.ended {
            stream.finish()?;
        }
        Ok(stream)
    }

    /// The file's sample rate (Hz).
    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    /// Channels of every chunk.
    pub fn channels(&self) -> usize {
        self.channels
    }

    /// Track title from the file's tags, if any.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// Artist from the file's tags, if any.
    pub fn artist(&self) -> Option<&str> {
        self.artist.as_deref()
    }

    /// `(frames handed out so far, frames the container declares)`.
    pub fn progress(&self) -> (u64, Option<u64>) {
        (self.frames, self.expected_frames)
    }

    /// The next chunk: one slice per channel, all the same length, 1 to [`MAX_CHUNK_FRAMES`]
    /// frames; `None` at the end of a sound file.
    ///
    /// # Errors
    /// [`IoError::Decode`] when the file turns out corrupt or truncated (also at its end:
    /// too many bad packets, shorter than declared, no samples at all).
    pub fn next_chunk(&mut self) -> Result<Option<&[Vec<f32>]>, IoError> {
        if self.at >= self.packet.first().map_or(0, Vec::len) {
            if self.ended {
                return Ok(None);
            }
            self.fill()?;
            if self.ended {
                self.finish()?;
                return Ok(None);
            }
        }
        let n = (self.packet[0].len() - self.at).min(MAX_CHUNK_FRAMES);
        let at = self.at;
        self.chunk.resize_with(self.channels, Vec::new);
        for (dst, src) in self.chunk.iter_mut().zip(&self.packet) {
            dst.clear();
            dst.extend_from_slice(&src[at..at + n]);
            // hostile samples stop here: NaN/±Inf become silence, subnormals zero, magnitudes
            // beyond the engine's input ceiling are clipped, so no resampler, FFT or detector
            // downstream overflows to infinity or divides by a denormal
            resonance_engine::dsp::sanitize(dst);
        }
        self.at += n;
        self.frames += n as u64;
        Ok(Some(&self.chunk))
    }

    /// Refuses a declared rate outside [`FILE_RATES`]: a damaged header (a 1.16 GHz WAV made
    /// the resampler ask for gigabytes; found by the `io_decode` fuzz target).
    fn check_rate(&self) -> Result<(), IoError> {
        let rate = self.sample_rate;
        if FILE_RATES.contains(&rate) {
            return Ok(());
        }
        Err(decode_err(
            &self.path,
            format!(
                "declares a sample rate of {rate} Hz; Resonance reads {} to {} Hz, so the header is damaged; re-export the file",
                FILE_RATES.start(),
                FILE_RATES.end()
            ),
        ))
    }

    /// [`Self::fill_packets`], a decoder panic an error naming the file ([`guarded`]).
    fn fill(&mut self) -> Result<(), IoError> {
        let path = self.path.clone();
        guarded(&path, || self.fill_packets())
    }

    /// Decodes packets until one holds audio (into `self.packet`, `at` reset) or the file
    /// ends (`ended` set).
    fn fill_packets(&mut self) -> Result<(), IoError> {
        loop {
            let packet = match self.format.next_packet() {
                Ok(Some(p)) => p,
                Ok(None) => {
                    self.ended = true;
                    return Ok(());
                }
                Err(SymError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof && self.expected_frames.is_none() => {
                    self.ended = true;
                    return Ok(());
                }
                Err(SymError::IoError(e)) => {
                    let at = self.frames as f64 / f64::from(self.sample_rate.max(1));
                    return Err(decode_err(
                        &self.path,
                        format!("is truncated or unreadable after {at:.2} s ({e}); re-export or re-copy the file"),
                    ));
                }
                Err(e) => return Err(decode_err(&self.path, format!("is corrupt ({e}); re-export the file"))),
            };
            if packet.track_id != self.track_id {
                continue;
            }
            match self.decoder.decode(&packet) {
                Ok(buf) => {
                    self.good_packets += 1;
                    self.sample_rate = buf.spec().rate();
                    buf.copy_to_vecs_planar::<f32>(&mut self.packet);
                    self.check_rate()?;
                    if self.channels == 0 {
                        self.channels = self.packet.len();
                    }
                    // A packet with other channels than the first: the first's layout, the
                    // missing ones silent.
                    let frames = self.packet.first().map_or(0, Vec::len);
                    self.packet.resize_with(self.channels, || vec![0.0; frames]);
                    self.at = 0;
                    if frames > 0 && self.channels > 0 {
                        return Ok(());
                    }
                }
                Err(SymError::DecodeError(_)) => self.bad_packets += 1,
                Err(e) => return Err(decode_err(&self.path, format!("cannot be decoded ({e}); re-export the file"))),
            }
        }
    }

    /// The whole-file checks, at the end of the stream.
    fn finish(&self) -> Result<(), IoError> {
        let path = &self.path;
        let (bad, good) = (self.bad_packets, self.good_packets);
        if bad > 0 && bad * 20 > good.max(1) {
            return Err(decode_err(path, format!("is corrupt: {bad} of {} packets failed to decode; re-export the file", bad + good)));
        }
        let frames = self.frames;
        if frames == 0 {
            return Err(decode_err(path, "contains no audio samples"));
        }
        if let Some(expected) = self.expected_frames {
            // Some encoders round the declared length to a packet; a real truncation loses more.
            if frames + 4096 < expected {
                let rate = f64::from(self.sample_rate.max(1));
                return Err(decode_err(
                    path,
                    format!(
                        "is truncated: the header declares {:.2} s but only {:.2} s of audio is present; re-export or re-copy the file",
                        expected as f64 / rate,
                        frames as f64 / rate
                    ),
                ));
            }
        }
        if self.sample_rate == 0 {
            return Err(decode_err(path, "does not declare a sample rate; the file is damaged"));
        }
        Ok(())
    }
}

/// The average of `channels`, appended to `out` (the same arithmetic as [`Decoded::to_mono`]).
pub fn mono_into(channels: &[Vec<f32>], out: &mut Vec<f32>) {
    let n = channels.len().max(1) as f32;
    let frames = channels.first().map_or(0, Vec::len);
    out.extend((0..frames).map(|i| channels.iter().map(|c| c[i]).sum::<f32>() / n));
}

/// `channels` as two, appended to `out` (the fold of [`Decoded::to_stereo`]).
pub fn stereo_into(channels: &[Vec<f32>], out: &mut [Vec<f32>; 2]) {
    let [l, r] = out;
    match channels.len() {
        0 => {}
        1 => {
            l.extend_from_slice(&channels[0]);
            r.extend_from_slice(&channels[0]);
        }
        2 => {
            l.extend_from_slice(&channels[0]);
            r.extend_from_slice(&channels[1]);
        }
        n => {
            let frames = channels[0].len();
            let (l0, r0) = (l.len(), r.len());
            l.resize(l0 + frames, 0.0);
            r.resize(r0 + frames, 0.0);
            let (nl, nr) = (n.div_ceil(2) as f32, (n / 2) as f32);
            for (ci, ch) in channels.iter().enumerate() {
                let (dst, scale) = if ci % 2 == 0 { (&mut l[l0..], nl) } else { (&mut r[r0..], nr) };
                for (d, s) in dst.iter_mut().zip(ch) {
                    *d += s / scale;
                }
            }
        }
    }
}

/// Title, artist and album tags of a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tags {
    pub title: Option<String>,
    pub artist: Option<String>,
    pub album: Option<String>,
}

/// A file's title, artist and album tags (empty when it carries none or cannot be probed):
/// the one tag reader of the workspace ([`DecodeStream`], the index, the recognition service).
///
/// Priority, for each of the three: the latest metadata revision first (a stream's later
/// revision replaces an earlier one), within a revision the container's tags before the
/// per-track ones, and the first value that is not blank wins, trimmed.
pub fn read_tags(path: &Path) -> Tags {
    match open_format(path) {
        Ok((mut format, _)) => tags_of(&mut *format),
        Err(_) => Tags::default(),
    }
}

/// [`read_tags`]'s rule over an open format reader (its metadata log is advanced to the
/// latest revision).
fn tags_of(format: &mut dyn FormatReader) -> Tags {
    let mut tags = Tags::default();
    let mut meta = format.metadata();
    let mut revisions = Vec::new();
    while let Some(rev) = meta.pop() {
        revisions.push(rev);
    }
    if let Some(rev) = meta.current() {
        revisions.push(rev.clone());
    }
    for rev in revisions.iter().rev() {
        let per_track = rev.per_track.iter().flat_map(|t| t.metadata.tags.iter());
        for tag in rev.media.tags.iter().chain(per_track) {
            let (slot, value) = match &tag.std {
                Some(StandardTag::TrackTitle(s)) => (&mut tags.title, s),
                Some(StandardTag::Artist(s)) => (&mut tags.artist, s),
                Some(StandardTag::Album(s)) => (&mut tags.album, s),
                _ => continue,
            };
            if slot.is_none() && !value.trim().is_empty() {
                *slot = Some(value.trim().to_string());
            }
        }
    }
    tags
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

/// The streaming counterpart of [`resample`]: the same rubato FFT resampler fed chunk by
/// chunk, with the same delay trimming and the same length at the end, so that
/// [`StreamResampler::push`] over any split of a signal followed by
/// [`StreamResampler::finish`] yields exactly what [`resample`] returns for the whole signal
/// (bit for bit). Holds one resampler chunk of input and one of output.
pub struct StreamResampler {
    rs: Option<rubato::Fft<f32>>,
    /// Input not yet resampled (at most one chunk once a push returns).
    pending: Vec<f32>,
    out_buf: Vec<f32>,
    chunk_in: usize,
    /// Output frames of the resampler's delay still to drop.
    to_trim: usize,
    input_len: u64,
    emitted: u64,
    ratio: f64,
}

impl std::fmt::Debug for StreamResampler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamResampler").field("ratio", &self.ratio).field("input_len", &self.input_len).finish_non_exhaustive()
    }
}

impl StreamResampler {
    /// A resampler from `from_hz` to `to_hz` (a copy when they are equal).
    ///
    /// # Errors
    /// [`IoError::Decode`] (with an empty path) for a rate rubato cannot handle.
    pub fn new(from_hz: u32, to_hz: u32) -> Result<Self, IoError> {
        let mut s =
            Self { rs: None, pending: Vec::new(), out_buf: Vec::new(), chunk_in: 0, to_trim: 0, input_len: 0, emitted: 0, ratio: 1.0 };
        if from_hz != to_hz {
            let rs = rubato::Fft::<f32>::new(from_hz as usize, to_hz as usize, 1024, 1, rubato::FixedSync::Input)
                .map_err(|e| resample_err(format!("cannot resample {from_hz} Hz to {to_hz} Hz: {e}")))?;
            s.chunk_in = rs.input_frames_next();
            s.out_buf = vec![0.0; rs.output_frames_max()];
            s.to_trim = rs.output_delay();
            s.ratio = rs.resample_ratio();
            s.pending.reserve(s.chunk_in * 2);
            s.rs = Some(rs);
        }
        Ok(s)
    }

    /// Resamples `input` (the next samples of the signal), appending what is ready to `out`.
    ///
    /// # Errors
    /// [`IoError::Decode`] if rubato fails.
    pub fn push(&mut self, input: &[f32], out: &mut Vec<f32>) -> Result<(), IoError> {
        if self.rs.is_none() {
            out.extend_from_slice(input);
            return Ok(());
        }
        self.input_len += input.len() as u64;
        // As `process_all`: a full chunk is resampled only while more than a chunk is left,
        // so the last 1..=chunk frames go through the partial call of `finish`.
        self.pending.extend_from_slice(input);
        while self.pending.len() > self.chunk_in {
            self.process(None, out)?;
            self.pending.drain(..self.chunk_in);
        }
        Ok(())
    }

    /// Resamples what is left and the resampler's tail, appending it to `out`: the output
    /// then holds `ceil(len × to / from)` samples in all.
    ///
    /// # Errors
    /// [`IoError::Decode`] if rubato fails.
    pub fn finish(&mut self, out: &mut Vec<f32>) -> Result<(), IoError> {
        if self.rs.is_none() || self.input_len == 0 {
            return Ok(());
        }
        let expected = (self.ratio * self.input_len as f64).ceil() as u64;
        if !self.pending.is_empty() {
            self.process(Some(self.pending.len()), out)?;
            self.pending.clear();
        }
        while self.emitted < expected {
            self.process(Some(0), out)?;
        }
        Ok(())
    }

    /// One call of the resampler over `pending`'s first chunk (`partial`: its valid frames),
    /// its output appended after the delay is dropped, never past the final length.
    fn process(&mut self, partial: Option<usize>, out: &mut Vec<f32>) -> Result<(), IoError> {
        use rubato::audioadapter_buffers::direct::InterleavedSlice;
        let Some(rs) = self.rs.as_mut() else { return Ok(()) };
        let fail = |e: String| resample_err(format!("resampling failed: {e}"));
        let frames_in = partial.unwrap_or(self.chunk_in).max(1);
        let mut padded;
        let input: &[f32] = if self.pending.len() >= frames_in {
            &self.pending[..frames_in]
        } else {
            padded = self.pending.clone();
            padded.resize(frames_in, 0.0);
            &padded
        };
        let adapter_in = InterleavedSlice::new(input, 1, frames_in).map_err(|e| fail(e.to_string()))?;
        let out_len = self.out_buf.len();
        let mut adapter_out = InterleavedSlice::new_mut(&mut self.out_buf, 1, out_len).map_err(|e| fail(e.to_string()))?;
        let indexing =
            partial.map(|n| rubato::Indexing { input_offset: 0, output_offset: 0, active_channels_mask: None, partial_len: Some(n) });
        let (_, made) = rs.process_into_buffer(&adapter_in, &mut adapter_out, indexing.as_ref()).map_err(|e| fail(e.to_string()))?;
        let skip = self.to_trim.min(made);
        self.to_trim -= skip;
        let mut keep = &self.out_buf[skip..made];
        if partial.is_some() {
            let expected = (self.ratio * self.input_len as f64).ceil() as u64;
            let room = usize::try_from(expected.saturating_sub(self.emitted)).unwrap_or(usize::MAX);
            keep = &keep[..keep.len().min(room)];
        }
        out.extend_from_slice(keep);
        self.emitted += keep.len() as u64;
        Ok(())
    }
}

fn resample_err(message: String) -> IoError {
    IoError::Decode { path: PathBuf::new(), message }
}

/// A [`StreamResampler`] per channel.
#[derive(Debug)]
pub struct ChannelsResampler {
    channels: Vec<StreamResampler>,
}

impl ChannelsResampler {
    /// `channels` resamplers from `from_hz` to `to_hz`.
    ///
    /// # Errors
    /// As [`StreamResampler::new`].
    pub fn new(channels: usize, from_hz: u32, to_hz: u32) -> Result<Self, IoError> {
        Ok(Self { channels: (0..channels).map(|_| StreamResampler::new(from_hz, to_hz)).collect::<Result<_, _>>()? })
    }

    /// Resamples one planar chunk, appending each channel's output to `out`'s.
    ///
    /// # Errors
    /// As [`StreamResampler::push`].
    pub fn push(&mut self, input: &[Vec<f32>], out: &mut [Vec<f32>]) -> Result<(), IoError> {
        for ((r, i), o) in self.channels.iter_mut().zip(input).zip(out) {
            r.push(i, o)?;
        }
        Ok(())
    }

    /// The tails (see [`StreamResampler::finish`]).
    ///
    /// # Errors
    /// As [`StreamResampler::finish`].
    pub fn finish(&mut self, out: &mut [Vec<f32>]) -> Result<(), IoError> {
        for (r, o) in self.channels.iter_mut().zip(out) {
            r.finish(o)?;
        }
        Ok(())
    }
}

/// The container a file's first bytes name (Matroska/WebM's EBML id, `OggS`, `fLaC`, RIFF
/// WAVE), so that a file the probe rejects can be called damaged rather than "not audio".
fn container_magic(path: &Path) -> Option<&'static str> {
    use std::io::Read as _;
    let mut head = [0u8; 12];
    File::open(path).ok()?.read_exact(&mut head).ok()?;
    match head {
        [0x1a, 0x45, 0xdf, 0xa3, ..] => Some("Matroska/WebM"),
        [b'O', b'g', b'g', b'S', ..] => Some("Ogg"),
        [b'f', b'L', b'a', b'C', ..] => Some("FLAC"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'A', b'V', b'E'] => Some("WAV"),
        _ => None,
    }
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
    let format = probe(path, mss, path.extension().and_then(|e| e.to_str()), container_magic(path))?;
    Ok((format, total))
}

/// Probes the container of `mss` (`path` names it in errors; `magic` is what its first bytes
/// say it is, when known).
fn probe(
    path: &Path,
    mss: MediaSourceStream<'static>,
    extension: Option<&str>,
    magic: Option<&'static str>,
) -> Result<Box<dyn FormatReader>, IoError> {
    let mut hint = Hint::new();
    if let Some(ext) = extension {
        hint.with_extension(ext);
    }
    symphonia::default::get_probe().probe(&hint, mss, FormatOptions::default(), MetadataOptions::default()).map_err(|e| {
        decode_err(
            path,
            match e {
                SymError::Unsupported(_) if magic.is_some() => format!(
                    "is a truncated or damaged {} file: its start says so but its header cannot be read ({e}); send the whole file",
                    magic.unwrap_or_default()
                ),
                SymError::Unsupported(_) => format!("is not an audio file in a format Resonance reads; give a {SUPPORTED} file"),
                SymError::IoError(_) => {
                    format!("ends before its header is complete (truncated or not audio); give a complete {SUPPORTED} file")
                }
                other => format!("cannot be read as audio ({other}); give a {SUPPORTED} file"),
            },
        )
    })
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

    /// The streaming resampler gives `resample`'s output bit for bit, however the input is
    /// split (chunks around rubato's own chunk, single samples, one piece).
    #[test]
    fn streaming_resample_is_bit_identical() {
        let mut seed = 0x1234_5678u32;
        let x: Vec<f32> = (0..50_003)
            .map(|i| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                0.5 * (i as f32 * 0.031).sin() + (seed as f32 / u32::MAX as f32 - 0.5) * 0.2
            })
            .collect();
        for (from, to) in [(44_100, 48_000), (48_000, 22_050), (8_000, 48_000), (48_000, 48_000)] {
            for len in [1usize, 700, 1024, 1025, 2048, 50_003] {
                let want = resample(&x[..len], from, to).unwrap();
                for split in [1usize, 333, 1024, 1025, 4096, len] {
                    let mut r = StreamResampler::new(from, to).unwrap();
                    let mut got = Vec::new();
                    for piece in x[..len].chunks(split) {
                        r.push(piece, &mut got).unwrap();
                    }
                    r.finish(&mut got).unwrap();
                    assert_eq!(got.len(), want.len(), "{from}->{to} len {len} split {split}");
                    assert!(got.iter().zip(&want).all(|(a, b)| a.to_bits() == b.to_bits()), "{from}->{to} len {len} split {split}");
                }
            }
        }
    }

    #[test]
    fn stereo_fold_down() {
        let d = Decoded { sample_rate: 8000, channels: vec![vec![1.0; 4], vec![0.0; 4], vec![1.0; 4]], ..Decoded::default() };
        let [l, r] = d.to_stereo();
        assert_eq!(l, vec![1.0; 4]);
        assert_eq!(r, vec![0.0; 4]);
        assert_eq!(d.to_mono(), vec![2.0 / 3.0; 4]);
        let mut s = [Vec::new(), Vec::new()];
        stereo_into(&d.channels, &mut s);
        stereo_into(&d.channels, &mut s);
        assert_eq!(s, [vec![1.0; 8], vec![0.0; 8]]);
        let mut m = Vec::new();
        mono_into(&d.channels, &mut m);
        assert_eq!(m, d.to_mono());
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
