//! The report: one markdown table per split (detections, latencies, false alarms), the lines
//! under it (misses, false alarms by context, mood macro-F1 and confusion), and a detection
//! timeline plot per split.

use std::path::Path;

use resonance_engine::{CrowdEventKind, MoodLabel};

use super::scoring::{CpuShare, Row, SplitScore, pct};
use super::{Composite, KINDS, MUSIC_S, NAMES, Split, WANT, WARM_S};

/// The heading and the analyser's CPU share.
pub fn print_cpu(share: &CpuShare) {
    println!("## Crowd analysis (issue 3)\n");
    println!(
        "CPU, 64-sample blocks at 48 kHz: **{:.3}%** of one core's real-time budget (thread CPU time; wall clock {:.3}%)\n",
        share.cpu, share.wall
    );
}

/// Everything printed for one split, and its timeline plot in `out_dir`.
pub fn print_split(name: &str, split: &Split, set: &[Composite], s: &SplitScore, out_dir: &Path) {
    print_table(name, set.len(), s);
    print_context(split, set, s);
    let plot = out_dir.join(format!("timeline-{name}.png"));
    match timeline_plot(&plot, name, &s.rows) {
        Ok(()) => println!("\nDetection timeline: `{}`", plot.display()),
        Err(e) => println!("\n(no timeline plot: {e})"),
    }
    print_mood(name, s);
}

/// The table: per kind, detections, latency p50/p95, lowest confidence and false alarms.
fn print_table(name: &str, composites: usize, s: &SplitScore) {
    println!("### {name} split ({composites} composites, 40–60 s each)\n");
    println!(
        "| event kind | detected | latency p50 (ms) | latency p95 (ms) | lowest confidence | false alarms / 10 min crowd-only ambience | false alarms / 10 min in the composites' beds ({:.0} min) |",
        s.bed_s / 60.0
    );
    println!("|---|---|---|---|---|---|---|");
    let per_bed = |k: CrowdEventKind| s.bed_ev.iter().filter(|&&e| e == k).count() as f64 / s.bed_s * 600.0;
    let fa = &s.calm_fa;
    for i in (0..KINDS).filter(|&i| s.totals[i] > 0) {
        let n_fa = fa.iter().filter(|e| e.kind == WANT[i]).count();
        let mut lat = s.lat[i].clone();
        println!(
            "| {} | {}/{} | {:.0} | {:.0} | {:.2} | {} | {:.2} |",
            NAMES[i],
            s.hits[i],
            s.totals[i],
            pct(&mut lat.clone(), 0.5),
            pct(&mut lat, 0.95),
            s.conf_min[i],
            n_fa,
            per_bed(WANT[i])
        );
    }
    let k = CrowdEventKind::ChantEnd;
    println!("| {} | – | – | – | – | {} | {:.2} |", k.as_str(), fa.iter().filter(|e| e.kind == k).count(), per_bed(k));
    if !s.missed.is_empty() {
        println!("\nMissed: {}", s.missed.join(", "));
    }
}

/// Counts of `v` by kind, e.g. `whistle 2, chant_start 1`, or `none`.
fn count(v: &[CrowdEventKind]) -> String {
    let mut parts = Vec::new();
    for k in [
        CrowdEventKind::Whistle,
        CrowdEventKind::GoalRoar,
        CrowdEventKind::NearMiss,
        CrowdEventKind::Booing,
        CrowdEventKind::Applause,
        CrowdEventKind::ChantStart,
        CrowdEventKind::ChantEnd,
    ] {
        let n = v.iter().filter(|&&e| e == k).count();
        if n > 0 {
            parts.push(format!("{} {n}", k.as_str()));
        }
    }
    if parts.is_empty() { "none".to_string() } else { parts.join(", ") }
}

