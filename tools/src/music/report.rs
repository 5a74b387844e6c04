//! Tables of `music-eval` (one per style: rows are figures, columns arc × seed, the worst
//! beside the target) and spectrogram excerpts for `docs/music.md`.

use super::Render;
use super::analysis::Metrics;
use std::fmt::Write as _;
use std::path::Path;

fn f(x: f64, digits: usize) -> String {
    if x.is_finite() { format!("{x:.digits$}") } else { "–".into() }
}

/// One markdown table for a style. `drone`: the style declares drones for calm passages (the
/// calm-onset target does not apply).
pub fn table(style: &str, cols: &[(String, Metrics)], drone: bool) -> String {
    type Row = (&'static str, &'static str, Box<dyn Fn(&Metrics) -> f64>, bool, usize);
    let rows: Vec<Row> = vec![
        ("distinct 4-bar phrases (share)", "≥ 0.65", Box::new(|m| m.distinct_phrases as f64 / m.phrases.max(1) as f64), false, 2),
        ("phrases", "", Box::new(|m| m.phrases as f64), false, 0),
        ("chord labels heard", "≥ 16", Box::new(|m| m.chord_labels as f64), false, 0),
        ("chord labels played (engine)", "", Box::new(|m| m.chord_labels_symbolic as f64), false, 0),
        ("chord root agreement heard/played", "", Box::new(|m| m.chord_agreement), false, 2),
        ("similarity lag 1 bar", "", Box::new(|m| m.sim[0]), true, 3),
        ("similarity lag 2 bars", "", Box::new(|m| m.sim[1]), true, 3),
        ("similarity lag 4 bars", "", Box::new(|m| m.sim[2]), true, 3),
        ("similarity lag 8 bars", "", Box::new(|m| m.sim[3]), true, 3),
        ("lag 4 − lag 1", "≤ 0.03", Box::new(|m| m.sim[2] - m.sim[0]), true, 3),
        ("theme recurrences", "≥ 1", Box::new(|m| m.theme_recurrences as f64), false, 0),
        ("first return (bar)", "", Box::new(|m| m.first_return_bar.map_or(f64::NAN, |b| b as f64)), true, 0),
        ("calm onsets/s", if drone { "drone" } else { "≥ 0.8" }, Box::new(|m| m.calm_onsets_per_s.unwrap_or(f64::NAN)), false, 2),
        ("bars with lead", "", Box::new(|m| m.lead_bars as f64), false, 0),
        ("melody trackable (share of lead bars)", "≥ 0.5", Box::new(|m| m.melody_trackable), false, 2),
        ("lead misses on the chord root (share)", "", Box::new(|m| m.melody_missed_on[0]), true, 2),
        ("lead misses on another chord tone (share)", "", Box::new(|m| m.melody_missed_on[1]), true, 2),
        ("r tempo–arousal", "≥ 0.8", Box::new(|m| m.arc_r.map_or(f64::NAN, |r| r[0])), false, 2),
        ("r onsets–arousal", "≥ 0.8", Box::new(|m| m.arc_r.map_or(f64::NAN, |r| r[1])), false, 2),
        ("r brightness–arousal", "≥ 0.8", Box::new(|m| m.arc_r.map_or(f64::NAN, |r| r[2])), false, 2),
        ("r loudness–arousal", "≥ 0.8", Box::new(|m| m.arc_r.map_or(f64::NAN, |r| r[3])), false, 2),
        ("loudness (LUFS)", "−23 ± 1", Box::new(|m| m.lufs), true, 1),
        ("true peak (dBTP)", "≤ −1", Box::new(|m| m.true_peak_db), true, 1),
        ("last 10 ms (dBFS)", "≤ −60", Box::new(|m| m.last_db), true, 1),
        ("stinger − event, worst (ms)", "≤ 20", Box::new(|m| m.stinger_err_ms.unwrap_or(f64::NAN)), true, 0),
        ("stingers / cues", "", Box::new(|m| m.stingers as f64 / m.cues.max(1) as f64), false, 2),
    ];
    let mut s = format!("### {style}\n\n| figure | target | worst |");
    for (name, _) in cols {
        let _ = write!(s, " {name} |");
    }
    s.push_str("\n|---|---|---|");
    s.push_str(&"---|".repeat(cols.len()));
    s.push('\n');
    for (name, target, get, higher_is_worse, digits) in &rows {
        let vals: Vec<f64> = cols.iter().map(|(_, m)| get(m)).collect();
        let finite = vals.iter().copied().filter(|v| v.is_finite());
        let worst = if *higher_is_worse { finite.fold(f64::NAN, f64::max) } else { finite.fold(f64::NAN, f64::min) };
        let worst = if name.starts_with("loudness") {
            // the value farthest from the target
            vals.iter().copied().filter(|v| v.is_finite()).max_by(|a, b| (a + 23.0).abs().total_cmp(&(b + 23.0).abs())).unwrap_or(f64::NAN)
        } else {
            worst
        };
        let _ = write!(s, "| {name} | {target} | {} |", f(worst, *digits));
        for v in vals {
            let _ = write!(s, " {} |", f(v, *digits));
        }
        s.push('\n');
    }
    s
}

/// Writes a log-frequency spectrogram (50 Hz–16 kHz, −100…0 dB) of `len` seconds from `at`.
///
/// # Errors
/// When the PNG cannot be written.
pub fn spectrogram(r: &Render, at: f64, len: f64, path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    use plotters::prelude::*;
    use realfft::RealFftPlanner;
    const W: u32 = 600;
    const H: u32 = 200;
    const NFFT: usize = 4096;
    let rate = f64::from(r.rate);
    let start = ((at.max(0.0) * rate) as usize).min(r.mono.len());
    let end = (start + (len * rate) as usize).min(r.mono.len());
    let hop = ((end - start) / W as usize).max(1);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let root = BitMapBackend::new(path, (W, H)).into_drawing_area();
    root.fill(&BLACK)?;
    let fft = RealFftPlanner::<f32>::new().plan_fft_forward(NFFT);
    let mut input = fft.make_input_vec();
    let mut spec = fft.make_output_vec();
    for x in 0..W {
        let s = start + x as usize * hop;
        for (k, v) in input.iter_mut().enumerate() {
            let w = 0.5 - 0.5 * (2.0 * std::f32::consts::PI * k as f32 / NFFT as f32).cos();
            *v = r.mono.get(s + k).copied().unwrap_or(0.0) * w;
        }
        fft.process(&mut input, &mut spec)?;
        for y in 0..H {
            let frac = f64::from(H - 1 - y) / f64::from(H - 1);
            let hz = 50.0 * (16_000.0f64 / 50.0).powf(frac);
            let b = ((hz * NFFT as f64 / rate).round() as usize).min(spec.len() - 1);
            let db = 20.0 * f64::from(spec[b].norm() / (NFFT as f32 / 4.0)).max(1e-6).log10();
            let v = ((db + 100.0) / 100.0).clamp(0.0, 1.0);
            let c = RGBColor((255.0 * v.powf(0.7)) as u8, (255.0 * v.powi(2)) as u8, (255.0 * (0.4 * (1.0 - v) + v.powi(4))) as u8);
            root.draw_pixel((x as i32, y as i32), &c)?;
        }
    }
    root.present()?;
    Ok(())
}
