//! Tuning aid for the whistle and applause decisions: prints, per file, the short frames
//! whose peak passes the whistle's prominence and dominance tests with their harmonic support,
//! and per-hop clap features (`-c`).
//!
//! `cargo run -p resonance-engine --example crowd_probe -- [-c] [-s SECONDS] FILE...`

use std::fmt::Write as _;

use resonance_engine::analysis::CrowdAnalyzer;

fn main() {
    let mut clap = false;
    let mut secs = f32::INFINITY;
    let mut args = std::env::args().skip(1);
    while let Some(path) = args.next() {
        if path == "-c" {
            clap = true;
            continue;
        }
        if path == "-s" {
            secs = args.next().and_then(|v| v.parse().ok()).unwrap_or(secs);
            continue;
        }
        let d = match resonance_io::decode::decode_file(std::path::Path::new(&path)) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        let sr = d.sample_rate;
        let mut x = d.to_mono();
        x.truncate((secs.min(1e6) * sr as f32) as usize);
        let mut a = CrowdAnalyzer::new(sr as f32);
        let mut last_end = 0;
        let (mut cand, mut vetoed) = (0, 0);
        let mut harms: Vec<f32> = Vec::new();
        let mut events = String::new();
        let (mut sharp, mut hops, mut ema, mut on, mut rough) = (0.0f32, 0u32, 0.0f32, 0u32, 0.0f32);
        for b in x.chunks(64) {
            a.process(b, &mut |t| {
                if let resonance_engine::Telemetry::Event(e) = t {
                    let _ = write!(events, " {}@{:.2}", e.kind.as_str(), e.onset as f32 / sr as f32);
                }
            });
            let (f, rel) = a.last_hop();
            if f.end == last_end {
                continue;
            }
            last_end = f.end;
            sharp += f.sharp_peaks;
            rough += f.roughness;
            hops += 1;
            ema += (f.sharp_peaks - ema) / 300.0;
            if a.music() {
                on += 1;
            }
            for t in f.tones {
                if t.prom_db >= 15.0 && t.share >= 0.3 && t.level_db > -70.0 {
                    cand += 1;
                    harms.push(t.harm_db);
                    if t.harm_db >= 10.0 {
                        vetoed += 1;
                    }
                }
            }
            if clap {
                println!(
                    "{:7.2}s rel {:5.1} flat {:4.2} clar {:4.2} onset/s {:4.1} b {:?}",
                    f.end as f32 / 16000.0,
                    rel,
                    f.flatness,
                    f.pitch.clarity,
                    f.onset_rate,
                    f.bands_db.map(f32::round)
                );
            }
        }
        harms.sort_by(f32::total_cmp);
        let q = |p: f32| harms.get(((harms.len().saturating_sub(1)) as f32 * p) as usize).copied().unwrap_or(f32::NAN);
        let name = path.rsplit('/').next().unwrap_or(&path);
        println!(
            "{name:<28} sharp {:4.1} rough {:4.1} dB music {:3.0}% tonal frames {cand:5}  harm p10/50/90 {:5.1} {:5.1} {:5.1}  harm>=10: {vetoed:5}  events:{events}",
            sharp / hops.max(1) as f32,
            rough / hops.max(1) as f32,
            100.0 * on as f32 / hops.max(1) as f32,
            q(0.1),
            q(0.5),
            q(0.9)
        );
    }
}
