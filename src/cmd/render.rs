//! `resonance render`: run the engine offline over a file and write WAV.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use resonance_engine::prelude::*;
use resonance_engine::rate_bridge::AnyRateProcessor;

use crate::output::{AtomicWav, WavFormat, progress};
use crate::source::{StereoFile, StereoSource};

/// Arguments of `resonance render`.
#[derive(Debug, Clone, clap::Args)]
pub struct RenderArgs {
    /// Input audio: WAV (8/16/24/32-bit), FLAC, Ogg Vorbis, MP3, AAC in MP4, ...
    #[arg(long = "in", value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Crowd microphone as a separate file (fed to the sidechain); the main input is then
    /// treated as programme audio and the music ducks under it.
    #[arg(long, value_name = "FILE")]
    pub crowd: Option<PathBuf>,
    /// Output WAV file (written only if the whole render succeeds).
    #[arg(long, value_name = "FILE.wav")]
    pub out: PathBuf,
    /// Preset: a factory preset name (see `resonance presets`) or a path to a .toml file.
    #[arg(long, default_value = "stadium-anthem")]
    pub preset: String,
    /// Scripted emotional arc (JSON: duration_s, mood points, events). Without --in, renders
    /// the music alone, following the arc, at the --profile loudness.
    #[arg(long, value_name = "ARC.json")]
    pub arc: Option<PathBuf>,
    /// Loudness profile of a music-only (--arc) render.
    #[arg(long, value_enum, default_value_t)]
    pub profile: crate::cmd::render_arc::ProfileArg,
    /// Seed for the music's random choices (same seed and input: identical output).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Play the music from this General MIDI SoundFont (.sf2): the layers the preset's
    /// `[style.soundfont]` maps (with --arc: every layer and the drums if it maps none). By
    /// default styles that map layers play them from $RESONANCE_SOUNDFONT or FluidR3 GM
    /// (/usr/share/sounds/sf2/FluidR3_GM.sf2); RESONANCE_SOUNDFONT=off synthesises everything.
    #[arg(long, value_name = "FILE.sf2")]
    pub soundfont: Option<PathBuf>,
    /// Output sample rate in Hz, 1000 to 768000 (whole numbers: WAV stores an integer rate);
    /// by default the input's rate (48000 if outside 22050-192000). Outside 22050-192000 the
    /// engine runs at the nearest of those behind a rate converter.
    #[arg(long, value_parser = crate::limits::rate)]
    pub rate: Option<u32>,
    /// Block size fed to the engine, as a host would (1 to 65536).
    #[arg(long, default_value_t = 512, value_parser = crate::limits::block)]
    pub block: usize,
    /// Output sample format.
    #[arg(long, value_enum, default_value_t)]
    pub format: WavFormat,
}

/// What a render produced, for the caller's summary.
#[derive(Debug, Default)]
pub struct RenderReport {
    pub frames: usize,
    pub sample_rate: u32,
    pub telemetry: Vec<Telemetry>,
    pub meters: Meters,
    pub output_peak: f32,
    pub elapsed_s: f64,
}

/// Chooses the output rate for an input rate: `--rate` ([`crate::limits::RATE_HZ`]), else the
/// input's own rate where the engine runs natively, else 48 kHz (an 8 kHz phone recording
/// gets full-band music unless `--rate 8000` asks for its rate).
pub fn engine_rate(input_rate: u32, requested: Option<u32>) -> Result<u32> {
    if let Some(r) = requested {
        let range = crate::limits::RATE_HZ;
        if !range.contains(&r) {
            bail!("--rate {r} is not supported; use {} to {} Hz", range.start(), range.end());
        }
        return Ok(r);
    }
    Ok(if crate::limits::NATIVE_RATE_HZ.contains(&input_rate) { input_rate } else { 48_000 })
}

