//! The audio-thread half of a prepared engine: [`EngineProcessor`]. Its `process()` drains the
//! command queue, then walks the host's block in chunks that end on control-period boundaries
//! of the absolute sample clock (so the output does not depend on the host's block size). Each
//! chunk reads and sanitises the inputs, updates the music's target mood on a boundary, runs
//! the crowd analysis, the fingerprint hasher and the synth, applies the copyright guard's
//! programme gain (`guard.rs`) and hands over to the output stage (`output.rs`).
//!
//! `EngineProcessor` is `Send` but not `Sync` (asserted at compile time below): it moves to the
//! audio thread once, and exactly one thread calls it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rtrb::{Consumer, Producer};

use super::config::{CONTROL_PERIOD, Layout};
use super::output::dry_wet_gains;
use crate::analysis::CrowdAnalyzer;
use crate::dsp::ftz::ScopedFtz;
use crate::dsp::limiter::SafetyLimiter;
use crate::dsp::{Smoother, db_to_lin, peak, sanitize};
use crate::error::ProcessStatus;
use crate::fingerprint::Hasher;
use crate::params::{ParamId, ParamValues};
use crate::synth::{Profile, Synth};
use crate::types::{Command, Landmark, Meters, MoodSource, MoodTarget, Quantize, Telemetry};

/// Audio-thread half. `Send` but not `Sync`: exactly one thread calls it at a time.
#[derive(Debug)]
pub struct EngineProcessor {
    pub(super) sample_rate: f32,
    pub(super) max_block: usize,
    pub(super) layout: Layout,
    pub(super) params: ParamValues,
    // scratch, all `max_block` long
    pub(super) in_l: Vec<f32>,
    pub(super) in_r: Vec<f32>,
    pub(super) crowd: Vec<f32>,
    pub(super) prog: Vec<f32>,
    pub(super) music_l: Vec<f32>,
    pub(super) music_r: Vec<f32>,
    pub(super) analysis: CrowdAnalyzer,
    pub(super) hasher: Hasher,
    pub(super) synth: Synth,
    pub(super) limiter: SafetyLimiter,
    pub(super) music_gain: Smoother,
    pub(super) dry_gain: Smoother,
    pub(super) wet_gain: Smoother,
    pub(super) bypass: Smoother,
    pub(super) duck_env: f32,
    pub(super) duck_attack: f32,
    pub(super) duck_release: f32,
    pub(super) duck_min_gain: f32,
    pub(super) guard: super::guard::ProgrammeGuard,
    pub(super) commands: Consumer<Command>,
    pub(super) telemetry: Producer<Telemetry>,
    pub(super) landmarks: Producer<Landmark>,
    /// Analysis frames the hasher has completed: the landmark stream's clock (advances
    /// through silence, when no landmarks are emitted).
    pub(super) hashed_frames: Arc<AtomicU64>,
    pub(super) meters: triple_buffer::Input<Meters>,
    pub(super) telemetry_mood: MoodTarget,
    pub(super) mood_override: Option<MoodTarget>,
    pub(super) target: MoodTarget,
    pub(super) time: u64,
    pub(super) sanitized: u64,
    pub(super) dropped_telemetry: u64,
    pub(super) dropped_landmarks: u64,
    /// The music deck (a whole track streamed in as the music bed), mixed into the music bus.
    pub(super) deck: super::deck::DeckPlayer,
}

// Compile-time proof that the processor can move to the audio thread.
const _: fn() = || {
    fn assert_send<T: Send>() {}
    assert_send::<EngineProcessor>();
};

