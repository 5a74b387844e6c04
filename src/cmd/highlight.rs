//! `resonance highlight MATCH_AUDIO`: a soundtrack that follows a match's emotional arc.
//!
//! 1. Decodes the recording (anything symphonia reads, including the audio track of an MP4).
//! 2. Runs the engine's crowd analysis ([`CrowdAnalyzer`]) over it: moods every 0.5 s and
//!    detected events (goal roars, near misses, whistles, ...).
//! 3. Derives the arc: the moods smoothed over ±3 s and shifted 1.5 s earlier, so that the
//!    music builds *into* a moment instead of reacting after it (offline, the future is known).
//! 4. Takes stingers from supplied match data (`--events`: goal, card, penalty, half_time,
//!    full_time, ...) and from detected goal roars and near misses (a detection within 10 s of a
//!    supplied event of the same kind is the same moment). Cues are issued a quarter second
//!    early so each stinger lands on the beat nearest its moment.
//! 5. Renders the music (and with `--mix`, mixes it under the original, ducked by the
//!    programme's level), writes `<out>.moments.json` beside the output and optionally a plot.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use resonance_engine::analysis::CrowdAnalyzer;
use resonance_engine::dsp::limiter::SafetyLimiter;
use resonance_engine::dsp::{db_to_lin, lin_to_db};
use resonance_engine::synth::Profile;
use resonance_engine::{CrowdEvent, CrowdEventKind, Cue, MoodSnapshot, Preset, Telemetry, WhistleKind};
use resonance_io::decode::{Decoded, decode_file_with_progress};
use serde_json::{Value, json};

use crate::arc::{Arc, ArcEvent, MoodPoint, MusicJob, MusicReport, render_music};
use crate::cmd::render_arc::{DEFAULT_SEED, ProfileArg};
use crate::output::{AtomicWav, WavFormat, progress};

/// Arguments of `resonance highlight`.
#[derive(Debug, Clone, clap::Args)]
pub struct HighlightArgs {
    /// The match recording: WAV, FLAC, Ogg, MP3, or the audio track of an MP4/MKV.
    #[arg(value_name = "MATCH_AUDIO")]
    pub input: PathBuf,
    /// Output WAV (the soundtrack; with --mix, the soundtrack under the original).
    #[arg(long, value_name = "FILE.wav")]
    pub out: PathBuf,
    /// Match data with timestamps: `[{"t": 1234.5, "kind": "goal"}, ...]` or
    /// `{"events": [...]}`; kinds: goal, card, penalty, half_time, full_time, ...
    #[arg(long, value_name = "match.json")]
    pub events: Option<PathBuf>,
    /// Mix the soundtrack under the original recording, ducked by the programme's level.
    #[arg(long)]
    pub mix: bool,
    /// Draw the arc, the moments and the music's level to a PNG (or SVG by extension).
    #[arg(long, value_name = "arc.png")]
    pub plot: Option<PathBuf>,
    /// Style: a factory preset name (see `resonance presets`) or a .toml file.
    #[arg(long, default_value = "stadium-anthem")]
    pub preset: String,
    /// Loudness profile of the soundtrack.
    #[arg(long, value_enum, default_value_t)]
    pub profile: ProfileArg,
    /// Seed of the music's random choices.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Play the soundtrack from this General MIDI SoundFont (.sf2): the layers the preset's
    /// `[style.soundfont]` maps, or every layer and the drums if it maps none.
    #[arg(long, value_name = "FILE.sf2")]
    pub soundfont: Option<PathBuf>,
    /// Output sample format.
    #[arg(long, value_enum, default_value_t)]
    pub format: WavFormat,
}

/// Output rate of soundtracks.
const RATE: u32 = 48_000;
/// Music gain under the original in `--mix`, and the most it ducks.
const MIX_MUSIC_DB: f32 = -6.0;
const MIX_DUCK_DB: f32 = 9.0;

/// One moment of the match.
#[derive(Clone, Debug, serde::Serialize)]
struct Moment {
    t: f64,
    kind: String,
    source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stinger: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stinger_at: Option<f64>,
}

