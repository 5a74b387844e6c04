//! The library's mood estimate against what can be measured of the same audio (`mood-eval`).
//!
//! For every audio file under the given folders, the bridge's own analysis
//! (`resonance_bridge::library::mood`: the excerpt it hears, its features, its valence and
//! arousal) and, on the same excerpt, measurements made apart from it:
//! * integrated loudness, LUFS (EBU R128 through `ebur128`);
//! * onset density, onsets/s, and tempo, BPM, from the spectral flux of a 4096-point STFT
//!   (the onset picker and STFT of `music-eval`; tempo is the autocorrelation peak of the
//!   flux between 0.33 s and 1.5 s, folded into 70–180 BPM);
//! * brightness, Hz: the mean spectral centroid of the STFT frames;
//! * mode: the analysis's own major − minor key-profile correlation (there is no second key
//!   finder in the tree), only on tracks whose key is clear (`key_clarity` ≥ the analysis's
//!   threshold), as the estimate uses it.
//!
//! The report gives Pearson's r and n of arousal against loudness, tempo and onset density,
//! and of valence against mode and brightness; the analysis's own inputs (its loudness, tempo,
//! onset rate and brightness) are listed beside them, and each input against the measurement
//! of the same thing made here (`input: …` rows). The estimate is a weighted
//! sum of those inputs, so these correlations say which cue moves the estimate on real music
//! and whether the inputs agree with independent measurements; they are not a comparison with
//! listeners' judgements. A table (markdown), a TSV per track and a scatter plot (SVG) are
//! written.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use resonance_bridge::library::mood::{self, MIN_KEY_CLARITY, TrackFeatures, TrackMood};

use crate::music::analysis::{STFT_HOP, onsets, pearson, stft};

/// One track's estimate and measurements.
#[derive(Clone, Debug)]
pub struct Track {
    pub path: PathBuf,
    pub features: TrackFeatures,
    pub mood: TrackMood,
    pub lufs: f64,
    pub onsets_per_s: f64,
    pub tempo_bpm: Option<f64>,
    pub centroid_hz: f64,
}

/// A correlation of the report.
#[derive(Clone, Debug)]
pub struct Pair {
    pub estimate: &'static str,
    pub measure: &'static str,
    /// How the measure was made.
    pub by: &'static str,
    pub r: f64,
    pub n: usize,
}

/// Audio files under `dir` (sorted), recursively.
pub fn audio_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            audio_files(&p, out);
        } else if p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| ["ogg", "oga", "flac", "mp3", "wav", "m4a", "opus"].contains(&x.to_lowercase().as_str()))
        {
            out.push(p);
        }
    }
}

/// Tempo from the flux envelope (frames `hop_s` apart), by the library analysis's own
/// autocorrelation ([`mood::tempo`]) on this tool's onset signal.
fn flux_tempo(flux: &[f32], hop_s: f64) -> Option<f64> {
    mood::tempo(flux, hop_s as f32).map(f64::from)
}

/// Measures one file (see the module header).
///
/// # Errors
/// The decoder's error, or the loudness meter's.
pub fn measure(path: &Path) -> Result<Track, String> {
    let (x, sr) = mood::excerpt(path)?;
    let features = mood::features(&x, sr);
    let est = mood::mood_from_features(&features);
    let mut meter =
        ebur128::EbuR128::new(1, sr as u32, ebur128::Mode::I | ebur128::Mode::HISTOGRAM).map_err(|e| format!("{}: {e}", path.display()))?;
    meter.add_frames_f32(&x).map_err(|e| format!("{}: {e}", path.display()))?;
    let lufs = meter.loudness_global().map_err(|e| format!("{}: {e}", path.display()))?;
    let fr = stft(&x, f64::from(sr));
    let hop_s = STFT_HOP as f64 / f64::from(sr);
    let secs = (fr.flux.len() as f64 * hop_s).max(1e-3);
    let onsets_per_s = onsets(&fr.flux).len() as f64 / secs;
    // the centroid of frames that are not silent
    let voiced: Vec<f64> = fr.centroid.iter().zip(&fr.rms_db).filter(|(_, l)| **l > -60.0).map(|(c, _)| f64::from(*c)).collect();
    let centroid_hz = if voiced.is_empty() { 0.0 } else { voiced.iter().sum::<f64>() / voiced.len() as f64 };
    Ok(Track { path: path.to_path_buf(), features, mood: est, lufs, onsets_per_s, tempo_bpm: flux_tempo(&fr.flux, hop_s), centroid_hz })
}

/// Pearson's r of the pairs `f` gives (tracks where it gives `None` left out).
fn corr(tracks: &[Track], f: impl Fn(&Track) -> Option<(f64, f64)>) -> (f64, usize) {
    let (x, y): (Vec<f64>, Vec<f64>) = tracks.iter().filter_map(f).filter(|(a, b)| a.is_finite() && b.is_finite()).unzip();
    (pearson(&x, &y), x.len())
}

/// Whether the analysis heard a clear key in the track (its mode counts).
fn clear_key(t: &Track) -> bool {
    t.features.mode.is_some() && t.features.key_clarity >= MIN_KEY_CLARITY
}

