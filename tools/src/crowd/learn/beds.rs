//! False events on calm beds, bed by bed (`crowd-train --beds`): every ambience and murmur
//! recording of the label table, spliced into 10 minutes of calm bed of its own
//! ([`synthesis::bed`]: 0.8–2 s segments of its sustained part, cross-faded), played at the
//! beds' usual level (−20 dBFS RMS) and 20 dB under it, and run through the analyser as
//! shipped. Nothing in a calm bed is an event: every event counts as false, per kind and per
//! 10 minutes. `--beds-trace` also prints the short frames ([`Tone`]) around each false
//! whistle's onset, the evidence the whistle detector weighed.
//!
//! [`synthesis::bed`]: super::super::synthesis::bed
//! [`Tone`]: resonance_engine::analysis::probes::Tone

use std::collections::BTreeMap;

use resonance_engine::CrowdEventKind;
use resonance_engine::analysis::probes::{Decimator, FeatureExtractor, Step, Tone};
use resonance_test_support::SplitMix64;

use super::super::RATE;
use super::super::synthesis::bed;
use super::analyse;
use super::corpus;

/// Minutes of bed per recording and level.
const BED_MIN: f64 = 10.0;
/// Seconds at the start of a bed in which events are not counted (the floor settles).
const SETTLE_S: f64 = 3.0;
/// Levels the beds are played at, dB relative to the splice's own (−20 dBFS RMS).
const LEVELS_DB: [f32; 2] = [0.0, -20.0];
/// While tracing, the usual level only.
const TRACE_LEVELS_DB: [f32; 1] = [0.0];

/// Every kind an event can have, in the table's column order.
const KINDS: [CrowdEventKind; 6] = [
    CrowdEventKind::Whistle,
    CrowdEventKind::GoalRoar,
    CrowdEventKind::Applause,
    CrowdEventKind::Booing,
    CrowdEventKind::NearMiss,
    CrowdEventKind::ChantStart,
];

/// Runs every bed, prints one row per bed and level and the worst per kind; with `trace`,
/// only the beds whose file name contains it, with the short frames around each false whistle.
pub fn run(seed: u64, trace: Option<&str>) {
    let spans = corpus::load_kinds(|k| k == "ambience" || k == "murmur");
    let beds: Vec<&corpus::Span> = spans.iter().collect();
    let names: Vec<&str> = KINDS.iter().map(|k| k.as_str()).collect();
    println!("## False events per 10 min of calm bed, per recording (crowd-train --beds)\n");
    println!("| bed | kind | level | {} |\n|---|---|---|{}", names.join(" | "), "---|".repeat(KINDS.len()));
    let mut worst: BTreeMap<(&str, usize), (f64, String)> = BTreeMap::new();
    for (i, s) in beds.iter().enumerate() {
        let mut rng = SplitMix64(seed.wrapping_add(i as u64));
        let base = bed(std::slice::from_ref(&s.audio), BED_MIN * 60.0, &mut rng);
        if trace.is_some_and(|t| !s.file.contains(t)) {
            continue;
        }
        for &db in if trace.is_some() { &TRACE_LEVELS_DB[..] } else { &LEVELS_DB[..] } {
            let g = 10f32.powf(db / 20.0);
            let x: Vec<f32> = base.iter().map(|v| v * g).collect();
            let (ev, _) = analyse(&x, None);
            let counted: Vec<_> = ev.iter().filter(|e| e.onset as f64 / f64::from(RATE) >= SETTLE_S).collect();
            let mins = (x.len() as f64 / f64::from(RATE) - SETTLE_S) / 60.0;
            let per: Vec<f64> = KINDS.iter().map(|k| counted.iter().filter(|e| e.kind == *k).count() as f64 * 10.0 / mins).collect();
            let kind = if s.kind == "murmur" { "murmur" } else { "stadium" };
            println!("| {} | {kind} | {db:+.0} dB | {} |", s.file, per.iter().map(|v| format!("{v:.1}")).collect::<Vec<_>>().join(" | "));
            for (k, v) in per.iter().enumerate() {
                let w = worst.entry((kind, k)).or_insert((0.0, String::new()));
                if *v > w.0 {
                    *w = (*v, format!("{} at {db:+.0} dB", s.file));
                }
            }
            if trace.is_some() {
                trace_whistles(&x, &counted);
            }
        }
    }
    println!("\n| beds | kind | worst per 10 min | on |\n|---|---|---|---|");
    for ((beds, k), (v, on)) in &worst {
        println!("| {beds} | {} | {v:.1} | {on} |", names[*k]);
    }
}

/// The short frames from 30 ms before to 60 ms after each whistle's onset.
fn trace_whistles(x: &[f32], ev: &[&resonance_engine::CrowdEvent]) {
    let tones = short_frames(x);
    for e in ev.iter().filter(|e| e.kind == CrowdEventKind::Whistle) {
        let at = e.onset as f64 / f64::from(RATE);
        println!("-- whistle at {at:.3} s ({:?}, confidence {:.2})", e.whistle, e.confidence);
        for (t, f) in tones.iter().filter(|(t, _)| *t >= at - 0.03 && *t <= at + 0.06) {
            println!(
                "   {t:.3} s {:6.0} Hz prom {:5.1} share {:.2} level {:6.1} harm {:5.1} novelty {:5.1} band {:5.1}",
                f.hz, f.prom_db, f.share, f.level_db, f.harm_db, f.novelty_db, f.band_novelty_db
            );
        }
    }
}

/// Every short frame of `x` (at [`RATE`]) as the analyser sees it: end time (s) and frame.
fn short_frames(x: &[f32]) -> Vec<(f64, Tone)> {
    let mut dec = Decimator::new(RATE as f32);
    let mut fe = FeatureExtractor::new();
    let mut out = Vec::new();
    for &v in x {
        let Some(s) = dec.push(v) else { continue };
        match fe.push(s) {
            Some(Step::Tone(t)) => out.push((t.end as f64 / 16_000.0, t)),
            Some(Step::Hop(f)) => out.extend(f.tones.last().map(|t| (t.end as f64 / 16_000.0, *t))),
            None => {}
        }
    }
    out
}
