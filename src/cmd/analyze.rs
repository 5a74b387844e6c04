//! `resonance analyze FILE [--json] [--plot arc.png|arc.svg]`: runs the engine's crowd
//! analyser over a recording, offline, exactly as the audio thread would (64-sample blocks),
//! and prints a timeline of events and the mood every 0.5 s, or one JSON document.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use resonance_engine::analysis::CrowdAnalyzer;
use resonance_engine::{CrowdEvent, CrowdEventKind, MoodLabel, MoodSnapshot, Telemetry, WhistleKind};
use resonance_io::decode::{decode_file_with_progress, resample};
use serde::Serialize;

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Audio file to analyse (WAV, FLAC, Ogg Vorbis, MP3; any channel count and rate).
    pub file: PathBuf,
    /// Print one JSON document on standard output instead of the timeline.
    #[arg(long)]
    pub json: bool,
    /// Draw the mood arc with event markers to this PNG or SVG file.
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
}

#[derive(Debug, Serialize)]
struct JsonEvent {
    t: f64,
    kind: &'static str,
    confidence: f32,
}

#[derive(Debug, Serialize)]
struct JsonMood {
    t: f64,
    valence: f32,
    arousal: f32,
    label: &'static str,
    confidence: f32,
}

#[derive(Debug, Serialize)]
struct JsonDoc {
    events: Vec<JsonEvent>,
    mood: Vec<JsonMood>,
}

/// Decodes a file (any format `resonance_io::decode` reads) to mono at a rate the
/// analyser supports (22.05–192 kHz; other rates are resampled).
fn load(path: &Path) -> Result<(u32, Vec<f32>)> {
    let bar = ProgressBar::new(0);
    bar.set_style(ProgressStyle::with_template("decoding  {bar:40} {percent}%").unwrap_or_else(|_| ProgressStyle::default_bar()));
    let decoded = decode_file_with_progress(path, &mut |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    });
    bar.finish_and_clear();
    // the decoder's error starts with the path: it is not repeated here
    let d = decoded.context("cannot read the file as audio: check that the file exists and is an undamaged recording")?;
    let mono = d.to_mono();
    let rate = d.sample_rate;
    if (22_050..=192_000).contains(&rate) {
        return Ok((rate, mono));
    }
    let to = if rate < 22_050 { 22_050 } else { 192_000 };
    let y = resample(&mono, rate, to).with_context(|| format!("cannot resample {} from {rate} Hz to {to} Hz", path.display()))?;
    Ok((to, y))
}

/// Runs the analyser; returns events and moods.
fn analyse(rate: u32, x: &[f32], progress: bool) -> (Vec<CrowdEvent>, Vec<MoodSnapshot>) {
    let mut a = CrowdAnalyzer::new(rate as f32);
    let mut events = Vec::new();
    let mut moods = Vec::new();
    let bar = if progress {
        let b = ProgressBar::new(x.len() as u64);
        b.set_style(ProgressStyle::with_template("analysing {bar:40} {percent}% {eta}").unwrap_or_else(|_| ProgressStyle::default_bar()));
        b
    } else {
        ProgressBar::hidden()
    };
    for (i, chunk) in x.chunks(64).enumerate() {
        a.process(chunk, &mut |t| match t {
            Telemetry::Event(e) => events.push(e),
            Telemetry::Mood(m) => moods.push(m),
            _ => {}
        });
        if i % 4096 == 0 {
            bar.set_position((i * 64) as u64);
        }
    }
    bar.finish_and_clear();
    (events, moods)
}

fn whistle_suffix(e: &CrowdEvent) -> &'static str {
    if e.kind != CrowdEventKind::Whistle {
        return "";
    }
    match e.whistle {
        WhistleKind::Long => " (long)",
        WhistleKind::Repeated => " (repeated)",
        _ => " (short)",
    }
}

/// The text timeline: every event at its onset and every mood snapshot at its time, in time
/// order (an event is decided after its onset, so it is placed back where it began; at equal
/// times the event comes first).
fn timeline(events: &[CrowdEvent], moods: &[MoodSnapshot], rate: u32) -> Vec<(u64, String)> {
    let secs = |t: u64| t as f64 / f64::from(rate);
    let mut lines: Vec<(u64, u8, String)> = events
        .iter()
        .map(|e| {
            let line = format!(
                "{:>8.2}s  EVENT {}{} (confidence {:.2}, detected {:.0} ms after onset)",
                secs(e.onset),
                e.kind.as_str(),
                whistle_suffix(e),
                e.confidence,
                1000.0 * secs(e.detected.saturating_sub(e.onset))
            );
            (e.onset, 0, line)
        })
        .chain(moods.iter().map(|m| {
            let line = format!(
                "{:>8.2}s  mood {:<14} valence {:+.2} arousal {:+.2} confidence {:.2}",
                secs(m.time),
                m.label.as_str(),
                m.valence,
                m.arousal,
                m.confidence
            );
            (m.time, 1, line)
        }))
        .collect();
    // stable: events of the same onset keep the order they were decided in
    lines.sort_by_key(|(t, kind, _)| (*t, *kind));
    lines.into_iter().map(|(t, _, l)| (t, l)).collect()
}

