//! The cross-collection table (accuracy per condition per collection, the worst collection as
//! the headline, the target beside it), the per-query TSV and the accuracy plot.

use std::fmt::Write as _;
use std::path::Path;

use super::CollOptions;
use super::conditions::Cond;
use super::material::Material;
use super::score::{Answer, Checks, Query, percentile};

/// The target for a condition at a length (percent), if it has one.
fn target(cond: Cond, len_s: f64) -> Option<f64> {
    if len_s < 4.0 {
        return (cond == Cond::Crowd(0)).then_some(85.0);
    }
    match cond {
        Cond::Clean => Some(99.5),
        Cond::Crowd(0) | Cond::White(0) | Cond::Speed(_) => Some(95.0),
        Cond::Crowd(-5) => Some(80.0),
        Cond::White(-5) => Some(75.0),
        Cond::Commentary(0) => Some(90.0),
        _ => None,
    }
}

/// `(right, wrong, n)` of collection `coll`'s positives under `cond` at `len_s`.
fn cell(qs: &[Query], a: &[Answer], coll: usize, cond: Cond, len_s: f64) -> (usize, usize, usize) {
    qs.iter()
        .zip(a)
        .filter(|(q, _)| q.positive && q.coll == coll && q.cond == cond && q.len_s == len_s)
        .fold((0, 0, 0), |(r, w, n), (_, a)| (r + usize::from(a.right), w + usize::from(a.matched && !a.right), n + 1))
}

/// The markdown table.
pub fn collection_table(m: &Material, (qs, a): &(Vec<Query>, Vec<Answer>), checks: &Checks, opts: &CollOptions) -> String {
    let n_coll = m.names.len();
    let mut s = String::from("## Recognition across collections\n\n");
    let _ = writeln!(
        s,
        "Tuning collection: **{}**; the others are blind. Positives per collection and condition: {}.\n",
        opts.tune, opts.n_pos
    );
    s.push_str("| collection | indexed h | tracks (indexed / held out) | re-releases dropped | duplicates |\n|---|---|---|---|---|\n");
    for (c, name) in m.names.iter().enumerate() {
        let idx = m.tracks.iter().filter(|t| t.coll == c && t.indexed).count();
        let out = m.tracks.iter().filter(|t| t.coll == c && !t.indexed).count();
        let rr = checks.rereleases.iter().filter(|r| m.tracks[r.0].coll == c).count();
        let du = checks.duplicates.iter().filter(|r| m.tracks[r.0].coll == c).count();
        let _ = writeln!(s, "| {name} | {:.2} | {idx} / {out} | {rr} | {du} |", m.indexed_hours(Some(c)));
    }
    s.push_str("\n| query | condition | ");
    for name in &m.names {
        let tag = if *name == opts.tune { " (tuning)" } else { "" };
        let _ = write!(s, "{name}{tag} | ");
    }
    s.push_str("**worst** | target |\n|---|---|");
    s.push_str(&"---|".repeat(n_coll + 2));
    s.push('\n');
    for &len_s in &opts.lengths {
        for &cond in &opts.conds {
            let _ = write!(s, "| {len_s:.0} s | {} | ", cond.name());
            let mut worst = f64::INFINITY;
            for c in 0..n_coll {
                let (r, w, n) = cell(qs, a, c, cond, len_s);
                if n == 0 {
                    // A collection of negatives only (FP_COLL_NEG_EXTRA).
                    s.push_str("– | ");
                    continue;
                }
                let p = 100.0 * r as f64 / n as f64;
                worst = worst.min(p);
                let wrong = if w > 0 { format!(" ({w} wrong)") } else { String::new() };
                let _ = write!(s, "{p:.1}{wrong} | ");
            }
            let t = target(cond, len_s).map_or(String::new(), |t| format!("≥ {t}"));
            let _ = writeln!(s, "**{worst:.1}** | {t} |");
        }
    }
    for &len_s in &opts.lengths {
        let _ = write!(s, "| {len_s:.0} s | false positives / negatives | ");
        let mut tot = (0, 0);
        for c in 0..n_coll {
            let (f, n) = qs
                .iter()
                .zip(a)
                .filter(|(q, _)| !q.positive && q.coll == c && q.len_s == len_s)
                .fold((0, 0), |(f, n), (_, a)| (f + usize::from(a.matched), n + 1));
            tot = (tot.0 + f, tot.1 + n);
            let _ = write!(s, "{f} / {n} | ");
        }
        let _ = writeln!(s, "**{} / {}** | 0 |", tot.0, tot.1);
    }
    s.push_str("| | query CPU p50 / p99 (ms) | ");
    for c in 0..n_coll {
        let mut t: Vec<f64> = qs.iter().zip(a).filter(|(q, _)| q.coll == c).map(|(_, a)| a.cpu_ms).collect();
        let _ = write!(s, "{:.1} / {:.1} | ", percentile(&mut t, 0.5), percentile(&mut t, 0.99));
    }
    let mut t: Vec<f64> = a.iter().map(|a| a.cpu_ms).collect();
    let _ = writeln!(s, "**{:.1} / {:.1}** | p99 ≤ 10 |", percentile(&mut t, 0.5), percentile(&mut t, 0.99));
    s
}

