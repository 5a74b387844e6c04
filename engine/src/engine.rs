//! The engine: a main-thread [`Engine`] (configuration, cheap), and what `prepare()` builds
//! from it: an audio-thread [`EngineProcessor`] and a main-thread [`EngineHandle`], joined by
//! bounded lock-free queues and a triple buffer.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rtrb::{Consumer, Producer, RingBuffer};

use crate::analysis::CrowdAnalyzer;
use crate::dsp::ftz::ScopedFtz;
use crate::dsp::limiter::SafetyLimiter;
use crate::dsp::{Smoother, db_to_lin, lin_to_db, peak, sanitize};
use crate::error::{EngineError, ProcessStatus};
use crate::fingerprint::Hasher;
use crate::params::{ParamId, ParamValues};
use crate::preset::Preset;
use crate::synth::{Profile, Style, Synth};
use crate::types::{Command, Landmark, Meters, MoodSource, MoodTarget, Quantize, Telemetry};

/// Lowest supported sample rate.
pub const MIN_SAMPLE_RATE: f64 = 22_050.0;
/// Highest supported sample rate.
pub const MAX_SAMPLE_RATE: f64 = 192_000.0;
/// Largest `max_block` accepted by `prepare()`. Larger host blocks are still fine: `process()`
/// splits them internally.
pub const MAX_BLOCK_LIMIT: usize = 65_536;
/// Control period in samples: the music's target mood is updated at absolute sample times that
/// are multiples of this, so the output does not depend on where the host's blocks fall.
pub const CONTROL_PERIOD: u64 = 32;
/// Ceiling of the output safety limiter.
pub const OUTPUT_CEILING_DB: f32 = -1.0;

/// The channel layout of the engine's buses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Main input/output channels: 1 or 2. The main bus carries the programme (or, with no
    /// sidechain, the crowd microphone) in, and programme + music out.
    pub main_channels: usize,
    /// Whether a stereo sidechain (the crowd microphone) is connected.
    pub sidechain: bool,
    /// Whether a separate stereo music-only output is wanted.
    pub music_out: bool,
}

impl Layout {
    pub const STEREO: Layout = Layout { main_channels: 2, sidechain: false, music_out: false };
    pub const MONO: Layout = Layout { main_channels: 1, sidechain: false, music_out: false };
    pub const STEREO_SIDECHAIN: Layout = Layout { main_channels: 2, sidechain: true, music_out: false };
}

/// Everything the engine is built from. Plain data; cloning it is cheap enough for the main
/// thread.
#[derive(Clone, Debug)]
pub struct EngineConfig {
    /// Style table: the `style` parameter indexes it. Never empty after [`Engine::new`].
    pub styles: Vec<(String, Style)>,
    /// Initial parameter values.
    pub params: ParamValues,
    /// Seed of every random choice the music makes: same seed + same input = same output.
    pub seed: u64,
    /// Capacity of the command queue (main -> audio).
    pub command_capacity: usize,
    /// Capacity of the telemetry queue (audio -> main).
    pub telemetry_capacity: usize,
    /// Capacity of the landmark queue (audio -> matcher).
    pub landmark_capacity: usize,
}

impl Default for EngineConfig {
    fn default() -> Self {
        let styles = crate::preset::factory_styles();
        Self {
            styles,
            params: ParamValues::default(),
            seed: 0x5eed,
            command_capacity: 1024,
            telemetry_capacity: 4096,
            landmark_capacity: 1 << 16,
        }
    }
}

impl EngineConfig {
    /// The factory configuration with `preset`'s parameters applied and its style selected.
    pub fn with_preset(preset: &Preset) -> Self {
        let mut c = Self { params: preset.params, ..Self::default() };
        let index = if let Some(i) = c.styles.iter().position(|(n, _)| *n == preset.name) {
            i
        } else {
            c.styles.push((preset.name.clone(), preset.style.clone()));
            c.styles.len() - 1
        };
        c.params.set(ParamId::Style, index as f32);
        c
    }

    /// Index of a style by name.
    pub fn style_index(&self, name: &str) -> Option<usize> {
        self.styles.iter().position(|(n, _)| n == name)
    }
}

/// Main-thread engine: holds the configuration. Construction is cheap and allocates nothing
/// beyond the configuration itself.
#[derive(Debug)]
pub struct Engine {
    config: EngineConfig,
}

