//! `resonance highlight MATCH_AUDIO`: a soundtrack that follows a match's emotional arc.
//!
//! 1. Decodes the recording chunk by chunk (anything symphonia reads, including the audio track
//!    of an MP4).
//! 2. Runs the engine's crowd analysis ([`CrowdAnalyzer`]) over it as it is decoded, keeping
//!    only the moods every 0.5 s and the detected events (goal roars, near misses, whistles,
//!    ...): the match's timeline, small whatever the recording's length.
//! 3. Derives the arc: the moods smoothed over ±3 s and shifted 1.5 s earlier, so that the
//!    music builds *into* a moment instead of reacting after it (offline, the future is known).
//! 4. Takes stingers from supplied match data (`--events`: goal, card, penalty, half_time,
//!    full_time, ...) and from detected goal roars and near misses (a detection within 10 s of a
//!    supplied event of the same kind is the same moment; with `--sync` the supplied events
//!    are a lagging feed, aligned with the reactions by `sync_moments`). The music plans the
//!    bars before each moment so that its stinger's downbeat lands on it, and ends with the
//!    match on a cadence under a fade (engine `synth::offline`).
//! 5. Renders the music block by block, writing each block as it comes (with `--mix`, mixed
//!    under the original, read from the file a second time and ducked by the programme's
//!    level), then writes `<out>.moments.json` beside the output and optionally a plot. The
//!    memory needed does not grow with the recording (decision records 0023 and 0024).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use resonance_engine::analysis::CrowdAnalyzer;
use resonance_engine::dsp::limiter::SafetyLimiter;
use resonance_engine::dsp::{db_to_lin, lin_to_db};
use resonance_engine::synth::Profile;
use resonance_engine::{CrowdEvent, CrowdEventKind, Cue, MoodSnapshot, Preset, Telemetry, WhistleKind};
use resonance_io::decode::mono_into;
use serde_json::{Value, json};

use crate::arc::{Arc, ArcEvent, MoodPoint, MusicJob, MusicReport, render_music};
use crate::cmd::plot::MusicLevel;
use crate::cmd::render_arc::{DEFAULT_SEED, ProfileArg};
use crate::output::{AtomicWav, WavFormat, progress};
use crate::source::{PlanarFile, StereoFile};
use resonance_bridge::telemetry::sync::{LAG_MAX_S, LAG_MIN_S, PRIOR_LAG_S, answers, match_score, resolve};

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
    /// The --events come from a live match-data feed that lags the sound by 2–30 s: align each
    /// with the crowd's reaction to it (the reaction gives the moment, the feed the meaning).
    #[arg(long, requires = "events")]
    pub sync: bool,
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
    /// With `--sync`: how far the feed lagged the crowd's reaction (s).
    #[serde(skip_serializing_if = "Option::is_none")]
    lag_s: Option<f64>,
}

