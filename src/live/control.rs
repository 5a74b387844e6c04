//! `resonance live`'s control loop on the main thread: every 20 ms it maps MIDI, forwards the
//! engine's telemetry (to the bridge over OSC and to stderr), serves OSC commands, hands
//! recognition results on, prints the status line, and rebuilds the session when the audio
//! device disappears; at the end it stops everything and gathers the summary.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use resonance_engine::prelude::*;
use resonance_protocol::OscPeer;

use super::clips::{self, ClipPlayer, Sources};
use super::deck::LiveDeck;
use super::midi::Midi;
use super::options::LiveArgs;
use super::recognition::Recognition;
use super::recorder::{Recorder, RecorderLink, finish_recorder, spawn_recorder};
use super::rt::LiveStats;
use super::session::{Session, build_session};
use super::summary::{LiveSummary, RunCounts, XrunWindow};
use super::{osc, osc::open_osc};

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

/// Runs the live host until `stop` is set or the duration passes.
pub fn run_until(args: &LiveArgs, stop: &AtomicBool) -> Result<LiveSummary> {
    let (mut control, mut session) = Control::start(args, stop)?;
    while control.running() {
        control.step(&mut session);
        if session.lost.load(Ordering::Relaxed) {
            session = control.recover(session)?;
        }
    }
    control.finish(session)
}

/// The control loop's state: everything around the running session.
struct Control<'a> {
    args: &'a LiveArgs,
    stop: &'a AtomicBool,
    stats: Arc<LiveStats>,
    /// The recorder thread (with `--record`); its ring's producer travels in `rec_link`.
    recorder: Option<Recorder>,
    /// The recorder ring's producer while no processor holds it, and the channel through which
    /// a dropped processor sends it back.
    rec_link: Option<RecorderLink>,
    back_tx: mpsc::Sender<rtrb::Producer<f32>>,
    back_rx: mpsc::Receiver<rtrb::Producer<f32>>,
    midi: Option<Midi>,
    osc: Option<OscPeer>,
    /// The music deck: whole tracks the bridge chooses, streamed as the music bed.
    deck: LiveDeck,
    /// On-air clips fired by the bridge (fetched and decoded on their own thread).
    clips: ClipPlayer,
    recognition: Option<Recognition>,
    started: Instant,
    xrun_window: XrunWindow,
    rebuilds: u64,
    last_status: Instant,
    last_meters: Instant,
    /// The sample rate, for printing sample times in seconds.
    sr: f64,
}

impl<'a> Control<'a> {
    /// Starts the recorder, MIDI, OSC, recognition and the first session, in that order.
    fn start(args: &'a LiveArgs, stop: &'a AtomicBool) -> Result<(Self, Session)> {
        let rate = args.rate.unwrap_or(48_000);
        let stats = Arc::new(LiveStats::default());
        let mut recorder = match &args.record {
            Some(p) => {
                let inputs = crate::files::given(&[
                    ("--input", args.input.as_deref()),
                    ("--db", args.db.as_deref()),
                    ("--config", args.config.as_deref()),
                    ("--midi-map", args.midi_map.as_deref()),
                    ("--preset", args.preset.as_deref().map(std::path::Path::new)),
                ]);
                crate::files::refuse_clobber(&[crate::files::named("--record", p)], &inputs)?;
                Some(spawn_recorder(p, rate)?)
            }
            None => None,
        };
        let (back_tx, back_rx) = mpsc::channel();
        let mut rec_link: Option<RecorderLink> =
            recorder.as_mut().map(|(tx, _, _)| (std::mem::replace(tx, rtrb::RingBuffer::new(1).0), back_tx.clone()));
        // MIDI first: connecting ports re-orders a JACK graph, which must not happen under running audio
        let midi = match &args.midi {
            Some(pattern) => Some(Midi::open(args, pattern)?),
            None if args.midi_learn.is_some() => bail!("--midi-learn needs a MIDI input: add --midi PATTERN"),
            None => None,
        };
        let mut osc = open_osc(args)?;
        let recognition = match (&args.db, &args.recognition) {
            (Some(_), Some(_)) => bail!("give either --db (a local index) or --recognition (a recognition service), not both"),
            (Some(db), None) => Some(Recognition::load(db, args.quiet)?),
            (None, Some(url)) => Some(Recognition::remote(
                url,
                args.recognition_key.clone(),
                args.recognition_every.unwrap_or(super::remote::DEFAULT_EVERY_S),
                args.quiet,
            )?),
            (None, None) => None,
        };
        let session = build_session(args, &mut rec_link, &stats, recognition.as_ref(), false)?;
        // the bridge learns which style names exist from the engine itself
        if let Some(p) = &mut osc {
            p.set_styles(&session.handle.styles);
        }
        if !args.quiet {
            eprintln!("live: {}", session.described);
            eprintln!("press Ctrl-C to stop");
        }
        let started = Instant::now();
        let xrun_window = XrunWindow::new(&stats);
        // telemetry times count samples of the engine's rate
        let sr = session.engine_rate;
        let clips = ClipPlayer::start(clip_sources(args), sr.round() as u32);
        let control = Self {
            args,
            stop,
            stats,
            recorder,
            rec_link,
            back_tx,
            back_rx,
            midi,
            osc,
            deck: LiveDeck::new(args.quiet),
            clips,
            recognition,
            started,
            xrun_window,
            rebuilds: 0,
            last_status: Instant::now(),
            last_meters: Instant::now(),
            sr,
        };
        Ok((control, session))
    }