/// Runs the engine over stereo `main` (and optional stereo `crowd`) at `rate`, block by block,
/// streaming the output into `wav`: nothing of the input or output is held beyond a block
/// (decision record 0023). `commands` (sorted by frame) are sent sample-accurately: blocks are
/// split so each command reaches the engine right before its frame. Of the engine's telemetry
/// the report keeps the moods and the crowd events, their times in frames of `rate`.
///
/// Outside the engine's native rates the engine runs behind its rate converter
/// ([`AnyRateProcessor`]); the converter's latency is taken off the output (its first frames
/// dropped, as many frames of silence fed after the input), so the output lines up with the
/// input and has its length.
#[allow(clippy::too_many_arguments)] // one call site per command; a struct would only rename them
pub fn run_engine(
    config: EngineConfig,
    rate: u32,
    block: usize,
    main: &mut dyn StereoSource,
    mut crowd: Option<&mut dyn StereoSource>,
    commands: &[(usize, Command)],
    wav: &mut AtomicWav,
    label: &str,
) -> Result<RenderReport> {
    if block == 0 || block > resonance_engine::MAX_BLOCK_LIMIT {
        bail!("--block {block} is not supported; use 1 to {}", resonance_engine::MAX_BLOCK_LIMIT);
    }
    let layout = Layout { main_channels: 2, sidechain: crowd.is_some(), music_out: false };
    let (mut proc, mut handle) = AnyRateProcessor::prepare(&Engine::new(config), f64::from(rate), block, layout)?;
    let time_scale = f64::from(rate) / proc.engine_rate();
    let mut skip = proc.latency() as usize;
    let mut tail = skip;
    let pb = progress(main.len_hint(), label);
    let started = Instant::now();
    let mut l = vec![0.0f32; block];
    let mut r = vec![0.0f32; block];
    let mut cl = vec![0.0f32; block];
    let mut cr = vec![0.0f32; block];
    let mut inter = vec![0.0f32; block * 2];
    let mut report = RenderReport { sample_rate: rate, ..RenderReport::default() };
    let mut pos = 0;
    let mut next_cmd = 0;
    loop {
        while commands.get(next_cmd).is_some_and(|(at, _)| *at <= pos) {
            handle.commands.send(commands[next_cmd].1)?;
            next_cmd += 1;
        }
        let until_cmd = commands.get(next_cmd).map_or(usize::MAX, |(at, _)| at - pos);
        let want = block.min(until_cmd);
        let mut n = main.read(&mut l[..want], &mut r[..want])?;
        let input = n;
        if n == 0 {
            // after the input: silence through the converter's latency, then done
            if tail == 0 {
                break;
            }
            n = tail.min(block);
            tail -= n;
            l[..n].fill(0.0);
            r[..n].fill(0.0);
        }
        {
            let mut bufs = [&mut l[..n], &mut r[..n]];
            match crowd.as_deref_mut() {
                Some(c) => {
                    // a shorter crowd file: the sidechain gets what is left of it, then nothing
                    let m = if input > 0 { c.read(&mut cl[..n], &mut cr[..n])? } else { 0 };
                    let sc = [&cl[..m], &cr[..m]];
                    proc.process(&mut bufs, Some(&sc))
                }
                None => proc.process(&mut bufs, None),
            };
        }
        let from = skip.min(n);
        skip -= from;
        for i in from..n {
            let k = i - from;
            inter[2 * k] = l[i];
            inter[2 * k + 1] = r[i];
            report.output_peak = report.output_peak.max(l[i].abs()).max(r[i].abs());
        }
        wav.write_interleaved(&inter[..2 * (n - from)])?;
        report.telemetry.extend(
            handle.telemetry.drain().filter(|t| matches!(t, Telemetry::Event(_) | Telemetry::Mood(_))).map(|t| at_rate(t, time_scale)),
        );
        pos += input;
        pb.set_position(pos as u64);
    }
    pb.finish_and_clear();
    report.frames = pos;
    report.meters = handle.meters.read();
    report.elapsed_s = started.elapsed().as_secs_f64();
    Ok(report)
}

