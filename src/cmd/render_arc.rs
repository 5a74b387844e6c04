//! `resonance render --arc ARC.json`: music only, following a scripted emotional arc, so
//! styles can be auditioned offline. Renders the synth's music bus directly: the loudness
//! profile's target (−23 or −14 LUFS) and the −1 dBTP true-peak ceiling apply to the file.

use std::path::Path;

use anyhow::{Result, bail};
use resonance_engine::synth::Profile;

use crate::arc::{Arc, MusicJob, render_music};
use crate::output::{AtomicWav, WavFormat, progress};

/// Loudness profile of a music render.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ProfileArg {
    /// EBU R 128: −23 LUFS integrated.
    #[default]
    Broadcast,
    /// Streaming platforms: −14 LUFS integrated.
    Streaming,
}

impl From<ProfileArg> for Profile {
    fn from(p: ProfileArg) -> Self {
        match p {
            ProfileArg::Broadcast => Profile::Broadcast,
            ProfileArg::Streaming => Profile::Streaming,
        }
    }
}

/// Default seed of music renders.
pub const DEFAULT_SEED: u64 = 0x5eed;

/// Renders `arc` in the style of `preset` into `out`.
// One argument per command-line option; a struct would just repeat `RenderArgs`.
#[allow(clippy::too_many_arguments)]
pub fn run(
    arc_path: &Path,
    preset: &str,
    seed: Option<u64>,
    profile: ProfileArg,
    rate: Option<u32>,
    soundfont: Option<&Path>,
    out: &Path,
    format: WavFormat,
) -> Result<()> {
    let preset = resonance_io::preset::find(preset)?;
    let arc = Arc::load(arc_path)?;
    let soundfont = crate::arc::soundfont_for(soundfont, &preset.style)?;
    let rate = rate.unwrap_or(48_000);
    let native = crate::limits::NATIVE_RATE_HZ;
    if !native.contains(&rate) {
        bail!(
            "--rate {rate}: --arc renders the music alone at the synthesiser's own rates, {} to {} Hz; render at one of those (a file through the engine, --in, takes 1000 to 768000 Hz)",
            native.start(),
            native.end()
        );
    }
    let mut wav = AtomicWav::create(out, rate, 2, format)?;
    let frames = (arc.duration_s * f64::from(rate)).round() as u64;
    let pb = progress(frames, "music");
    let started = std::time::Instant::now();
    let job = MusicJob {
        style: &preset.style,
        arc: &arc,
        seed: seed.unwrap_or(DEFAULT_SEED),
        profile: profile.into(),
        rate,
        soundfont: soundfont.as_ref(),
    };
    let report = render_music(&job, &mut |block| wav.write_interleaved(block), &mut |pos| pb.set_position(pos))?;
    pb.finish_and_clear();
    wav.finish()?;
    eprintln!(
        "wrote {}: {:.1} s of {} at {rate} Hz in {:.2} s; {} stingers ({} cues rate-limited); music bus {:.1} LUFS (target {:.0})",
        out.display(),
        arc.duration_s,
        preset.name,
        started.elapsed().as_secs_f64(),
        report.stingers.len(),
        report.dropped_cues,
        report.output_lufs,
        Profile::from(profile).target_lufs(),
    );
    Ok(())
}
