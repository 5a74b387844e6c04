//! The candidate pool as a picture: an SVG of every track on valence (x) × arousal (y), each
//! −1..1, the page's "why this track" at a glance and `resonance library scan --plot`'s
//! output. A dot's colour says where its mood comes from (measured, matched, tags, the user's
//! label, unknown), its opacity its confidence and its radius its energy; the director's
//! target is a cross and the track playing a ring. Names go into `<title>` tooltips,
//! XML-escaped (they come from outside services). Plain text, no plotting crate: a few
//! hundred elements.

use std::fmt::Write as _;

use crate::library::model::PoolEntry;
use crate::library::mood::MoodSource;
use crate::library::select::Target;

/// Side of the square plot area, px.
const SIDE: f32 = 420.0;
/// Margin for the axis labels, px.
const MARGIN: f32 = 40.0;

/// The colour of a mood source (and its legend label).
fn colour(s: MoodSource) -> (&'static str, &'static str) {
    match s {
        MoodSource::User => ("#d62728", "your label"),
        MoodSource::Audio => ("#1f77b4", "measured"),
        MoodSource::Matched => ("#2ca02c", "matched copy"),
        MoodSource::Tags => ("#9467bd", "tags"),
        MoodSource::Unknown => ("#7f7f7f", "unknown"),
    }
}

/// Plot coordinates of a valence/arousal pair (non-finite values sit at 0).
fn xy(valence: f32, arousal: f32) -> (f32, f32) {
    let f = |v: f32| if v.is_finite() { v.clamp(-1.0, 1.0) } else { 0.0 };
    (MARGIN + f32::midpoint(f(valence), 1.0) * SIDE, MARGIN + f32::midpoint(1.0, -f(arousal)) * SIDE)
}

fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o
}

/// The pool as an SVG document.
pub fn pool_svg(pool: &[PoolEntry], target: Option<&Target>, playing: Option<&str>) -> String {
    let full = SIDE + 2.0 * MARGIN;
    let mut s = String::with_capacity(256 + pool.len() * 200);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="11"><rect width="100%" height="100%" fill="#fff"/>"##,
        w = full + 110.0,
        h = full
    );
    // frame, centre lines, axis names and quadrant words
    let (x0, y0) = xy(-1.0, 1.0);
    let (cx, cy) = xy(0.0, 0.0);
    let _ = write!(
        s,
        r##"<rect x="{x0}" y="{y0}" width="{SIDE}" height="{SIDE}" fill="none" stroke="#999"/><line x1="{cx}" y1="{y0}" x2="{cx}" y2="{y1}" stroke="#ddd"/><line x1="{x0}" y1="{cy}" x2="{x1}" y2="{cy}" stroke="#ddd"/><text x="{cx}" y="{yl}" text-anchor="middle">valence →</text><text x="12" y="{cy}" transform="rotate(-90 12 {cy})" text-anchor="middle">arousal →</text>"##,
        y1 = y0 + SIDE,
        x1 = x0 + SIDE,
        yl = full - 10.0,
    );
    for (v, a, word) in [(-0.95, 0.93, "tense"), (0.95, 0.93, "excited"), (-0.95, -0.97, "sad"), (0.95, -0.97, "calm")] {
        let (x, y) = xy(v, a);
        let anchor = if v < 0.0 { "start" } else { "end" };
        let _ = write!(s, r##"<text x="{x}" y="{y}" fill="#aaa" text-anchor="{anchor}">{word}</text>"##);
    }
    for e in pool {
        let m = &e.mood;
        let (x, y) = xy(m.valence, m.arousal);
        let (fill, _) = colour(m.source);
        let r = 3.0 + 4.0 * if m.energy.is_finite() { m.energy.clamp(0.0, 1.0) } else { 0.5 };
        let op = 0.25 + 0.75 * if m.confidence.is_finite() { m.confidence.clamp(0.0, 1.0) } else { 0.0 };
        let _ = write!(
            s,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{fill}" fill-opacity="{op:.2}"><title>{} — {} (v {:.2}, a {:.2}, {} {:.0} %)</title></circle>"#,
            escape(&e.track.artist),
            escape(&e.track.title),
            m.valence,
            m.arousal,
            m.source.as_str(),
            100.0 * m.confidence,
        );
        if playing == Some(e.track.key.as_str()) {
            let _ = write!(
                s,
                r##"<circle class="playing" cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="none" stroke="#000" stroke-width="2"/>"##,
                r + 4.0
            );
        }
    }
    if let Some(t) = target {
        let (x, y) = xy(t.valence, t.arousal);
        let _ = write!(
            s,
            r##"<g class="target" stroke="#e377c2" stroke-width="3"><line x1="{a:.1}" y1="{y:.1}" x2="{b:.1}" y2="{y:.1}"/><line x1="{x:.1}" y1="{c:.1}" x2="{x:.1}" y2="{d:.1}"/><title>target (v {:.2}, a {:.2})</title></g>"##,
            t.valence,
            t.arousal,
            a = x - 9.0,
            b = x + 9.0,
            c = y - 9.0,
            d = y + 9.0,
        );
    }
    // legend
    let lx = full + 4.0;
    for (i, src) in
        [MoodSource::Audio, MoodSource::Matched, MoodSource::Tags, MoodSource::User, MoodSource::Unknown].into_iter().enumerate()
    {
        let (fill, label) = colour(src);
        let y = MARGIN + 16.0 * i as f32;
        let _ = write!(s, r#"<circle cx="{lx}" cy="{y}" r="5" fill="{fill}"/><text x="{}" y="{}">{label}</text>"#, lx + 9.0, y + 4.0);
    }
    let _ = write!(s, r##"<text x="{lx}" y="{}" fill="#555">{} tracks</text></svg>"##, MARGIN + 16.0 * 5.0 + 8.0, pool.len());
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::model::{ProviderKind, Track};
    use crate::library::mood::TrackMood;

    fn entry(key: &str, title: &str, v: f32, a: f32, source: MoodSource) -> PoolEntry {
        PoolEntry {
            track: Track {
                key: key.into(),
                provider: ProviderKind::Local,
                id: key.into(),
                title: title.into(),
                artist: "A & B".into(),
                album: String::new(),
                duration_ms: 0,
            },
            mood: TrackMood { valence: v, arousal: a, confidence: 0.8, energy: 0.5, tempo_bpm: None, source },
        }
    }

    #[test]
    fn tracks_land_in_their_quadrant_with_names_escaped() {
        let pool = [entry("k1", "<calm>", 1.0, -1.0, MoodSource::Audio), entry("k2", "tense", -1.0, 1.0, MoodSource::Tags)];
        let t = Target { valence: 0.0, arousal: 0.0, energy: None, trigger: false };
        let svg = pool_svg(&pool, Some(&t), Some("k2"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        // calm: right and low; tense: left and high
        assert!(svg.contains(r#"<circle cx="460.0" cy="460.0""#), "{svg}");
        assert!(svg.contains(r#"<circle cx="40.0" cy="40.0""#));
        assert!(svg.contains("A &amp; B — &lt;calm&gt;") && !svg.contains("<calm>"));
        assert!(svg.contains(r#"class="playing" cx="40.0""#), "the ring is on the track playing");
        assert!(svg.contains("target (v 0.00, a 0.00)"));
        // NaN moods do not break the document
        let nan = [entry("k3", "x", f32::NAN, f32::INFINITY, MoodSource::Unknown)];
        assert!(pool_svg(&nan, None, None).contains(r#"cx="250.0" cy="250.0""#));
    }
}
