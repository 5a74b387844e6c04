//! Runs the crowd analyser over WAV files and prints events and moods (tuning aid).
//!
//! `cargo run -p resonance-engine --example crowd_events -- [-m] FILE.wav...`

use std::fmt::Write as _;

use resonance_engine::Telemetry;
use resonance_engine::analysis::CrowdAnalyzer;

/// The file as mono at its own rate, through the engine's decoder.
fn read(path: &str) -> Result<(u32, Vec<f32>), resonance_io::IoError> {
    let d = resonance_io::decode::decode_file(std::path::Path::new(path))?;
    Ok((d.sample_rate, d.to_mono()))
}

fn main() {
    let mut moods = false;
    for path in std::env::args().skip(1) {
        if path == "-m" {
            moods = true;
            continue;
        }
        let (sr, x) = match read(&path) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        let mut a = CrowdAnalyzer::new(sr as f32);
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        let mut line = format!("{name:<22}");
        let mut ml = String::new();
        a.process(&x, &mut |t| match t {
            Telemetry::Event(e) => {
                let _ = write!(
                    line,
                    " {}{}@{:.2}(+{:.0}ms,{:.2})",
                    e.kind.as_str(),
                    if e.kind == resonance_engine::CrowdEventKind::Whistle { format!("/{:?}", e.whistle) } else { String::new() },
                    e.onset as f32 / sr as f32,
                    (e.detected - e.onset) as f32 * 1000.0 / sr as f32,
                    e.confidence
                );
            }
            Telemetry::Mood(m) => {
                let _ = write!(
                    ml,
                    " {:.1}:{}({:.2},{:.2};{:.2})",
                    m.time as f32 / sr as f32,
                    &m.label.as_str()[..4],
                    m.valence,
                    m.arousal,
                    m.confidence
                );
            }
            _ => {}
        });
        println!("{line}");
        if moods {
            println!("   {ml}");
        }
    }
}