/// `t` with its sample times scaled from the engine's rate to the output rate.
fn at_rate(mut t: Telemetry, scale: f64) -> Telemetry {
    let to = |x: u64| (x as f64 * scale).round() as u64;
    match &mut t {
        Telemetry::Event(e) => {
            e.onset = to(e.onset);
            e.detected = to(e.detected);
        }
        Telemetry::Mood(m) => m.time = to(m.time),
        _ => {}
    }
    t
}

/// Prints a short human summary of a render to standard error.
pub fn print_summary(report: &RenderReport, out: &std::path::Path) {
    let dur = report.frames as f64 / f64::from(report.sample_rate.max(1));
    let events = report.telemetry.iter().filter(|t| matches!(t, Telemetry::Event(_))).count();
    let moods = report.telemetry.iter().filter(|t| matches!(t, Telemetry::Mood(_))).count();
    eprintln!(
        "wrote {}: {dur:.1} s at {} Hz, rendered in {:.2} s ({:.0}x real time); {moods} mood updates, {events} crowd events; output peak {:.1} dBFS",
        out.display(),
        report.sample_rate,
        report.elapsed_s,
        dur / report.elapsed_s.max(1e-9),
        resonance_engine::dsp::lin_to_db(report.output_peak),
    );
    if report.meters.sanitized_samples > 0 {
        eprintln!("note: {} non-finite input samples were replaced by silence", report.meters.sanitized_samples);
    }
}

/// Runs `resonance render`.
pub fn run(args: &RenderArgs) -> Result<()> {
    use crate::files::{given, named, refuse_clobber};
    let inputs = given(&[
        ("--in", args.input.as_deref()),
        ("--crowd", args.crowd.as_deref()),
        ("--arc", args.arc.as_deref()),
        ("--soundfont", args.soundfont.as_deref()),
        ("--preset", Some(std::path::Path::new(&args.preset))),
    ]);
    refuse_clobber(&[named("--out", &args.out)], &inputs)?;
    if let Some(arc) = &args.arc {
        if args.input.is_some() || args.crowd.is_some() {
            bail!("--arc renders music only; drop --in/--crowd, or drop --arc to run the engine over a file");
        }
        return crate::cmd::render_arc::run(
            arc,
            &args.preset,
            args.seed,
            args.profile,
            args.rate,
            args.soundfont.as_deref(),
            &args.out,
            args.format,
        );
    }
    let Some(input) = &args.input else {
        bail!("no input: give --in FILE (an audio file to run through the engine) or --arc ARC.json (music only)");
    };
    let preset = resonance_io::preset::find(&args.preset)?;
    let mut config = EngineConfig::with_preset(&preset);
    match &args.soundfont {
        Some(path) => config.soundfont = Some(resonance_engine::synth::soundfont::load(path)?),
        None => config = sampled_or_warn(config),
    }
    if let Some(seed) = args.seed {
        config.seed = seed;
    }
    let mut main = StereoFile::open(input, |from| engine_rate(from, args.rate)).context("cannot render")?;
    let rate = main.planar().rate();
    let mut crowd = match &args.crowd {
        Some(p) => Some(StereoFile::open(p, |_| Ok(rate)).context("cannot render: the --crowd file")?),
        None => None,
    };
    let mut wav = AtomicWav::create(&args.out, rate, 2, args.format)?;
    let crowd = crowd.as_mut().map(|c| c as &mut dyn StereoSource);
    let report = run_engine(config, rate, args.block, &mut main, crowd, &[], &mut wav, "render")?;
    wav.finish()?;
    print_summary(&report, &args.out);
    Ok(())
}

/// The configuration with the default SoundFont for the styles that map layers to one; when
/// there is none, a warning on stderr and the synthesised voices.
pub(crate) fn sampled_or_warn(config: EngineConfig) -> EngineConfig {
    let (config, warning) = config.with_default_soundfont();
    if let Some(w) = warning {
        eprintln!("warning: {w}");
    }
    config
}
