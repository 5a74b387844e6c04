//! The engine at any rate a host or device may run at: [`AnyRateProcessor`].
//!
//! The engine runs natively from [`MIN_SAMPLE_RATE`] to [`MAX_SAMPLE_RATE`]. Hosts (and
//! clap-validator), devices and files also come at 1 kHz, 8 kHz, 384 or 768 kHz and, in a
//! plugin host, at fractional rates. At such a rate the engine runs at the nearest supported
//! rate (the *inner* rate, [`inner_rate`]) behind a [`RateBridge`] that converts in both
//! directions: host-rate inputs to the inner rate, the engine's outputs back to the host rate.
//! Pitch, tempo and event times stay right, since both conversions keep time; the cost is a
//! few host samples of latency ([`AnyRateProcessor::latency`]) and, at a host rate below
//! 22.05 kHz, only the band the host rate can carry. The plugin (CLAP/VST3), `resonance live`
//! and `resonance render` all run the engine through this module.
//!
//! Conversion is linear interpolation, behind a 4th-order Butterworth low-pass at 0.45 of the
//! lower rate on the side that decimates (the host inputs above 192 kHz, the engine outputs
//! below 22.05 kHz). Everything is allocated in [`RateBridge::new`] and
//! [`AnyRateProcessor::prepare`]; processing is real-time safe.

use crate::engine::{Engine, EngineHandle, EngineProcessor, Layout, MAX_BLOCK_LIMIT, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE};
use crate::error::{EngineError, ProcessStatus};

/// Host rates served: 1 kHz to 1.536 MHz (the engine's native range and, around it, a
/// resampled domain).
pub const MIN_HOST_RATE: f64 = 1_000.0;
/// See [`MIN_HOST_RATE`].
pub const MAX_HOST_RATE: f64 = 1_536_000.0;

/// Engine block size inside the resampled domain.
const INNER_BLOCK: usize = 1024;

/// Channels converted: main L/R and sidechain L/R in; main L/R and music L/R out.
const CHANNELS: usize = 4;

/// The rate the engine runs at for a host `rate`: the rate itself when the engine supports
/// it, else the nearest supported one. `None` when the host rate is outside
/// [`MIN_HOST_RATE`]..=[`MAX_HOST_RATE`] (or not a number).
pub fn inner_rate(rate: f64) -> Option<f64> {
    if !rate.is_finite() || !(MIN_HOST_RATE..=MAX_HOST_RATE).contains(&rate) {
        return None;
    }
    Some(rate.clamp(MIN_SAMPLE_RATE, MAX_SAMPLE_RATE))
}

/// Direct-form-II-transposed biquad in f64.
#[derive(Clone, Copy, Debug, Default)]
struct Biquad {
    b: [f64; 3],
    a: [f64; 2],
    z: [f64; 2],
}

impl Biquad {
    fn lowpass(cutoff: f64, rate: f64, q: f64) -> Self {
        let w = std::f64::consts::TAU * cutoff / rate;
        let (s, c) = w.sin_cos();
        let alpha = s / (2.0 * q);
        let a0 = 1.0 + alpha;
        let b1 = (1.0 - c) / a0;
        Self { b: [0.5 * b1, b1, 0.5 * b1], a: [-2.0 * c / a0, (1.0 - alpha) / a0], z: [0.0; 2] }
    }

    fn run(&mut self, x: f64) -> f64 {
        let y = self.b[0] * x + self.z[0];
        self.z[0] = self.b[1] * x - self.a[0] * y + self.z[1];
        self.z[1] = self.b[2] * x - self.a[1] * y;
        y
    }
}

/// 4th-order Butterworth low-pass (two biquads), or a pass-through.
#[derive(Clone, Copy, Debug)]
struct Lowpass(Option<[Biquad; 2]>);

impl Lowpass {
    fn new(cutoff: Option<f64>, rate: f64) -> Self {
        Self(cutoff.map(|f| [Biquad::lowpass(f, rate, 0.541_196_100_146_197), Biquad::lowpass(f, rate, 1.306_562_964_876_376_6)]))
    }

    fn run(&mut self, x: f64) -> f64 {
        match &mut self.0 {
            Some([a, b]) => b.run(a.run(x)),
            None => x,
        }
    }

    fn reset(&mut self) {
        if let Some(s) = &mut self.0 {
            for b in s {
                b.z = [0.0; 2];
            }
        }
    }
}

/// Linear-interpolating converter of `CHANNELS` channels from one rate to another.
#[derive(Clone, Debug)]
struct Converter {
    /// Input samples per output sample.
    step: f64,
    /// Time of the next output sample, in input samples after the previous input sample.
    pos: f64,
    prev: [f64; CHANNELS],
    lowpass: [Lowpass; CHANNELS],
}