// Compile-time proof that the processor is NOT `Sync` (its queue ends are single-consumer /
// single-producer, so two threads must never share a `&EngineProcessor`). The trick of
// `static_assertions::assert_not_impl_any!`: `AmbiguousIfSync<_>` has one impl for every type
// and a second one for `Sync` types only. For a type that is not `Sync` the only candidate is
// `AmbiguousIfSync<()>` and `<T as AmbiguousIfSync<_>>::some_item` resolves; if the processor
// ever became `Sync`, both impls would apply, the `_` could not be inferred, and this would
// fail to compile.
const _: fn() = || {
    trait AmbiguousIfSync<A> {
        fn some_item() {}
    }
    impl<T: ?Sized> AmbiguousIfSync<()> for T {}
    #[allow(dead_code)]
    struct Invalid;
    impl<T: ?Sized + Sync> AmbiguousIfSync<Invalid> for T {}
    let _ = <EngineProcessor as AmbiguousIfSync<_>>::some_item;
};

impl EngineProcessor {
    /// Sample rate the processor was prepared for.
    ///
    /// # Realtime safety
    /// Real-time safe: reads a field; no allocation, locks, logging, I/O or panic.
    pub fn sample_rate(&self) -> f32 {
        self.sample_rate
    }

    /// Largest chunk processed at once (the `max_block` given to `prepare()`); larger host
    /// blocks are split.
    ///
    /// # Realtime safety
    /// Real-time safe: reads a field; no allocation, locks, logging, I/O or panic.
    pub fn max_block(&self) -> usize {
        self.max_block
    }

    /// Bus layout the processor was prepared for.
    ///
    /// # Realtime safety
    /// Real-time safe: reads a field; no allocation, locks, logging, I/O or panic.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// Samples processed since the last reset.
    ///
    /// # Realtime safety
    /// Real-time safe: reads a field; no allocation, locks, logging, I/O or panic.
    pub fn time(&self) -> u64 {
        self.time
    }

    /// Latency the engine adds to the main path, in samples (reported to hosts): none. The
    /// programme passes through undelayed, and the music is generated here, not processed, so
    /// a host's delay compensation has nothing to align: reporting the music bus's look-ahead
    /// would make the host delay every other track against an undelayed programme. The music
    /// bus's own delay is [`EngineProcessor::music_latency`].
    ///
    /// # Realtime safety
    /// Real-time safe: returns a constant; no allocation, locks, logging, I/O or panic.
    pub fn latency(&self) -> u32 {
        0
    }

    /// Delay of the generated music through its true-peak limiter's look-ahead, in samples
    /// (1.5 ms + 10 samples; 82 at 48 kHz). Stinger and transition times in [`Telemetry`] are
    /// already in output samples, i.e. include it.
    ///
    /// # Realtime safety
    /// Real-time safe: reads a field; no allocation, locks, logging, I/O or panic (a latency
    /// beyond `u32` saturates).
    pub fn music_latency(&self) -> u32 {
        u32::try_from(self.synth.latency()).unwrap_or(u32::MAX)
    }

    /// Current plain value of a parameter.
    ///
    /// # Realtime safety
    /// Real-time safe: reads a field; no allocation, locks, logging, I/O or panic.
    pub fn param(&self, id: ParamId) -> f32 {
        self.params.get(id)
    }

    /// Returns to the state right after `prepare()`: clears every filter, voice, detector and
    /// clock, and jumps smoothed parameters to their current values. Queued commands stay
    /// queued. Processing the same input after `reset()` gives bit-identical output.
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation, locks, logging or I/O, and no panic; it clears buffers
    /// allocated by `prepare()` in place. It cannot fail, so there is no status to handle.
    pub fn reset(&mut self) {
        self.analysis.reset();
        self.hasher.reset();
        self.hashed_frames.store(0, Ordering::Relaxed);
        self.synth.reset();
        self.limiter.reset();
        self.time = 0;
        self.duck_env = 0.0;
        self.duck_min_gain = 1.0;
        self.guard.reset();
        self.target = MoodTarget::default();
        self.telemetry_mood = MoodTarget::default();
        self.mood_override = None;
        self.sanitized = 0;
        self.deck.reset();
        let params = self.params;
        for id in ParamId::ALL {
            self.apply_param(id, params.get(id), true);
        }
    }

