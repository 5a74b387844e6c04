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

use resonance_engine::rate_bridge::AnyRateProcessor;
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
    /// Distribution of the time spent in each output callback.
    pub callback_times: Histogram,
    /// Distribution of the CPU time the audio thread spent in each output callback (wall
    /// time minus any time it was preempted): what the engine itself costs.
    pub callback_cpu_times: Histogram,
    /// Distribution of the time between the starts of consecutive output callbacks (how late
    /// the audio thread was woken).
    pub callback_gaps: Histogram,
}

/// A lock-free histogram of durations: [`Histogram::BUCKETS`] linear buckets of
/// [`Histogram::BUCKET_NS`] each, the last one catching everything longer. Written on the
/// audio thread with relaxed atomic increments (no allocation after construction).
#[derive(Debug)]
pub struct Histogram {
    buckets: Box<[AtomicU64]>,
    max_ns: AtomicU64,
}

impl Default for Histogram {
    fn default() -> Self {
        Self { buckets: (0..Self::BUCKETS).map(|_| AtomicU64::new(0)).collect(), max_ns: AtomicU64::new(0) }
    }
}

impl Histogram {
    /// Width of one bucket: 5 µs, a thousandth of a 256-frame period at 48 kHz.
    pub const BUCKET_NS: u64 = 5_000;
    /// 100 ms in all; longer durations land in the last bucket (the exact maximum is kept).
    pub const BUCKETS: usize = 20_000;

    /// Counts one duration. Real-time safe.
    pub fn record(&self, ns: u64) {
        let i = usize::try_from(ns / Self::BUCKET_NS).unwrap_or(usize::MAX).min(Self::BUCKETS - 1);
        if let Some(b) = self.buckets.get(i) {
            b.fetch_add(1, Ordering::Relaxed);
        }
        self.max_ns.fetch_max(ns, Ordering::Relaxed);
    }

    /// Number of durations counted.
    pub fn count(&self) -> u64 {
        self.buckets.iter().map(|b| b.load(Ordering::Relaxed)).sum()
    }

    /// The longest duration counted, in nanoseconds.
    pub fn max_ns(&self) -> u64 {
        self.max_ns.load(Ordering::Relaxed)
    }

