//! `resonance live`: options (CLI over a TOML config file), device set-up, the control loop.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{FromSample, SizedSample};
use resonance_engine::prelude::*;
use resonance_io::midi::{MidiAction, MidiMap, MidiMapper};
use resonance_protocol::{Inbound, OscConfig, OscPeer, Outbound};

use super::devices;
use super::rt::{CHUNK, LiveProcessor, LiveStats, Source, push_input};
use crate::output::{AtomicWav, WavFormat};

/// Options of `resonance live`. Every option can also be set in a TOML file given with
/// `--config`; flags override the file.
#[derive(Debug, Clone, Default, clap::Args, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LiveArgs {
    /// TOML file with any of these options (keys as the long flags, e.g. `input-device`).
    #[arg(long, value_name = "FILE")]
    #[serde(skip)]
    pub config: Option<PathBuf>,
    /// Audio host for the default devices: `alsa`, or `jack` (built with the `jack` feature).
    #[arg(long)]
    pub host: Option<String>,
    /// Crowd microphone: an input device id (`alsa:hw:1,0`) or part of its name.
    #[arg(long, value_name = "PATTERN")]
    pub input_device: Option<String>,
    /// Programme input device (commentary/programme bus); the crowd then feeds the sidechain.
    #[arg(long, value_name = "PATTERN")]
    pub programme_device: Option<String>,
    /// Output device id or part of its name (default: the system's default output); `null`
    /// runs on a null output paced in real time (headless).
    #[arg(long, value_name = "PATTERN")]
    pub output: Option<String>,
    /// Play a file as the crowd input, looping (rehearsals).
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Play `--input` once, then silence, instead of looping it.
    #[arg(long, requires = "input")]
    #[serde(default)]
    pub input_once: bool,
    /// Music recognition: a fingerprint index made by `resonance index`. The programme (main
    /// input) is matched against it; "now playing" and "ended" go to the bridge as
    /// `/resonance/now_playing`, to stderr, and (with `--json`) to stdout as JSON lines.
    #[arg(long, value_name = "INDEX")]
    pub db: Option<PathBuf>,
    /// Use the built-in demo match as the crowd input.
    #[arg(long)]
    #[serde(default)]
    pub demo: bool,
    /// Sample rate in Hz.
    #[arg(long)]
    pub rate: Option<u32>,
    /// Device buffer size in frames.
    #[arg(long)]
    pub buffer: Option<u32>,
    /// Preset (style) name or file.
    #[arg(long)]
    pub preset: Option<String>,
    /// MIDI input port: part of its name.
    #[arg(long, value_name = "PATTERN")]
    pub midi: Option<String>,
    /// MIDI map file (TOML; see presets/midi/). Default: the factory `generic` map. Maps made
    /// by MIDI learn are saved here.
    #[arg(long, value_name = "FILE")]
    pub midi_map: Option<PathBuf>,
    /// Arm MIDI learn for this parameter (an ID from `resonance presets --params`): the next
    /// control moved on the MIDI input is mapped to it and the map saved to `--midi-map`.
    #[arg(long, value_name = "PARAM")]
    pub midi_learn: Option<String>,
    /// Record the output to this WAV file (written on a non-real-time thread).
    #[arg(long, value_name = "FILE.wav")]
    pub record: Option<PathBuf>,
    /// Stop after this many seconds (default: run until Ctrl-C).
    #[arg(long)]
    pub duration: Option<f64>,
    /// Where OSC telemetry (mood, events, meters, xruns) goes: the bridge's OSC address.
    #[arg(long, value_name = "ADDR")]
    pub osc_bridge: Option<String>,
    /// Where OSC commands are received (the next free port above is taken when it is busy;
    /// port 0: any free port).
    #[arg(long, value_name = "ADDR")]
    pub osc_listen: Option<String>,
    /// Bridge session this host belongs to (sent in the OSC hello).
    #[arg(long)]
    pub session: Option<String>,
    /// No OSC at all.
    #[arg(long)]
    #[serde(default)]
    pub no_osc: bool,
    /// Print only the summary.
    #[arg(long)]
    #[serde(default)]
    pub quiet: bool,
    /// Print the closing summary as one line of JSON (for scripts, tests and benchmarks).
    #[arg(long)]
    #[serde(default)]
    pub json: bool,
}