/// The lines under the table: false alarms by context (inside reactions, in the beds, inside
/// chants, on music) and how far the true onsets lie after the clips' own.
fn print_context(split: &Split, set: &[Composite], s: &SplitScore) {
    println!(
        "\nWhistles raised inside the crowd-reaction composites (cheer, boos, \"ooh\", applause): {}{}",
        s.in_reaction.len(),
        if s.in_reaction.is_empty() { " (none)".to_owned() } else { format!(" ({})", s.in_reaction.join(", ")) }
    );
    let shifts: Vec<String> = (0..KINDS)
        .filter_map(|i| {
            let v: Vec<f64> = set.iter().filter(|c| c.kind as usize == i).map(|c| (c.onset as f64 - c.intrinsic as f64) / 48.0).collect();
            let max = v.iter().copied().fold(0.0f64, f64::max);
            (max > 0.0).then(|| format!("{} mean {:.0} ms, max {:.0} ms", NAMES[i], v.iter().sum::<f64>() / v.len().max(1) as f64, max))
        })
        .collect();
    println!(
        "\nTrue onsets (event reaches the ambience) after the clips' own onsets (the earlier labels): {}",
        if shifts.is_empty() { "none".to_string() } else { shifts.join("; ") }
    );
    println!(
        "\nEvents raised in the composites' beds before their event ({:.1} min, from {WARM_S} s after the start to 2 s before the onset): {} ({}); in the first {WARM_S} s after the analyser starts: {} ({})",
        s.bed_s / 60.0,
        s.bed_ev.len(),
        count(&s.bed_ev),
        s.warm_ev.len(),
        count(&s.warm_ev)
    );
    println!(
        "\nEvents raised inside the chant clips ({:.0} s of chanting; chant start/end excluded): {} ({})",
        s.chant_s,
        s.in_chant.len(),
        count(&s.in_chant)
    );
    if !s.in_chant_conf.is_empty() {
        println!("(confidences: {})", s.in_chant_conf.join(", "));
    }
    let (mev, msecs) = (&s.music.0, s.music.1);
    let kinds: Vec<CrowdEventKind> = mev.iter().map(|e| e.1).collect();
    let mut per_track: Vec<String> = Vec::new();
    for t in &split.music {
        let n = t.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let c = mev.iter().filter(|e| e.0 == n).count();
        if c > 0 {
            per_track.push(format!("{n} {c}"));
        }
    }
    println!(
        "\nEvents on music without a crowd ({} tracks × first {MUSIC_S} s = {:.0} min): {} = {:.1} per 10 min ({}); tracks with events: {}",
        split.music.len(),
        msecs / 60.0,
        mev.len(),
        mev.len() as f64 / msecs * 600.0,
        count(&kinds),
        if per_track.is_empty() { "none".to_string() } else { per_track.join(", ") }
    );
}

/// Mood macro-F1 and the confusion matrix.
fn print_mood(name: &str, s: &SplitScore) {
    let labels = MoodLabel::ALL;
    println!("\nMood macro-F1 ({name}, labels in ground truth: calm, celebration, disappointment, chanting): **{:.3}**\n", s.macro_f1);
    println!("Confusion (rows truth, columns predicted; {}):\n", labels.map(MoodLabel::as_str).join(", "));
    for (i, row) in s.conf.iter().enumerate() {
        if row.iter().sum::<usize>() > 0 {
            println!("    {:<15} {:?}", labels[i].as_str(), row);
        }
    }
    println!();
}

/// One row per composite: the true onset..end (grey bar, black tick at the onset) and every
/// detection (a dot at its decision time, coloured by kind).
fn timeline_plot(path: &Path, split: &str, rows: &[Row]) -> Result<(), Box<dyn std::error::Error>> {
    use plotters::prelude::*;
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d)?;
    }
    let colours: [RGBColor; KINDS] = [
        RED,
        BLUE,
        MAGENTA,
        GREEN,
        CYAN,
        RGBColor(230, 140, 0),
        RGBColor(140, 0, 0),
        RGBColor(0, 110, 0),
        RGBColor(90, 160, 0),
        RGBColor(0, 60, 160),
        RGBColor(120, 0, 160),
    ];
    let end = rows.iter().flat_map(|r| r.3.iter().map(|d| d.0)).fold(40.0f64, f64::max);
    let root = BitMapBackend::new(path, (1400, 60 + 14 * rows.len() as u32)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(format!("crowd_eval {split}: truth (grey) and detections"), ("sans-serif", 20))
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(40)
        .build_cartesian_2d(0.0..end, -0.5..rows.len() as f64 - 0.5)?;
    chart.configure_mesh().x_desc("time (s)").y_desc("composite").disable_y_mesh().draw()?;
    for (i, (kind, on, off, det)) in rows.iter().enumerate() {
        let y = i as f64;
        let c = colours[*kind as usize];
        chart.draw_series(std::iter::once(Rectangle::new([(*on, y - 0.3), (*off, y + 0.3)], c.mix(0.2).filled())))?;
        chart.draw_series(std::iter::once(PathElement::new(vec![(*on, y - 0.45), (*on, y + 0.45)], BLACK)))?;
        for &(t, k) in det {
            let ci = WANT.iter().position(|&w| w == k);
            let col = ci.map_or(BLACK, |ci| colours[ci]);
            chart.draw_series(std::iter::once(Circle::new((t, y), 4, col.filled())))?;
        }
    }
    for (i, n) in NAMES.iter().enumerate() {
        chart
            .draw_series(std::iter::once(Circle::new((-10.0, -10.0), 4, colours[i].filled())))?
            .label(*n)
            .legend(move |(x, y)| Circle::new((x, y), 4, colours[i].filled()));
    }
    chart.configure_series_labels().background_style(WHITE.mix(0.8)).border_style(BLACK).draw()?;
    root.present()?;
    Ok(())
}
