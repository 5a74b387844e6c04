//! What the engine is built from: the supported rates and block sizes, the bus [`Layout`] and
//! the [`EngineConfig`] (styles, initial parameters, seed, queue sizes). Plain data, main
//! thread only.

use crate::params::{ParamId, ParamValues};
use crate::preset::Preset;
use crate::synth::Style;

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
/// thread.
#[derive(Clone, Debug)]
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