/// Reads supplied match events (a list or an object with `events`).
fn load_events(path: &Path, duration_s: f64) -> Result<Vec<ArcEvent>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the match events {}; check the path", path.display()))?;
    let v: Value = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{}: not valid JSON ({e}); expected [{{\"t\": seconds, \"kind\": \"goal\"}}, ...]", path.display()))?;
    let list = match v {
        Value::Array(a) => a,
        Value::Object(mut o) => match o.remove("events") {
            Some(Value::Array(a)) => a,
            _ => bail!("{}: expected a list of events or an object with an `events` list", path.display()),
        },
        _ => bail!("{}: expected a list of events or an object with an `events` list", path.display()),
    };
    let wrapped = json!({ "duration_s": duration_s.max(1.0), "events": list });
    let arc = Arc::parse(&path.display().to_string(), &wrapped.to_string())?;
    if let Some(e) = arc.events.iter().position(|e| e.t > duration_s + 1.0) {
        bail!(
            "{}: events[{e}].t = {} is after the end of the recording ({duration_s:.1} s); check the time base (seconds from the start)",
            path.display(),
            arc.events[e].t
        );
    }
    Ok(arc.events)
}

/// Smoothed, anticipating arc from the analyser's moods.
fn derive_arc(moods: &[(f64, MoodSnapshot)], duration_s: f64) -> Vec<MoodPoint> {
    const HALF_WINDOW: f64 = 3.0;
    const LEAD: f64 = 1.5;
    let mut points = Vec::new();
    let mut t = 0.0;
    while t <= duration_s + 1e-9 {
        let centre = t + LEAD;
        let (mut v, mut a, mut n) = (0.0f32, 0.0f32, 0.0f32);
        for (mt, m) in moods.iter().filter(|(mt, _)| (mt - centre).abs() <= HALF_WINDOW) {
            let w = 1.0 - ((mt - centre).abs() / (HALF_WINDOW + 0.5)) as f32;
            v += w * m.valence;
            a += w * m.arousal;
            n += w;
        }
        if n > 0.0 {
            points.push(MoodPoint { t, valence: (v / n).clamp(-1.0, 1.0), arousal: (a / n).clamp(-1.0, 1.0), intensity: 0.5 });
        } else if let Some(last) = points.last().copied() {
            points.push(MoodPoint { t, ..last });
        }
        t += 1.0;
    }
    points
}

fn detected_cue(kind: CrowdEventKind, whistle: WhistleKind) -> Option<Cue> {
    match kind {
        CrowdEventKind::GoalRoar => Some(Cue::Goal),
        CrowdEventKind::NearMiss => Some(Cue::NearMiss),
        CrowdEventKind::Whistle if whistle == WhistleKind::Repeated => Some(Cue::FullTime),
        _ => None,
    }
}

/// Runs `resonance highlight`: the five stages of the module header, in order.
pub fn run(args: &HighlightArgs) -> Result<()> {
    let preset = resonance_io::preset::find(&args.preset)?;
    if args.out.extension().is_none_or(|e| !e.eq_ignore_ascii_case("wav")) {
        bail!("--out {} must be a .wav file", args.out.display());
    }
    refuse_clobbering(args)?;
    // 1. decode
    let decoded = decode(&args.input)?;
    let duration_s = decoded.duration_s();
    if duration_s < 1.0 {
        bail!("{} holds {duration_s:.2} s of audio; a highlight needs at least 1 s", args.input.display());
    }
    // 2. crowd analysis
    let crowd = analyse(&decoded)?;
    // 3. arc and moments
    let supplied = match &args.events {
        Some(p) => load_events(p, duration_s)?,
        None => Vec::new(),
    };
    let (mut moments, events) = gather_moments(&supplied, &crowd);
    let arc = Arc { duration_s, mood: derive_arc(&crowd.moods, duration_s), events };
    // 4. music
    let seed = args.seed.unwrap_or(DEFAULT_SEED);
    let (music, report) = render_soundtrack(args, &preset, &arc, seed)?;
    for (cue, t, at) in &report.stingers {
        if let Some(m) = moments.iter_mut().find(|m| m.stinger == Some(cue.as_str()) && (m.t - t).abs() < 1e-6 && m.stinger_at.is_none()) {
            m.stinger_at = Some(*at);
        }
    }
    // 5. mix and write
    write_soundtrack(args, decoded, &music)?;
    let moments_path = moments_path(&args.out);
    let doc = json!({
        "input": args.input.display().to_string(),
        "output": args.out.display().to_string(),
        "duration_s": duration_s,
        "preset": preset.name,
        "seed": seed,
        "profile": match args.profile { ProfileArg::Broadcast => "broadcast", ProfileArg::Streaming => "streaming" },
        "music_lufs": report.output_lufs,
        "mixed": args.mix,
        "moments": moments,
        "arc": arc.mood,
    });
    std::fs::write(&moments_path, serde_json::to_string_pretty(&doc)?)
        .with_context(|| format!("cannot write {}", moments_path.display()))?;
    if let Some(plot) = &args.plot {
        crate::cmd::plot::arc_plot(plot, &arc, &moments_for_plot(&moments), &music, RATE)?;
    }
    eprintln!(
        "wrote {} ({duration_s:.1} s, {}{}), {} ({} moments, {} stingers){}",
        args.out.display(),
        preset.name,
        if args.mix { ", mixed under the original" } else { "" },
        moments_path.display(),
        moments.len(),
        report.stingers.len(),
        args.plot.as_ref().map(|p| format!(", {}", p.display())).unwrap_or_default()
    );
    Ok(())
}

