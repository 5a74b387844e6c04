//! `resonance analyze FILE [--json] [--plot arc.png|arc.svg]`: runs the engine's crowd
//! analyser over a recording, offline, exactly as the audio thread would (64-sample blocks),
//! and prints a timeline of events and the mood every 0.5 s, or one JSON document.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use resonance_engine::analysis::CrowdAnalyzer;
use resonance_engine::{CrowdEvent, CrowdEventKind, MoodLabel, MoodSnapshot, Telemetry, WhistleKind};
use resonance_io::decode::{DecodeStream, StreamResampler, mono_into};
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

/// What the analyser made of a file.
struct Reading {
    /// The rate the analyser ran at.
    rate: u32,
    /// Samples analysed.
    samples: u64,
    events: Vec<CrowdEvent>,
    moods: Vec<MoodSnapshot>,
}

/// Decodes a file (any format `resonance_io::decode` reads) chunk by chunk, mixes it to mono,
/// resamples it to a rate the analyser supports when needed (22.05–192 kHz) and runs the
/// analyser over 64-sample blocks, as the audio thread would. Holds a chunk of the file at a
/// time (decision record 0023); the blocks are those of the whole-file mono signal.
fn analyse_file(path: &Path) -> Result<Reading> {
    // the decoder's error starts with the path: it is not repeated here
    let unreadable = || "cannot read the file as audio: check that the file exists and is an undamaged recording".to_string();
    let mut stream = DecodeStream::open(path).with_context(unreadable)?;
    let rate = stream.sample_rate();
    let to = if (22_050..=192_000).contains(&rate) {
        rate
    } else if rate < 22_050 {
        22_050
    } else {
        192_000
    };
    let cannot_resample = || format!("cannot resample {} from {rate} Hz to {to} Hz", path.display());
    let mut resampler = if to == rate { None } else { Some(StreamResampler::new(rate, to).with_context(cannot_resample)?) };
    let mut reading = Reading { rate: to, samples: 0, events: Vec::new(), moods: Vec::new() };
    let mut analyzer = CrowdAnalyzer::new(to as f32);
    let bar = ProgressBar::new(stream.progress().1.unwrap_or(0));
    bar.set_style(ProgressStyle::with_template("analysing {bar:40} {percent}% {eta}").unwrap_or_else(|_| ProgressStyle::default_bar()));
    let mut mono = Vec::new();
    let mut x = Vec::new();
    while let Some(chunk) = stream.next_chunk().with_context(unreadable)? {
        mono.clear();
        mono_into(chunk, &mut mono);
        match &mut resampler {
            Some(r) => r.push(&mono, &mut x).with_context(cannot_resample)?,
            None => x.extend_from_slice(&mono),
        }
        feed(&mut analyzer, &mut x, false, &mut reading);
        bar.set_position(stream.progress().0);
    }
    if let Some(r) = &mut resampler {
        r.finish(&mut x).with_context(cannot_resample)?;
    }
    feed(&mut analyzer, &mut x, true, &mut reading);
    bar.finish_and_clear();
    Ok(reading)
}

/// Runs the analyser over the whole 64-sample blocks of `x` (all of it when `last`), removing
/// them from `x`.
fn feed(a: &mut CrowdAnalyzer, x: &mut Vec<f32>, last: bool, reading: &mut Reading) {
    let whole = if last { x.len() } else { x.len() / 64 * 64 };
    for chunk in x[..whole].chunks(64) {
        a.process(chunk, &mut |t| match t {
            Telemetry::Event(e) => reading.events.push(e),
            Telemetry::Mood(m) => reading.moods.push(m),
            _ => {}
        });
    }
    reading.samples += whole as u64;
    x.drain(..whole);
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
    let Reading { rate, samples, events, moods } = analyse_file(&args.file)?;
    if samples == 0 {
        bail!("{}: the file contains no audio samples; nothing to analyse", args.file.display());
    }
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
        println!("{}: {:.1} s at {} Hz, {} events", args.file.display(), samples as f64 / f64::from(rate), rate, events.len());
        for (_, line) in timeline(&events, &moods, rate) {
            println!("{line}");
        }
    }
    if let Some(path) = &args.plot {
        plot(path, &events, &moods, rate, samples as f64 / f64::from(rate))?;
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
