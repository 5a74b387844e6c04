//! Debugging and tuning aids: per-hop traces of the detectors' features around each event's
//! onset (`CROWD_EVAL_TRACE`), and dumps of every frame's features (`CROWD_EVAL_DUMP`) so that
//! detector variants can be simulated offline.

use std::path::Path;

use resonance_engine::analysis::CrowdAnalyzer;
use resonance_engine::{CrowdEventKind, Telemetry};
use resonance_test_support::SplitMix64;

use super::corpus::decode_mono;
use super::scoring::run;
use super::synthesis::bed;
use super::{Composite, Ev, MUSIC_S, NAMES, RATE, Split};

/// Tuning aid (`CROWD_EVAL_DUMP=1`): the dump of every composite (`c00`, `c01`, …), of every
/// music-only track (`m_<name>`) and of 10 minutes of calm bed (`calm`) into `dir`.
pub fn dump_split(dir: &Path, split: &Split, set: &[Composite]) {
    for (i, c) in set.iter().enumerate() {
        let r = f64::from(RATE);
        let meta = format!("{}\t{:.4}\t{:.4}\t{:.4}\n", NAMES[c.kind as usize], c.at as f64 / r, c.onset as f64 / r, c.end as f64 / r);
        dump(dir, &format!("c{i:02}"), &c.audio, &meta);
    }
    for t in &split.music {
        let mut x = decode_mono(t);
        x.truncate(MUSIC_S * RATE as usize);
        let n = t.file_stem().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        dump(dir, &format!("m_{n}"), &x, "music\n");
    }
    let calm = bed(&split.beds, 600.0, &mut SplitMix64(split.seed + 500));
    dump(dir, "calm", &calm, "calm\n");
}

/// The trace window (ms around the onset) from `CROWD_EVAL_TRACE_MS=lo,hi`, else `default`.
fn trace_window(default: (f64, f64)) -> (f64, f64) {
    std::env::var("CROWD_EVAL_TRACE_MS")
        .ok()
        .and_then(|v| {
            let (a, b) = v.split_once(',')?;
            Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
        })
        .unwrap_or(default)
}

/// Debug aid (`CROWD_EVAL_TRACE=roar`): per-hop surge features around the onset of each
/// cheer, applause, boo and "ooh" composite (the window: `CROWD_EVAL_TRACE_MS`, default -60..400).
pub fn trace_roar(set: &[Composite]) {
    let (lo, hi) = trace_window((-60.0, 400.0));
    for (i, c) in set.iter().enumerate().filter(|(_, c)| matches!(c.kind, Ev::Cheer | Ev::SuddenCheer | Ev::Applause | Ev::Boo | Ev::Ooh)) {
        let mut a = CrowdAnalyzer::new(RATE as f32);
        let mut last_end = 0;
        println!(
            "-- #{i} {} composite, onset {:.3} s (clip start {:+.0} ms)",
            NAMES[c.kind as usize],
            c.onset as f64 / 48_000.0,
            (c.at as f64 - c.onset as f64) / 48.0
        );
        let (mut n, mut tilt, mut hf) = (0u16, 0.0f32, 0.0f32);
        for (bi, b) in c.audio.chunks(64).enumerate() {
            a.process(b, &mut |t| {
                if let Telemetry::Event(e) = t {
                    println!(
                        "   event {} detected {:+.1} ms, onset {:+.1} ms",
                        e.kind.as_str(),
                        (e.detected as f64 - c.onset as f64) / 48.0,
                        (e.onset as f64 - c.onset as f64) / 48.0
                    );
                }
            });
            let (h, (active, len, bright)) = a.last_detector_hop();
            if h.f.end != last_end {
                last_end = h.f.end;
                let t_ms = ((bi + 1) * 64) as f64 / 48.0 - c.onset as f64 / 48.0;
                if (0.0..800.0).contains(&t_ms) && h.rel_m > 4.0 {
                    n += 1;
                    tilt += h.added_tilt;
                    hf += h.added_hf;
                }
                if (lo..hi).contains(&t_ms) {
                    println!(
                        "   {t_ms:+7.1} ms vfast {:5.1} fast {:5.1} m {:5.1} b1 {:5.1} b3 {:5.1} tilt {:6.1} hf {:6.1} flat {:4.2} clar {:4.2} surge {} len {len} bright {bright}",
                        h.rel_vfast,
                        h.rel_fast,
                        h.rel_m,
                        h.band_rel[1],
                        h.band_rel[3],
                        h.added_tilt,
                        h.added_hf,
                        h.f.flatness,
                        h.f.pitch.clarity,
                        u8::from(active)
                    );
                }
            }
        }
        println!("   mean over 0..800 ms: tilt {:.1} hf {:.1}", tilt / f32::from(n.max(1)), hf / f32::from(n.max(1)));
    }
}

