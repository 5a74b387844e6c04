//! The music-quality evaluation (`music-eval`, issue 29): renders every factory style along
//! several arcs and seeds through the engine's offline renderer (the path of `render --arc`)
//! and measures, from the audio and from the engine's own probes, what a listener hears as
//! form: repetition (self-similarity at 1/2/4/8 bars, distinct 4-bar phrases), harmony (chord
//! labels heard), themes that return, motion in calm passages, whether a melody can be
//! followed, how the music follows the arc, loudness, the ending and stinger timing.
//!
//! Stages: [`arcs`] (the material), `render` (here: audio plus the bar grid and the probes),
//! [`analysis`] (spectral features and metrics), [`report`] (tables).

pub mod analysis;
pub mod arcs;
pub mod report;

use resonance_engine::Cue;
use resonance_engine::synth::{Profile, Style, Synth, offline};

/// What to evaluate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Style names (empty: every factory style).
    pub styles: Vec<String>,
    /// Arc names (empty: every arc of [`arcs::ALL`]).
    pub arcs: Vec<String>,
    /// Seeds.
    pub seeds: Vec<u64>,
    /// Render length, seconds.
    pub seconds: f64,
    /// Render as `render --arc` did before sync points and endings (stingers on the next
    /// beat, no closing cadence or fade): the baseline.
    pub unplanned: bool,
    /// Write 10-second spectrogram excerpts (PNG: around the first event, the ending) of the
    /// first arc and seed of each style here.
    pub spectrograms: Option<std::path::PathBuf>,
    /// Play every layer synthesised, even where a style maps layers to the default SoundFont
    /// (what styles sounded like before sampled instruments were the default).
    pub synthesised: bool,
    /// Write a trace of each render (per 5-second window and per phrase, see
    /// [`analysis::trace`]) to `target/music-eval/trace-<style>-<arc>-s<seed>.tsv`.
    pub trace: bool,
}

/// One render: the audio (mono mix and stereo peak data) and what the engine played.
#[derive(Debug, Default)]
pub struct Render {
    pub rate: u32,
    /// Mono mix (L+R)/2.
    pub mono: Vec<f32>,
    /// Largest |sample| of either channel in the last 10 ms, dBFS.
    pub last_db: f64,
    /// Integrated loudness (LUFS) and true peak (dBTP) of the output.
    pub lufs: f64,
    pub true_peak_db: f64,
    /// Bar starts (output samples).
    pub bars: Vec<u64>,
    /// Beats per bar.
    pub beats_per_bar: u32,
    /// Per block (512 frames): start sample, bpm, lead layer on, lead note, chord pcs.
    pub blocks: Vec<BlockProbe>,
    /// Stingers: cue, requested time, audible time (s).
    pub stingers: Vec<(Cue, f64, f64)>,
}

/// What the engine played during one block.
#[derive(Debug, Clone, Copy)]
pub struct BlockProbe {
    pub pos: u64,
    pub bpm: f32,
    pub lead_layer: bool,
    pub lead: Option<i32>,
    pub chord: [Option<u8>; 4],
    /// The form: section, theme, phrase index in the section, triumphant (see
    /// `Synth::form_probe`).
    pub form: (u8, u8, u8, bool),
}