/// Audio-thread half. `Send` but not `Sync`: exactly one thread calls it at a time.
#[derive(Debug)]
pub struct EngineProcessor {
    sample_rate: f32,
    max_block: usize,
    layout: Layout,
    params: ParamValues,
    // scratch, all `max_block` long
    in_l: Vec<f32>,
    in_r: Vec<f32>,
    crowd: Vec<f32>,
    prog: Vec<f32>,
    music_l: Vec<f32>,
    music_r: Vec<f32>,
    analysis: CrowdAnalyzer,
    hasher: Hasher,
    synth: Synth,
    limiter: SafetyLimiter,
    music_gain: Smoother,
    dry_gain: Smoother,
    wet_gain: Smoother,
    bypass: Smoother,
    duck_env: f32,
    duck_attack: f32,
    duck_release: f32,
    duck_min_gain: f32,
    commands: Consumer<Command>,
    telemetry: Producer<Telemetry>,
    landmarks: Producer<Landmark>,
    /// Analysis frames the hasher has completed: the landmark stream's clock (advances
    /// through silence, when no landmarks are emitted).
    hashed_frames: Arc<AtomicU64>,
    meters: triple_buffer::Input<Meters>,
    telemetry_mood: MoodTarget,
    mood_override: Option<MoodTarget>,
    target: MoodTarget,
    time: u64,
    sanitized: u64,
    dropped_telemetry: u64,
    dropped_landmarks: u64,
}

/// Sends commands to the audio thread.
#[derive(Debug)]
pub struct CommandSender {
    queue: Producer<Command>,
}

/// Receives telemetry from the audio thread.
#[derive(Debug)]
pub struct TelemetryReceiver {
    queue: Consumer<Telemetry>,
}

/// Receives fingerprint landmarks from the audio thread (for the matcher thread).
#[derive(Debug)]
pub struct LandmarkReceiver {
    queue: Consumer<Landmark>,
    hashed_frames: Arc<AtomicU64>,
}

/// Reads the latest [`Meters`] published by the audio thread.
#[derive(Debug)]
pub struct MetersReader {
    buffer: triple_buffer::Output<Meters>,
}

/// Main-thread half: every way to talk to a running [`EngineProcessor`]. The fields can be
/// moved to different threads (e.g. landmarks to the matcher, telemetry to the OSC sender).
#[derive(Debug)]
pub struct EngineHandle {
    pub commands: CommandSender,
    pub telemetry: TelemetryReceiver,
    pub landmarks: LandmarkReceiver,
    pub meters: MetersReader,
    /// Sample rate the processor was prepared for.
    pub sample_rate: f64,
    /// Names of the styles, in `style` parameter order.
    pub styles: Vec<String>,
}

impl CommandSender {
    /// Queues a command without blocking.
    ///
    /// # Errors
    /// [`EngineError::QueueFull`] when the audio thread has not drained the queue (it is not
    /// running or is stalled). Nothing is queued; retry later or drop the command.
    pub fn send(&mut self, command: Command) -> Result<(), EngineError> {
        self.queue.push(command).map_err(|_| EngineError::QueueFull { capacity: self.queue.buffer().capacity() })
    }
}

impl TelemetryReceiver {
    /// Takes the oldest telemetry item, if any.
    pub fn pop(&mut self) -> Option<Telemetry> {
        self.queue.pop().ok()
    }

    /// Takes every item queued now.
    pub fn drain(&mut self) -> impl Iterator<Item = Telemetry> + '_ {
        std::iter::from_fn(move || self.queue.pop().ok())
    }
}

impl LandmarkReceiver {
    pub fn pop(&mut self) -> Option<Landmark> {
        self.queue.pop().ok()
    }

    /// Analysis frames the audio thread's hasher has completed since its last reset: the
    /// stream clock of the landmarks (it advances through silence too). Landmarks of anchor
    /// frame `f` are emitted once this reaches `f + `[`crate::fingerprint::hasher::EMIT_DELAY_FRAMES`].
    pub fn frames_hashed(&self) -> u64 {
        self.hashed_frames.load(Ordering::Relaxed)
    }