    /// Sets a parameter from the audio thread (e.g. a host automation event). Values are
    /// clamped to range; NaN leaves the default.
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation, locks, logging or I/O, and no panic on any value. It
    /// cannot fail, so there is no status to handle: an out-of-range value is clamped, NaN
    /// leaves the default. A style change it causes is announced as telemetry; when that
    /// queue is full the item is dropped and counted in [`Meters::dropped_telemetry`].
    pub fn set_param(&mut self, id: ParamId, value: f32) {
        self.apply_param(id, value, false);
    }

    fn apply_param(&mut self, id: ParamId, value: f32, jump: bool) {
        let v = id.info().clamp(value);
        self.params.set(id, v);
        let set = |s: &mut Smoother, x: f32| if jump { s.reset_to(x) } else { s.set_target(x) };
        match id {
            ParamId::MusicLevel => set(&mut self.music_gain, if v <= -60.0 { 0.0 } else { db_to_lin(v) }),
            ParamId::DryWet => {
                let (d, w) = dry_wet_gains(v);
                set(&mut self.dry_gain, d);
                set(&mut self.wet_gain, w);
            }
            ParamId::Bypass => set(&mut self.bypass, v),
            ParamId::Sensitivity => self.analysis.set_sensitivity(v),
            ParamId::LoudnessProfile => {
                self.synth.set_profile(if v >= 0.5 { Profile::Streaming } else { Profile::Broadcast });
            }
            ParamId::Style => {
                let mut sink = |t| push_telemetry(&mut self.telemetry, &mut self.dropped_telemetry, t);
                self.synth.set_style(v as u16, if jump { Quantize::Immediate } else { Quantize::Bar }, &mut sink);
            }
            _ => {}
        }
    }

    fn drain_commands(&mut self) {
        while let Ok(cmd) = self.commands.pop() {
            match cmd {
                Command::SetParam { id, value } => self.set_param(id, value),
                Command::TelemetryMood(t) => self.telemetry_mood = t.sanitized(),
                Command::MoodOverride(t) => self.mood_override = Some(t.sanitized()),
                Command::ClearMoodOverride => self.mood_override = None,
                Command::Cue(cue) => {
                    let mut sink = |t| push_telemetry(&mut self.telemetry, &mut self.dropped_telemetry, t);
                    self.synth.cue(cue, &mut sink);
                }
                Command::SetStyle { index, quantize } => {
                    if usize::from(index) < self.synth.style_count() {
                        self.params.set(ParamId::Style, f32::from(index));
                        let mut sink = |t| push_telemetry(&mut self.telemetry, &mut self.dropped_telemetry, t);
                        self.synth.set_style(index, quantize, &mut sink);
                    }
                }
                Command::Guard { gain_db, fade_ms, lease_ms } => self.guard.command(gain_db, fade_ms, lease_ms),
            }
        }
    }

    /// The mood the music follows now, from the mood source, an override, or the hold switch.
    fn update_target(&mut self) {
        if self.params.get(ParamId::HoldMood) >= 0.5 {
            return;
        }
        let intensity = self.params.get(ParamId::Intensity);
        let source = match self.params.get(ParamId::MoodSource) as u8 {
            1 => MoodSource::Telemetry,
            2 => MoodSource::Manual,
            _ => MoodSource::Analysis,
        };
        self.target = if let Some(o) = self.mood_override {
            o
        } else {
            match source {
                MoodSource::Telemetry => self.telemetry_mood,
                MoodSource::Manual => MoodTarget {
                    valence: self.params.get(ParamId::ManualValence),
                    arousal: self.params.get(ParamId::ManualArousal),
                    intensity,
                },
                _ => {
                    let m = self.analysis.mood();
                    MoodTarget { valence: m.valence, arousal: m.arousal, intensity }
                }
            }
        }
        .sanitized();
    }