/// Debug aid (`CROWD_EVAL_TRACE=chant`): the whistle detector's frames in the 60 ms before
/// each whistle raised inside a chant composite.
pub fn trace_chant(set: &[Composite]) {
    for (i, c) in set.iter().enumerate().filter(|(_, c)| c.kind == Ev::Chant) {
        let whistles: Vec<u64> = run(&c.audio).0.iter().filter(|e| e.kind == CrowdEventKind::Whistle).map(|e| e.detected).collect();
        if whistles.is_empty() {
            continue;
        }
        println!("-- #{i} chant composite, whistles detected at {:?} s", whistles.iter().map(|&d| d as f64 / 48_000.0).collect::<Vec<_>>());
        let mut a = CrowdAnalyzer::new(RATE as f32);
        let mut last_end = 0;
        for b in c.audio.chunks(64) {
            a.process(b, &mut |_| {});
            let (f, _) = a.last_hop();
            if f.end != last_end {
                last_end = f.end;
                for t in f.tones {
                    let at = t.end * 3;
                    if whistles.iter().any(|&d| at + 60 * 48 >= d && at <= d) {
                        println!(
                            "   {:9.3} s  peak {:6.0} Hz  prom {:5.1}  share {:4.2}  level {:6.1}  over loudness {:6.1}  harm {:5.1}",
                            at as f64 / 48_000.0,
                            t.hz,
                            t.prom_db,
                            t.share,
                            t.level_db,
                            t.level_db - f.loud_fast,
                            t.harm_db
                        );
                    }
                }
            }
        }
    }
}

/// Debug aid (`CROWD_EVAL_TRACE=1`): per-hop whistle features around each whistle's onset
/// (the window: `CROWD_EVAL_TRACE_MS`, default -40..150).
pub fn trace(set: &[Composite]) {
    let (lo, hi) = trace_window((-40.0, 150.0));
    for c in set.iter().filter(|c| matches!(c.kind, Ev::Whistle | Ev::SynthWhistle | Ev::SynthVaried | Ev::BlindWhistle | Ev::SynthTwoTone))
    {
        let mut a = CrowdAnalyzer::new(RATE as f32);
        let mut last_end = 0;
        println!(
            "-- whistle composite, onset {:.3} s (clip start {:+.0} ms)",
            c.onset as f64 / f64::from(RATE),
            (c.at as f64 - c.onset as f64) / 48.0
        );
        for (bi, b) in c.audio.chunks(64).enumerate() {
            a.process(b, &mut |t| {
                if let Telemetry::Event(e) = t {
                    println!("   event {} at {:+.1} ms", e.kind.as_str(), (e.detected as f64 - c.onset as f64) / 48.0);
                }
            });
            let (f, _) = a.last_hop();
            if f.end != last_end {
                last_end = f.end;
                let t_ms = ((bi + 1) * 64) as f64 / 48.0 - c.onset as f64 / 48.0;
                if (lo..hi).contains(&t_ms) {
                    for t in f.tones {
                        let rel = (f64::from(a.sample_rate()) * t.end as f64 / 16_000.0 - c.onset as f64) / 48.0;
                        println!(
                            "   {rel:+7.1} ms  peak {:6.0} Hz  prom {:5.1}  share {:4.2}  level {:6.1}  over loudness {:6.1}  harm {:5.1}  novelty {:5.1} (band {:5.1})  music {}",
                            t.hz,
                            t.prom_db,
                            t.share,
                            t.level_db,
                            t.level_db - f.loud_fast,
                            t.harm_db,
                            t.novelty_db,
                            t.band_novelty_db,
                            a.music()
                        );
                    }
                }
            }
        }
    }
}