/// Refuses outputs (`--out`, its moments JSON, `--plot`) that are an input or each other.
fn refuse_clobbering(args: &HighlightArgs) -> Result<()> {
    use crate::files::{given, named, refuse_clobber};
    let sidecar = moments_path(&args.out);
    let mut outputs = vec![named("--out", &args.out), named("the moments JSON", &sidecar)];
    outputs.extend(given(&[("--plot", args.plot.as_deref())]));
    let inputs = given(&[
        ("MATCH_AUDIO", Some(args.input.as_path())),
        ("--events", args.events.as_deref()),
        ("--soundfont", args.soundfont.as_deref()),
        ("--preset", Some(Path::new(&args.preset))),
    ]);
    refuse_clobber(&outputs, &inputs)
}

/// Stage 1: decodes the match recording, with a progress bar.
fn decode(input: &Path) -> Result<Decoded> {
    let pb = progress(100, "decode");
    let decoded = decode_file_with_progress(input, &mut |done, total| {
        if let Some(percent) = (done * 100).checked_div(total) {
            pb.set_position(percent);
        }
    })
    .context("cannot read the match recording")?;
    pb.finish_and_clear();
    Ok(decoded)
}

/// What the crowd analysis found: moods (with their time in seconds) and events, at the rate
/// the analysis ran at.
struct CrowdReading {
    moods: Vec<(f64, MoodSnapshot)>,
    detected: Vec<CrowdEvent>,
    sample_rate: u32,
}

/// Stage 2: the crowd analysis, at a rate the analyser supports.
fn analyse(decoded: &Decoded) -> Result<CrowdReading> {
    let analysis = if (22_050..=192_000).contains(&decoded.sample_rate) { decoded.clone() } else { decoded.resampled(RATE)? };
    let mono = analysis.to_mono();
    let sr = analysis.sample_rate;
    let mut analyzer = CrowdAnalyzer::new(sr as f32);
    let mut moods: Vec<(f64, MoodSnapshot)> = Vec::new();
    let mut detected = Vec::new();
    let pb = progress(mono.len() as u64, "analyse");
    for (i, block) in mono.chunks(1024).enumerate() {
        analyzer.process(block, &mut |t| match t {
            Telemetry::Mood(m) => moods.push((m.time as f64 / f64::from(sr), m)),
            Telemetry::Event(e) => detected.push(e),
            _ => {}
        });
        pb.set_position(((i + 1) * 1024).min(mono.len()) as u64);
    }
    pb.finish_and_clear();
    Ok(CrowdReading { moods, detected, sample_rate: sr })
}