/// The report's correlations.
pub fn correlations(tracks: &[Track]) -> Vec<Pair> {
    let a = |t: &Track| f64::from(t.mood.arousal);
    let v = |t: &Track| f64::from(t.mood.valence);
    let mut out = Vec::new();
    let mut add = |estimate, measure, by, (r, n): (f64, usize)| out.push(Pair { estimate, measure, by, r, n });
    add("arousal", "loudness (LUFS)", "EBU R128 (ebur128)", corr(tracks, |t| Some((a(t), t.lufs))));
    add("arousal", "tempo (BPM)", "STFT flux autocorrelation", corr(tracks, |t| t.tempo_bpm.map(|b| (a(t), b))));
    add("arousal", "onset density (/s)", "STFT flux onsets", corr(tracks, |t| Some((a(t), t.onsets_per_s))));
    add(
        "valence",
        "mode (major − minor)",
        "the analysis's key profiles, clear key only",
        corr(tracks, |t| clear_key(t).then(|| (v(t), f64::from(t.features.mode.unwrap_or(0.0))))),
    );
    add("valence", "brightness (Hz)", "STFT spectral centroid", corr(tracks, |t| Some((v(t), t.centroid_hz))));
    add("arousal", "loudness (LUFS)", "the analysis's own input", corr(tracks, |t| Some((a(t), f64::from(t.features.loudness_db)))));
    add("arousal", "tempo (BPM)", "the analysis's own input", corr(tracks, |t| t.features.tempo_bpm.map(|b| (a(t), f64::from(b)))));
    add("arousal", "onset rate (/s)", "the analysis's own input", corr(tracks, |t| Some((a(t), f64::from(t.features.onset_rate_hz)))));
    add(
        "valence",
        "brightness (Hz)",
        "the analysis's own input (its spectral centroid)",
        corr(tracks, |t| Some((v(t), f64::from(t.features.brightness_hz)))),
    );
    // whether the analysis's inputs measure what they are named for
    let f = |x: f32| f64::from(x);
    add(
        "input: tempo",
        "tempo (BPM)",
        "STFT flux autocorrelation",
        corr(tracks, |t| t.features.tempo_bpm.zip(t.tempo_bpm).map(|(a, b)| (f(a), b))),
    );
    add(
        "input: onset rate",
        "onset density (/s)",
        "STFT flux onsets",
        corr(tracks, |t| Some((f(t.features.onset_rate_hz), t.onsets_per_s))),
    );
    add(
        "input: brightness",
        "brightness (Hz)",
        "STFT spectral centroid",
        corr(tracks, |t| Some((f(t.features.brightness_hz), t.centroid_hz))),
    );
    out
}

/// The markdown table of the correlations.
pub fn table(pairs: &[Pair]) -> String {
    let mut s = String::from("| estimate | measured | measured by | Pearson r | n |\n|---|---|---|---|---|\n");
    for p in pairs {
        let r = if p.r.is_finite() { format!("{:+.2}", p.r) } else { "–".into() };
        let _ = writeln!(s, "| {} | {} | {} | {r} | {} |", p.estimate, p.measure, p.by, p.n);
    }
    s
}

/// One line per track, tab-separated.
pub fn tsv(tracks: &[Track]) -> String {
    let mut s = String::from(
        "file\tvalence\tarousal\tconfidence\tlufs\ttempo_flux_bpm\tonsets_flux_per_s\tcentroid_hz\tmode\tkey_clarity\tlevel_dbfs\ttempo_bpm\tonset_rate\tbrightness_hz\n",
    );
    let opt = |x: Option<f64>| x.map_or_else(String::new, |v| format!("{v:.2}"));
    for t in tracks {
        let f = &t.features;
        let _ = writeln!(
            s,
            "{}\t{:.3}\t{:.3}\t{:.2}\t{:.1}\t{}\t{:.2}\t{:.0}\t{}\t{:.2}\t{:.1}\t{}\t{:.2}\t{:.0}",
            t.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            t.mood.valence,
            t.mood.arousal,
            t.mood.confidence,
            t.lufs,
            opt(t.tempo_bpm),
            t.onsets_per_s,
            t.centroid_hz,
            opt(f.mode.map(f64::from)),
            f.key_clarity,
            f.loudness_db,
            opt(f.tempo_bpm.map(f64::from)),
            f.onset_rate_hz,
            f.brightness_hz,
        );
    }
    s
}

/// A panel's points from a track (`None`: not measured there).
type Get = fn(&Track) -> Option<(f64, f64)>;

