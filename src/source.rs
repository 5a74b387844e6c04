//! Audio files read chunk by chunk for the file commands (`render --in`, `highlight`): decoded
//! packet by packet ([`DecodeStream`]), resampled in streaming blocks ([`ChannelsResampler`])
//! and handed out a few thousand frames at a time, so that the memory a command needs does not
//! grow with the file (decision record 0023). The samples are those the whole-file path
//! (`decode_file`, `Decoded::resampled`, `to_stereo`) gives, bit for bit.

use std::path::Path;

use anyhow::Result;
use resonance_io::decode::{ChannelsResampler, DecodeStream, stereo_into};

/// A file's channels at a chosen rate, chunk by chunk.
pub struct PlanarFile {
    stream: DecodeStream,
    resampler: Option<ChannelsResampler>,
    rate: u32,
    out: Vec<Vec<f32>>,
    ended: bool,
}

impl PlanarFile {
    /// Opens `path`; `rate` chooses the output rate from the file's own.
    ///
    /// # Errors
    /// The decoder's error (not audio, unsupported, empty, ...) or `rate`'s.
    pub fn open(path: &Path, rate: impl FnOnce(u32) -> Result<u32>) -> Result<Self> {
        let stream = DecodeStream::open(path)?;
        let from = stream.sample_rate();
        let rate = rate(from)?;
        let resampler = if rate == from { None } else { Some(ChannelsResampler::new(stream.channels(), from, rate)?) };
        let out = vec![Vec::new(); stream.channels()];
        Ok(Self { stream, resampler, rate, out, ended: false })
    }

    /// The output rate (Hz).
    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// The file's own rate (Hz).
    pub fn input_rate(&self) -> u32 {
        self.stream.sample_rate()
    }

    /// Frames of the file decoded so far, at its own rate.
    pub fn input_frames(&self) -> u64 {
        self.stream.progress().0
    }

    /// The length the container declares, in frames at the output rate (0 when unknown): for
    /// progress bars.
    pub fn len_hint(&self) -> u64 {
        let from = f64::from(self.stream.sample_rate().max(1));
        self.stream.progress().1.map_or(0, |n| (n as f64 * f64::from(self.rate) / from).round() as u64)
    }

    /// The next chunk (one slice per channel, at least one frame), or `None` at the end.
    ///
    /// # Errors
    /// A decode error (corrupt, truncated) or a resampling error.
    pub fn next_chunk(&mut self) -> Result<Option<&[Vec<f32>]>> {
        loop {
            if self.ended {
                return Ok(None);
            }
            for o in &mut self.out {
                o.clear();
            }
            if let Some(chunk) = self.stream.next_chunk()? {
                if let Some(r) = &mut self.resampler {
                    r.push(chunk, &mut self.out)?;
                } else {
                    for (o, c) in self.out.iter_mut().zip(chunk) {
                        o.extend_from_slice(c);
                    }
                }
            } else {
                self.ended = true;
                let Some(r) = &mut self.resampler else { return Ok(None) };
                r.finish(&mut self.out)?;
            }
            if self.out.first().is_some_and(|o| !o.is_empty()) {
                return Ok(Some(&self.out));
            }
        }
    }
}

/// A file as stereo at a chosen rate (mono duplicated, more channels folded as
/// `Decoded::to_stereo` does), read a block at a time.
pub struct StereoFile {
    src: PlanarFile,
    fifo: [Vec<f32>; 2],
    head: usize,
}

impl StereoFile {
    /// Opens `path` (see [`PlanarFile::open`]).
    ///
    /// # Errors
    /// As [`PlanarFile::open`].
    pub fn open(path: &Path, rate: impl FnOnce(u32) -> Result<u32>) -> Result<Self> {
        Ok(Self { src: PlanarFile::open(path, rate)?, fifo: [Vec::new(), Vec::new()], head: 0 })
    }

    /// The underlying planar reader (rates, lengths).
    pub fn planar(&self) -> &PlanarFile {
        &self.src
    }

    /// Fills `l` and `r` (the same length) with the next frames; returns how many were
    /// written, fewer than asked only at the end of the file.
    ///
    /// # Errors
    /// As [`PlanarFile::next_chunk`].
    pub fn read(&mut self, l: &mut [f32], r: &mut [f32]) -> Result<usize> {
        let want = l.len().min(r.len());
        while self.fifo[0].len() - self.head < want {
            if self.head > 0 {
                for f in &mut self.fifo {
                    f.drain(..self.head);
                }
                self.head = 0;
            }
            match self.src.next_chunk()? {
                Some(chunk) => stereo_into(chunk, &mut self.fifo),
                None => break,
            }
        }
        let n = want.min(self.fifo[0].len() - self.head);
        l[..n].copy_from_slice(&self.fifo[0][self.head..self.head + n]);
        r[..n].copy_from_slice(&self.fifo[1][self.head..self.head + n]);
        self.head += n;
        Ok(n)
    }
}

/// Stereo input read a block at a time: a file ([`StereoFile`]) or samples in memory
/// ([`MemoryStereo`]).
pub trait StereoSource {
    /// Fills `l` and `r` with the next frames; returns how many were written, fewer than
    /// `l.len()` only at the end.
    ///
    /// # Errors
    /// A decode or resampling error of a file.
    fn read(&mut self, l: &mut [f32], r: &mut [f32]) -> Result<usize>;

    /// Frames expected in all (0 when unknown): for progress bars.
    fn len_hint(&self) -> u64;
}

impl StereoSource for StereoFile {
    fn read(&mut self, l: &mut [f32], r: &mut [f32]) -> Result<usize> {
        StereoFile::read(self, l, r)
    }

    fn len_hint(&self) -> u64 {
        self.src.len_hint()
    }
}

/// Stereo samples already in memory (a synthesised input).
pub struct MemoryStereo<'a> {
    data: &'a [Vec<f32>; 2],
    pos: usize,
}

impl<'a> MemoryStereo<'a> {
    /// Reads `data` from its start.
    pub fn new(data: &'a [Vec<f32>; 2]) -> Self {
        Self { data, pos: 0 }
    }
}

impl StereoSource for MemoryStereo<'_> {
    fn read(&mut self, l: &mut [f32], r: &mut [f32]) -> Result<usize> {
        let frames = self.data[0].len().min(self.data[1].len());
        let n = l.len().min(r.len()).min(frames - self.pos.min(frames));
        l[..n].copy_from_slice(&self.data[0][self.pos..self.pos + n]);
        r[..n].copy_from_slice(&self.data[1][self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }

    fn len_hint(&self) -> u64 {
        self.data[0].len() as u64
    }
}
