//! The engine: a main-thread [`Engine`] (configuration, cheap), and what `prepare()` builds
//! from it: an audio-thread [`EngineProcessor`] and a main-thread [`EngineHandle`], joined by
//! bounded lock-free queues and a triple buffer.
//!
//! One job per file: `config.rs` (rates, block sizes, [`Layout`], [`EngineConfig`]),
//! `handle.rs` (the main-thread ends), `guard.rs` (the copyright guard's programme gain), `processor.rs` (the audio thread's `process()`,
//! `reset()`, `set_param()` and the chunk loop) and `output.rs` (ducking, dry/wet, limiter,
//! bypass crossfade, meters), `deck.rs` (a whole track streamed in as the music bed). This file holds the [`Engine`] and `prepare()`, the only place
//! that allocates.

mod config;
pub mod deck;
mod guard;
mod handle;
mod output;
mod processor;

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use rtrb::RingBuffer;

pub use self::config::{CONTROL_PERIOD, EngineConfig, Layout, MAX_BLOCK_LIMIT, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE, OUTPUT_CEILING_DB};
pub use self::guard::{GUARD_FADE_MS, GUARD_LEASE_MS, GUARD_MUTE_DB};
pub use self::handle::{CommandSender, EngineHandle, LandmarkReceiver, MetersReader, TelemetryReceiver};
pub use self::processor::EngineProcessor;
use crate::analysis::CrowdAnalyzer;
use crate::dsp::Smoother;
use crate::dsp::limiter::SafetyLimiter;
use crate::error::EngineError;
use crate::fingerprint::Hasher;
use crate::synth::{Style, Synth};
use crate::types::{Meters, MoodTarget};

/// Main-thread engine: holds the configuration. Construction is cheap and allocates nothing
/// beyond the configuration itself.
#[derive(Debug)]
pub struct Engine {
    config: EngineConfig,
}

impl Engine {
    /// Cheap: stores the configuration. A configuration with no styles gets the default style.
    pub fn new(mut config: EngineConfig) -> Self {
        if config.styles.is_empty() {
            config.styles.push(("default".to_string(), Style::default()));
        }
        Self { config }
    }

    /// The configuration `prepare()` builds from (with the default style added if it had none).
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
        let (deck, deck_player) = deck::channel(sr);
        let synth = match &c.soundfont {
            Some(sf) => Synth::new(sr, max_block, &styles, c.seed).with_soundfont(sf)?,
            None => Synth::new(sr, max_block, &styles, c.seed),
        };
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
            synth,
            limiter: SafetyLimiter::new(OUTPUT_CEILING_DB, 0.08, sr),
            music_gain: Smoother::new(0.0, 0.02, sr),
            dry_gain: Smoother::new(1.0, 0.02, sr),
            wet_gain: Smoother::new(1.0, 0.02, sr),
            bypass: Smoother::new(0.0, 0.01, sr),
            duck_env: 0.0,
            duck_attack: 1.0 - (-1.0 / (0.005 * sr)).exp(),
            duck_release: 1.0 - (-1.0 / (0.300 * sr)).exp(),
            duck_min_gain: 1.0,
            guard: guard::ProgrammeGuard::new(sr),
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
            deck: deck_player,
        };
        processor.reset();
        let clips = processor.synth.connect_clips();
        let handle = EngineHandle {
            clips,
            deck,
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
}