/// Five scatter panels (the first five correlations: arousal against loudness, tempo and
/// onset density; valence against mode and brightness), r and n in each title.
///
/// # Errors
/// The plotting backend's.
pub fn plot(path: &Path, tracks: &[Track], pairs: &[Pair]) -> Result<(), Box<dyn std::error::Error>> {
    use plotters::prelude::*;
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d)?;
    }
    let root = SVGBackend::new(path, (1500, 900)).into_drawing_area();
    root.fill(&WHITE)?;
    let panels = root.split_evenly((2, 3));
    let series: [Get; 5] = [
        |t| Some((t.lufs, f64::from(t.mood.arousal))),
        |t| t.tempo_bpm.map(|b| (b, f64::from(t.mood.arousal))),
        |t| Some((t.onsets_per_s, f64::from(t.mood.arousal))),
        |t| clear_key(t).then(|| (f64::from(t.features.mode.unwrap_or(0.0)), f64::from(t.mood.valence))),
        |t| Some((t.centroid_hz, f64::from(t.mood.valence))),
    ];
    for ((panel, get), p) in panels.iter().zip(series).zip(pairs) {
        let pts: Vec<(f64, f64)> = tracks.iter().filter_map(get).filter(|(x, y)| x.is_finite() && y.is_finite()).collect();
        let (mut lo, mut hi) = pts.iter().fold((f64::MAX, f64::MIN), |(l, h), (x, _)| (l.min(*x), h.max(*x)));
        if pts.is_empty() {
            (lo, hi) = (0.0, 1.0);
        }
        let pad = ((hi - lo) * 0.05).max(1e-3);
        let mut chart = ChartBuilder::on(panel)
            .caption(format!("{} vs {}: r = {:+.2}, n = {}", p.estimate, p.measure, p.r, p.n), ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(44)
            .build_cartesian_2d(lo - pad..hi + pad, -1.0..1.0)?;
        chart.configure_mesh().x_desc(format!("{} — {}", p.measure, p.by)).y_desc(p.estimate).draw()?;
        chart.draw_series(pts.iter().map(|(x, y)| Circle::new((*x, *y), 4, BLUE.mix(0.7).filled())))?;
    }
    root.present()?;
    Ok(())
}

/// Measures every audio file under `dirs` and writes `report.md`, `tracks.tsv` and
/// `mood_correlation.svg` into `out`; prints the table. Files that do not decode are named
/// and skipped.
///
/// # Errors
/// When nothing could be measured, or the outputs cannot be written.
pub fn run(dirs: &[PathBuf], out: &Path) -> Result<Vec<Pair>, String> {
    let mut files = Vec::new();
    for d in dirs {
        audio_files(d, &mut files);
    }
    if files.is_empty() {
        return Err(format!("no audio files under {dirs:?}; give the folders of real music (e.g. target/test-audio/music)"));
    }
    let mut tracks = Vec::new();
    for (i, f) in files.iter().enumerate() {
        match measure(f) {
            Ok(t) => {
                eprintln!("[{}/{}] {}: valence {:+.2}, arousal {:+.2}", i + 1, files.len(), f.display(), t.mood.valence, t.mood.arousal);
                tracks.push(t);
            }
            Err(e) => eprintln!("[{}/{}] skipped: {e}", i + 1, files.len()),
        }
    }
    if tracks.len() < 3 {
        return Err(format!("only {} tracks measured; a correlation needs at least 3", tracks.len()));
    }
    let pairs = correlations(&tracks);
    let md = table(&pairs);
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    std::fs::write(out.join("report.md"), &md).map_err(|e| e.to_string())?;
    std::fs::write(out.join("tracks.tsv"), tsv(&tracks)).map_err(|e| e.to_string())?;
    let svg = out.join("mood_correlation.svg");
    plot(&svg, &tracks, &pairs).map_err(|e| format!("{}: {e}", svg.display()))?;
    println!("{} tracks\n\n{md}\nplot: {}", tracks.len(), svg.display());
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flux_tempo_finds_a_pulse_and_folds_it() {
        let hop_s = 0.01;
        // a pulse every 0.5 s (120 BPM)
        let flux: Vec<f32> = (0..3000).map(|i| if i % 50 == 0 { 10.0 } else { 0.1 }).collect();
        let bpm = flux_tempo(&flux, hop_s).unwrap();
        assert!((bpm - 120.0).abs() < 2.0, "{bpm}");
        assert_eq!(flux_tempo(&vec![1.0; 3000], hop_s), None, "no periodicity in a flat envelope");
    }

    #[test]
    fn correlations_are_computed_over_the_tracks_that_have_the_measure() {
        let t = |a: f32, lufs: f64, tempo: Option<f64>| Track {
            path: PathBuf::from("x.ogg"),
            features: TrackFeatures::default(),
            mood: TrackMood { arousal: a, ..TrackMood::UNKNOWN },
            lufs,
            onsets_per_s: 1.0,
            tempo_bpm: tempo,
            centroid_hz: 1000.0,
        };
        let tracks = [t(-0.5, -30.0, Some(80.0)), t(0.0, -20.0, None), t(0.5, -10.0, Some(160.0)), t(0.2, -16.0, Some(120.0))];
        let pairs = correlations(&tracks);
        assert!((pairs[0].r - 1.0).abs() < 0.05 && pairs[0].n == 4, "{:?}", pairs[0]);
        assert_eq!(pairs[1].n, 3, "tempo only where measured");
        assert_eq!(pairs[3].n, 0, "no clear key: mode not counted");
        assert!(table(&pairs).contains("| arousal | loudness (LUFS) |"));
    }
}