/// Renders `style` along `arc` with `seed`, as `render --arc` does.
/// `soundfont` plays the layers the style maps to one (`render --arc` passes the default
/// SoundFont for such styles).
pub fn render(
    style: &Style,
    soundfont: Option<&std::sync::Arc<resonance_engine::synth::soundfont::SoundFont>>,
    arc: &arcs::Arc,
    seed: u64,
    seconds: f64,
    planned: bool,
) -> Render {
    const RATE: u32 = 48_000;
    let mut synth = Synth::new(RATE as f32, offline::BLOCK, std::slice::from_ref(style), seed);
    if let Some(sf) = soundfont.filter(|_| style.soundfont.any()) {
        synth = synth.with_soundfont(sf).expect("a SoundFont synth at 48 kHz");
    }
    let latency = synth.latency() as u64;
    let target_at = |t: f64| arc.target_at(t);
    let cues: Vec<(f64, Cue)> = arc.events.iter().copied().filter(|e| e.0 < seconds).collect();
    let plan = offline::Plan { duration_s: seconds, target_at: &target_at, cues: &cues, cue_lead_s: 0.0, sync: planned, ending: planned };
    let frames = (seconds * f64::from(RATE)).round() as usize;
    let mut out = Render { rate: RATE, beats_per_bar: u32::from(style.beats_per_bar.clamp(2, 7)), ..Render::default() };
    out.mono.reserve(frames);
    let mut meter = ebur128::EbuR128::new(2, RATE, ebur128::Mode::I | ebur128::Mode::TRUE_PEAK).expect("ebur128");
    let mut tail = [0.0f32; 2 * 480];
    let report = offline::render::<std::convert::Infallible>(
        &mut synth,
        &plan,
        Profile::Broadcast,
        &mut |block| {
            meter.add_frames_f32(block).expect("ebur128 frames");
            for f in block.chunks_exact(2) {
                out.mono.push(0.5 * (f[0] + f[1]));
            }
            let n = block.len().min(tail.len());
            tail.rotate_left(n);
            let k = tail.len() - n;
            tail[k..].copy_from_slice(&block[block.len() - n..]);
            Ok(())
        },
        &mut |_| {},
        &mut |s, pos| {
            // the bar being generated (exact: a prediction of the next bar line moves while a
            // sync point stretches the steps, and bars were missed when it moved earlier)
            let bar = s.bar_at();
            if out.bars.last() != Some(&bar) {
                out.bars.push(bar);
            }
            let (lead, chord) = s.probe();
            let m = s.music();
            // the probe is in generator time; the output is `latency` later
            out.blocks.push(BlockProbe { pos: pos + latency, bpm: m.bpm, lead_layer: m.layers[4], lead, chord, form: s.form_probe() });
        },
    );
    let report = match report {
        Ok(r) => r,
        Err(e) => match e {},
    };
    out.bars.retain(|&b| (b as usize) < frames);
    out.bars.dedup();
    out.lufs = meter.loudness_global().unwrap_or(f64::NEG_INFINITY);
    out.true_peak_db = (0..2).map(|c| meter.true_peak(c).unwrap_or(0.0)).fold(0.0, f64::max).max(1e-12).log10() * 20.0;
    out.last_db = 20.0 * f64::from(tail.iter().fold(0.0f32, |a, &x| a.max(x.abs())).max(1e-9)).log10();
    out.stingers = report.stingers;
    out
}