impl LiveArgs {
    /// The config file's values, overridden by every flag given on the command line.
    pub fn merged(&self) -> Result<LiveArgs> {
        let Some(path) = &self.config else { return Ok(self.clone()) };
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read config file {}", path.display()))?;
        let file: LiveArgs = toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.message()))?;
        Ok(LiveArgs {
            config: self.config.clone(),
            host: self.host.clone().or(file.host),
            input_device: self.input_device.clone().or(file.input_device),
            programme_device: self.programme_device.clone().or(file.programme_device),
            output: self.output.clone().or(file.output),
            input: self.input.clone().or(file.input),
            input_once: self.input_once || file.input_once,
            db: self.db.clone().or(file.db),
            demo: self.demo || file.demo,
            rate: self.rate.or(file.rate),
            buffer: self.buffer.or(file.buffer),
            preset: self.preset.clone().or(file.preset),
            midi: self.midi.clone().or(file.midi),
            midi_map: self.midi_map.clone().or(file.midi_map),
            midi_learn: self.midi_learn.clone().or(file.midi_learn),
            record: self.record.clone().or(file.record),
            duration: self.duration.or(file.duration),
            osc_bridge: self.osc_bridge.clone().or(file.osc_bridge),
            osc_listen: self.osc_listen.clone().or(file.osc_listen),
            session: self.session.clone().or(file.session),
            no_osc: self.no_osc || file.no_osc,
            quiet: self.quiet || file.quiet,
            json: self.json || file.json,
        })
    }
}

const FACTORY_MIDI_MAP: &str = include_str!("../../presets/midi/generic.toml");

/// Builds an output stream that runs `proc` in its callback, converting to the device's format.
fn build_output<T>(
    device: &cpal::Device,
    config: &cpal::StreamConfig,
    mut proc: LiveProcessor,
    stats: Arc<LiveStats>,
    lost: Arc<AtomicBool>,
) -> Result<cpal::Stream>
where
    T: SizedSample + FromSample<f32> + Send + 'static,
{
    let ch = usize::from(config.channels);
    let mut scratch = vec![0.0f32; CHUNK * ch];
    let stream = device.build_output_stream(
        *config,
        move |data: &mut [T], _: &cpal::OutputCallbackInfo| {
            for piece in data.chunks_mut(CHUNK * ch) {
                let s = &mut scratch[..piece.len()];
                proc.render(s, ch);
                for (d, x) in piece.iter_mut().zip(s.iter()) {
                    *d = T::from_sample(*x);
                }
            }
        },
        move |e| on_stream_error(&e, &stats, &lost),
        None,
    )?;
    Ok(stream)
}

fn build_input<T>(
    device: &cpal::Device,
    config: &cpal::StreamConfig,
    mut ring: rtrb::Producer<f32>,
    stats: Arc<LiveStats>,
    lost: Arc<AtomicBool>,
) -> Result<cpal::Stream>
where
    T: SizedSample + Send + 'static,
    f32: FromSample<T>,
{
    let ch = usize::from(config.channels);
    let mut scratch = vec![0.0f32; CHUNK * ch];
    let stats2 = stats.clone();
    let stream = device.build_input_stream(
        *config,
        move |data: &[T], _: &cpal::InputCallbackInfo| {
            for piece in data.chunks(CHUNK * ch) {
                let s = &mut scratch[..piece.len()];
                for (d, x) in s.iter_mut().zip(piece) {
                    *d = x.to_sample::<f32>();
                }
                push_input(&mut ring, s, ch, &stats2);
            }
        },
        move |e| on_stream_error(&e, &stats, &lost),
        None,
    )?;
    Ok(stream)
}

fn on_stream_error(e: &cpal::Error, stats: &LiveStats, lost: &AtomicBool) {
    match e.kind() {
        cpal::ErrorKind::Xrun => {
            stats.xruns.fetch_add(1, Ordering::Relaxed);
        }
        cpal::ErrorKind::DeviceNotAvailable => lost.store(true, Ordering::Relaxed),
        _ => {}
    }
}

/// Picks a stream config for `device` at `rate` and `buffer`.
fn stream_config(device: &cpal::Device, output: bool, rate: u32, buffer: u32) -> Result<(cpal::StreamConfig, cpal::SampleFormat)> {
    let configs: Vec<_> = if output { device.supported_output_configs()?.collect() } else { device.supported_input_configs()?.collect() };
    let pick = configs
        .iter()
        .filter(|c| c.min_sample_rate() <= rate && rate <= c.max_sample_rate())
        .max_by_key(|c| (c.sample_format() == cpal::SampleFormat::F32, c.channels() == 2, std::cmp::Reverse(c.channels())))
        .ok_or_else(|| anyhow::anyhow!("the device does not support {rate} Hz; try --rate 48000 or 44100"))?;
    let supported = (*pick).with_sample_rate(rate);
    let mut config = supported.config();
    config.buffer_size = cpal::BufferSize::Fixed(buffer);
    Ok((config, supported.sample_format()))
}

macro_rules! by_format {
    ($fmt:expr, $f:ident, $($arg:expr),*) => {
        match $fmt {
            cpal::SampleFormat::F32 => $f::<f32>($($arg),*),
            cpal::SampleFormat::I16 => $f::<i16>($($arg),*),
            cpal::SampleFormat::I32 => $f::<i32>($($arg),*),
            cpal::SampleFormat::U8 => $f::<u8>($($arg),*),
            other => bail!("sample format {other:?} is not supported; choose a device offering f32, i16, i32 or u8"),
        }
    };
}