    /// A receiver connected to nothing (it never yields a landmark): a placeholder for a
    /// handle whose receiver was moved to a matcher thread.
    pub fn disconnected() -> Self {
        Self { queue: RingBuffer::new(1).1, hashed_frames: Arc::new(AtomicU64::new(0)) }
    }

    /// Number of landmarks waiting.
    pub fn len(&self) -> usize {
        self.queue.slots()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
}

impl MetersReader {
    /// The most recently published meters.
    pub fn read(&mut self) -> Meters {
        *self.buffer.read()
    }
}

impl Engine {
    /// Cheap: stores the configuration. A configuration with no styles gets the default style.
    pub fn new(mut config: EngineConfig) -> Self {
        if config.styles.is_empty() {
            config.styles.push(("default".to_string(), Style::default()));
        }
        Self { config }
    }

    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// Builds a processor and its handle for the given rate, maximum block size and layout.
    /// This is the only place the engine allocates; call it off the audio thread (a plugin's
    /// `activate`, a host's stream set-up).
    ///
    /// # Errors
    /// [`EngineError::SampleRate`] outside 22.05–192 kHz, [`EngineError::MaxBlock`] for 0 or
    /// more than [`MAX_BLOCK_LIMIT`], [`EngineError::Channels`] for other than 1 or 2 main
    /// channels.
    pub fn prepare(&self, sample_rate: f64, max_block: usize, layout: Layout) -> Result<(EngineProcessor, EngineHandle), EngineError> {
        if !(MIN_SAMPLE_RATE..=MAX_SAMPLE_RATE).contains(&sample_rate) || !sample_rate.is_finite() {
            return Err(EngineError::SampleRate(sample_rate));
        }
        if max_block == 0 || max_block > MAX_BLOCK_LIMIT {
            return Err(EngineError::MaxBlock(max_block));
        }
        if !(1..=2).contains(&layout.main_channels) {
            return Err(EngineError::Channels(layout.main_channels));
        }
        let c = &self.config;
        let sr = sample_rate as f32;
        let (cmd_tx, cmd_rx) = RingBuffer::new(c.command_capacity.max(16));
        let (tel_tx, tel_rx) = RingBuffer::new(c.telemetry_capacity.max(64));
        let (lm_tx, lm_rx) = RingBuffer::new(c.landmark_capacity.max(256));
        let (meters_in, meters_out) = triple_buffer::TripleBuffer::new(&Meters::default()).split();
        let hashed_frames = Arc::new(AtomicU64::new(0));
        let styles: Vec<Style> = c.styles.iter().map(|(_, s)| s.clone()).collect();
        let params = c.params;
        let mut processor = EngineProcessor {
            sample_rate: sr,
            max_block,
            layout,
            params,
            in_l: vec![0.0; max_block],
            in_r: vec![0.0; max_block],
            crowd: vec![0.0; max_block],
            prog: vec![0.0; max_block],
            music_l: vec![0.0; max_block],
            music_r: vec![0.0; max_block],
            analysis: CrowdAnalyzer::new(sr),
            hasher: Hasher::new(sr),
            synth: Synth::new(sr, max_block, &styles, c.seed),
            limiter: SafetyLimiter::new(OUTPUT_CEILING_DB, 0.08, sr),
            music_gain: Smoother::new(0.0, 0.02, sr),
            dry_gain: Smoother::new(1.0, 0.02, sr),
            wet_gain: Smoother::new(1.0, 0.02, sr),
            bypass: Smoother::new(0.0, 0.01, sr),
            duck_env: 0.0,
            duck_attack: 1.0 - (-1.0 / (0.005 * sr)).exp(),
            duck_release: 1.0 - (-1.0 / (0.300 * sr)).exp(),
            duck_min_gain: 1.0,
            commands: cmd_rx,
            telemetry: tel_tx,
            landmarks: lm_tx,
            hashed_frames: Arc::clone(&hashed_frames),
            meters: meters_in,
            telemetry_mood: MoodTarget::default(),
            mood_override: None,
            target: MoodTarget::default(),
            time: 0,
            sanitized: 0,
            dropped_telemetry: 0,
            dropped_landmarks: 0,
        };
        processor.reset();
        let handle = EngineHandle {
            commands: CommandSender { queue: cmd_tx },
            telemetry: TelemetryReceiver { queue: tel_rx },
            landmarks: LandmarkReceiver { queue: lm_rx, hashed_frames },
            meters: MetersReader { buffer: meters_out },
            sample_rate,
            styles: c.styles.iter().map(|(n, _)| n.clone()).collect(),
        };
        Ok((processor, handle))
    }
}

/// Dry and wet gains for a dry/wet value: both at unity in the middle (0.5), dry only at 0,
/// music only at 1.
fn dry_wet_gains(dw: f32) -> (f32, f32) {
    ((2.0 * (1.0 - dw)).min(1.0), (2.0 * dw).min(1.0))
}

impl EngineProcessor {
    pub fn sample_rate(&self) -> f32 {
        self.sample_rate
    }