/// Runs the evaluation and prints the tables.
pub fn run(opts: &Options) {
    let presets = resonance_io::preset::factory().expect("factory presets");
    let arcs: Vec<arcs::Arc> = arcs::ALL.iter().map(|f| f()).filter(|a| opts.arcs.is_empty() || opts.arcs.contains(&a.name)).collect();
    let mut tables = Vec::new();
    let soundfont = if opts.synthesised {
        None
    } else {
        match resonance_engine::synth::soundfont::load_default() {
            Ok(sf) => Some(sf),
            Err(why) => {
                eprintln!("warning: {why}; every style is synthesised");
                None
            }
        }
    };
    for p in presets.iter().filter(|p| opts.styles.is_empty() || opts.styles.contains(&p.name)) {
        let mut cols = Vec::new();
        for arc in &arcs {
            for &seed in &opts.seeds {
                let started = std::time::Instant::now();
                let r = render(&p.style, soundfont.as_ref(), arc, seed, opts.seconds, !opts.unplanned);
                let m = analysis::measure(&r, arc);
                if opts.trace {
                    let dir = crate::workspace_dir().join("target/music-eval");
                    let path = dir.join(format!("trace-{}-{}-s{seed}.tsv", p.name, arc.name));
                    if let Err(e) = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, analysis::trace(&r, arc))) {
                        eprintln!("cannot write {}: {e}", path.display());
                    }
                }
                eprintln!("{} / {} / seed {seed}: rendered and measured in {:.1} s", p.name, arc.name, started.elapsed().as_secs_f64());
                if let Some(dir) = &opts.spectrograms
                    && seed == opts.seeds[0]
                    && arc.name == arcs[0].name
                {
                    for (what, at) in
                        [("calm", 10.0), ("goal", arc.events.first().map_or(60.0, |e| e.0 - 4.0)), ("end", opts.seconds - 10.0)]
                    {
                        let path = dir.join(format!("{}-{what}.png", p.name));
                        if let Err(e) = report::spectrogram(&r, at, 10.0, &path) {
                            eprintln!("cannot write {}: {e}", path.display());
                        }
                    }
                }
                cols.push((format!("{} s{seed}", arc.name), m));
            }
        }
        let table = report::table(&p.name, &cols, false);
        println!("{table}");
        tables.push(table);
    }
    let dir = crate::workspace_dir().join("target/music-eval");
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join("report.md"), tables.join("\n"));
        eprintln!("tables written to {}", dir.join("report.md").display());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_cut_on_the_engine_grid_while_a_sync_point_bends_the_tempo() {
        // a build to a goal whose time is off the beat grid: the bars before it are stretched
        // or compressed toward the sync point
        let arc = arcs::Arc {
            name: "test".into(),
            mood: vec![(0.0, 0.0, -0.2, 0.5), (20.0, 0.4, 0.6, 0.8), (40.0, 0.4, 0.6, 0.8)],
            events: vec![(27.3, Cue::Goal)],
        };
        let presets = resonance_io::preset::factory().expect("factory presets");
        let style = &presets.iter().find(|p| p.name == "cinematic-orchestral").expect("cinematic-orchestral").style;
        let r = render(style, None, &arc, 1, 40.0, true);
        assert!(r.bars.len() > 10, "{} bars", r.bars.len());
        let gaps: Vec<f64> = r.bars.windows(2).map(|w| (w[1] - w[0]) as f64).collect();
        for (i, w) in gaps.windows(2).enumerate() {
            let ratio = w[1] / w[0];
            assert!((0.85..=1.18).contains(&ratio), "bar {} lasts {ratio:.2} times the one before: a bar line missed or invented", i + 1);
        }
        // the goal's stinger starts on a bar line
        let (_, asked, heard) = r.stingers[0];
        let on_bar = r.bars.iter().any(|&b| (b as f64 / f64::from(r.rate) - heard).abs() < 0.002);
        assert!(on_bar && (heard - asked).abs() <= 0.02, "stinger at {heard:.3} s for {asked:.3} s, on a bar line: {on_bar}");
    }

    #[test]
    fn dark_ambient_brightens_with_arousal_through_a_goal() {
        // danger rises to a goal, then ebbs: the bars after the goal must not outshine its
        // peak (the drums are synthesised in this style, with or without a SoundFont)
        let arc = arcs::Arc {
            name: "test".into(),
            mood: vec![(0.0, -0.3, -0.4, 0.4), (40.0, 0.2, 0.6, 0.8), (48.0, 0.6, 0.8, 0.9), (90.0, 0.3, -0.3, 0.4)],
            events: vec![(41.3, Cue::Goal)],
        };
        let presets = resonance_io::preset::factory().expect("factory presets");
        let style = &presets.iter().find(|p| p.name == "dark-ambient-dungeon").expect("dark-ambient-dungeon").style;
        let r = render(style, None, &arc, 2, 90.0, true);
        let m = analysis::measure(&r, &arc);
        let [_, _, bright, _] = m.arc_r.expect("the arc moves");
        assert!(bright >= 0.8, "r brightness–arousal {bright:.2}");
    }
}
