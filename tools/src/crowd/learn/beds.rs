//! False events on calm beds, bed by bed (`crowd-train --beds`): every ambience and murmur
//! recording of the label table, spliced into 10 minutes of calm bed of its own
//! ([`synthesis::bed`]: 0.8–2 s segments of its sustained part, cross-faded), played at the
//! beds' usual level (−20 dBFS RMS) and 20 dB under it, and run through the analyser as
//! shipped. Nothing in a calm bed is an event: every event counts as false, per kind and per
//! 10 minutes; the murmur recordings are also spliced together into one row (`murmur-mixed`),
//! as the leave-one-source-out negatives mix them. `--beds-trace` also prints the short frames
//! ([`Tone`]) around each false whistle's onset, the detectors' hops around each false goal
//! roar, applause and chant start, and writes every hop to `target/crowd-eval/beds-<file>.tsv`.
//!
//! [`synthesis::bed`]: super::super::synthesis::bed
//! [`Tone`]: resonance_engine::analysis::probes::Tone

use std::collections::BTreeMap;

use resonance_engine::CrowdEventKind;
use resonance_engine::analysis::CrowdAnalyzer;
use resonance_engine::analysis::probes::{Decimator, FeatureExtractor, Hop, Step, Tone};
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

/// The row of the murmur recordings spliced together (`--beds-trace mixed` traces it).
const MIXED: &str = "murmur-mixed";

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
    // The murmur recordings spliced together, as the leave-one-source-out negatives mix them
    // (30 s there, 10 min here): the splices between recordings are part of what is tested.
    let murmurs: Vec<Vec<f32>> = spans.iter().filter(|s| s.kind == "murmur").map(|s| s.audio.clone()).collect();
    let names: Vec<&str> = KINDS.iter().map(|k| k.as_str()).collect();
    println!("## False events per 10 min of calm bed, per recording (crowd-train --beds)\n");
    println!("| bed | kind | level | {} |\n|---|---|---|{}", names.join(" | "), "---|".repeat(KINDS.len()));
    let mut worst: BTreeMap<(&str, usize), (f64, String)> = BTreeMap::new();
    // Each row: its name, its kind, the recordings it splices and its seed.
    let mut rows: Vec<(String, &str, Vec<Vec<f32>>, u64)> = Vec::new();
    for (i, s) in beds.iter().enumerate() {
        if trace.is_some_and(|t| !s.file.contains(t)) {
            continue;
        }
        let kind = if s.kind == "murmur" { "murmur" } else { "stadium" };
        rows.push((s.file.clone(), kind, vec![s.audio.clone()], seed.wrapping_add(i as u64)));
    }
    if !murmurs.is_empty() && trace.is_none_or(|t| MIXED.contains(t)) {
        rows.push((MIXED.to_string(), "murmur", murmurs, seed.wrapping_add(beds.len() as u64)));
    }
    for (file, kind, clips, row_seed) in &rows {
        let kind = *kind;
        let base = bed(clips, BED_MIN * 60.0, &mut SplitMix64(*row_seed));
        for &db in if trace.is_some() { &TRACE_LEVELS_DB[..] } else { &LEVELS_DB[..] } {
            let g = 10f32.powf(db / 20.0);
            let x: Vec<f32> = base.iter().map(|v| v * g).collect();
            let (ev, _) = analyse(&x, None);
            let counted: Vec<_> = ev.iter().filter(|e| e.onset as f64 / f64::from(RATE) >= SETTLE_S).collect();
            let mins = (x.len() as f64 / f64::from(RATE) - SETTLE_S) / 60.0;
            let per: Vec<f64> = KINDS.iter().map(|k| counted.iter().filter(|e| e.kind == *k).count() as f64 * 10.0 / mins).collect();
            println!("| {file} | {kind} | {db:+.0} dB | {} |", per.iter().map(|v| format!("{v:.1}")).collect::<Vec<_>>().join(" | "));
            for (k, v) in per.iter().enumerate() {
                let w = worst.entry((kind, k)).or_insert((0.0, String::new()));
                if *v > w.0 {
                    *w = (*v, format!("{file} at {db:+.0} dB"));
                }
            }
            if trace.is_some() {
                trace_whistles(&x, &counted);
                trace_surges(&x, &counted);
                trace_chants(&x, &counted);
                dump_hops(&x, file, &counted);
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

/// The detectors' hops from 300 ms before each false goal roar's or applause's onset to
/// 50 ms after it was reported, every second hop: the levels over the floor, the band levels
/// over their floors, the added tilts and the frame features the surge and applause rules read.
fn trace_surges(x: &[f32], ev: &[&resonance_engine::CrowdEvent]) {
    let hops = detector_hops(x);
    for e in ev.iter().filter(|e| matches!(e.kind, CrowdEventKind::GoalRoar | CrowdEventKind::Applause)) {
        let (at, det) = (e.onset as f64 / f64::from(RATE), e.detected as f64 / f64::from(RATE));
        println!("-- {} at {at:.3} s, reported at {det:.3} s (confidence {:.2})", e.kind.as_str(), e.confidence);
        println!(
            "   t s     vfast  fast   m     | b0    b1    b2    b3    b4   | tilt   hf    | flat  clar  onset/s flux  rough | surge len bright"
        );
        for (t, (h, (active, len, bright))) in hops.iter().step_by(2).filter(|(t, _)| *t >= at - 0.3 && *t <= det + 0.05) {
            let b = h.band_rel;
            println!(
                "   {t:7.2} {:5.1} {:5.1} {:5.1} | {:5.1} {:5.1} {:5.1} {:5.1} {:5.1} | {:6.1} {:6.1} | {:.2}  {:.2}  {:5.1}  {:5.2} {:5.2} | {} {len:4} {bright:3}",
                h.rel_vfast,
                h.rel_fast,
                h.rel_m,
                b[0],
                b[1],
                b[2],
                b[3],
                b[4],
                h.added_tilt,
                h.added_hf,
                h.f.flatness,
                h.f.pitch.clarity,
                h.f.onset_rate,
                h.f.flux,
                h.f.roughness,
                u8::from(*active)
            );
        }
    }
}

/// The detectors' hops from 4 s before each false chant start's decision to it, every tenth
/// hop: the envelope's periodicity, its period and the beat's, the momentary level over the
/// floor and the 50 ms loudness the envelope follows (what the chant detector reads).
fn trace_chants(x: &[f32], ev: &[&resonance_engine::CrowdEvent]) {
    let hops = detector_hops(x);
    for e in ev.iter().filter(|e| e.kind == CrowdEventKind::ChantStart) {
        let (at, det) = (e.onset as f64 / f64::from(RATE), e.detected as f64 / f64::from(RATE));
        println!("-- chant_start at {at:.3} s, reported at {det:.3} s (confidence {:.2})", e.confidence);
        println!("   t s     per   period beat  | m     vfast | b0    b1    b2    b3    b4   | present");
        for (t, (h, _)) in hops.iter().step_by(10).filter(|(t, _)| *t >= det - 4.0 && *t <= det + 0.05) {
            let b = h.band_rel;
            println!(
                "   {t:7.2} {:.2}  {:5.2}  {:.2}  | {:5.1} {:5.1} | {:5.1} {:5.1} {:5.1} {:5.1} {:5.1} | {}",
                h.f.periodicity,
                h.f.period_s,
                h.f.beat_periodicity,
                h.rel_m,
                h.f.loud_vfast,
                b[0],
                b[1],
                b[2],
                b[3],
                b[4],
                u8::from(h.present)
            );
        }
    }
}

/// Every hop of the traced bed and its events into `target/crowd-eval/beds-<file>.tsv`, so
/// that a rule can be simulated offline before it is built.
fn dump_hops(x: &[f32], file: &str, ev: &[&resonance_engine::CrowdEvent]) {
    use std::fmt::Write as _;
    let mut t = String::from(
        "t\tvfast\tfast\tm\tb0\tb1\tb2\tb3\tb4\ttilt\thf\tflat\tclar\tonset_rate\tflux\trough\tonset\tpresent\tsurge\tlen\tbright\tper\tperiod\tbeat\tlvfast\tevent\n",
    );
    let hops = detector_hops(x);
    for (at, (h, (active, len, bright))) in &hops {
        let b = h.band_rel;
        let here: Vec<&str> =
            ev.iter().filter(|e| (e.detected as f64 / f64::from(RATE) - at).abs() < 0.005).map(|e| e.kind.as_str()).collect();
        let _ = writeln!(
            t,
            "{at:.3}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.3}\t{:.3}\t{:.1}\t{:.3}\t{:.2}\t{}\t{}\t{}\t{len}\t{bright}\t{:.3}\t{:.2}\t{:.3}\t{:.2}\t{}",
            h.rel_vfast,
            h.rel_fast,
            h.rel_m,
            b[0],
            b[1],
            b[2],
            b[3],
            b[4],
            h.added_tilt,
            h.added_hf,
            h.f.flatness,
            h.f.pitch.clarity,
            h.f.onset_rate,
            h.f.flux,
            h.f.roughness,
            u8::from(h.f.onset),
            u8::from(h.present),
            u8::from(*active),
            h.f.periodicity,
            h.f.period_s,
            h.f.beat_periodicity,
            h.f.loud_vfast,
            here.join(",")
        );
    }
    let dir = super::super::out_dir();
    let name = file.replace('/', "_");
    let path = dir.join(format!("beds-{name}.tsv"));
    if let Err(e) = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, t)) {
        eprintln!("cannot write {}: {e}", path.display());
    } else {
        println!("hops: {}", path.display());
    }
}

/// A hop's end time (s), the hop, and the surge detector's state (active, hops since it
/// began, bright hops).
type TracedHop = (f64, (Hop, (bool, u32, u32)));

/// What the detectors saw on every hop of `x` (at [`RATE`]): end time (s), the hop and the
/// surge detector's state.
fn detector_hops(x: &[f32]) -> Vec<TracedHop> {
    let mut a = CrowdAnalyzer::new(RATE as f32);
    let block = RATE as usize / 100;
    x.chunks(block)
        .enumerate()
        .map(|(i, b)| {
            a.process(b, &mut |_| {});
            (((i + 1) * block) as f64 / f64::from(RATE), a.last_detector_hop())
        })
        .collect()
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