    pub fn max_block(&self) -> usize {
        self.max_block
    }

    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// Samples processed since the last reset.
    pub fn time(&self) -> u64 {
        self.time
    }

    /// Latency the engine adds to the main path, in samples (reported to hosts): none. The
    /// programme passes through undelayed, and the music is generated here, not processed, so
    /// a host's delay compensation has nothing to align: reporting the music bus's look-ahead
    /// would make the host delay every other track against an undelayed programme. The music
    /// bus's own delay is [`EngineProcessor::music_latency`].
    pub fn latency(&self) -> u32 {
        0
    }

    /// Delay of the generated music through its true-peak limiter's look-ahead, in samples
    /// (1.5 ms + 10 samples; 82 at 48 kHz). Stinger and transition times in [`Telemetry`] are
    /// already in output samples, i.e. include it.
    pub fn music_latency(&self) -> u32 {
        u32::try_from(self.synth.latency()).unwrap_or(u32::MAX)
    }

    /// Current plain value of a parameter.
    pub fn param(&self, id: ParamId) -> f32 {
        self.params.get(id)
    }

    /// Returns to the state right after `prepare()`: clears every filter, voice, detector and
    /// clock, and jumps smoothed parameters to their current values. Queued commands stay
    /// queued. Processing the same input after `reset()` gives bit-identical output.
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation, locks or I/O.
    pub fn reset(&mut self) {
        self.analysis.reset();
        self.hasher.reset();
        self.hashed_frames.store(0, Ordering::Relaxed);
        self.synth.reset();
        self.limiter.reset();
        self.time = 0;
        self.duck_env = 0.0;
        self.duck_min_gain = 1.0;
        self.target = MoodTarget::default();
        self.telemetry_mood = MoodTarget::default();
        self.mood_override = None;
        self.sanitized = 0;
        let params = self.params;
        for id in ParamId::ALL {
            self.apply_param(id, params.get(id), true);
        }
    }

    /// Sets a parameter from the audio thread (e.g. a host automation event). Values are
    /// clamped to range; NaN leaves the default.
    ///
    /// # Realtime safety
    /// Real-time safe.
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
    /// duration. Never panics on any input values.
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
        let limiter_gr_db = self.limiter.take_reduction_db();
        self.meters.write(Meters {
            time: self.time,
            sample_rate: self.sample_rate,
            input_peak_db: lin_to_db(in_peak),
            output_peak_db: lin_to_db(out_peak),
            limiter_gr_db,
            duck_db: lin_to_db(self.duck_min_gain),
            sanitized_samples: self.sanitized,
            dropped_telemetry: self.dropped_telemetry,
            dropped_landmarks: self.dropped_landmarks,
            style: self.synth.style(),
            mood: self.analysis.mood(),
            target: self.target.into(),
        });
        if self.sanitized > sanitized_before { ProcessStatus::Sanitized } else { ProcessStatus::Ok }
    }