    /// Neither stopped (Ctrl-C, or the caller's flag) nor past the duration.
    fn running(&self) -> bool {
        !self.stop.load(Ordering::Relaxed) && self.args.duration.is_none_or(|d| self.started.elapsed().as_secs_f64() < d)
    }

    /// One turn of the loop: wait 20 ms, then each stage in turn. The caller checks
    /// `session.lost` afterwards.
    fn step(&mut self, session: &mut Session) {
        std::thread::sleep(Duration::from_millis(20));
        self.xrun_window.tick(&self.stats);
        if let Some(m) = &mut self.midi {
            let (osc, quiet) = (self.osc.as_ref(), self.args.quiet);
            m.poll(
                quiet,
                |c| {
                    let _ = session.handle.commands.send(c);
                },
                |pad| fire_pad(osc, pad, quiet),
            );
        }
        self.forward_telemetry(session);
        if let Some(p) = &mut self.osc {
            let players = osc::Players { deck: &mut self.deck, clips: &mut self.clips, sr: self.sr };
            osc::serve(p, &mut session.handle, players, self.midi.as_mut(), &self.stats, &mut self.last_meters, self.args.quiet);
        }
        self.deck.turn(&mut session.handle.deck);
        self.clips.step(&mut session.handle.clips, &mut clips::reporter(self.osc.as_ref(), self.sr, self.args.quiet));
        // without --db nobody matches the landmarks: keep the queue empty
        while session.handle.landmarks.pop().is_some() {}
        if let Some(r) = &self.recognition {
            r.forward(self.osc.as_ref(), self.args.json, self.args.quiet);
        }
        self.print_status(session);
    }

    /// The engine's telemetry since the last turn: all of it to the bridge, events and cues to
    /// stderr.
    fn forward_telemetry(&self, session: &mut Session) {
        let (sr, quiet) = (self.sr, self.args.quiet);
        for t in session.handle.telemetry.drain() {
            if let Some(p) = &self.osc {
                p.report_telemetry(&t, &session.handle.styles);
            }
            match t {
                Telemetry::Event(e) if !quiet => {
                    eprintln!("{:>8.2} s  {:<12} confidence {:.2}", e.onset as f64 / sr, e.kind.as_str(), e.confidence);
                }
                Telemetry::CueScheduled { cue, at } if !quiet => eprintln!("{:>8.2} s  cue {}", at as f64 / sr, cue.as_str()),
                _ => {}
            }
        }
    }

    /// The status line on stderr, every 2 s (not with `--quiet`).
    fn print_status(&mut self, session: &mut Session) {
        if self.args.quiet || self.last_status.elapsed() < Duration::from_secs(2) {
            return;
        }
        self.last_status = Instant::now();
        let m = session.handle.meters.read();
        eprintln!(
            "{:>8.2} s  mood {:<12} v {:+.2} a {:+.2}  out {:>6.1} dBFS  xruns {}",
            m.time as f64 / self.sr,
            m.mood.label.as_str(),
            m.mood.valence,
            m.mood.arousal,
            m.output_peak_db,
            self.stats.xruns.load(Ordering::Relaxed)
        );
    }

