//! On-air clips and MIDI clip pads in the plugin (decision records 0052, 0069 and 0070).
//!
//! The plugin plays clips of the bridge's library the way the live host does, with the same
//! player ([`resonance_io::clips::ClipPlayer`]): fetched (or read from the bridge's data
//! folder), SHA-256 checked, decoded and resampled on a loader thread, moved into the engine's
//! fixed clip slots from this module's thread, played on the next beat; the audio thread only
//! sees the engine's lock-free queues.
//!
//! Threads: the OSC link hands the bridge's `/resonance/command/clip` (which is not an
//! audio-thread command) to the activation's clip thread through the link's `other` channel.
//! That thread drives the player every 10 ms and sends its reports
//! (`/resonance/clip_scheduled`, `/resonance/clip_refused`) through the link. A note-on that a
//! MIDI map names as a clip pad is looked up on the audio thread in a preallocated
//! [`PadTable`] and pushed, as the pad's index, into an SPSC queue; the clip thread turns it
//! into `/resonance/clip <id|slug>` for the bridge, which resolves the name, counts the play
//! and fires it back to the session's engines (this one included).
//!
//! Settings, like the recognition index ([`crate::recognition`]), are machine settings: the
//! environment variables `RESONANCE_CLIPS_DIR` (the bridge's data folder on this machine),
//! `RESONANCE_CLIPS_URL` (the bridge's HTTP address; default: the OSC bridge's host and the
//! port the bridge names) and `RESONANCE_MIDI_MAP` (a MIDI map with `[[pad]]` entries), else
//! the keys `clips_dir`, `clips_url` and `midi_map` of `plugin.toml`.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use resonance_engine::synth::clips::ClipSender;
use resonance_io::clips::{ClipPlayer, ClipReport, FireRequest, Sources};
use resonance_io::midi::{ClipPad, MidiMap, PadTable};
use resonance_protocol::{Inbound, OscReporter, Outbound};

/// Capacity of the audio thread's pad-press queue (presses beyond it in one 10 ms turn are
/// dropped: the audio thread never waits).
pub const PAD_QUEUE: usize = 64;

/// How often the clip thread looks at its queues.
const TURN: Duration = Duration::from_millis(10);

/// The plugin's clip settings, read once per instance on the main thread.
#[derive(Clone, Debug, Default)]
pub struct ClipConfig {
    /// Where the loader finds clip files.
    pub sources: Sources,
    /// The MIDI map's clip pads (empty without a map).
    pub pads: Vec<ClipPad>,
}

impl ClipConfig {
    /// From the environment, else `plugin.toml`; `bridge` is the OSC bridge's address (its
    /// host serves the clips by default). A MIDI map that cannot be read or parsed leaves the
    /// pads off and says why on stderr (the host's log).
    pub fn load(bridge: Option<std::net::SocketAddr>) -> Self {
        let setting = |env: &str, key: &str| -> Option<String> {
            match std::env::var(env) {
                Ok(v) if v.is_empty() => None,
                Ok(v) => Some(v),
                Err(_) => crate::recognition::config_file()
                    .and_then(|f| crate::recognition::path_from_config(&f, key))
                    .map(|p| p.display().to_string()),
            }
        };
        let sources = Sources {
            dir: setting("RESONANCE_CLIPS_DIR", "clips_dir").map(PathBuf::from),
            url: setting("RESONANCE_CLIPS_URL", "clips_url"),
            bridge_ip: bridge.map(|b| b.ip()),
        };
        let pads = setting("RESONANCE_MIDI_MAP", "midi_map").map_or_else(Vec::new, |path| {
            match std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|t| MidiMap::parse(&path, &t).map_err(|e| e.to_string()))
            {
                Ok(map) => map.pads,
                Err(e) => {
                    eprintln!("resonance: MIDI clip pads are off: {path}: {e}");
                    Vec::new()
                }
            }
        });
        Self { sources, pads }
    }

    /// The audio thread's note-to-pad lookup.
    pub fn pad_table(&self) -> PadTable {
        MidiMap { pads: self.pads.clone(), ..MidiMap::default() }.pad_table()
    }
}

/// One activation's clip thread; stopped and joined when dropped (at deactivation, on the
/// main thread).
#[derive(Debug)]
pub struct ClipThread {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for ClipThread {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Starts the clip thread of an activation whose engine runs at `rate` Hz.
pub fn start(
    config: &ClipConfig,
    rate: u32,
    mut sender: ClipSender,
    fires: Receiver<Outbound>,
    mut presses: rtrb::Consumer<u16>,
    reporter: OscReporter,
) -> Option<ClipThread> {
    let stop = Arc::new(AtomicBool::new(false));
    let (config, flag) = (config.clone(), Arc::clone(&stop));
    let thread = std::thread::Builder::new()
        .name("resonance-clips".into())
        .spawn(move || {
            let mut player = ClipPlayer::start(config.sources.clone(), rate);
            let mut report = |r: ClipReport| {
                let inbound = match r {
                    ClipReport::Scheduled { id, fire_id, at } => Inbound::ClipScheduled { id, fire_id, at },
                    ClipReport::Refused { id, fire_id, reason } => Inbound::ClipRefused { id, fire_id, reason },
                    _ => return,
                };
                reporter.report(inbound);
            };
            while !flag.load(Ordering::Relaxed) {
                match fires.recv_timeout(TURN) {
                    Ok(Outbound::Clip { id, sha256, quantize, gain_db, fire_id, port }) => {
                        player.fire(&FireRequest { id, sha256, quantize, gain_db, fire_id, port }, &mut sender, &mut report);
                    }
                    Ok(_) | Err(RecvTimeoutError::Timeout) => {}
                    // the link let go of this activation: nothing more will be fired
                    Err(RecvTimeoutError::Disconnected) => std::thread::sleep(TURN),
                }
                while let Ok(i) = presses.pop() {
                    if let Some(p) = config.pads.get(usize::from(i)) {
                        reporter.report(Inbound::ClipFire { clip: p.clip.clone(), quantize: Some(p.quantize) });
                    }
                }
                player.step(&mut sender, &mut report);
            }
        })
        .ok()?;
    Some(ClipThread { stop, thread: Some(thread) })
}