impl Converter {
    fn new(from: f64, to: f64) -> Self {
        // Low-pass before decimating, at 0.45 of the output rate.
        let cutoff = (to < from).then_some(0.45 * to);
        Self { step: from / to, pos: 1.0, prev: [0.0; CHANNELS], lowpass: [Lowpass::new(cutoff, from); CHANNELS] }
    }

    fn reset(&mut self) {
        self.pos = 1.0;
        self.prev = [0.0; CHANNELS];
        for l in &mut self.lowpass {
            l.reset();
        }
    }

    /// Takes one input frame; calls `emit` with every output frame due at or before it.
    fn push(&mut self, frame: [f32; CHANNELS], mut emit: impl FnMut([f32; CHANNELS])) {
        let mut x = [0.0f64; CHANNELS];
        for (ch, v) in x.iter_mut().enumerate() {
            *v = self.lowpass[ch].run(f64::from(frame[ch]));
        }
        while self.pos <= 1.0 {
            let t = self.pos;
            let mut y = [0.0f32; CHANNELS];
            for (ch, v) in y.iter_mut().enumerate() {
                *v = (self.prev[ch] + (x[ch] - self.prev[ch]) * t) as f32;
            }
            emit(y);
            self.pos += self.step;
        }
        self.pos -= 1.0;
        self.prev = x;
    }
}

/// The engine at an inner rate, seen from the host rate.
#[derive(Debug)]
pub struct RateBridge {
    to_inner: Converter,
    to_host: Converter,
    /// Engine-rate scratch: main L/R (in place), sidechain L/R, music L/R.
    inner: [Vec<f32>; 6],
    inner_len: usize,
    /// Host-rate output frames (main L/R, music L/R) waiting to be read, as a ring.
    fifo: [Vec<f32>; CHANNELS],
    fifo_read: usize,
    fifo_len: usize,
    latency: usize,
    /// The worst status of the engine calls of the current `process`.
    status: ProcessStatus,
}

impl RateBridge {
    /// A bridge from `host` rate to `inner` rate for host blocks of up to `max_host_block`.
    /// Returns it with the engine block size to prepare the engine for.
    pub fn new(host: f64, inner: f64, max_host_block: usize) -> (Self, usize) {
        // Host samples per inner sample, rounded up, plus two for the interpolation.
        let latency = (host / inner).ceil() as usize + 2;
        let fifo_cap = max_host_block + latency + (host / inner).ceil() as usize + 16;
        let mut bridge = Self {
            to_inner: Converter::new(host, inner),
            to_host: Converter::new(inner, host),
            inner: std::array::from_fn(|_| vec![0.0; INNER_BLOCK]),
            inner_len: 0,
            fifo: std::array::from_fn(|_| vec![0.0; fifo_cap]),
            fifo_read: 0,
            fifo_len: 0,
            latency,
            status: ProcessStatus::Ok,
        };
        bridge.reset();
        (bridge, INNER_BLOCK)
    }

    /// Latency the conversion adds, in host samples.
    pub fn latency(&self) -> u32 {
        u32::try_from(self.latency).unwrap_or(u32::MAX)
    }

    /// Back to the state after [`RateBridge::new`].
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn reset(&mut self) {
        self.to_inner.reset();
        self.to_host.reset();
        self.inner_len = 0;
        for ch in &mut self.fifo {
            ch.fill(0.0);
        }
        self.fifo_read = 0;
        // The latency: silence already queued, so reads never run dry.
        self.fifo_len = self.latency;
    }

    /// Runs `engine` over host-rate `main` (in place), `sidechain` and `music` (all the same
    /// length, at most the `max_host_block` of [`RateBridge::new`]), through the inner rate.
    /// Returns the worst status of the engine's calls ([`ProcessStatus::Sanitized`] when an
    /// input held NaN/Inf).
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn process(
        &mut self,
        engine: &mut EngineProcessor,
        main: [&mut [f32]; 2],
        sidechain: ([&[f32]; 2], bool),
        music: [&mut [f32]; 2],
    ) -> ProcessStatus {
        self.status = ProcessStatus::Ok;
        let ([ml, mr], ([sl, sr], connected), [ol, or]) = (main, sidechain, music);
        let n = ml.len().min(mr.len()).min(sl.len()).min(sr.len()).min(ol.len()).min(or.len());
        for i in 0..n {
            let frame = [ml[i], mr[i], sl[i], sr[i]];
            let mut to_inner = std::mem::replace(&mut self.to_inner, Converter::new(1.0, 1.0));
            to_inner.push(frame, |y| {
                let k = self.inner_len;
                for (ch, v) in y.iter().enumerate() {
                    // main L/R go to slots 0/1 (processed in place), sidechain to 2/3
                    if let Some(slot) = self.inner[ch].get_mut(k) {
                        *slot = *v;
                    }
                }
                self.inner_len += 1;
                if self.inner_len == INNER_BLOCK {
                    self.run_inner(engine, connected);
                }
            });
            self.to_inner = to_inner;
        }
        self.run_inner(engine, connected);
        for i in 0..n {
            let [a, b, c, d] = self.pop();
            ml[i] = a;
            mr[i] = b;
            ol[i] = c;
            or[i] = d;
        }
        self.status
    }

