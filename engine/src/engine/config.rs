//! What the engine is built from: the supported rates and block sizes, the bus [`Layout`] and
//! the [`EngineConfig`] (styles, initial parameters, seed, queue sizes). Plain data, main
//! thread only.

use crate::params::{ParamId, ParamValues};
use crate::preset::Preset;
use std::sync::Arc;

use crate::synth::Style;
use crate::synth::soundfont::SoundFont;

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
    /// Stereo main bus; the crowd microphone arrives on it (no sidechain), no music-only output.
    pub const STEREO: Layout = Layout { main_channels: 2, sidechain: false, music_out: false };
    /// Mono main bus; the crowd microphone arrives on it (no sidechain), no music-only output.
    pub const MONO: Layout = Layout { main_channels: 1, sidechain: false, music_out: false };
    /// Stereo main bus carrying the programme, the crowd microphone on a stereo sidechain, no
    /// music-only output.
    pub const STEREO_SIDECHAIN: Layout = Layout { main_channels: 2, sidechain: true, music_out: false };
}

/// Everything the engine is built from. Plain data; cloning it is cheap enough for the main
/// thread (the SoundFont is shared, not copied).
#[derive(Clone)]
pub struct EngineConfig {
    /// Style table: the `style` parameter indexes it. Never empty after [`Engine::new`].
    ///
    /// [`Engine::new`]: super::Engine::new
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
    /// The SoundFont that the styles' `[style.soundfont]` layers play from; without one every
    /// layer is synthesised. [`EngineConfig::with_default_soundfont`] fills it in.
    pub soundfont: Option<Arc<SoundFont>>,
}

impl std::fmt::Debug for EngineConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EngineConfig")
            .field("styles", &self.styles.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>())
            .field("params", &self.params)
            .field("seed", &self.seed)
            .field("soundfont", &self.soundfont.is_some())
            .finish_non_exhaustive()
    }
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
            soundfont: None,
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

    /// Plays the styles' sampled layers from the default SoundFont
    /// ([`crate::synth::soundfont::load_default`]: `RESONANCE_SOUNDFONT`, else FluidR3 GM where
    /// the distribution installs it), if any style maps a layer to one and none was given.
    /// Returns the message to show when the synthesised voices must play instead. Reads a file
    /// (once per process): main thread, never the audio thread.
    #[must_use]
    pub fn with_default_soundfont(mut self) -> (Self, Option<String>) {
        if self.soundfont.is_some() || !crate::synth::soundfont::wanted(self.styles.iter().map(|(_, s)| &s.soundfont)) {
            return (self, None);
        }
        match crate::synth::soundfont::load_default() {
            Ok(sf) => {
                self.soundfont = Some(sf);
                (self, None)
            }
            Err(why) => (self, Some(format!("sampled instruments unavailable, the synthesised voices play instead: {why}"))),
        }
    }

    /// Index of a style by name.
    pub fn style_index(&self, name: &str) -> Option<usize> {
        self.styles.iter().position(|(n, _)| n == name)
    }
}
