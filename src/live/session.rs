//! One audio session of the live host: the devices opened, the crowd and programme sources, the
//! engine prepared, and the streams (or the null output) started. The control loop builds one at
//! start and a new one whenever the device disappears and comes back.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result, bail};
use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use resonance_engine::prelude::*;
use resonance_engine::rate_bridge::AnyRateProcessor;

use super::devices;
use super::null_output::NullOutput;
use super::options::LiveArgs;
use super::recognition::{Recognition, Recognizer};
use super::recorder::RecorderLink;
use super::rt::{CHUNK, LiveProcessor, LiveStats, Source};
use super::streams::{audio_host, open_input, open_output, stream_config};

/// A running set of streams (or the null output thread) and the engine's handle.
pub struct Session {
    /// First field, so it is dropped first: the null output's thread stops before the input
    /// streams do.
    _null_output: Option<NullOutput>,
    _streams: Vec<cpal::Stream>,
    pub handle: EngineHandle,
    /// The matcher thread (with `--db`); dropped after the streams, it stops and joins.
    _recognizer: Option<Recognizer>,
    pub lost: Arc<AtomicBool>,
    /// The rate the engine runs at (the device rate, or the converter's inner rate):
    /// telemetry times count its samples.
    pub engine_rate: f64,
    pub described: String,
}

/// An output device with the stream configuration chosen for it.
type OutputDevice = (cpal::Device, cpal::StreamConfig, cpal::SampleFormat);

/// A session being built: its settings, and the streams (in start order) and description
/// gathered so far.
struct Builder<'a> {
    args: &'a LiveArgs,
    rate: u32,
    buffer: u32,
    /// A rebuild after the device disappeared: an unusable default device is an error (the
    /// retry loop waits for it to come back) instead of a fallback to the null output or demo.
    rebuild: bool,
    stats: Arc<LiveStats>,
    lost: Arc<AtomicBool>,
    /// Fill each input ring is kept near (sample slip; see [`super::rt`]).
    ring_target: usize,
    streams: Vec<cpal::Stream>,
    described: Vec<String>,
    /// See [`Session::engine_rate`].
    engine_rate: f64,
}

/// Opens the devices and starts the streams. `recorder` is taken only once the processor
/// that owns it exists; from then on, dropping the processor (a failed start, or the session
/// ending) sends it back through its channel.
pub fn build_session(
    args: &LiveArgs,
    recorder: &mut Option<RecorderLink>,
    stats: &Arc<LiveStats>,
    recognition: Option<&Recognition>,
    rebuild: bool,
) -> Result<Session> {
    let rate = args.rate.unwrap_or(48_000);
    let buffer = args.buffer.unwrap_or(256);
    let preset = resonance_io::preset::find(args.preset.as_deref().unwrap_or("stadium-anthem"))?;
    let mut b = Builder {
        args,
        rate,
        buffer,
        rebuild,
        stats: stats.clone(),
        lost: Arc::new(AtomicBool::new(false)),
        ring_target: (buffer as usize * 4).max(1024),
        engine_rate: f64::from(rate),
        streams: Vec::new(),
        described: Vec::new(),
    };
    devices::quiet_alsa();
    let host = audio_host(args.host.as_deref())?;
    let out = b.output_device(&host)?;
    let crowd = b.crowd(&host)?;
    let programme = b.programme()?;
    let layout = Layout { main_channels: 2, sidechain: programme.is_some(), music_out: false };
    // Outside 22.05-192 kHz the engine runs behind its rate converter (`rate_bridge`).
    let (engine, mut handle) = AnyRateProcessor::prepare(
        &Engine::new(crate::cmd::render::sampled_or_warn(EngineConfig::with_preset(&preset))),
        f64::from(rate),
        CHUNK,
        layout,
    )?;
    b.engine_rate = engine.engine_rate();
    let recognizer = recognition.map(|r| r.start(&mut handle)).transpose()?;
    let commentary = b.commentary()?;
    let proc = LiveProcessor::new(engine, crowd, programme, recorder.take(), b.stats.clone()).with_commentary(commentary);
    b.start(out, proc, handle, recognizer)
}

