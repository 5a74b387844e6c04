//! The arousal-scale demonstration (decision 0060): a match-like tape of real recordings —
//! stadium ambience, a long spell of rhythmic chanting, a goal cheer, chanting again, boos, an
//! "ooh", calm — run through the analyser twice, with arousal on the match's own scale (as
//! shipped) and on the absolute scale (the reading before), plotted over the crowd's loudness
//! (`target/crowd-eval/arousal-tape.{svg,png}`, the tape itself as `arousal-tape.wav`), with a
//! table of mean arousal per segment.

use std::path::Path;

use resonance_engine::analysis::CrowdAnalyzer;
use resonance_engine::{CrowdEvent, MoodSnapshot, Telemetry};
use resonance_test_support::{rms, test_audio_dir};

use super::super::RATE;
use super::super::corpus::decode_mono;

/// One segment of the tape: name, start and end (s).
type Segment = (&'static str, f64, f64);

fn levelled(mut x: Vec<f32>, level: f32) -> Vec<f32> {
    let g = level / rms(&x).max(1e-6);
    for v in &mut x {
        *v *= g;
    }
    x
}

/// Appends `seg` with a 50 ms linear cross-fade.
fn append(x: &mut Vec<f32>, seg: &[f32]) {
    let fade = (RATE / 20) as usize;
    if x.len() > fade && seg.len() > fade {
        let start = x.len() - fade;
        for k in 0..fade {
            let w = k as f32 / fade as f32;
            x[start + k] = x[start + k] * (1.0 - w) + seg[k] * w;
        }
        x.extend_from_slice(&seg[fade..]);
    } else {
        x.extend_from_slice(seg);
    }
}

/// `seconds` of the stadium ambience beds (different clips in turn, each at RMS 0.1).
fn bed(clips: &[Vec<f32>], seconds: f64, turn: &mut usize) -> Vec<f32> {
    let want = (seconds * f64::from(RATE)) as usize;
    let mut v = Vec::with_capacity(want);
    while v.len() < want {
        append(&mut v, &clips[*turn % clips.len()]);
        *turn += 1;
    }
    v.truncate(want);
    v
}

/// `event` (at RMS `level`) over `bed`, from `at` samples.
fn over(mut bed: Vec<f32>, event: &[f32], level: f32, at: usize) -> Vec<f32> {
    let e = levelled(event.to_vec(), level);
    for (b, x) in bed.iter_mut().skip(at).zip(&e) {
        *b += x;
    }
    bed
}

/// Builds the tape: audio and its segments.
fn tape() -> (Vec<f32>, Vec<Segment>) {
    let dir = test_audio_dir();
    let load = |n: &str| decode_mono(&dir.join(n));
    let beds: Vec<Vec<f32>> = ["crowd02", "crowd04", "crowd06", "crowd09", "crowd12", "crowd15", "crowd17", "fondo"]
        .iter()
        .map(|n| levelled(load(&format!("crowd/{n}.wav")), 0.1))
        .collect();
    let chants: Vec<Vec<f32>> = ["crowd01", "crowd05", "crowd08", "crowd13", "crowd14", "crowd16"]
        .iter()
        .map(|n| levelled(load(&format!("crowd/{n}.wav")), 0.2))
        .collect();
    let (mut x, mut seg, mut turn) = (Vec::new(), Vec::new(), 0usize);
    let secs = |x: &Vec<f32>| x.len() as f64 / f64::from(RATE);
    let push = |x: &mut Vec<f32>, name: &'static str, part: Vec<f32>, seg: &mut Vec<Segment>| {
        let t0 = secs(x);
        append(x, &part);
        seg.push((name, t0, secs(x)));
    };
    let chant = |n: usize| {
        let mut v = Vec::new();
        for c in chants.iter().cycle().take(n) {
            append(&mut v, c);
        }
        v
    };
    push(&mut x, "ambience", bed(&beds, 60.0, &mut turn), &mut seg);
    push(&mut x, "chant", chant(14), &mut seg);
    let b = bed(&beds, 16.0, &mut turn);
    push(&mut x, "goal cheer", over(b, &load("events/crowdcheer.wav"), 0.32, 0), &mut seg);
    push(&mut x, "chant", chant(8), &mut seg);
    push(&mut x, "ambience", bed(&beds, 30.0, &mut turn), &mut seg);
    let b = bed(&beds, 12.0, &mut turn);
    push(&mut x, "boos", over(b, &load("events/crowdboo.wav"), 0.25, 0), &mut seg);
    let b = bed(&beds, 30.0, &mut turn);
    push(&mut x, "ooh", over(b, &load("events/crowdooh.wav"), 0.25, RATE as usize * 10), &mut seg);
    push(&mut x, "ambience", bed(&beds, 30.0, &mut turn), &mut seg);
    (x, seg)
}