/// Stage 3: the moments (supplied, then detected; sorted by time) and the arc's stinger events.
/// A confident detected goal roar, near miss or full-time whistle gets a stinger unless a
/// supplied event of the same kind lies within 10 s.
fn gather_moments(supplied: &[ArcEvent], crowd: &CrowdReading) -> (Vec<Moment>, Vec<ArcEvent>) {
    let sr = crowd.sample_rate;
    let mut moments: Vec<Moment> = supplied
        .iter()
        .map(|e| Moment {
            t: e.t,
            kind: e.cue.as_str().to_string(),
            source: "supplied",
            confidence: None,
            stinger: Some(e.cue.as_str()),
            stinger_at: None,
        })
        .collect();
    let mut events = supplied.to_vec();
    for e in &crowd.detected {
        let t = e.onset as f64 / f64::from(sr);
        let cue = detected_cue(e.kind, e.whistle).filter(|_| e.confidence >= 0.5);
        let duplicate = cue.is_some_and(|c| supplied.iter().any(|s| s.cue.as_str().contains(c.as_str()) && (s.t - t).abs() < 10.0));
        let cue = cue.filter(|_| !duplicate);
        moments.push(Moment {
            t,
            kind: e.kind.as_str().to_string(),
            source: "detected",
            confidence: Some(e.confidence),
            stinger: cue.map(Cue::as_str),
            stinger_at: None,
        });
        if let Some(cue) = cue {
            events.push(ArcEvent { t, cue });
        }
    }
    events.sort_by(|a, b| a.t.total_cmp(&b.t));
    moments.sort_by(|a, b| a.t.total_cmp(&b.t));
    (moments, events)
}

/// Stage 4: renders the music over the arc (interleaved stereo at [`RATE`]), with a progress
/// bar; cues are issued a quarter second early.
fn render_soundtrack(args: &HighlightArgs, preset: &Preset, arc: &Arc, seed: u64) -> Result<(Vec<f32>, MusicReport)> {
    let profile = Profile::from(args.profile);
    let frames = (arc.duration_s * f64::from(RATE)).round() as usize;
    let mut music = Vec::with_capacity(2 * frames);
    let pb = progress(frames as u64, "music");
    let soundfont = args.soundfont.as_deref().map(resonance_engine::synth::soundfont::load).transpose()?;
    let job = MusicJob { style: &preset.style, arc, seed, profile, rate: RATE, cue_lead_s: 0.25, soundfont: soundfont.as_ref() };
    let report = render_music(
        &job,
        &mut |block| {
            music.extend_from_slice(block);
            Ok(())
        },
        &mut |pos| pb.set_position(pos),
    )?;
    pb.finish_and_clear();
    Ok((music, report))
}

/// Stage 5: writes the soundtrack WAV, mixed under the original with `--mix`.
fn write_soundtrack(args: &HighlightArgs, decoded: Decoded, music: &[f32]) -> Result<()> {
    let mut wav = AtomicWav::create(&args.out, RATE, 2, args.format)?;
    let out = if args.mix {
        let original = if decoded.sample_rate == RATE { decoded } else { decoded.resampled(RATE)? };
        mix_under(music, &original.to_stereo())
    } else {
        music.to_vec()
    };
    wav.write_interleaved(&out)?;
    wav.finish()?;
    Ok(())
}

fn moments_for_plot(m: &[Moment]) -> Vec<(f64, String, bool)> {
    m.iter().map(|m| (m.t, m.kind.clone(), m.stinger.is_some())).collect()
}

/// `soundtrack.wav` -> `soundtrack.moments.json`.
pub fn moments_path(out: &Path) -> PathBuf {
    out.with_extension("moments.json")
}

/// Mixes interleaved stereo `music` under `original`, ducking it by up to [`MIX_DUCK_DB`] when
/// the programme is loud, through the engine's −1 dBFS safety limiter.
fn mix_under(music: &[f32], original: &[Vec<f32>; 2]) -> Vec<f32> {
    let frames = music.len() / 2;
    let sr = RATE as f32;
    let attack = 1.0 - (-1.0 / (0.005 * sr)).exp();
    let release = 1.0 - (-1.0 / (0.3 * sr)).exp();
    let mut env = 0.0f32;
    let base = db_to_lin(MIX_MUSIC_DB);
    let mut limiter = SafetyLimiter::new(resonance_engine::OUTPUT_CEILING_DB, 0.08, sr);
    let mut out = Vec::with_capacity(music.len());
    for i in 0..frames {
        let (ol, or) = (original[0].get(i).copied().unwrap_or(0.0), original[1].get(i).copied().unwrap_or(0.0));
        let x = (0.5 * (ol + or)).abs();
        env += (x - env) * if x > env { attack } else { release };
        let amount = ((lin_to_db(env) + 50.0) / 30.0).clamp(0.0, 1.0);
        let g = base * db_to_lin(-MIX_DUCK_DB * amount);
        let mut l = ol + g * music[2 * i];
        let mut r = or + g * music[2 * i + 1];
        limiter.process(&mut l, &mut r);
        out.push(l);
        out.push(r);
    }
    out
}