    /// Processes one block in place.
    ///
    /// `main` holds the main input on entry and the output on return (1 or 2 channels, all the
    /// same length; any length, larger blocks than `max_block` are split internally).
    /// `sidechain` is the crowd microphone (1 or 2 channels; shorter channels count as silence).
    /// `music_out`, if given, receives the music alone.
    ///
    /// Returns [`ProcessStatus::Sanitized`] when the input contained NaN/Inf (replaced by
    /// silence), and [`ProcessStatus::Error`] when `main` has 0 or more than 2 channels or
    /// channels of different lengths; the engine then writes silence to every output and the
    /// caller outputs that silence.
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation, locks, logging or I/O; sets flush-to-zero for its
    /// duration. Never panics on any input values. Commands are drained without waiting, and
    /// telemetry or landmarks that find their queue full are dropped and counted in
    /// [`Meters`], never waited for. On [`ProcessStatus::Error`] the caller outputs the
    /// silence the engine wrote (and reports the status off the audio thread, once); on
    /// [`ProcessStatus::Sanitized`] the output is valid and the caller carries on.
    pub fn process(
        &mut self,
        main: &mut [&mut [f32]],
        sidechain: Option<&[&[f32]]>,
        mut music_out: Option<&mut [&mut [f32]]>,
    ) -> ProcessStatus {
        let _ftz = ScopedFtz::enable();
        let n_total = main.first().map_or(0, |c| c.len());
        if main.is_empty() || main.len() > 2 || main.iter().any(|c| c.len() != n_total) {
            for ch in main.iter_mut() {
                ch.fill(0.0);
            }
            if let Some(m) = music_out.as_deref_mut() {
                for ch in m.iter_mut() {
                    ch.fill(0.0);
                }
            }
            return ProcessStatus::Error(if main.is_empty() || main.len() > 2 {
                "the main bus must have 1 or 2 channels"
            } else {
                "the main bus channels differ in length"
            });
        }
        self.drain_commands();
        let sanitized_before = self.sanitized;
        let mut in_peak = 0.0f32;
        let mut out_peak = 0.0f32;
        self.duck_min_gain = 1.0;
        let mut offset = 0;
        while offset < n_total {
            // Chunks end on control-period boundaries of the absolute clock (block-size invariance).
            let to_boundary = (CONTROL_PERIOD - self.time % CONTROL_PERIOD) as usize;
            let n = (n_total - offset).min(self.max_block).min(to_boundary);
            let (ip, op) = self.process_chunk(main, sidechain, music_out.as_deref_mut(), offset, n);
            in_peak = in_peak.max(ip);
            out_peak = out_peak.max(op);
            offset += n;
        }
        self.hashed_frames.store(self.hasher.frames(), Ordering::Relaxed);
        self.publish_meters(in_peak, out_peak);
        if self.sanitized > sanitized_before { ProcessStatus::Sanitized } else { ProcessStatus::Ok }
    }

    /// One chunk of `n` samples at `off`, within one control period: inputs, target mood,
    /// analysis and music, then the output stage. Returns the input and output peaks.
    fn process_chunk(
        &mut self,
        main: &mut [&mut [f32]],
        sidechain: Option<&[&[f32]]>,
        music_out: Option<&mut [&mut [f32]]>,
        off: usize,
        n: usize,
    ) -> (f32, f32) {
        let (in_peak, crowd_on_sidechain) = self.read_inputs(main, sidechain, off, n);
        if self.time.is_multiple_of(CONTROL_PERIOD) {
            // Target from everything analysed before this boundary, whatever the block size.
            self.update_target();
            self.synth.set_target(self.target);
        }
        self.analyse_and_generate(n);
        // The copyright guard lowers the programme only after the hasher and the analysis
        // heard it (a duck must not make the recogniser report "ended").
        self.guard.apply(&mut self.in_l[..n], &mut self.in_r[..n], &mut self.prog[..n]);
        self.guard.advance(n);

        // Ducking follows the programme only when the crowd arrives on the sidechain (then the
        // main bus is commentary/programme); without a sidechain the main input is the crowd.
        let duck_depth = if crowd_on_sidechain { self.params.get(ParamId::Ducking) } else { 0.0 };
        let out_peak = self.mix_output(main, music_out, off, n, duck_depth);
        self.time += n as u64;
        (in_peak, out_peak)
    }

