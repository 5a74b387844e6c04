//! Runs the crowd analyser over WAV files and prints events and moods (tuning aid).
//!
//! `cargo run -p resonance-engine --example crowd_events -- [-m] FILE.wav...`

use std::fmt::Write as _;

use resonance_engine::Telemetry;
use resonance_engine::analysis::CrowdAnalyzer;

fn read(path: &str) -> Option<(u32, Vec<f32>)> {
    let mut r = hound::WavReader::open(path).ok()?;
    let spec = r.spec();
    let ch = usize::from(spec.channels);
    let scale = 1.0 / (1u64 << (spec.bits_per_sample - 1)) as f32;
    let samples: Vec<f32> = match spec.sample_format {
        hound::SampleFormat::Float => r.samples::<f32>().map(|s| s.unwrap_or(0.0)).collect(),
        hound::SampleFormat::Int => r.samples::<i32>().map(|s| s.unwrap_or(0) as f32 * scale).collect(),
    };
    Some((spec.sample_rate, samples.chunks(ch).map(|c| c.iter().sum::<f32>() / ch as f32).collect()))
}

fn main() {
    let mut moods = false;
    for path in std::env::args().skip(1) {
        if path == "-m" {
            moods = true;
            continue;
        }
        let Some((sr, x)) = read(&path) else {
            eprintln!("{path}: unreadable");
            continue;
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