    /// Processes the inner frames gathered so far and queues their host-rate output.
    fn run_inner(&mut self, engine: &mut EngineProcessor, connected: bool) {
        let m = self.inner_len;
        if m == 0 {
            return;
        }
        self.inner_len = 0;
        {
            let [ml, mr, sl, sr, ol, or] = &mut self.inner;
            let sc: [&[f32]; 2] = [&sl[..m], &sr[..m]];
            let mut main: [&mut [f32]; 2] = [&mut ml[..m], &mut mr[..m]];
            let mut music: [&mut [f32]; 2] = [&mut ol[..m], &mut or[..m]];
            let status = engine.process(&mut main, connected.then_some(&sc[..]), Some(&mut music));
            self.status = match (self.status, status) {
                (ProcessStatus::Error(e), _) | (_, ProcessStatus::Error(e)) => ProcessStatus::Error(e),
                (ProcessStatus::Ok, ProcessStatus::Ok) => ProcessStatus::Ok,
                _ => ProcessStatus::Sanitized,
            };
        }
        let mut to_host = std::mem::replace(&mut self.to_host, Converter::new(1.0, 1.0));
        for k in 0..m {
            let frame = [self.inner[0][k], self.inner[1][k], self.inner[4][k], self.inner[5][k]];
            to_host.push(frame, |y| self.push(y));
        }
        self.to_host = to_host;
    }

    fn push(&mut self, frame: [f32; CHANNELS]) {
        let cap = self.fifo[0].len();
        if self.fifo_len >= cap {
            return; // cannot happen with the sizes chosen in `new`; drop rather than overwrite
        }
        let at = (self.fifo_read + self.fifo_len) % cap;
        for (ch, v) in frame.into_iter().enumerate() {
            self.fifo[ch][at] = v;
        }
        self.fifo_len += 1;
    }

    fn pop(&mut self) -> [f32; CHANNELS] {
        if self.fifo_len == 0 {
            return [0.0; CHANNELS];
        }
        let cap = self.fifo[0].len();
        let at = self.fifo_read;
        self.fifo_read = (self.fifo_read + 1) % cap;
        self.fifo_len -= 1;
        std::array::from_fn(|ch| self.fifo[ch][at])
    }
}

/// The engine at any host rate from [`MIN_HOST_RATE`] to [`MAX_HOST_RATE`]: natively within
/// [`MIN_SAMPLE_RATE`]..=[`MAX_SAMPLE_RATE`], else at [`inner_rate`] behind a [`RateBridge`].
/// Telemetry times (mood times, event onsets) count samples of [`AnyRateProcessor::engine_rate`].
#[derive(Debug)]
pub struct AnyRateProcessor {
    engine: EngineProcessor,
    bridge: Option<Bridged>,
    host_rate: f64,
    engine_rate: f64,
}

/// The converter and its host-rate scratch (a right channel for a mono main bus, the
/// sidechain pair, the music pair), each `max_block` long.
#[derive(Debug)]
struct Bridged {
    bridge: RateBridge,
    max_block: usize,
    scratch: [Vec<f32>; 5],
}

impl AnyRateProcessor {
    /// Prepares `engine` for `host_rate` and host blocks of up to `max_block` (larger blocks
    /// are split), with the engine's own [`Engine::prepare`] where it runs natively. Allocates;
    /// main thread.
    ///
    /// # Errors
    /// [`EngineError::SampleRate`] for a rate outside [`MIN_HOST_RATE`]..=[`MAX_HOST_RATE`]
    /// (or not a number), and [`Engine::prepare`]'s errors.
    pub fn prepare(engine: &Engine, host_rate: f64, max_block: usize, layout: Layout) -> Result<(Self, EngineHandle), EngineError> {
        let inner = inner_rate(host_rate).ok_or(EngineError::SampleRate(host_rate))?;
        if inner == host_rate {
            let (engine, handle) = engine.prepare(host_rate, max_block, layout)?;
            return Ok((Self { engine, bridge: None, host_rate, engine_rate: host_rate }, handle));
        }
        if max_block == 0 || max_block > MAX_BLOCK_LIMIT {
            return Err(EngineError::MaxBlock(max_block));
        }
        if !(1..=2).contains(&layout.main_channels) {
            return Err(EngineError::Channels(layout.main_channels));
        }
        let (bridge, inner_block) = RateBridge::new(host_rate, inner, max_block);
        let (engine, handle) = engine.prepare(inner, inner_block, Layout { main_channels: 2, ..layout })?;
        let bridge = Bridged { bridge, max_block, scratch: std::array::from_fn(|_| vec![0.0; max_block]) };
        Ok((Self { engine, bridge: Some(bridge), host_rate, engine_rate: inner }, handle))
    }

