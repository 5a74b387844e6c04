//! Plots of the music commands: the emotional arc, the moments and the music's level.

use std::path::Path;

use anyhow::{Result, anyhow};
use plotters::prelude::*;

use crate::arc::Arc;

/// Draws valence and arousal over time, a line per moment (stingers in red) and the music's
/// RMS level (dB, right scale folded into -1..1) to `path` (PNG, or SVG for `.svg`).
pub fn arc_plot(path: &Path, arc: &Arc, moments: &[(f64, String, bool)], music: &[f32], rate: u32) -> Result<()> {
    let svg = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if svg {
        let root = SVGBackend::new(path, (1400, 500)).into_drawing_area();
        draw(&root, arc, moments, music, rate)
    } else {
        let root = BitMapBackend::new(path, (1400, 500)).into_drawing_area();
        draw(&root, arc, moments, music, rate)
    }
    .map_err(|e| anyhow!("cannot draw the plot {}: {e}", path.display()))
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    arc: &Arc,
    moments: &[(f64, String, bool)],
    music: &[f32],
    rate: u32,
) -> Result<(), Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let end = arc.duration_s.max(1.0);
    let mut chart = ChartBuilder::on(root)
        .caption("Emotional arc and soundtrack", ("sans-serif", 22))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(48)
        .build_cartesian_2d(0.0..end, -1.05f64..1.05)?;
    chart.configure_mesh().x_desc("time (s)").y_desc("valence / arousal").draw()?;
    // music level: RMS per second, -60..0 dBFS mapped to -1..1
    let per = rate as usize;
    let level: Vec<(f64, f64)> = music
        .chunks(2 * per)
        .enumerate()
        .map(|(i, c)| {
            let ms = c.iter().map(|&x| f64::from(x) * f64::from(x)).sum::<f64>() / c.len().max(1) as f64;
            let db = 10.0 * (ms + 1e-12).log10();
            (i as f64 + 0.5, ((db + 60.0) / 30.0 - 1.0).clamp(-1.0, 1.0))
        })
        .collect();
    chart
        .draw_series(LineSeries::new(level, RGBColor(170, 170, 170)))?
        .label("music level (-60..0 dBFS)")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], RGBColor(170, 170, 170)));
    for &(t, _, stinger) in moments {
        let colour = if stinger { RED.mix(0.8) } else { BLACK.mix(0.25) };
        chart.draw_series(std::iter::once(PathElement::new(vec![(t, -1.05), (t, 1.05)], colour)))?;
    }
    chart
        .draw_series(LineSeries::new(arc.mood.iter().map(|m| (m.t, f64::from(m.arousal))), &BLUE))?
        .label("arousal")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLUE));
    chart
        .draw_series(LineSeries::new(arc.mood.iter().map(|m| (m.t, f64::from(m.valence))), &GREEN))?
        .label("valence")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], GREEN));
    chart.configure_series_labels().background_style(WHITE.mix(0.8)).border_style(BLACK).draw()?;
    root.present()?;
    Ok(())
}