    /// The audio device disappeared: drops `lost` and retries every 2 s until a new session
    /// starts; an error when stopped while waiting.
    fn recover(&mut self, lost: Session) -> Result<Session> {
        eprintln!("the audio device disappeared; retrying every 2 s (Ctrl-C to stop)");
        // a server going away reports xruns of its own while it dies: not steady-state ones
        drop(lost);
        self.xrun_window.restart(&self.stats);
        loop {
            std::thread::sleep(Duration::from_secs(2));
            if self.stop.load(Ordering::Relaxed) || self.args.duration.is_some_and(|d| self.started.elapsed().as_secs_f64() >= d) {
                bail!("stopped while waiting for the audio device to come back");
            }
            // the recorder's producer comes back when the old (or a half-built) processor is dropped
            if self.rec_link.is_none() {
                self.rec_link = self.back_rx.try_recv().ok().map(|p| (p, self.back_tx.clone()));
            }
            match build_session(self.args, &mut self.rec_link, &self.stats, self.recognition.as_ref(), true) {
                Ok(s) => {
                    eprintln!("audio device back: {}", s.described);
                    if let Some(p) = &mut self.osc {
                        p.set_styles(&s.handle.styles);
                    }
                    self.rebuilds += 1;
                    self.clips.reset();
                    self.xrun_window.restart(&self.stats);
                    return Ok(s);
                }
                Err(e) => eprintln!("still unavailable: {e:#}"),
            }
        }
    }

    /// Ends the run: counts the xruns while the streams still run, stops them (so the other
    /// counters and the recording are final), gathers the summary and finishes the recording.
    fn finish(mut self, session: Session) -> Result<LiveSummary> {
        let seconds = self.started.elapsed().as_secs_f64();
        // xruns while running; disconnecting from a server (JACK) makes it report xruns of its own
        let (xruns, startup_xruns) = self.xrun_window.finish(&self.stats);
        // stop the streams first, so the other counters and the recording are final
        drop(session);
        let run = RunCounts {
            seconds,
            xruns,
            startup_xruns,
            rebuilds: self.rebuilds,
            osc_sent: self.osc.as_ref().map_or(0, |p| p.stats().sent.load(Ordering::Relaxed)),
            osc_commands: self.osc.as_ref().map_or(0, |p| p.stats().commands.load(Ordering::Relaxed)),
        };
        let mut summary = LiveSummary::collect(&self.stats, self.args.rate.unwrap_or(48_000), self.args.buffer.unwrap_or(256), &run);
        if let Some(recorder) = self.recorder.take() {
            summary.recorded_frames = finish_recorder(recorder)?;
        }
        Ok(summary)
    }
}

/// A MIDI pad pressed: asks the bridge to fire its clip (`/resonance/clip <id|slug>`), which
/// resolves the name, counts the play and sends the clip back to this session's engines
/// (decision record 0070).
fn fire_pad(osc: Option<&resonance_protocol::OscPeer>, pad: &resonance_io::midi::ClipPad, quiet: bool) {
    match osc {
        Some(p) => {
            p.report(&resonance_protocol::Inbound::ClipFire { clip: pad.clip.clone(), quantize: Some(pad.quantize) });
            if !quiet {
                eprintln!("midi pad {}: clip {} asked of the bridge", pad.note, pad.clip);
            }
        }
        None => eprintln!("midi pad {}: clip {} not fired: this host has no bridge (started with --no-osc)", pad.note, pad.clip),
    }
}

/// Where the clip loader finds clip files: `--clips-dir`, `--clips-url`, else the host of
/// `--osc-bridge` (with the port the bridge names).
fn clip_sources(args: &LiveArgs) -> Sources {
    let bridge = args.osc_bridge.as_deref().unwrap_or(resonance_protocol::link::DEFAULT_BRIDGE);
    let bridge_ip = std::net::ToSocketAddrs::to_socket_addrs(bridge).ok().and_then(|mut a| a.next()).map(|a| a.ip());
    Sources { dir: args.clips_dir.clone(), url: args.clips_url.clone(), bridge_ip }
}
