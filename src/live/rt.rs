//! The live host's audio-thread side: input rings with sample-slip drift correction, the
//! engine, the recorder ring, and lock-free statistics.
//!
//! Input and output run as separate device streams with separate clocks. Each input callback
//! pushes mono samples into an SPSC ring; the output callback (where the engine runs) pulls
//! exactly what it needs. Clock drift is absorbed by **sample slip**: the output side keeps
//! each ring's fill near a target; when the fill runs more than one block above it, one frame
//! is skipped, and when it runs below, one frame is repeated. On crowd ambience and programme
//! audio a single-frame slip every few seconds is inaudible and, unlike adaptive resampling,
//! costs nothing and adds no latency. Underruns (ring empty) output the last sample and are
//! counted; overruns (ring full) drop input and are counted.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use resonance_engine::prelude::*;
use rtrb::{Consumer, Producer};

/// Largest number of frames converted per engine call; longer device buffers are split.
pub const CHUNK: usize = 4096;

/// Counters shared with the main thread. All relaxed atomics: written on the audio thread,
/// read for display and metrics.
#[derive(Debug, Default)]
pub struct LiveStats {
    pub callbacks: AtomicU64,
    pub frames: AtomicU64,
    /// Nanoseconds spent inside output callbacks.
    pub busy_ns: AtomicU64,
    /// Longest single callback, in nanoseconds.
    pub max_callback_ns: AtomicU64,
    /// Input ring ran empty (frames filled in).
    pub underruns: AtomicU64,
    /// Input ring was full (input frames dropped).
    pub overruns: AtomicU64,
    /// Drift corrections (frames skipped or repeated).
    pub slips: AtomicU64,
    /// Device-reported xruns.
    pub xruns: AtomicU64,
    /// Recorder ring was full (frames not recorded).
    pub record_dropped: AtomicU64,
}

impl LiveStats {
    fn add(c: &AtomicU64, n: u64) {
        c.fetch_add(n, Ordering::Relaxed);
    }
}

/// Where an input signal comes from.
pub enum Source {
    /// A device stream's ring (mono samples).
    Ring { ring: Consumer<f32>, target: usize, last: f32 },
    /// A preloaded signal, looped (`--input FILE`, the demo).
    Looped { data: Arc<[f32]>, pos: usize },
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Ring { target, .. } => write!(f, "Source::Ring(target {target})"),
            Source::Looped { data, .. } => write!(f, "Source::Looped({} samples)", data.len()),
        }
    }
}

impl Source {
    /// Fills `out` with the next frames. Real-time safe.
    fn pull(&mut self, out: &mut [f32], stats: &LiveStats) {
        match self {
            Source::Looped { data, pos } => {
                if data.is_empty() {
                    out.fill(0.0);
                    return;
                }
                for o in out.iter_mut() {
                    *o = data[*pos];
                    *pos = (*pos + 1) % data.len();
                }
            }
            Source::Ring { ring, target, last } => {
                let n = out.len();
                let avail = ring.slots();
                // drift: too much buffered -> skip a frame; too little -> repeat one
                if avail > *target + n + n.max(64) {
                    let _ = ring.pop();
                    LiveStats::add(&stats.slips, 1);
                } else if avail + n.max(64) < *target && avail >= n && n > 1 {
                    out[0] = *last;
                    for o in &mut out[1..] {
                        *o = ring.pop().unwrap_or(*last);
                        *last = *o;
                    }
                    LiveStats::add(&stats.slips, 1);
                    return;
                }
                let mut missing = 0u64;
                for o in out.iter_mut() {
                    if let Ok(x) = ring.pop() {
                        *last = x;
                        *o = x;
                    } else {
                        *o = *last;
                        missing += 1;
                    }
                }
                if missing > 0 {
                    LiveStats::add(&stats.underruns, missing);
                }
            }
        }
    }
}

/// Pushes an input device's interleaved samples into its ring as mono. Real-time safe.
pub fn push_input(ring: &mut Producer<f32>, data: &[f32], channels: usize, stats: &LiveStats) {
    let ch = channels.max(1);
    let scale = 1.0 / ch as f32;
    let mut dropped = 0u64;
    for frame in data.chunks(ch) {
        let x = frame.iter().sum::<f32>() * scale;
        if ring.push(x).is_err() {
            dropped += 1;
        }
    }
    if dropped > 0 {
        LiveStats::add(&stats.overruns, dropped);
    }
}

/// Everything the output callback owns.
#[derive(Debug)]
pub struct LiveProcessor {
    engine: EngineProcessor,
    crowd: Source,
    programme: Option<Source>,
    l: Vec<f32>,
    r: Vec<f32>,
    sc: Vec<f32>,
    recorder: Option<Producer<f32>>,
    stats: Arc<LiveStats>,
}

impl LiveProcessor {
    /// Built off the audio thread; allocates its scratch here.
    pub fn new(
        engine: EngineProcessor,
        crowd: Source,
        programme: Option<Source>,
        recorder: Option<Producer<f32>>,
        stats: Arc<LiveStats>,
    ) -> Self {
        Self { engine, crowd, programme, l: vec![0.0; CHUNK], r: vec![0.0; CHUNK], sc: vec![0.0; CHUNK], recorder, stats }
    }

    /// Renders interleaved output with `channels` channels. Real-time safe: no allocation,
    /// locks, logging or I/O.
    pub fn render(&mut self, out: &mut [f32], channels: usize) {
        let started = Instant::now();
        let ch = channels.max(1);
        let frames = out.len() / ch;
        let mut done = 0;
        while done < frames {
            let n = CHUNK.min(frames - done);
            if let Some(p) = &mut self.programme {
                // programme on the main bus, crowd on the sidechain
                p.pull(&mut self.l[..n], &self.stats);
                self.r[..n].copy_from_slice(&self.l[..n]);
                self.crowd.pull(&mut self.sc[..n], &self.stats);
                let side = [&self.sc[..n], &self.sc[..n]];
                self.engine.process(&mut [&mut self.l[..n], &mut self.r[..n]], Some(&side), None);
            } else {
                self.crowd.pull(&mut self.l[..n], &self.stats);
                self.r[..n].copy_from_slice(&self.l[..n]);
                self.engine.process(&mut [&mut self.l[..n], &mut self.r[..n]], None, None);
            }
            let dst = &mut out[done * ch..(done + n) * ch];
            for (i, frame) in dst.chunks_mut(ch).enumerate() {
                frame[0] = self.l[i];
                if ch > 1 {
                    frame[1] = self.r[i];
                    frame[2..].fill(0.0);
                }
            }
            if let Some(rec) = &mut self.recorder {
                let mut dropped = 0;
                for i in 0..n {
                    if rec.push(self.l[i]).is_err() || rec.push(self.r[i]).is_err() {
                        dropped += 1;
                    }
                }
                if dropped > 0 {
                    LiveStats::add(&self.stats.record_dropped, dropped);
                }
            }
            done += n;
        }
        let ns = started.elapsed().as_nanos() as u64;
        LiveStats::add(&self.stats.callbacks, 1);
        LiveStats::add(&self.stats.frames, frames as u64);
        LiveStats::add(&self.stats.busy_ns, ns);
        self.stats.max_callback_ns.fetch_max(ns, Ordering::Relaxed);
    }
}