    /// The host rate this processor was prepared for.
    pub fn host_rate(&self) -> f64 {
        self.host_rate
    }

    /// The rate the engine runs at: the host rate, or the inner rate behind the converter.
    /// Telemetry sample times count samples of this rate.
    pub fn engine_rate(&self) -> f64 {
        self.engine_rate
    }

    /// Latency the conversion adds, in host samples (0 at a native rate).
    pub fn latency(&self) -> u32 {
        self.bridge.as_ref().map_or(0, |b| b.bridge.latency())
    }

    /// Back to the state right after `prepare()` (engine and converter).
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn reset(&mut self) {
        self.engine.reset();
        if let Some(b) = &mut self.bridge {
            b.bridge.reset();
        }
    }

    /// Processes one host-rate block in place, as [`EngineProcessor::process`] does (`main`
    /// 1 or 2 channels of equal length, any length; `sidechain` 1 or 2 channels, shorter ones
    /// count as silence), without the music-only output.
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation, locks, logging or I/O; never panics on any input values.
    pub fn process(&mut self, main: &mut [&mut [f32]], sidechain: Option<&[&[f32]]>) -> ProcessStatus {
        let Some(b) = &mut self.bridge else {
            return self.engine.process(main, sidechain, None);
        };
        let n_total = main.first().map_or(0, |c| c.len());
        if main.is_empty() || main.len() > 2 || main.iter().any(|c| c.len() != n_total) {
            for ch in main.iter_mut() {
                ch.fill(0.0);
            }
            return ProcessStatus::Error(if main.is_empty() || main.len() > 2 {
                "the main bus must have 1 or 2 channels"
            } else {
                "the main bus channels differ in length"
            });
        }
        let mut worst = ProcessStatus::Ok;
        let mut off = 0;
        while off < n_total {
            let n = (n_total - off).min(b.max_block);
            let [right, sl, sr, ml, mr] = &mut b.scratch;
            let connected = sidechain.is_some_and(|s| !s.is_empty());
            for (ch, dst) in [&mut *sl, &mut *sr].into_iter().enumerate() {
                let dst = &mut dst[..n];
                let src = sidechain.and_then(|s| s.get(ch.min(s.len().saturating_sub(1))));
                let have = src.map_or(0, |c| c.len().saturating_sub(off).min(n));
                if let Some(c) = src {
                    dst[..have].copy_from_slice(&c[off..off + have]);
                }
                dst[have..].fill(0.0);
            }
            let (first, rest) = main.split_at_mut(1);
            let l = &mut first[0][off..off + n];
            let r: &mut [f32] = if let Some(r) = rest.first_mut() {
                &mut r[off..off + n]
            } else {
                right[..n].copy_from_slice(l);
                &mut right[..n]
            };
            let status = b.bridge.process(&mut self.engine, [l, r], ([&sl[..n], &sr[..n]], connected), [&mut ml[..n], &mut mr[..n]]);
            worst = match (worst, status) {
                (ProcessStatus::Error(e), _) | (_, ProcessStatus::Error(e)) => ProcessStatus::Error(e),
                (ProcessStatus::Ok, ProcessStatus::Ok) => ProcessStatus::Ok,
                _ => ProcessStatus::Sanitized,
            };
            off += n;
        }
        worst
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inner_rate_is_the_nearest_supported_rate() {
        assert_eq!(inner_rate(48_000.0), Some(48_000.0));
        assert_eq!(inner_rate(1_000.0), Some(MIN_SAMPLE_RATE));
        assert_eq!(inner_rate(768_000.0), Some(MAX_SAMPLE_RATE));
        assert_eq!(inner_rate(999.0), None);
        assert_eq!(inner_rate(f64::NAN), None);
    }

    #[test]
    fn converters_keep_time() {
        for (from, to) in [(1_000.0, 22_050.0), (768_000.0, 192_000.0), (1234.5678, 22_050.0), (22_050.0, 1234.5678)] {
            let mut c = Converter::new(from, to);
            let mut out = 0usize;
            let n = (from * 2.0) as usize;
            for _ in 0..n {
                c.push([0.0; CHANNELS], |_| out += 1);
            }
            // Inputs at times 0..n-1 (input samples); outputs every `from / to` from time 0.
            let expected = ((n - 1) as f64 * to / from).floor() + 1.0;
            assert!((out as f64 - expected).abs() <= 2.0, "{from} -> {to}: {out} frames for {expected}");
        }
    }
}