impl Moment {
    /// A moment whose stinger (if any) is not placed yet.
    fn new(t: f64, kind: String, source: &'static str, confidence: Option<f32>, stinger: Option<Cue>) -> Self {
        Self { t, kind, source, confidence, stinger: stinger.map(Cue::as_str), stinger_at: None, lag_s: None }
    }
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
    // 1-2. decode and crowd analysis, chunk by chunk
    let crowd = analyse(&args.input)?;
    let duration_s = crowd.duration_s;
    if duration_s < 1.0 {
        bail!("{} holds {duration_s:.2} s of audio; a highlight needs at least 1 s", args.input.display());
    }
    // 3. arc and moments
    let supplied = match &args.events {
        Some(p) => load_events(p, duration_s)?,
        None => Vec::new(),
    };
    let (mut moments, events) = if args.sync { sync_moments(&supplied, &crowd) } else { gather_moments(&supplied, &crowd) };
    let arc = Arc { duration_s, mood: derive_arc(&crowd.moods, duration_s), events };
    // 4-5. music, mixed and written as it is rendered
    let seed = args.seed.unwrap_or(DEFAULT_SEED);
    let (report, level) = render_soundtrack(args, &preset, &arc, seed)?;
    for (cue, t, at) in &report.stingers {
        if let Some(m) = moments.iter_mut().find(|m| m.stinger == Some(cue.as_str()) && (m.t - t).abs() < 1e-6 && m.stinger_at.is_none()) {
            m.stinger_at = Some(*at);
        }
    }
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
        crate::cmd::plot::arc_plot(plot, &arc, &moments_for_plot(&moments), &level)?;
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

/// What the crowd analysis found: moods (with their time in seconds) and events, at the rate
/// the analysis ran at, and the recording's length.
struct CrowdReading {
    moods: Vec<(f64, MoodSnapshot)>,
    detected: Vec<CrowdEvent>,
    sample_rate: u32,
    duration_s: f64,
}

/// Stages 1 and 2: decodes the match recording chunk by chunk (resampled to [`RATE`] if the
/// analyser does not support its rate) and runs the crowd analysis over it in 1024-sample
/// blocks of its mono mix, with a progress bar. Only the moods and events are kept (decision
/// record 0023).
fn analyse(input: &Path) -> Result<CrowdReading> {
    let unreadable = || "cannot read the match recording".to_string();
    let mut src = PlanarFile::open(input, |r| Ok(if (22_050..=192_000).contains(&r) { r } else { RATE })).with_context(unreadable)?;
    let sr = src.rate();
    let mut analyzer = CrowdAnalyzer::new(sr as f32);
    let mut reading = CrowdReading { moods: Vec::new(), detected: Vec::new(), sample_rate: sr, duration_s: 0.0 };
    let pb = progress(src.len_hint(), "analyse");
    let mut mono = Vec::new();
    let mut done = 0u64;
    let mut feed = |mono: &mut Vec<f32>, last: bool| {
        let whole = if last { mono.len() } else { mono.len() / 1024 * 1024 };
        for block in mono[..whole].chunks(1024) {
            analyzer.process(block, &mut |t| match t {
                Telemetry::Mood(m) => reading.moods.push((m.time as f64 / f64::from(sr), m)),
                Telemetry::Event(e) => reading.detected.push(e),
                _ => {}
            });
        }
        mono.drain(..whole);
        done += whole as u64;
        pb.set_position(done);
    };
    while let Some(chunk) = src.next_chunk().with_context(unreadable)? {
        mono_into(chunk, &mut mono);
        feed(&mut mono, false);
    }
    feed(&mut mono, true);
    pb.finish_and_clear();
    reading.duration_s = src.input_frames() as f64 / f64::from(src.input_rate().max(1));
    Ok(reading)
}

/// Stage 3: the moments (supplied, then detected; sorted by time) and the arc's stinger events.
/// A confident detected goal roar, near miss or full-time whistle gets a stinger unless a
/// supplied event of the same kind lies within 10 s.
fn gather_moments(supplied: &[ArcEvent], crowd: &CrowdReading) -> (Vec<Moment>, Vec<ArcEvent>) {
    let sr = f64::from(crowd.sample_rate);
    let mut moments: Vec<Moment> =
        supplied.iter().map(|e| Moment::new(e.t, e.cue.as_str().to_string(), "supplied", None, Some(e.cue))).collect();
    let mut events = supplied.to_vec();
    for e in &crowd.detected {
        let claimed = |c: Cue, t: f64| supplied.iter().any(|s| s.cue.as_str().contains(c.as_str()) && (s.t - t).abs() < 10.0);
        push_detected(e, sr, claimed, &mut moments, &mut events);
    }
    sort_moments(&mut moments, &mut events);
    (moments, events)
}

/// A detected reaction as a `"detected"` moment; a confident goal roar, near miss or
/// full-time whistle also gets a stinger event, unless `claimed(cue, t)` (a supplied event
/// already stands for it).
fn push_detected(e: &CrowdEvent, sr: f64, claimed: impl Fn(Cue, f64) -> bool, moments: &mut Vec<Moment>, events: &mut Vec<ArcEvent>) {
    let t = e.onset as f64 / sr;
    let cue = detected_cue(e.kind, e.whistle).filter(|&c| e.confidence >= 0.5 && !claimed(c, t));
    moments.push(Moment::new(t, e.kind.as_str().to_string(), "detected", Some(e.confidence), cue));
    if let Some(cue) = cue {
        events.push(ArcEvent { t, cue });
    }
}

/// Both lists in time order.
fn sort_moments(moments: &mut [Moment], events: &mut [ArcEvent]) {
    events.sort_by(|a, b| a.t.total_cmp(&b.t));
    moments.sort_by(|a, b| a.t.total_cmp(&b.t));
}

/// Stages 4 and 5: renders the music over the arc (stereo at [`RATE`]; stingers planned onto the events'
/// times) and writes it block by block as it is rendered, mixed under the original
/// (read again from the file, chunk by chunk) with `--mix`. Returns the music's report and
/// its level per second for the plot. Nothing of the soundtrack is held beyond a block: the
/// loudness is set by the measuring passes of [`render_music`] (decision record 0024).
fn render_soundtrack(args: &HighlightArgs, preset: &Preset, arc: &Arc, seed: u64) -> Result<(MusicReport, Vec<(f64, f64)>)> {
    let profile = Profile::from(args.profile);
    let frames = (arc.duration_s * f64::from(RATE)).round() as usize;
    let soundfont = crate::arc::soundfont_for(args.soundfont.as_deref(), &preset.style)?;
    let mut wav = AtomicWav::create(&args.out, RATE, 2, args.format)?;
    let mut original =
        if args.mix { Some(StereoFile::open(&args.input, |_| Ok(RATE)).context("cannot read the match recording")?) } else { None };
    let mut mixer = MixUnder::new();
    let mut level = MusicLevel::new(RATE);
    let (mut ol, mut or, mut mixed) = (Vec::new(), Vec::new(), Vec::new());
    let pb = progress(frames as u64, "music");
    let job = MusicJob { style: &preset.style, arc, seed, profile, rate: RATE, soundfont: soundfont.as_ref() };
    let report = render_music(
        &job,
        &mut |block| {
            level.push(block);
            let Some(src) = original.as_mut() else { return wav.write_interleaved(block) };
            let n = block.len() / 2;
            ol.resize(n, 0.0);
            or.resize(n, 0.0);
            // past the end of the original: silence under the music
            let got = src.read(&mut ol, &mut or)?;
            ol[got..].fill(0.0);
            or[got..].fill(0.0);
            mixed.clear();
            mixer.mix(block, &ol, &or, &mut mixed);
            wav.write_interleaved(&mixed)
        },
        &mut |pos| pb.set_position(pos),
    )?;
    pb.finish_and_clear();
    wav.finish()?;
    Ok((report, level.finish()))
}

/// Stage 3 with `--sync`: the feed events (`supplied`, lagging) aligned with the detected
/// reactions by an order-preserving dynamic programme (one reaction per feed event, no
/// crossings, so one late feed event cannot steal another's reaction). A matched pair is one
/// moment at the reaction's onset with the feed's meaning (`source: "both"`, the lag and the
/// detector's confidence), and its stinger lands on the reaction; a feed event with no
/// reaction stays at its own time minus the median lag of the matched ones (`"feed"`,
/// confidence 0.5); a reaction no feed event claims is `"detected"` as without `--sync`.
fn sync_moments(supplied: &[ArcEvent], crowd: &CrowdReading) -> (Vec<Moment>, Vec<ArcEvent>) {
    let sr = f64::from(crowd.sample_rate);
    let mut feed = supplied.to_vec();
    feed.sort_by(|a, b| a.t.total_cmp(&b.t));
    let det = &crowd.detected;
    let (n, m) = (feed.len(), det.len());
    // best[i][j]: the best score aligning the first i feed events with the first j reactions.
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    for i in 1..=n {
        for j in 1..=m {
            let lag = feed[i - 1].t - det[j - 1].onset as f64 / sr;
            let pair = (answers(feed[i - 1].cue, det[j - 1].kind) && (LAG_MIN_S..=LAG_MAX_S).contains(&lag))
                .then(|| best[i - 1][j - 1] + match_score(lag, det[j - 1].confidence, PRIOR_LAG_S));
            best[i][j] = best[i - 1][j].max(best[i][j - 1]).max(pair.unwrap_or(f64::NEG_INFINITY));
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        if best[i][j] == best[i - 1][j] {
            i -= 1;
        } else if best[i][j] == best[i][j - 1] {
            j -= 1;
        } else {
            pairs.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        }
    }
    let mut lags: Vec<f64> = pairs.iter().map(|&(f, d)| feed[f].t - det[d].onset as f64 / sr).collect();
    lags.sort_by(f64::total_cmp);
    let median_lag = lags.get(lags.len() / 2).copied().unwrap_or(0.0);
    let (mut moments, mut events) = (Vec::new(), Vec::new());
    for (f, e) in feed.iter().enumerate() {
        let (t, cue, source, confidence, lag_s) = match pairs.iter().find(|p| p.0 == f) {
            Some(&(_, d)) => {
                let t = det[d].onset as f64 / sr;
                (t, resolve(e.cue, Some(det[d].kind)), "both", det[d].confidence, Some(e.t - t))
            }
            None => ((e.t - median_lag).max(0.0), e.cue, "feed", 0.5, None),
        };
        moments.push(Moment { lag_s, ..Moment::new(t, cue.as_str().to_string(), source, Some(confidence), Some(cue)) });
        events.push(ArcEvent { t, cue });
    }
    for (_, e) in det.iter().enumerate().filter(|(d, _)| !pairs.iter().any(|p| p.1 == *d)) {
        push_detected(e, sr, |_, _| false, &mut moments, &mut events);
    }
    sort_moments(&mut moments, &mut events);
    (moments, events)
}

fn moments_for_plot(m: &[Moment]) -> Vec<(f64, String, bool)> {
    m.iter().map(|m| (m.t, m.kind.clone(), m.stinger.is_some())).collect()
}

/// `soundtrack.wav` -> `soundtrack.moments.json`.
pub fn moments_path(out: &Path) -> PathBuf {
    out.with_extension("moments.json")
}

/// Mixes interleaved stereo music under the original, block by block, ducking it by up to
/// [`MIX_DUCK_DB`] when the programme is loud, through the engine's −1 dBFS safety limiter.
struct MixUnder {
    attack: f32,
    release: f32,
    env: f32,
    base: f32,
    limiter: SafetyLimiter,
}

impl MixUnder {
    fn new() -> Self {
        let sr = RATE as f32;
        Self {
            attack: 1.0 - (-1.0 / (0.005 * sr)).exp(),
            release: 1.0 - (-1.0 / (0.3 * sr)).exp(),
            env: 0.0,
            base: db_to_lin(MIX_MUSIC_DB),
            limiter: SafetyLimiter::new(resonance_engine::OUTPUT_CEILING_DB, 0.08, sr),
        }
    }

    /// Mixes `music` (interleaved) under the original's `ol`/`or` (one sample per frame),
    /// appending interleaved frames to `out`.
    fn mix(&mut self, music: &[f32], ol: &[f32], or: &[f32], out: &mut Vec<f32>) {
        for ((m, &ol), &or) in music.chunks_exact(2).zip(ol).zip(or) {
            let x = (0.5 * (ol + or)).abs();
            self.env += (x - self.env) * if x > self.env { self.attack } else { self.release };
            let amount = ((lin_to_db(self.env) + 50.0) / 30.0).clamp(0.0, 1.0);
            let g = self.base * db_to_lin(-MIX_DUCK_DB * amount);
            let mut l = ol + g * m[0];
            let mut r = or + g * m[1];
            self.limiter.process(&mut l, &mut r);
            out.push(l);
            out.push(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reaction(kind: CrowdEventKind, t: f64, confidence: f32) -> CrowdEvent {
        let s = (t * 48_000.0) as u64;
        CrowdEvent { kind, onset: s, detected: s + 9_600, confidence, whistle: WhistleKind::Short }
    }

    #[test]
    fn a_lagging_feed_takes_the_crowds_moment_and_keeps_its_meaning() {
        let crowd = CrowdReading {
            moods: Vec::new(),
            detected: vec![
                reaction(CrowdEventKind::Whistle, 5.0, 0.9),
                reaction(CrowdEventKind::GoalRoar, 100.0, 0.8),
                reaction(CrowdEventKind::GoalRoar, 112.0, 0.7),
                reaction(CrowdEventKind::Booing, 300.0, 0.9),
                reaction(CrowdEventKind::GoalRoar, 500.0, 0.9),
            ],
            sample_rate: 48_000,
            duration_s: 600.0,
        };
        // Feed: kick-off 3 s late; two home goals 9 s and 6 s late (the second's window also
        // holds the first roar: order keeps each on its own); an away goal met with boos 20 s
        // late; a card the crowd did not react to.
        let feed = [
            ArcEvent { t: 8.0, cue: Cue::KickOff },
            ArcEvent { t: 109.0, cue: Cue::HomeGoal },
            ArcEvent { t: 118.0, cue: Cue::HomeGoal },
            ArcEvent { t: 320.0, cue: Cue::AwayGoal },
            ArcEvent { t: 400.0, cue: Cue::Card },
        ];
        let (moments, events) = sync_moments(&feed, &crowd);
        let row = |t: f64| moments.iter().find(|m| (m.t - t).abs() < 0.01).unwrap_or_else(|| panic!("no moment at {t}: {moments:?}"));
        for (t, kind, lag) in [(5.0, "kick_off", 3.0), (100.0, "home_goal", 9.0), (112.0, "home_goal", 6.0), (300.0, "away_goal", 20.0)] {
            let m = row(t);
            assert_eq!((m.kind.as_str(), m.source), (kind, "both"), "{m:?}");
            assert!((m.lag_s.unwrap_or(f64::NAN) - lag).abs() < 0.01, "{m:?}");
        }
        // The card: at the feed's time less the median lag of the matched (6 or 9 s), shown
        // as the feed's alone; the roar at 500 s with no feed event is the crowd's alone.
        let card = moments.iter().find(|m| m.kind == Cue::Card.as_str()).expect("the card");
        assert_eq!(card.source, "feed");
        assert!((391.0..=394.0).contains(&card.t), "{card:?}");
        assert_eq!(row(500.0).source, "detected");
        assert_eq!(moments.len(), 6, "{moments:?}");
        // Stingers: on the reactions' onsets, one per moment, none doubled.
        let goals: Vec<f64> = events.iter().filter(|e| e.cue == Cue::HomeGoal).map(|e| e.t).collect();
        assert_eq!(goals, vec![100.0, 112.0]);
        assert_eq!(events.len(), 6, "{events:?}");
    }
}