/// A running set of streams (or the null output thread) and the engine's handle.
struct Session {
    _streams: Vec<cpal::Stream>,
    null_thread: Option<(Arc<AtomicBool>, std::thread::JoinHandle<()>)>,
    handle: EngineHandle,
    /// The matcher thread (with `--db`); dropped after the streams, it stops and joins.
    _recognizer: Option<super::recognition::Recognizer>,
    lost: Arc<AtomicBool>,
    rate: u32,
    described: String,
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some((stop, t)) = self.null_thread.take() {
            stop.store(true, Ordering::Relaxed);
            let _ = t.join();
        }
    }
}

fn load_looped(path: &Path, rate: u32) -> Result<Arc<[f32]>> {
    let d = resonance_io::decode::decode_file(path)?;
    let mono = resonance_io::decode::resample(&d.to_mono(), d.sample_rate, rate)?;
    Ok(mono.into())
}

/// The recorder ring's producer and the channel that gives it back when a session ends.
type RecorderLink = (rtrb::Producer<f32>, mpsc::Sender<rtrb::Producer<f32>>);

/// Opens the devices and starts the streams. `recorder` is taken only once the processor
/// that owns it exists; from then on, dropping the processor (a failed start, or the session
/// ending) sends it back through its channel.
fn build_session(
    args: &LiveArgs,
    recorder: &mut Option<RecorderLink>,
    stats: &Arc<LiveStats>,
    recognition: Option<&super::recognition::Recognition>,
    rebuild: bool,
) -> Result<Session> {
    let rate = args.rate.unwrap_or(48_000);
    let buffer = args.buffer.unwrap_or(256);
    let preset = resonance_io::preset::find(args.preset.as_deref().unwrap_or("stadium-anthem"))?;
    let stats = stats.clone();
    let lost = Arc::new(AtomicBool::new(false));
    let mut streams = Vec::new();
    let mut described = Vec::new();

    // output device (or none: the null output)
    let host = match &args.host {
        None => cpal::default_host(),
        Some(name) => {
            let available = cpal::available_hosts();
            let id = available.iter().find(|h| h.name().eq_ignore_ascii_case(name)).ok_or_else(|| {
                anyhow::anyhow!(
                    "audio host `{name}` is not available; available: {} (JACK needs a build with `--features jack` and a running server)",
                    available.iter().map(|h| h.name().to_lowercase()).collect::<Vec<_>>().join(", ")
                )
            })?;
            cpal::host_from_id(*id)?
        }
    };
    // With no device named, an unusable default (no sound card: ALSA has no `default` PCM)
    // falls back to the null output and the demo input. Not on a rebuild: there the retry
    // loop waits for the real device to come back.
    let out = match &args.output {
        Some(p) if p == "null" => None,
        Some(p) => {
            let dev = devices::find(p, true)?;
            let (cfg, fmt) = stream_config(&dev, true, rate, buffer).with_context(|| format!("cannot use output device `{p}`"))?;
            Some((dev, cfg, fmt))
        }
        None => match host.default_output_device().map(|d| stream_config(&d, true, rate, buffer).map(|(c, f)| (d, c, f))) {
            Some(Ok(o)) => Some(o),
            Some(Err(e)) if rebuild => return Err(e.context("the default output device is not back yet")),
            Some(Err(e)) => {
                eprintln!(
                    "the default audio output cannot be used ({e:#}): running on a null output (nothing is played; use --record to hear the result, or --output to pick a device from `resonance devices`)"
                );
                None
            }
            None if rebuild => bail!("no default output device yet"),
            None => {
                eprintln!("no audio output device found: running on a null output (nothing is played); use --record to hear the result");
                None
            }
        },
    };
    // crowd source: file, demo, device, or (no device) the demo
    let ring_target = (buffer as usize * 4).max(1024);
    let make_ring = || rtrb::RingBuffer::<f32>::new(ring_target * 8);
    let crowd = if let Some(file) = &args.input {
        described.push(format!("input file {} ({})", file.display(), if args.input_once { "once" } else { "looping" }));
        Source::Looped { data: load_looped(file, rate)?, pos: 0, once: args.input_once }
    } else if args.demo {
        described.push("built-in demo input".into());
        Source::Looped { data: crate::demo::crowd(rate, 62.0, 2026)[0].clone().into(), pos: 0, once: false }
    } else {
        let ring_source = |dev: &cpal::Device, streams: &mut Vec<cpal::Stream>| -> Result<Source> {
            let (cfg, fmt) = stream_config(dev, false, rate, buffer)?;
            let (tx, rx) = make_ring();
            streams.push(by_format!(fmt, build_input, dev, &cfg, tx, stats.clone(), lost.clone())?);
            Ok(Source::Ring { ring: rx, target: ring_target, last: 0.0 })
        };
        let demo = |why: &str, described: &mut Vec<String>| {
            eprintln!("{why}: using the built-in demo input (a synthesised match crowd)");
            described.push(format!("built-in demo input ({why})"));
            Source::Looped { data: crate::demo::crowd(rate, 62.0, 2026)[0].clone().into(), pos: 0, once: false }
        };
        match &args.input_device {
            Some(p) => {
                let dev = devices::find(p, false)?;
                let src = ring_source(&dev, &mut streams).with_context(|| format!("cannot use input device `{p}`"))?;
                described.push(format!("crowd mic {}", dev.id().map_or_else(|_| "?".into(), |i| i.to_string())));
                src
            }
            None => match host.default_input_device().map(|d| ring_source(&d, &mut streams).map(|s| (d, s))) {
                Some(Ok((dev, src))) => {
                    described.push(format!("crowd mic {}", dev.id().map_or_else(|_| "?".into(), |i| i.to_string())));
                    src
                }
                Some(Err(e)) if rebuild => return Err(e.context("the default input device is not back yet")),
                Some(Err(e)) => demo(&format!("the default audio input cannot be used ({e:#})"), &mut described),
                None if rebuild => bail!("no default input device yet"),
                None => demo("no audio input device found", &mut described),
            },
        }
    };
    let programme = match &args.programme_device {
        Some(p) => {
            let dev = devices::find(p, false)?;
            let (cfg, fmt) = stream_config(&dev, false, rate, buffer)?;
            let (tx, rx) = make_ring();
            streams.push(by_format!(fmt, build_input, &dev, &cfg, tx, stats.clone(), lost.clone())?);
            described.push(format!("programme {p}"));
            Some(Source::Ring { ring: rx, target: ring_target, last: 0.0 })
        }
        None => None,
    };
    let layout = Layout { main_channels: 2, sidechain: programme.is_some(), music_out: false };
    let (engine, mut handle) = Engine::new(EngineConfig::with_preset(&preset)).prepare(f64::from(rate), CHUNK, layout)?;
    let recognizer = recognition.map(|r| r.start(&mut handle)).transpose()?;
    let proc = LiveProcessor::new(engine, crowd, programme, recorder.take(), stats.clone());

    let null_thread = if let Some((dev, cfg, fmt)) = out {
        let s = by_format!(fmt, build_output, &dev, &cfg, proc, stats.clone(), lost.clone())?;
        described.push(format!(
            "output {} ({} ch, {rate} Hz, {buffer} frames)",
            dev.id().map_or_else(|_| "?".into(), |i| i.to_string()),
            cfg.channels
        ));
        streams.push(s);
        None
    } else {
        described.push("null output (real-time paced)".into());
        Some(spawn_null_output(proc, rate, buffer))
    };
    // every buffer of this session exists now: make it resident before the audio thread runs
    let locked = super::memlock::lock_current();
    for s in &streams {
        s.play().context("cannot start the audio stream")?;
    }
    if locked {
        described.push("memory locked".into());
    }
    Ok(Session { _streams: streams, null_thread, handle, _recognizer: recognizer, lost, rate, described: described.join(", ") })
}