    fn process_chunk(
        &mut self,
        main: &mut [&mut [f32]],
        sidechain: Option<&[&[f32]]>,
        music_out: Option<&mut [&mut [f32]]>,
        off: usize,
        n: usize,
    ) -> (f32, f32) {
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
        if self.time.is_multiple_of(CONTROL_PERIOD) {
            // Target from everything analysed before this boundary, whatever the block size.
            self.update_target();
            self.synth.set_target(self.target);
        }

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
        {
            let mut sink = |t| push_telemetry(&mut self.telemetry, &mut self.dropped_telemetry, t);
            self.synth.process(&mut self.music_l[..n], &mut self.music_r[..n], &mut sink);
        }

        // Ducking follows the programme only when the crowd arrives on the sidechain (then the
        // main bus is commentary/programme); without a sidechain the main input is the crowd.
        let duck_depth = if sc.is_some() { self.params.get(ParamId::Ducking) } else { 0.0 };
        let mut out_peak = 0.0f32;
        let mut music_out = music_out;
        for i in 0..n {
            let x = self.prog[i].abs();
            let coef = if x > self.duck_env { self.duck_attack } else { self.duck_release };
            self.duck_env += (x - self.duck_env) * coef;
            // Full depth from -20 dBFS programme upwards, none below -50 dBFS.
            let amount = ((lin_to_db(self.duck_env) + 50.0) / 30.0).clamp(0.0, 1.0);
            let duck = db_to_lin(-duck_depth * amount);
            self.duck_min_gain = self.duck_min_gain.min(duck);
            let g = self.music_gain.tick() * duck;
            let ml = self.music_l[i] * g;
            let mr = self.music_r[i] * g;
            let dry = self.dry_gain.tick();
            let wet = self.wet_gain.tick();
            let mut ol = dry * self.in_l[i] + wet * ml;
            let mut or = dry * self.in_r[i] + wet * mr;
            self.limiter.process(&mut ol, &mut or);
            let b = self.bypass.tick();
            ol = b * self.in_l[i] + (1.0 - b) * ol;
            or = b * self.in_r[i] + (1.0 - b) * or;
            if !ol.is_finite() {
                ol = 0.0;
            }
            if !or.is_finite() {
                or = 0.0;
            }
            if stereo {
                main[0][off + i] = ol;
                main[1][off + i] = or;
            } else {
                main[0][off + i] = 0.5 * (ol + or);
            }
            out_peak = out_peak.max(ol.abs()).max(or.abs());
            if let Some(m) = music_out.as_deref_mut() {
                let (a, b2) = (ml.clamp(-1.0, 1.0), mr.clamp(-1.0, 1.0));
                let mono = m.len() == 1;
                if let Some(c) = m.get_mut(0).and_then(|c| c.get_mut(off + i)) {
                    *c = if mono { 0.5 * (a + b2) } else { a };
                }
                if let Some(c) = m.get_mut(1).and_then(|c| c.get_mut(off + i)) {
                    *c = b2;
                }
            }
        }
        self.time += n as u64;
        (in_peak, out_peak)
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
    use super::*;

    #[test]
    fn prepare_rejects_bad_set_ups_with_clear_errors() {
        let e = Engine::new(EngineConfig::default());
        assert!(matches!(e.prepare(8_000.0, 64, Layout::STEREO), Err(EngineError::SampleRate(_))));
        assert!(matches!(e.prepare(f64::NAN, 64, Layout::STEREO), Err(EngineError::SampleRate(_))));
        assert!(matches!(e.prepare(48_000.0, 0, Layout::STEREO), Err(EngineError::MaxBlock(0))));
        let three = Layout { main_channels: 3, ..Layout::STEREO };
        let msg = e.prepare(48_000.0, 64, three).unwrap_err().to_string();
        assert!(msg.contains("mono (1) or stereo (2)"), "{msg}");
        for sr in [22_050.0, 44_100.0, 48_000.0, 96_000.0, 192_000.0] {
            assert!(e.prepare(sr, 512, Layout::STEREO).is_ok());
        }
    }

    #[test]
    fn dry_wet_law() {
        assert_eq!(dry_wet_gains(0.0), (1.0, 0.0));
        assert_eq!(dry_wet_gains(0.5), (1.0, 1.0));
        assert_eq!(dry_wet_gains(1.0), (0.0, 1.0));
    }

    #[test]
    fn full_command_queue_is_an_error_not_a_block() {
        let cfg = EngineConfig { command_capacity: 16, ..EngineConfig::default() };
        let (_p, mut h) = Engine::new(cfg).prepare(48_000.0, 64, Layout::STEREO).unwrap();
        let mut sent = 0;
        while h.commands.send(Command::ClearMoodOverride).is_ok() {
            sent += 1;
        }
        assert_eq!(sent, 16);
        let msg = h.commands.send(Command::ClearMoodOverride).unwrap_err().to_string();
        assert!(msg.contains("queue is full"), "{msg}");
    }

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