/// Tuning aid (`CROWD_EVAL_DUMP=1`): writes, per composite and per music track, one TSV of
/// the whistle detector's short frames and one of the hop features to
/// `target/crowd-eval/dump-<split>/`, so detector variants can be simulated offline; with
/// `CROWD_EVAL_DUMP_AUDIO=1` also the audio itself (48 kHz mono, raw little-endian f32,
/// `<name>.f32`), so a new feature can be computed offline before it is built.
fn dump(dir: &Path, name: &str, x: &[f32], meta: &str) {
    use std::fmt::Write as _;
    let mut tones = String::from("t\thz\tprom\tshare\tlevel\tloud_fast\tharm\tmusic\tnov\tnovb\n");
    let mut hops = String::from(
        "t\tloud_m\trel_vfast\trel_fast\trel_m\tb0\tb1\tb2\tb3\tb4\ttilt\thf\tsharp\tclar\tpitch\tflat\tflux\tonset_rate\tperiodicity\tperiod\tcentroid\tmusic\tpresent\tstable\trough\tbeat\n",
    );
    let mut events = String::new();
    let mut a = CrowdAnalyzer::new(RATE as f32);
    let mut last_end = 0;
    for b in x.chunks(64) {
        a.process(b, &mut |t| {
            if let Telemetry::Event(e) = t {
                let _ = writeln!(
                    events,
                    "{}\t{:.4}\t{:.4}\t{:.3}",
                    e.kind.as_str(),
                    e.onset as f64 / 48_000.0,
                    e.detected as f64 / 48_000.0,
                    e.confidence
                );
            }
        });
        let (h, _) = a.last_detector_hop();
        let f = h.f;
        if f.end == last_end {
            continue;
        }
        last_end = f.end;
        for t in f.tones {
            let _ = writeln!(
                tones,
                "{:.4}\t{:.0}\t{:.2}\t{:.3}\t{:.2}\t{:.2}\t{:.2}\t{}\t{:.2}\t{:.2}",
                t.end as f64 / 16_000.0,
                t.hz,
                t.prom_db,
                t.share,
                t.level_db,
                f.loud_fast,
                t.harm_db,
                u8::from(h.music),
                t.novelty_db,
                t.band_novelty_db
            );
        }
        let _ = writeln!(
            hops,
            "{:.3}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{}\t{:.3}\t{:.1}\t{:.3}\t{:.3}\t{:.2}\t{:.3}\t{:.2}\t{:.0}\t{}\t{}\t{}\t{:.2}\t{:.3}",
            f.end as f64 / 16_000.0,
            f.loud_m,
            h.rel_vfast,
            h.rel_fast,
            h.rel_m,
            h.band_rel[0],
            h.band_rel[1],
            h.band_rel[2],
            h.band_rel[3],
            h.band_rel[4],
            h.added_tilt,
            h.added_hf,
            f.sharp_peaks,
            f.pitch.clarity,
            f.pitch.hz,
            f.flatness,
            f.flux,
            f.onset_rate,
            f.periodicity,
            f.period_s,
            f.centroid_hz,
            u8::from(h.music),
            u8::from(h.present),
            f.stable_peaks,
            f.roughness,
            f.beat_periodicity
        );
    }
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::write(dir.join(format!("{name}.tones.tsv")), tones);
    let _ = std::fs::write(dir.join(format!("{name}.hops.tsv")), hops);
    let _ = std::fs::write(dir.join(format!("{name}.events.tsv")), events);
    let _ = std::fs::write(dir.join(format!("{name}.meta")), meta);
    if std::env::var("CROWD_EVAL_DUMP_AUDIO").is_ok() {
        let b: Vec<u8> = x.iter().flat_map(|v| v.to_le_bytes()).collect();
        let _ = std::fs::write(dir.join(format!("{name}.f32")), b);
    }
}