    /// Upper edge of the bucket holding the `q` quantile (0..=1), in nanoseconds, capped at
    /// the maximum; 0 when empty.
    pub fn quantile_ns(&self, q: f64) -> u64 {
        let total = self.count();
        if total == 0 {
            return 0;
        }
        // rank of the quantile, 1-based (nearest-rank method)
        let rank = ((q.clamp(0.0, 1.0) * total as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for (i, b) in self.buckets.iter().enumerate() {
            seen += b.load(Ordering::Relaxed);
            if seen >= rank {
                return ((i as u64 + 1) * Self::BUCKET_NS).min(self.max_ns());
            }
        }
        self.max_ns()
    }

    /// How many durations were longer than `ns` (at bucket resolution).
    pub fn count_over(&self, ns: u64) -> u64 {
        let from = usize::try_from(ns.div_ceil(Self::BUCKET_NS)).unwrap_or(usize::MAX);
        self.buckets.iter().skip(from).map(|b| b.load(Ordering::Relaxed)).sum()
    }
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
    /// A preloaded signal, looped (`--input FILE`, the demo), or played once and followed by
    /// silence (`--input-once`).
    Looped { data: Arc<[f32]>, pos: usize, once: bool },
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
            Source::Looped { data, pos, once } => {
                if data.is_empty() {
                    out.fill(0.0);
                    return;
                }
                for o in out.iter_mut() {
                    // past the end only when played once: silence from then on
                    *o = data.get(*pos).copied().unwrap_or(0.0);
                    *pos = if *once { (*pos + 1).min(data.len()) } else { (*pos + 1) % data.len() };
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
    /// The engine, behind its rate converter at a rate it does not run natively.
    engine: AnyRateProcessor,
    crowd: Source,
    programme: Option<Source>,
    /// Commentary added after the engine (`--commentary-device`), and its scratch.
    commentary: Option<(Source, Vec<f32>)>,
    l: Vec<f32>,
    r: Vec<f32>,
    sc: Vec<f32>,
    recorder: Option<Producer<f32>>,
    /// Where the recorder's producer goes when this processor is dropped (a device rebuild),
    /// so the next session keeps recording into the same file.
    give_back: Option<std::sync::mpsc::Sender<Producer<f32>>>,
    stats: Arc<LiveStats>,
    last_start: Option<Instant>,
}

impl Drop for LiveProcessor {
    fn drop(&mut self) {
        // runs where the stream's callback is dropped (never inside the callback)
        if let (Some(rec), Some(tx)) = (self.recorder.take(), self.give_back.take()) {
            let _ = tx.send(rec);
        }
    }
}

impl LiveProcessor {
    /// Built off the audio thread; allocates its scratch here. `recorder` is the recorder
    /// ring's producer and a channel that takes it back when the processor is dropped.
    pub fn new(
        engine: AnyRateProcessor,
        crowd: Source,
        programme: Option<Source>,
        recorder: Option<(Producer<f32>, std::sync::mpsc::Sender<Producer<f32>>)>,
        stats: Arc<LiveStats>,
    ) -> Self {
        let (recorder, give_back) = recorder.map_or((None, None), |(p, tx)| (Some(p), Some(tx)));
        Self {
            engine,
            crowd,
            programme,
            commentary: None,
            l: vec![0.0; CHUNK],
            r: vec![0.0; CHUNK],
            sc: vec![0.0; CHUNK],
            recorder,
            give_back,
            stats,
            last_start: None,
        }
    }

    /// Adds a commentary input to the output after the engine, at unity: the engine (and so
    /// the copyright guard's programme gain) never touches it. Allocates its scratch here.
    #[must_use]
    pub fn with_commentary(mut self, commentary: Option<Source>) -> Self {
        self.commentary = commentary.map(|s| (s, vec![0.0; CHUNK]));
        self
    }

    /// Renders interleaved output with `channels` channels. Real-time safe: no allocation,
    /// locks, logging or I/O (two reads of the thread's CPU clock, see [`super::cpuclock`]).
    pub fn render(&mut self, out: &mut [f32], channels: usize) {
        let started = Instant::now();
        let cpu_started = super::cpuclock::thread_cpu_ns();
        if let Some(prev) = self.last_start {
            self.stats.callback_gaps.record(duration_ns(started.duration_since(prev)));
        }
        self.last_start = Some(started);
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
                self.engine.process(&mut [&mut self.l[..n], &mut self.r[..n]], Some(&side));
            } else {
                self.crowd.pull(&mut self.l[..n], &self.stats);
                self.r[..n].copy_from_slice(&self.l[..n]);
                self.engine.process(&mut [&mut self.l[..n], &mut self.r[..n]], None);
            }
            if let Some((c, buf)) = &mut self.commentary {
                c.pull(&mut buf[..n], &self.stats);
                for ((l, r), x) in self.l[..n].iter_mut().zip(&mut self.r[..n]).zip(&buf[..n]) {
                    *l += x;
                    *r += x;
                }
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
                // whole frames or nothing, so left and right never swap places in the file
                if rec.slots() >= 2 * n {
                    for (l, r) in self.l[..n].iter().zip(&self.r[..n]) {
                        let _ = rec.push(*l);
                        let _ = rec.push(*r);
                    }
                } else {
                    LiveStats::add(&self.stats.record_dropped, n as u64);
                }
            }
            done += n;
        }
        let ns = duration_ns(started.elapsed());
        self.stats.callback_times.record(ns);
        self.stats.callback_cpu_times.record(super::cpuclock::thread_cpu_ns().saturating_sub(cpu_started));
        LiveStats::add(&self.stats.callbacks, 1);
        LiveStats::add(&self.stats.frames, frames as u64);
        LiveStats::add(&self.stats.busy_ns, ns);
    }
}

fn duration_ns(d: std::time::Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use resonance_engine::prelude::*;
    use resonance_engine::testing::count_allocations;

    /// The input and output callbacks with the real engine, a programme ring whose device runs
    /// fast then slow (both drift corrections), a looped crowd, a commentary input and the
    /// recorder ring: not one
    /// allocation in 2000 callbacks at 48 kHz, nor in 300 at 8 and 768 kHz (the engine behind
    /// its rate converter).
    #[test]
    fn callbacks_never_allocate() {
        // natively, and behind the rate converter below and above the engine's native rates
        // (2000 callbacks natively, for both drift corrections; 300 through the converter)
        for (rate, callbacks) in [(48_000, 2000), (8_000, 300), (768_000, 300)] {
            callbacks_never_allocate_at(rate, callbacks);
        }
    }

    fn callbacks_never_allocate_at(rate: u32, callbacks: usize) {
        let stats = Arc::new(LiveStats::default());
        let crowd: Arc<[f32]> = crate::demo::crowd(rate, 4.0, 7)[0].clone().into();
        let (mut prog_tx, prog_rx) = rtrb::RingBuffer::new(8192);
        let (rec_tx, mut rec_rx) = rtrb::RingBuffer::new(1 << 16);
        let (back_tx, _back_rx) = std::sync::mpsc::channel();
        let layout = Layout { main_channels: 2, sidechain: true, music_out: false };
        let (engine, _handle) =
            AnyRateProcessor::prepare(&Engine::new(EngineConfig::default()), f64::from(rate), CHUNK, layout).expect("engine");
        let mut p = LiveProcessor::new(
            engine,
            Source::Looped { data: crowd.clone(), pos: 0, once: false },
            Some(Source::Ring { ring: prog_rx, target: 1024, last: 0.0 }),
            Some((rec_tx, back_tx)),
            stats.clone(),
        )
        .with_commentary(Some(Source::Looped { data: crowd, pos: 7, once: false }));
        let input: Vec<f32> = (0..2 * 258).map(|i| (i as f32 * 0.01).sin() * 0.5).collect();
        let mut out = vec![0.0_f32; 2 * 256];
        let mut allocations = 0;
        let mut recorded = 0;
        for k in 0..callbacks {
            let frames_in = if k < callbacks / 2 { 258 } else { 254 };
            let ((), n) = count_allocations(|| {
                push_input(&mut prog_tx, &input[..2 * frames_in], 2, &stats);
                p.render(&mut out, 2);
            });
            allocations += n;
            while rec_rx.pop().is_ok() {
                recorded += 1;
            }
        }
        assert_eq!(allocations, 0, "the live host's callbacks allocated at {rate} Hz");
        assert_eq!(stats.callbacks.load(Ordering::Relaxed), callbacks as u64);
        assert!(callbacks < 2000 || stats.slips.load(Ordering::Relaxed) > 0, "the drift corrections never ran");
        assert_eq!(recorded, 2 * 256 * callbacks, "the recorder lost frames");
        assert!(out.iter().all(|x| x.is_finite()) && out.iter().any(|x| *x != 0.0), "{rate} Hz: output finite and not silent");
    }
}
