//! Plots of the music commands: the emotional arc, the moments and the music's level.

use std::path::Path;

use anyhow::{Result, anyhow};
use plotters::prelude::*;

use crate::arc::Arc;

/// Draws valence and arousal over time, a line per moment (stingers in red) and the music's
/// RMS level (dB, right scale folded into -1..1) to `path` (PNG, or SVG for `.svg`).
pub fn arc_plot(path: &Path, arc: &Arc, moments: &[(f64, String, bool)], level: &[(f64, f64)]) -> Result<()> {
    let svg = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if svg {
        let root = SVGBackend::new(path, (1400, 500)).into_drawing_area();
        draw(&root, arc, moments, level)
    } else {
        let root = BitMapBackend::new(path, (1400, 500)).into_drawing_area();
        draw(&root, arc, moments, level)
    }
    .map_err(|e| anyhow!("cannot draw the plot {}: {e}", path.display()))
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    arc: &Arc,
    moments: &[(f64, String, bool)],
    level: &[(f64, f64)],
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
    chart
        .draw_series(LineSeries::new(level.iter().copied(), RGBColor(170, 170, 170)))?
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

/// The music's level for [`arc_plot`]: RMS per second of interleaved stereo, −60..0 dBFS
/// mapped to −1..1, measured block by block as the music is rendered.
pub struct MusicLevel {
    per: usize,
    sum: f64,
    count: usize,
    points: Vec<(f64, f64)>,
}

impl MusicLevel {
    /// A meter for interleaved stereo at `rate`.
    pub fn new(rate: u32) -> Self {
        Self { per: 2 * rate as usize, sum: 0.0, count: 0, points: Vec::new() }
    }

    /// Measures the next interleaved samples.
    pub fn push(&mut self, block: &[f32]) {
        for &x in block {
            self.sum += f64::from(x) * f64::from(x);
            self.count += 1;
            if self.count == self.per {
                self.point();
            }
        }
    }

    fn point(&mut self) {
        let ms = self.sum / self.count.max(1) as f64;
        let db = 10.0 * (ms + 1e-12).log10();
        self.points.push((self.points.len() as f64 + 0.5, ((db + 60.0) / 30.0 - 1.0).clamp(-1.0, 1.0)));
        self.sum = 0.0;
        self.count = 0;
    }

    /// The points, one per second (the last one over what is left).
    pub fn finish(mut self) -> Vec<(f64, f64)> {
        if self.count > 0 {
            self.point();
        }
        self.points
    }
}