/// One line per query: collection, kind, condition, length, track, start, answer.
pub fn write_tsv(path: &Path, m: &Material, (qs, a): &(Vec<Query>, Vec<Answer>)) {
    let mut s = String::from("collection\tkind\tcondition\tlength_s\ttrack\tstart_s\tmatched\tright\tanswer\tspeed\tcpu_ms\n");
    for (q, a) in qs.iter().zip(a) {
        let e = if q.positive { &m.positives[q.coll][q.k] } else { &m.negatives[q.coll][q.k] };
        let _ = writeln!(
            s,
            "{}\t{}\t{}\t{}\t{}\t{:.2}\t{}\t{}\t{}\t{:.3}\t{:.3}",
            m.names[q.coll],
            if q.positive { "positive" } else { "negative" },
            q.cond.name(),
            q.len_s,
            m.tracks[e.track].name,
            e.start_s,
            a.matched,
            a.right,
            a.track,
            a.speed,
            a.cpu_ms
        );
    }
    std::fs::write(path, s).expect("write queries.tsv");
}

/// Accuracy per condition (x) per collection (one line each), 5 s solid and 3 s dashed-light.
/// Only the measured conditions ([`CollOptions::conds`]) and the collections with positives.
pub fn plot(path: &Path, m: &Material, (qs, a): &(Vec<Query>, Vec<Answer>), opts: &CollOptions) -> Result<(), Box<dyn std::error::Error>> {
    use plotters::prelude::*;
    let conds = &opts.conds;
    let root = BitMapBackend::new(path, (1400, 700)).into_drawing_area();
    root.fill(&WHITE)?;
    let n = conds.len();
    let mut chart = ChartBuilder::on(&root)
        .caption("recognition accuracy per condition and collection (5 s solid, 3 s faint)", ("sans-serif", 22))
        .margin(15)
        .x_label_area_size(60)
        .y_label_area_size(50)
        .build_cartesian_2d(-0.5..n as f64 - 0.5, 0.0..101.0)?;
    chart
        .configure_mesh()
        .x_labels(n)
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() < 0.01 && i >= 0.0 && (i as usize) < n { conds[i as usize].name() } else { String::new() }
        })
        .y_desc("right answers (%)")
        .draw()?;
    let colours = [RED, BLUE, GREEN, MAGENTA, CYAN, BLACK, RGBColor(230, 140, 0)];
    for c in (0..m.names.len()).filter(|&c| !m.positives[c].is_empty()) {
        let col = colours[c % colours.len()];
        for &len_s in &opts.lengths {
            let pts: Vec<(f64, f64)> = conds
                .iter()
                .enumerate()
                .map(|(i, &cond)| {
                    let (r, _, n) = cell(qs, a, c, cond, len_s);
                    (i as f64, 100.0 * r as f64 / n.max(1) as f64)
                })
                .collect();
            let style = if len_s > 4.0 { col.stroke_width(3) } else { col.mix(0.35).stroke_width(2) };
            let series = chart.draw_series(LineSeries::new(pts.clone(), style))?;
            if len_s > 4.0 {
                series.label(m.names[c].clone()).legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], col.stroke_width(3)));
            }
            chart.draw_series(pts.iter().map(|&p| Circle::new(p, 3, col.filled())))?;
        }
    }
    chart.configure_series_labels().position(SeriesLabelPosition::LowerLeft).background_style(WHITE.mix(0.8)).border_style(BLACK).draw()?;
    root.present()?;
    Ok(())
}