pub fn run(args: &AnalyzeArgs) -> Result<()> {
    if let Some(plot) = &args.plot {
        crate::files::refuse_clobber(&[crate::files::named("--plot", plot)], &[crate::files::named("FILE", &args.file)])?;
    }
    let (rate, x) = load(&args.file)?;
    if x.is_empty() {
        bail!("{}: the file contains no audio samples; nothing to analyse", args.file.display());
    }
    let (events, moods) = analyse(rate, &x, true);
    let secs = |t: u64| t as f64 / f64::from(rate);

    if args.json {
        let doc = JsonDoc {
            events: events.iter().map(|e| JsonEvent { t: secs(e.onset), kind: e.kind.as_str(), confidence: e.confidence }).collect(),
            mood: moods
                .iter()
                .map(|m| JsonMood {
                    t: secs(m.time),
                    valence: m.valence,
                    arousal: m.arousal,
                    label: m.label.as_str(),
                    confidence: m.confidence,
                })
                .collect(),
        };
        println!("{}", serde_json::to_string_pretty(&doc)?);
    } else {
        println!("{}: {:.1} s at {} Hz, {} events", args.file.display(), x.len() as f64 / f64::from(rate), rate, events.len());
        for (_, line) in timeline(&events, &moods, rate) {
            println!("{line}");
        }
    }
    if let Some(path) = &args.plot {
        plot(path, &events, &moods, rate, x.len() as f64 / f64::from(rate))?;
        eprintln!("mood arc written to {}", path.display());
    }
    Ok(())
}

fn plot(path: &Path, events: &[CrowdEvent], moods: &[MoodSnapshot], rate: u32, duration: f64) -> Result<()> {
    use plotters::prelude::*;
    let svg = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    let size = (1200, 500);
    let r = if svg {
        draw_arc(&SVGBackend::new(path, size).into_drawing_area(), events, moods, rate, duration)
    } else {
        draw_arc(&BitMapBackend::new(path, size).into_drawing_area(), events, moods, rate, duration)
    };
    r.with_context(|| format!("cannot write the plot to {}: check the directory exists and is writable", path.display()))
}

/// The colour of a mood label in the plot's strip.
fn label_color(label: MoodLabel) -> plotters::style::RGBColor {
    use plotters::style::RGBColor;
    match label {
        MoodLabel::Anticipation => RGBColor(120, 170, 230),
        MoodLabel::Tension => RGBColor(240, 150, 40),
        MoodLabel::Excitement => RGBColor(240, 210, 40),
        MoodLabel::Celebration => RGBColor(60, 180, 75),
        MoodLabel::Disappointment => RGBColor(150, 90, 180),
        MoodLabel::Chanting => RGBColor(170, 110, 60),
        // calm, and any label added later
        _ => RGBColor(170, 170, 170),
    }
}

fn draw_arc<DB: plotters::prelude::DrawingBackend>(
    root: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    events: &[CrowdEvent],
    moods: &[MoodSnapshot],
    rate: u32,
    duration: f64,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    use plotters::prelude::*;
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| anyhow::anyhow!("{e}");
    root.fill(&WHITE).map_err(err)?;
    let mut chart = ChartBuilder::on(root)
        .caption("Crowd mood arc", ("sans-serif", 22))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(48)
        .build_cartesian_2d(0.0..duration.max(0.5), -1.1f64..1.1f64)
        .map_err(err)?;
    chart.configure_mesh().x_desc("time (s)").y_desc("valence / arousal").draw().map_err(err)?;
    let t = |s: u64| s as f64 / f64::from(rate);
    // The mood label as a strip along the bottom: each snapshot's span in its label's colour,
    // paler the less confident, and the label's name where it changes (when the last name
    // written leaves room for it: a few labels in quick succession show only as colours).
    let mut prev_end = 0.0;
    let mut prev_label = None;
    let mut last_name = f64::NEG_INFINITY;
    let room = 0.06 * duration.max(0.5);
    for m in moods {
        let (x0, x1) = (prev_end, t(m.time));
        prev_end = x1;
        let color = label_color(m.label);
        let alpha = 0.25 + 0.75 * f64::from(m.confidence.clamp(0.0, 1.0));
        chart.draw_series([Rectangle::new([(x0, -1.1), (x1, -0.96)], color.mix(alpha).filled())]).map_err(err)?;
        if prev_label != Some(m.label) && x0 - last_name >= room {
            last_name = x0;
            let font = ("sans-serif", 12).into_font().color(&BLACK);
            chart.draw_series([Text::new(m.label.as_str().to_string(), (x0, -0.93), font)]).map_err(err)?;
        }
        prev_label = Some(m.label);
    }
    chart
        .draw_series(LineSeries::new(moods.iter().map(|m| (t(m.time), f64::from(m.arousal))), RED.stroke_width(2)))
        .map_err(err)?
        .label("arousal")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], RED));
    chart
        .draw_series(LineSeries::new(moods.iter().map(|m| (t(m.time), f64::from(m.valence))), BLUE.stroke_width(2)))
        .map_err(err)?
        .label("valence")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], BLUE));
    let mut last_event_name = f64::NEG_INFINITY;
    // in onset order (events come in the order they were decided: a boo after a whistle that
    // began later)
    let mut by_onset: Vec<&CrowdEvent> = events.iter().collect();
    by_onset.sort_by_key(|e| e.onset);
    for e in by_onset {
        let x = t(e.onset);
        let color = match e.kind {
            CrowdEventKind::GoalRoar => GREEN,
            CrowdEventKind::Whistle => BLACK,
            CrowdEventKind::Booing => MAGENTA,
            CrowdEventKind::NearMiss => CYAN,
            _ => RGBColor(160, 120, 0),
        };
        chart.draw_series(LineSeries::new([(x, -1.05), (x, 1.05)], color.stroke_width(1))).map_err(err)?;
        // every event has its line; its name only where the last name leaves room
        if x - last_event_name >= room {
            last_event_name = x;
            chart
                .draw_series([Text::new(e.kind.as_str().to_string(), (x, 1.0), ("sans-serif", 13).into_font().color(&color))])
                .map_err(err)?;
        }
    }
    chart.configure_series_labels().border_style(BLACK).background_style(WHITE.mix(0.8)).draw().map_err(err)?;
    root.present().map_err(err)?;
    Ok(())
}