impl Builder<'_> {
    /// The output device (or none: the null output). With no device named, an unusable default
    /// (no sound card: ALSA has no `default` PCM) falls back to the null output and the demo
    /// input. Not on a rebuild: there the retry loop waits for the real device to come back.
    fn output_device(&self, host: &cpal::Host) -> Result<Option<OutputDevice>> {
        let (rate, buffer) = (self.rate, self.buffer);
        Ok(match &self.args.output {
            Some(p) if p == "null" => None,
            Some(p) => {
                let dev = devices::find(p, true)?;
                let (cfg, fmt) = stream_config(&dev, true, rate, buffer).with_context(|| format!("cannot use output device `{p}`"))?;
                Some((dev, cfg, fmt))
            }
            None => match host.default_output_device().map(|d| stream_config(&d, true, rate, buffer).map(|(c, f)| (d, c, f))) {
                Some(Ok(o)) => Some(o),
                Some(Err(e)) if self.rebuild => return Err(e.context("the default output device is not back yet")),
                Some(Err(_)) | None if !self.rebuild && devices::no_sound_card() => {
                    eprintln!(
                        "this machine has no sound card: running on a null output (nothing is played; use --record to hear the result)"
                    );
                    None
                }
                Some(Err(e)) => {
                    eprintln!(
                        "the default audio output cannot be used ({e:#}): running on a null output (nothing is played; use --record to hear the result, or --output to pick a device from `resonance devices`)"
                    );
                    None
                }
                None if self.rebuild => bail!("no default output device yet"),
                None => {
                    eprintln!(
                        "no audio output device found: running on a null output (nothing is played); use --record to hear the result"
                    );
                    None
                }
            },
        })
    }

    /// The crowd source: a file, the demo, a device, or (no usable default device) the demo.
    fn crowd(&mut self, host: &cpal::Host) -> Result<Source> {
        let args = self.args;
        if let Some(file) = &args.input {
            self.described.push(format!("input file {} ({})", file.display(), if args.input_once { "once" } else { "looping" }));
            return Ok(Source::Looped { data: load_looped(file, self.rate)?, pos: 0, once: args.input_once });
        }
        if args.demo {
            self.described.push("built-in demo input".into());
            return Ok(Source::Looped { data: crate::demo::crowd(self.rate, 62.0, 2026)[0].clone().into(), pos: 0, once: false });
        }
        Ok(match &args.input_device {
            Some(p) => {
                let dev = devices::find(p, false)?;
                let src = self.ring_input(&dev).with_context(|| format!("cannot use input device `{p}`"))?;
                self.described.push(format!("crowd mic {}", dev.id().map_or_else(|_| "?".into(), |i| i.to_string())));
                src
            }
            None => match host.default_input_device().map(|d| self.ring_input(&d).map(|s| (d, s))) {
                Some(Ok((dev, src))) => {
                    self.described.push(format!("crowd mic {}", dev.id().map_or_else(|_| "?".into(), |i| i.to_string())));
                    src
                }
                Some(Err(e)) if self.rebuild => return Err(e.context("the default input device is not back yet")),
                Some(Err(_)) | None if !self.rebuild && devices::no_sound_card() => self.demo("this machine has no sound card"),
                Some(Err(e)) => self.demo(&format!("the default audio input cannot be used ({e:#})")),
                None if self.rebuild => bail!("no default input device yet"),
                None => self.demo("no audio input device found"),
            },
        })
    }

    /// The programme source (`--programme-device`, or `--programme FILE` looping), which
    /// makes the crowd feed the sidechain.
    fn programme(&mut self) -> Result<Option<Source>> {
        if let Some(file) = &self.args.programme {
            self.described.push(format!("programme file {} (looping)", file.display()));
            return Ok(Some(Source::Looped { data: load_looped(file, self.rate)?, pos: 0, once: false }));
        }
        let Some(p) = &self.args.programme_device else { return Ok(None) };
        let dev = devices::find(p, false)?;
        let src = self.ring_input(&dev)?;
        self.described.push(format!("programme {p}"));
        Ok(Some(src))
    }

    /// The commentary source (`--commentary-device` or `--commentary FILE`), added to the
    /// output after the engine.
    fn commentary(&mut self) -> Result<Option<Source>> {
        if let Some(file) = &self.args.commentary {
            self.described.push(format!("commentary file {} (looping, after the engine)", file.display()));
            return Ok(Some(Source::Looped { data: load_looped(file, self.rate)?, pos: 0, once: false }));
        }
        let Some(p) = &self.args.commentary_device else { return Ok(None) };
        let dev = devices::find(p, false)?;
        let src = self.ring_input(&dev).with_context(|| format!("cannot use commentary device `{p}`"))?;
        self.described.push(format!("commentary {p} (after the engine)"));
        Ok(Some(src))
    }

    /// Starts an input stream on `dev` feeding a new ring; the ring's consumer as a source.
    fn ring_input(&mut self, dev: &cpal::Device) -> Result<Source> {
        let (cfg, fmt) = stream_config(dev, false, self.rate, self.buffer)?;
        let (tx, rx) = rtrb::RingBuffer::<f32>::new(self.ring_target * 8);
        self.streams.push(open_input(dev, &cfg, fmt, tx, self.stats.clone(), self.lost.clone())?);
        Ok(Source::Ring { ring: rx, target: self.ring_target, last: 0.0 })
    }

    /// The built-in demo crowd, used because of `why`.
    fn demo(&mut self, why: &str) -> Source {
        eprintln!("{why}: using the built-in demo input (a synthesised match crowd)");
        self.described.push(format!("built-in demo input ({why})"));
        Source::Looped { data: crate::demo::crowd(self.rate, 62.0, 2026)[0].clone().into(), pos: 0, once: false }
    }

    /// Runs `proc` on the output device (or the null output), locks memory, starts the streams.
    fn start(
        mut self,
        out: Option<OutputDevice>,
        proc: LiveProcessor,
        handle: EngineHandle,
        recognizer: Option<Recognizer>,
    ) -> Result<Session> {
        let (rate, buffer) = (self.rate, self.buffer);
        let null_output = if let Some((dev, cfg, fmt)) = out {
            let s = open_output(&dev, &cfg, fmt, proc, self.stats.clone(), self.lost.clone())?;
            self.described.push(format!(
                "output {} ({} ch, {rate} Hz, {buffer} frames)",
                dev.id().map_or_else(|_| "?".into(), |i| i.to_string()),
                cfg.channels
            ));
            self.streams.push(s);
            None
        } else {
            self.described.push("null output (real-time paced)".into());
            Some(NullOutput::spawn(proc, rate, buffer))
        };
        // every buffer of this session exists now: make it resident before the audio thread runs
        let locked = super::memlock::lock_current();
        for s in &self.streams {
            s.play().context("cannot start the audio stream")?;
        }
        if locked {
            self.described.push("memory locked".into());
        }
        Ok(Session {
            _null_output: null_output,
            _streams: self.streams,
            handle,
            _recognizer: recognizer,
            lost: self.lost,
            engine_rate: self.engine_rate,
            described: self.described.join(", "),
        })
    }
}

/// Decodes `path` to mono at `rate`, for a looped (or once-played) input.
fn load_looped(path: &Path, rate: u32) -> Result<Arc<[f32]>> {
    let d = resonance_io::decode::decode_file(path)?;
    let mono = resonance_io::decode::resample(&d.to_mono(), d.sample_rate, rate)?;
    Ok(mono.into())
}