/// The analyser's mood snapshots and events over `x`, on the match scale or the absolute one.
fn analyse(x: &[f32], absolute: bool) -> (Vec<MoodSnapshot>, Vec<CrowdEvent>) {
    let mut a = CrowdAnalyzer::new(RATE as f32);
    a.set_absolute_arousal(absolute);
    let (mut m, mut e) = (Vec::new(), Vec::new());
    for b in x.chunks(RATE as usize / 100) {
        a.process(b, &mut |t| match t {
            Telemetry::Mood(s) => m.push(s),
            Telemetry::Event(ev) => e.push(ev),
            _ => {}
        });
    }
    (m, e)
}

fn mean_in(m: &[MoodSnapshot], lo: f64, hi: f64) -> f64 {
    let v: Vec<f64> = m.iter().filter(|s| (lo..hi).contains(&(s.time as f64 / f64::from(RATE)))).map(|s| f64::from(s.arousal)).collect();
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

/// Builds the tape, runs it, prints the table and writes the plot and the audio into `out`.
pub fn run(out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let (x, seg) = tape();
    let (rel, ev) = analyse(&x, false);
    let (abs, _) = analyse(&x, true);
    std::fs::create_dir_all(out)?;
    let spec = hound::WavSpec { channels: 1, sample_rate: RATE, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
    let mut w = hound::WavWriter::create(out.join("arousal-tape.wav"), spec)?;
    for v in &x {
        w.write_sample((v.clamp(-1.0, 1.0) * 32767.0) as i16)?;
    }
    w.finalize()?;
    println!("## Arousal over a match-like tape of real recordings ({:.0} s)\n", x.len() as f64 / f64::from(RATE));
    println!(
        "| segment | from (s) | to (s) | crowd loudness (dBFS) | arousal, match scale | arousal, absolute |\n|---|---|---|---|---|---|"
    );
    for &(name, a, b) in &seg {
        // Past the segment's first 1.5 s (the mood's smoothing), and for the event segments
        // only while the event sounds.
        let (lo, hi) = (a + 1.5, if name == "goal cheer" { a + 6.0 } else { b });
        let i = |t: f64| ((t * f64::from(RATE)) as usize).min(x.len());
        let db = 20.0 * f64::from(rms(&x[i(lo)..i(hi)]).max(1e-9)).log10();
        println!("| {name} | {a:.1} | {b:.1} | {db:.1} | {:+.2} | {:+.2} |", mean_in(&rel, lo, hi), mean_in(&abs, lo, hi));
    }
    let chant = seg.iter().find(|s| s.0 == "chant").map_or((0.0, 0.0), |s| (s.2 - 30.0, s.2));
    let cheer = seg.iter().find(|s| s.0 == "goal cheer").map_or((0.0, 0.0), |s| (s.1 + 1.5, s.1 + 5.5));
    for (name, m) in [("match scale", &rel), ("absolute", &abs)] {
        let (c, g) = (mean_in(m, chant.0, chant.1), mean_in(m, cheer.0, cheer.1));
        println!("\n{name}: celebration {g:+.2} − chant (its last 30 s) {c:+.2} = {:+.2}", g - c);
    }
    let events: Vec<String> = ev.iter().map(|e| format!("{} {:.1} s", e.kind.as_str(), e.onset as f64 / f64::from(RATE))).collect();
    println!("\nevents: {}", events.join(", "));
    for ext in ["svg", "png"] {
        plot(&out.join(format!("arousal-tape.{ext}")), &x, &seg, &rel, &abs, &ev)?;
    }
    println!("\nwrote {}/arousal-tape.{{wav,svg,png}}", out.display());
    Ok(())
}

/// Two panels over the tape's time: the crowd's loudness (0.5 s RMS, dBFS) with the segments,
/// and arousal on both scales with the events.
fn plot(
    path: &Path,
    x: &[f32],
    seg: &[Segment],
    rel: &[MoodSnapshot],
    abs: &[MoodSnapshot],
    ev: &[CrowdEvent],
) -> Result<(), Box<dyn std::error::Error>> {
    use plotters::prelude::*;
    let size = (1400, 700);
    if path.extension().is_some_and(|e| e == "svg") {
        draw(&SVGBackend::new(path, size).into_drawing_area(), x, seg, rel, abs, ev)
    } else {
        draw(&BitMapBackend::new(path, size).into_drawing_area(), x, seg, rel, abs, ev)
    }
}

fn draw<DB: plotters::prelude::DrawingBackend>(
    root: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    x: &[f32],
    seg: &[Segment],
    rel: &[MoodSnapshot],
    abs: &[MoodSnapshot],
    ev: &[CrowdEvent],
) -> Result<(), Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    use plotters::prelude::*;
    root.fill(&WHITE)?;
    let (top, bottom) = root.split_vertically(300);
    let end = x.len() as f64 / f64::from(RATE);
    let half = RATE as usize / 2;
    let level: Vec<(f64, f64)> =
        x.chunks(half).enumerate().map(|(i, c)| ((i as f64 + 0.5) * 0.5, 20.0 * f64::from(rms(c).max(1e-9)).log10())).collect();
    let mut c = ChartBuilder::on(&top)
        .caption("crowd loudness (0.5 s RMS) over a match-like tape of real recordings", ("sans-serif", 18))
        .margin(10)
        .x_label_area_size(25)
        .y_label_area_size(50)
        .build_cartesian_2d(0.0..end, -40.0..0.0)?;
    c.configure_mesh().y_desc("dBFS").draw()?;
    for &(name, a, _) in seg {
        c.draw_series(std::iter::once(Text::new(name, (a + 1.0, -4.0), ("sans-serif", 14))))?;
        c.draw_series(std::iter::once(PathElement::new(vec![(a, -40.0), (a, 0.0)], BLACK.mix(0.3))))?;
    }
    c.draw_series(LineSeries::new(level, BLACK))?;
    let mut c = ChartBuilder::on(&bottom).margin(10).x_label_area_size(30).y_label_area_size(50).build_cartesian_2d(0.0..end, -1.0..1.0)?;
    c.configure_mesh().x_desc("time (s)").y_desc("arousal").draw()?;
    let t = |m: &MoodSnapshot| m.time as f64 / f64::from(RATE);
    c.draw_series(LineSeries::new(rel.iter().map(|m| (t(m), f64::from(m.arousal))), RED.stroke_width(2)))?
        .label("arousal, match scale (shipped)")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], RED.stroke_width(2)));
    c.draw_series(LineSeries::new(abs.iter().map(|m| (t(m), f64::from(m.arousal))), BLUE))?
        .label("arousal, absolute (before)")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLUE));
    for e in ev {
        let te = e.onset as f64 / f64::from(RATE);
        c.draw_series(std::iter::once(Text::new(e.kind.as_str(), (te, -0.9), ("sans-serif", 12))))?;
        c.draw_series(std::iter::once(PathElement::new(vec![(te, -1.0), (te, -0.8)], GREEN)))?;
    }
    c.configure_series_labels().background_style(WHITE.mix(0.8)).border_style(BLACK).draw()?;
    root.present()?;
    Ok(())
}
