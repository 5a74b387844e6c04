//! `resonance demo`: render the built-in demo match through the engine and print what it heard.

use std::path::PathBuf;

use anyhow::Result;
use resonance_engine::prelude::*;

use crate::cmd::render::{print_summary, run_engine};
use crate::demo::{SCRIPT, crowd};
use crate::output::{AtomicWav, WavFormat};
use crate::source::MemoryStereo;

/// Arguments of `resonance demo`.
#[derive(Debug, Clone, clap::Args)]
pub struct DemoArgs {
    /// Where to write the rendered demo.
    #[arg(long, value_name = "FILE.wav", default_value = "resonance-demo.wav")]
    pub out: PathBuf,
    /// Length of the demo match in seconds, 1 to 3600 (the script runs to 60 s).
    #[arg(long, default_value_t = 62.0, value_parser = crate::limits::demo_seconds)]
    pub duration: f64,
    /// Preset (style) for the music.
    #[arg(long, default_value = "stadium-anthem")]
    pub preset: String,
    /// Sample rate in Hz (22050 to 192000).
    #[arg(long, default_value_t = 48_000, value_parser = crate::limits::rate)]
    pub rate: u32,
    /// Seed of the synthesised crowd and of the music.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
}

impl Default for DemoArgs {
    fn default() -> Self {
        Self { out: PathBuf::from("resonance-demo.wav"), duration: 62.0, preset: "stadium-anthem".into(), rate: 48_000, seed: 2026 }
    }
}

pub fn run(args: &DemoArgs) -> Result<()> {
    crate::limits::demo_seconds(&args.duration.to_string()).map_err(|e| anyhow::anyhow!("--duration: {e}"))?;
    crate::limits::rate(&args.rate.to_string()).map_err(|e| anyhow::anyhow!("--rate: {e}"))?;
    let preset_file = crate::files::given(&[("--preset", Some(std::path::Path::new(&args.preset)))]);
    crate::files::refuse_clobber(&[crate::files::named("--out", &args.out)], &preset_file)?;
    eprintln!("Resonance demo: a synthesised match crowd with scripted moments, rendered through the engine.");
    let preset = resonance_io::preset::find(&args.preset)?;
    let mut config = super::render::sampled_or_warn(EngineConfig::with_preset(&preset));
    config.seed = args.seed;
    let main = crowd(args.rate, args.duration, args.seed);
    let mut wav = AtomicWav::create(&args.out, args.rate, 2, WavFormat::S24)?;
    let cues: Vec<(usize, Command)> = SCRIPT
        .iter()
        .filter_map(|m| m.cue.map(|c| ((m.t * f64::from(args.rate)) as usize, Command::Cue(c))))
        .filter(|(at, _)| *at < main[0].len())
        .collect();
    let report = run_engine(config, args.rate, 512, &mut MemoryStereo::new(&main), None, &cues, &mut wav, "demo")?;
    wav.finish()?;
    println!("scripted moments:");
    for m in SCRIPT.iter().filter(|m| m.t < args.duration) {
        println!("  {:>6.2} s  {}", m.t, m.what);
    }
    println!("what the engine heard:");
    let sr = f64::from(args.rate);
    let mut last_mood_t = -10.0;
    for t in &report.telemetry {
        match t {
            Telemetry::Event(e) => {
                println!("  {:>6.2} s  event {:<12} confidence {:.2}", e.onset as f64 / sr, e.kind.as_str(), e.confidence);
            }
            Telemetry::Mood(m) if m.time as f64 / sr - last_mood_t >= 5.0 => {
                last_mood_t = m.time as f64 / sr;
                println!(
                    "  {:>6.2} s  mood  {:<12} valence {:+.2} arousal {:+.2} confidence {:.2}",
                    last_mood_t,
                    m.label.as_str(),
                    m.valence,
                    m.arousal,
                    m.confidence
                );
            }
            _ => {}
        }
    }
    print_summary(&report, &args.out);
    Ok(())
}