/// With no output device: run the processor at real-time pace on a plain thread.
fn spawn_null_output(mut proc: LiveProcessor, rate: u32, buffer: u32) -> (Arc<AtomicBool>, std::thread::JoinHandle<()>) {
    let stop = Arc::new(AtomicBool::new(false));
    let stop2 = stop.clone();
    let t = std::thread::spawn(move || {
        let frames = buffer.max(64) as usize;
        let mut buf = vec![0.0f32; frames * 2];
        let period = Duration::from_secs_f64(frames as f64 / f64::from(rate));
        let start = Instant::now();
        let mut n: u32 = 0;
        while !stop2.load(Ordering::Relaxed) {
            proc.render(&mut buf, 2);
            n += 1;
            let due = start + period * n;
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
        }
    });
    (stop, t)
}

/// The recorder thread's handle: its ring producer (for the audio thread), a stop flag, and
/// the thread, which returns the number of frames written.
type Recorder = (rtrb::Producer<f32>, Arc<AtomicBool>, std::thread::JoinHandle<Result<u64>>);

/// The recorder: a non-real-time thread draining the output ring into a WAV file.
fn spawn_recorder(path: &Path, rate: u32) -> Result<Recorder> {
    // 20 s of stereo: the writer only has to keep up on average
    let (tx, mut rx) = rtrb::RingBuffer::<f32>::new(rate as usize * 2 * 20);
    let mut wav = AtomicWav::create(path, rate, 2, WavFormat::S24)?;
    let stop = Arc::new(AtomicBool::new(false));
    let stop2 = stop.clone();
    let t = std::thread::spawn(move || -> Result<u64> {
        let mut buf = Vec::with_capacity(8192);
        let mut written = 0u64;
        loop {
            let finishing = stop2.load(Ordering::Acquire);
            // the audio thread pushes left then right: a read can end between the two, so an
            // odd trailing sample stays in `buf` for the next round
            while buf.len() < 8192 {
                match rx.pop() {
                    Ok(x) => buf.push(x),
                    Err(_) => break,
                }
            }
            let whole = buf.len() - buf.len() % 2;
            wav.write_interleaved(&buf[..whole])?;
            written += whole as u64 / 2;
            buf.drain(..whole);
            if finishing && rx.is_empty() {
                break;
            }
            if rx.is_empty() {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        wav.finish()?;
        Ok(written)
    });
    Ok((tx, stop, t))
}

/// One short MIDI message from the input callback: up to 3 bytes and their count. Longer
/// messages (SysEx) are not mapped and are not queued.
type RawMidi = ([u8; 3], u8);

/// Opens the MIDI input whose name contains `pattern`. Its callback (on midir's thread; with
/// JACK, inside the real-time process callback) only copies each message into a lock-free ring;
/// the control loop maps them, so learning, soft takeover and saving happen off that thread.
fn connect_midi(pattern: &str) -> Result<(midir::MidiInputConnection<()>, rtrb::Consumer<RawMidi>)> {
    let input = midir::MidiInput::new("resonance").map_err(|e| anyhow::anyhow!("MIDI is not available on this machine: {e}"))?;
    let ports = input.ports();
    let names: Vec<String> = ports.iter().map(|p| input.port_name(p).unwrap_or_default()).collect();
    let Some(i) = names.iter().position(|n| n.to_lowercase().contains(&pattern.to_lowercase())) else {
        bail!("no MIDI input matches `{pattern}`; available: {}", if names.is_empty() { "(none)".to_string() } else { names.join(", ") });
    };
    let (mut tx, rx) = rtrb::RingBuffer::<RawMidi>::new(4096);
    let conn = input
        .connect(
            &ports[i],
            "resonance-in",
            move |_, msg, ()| {
                if (1..=3).contains(&msg.len()) {
                    let mut b = [0u8; 3];
                    b[..msg.len()].copy_from_slice(msg);
                    // a full ring drops the message: the control loop is far behind anyway
                    let _ = tx.push((b, msg.len() as u8));
                }
            },
            (),
        )
        .map_err(|e| anyhow::anyhow!("cannot open MIDI input `{}`: {e}", names[i]))?;
    Ok((conn, rx))
}

/// The live host's MIDI side on the control loop: the port's ring, the mapper, and where a
/// learned map is saved.
struct Midi {
    _conn: midir::MidiInputConnection<()>,
    rx: rtrb::Consumer<RawMidi>,
    mapper: MidiMapper,
    save_to: Option<PathBuf>,
}

impl Midi {
    fn open(args: &LiveArgs, pattern: &str) -> Result<Self> {
        let map = match &args.midi_map {
            Some(p) if p.exists() || args.midi_learn.is_none() => MidiMap::parse(
                &p.display().to_string(),
                &std::fs::read_to_string(p).with_context(|| format!("cannot read MIDI map {}", p.display()))?,
            )?,
            _ => MidiMap::parse("presets/midi/generic.toml", FACTORY_MIDI_MAP)?,
        };
        let mut mapper = MidiMapper::new(map);
        if let Some(id) = &args.midi_learn {
            let param = ParamId::from_id(id).ok_or_else(|| {
                anyhow::anyhow!(
                    "--midi-learn: unknown parameter `{id}`; the parameters are: {}",
                    ParamId::ALL.iter().map(|p| p.info().id).collect::<Vec<_>>().join(", ")
                )
            })?;
            mapper.learn(param);
        }
        let (conn, rx) = connect_midi(pattern)?;
        Ok(Self { _conn: conn, rx, mapper, save_to: args.midi_map.clone() })
    }

    /// Maps what arrived since the last call into engine commands.
    fn poll(&mut self, quiet: bool, mut send: impl FnMut(Command)) {
        while let Ok((bytes, len)) = self.rx.pop() {
            for action in self.mapper.feed(&bytes[..usize::from(len).min(3)]) {
                match action {
                    MidiAction::SetParam { id, value } => send(Command::SetParam { id, value }),
                    MidiAction::Cue(c) => send(Command::Cue(c)),
                    MidiAction::Learned(m) => self.learned(m.param.info().id, quiet),
                }
            }
        }
    }

    fn learned(&self, param: &str, quiet: bool) {
        let Some(path) = &self.save_to else {
            eprintln!("midi learn: {param} mapped (give --midi-map FILE to keep it)");
            return;
        };
        match std::fs::write(path, self.mapper.map().to_toml()) {
            Ok(()) if !quiet => eprintln!("midi learn: {param} mapped; map saved to {}", path.display()),
            Ok(()) => {}
            Err(e) => eprintln!("midi learn: {param} mapped, but {} cannot be written: {e}", path.display()),
        }
    }
}

/// The OSC peer: reports to the bridge, commands from it (or any OSC controller).
fn open_osc(args: &LiveArgs) -> Result<Option<OscPeer>> {
    if args.no_osc {
        return Ok(None);
    }
    let config = OscConfig::parse(
        args.osc_bridge.as_deref().unwrap_or(resonance_protocol::link::DEFAULT_BRIDGE),
        args.osc_listen.as_deref().unwrap_or(resonance_protocol::link::DEFAULT_LISTEN),
        args.session.as_deref().unwrap_or("default"),
    )
    .map_err(|e| anyhow::anyhow!("OSC options: {e}"))?;
    let peer = OscPeer::bind(&config).with_context(|| {
        format!("cannot open the OSC command socket at {}; choose another with --osc-listen, or --no-osc", config.listen)
    })?;
    if !args.quiet {
        eprintln!(
            "osc: telemetry to {}, commands on {} (session {})",
            config.bridge,
            peer.local_addr().map_or_else(|_| "?".into(), |a| a.to_string()),
            config.session
        );
    }
    Ok(Some(peer))
}

/// Summary of a live run: printed at the end (one JSON line with `--json`), read by the tests
/// and the benchmark.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
pub struct LiveSummary {
    /// Wall-clock length of the run.
    pub seconds: f64,
    pub sample_rate: u32,
    /// Device buffer (callback period) in frames, as requested.
    pub buffer: u32,
    /// Frames rendered by the engine (all sessions, across device rebuilds).
    pub frames: u64,
    pub callbacks: u64,
    /// Xruns in steady operation (outside the first second after each stream start).
    pub xruns: u64,
    /// Xruns in the first second after each stream start (port connections re-ordering a
    /// JACK graph, first-touch page faults).
    pub startup_xruns: u64,
    pub underruns: u64,
    pub overruns: u64,
    pub slips: u64,
    pub record_dropped: u64,
    pub recorded_frames: u64,
    /// Time inside the output callback / audio time (share of one core).
    pub cpu_share: f64,
    /// Time in one callback: median, 99th and 99.9th percentile, maximum (µs; 5 µs buckets).
    pub callback_p50_us: f64,
    pub callback_p99_us: f64,
    pub callback_p999_us: f64,
    pub callback_max_us: f64,
    /// Callbacks that took longer than one period of wall time (each is an xrun on a
    /// real-time device).
    pub callbacks_over_period: u64,
    /// CPU time of the audio thread in one callback: 99.9th percentile and maximum (µs).
    pub callback_cpu_p999_us: f64,
    pub callback_cpu_max_us: f64,
    /// Callbacks whose CPU time alone was over one period: the engine was too slow. A
    /// callback over its period in wall time but not in CPU time was preempted (a stall).
    pub callbacks_cpu_over_period: u64,
    /// Longest time between the starts of two callbacks (µs).
    pub gap_max_us: f64,
    /// Callbacks that started more than 1.5 periods after the previous one: the audio thread
    /// (or the server driving it) was not scheduled in time. An xrun with no callback over its
    /// period comes with one of these: the machine stalled, not the engine.
    pub late_wakeups: u64,
    /// Device rebuilds after the device disappeared.
    pub rebuilds: u64,
    /// OSC datagrams sent to the bridge, and commands received from it.
    pub osc_sent: u64,
    pub osc_commands: u64,
}

impl LiveSummary {
    /// The closing line people read.
    fn human(&self, recording: bool) -> String {
        let period_us = 1e6 * f64::from(self.buffer) / f64::from(self.sample_rate.max(1));
        format!(
            "live: {:.1} s, {} frames in {} callbacks; cpu {:.3} % of one core in the callback; callback p50 {:.0} µs, p99 {:.0} µs, p99.9 {:.0} µs, max {:.0} µs (period {period_us:.0} µs, {} over, {} over in CPU time, {} late wake-ups); xruns {}, start-up xruns {}, underruns {}, overruns {}, drift slips {}{}",
            self.seconds,
            self.frames,
            self.callbacks,
            self.cpu_share * 100.0,
            self.callback_p50_us,
            self.callback_p99_us,
            self.callback_p999_us,
            self.callback_max_us,
            self.callbacks_over_period,
            self.callbacks_cpu_over_period,
            self.late_wakeups,
            self.xruns,
            self.startup_xruns,
            self.underruns,
            self.overruns,
            self.slips,
            if recording { format!(", recorded {} frames ({} dropped)", self.recorded_frames, self.record_dropped) } else { String::new() }
        )
    }

    /// Prints the summary on stdout: JSON (one line) or the human line.
    pub fn print(&self, json: bool, recording: bool) {
        if json {
            match serde_json::to_string(self) {
                Ok(line) => println!("{line}"),
                Err(e) => eprintln!("cannot write the summary as JSON: {e}"),
            }
        } else {
            println!("{}", self.human(recording));
        }
    }
}

/// Runs `resonance live`.
pub fn run(args: &LiveArgs) -> Result<()> {
    let args = args.merged()?;
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        // a second Ctrl-C while stopping is harmless
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::Relaxed));
    }
    let summary = run_until(&args, &stop)?;
    summary.print(args.json, args.record.is_some());
    Ok(())
}

