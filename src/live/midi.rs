//! MIDI control of the live host: the input port, its lock-free ring, and the mapper that turns
//! messages into engine commands (with MIDI learn, soft takeover, and saving a learned map).

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use resonance_engine::prelude::*;
use resonance_io::midi::{ClipPad, MidiAction, MidiMap, MidiMapper};

use super::options::LiveArgs;

/// The map used without `--midi-map` (or when learning into a file that does not exist yet).
const FACTORY_MIDI_MAP: &str = include_str!("../../presets/midi/generic.toml");

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
pub struct Midi {
    _conn: midir::MidiInputConnection<()>,
    rx: rtrb::Consumer<RawMidi>,
    mapper: MidiMapper,
    save_to: Option<PathBuf>,
}

impl Midi {
    /// Opens the MIDI input matching `pattern` with the map of `--midi-map` (or the factory
    /// map), armed for `--midi-learn` if given.
    pub fn open(args: &LiveArgs, pattern: &str) -> Result<Self> {
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

    /// Maps what arrived since the last call into engine commands, and pad presses into
    /// `pad` (the clip is fired through the bridge).
    pub fn poll(&mut self, quiet: bool, mut send: impl FnMut(Command), mut pad: impl FnMut(&ClipPad)) {
        while let Ok((bytes, len)) = self.rx.pop() {
            for action in self.mapper.feed(&bytes[..usize::from(len).min(3)]) {
                match action {
                    MidiAction::SetParam { id, value } => send(Command::SetParam { id, value }),
                    MidiAction::Cue(c) => send(Command::Cue(c)),
                    MidiAction::Learned(m) => self.learned(m.param.info().id, quiet),
                    MidiAction::Clip { pad: i } => {
                        if let Some(p) = self.mapper.map().pads.get(i) {
                            pad(p);
                        }
                    }
                }
            }
        }
    }

    /// Arms MIDI learn for `id`: the next control moved is mapped to it.
    pub fn learn(&mut self, id: ParamId) {
        self.mapper.learn(id);
    }

    /// Tells soft takeover where parameter `id` is now (set by another controller).
    pub fn set_current(&mut self, id: ParamId, value: f32) {
        self.mapper.set_current(id, value);
    }

    /// Saves the map after MIDI learn mapped `param` (or says how to keep it).
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