    /// The input stage: copies the chunk's main input into `in_l`/`in_r` (mono duplicated),
    /// the programme mid into `prog` and the crowd (the sidechain's mean, or the programme when
    /// there is no sidechain) into `crowd`, replacing non-finite samples by silence and
    /// counting them. Returns the input peak and whether the crowd came from the sidechain.
    fn read_inputs(&mut self, main: &[&mut [f32]], sidechain: Option<&[&[f32]]>, off: usize, n: usize) -> (f32, bool) {
        let stereo = main.len() == 2;
        self.in_l[..n].copy_from_slice(&main[0][off..off + n]);
        if stereo {
            self.in_r[..n].copy_from_slice(&main[1][off..off + n]);
        }
        let mut bad = sanitize(&mut self.in_l[..n]);
        if stereo {
            bad += sanitize(&mut self.in_r[..n]);
        } else {
            let (l, r) = (&self.in_l[..n], &mut self.in_r[..n]);
            r.copy_from_slice(l);
        }
        for i in 0..n {
            self.prog[i] = 0.5 * (self.in_l[i] + self.in_r[i]);
        }
        let sc = sidechain.filter(|s| !s.is_empty());
        match sc {
            Some(chans) => {
                let scale = 1.0 / chans.len() as f32;
                for (i, c) in self.crowd[..n].iter_mut().enumerate() {
                    let mut acc = 0.0;
                    for ch in chans {
                        acc += ch.get(off + i).copied().unwrap_or(0.0);
                    }
                    *c = acc * scale;
                }
                bad += sanitize(&mut self.crowd[..n]);
            }
            None => self.crowd[..n].copy_from_slice(&self.prog[..n]),
        }
        self.sanitized += u64::from(bad);
        let in_peak = peak(&self.in_l[..n]).max(peak(&self.in_r[..n]));
        (in_peak, sc.is_some())
    }

    /// The analysis and music stage: the crowd analysis (telemetry out), the fingerprint
    /// hasher on the programme when recognition is on (landmarks out), and the synth into
    /// `music_l`/`music_r`.
    fn analyse_and_generate(&mut self, n: usize) {
        {
            let mut sink = |t| push_telemetry(&mut self.telemetry, &mut self.dropped_telemetry, t);
            self.analysis.process(&self.crowd[..n], &mut sink);
        }
        if self.params.get(ParamId::Recognition) >= 0.5 {
            let mut sink = |l| {
                if self.landmarks.push(l).is_err() {
                    self.dropped_landmarks += 1;
                }
            };
            self.hasher.process(&self.prog[..n], &mut sink);
        }
        // where the generated music is, before this block moves it (the deck's quantised plays)
        let clock = super::deck::DeckClock {
            now: self.synth.time(),
            next_beat: self.synth.next_beat_at(),
            next_bar: self.synth.next_bar_at(),
            next_phrase: self.synth.next_phrase_at(),
            latency: self.synth.latency() as u64,
        };
        {
            let mut sink = |t| push_telemetry(&mut self.telemetry, &mut self.dropped_telemetry, t);
            self.synth.process(&mut self.music_l[..n], &mut self.music_r[..n], &mut sink);
        }
        self.deck.render(&mut self.music_l[..n], &mut self.music_r[..n], &clock);
    }
}

/// Pushes telemetry, counting (never blocking on) a full queue.
#[inline]
fn push_telemetry(queue: &mut Producer<Telemetry>, dropped: &mut u64, item: Telemetry) {
    if queue.push(item).is_err() {
        *dropped += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Engine, EngineConfig};
    use super::*;

    #[test]
    fn bad_bus_shapes_give_error_and_silence() {
        let (mut p, _h) = Engine::new(EngineConfig::default()).prepare(48_000.0, 64, Layout::STEREO).unwrap();
        let mut a = vec![0.5; 32];
        let mut b = vec![0.5; 16];
        let status = p.process(&mut [&mut a, &mut b], None, None);
        assert!(matches!(status, ProcessStatus::Error(_)));
        assert!(a.iter().chain(&b).all(|&x| x == 0.0));
    }
}