/// Counts xruns in the first second after each stream start apart from the rest.
struct XrunWindow {
    /// Start-up xruns of earlier sessions.
    startup: u64,
    /// Xrun count when the current session started, and when its start-up window ends.
    base: u64,
    until: Option<Instant>,
}

impl XrunWindow {
    const STARTUP: Duration = Duration::from_secs(1);

    fn new(stats: &LiveStats) -> Self {
        Self { startup: 0, base: stats.xruns.load(Ordering::Relaxed), until: Some(Instant::now() + Self::STARTUP) }
    }

    /// A new session starts now.
    fn restart(&mut self, stats: &LiveStats) {
        self.close(stats);
        self.base = stats.xruns.load(Ordering::Relaxed);
        self.until = Some(Instant::now() + Self::STARTUP);
    }

    /// Ends the start-up window when it is due.
    fn tick(&mut self, stats: &LiveStats) {
        if self.until.is_some_and(|t| Instant::now() >= t) {
            self.close(stats);
        }
    }

    fn close(&mut self, stats: &LiveStats) {
        if self.until.take().is_some() {
            self.startup += stats.xruns.load(Ordering::Relaxed).saturating_sub(self.base);
        }
    }
}

/// Runs the live host until `stop` is set or the duration passes.
pub fn run_until(args: &LiveArgs, stop: &AtomicBool) -> Result<LiveSummary> {
    let rate = args.rate.unwrap_or(48_000);
    let stats = Arc::new(LiveStats::default());
    let mut recorder = match &args.record {
        Some(p) => Some(spawn_recorder(p, rate)?),
        None => None,
    };
    let (back_tx, back_rx) = mpsc::channel();
    let mut rec_link: Option<RecorderLink> =
        recorder.as_mut().map(|(tx, _, _)| (std::mem::replace(tx, rtrb::RingBuffer::new(1).0), back_tx.clone()));
    // MIDI first: connecting ports re-orders a JACK graph, which must not happen under running audio
    let mut midi = match &args.midi {
        Some(pattern) => Some(Midi::open(args, pattern)?),
        None if args.midi_learn.is_some() => bail!("--midi-learn needs a MIDI input: add --midi PATTERN"),
        None => None,
    };
    let mut osc = open_osc(args)?;
    let recognition = match &args.db {
        Some(db) => Some(super::recognition::Recognition::load(db, args.quiet)?),
        None => None,
    };
    let mut session = build_session(args, &mut rec_link, &stats, recognition.as_ref(), false)?;
    if !args.quiet {
        eprintln!("live: {}", session.described);
        eprintln!("press Ctrl-C to stop");
    }
    let started = Instant::now();
    let mut xrun_window = XrunWindow::new(&stats);
    let mut rebuilds = 0;
    let mut last_status = Instant::now();
    let mut last_meters = Instant::now();
    let sr = f64::from(session.rate);
    while !stop.load(Ordering::Relaxed) && args.duration.is_none_or(|d| started.elapsed().as_secs_f64() < d) {
        std::thread::sleep(Duration::from_millis(20));
        xrun_window.tick(&stats);
        if let Some(m) = &mut midi {
            m.poll(args.quiet, |c| {
                let _ = session.handle.commands.send(c);
            });
        }
        for t in session.handle.telemetry.drain() {
            if let Some(p) = &osc {
                p.report_telemetry(&t, &session.handle.styles);
            }
            match t {
                Telemetry::Event(e) if !args.quiet => {
                    eprintln!("{:>8.2} s  {:<12} confidence {:.2}", e.onset as f64 / sr, e.kind.as_str(), e.confidence);
                }
                Telemetry::CueScheduled { cue, at } if !args.quiet => eprintln!("{:>8.2} s  cue {}", at as f64 / sr, cue.as_str()),
                _ => {}
            }
        }
        if let Some(p) = &mut osc {
            if last_meters.elapsed() >= resonance_protocol::link::METERS_INTERVAL {
                last_meters = Instant::now();
                p.report_meters(&session.handle.meters.read());
                p.report(&Inbound::Xruns(stats.xruns.load(Ordering::Relaxed)));
            }
            p.keep_alive();
            let handle = &mut session.handle;
            p.poll(|o| match o {
                Outbound::MidiLearn { id } => match &mut midi {
                    Some(m) => {
                        m.mapper.learn(id);
                        if !args.quiet {
                            eprintln!("midi learn: armed for {}; move a control", id.info().id);
                        }
                    }
                    None => {
                        eprintln!("midi learn for {} ignored: this host has no MIDI input (start it with --midi PATTERN)", id.info().id);
                    }
                },
                other => {
                    if let Some(c) = other.to_command(&handle.styles) {
                        if let (Command::SetParam { id, value }, Some(m)) = (c, &mut midi) {
                            // soft takeover must know where the parameter is now
                            m.mapper.set_current(id, value);
                        }
                        let _ = handle.commands.send(c);
                    }
                }
            });
        }
        // without --db nobody matches the landmarks: keep the queue empty
        while session.handle.landmarks.pop().is_some() {}
        if let Some(r) = &recognition {
            r.forward(osc.as_ref(), args.json, args.quiet);
        }
        if !args.quiet && last_status.elapsed() >= Duration::from_secs(2) {
            last_status = Instant::now();
            let m = session.handle.meters.read();
            eprintln!(
                "{:>8.2} s  mood {:<12} v {:+.2} a {:+.2}  out {:>6.1} dBFS  xruns {}",
                m.time as f64 / sr,
                m.mood.label.as_str(),
                m.mood.valence,
                m.mood.arousal,
                m.output_peak_db,
                stats.xruns.load(Ordering::Relaxed)
            );
        }
        if session.lost.load(Ordering::Relaxed) {
            eprintln!("the audio device disappeared; retrying every 2 s (Ctrl-C to stop)");
            // a server going away reports xruns of its own while it dies: not steady-state ones
            drop(session);
            xrun_window.restart(&stats);
            loop {
                std::thread::sleep(Duration::from_secs(2));
                if stop.load(Ordering::Relaxed) || args.duration.is_some_and(|d| started.elapsed().as_secs_f64() >= d) {
                    bail!("stopped while waiting for the audio device to come back");
                }
                // the recorder's producer comes back when the old (or a half-built) processor is dropped
                if rec_link.is_none() {
                    rec_link = back_rx.try_recv().ok().map(|p| (p, back_tx.clone()));
                }
                match build_session(args, &mut rec_link, &stats, recognition.as_ref(), true) {
                    Ok(s) => {
                        eprintln!("audio device back: {}", s.described);
                        session = s;
                        rebuilds += 1;
                        xrun_window.restart(&stats);
                        break;
                    }
                    Err(e) => eprintln!("still unavailable: {e:#}"),
                }
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    xrun_window.tick(&stats);
    // xruns while running; disconnecting from a server (JACK) makes it report xruns of its own
    let xruns_total = stats.xruns.load(Ordering::Relaxed);
    let startup = xrun_window.startup + xrun_window.until.map_or(0, |_| xruns_total.saturating_sub(xrun_window.base));
    // stop the streams first, so the other counters and the recording are final
    drop(session);
    let st = &stats;
    let frames = st.frames.load(Ordering::Relaxed);
    let buffer = args.buffer.unwrap_or(256);
    let period_ns = 1e9 * f64::from(buffer) / sr;
    let us = |ns: u64| ns as f64 / 1000.0;
    let mut summary = LiveSummary {
        seconds,
        sample_rate: rate,
        buffer,
        frames,
        callbacks: st.callbacks.load(Ordering::Relaxed),
        xruns: xruns_total.saturating_sub(startup),
        startup_xruns: startup,
        underruns: st.underruns.load(Ordering::Relaxed),
        overruns: st.overruns.load(Ordering::Relaxed),
        slips: st.slips.load(Ordering::Relaxed),
        record_dropped: st.record_dropped.load(Ordering::Relaxed),
        recorded_frames: 0,
        cpu_share: if frames == 0 { 0.0 } else { st.busy_ns.load(Ordering::Relaxed) as f64 * 1e-9 / (frames as f64 / sr) },
        callback_p50_us: us(st.callback_times.quantile_ns(0.5)),
        callback_p99_us: us(st.callback_times.quantile_ns(0.99)),
        callback_p999_us: us(st.callback_times.quantile_ns(0.999)),
        callback_max_us: us(st.callback_times.max_ns()),
        callbacks_over_period: st.callback_times.count_over(period_ns as u64),
        callback_cpu_p999_us: us(st.callback_cpu_times.quantile_ns(0.999)),
        callback_cpu_max_us: us(st.callback_cpu_times.max_ns()),
        callbacks_cpu_over_period: st.callback_cpu_times.count_over(period_ns as u64),
        gap_max_us: us(st.callback_gaps.max_ns()),
        late_wakeups: st.callback_gaps.count_over((1.5 * period_ns) as u64),
        rebuilds,
        osc_sent: osc.as_ref().map_or(0, |p| p.stats().sent.load(Ordering::Relaxed)),
        osc_commands: osc.as_ref().map_or(0, |p| p.stats().commands.load(Ordering::Relaxed)),
    };
    if let Some((_, rstop, t)) = recorder {
        rstop.store(true, Ordering::Release);
        summary.recorded_frames = t.join().map_err(|_| anyhow::anyhow!("the recorder thread panicked"))??;
    }
    Ok(summary)
}
