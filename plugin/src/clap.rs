//! The CLAP plugin (clack-plugin + clack-extensions): ports, parameters with sample-accurate
//! automation, notes and MIDI CC, versioned state, latency and tail, and the exported
//! `clap_entry`. The VST3 entry points (`GetPluginFactory`, `ModuleEntry`, `ModuleExit`) are
//! exported from the same library by clap-wrapper and wrap this `clap_entry`.
//!
//! Threads, as clack types them: [`Shared`] (any thread) holds the lock-free parameter store;
//! [`MainThread`] answers the host's main-thread queries and owns the OSC link;
//! [`AudioProcessor`] exists between activate and deactivate and owns the engine's
//! processor and scratch buffers, all allocated in `activate`.
//!
//! Length: the CLAP extension impls (params, state, note and audio ports, latency, log) sit
//! beside the two thread types they implement for; each is short, and splitting them across
//! files would scatter one host conversation.

use std::ffi::CStr;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::sync::atomic::{AtomicU32, Ordering};

use clack_extensions::audio_ports::{
    AudioPortFlags, AudioPortInfo, AudioPortInfoWriter, AudioPortType, PluginAudioPorts, PluginAudioPortsImpl,
};
use clack_extensions::latency::{PluginLatency, PluginLatencyImpl};
use clack_extensions::log::{HostLog, LogSeverity};
use clack_extensions::note_ports::{NoteDialect, NoteDialects, NotePortInfo, NotePortInfoWriter, PluginNotePorts, PluginNotePortsImpl};
use clack_extensions::params::{
    HostParams, ParamDisplayWriter, ParamInfo, ParamInfoFlags, ParamInfoWriter, ParamRescanFlags, PluginAudioProcessorParams,
    PluginMainThreadParams, PluginParams,
};
use clack_extensions::preset_discovery::prelude::{Location, PluginPresetLoad, PluginPresetLoadImpl, PresetDiscoveryFactoryWrapper};
use clack_extensions::state::{PluginState, PluginStateImpl};
use clack_extensions::tail::{PluginTail, PluginTailImpl, TailLength};
use clack_plugin::events::Pckn;
use clack_plugin::events::event_types::ParamValueEvent;
use clack_plugin::events::spaces::CoreEventSpace;
use clack_plugin::plugin::features;
use clack_plugin::prelude::*;
use clack_plugin::stream::{InputStream, OutputStream};
use clack_plugin::utils::Cookie;
use resonance_engine::params::ParamKind;
use resonance_engine::{Command, CommandSender, Engine, EngineConfig, EngineProcessor, Layout, ParamId, ParamValues, Quantize};

use crate::params::{ParamStore, cc_to_param, is_stepped, note_to_cue, note_to_style, param_from_clap_id};
use crate::state;
use resonance_engine::rate_bridge::{MAX_HOST_RATE, MIN_HOST_RATE, RateBridge, inner_rate};
use resonance_protocol::link::{Attachment, COMMAND_QUEUE, OscConfig, OscLink};

/// Stable CLAP plugin ID.
pub const PLUGIN_ID: &str = "org.resonance.resonance";
/// Display name (also the bundle name in bundler.toml).
pub const PLUGIN_NAME: &str = "Resonance";

/// Audio port layout: input 0 main stereo, input 1 stereo sidechain (crowd microphone);
/// output 0 main stereo (programme + music), output 1 stereo music alone. Only the main pair
/// is needed: a host that connects nothing else (an effect slot) gets the programme with the
/// music mixed in, and the analysis runs on the programme.
const MAIN_PORT: u32 = 0;
const SIDECHAIN_PORT: u32 = 1;
const MUSIC_PORT: u32 = 1;

/// The plugin type.
#[derive(Debug)]
pub struct Resonance;

/// Thread-safe part: the parameter store and the reported latency.
#[derive(Debug)]
pub struct Shared {
    params: ParamStore,
    latency: AtomicU32,
}

impl PluginShared<'_> for Shared {}

/// Main-thread part.
pub struct MainThread<'a> {
    shared: &'a Shared,
    host: HostMainThreadHandle<'a>,
    host_params: Option<HostParams>,
    /// Inside clap-wrapper's VST3 wrapper (host name "clap-as-vst3"). There the note port
    /// offers the CLAP dialect only: with the MIDI dialect the wrapper adds 16 × 130 MIDI-CC
    /// and program-change parameters for VST3's `IMidiMapping` (clap-wrapper 0.14,
    /// `ClapAsVst3::setupParameters`), burying the plugin's own parameters. MIDI CCs still
    /// reach their parameters there, through [`crate::vst3_cc`].
    wrapped_as_vst3: bool,
    osc: Option<OscLink>,
    /// Music recognition index (see [`crate::recognition`]); loaded only with OSC, where
    /// its reports go.
    index: Option<std::sync::Arc<resonance_io::fingerprint::index::Index>>,
    /// Where fired clips are fetched from and which notes are clip pads (see
    /// [`crate::clips`]); read only with OSC, through which clips are fired.
    clips: Option<crate::clips::ClipConfig>,
    styles: Vec<String>,
}

impl std::fmt::Debug for MainThread<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MainThread").field("osc", &self.osc).field("styles", &self.styles).finish_non_exhaustive()
    }
}

impl<'a> PluginMainThread<'a, Shared> for MainThread<'a> {}

impl Plugin for Resonance {
    type AudioProcessor<'a> = AudioProcessor<'a>;
    type Shared<'a> = Shared;
    type MainThread<'a> = MainThread<'a>;

    fn declare_extensions(builder: &mut PluginExtensions<Self>, _shared: Option<&Shared>) {
        builder
            .register::<PluginAudioPorts>()
            .register::<PluginNotePorts>()
            .register::<PluginParams>()
            .register::<PluginState>()
            .register::<PluginPresetLoad>()
            .register::<PluginLatency>()
            .register::<PluginTail>()
            .register::<crate::vst3_cc::PluginAsVst3MidiCc>();
    }
}

impl DefaultPluginFactory for Resonance {
    fn get_descriptor() -> PluginDescriptor {
        PluginDescriptor::new(PLUGIN_ID, PLUGIN_NAME)
            .with_vendor("Resonance")
            .with_version(env!("CARGO_PKG_VERSION"))
            .with_description("Live audio intelligence: crowd analysis, music recognition and adaptive music")
            .with_features([features::AUDIO_EFFECT, features::ANALYZER, features::STEREO])
    }

    fn new_shared(_host: HostSharedHandle<'_>) -> Result<Shared, PluginError> {
        Ok(Shared { params: ParamStore::new(&ParamValues::default()), latency: AtomicU32::new(0) })
    }

    fn new_main_thread<'a>(host: HostMainThreadHandle<'a>, shared: &'a Shared) -> Result<MainThread<'a>, PluginError> {
        // No bridge, a bad address or a socket error all leave the plugin working without OSC.
        let config = OscConfig::from_env().ok().flatten();
        let osc = config.as_ref().and_then(|c| OscLink::start(c).ok());
        let styles: Vec<(String, resonance_engine::synth::Style)> = EngineConfig::default().styles;
        if resonance_engine::synth::soundfont::wanted(styles.iter().map(|(_, s)| &s.soundfont)) {
            // parsed on a loader thread now, shared by every instance: `activate` finds it ready
            resonance_engine::synth::soundfont::preload_default();
        }
        let styles = styles.into_iter().map(|(name, _)| name).collect();
        let wrapped_as_vst3 = host.name().and_then(|n| n.to_str().ok()).is_some_and(|n| n.to_ascii_lowercase().contains("clap-as-vst3"));
        let index = if osc.is_some() { crate::recognition::load_configured() } else { None };
        let clips = if osc.is_some() { Some(crate::clips::ClipConfig::load(config.map(|c| c.bridge))) } else { None };
        Ok(MainThread { shared, host, host_params: host.get_extension(), wrapped_as_vst3, osc, index, clips, styles })
    }
}

impl MainThread<'_> {
    /// Asks the host to re-read every parameter value (after a state or preset load). Inside
    /// the VST3 wrapper this refreshes the controller's cached values (`getParamNormalized`)
    /// and, when the host has set a component handler, tells it that values changed; the
    /// wrapper is patched to do so without a handler too
    /// ([decision 0027](../../docs/decisions/0027-patched-clap-wrapper.md)).
    fn rescan_values(&self) {
        if let Some(p) = self.host_params {
            p.rescan(&self.host, ParamRescanFlags::VALUES);
        }
    }

    /// The OSC link, if it could be started (for diagnostics and tests).
    pub fn osc(&self) -> Option<&OscLink> {
        self.osc.as_ref()
    }

    fn format(&self, id: ParamId, value: f32) -> String {
        if id == ParamId::Style {
            let i = crate::params::canonical(id, value) as usize;
            return self.styles.get(i).cloned().unwrap_or_else(|| format!("style {i}"));
        }
        id.info().format(value)
    }

    fn parse(&self, id: ParamId, text: &str) -> Option<f32> {
        if id == ParamId::Style {
            if let Some(i) = self.styles.iter().position(|s| s.eq_ignore_ascii_case(text.trim())) {
                return Some(i as f32);
            }
            let t = text.trim();
            return t.strip_prefix("style ").unwrap_or(t).trim().parse::<f32>().ok().filter(|v| v.is_finite()).map(|v| id.info().clamp(v));
        }
        id.info().parse(text)
    }
}

impl PluginAudioPortsImpl for MainThread<'_> {
    fn count(&self, _is_input: bool) -> u32 {
        2
    }

    fn get(&self, index: u32, is_input: bool, writer: &mut AudioPortInfoWriter) {
        let (name, flags, pair): (&[u8], _, _) = match (is_input, index) {
            (true, MAIN_PORT) => (b"Main in", AudioPortFlags::IS_MAIN, Some(ClapId::new(0))),
            (true, SIDECHAIN_PORT) => (b"Crowd mic (sidechain)", AudioPortFlags::empty(), None),
            (false, MAIN_PORT) => (b"Main out", AudioPortFlags::IS_MAIN, Some(ClapId::new(0))),
            (false, MUSIC_PORT) => (b"Music only", AudioPortFlags::empty(), None),
            _ => return,
        };
        writer.set(&AudioPortInfo {
            id: ClapId::new(index),
            name,
            channel_count: 2,
            flags,
            port_type: Some(AudioPortType::STEREO),
            in_place_pair: pair,
        });
    }
}

impl PluginNotePortsImpl for MainThread<'_> {
    fn count(&self, is_input: bool) -> u32 {
        u32::from(is_input)
    }

    fn get(&self, index: u32, is_input: bool, writer: &mut NotePortInfoWriter) {
        if is_input && index == 0 {
            let supported_dialects = if self.wrapped_as_vst3 { NoteDialects::CLAP } else { NoteDialects::CLAP | NoteDialects::MIDI };
            writer.set(&NotePortInfo {
                id: ClapId::new(0),
                name: b"Cues and control",
                supported_dialects,
                preferred_dialect: Some(NoteDialect::Clap),
            });
        }
    }
}

impl PluginMainThreadParams for MainThread<'_> {
    fn count(&self) -> u32 {
        ParamId::ALL.len() as u32
    }

    fn get_info(&self, param_index: u32, info: &mut ParamInfoWriter) {
        let Some(id) = param_from_clap_id(param_index) else { return };
        let p = id.info();
        let mut flags = ParamInfoFlags::IS_AUTOMATABLE;
        if is_stepped(id) {
            flags |= ParamInfoFlags::IS_STEPPED;
        }
        if matches!(p.kind, ParamKind::Enum(_)) || id == ParamId::Style {
            flags |= ParamInfoFlags::IS_ENUM;
        }
        if id == ParamId::Bypass {
            flags |= ParamInfoFlags::IS_BYPASS;
        }
        info.set(&ParamInfo {
            id: ClapId::new(param_index),
            flags,
            cookie: Cookie::empty(),
            name: p.name.as_bytes(),
            module: b"",
            min_value: f64::from(p.min),
            max_value: f64::from(p.max),
            default_value: f64::from(p.default),
        });
    }

    fn get_value(&self, param_id: ClapId) -> Option<f64> {
        param_from_clap_id(param_id.get()).map(|id| f64::from(self.shared.params.get(id)))
    }

    fn value_to_text(&self, param_id: ClapId, value: f64, writer: &mut ParamDisplayWriter) -> std::fmt::Result {
        let id = param_from_clap_id(param_id.get()).ok_or(std::fmt::Error)?;
        writer.write_str(&self.format(id, value as f32))
    }

    fn text_to_value(&self, param_id: ClapId, text: &CStr) -> Option<f64> {
        let id = param_from_clap_id(param_id.get())?;
        self.parse(id, text.to_str().ok()?).map(f64::from)
    }

    fn flush(&self, input: &InputEvents, _output: &mut OutputEvents) {
        for e in input {
            if let Some(CoreEventSpace::ParamValue(ev)) = e.as_core_event()
                && let Some(id) = ev.param_id().and_then(|c| param_from_clap_id(c.get()))
            {
                self.shared.params.set(id, ev.value() as f32);
            }
        }
    }
}

impl PluginStateImpl for MainThread<'_> {
    fn save(&self, output: &mut OutputStream) -> Result<(), PluginError> {
        output.write_all(&state::encode(&self.shared.params.snapshot()))?;
        Ok(())
    }

    fn load(&self, input: &mut InputStream) -> Result<(), PluginError> {
        let mut bytes = Vec::with_capacity(512);
        input.take(state::MAX_STATE_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(crate::error::PluginError::StateIo)?;
        // All-or-nothing: decode first, apply only a state that decoded completely.
        let values = state::decode(&bytes)?;
        self.shared.params.replace_all(&values);
        self.rescan_values();
        Ok(())
    }
}

impl PluginPresetLoadImpl for MainThread<'_> {
    fn load_from_location(&self, location: Location, load_key: Option<&CStr>) -> Result<(), PluginError> {
        if location != Location::Plugin {
            return Err(PluginError::Message("Resonance presets live inside the plugin; use its factory preset list"));
        }
        let name = load_key.and_then(|k| k.to_str().ok()).ok_or(PluginError::Message("missing preset name"))?;
        let values = crate::presets::factory_preset_values(name)?;
        self.shared.params.replace_all(&values);
        self.rescan_values();
        Ok(())
    }
}

impl PluginLatencyImpl for MainThread<'_> {
    fn get(&self) -> u32 {
        self.shared.latency.load(Ordering::Relaxed)
    }
}

/// Audio-thread part: one per activation.
pub struct AudioProcessor<'a> {
    shared: &'a Shared,
    engine: EngineProcessor,
    commands: CommandSender,
    osc_commands: rtrb::Consumer<Command>,
    generation: u64,
    /// The activation's music recognition thread; stopped when the processor is dropped
    /// (on the main thread, at deactivation).
    _recognizer: Option<resonance_io::fingerprint::stream::RecognizerThread>,
    /// The activation's clip thread (on-air clips, pad presses to the bridge); stopped when
    /// the processor is dropped.
    _clips: Option<crate::clips::ClipThread>,
    /// Notes that are MIDI clip pads, and the queue their presses go to the clip thread by.
    pads: Option<(resonance_io::midi::PadTable, rtrb::Producer<u16>)>,
    /// Host rate outside the engine's range: the engine runs at another rate behind this.
    bridge: Option<RateBridge>,
    /// Scratch of `max_frames_count` samples per channel: main (in place), sidechain, music.
    main: [Vec<f32>; 2],
    sidechain: [Vec<f32>; 2],
    music: [Vec<f32>; 2],
    capacity: usize,
}

impl std::fmt::Debug for AudioProcessor<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AudioProcessor").field("capacity", &self.capacity).finish_non_exhaustive()
    }
}

impl<'a> PluginAudioProcessor<'a, Shared, MainThread<'a>> for AudioProcessor<'a> {
    fn activate(
        host: HostAudioProcessorHandle<'a>,
        main_thread: &MainThread<'a>,
        shared: &'a Shared,
        config: PluginAudioConfiguration,
    ) -> Result<Self, PluginError> {
        let (engine_config, fallback) =
            EngineConfig { params: shared.params.snapshot(), ..EngineConfig::default() }.with_default_soundfont();
        if let Some(why) = fallback {
            log(&host, LogSeverity::Warning, &format!("Resonance: {why}"));
        }
        let capacity = (config.max_frames_count as usize).clamp(1, resonance_engine::MAX_BLOCK_LIMIT);
        let layout = Layout { main_channels: 2, sidechain: true, music_out: true };
        let Some(inner) = inner_rate(config.sample_rate) else {
            let message = format!(
                "Resonance: sample rate {} Hz is not supported; use a rate from {MIN_HOST_RATE} to {MAX_HOST_RATE} Hz",
                config.sample_rate
            );
            log_error(&host, &message);
            return Err(PluginError::Message("unsupported sample rate"));
        };
        let (bridge, engine_block) = if inner == config.sample_rate {
            (None, capacity)
        } else {
            let (bridge, block) = RateBridge::new(config.sample_rate, inner, capacity);
            (Some(bridge), block)
        };
        let (engine, handle) = Engine::new(engine_config).prepare(inner, engine_block, layout)?;
        shared.latency.store(engine.latency() + bridge.as_ref().map_or(0, RateBridge::latency), Ordering::Relaxed);
        let (producer, consumer) = rtrb::RingBuffer::new(COMMAND_QUEUE);
        let recognizer = match (&main_thread.index, &main_thread.osc) {
            (Some(index), Some(osc)) => crate::recognition::start(index, handle.landmarks, osc.reporter()),
            _ => None,
        };
        let (mut clips, mut pads) = (None, None);
        if let Some(osc) = &main_thread.osc {
            // Clips fired by the bridge reach the clip thread through `other`; MIDI learn
            // requests go there too and are ignored (in a plugin the host maps MIDI).
            let (other, fires) = std::sync::mpsc::channel();
            if let Some(config) = &main_thread.clips {
                let (press, presses) = rtrb::RingBuffer::new(crate::clips::PAD_QUEUE);
                let rate = inner.round() as u32;
                clips = crate::clips::start(config, rate, handle.clips, fires, presses, osc.reporter());
                let table = config.pad_table();
                if clips.is_some() && !table.is_empty() {
                    pads = Some((table, press));
                }
            }
            osc.attach(Attachment {
                telemetry: handle.telemetry,
                meters: handle.meters,
                commands: Box::new(producer),
                styles: handle.styles,
                other: Some(other),
            });
        }
        let buf = || vec![0.0f32; capacity];
        Ok(Self {
            shared,
            engine,
            commands: handle.commands,
            osc_commands: consumer,
            generation: shared.params.generation(),
            _recognizer: recognizer,
            _clips: clips,
            pads,
            bridge,
            main: [buf(), buf()],
            sidechain: [buf(), buf()],
            music: [buf(), buf()],
            capacity,
        })
    }

    fn process(&mut self, _process: Process, mut audio: Audio, events: Events) -> Result<ProcessStatus, PluginError> {
        let generation = self.shared.params.generation();
        if generation != self.generation {
            self.generation = generation;
            for id in ParamId::ALL {
                self.engine.set_param(id, self.shared.params.get(id));
            }
        }
        while let Ok(cmd) = self.osc_commands.pop() {
            match cmd {
                Command::SetParam { id, value } => self.set_param_and_tell_host(id, value, 0, events.output),
                other => {
                    // A full queue drops the command: the audio thread never waits.
                    let _ = self.commands.send(other);
                }
            }
        }

        let frames = audio.frames_count() as usize;
        // Events are read by index below `len()` only: CLAP promises nothing past it.
        let n_events = events.input.len();
        let mut next_event = 0u32;
        let mut chunk_start = 0;
        while chunk_start < frames {
            let chunk_end = (chunk_start + self.capacity).min(frames);
            let sidechain = self.copy_in(&audio, chunk_start, chunk_end);
            let mut s = chunk_start;
            while s < chunk_end {
                // Apply every event due at or before `s`, then run up to the next one.
                while next_event < n_events {
                    let Some(e) = events.input.get(next_event) else { break };
                    if e.header().time() as usize > s {
                        break;
                    }
                    self.handle_event(e, events.output);
                    next_event += 1;
                }
                let pending = if next_event < n_events { events.input.get(next_event) } else { None };
                let until = pending.map_or(chunk_end, |e| (e.header().time() as usize).clamp(s + 1, chunk_end));
                self.run_engine(s - chunk_start, until - chunk_start, sidechain);
                s = until;
            }
            self.copy_out(&mut audio, chunk_start, chunk_end);
            chunk_start = chunk_end;
        }
        // Events stamped at or past the end of the block (or in an empty block) still apply.
        while next_event < n_events {
            if let Some(e) = events.input.get(next_event) {
                self.handle_event(e, events.output);
            }
            next_event += 1;
        }
        mark_constant_outputs(&mut audio, frames);
        // The music plays on through silence: the plugin always has output to produce.
        Ok(ProcessStatus::Continue)
    }

    fn deactivate(self, main_thread: &MainThread<'a>) {
        if let Some(osc) = &main_thread.osc {
            osc.detach();
        }
    }

    fn reset(&mut self) {
        self.engine.reset();
        if let Some(b) = &mut self.bridge {
            b.reset();
        }
    }
}

impl AudioProcessor<'_> {
    /// # Realtime safety
    /// Real-time safe.
    fn set_param_and_tell_host(&mut self, id: ParamId, value: f32, time: u32, output: &mut OutputEvents) {
        self.apply_param(id, value);
        let ev = ParamValueEvent::new(time, ClapId::new(id.index() as u32), Pckn::match_all(), f64::from(self.shared.params.get(id)));
        let _ = output.try_push(ev);
    }

    /// # Realtime safety
    /// Real-time safe.
    fn apply_param(&mut self, id: ParamId, value: f32) {
        self.shared.params.set(id, value);
        self.engine.set_param(id, self.shared.params.get(id));
    }

    /// # Realtime safety
    /// Real-time safe.
    fn handle_event(&mut self, e: &UnknownEvent, output: &mut OutputEvents) {
        match e.as_core_event() {
            Some(CoreEventSpace::ParamValue(ev)) => {
                if let Some(id) = ev.param_id().and_then(|c| param_from_clap_id(c.get())) {
                    self.apply_param(id, ev.value() as f32);
                }
            }
            Some(CoreEventSpace::NoteOn(ev)) => {
                if let Some(key) = ev.key().into_specific() {
                    self.pad_or_note(ev.channel().into_specific().unwrap_or(0), key);
                }
            }
            Some(CoreEventSpace::Midi(ev)) => {
                let [status, d1, d2] = ev.data();
                match status & 0xf0 {
                    0x90 if d2 > 0 => self.pad_or_note(u16::from(status & 0x0f), u16::from(d1)),
                    0xb0 => {
                        if let Some((id, value)) = cc_to_param(d1, d2) {
                            self.set_param_and_tell_host(id, value, e.header().time(), output);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// A note-on: a note that the MIDI map names as a clip pad sends its index to the clip
    /// thread (which asks the bridge to fire the clip; a full queue drops the press), any
    /// other note goes to [`Self::note_on`].
    ///
    /// # Realtime safety
    /// Real-time safe: an array lookup and an SPSC push.
    fn pad_or_note(&mut self, channel: u16, key: u16) {
        if let Some((table, press)) = &mut self.pads
            && let (Ok(channel), Ok(note)) = (u8::try_from(channel), u8::try_from(key))
            && let Some(i) = table.pad(channel, note)
        {
            let _ = press.push(i);
            return;
        }
        self.note_on(key);
    }

    /// A note fires a cue (C4 and up) or switches style at the next bar (C3 to B3). A full
    /// command queue drops it: the audio thread never waits.
    ///
    /// # Realtime safety
    /// Real-time safe.
    fn note_on(&mut self, key: u16) {
        let command = if let Some(cue) = note_to_cue(key) {
            Command::Cue(cue)
        } else if let Some(index) = note_to_style(key) {
            Command::SetStyle { index, quantize: Quantize::Bar }
        } else {
            return;
        };
        let _ = self.commands.send(command);
    }

    /// Copies `start..end` of the main and sidechain inputs into scratch. Returns whether the
    /// sidechain is connected: present, and not flagged constant on every channel by the host
    /// (hosts mark an unconnected sidechain as constant silence).
    ///
    /// # Realtime safety
    /// Real-time safe.
    fn copy_in(&mut self, audio: &Audio, start: usize, end: usize) -> bool {
        let n = end - start;
        let main = audio.input_port(MAIN_PORT as usize);
        let main_ch = main.as_ref().and_then(|p| p.channels().ok()).and_then(SampleType::into_f32);
        for (ch, dst) in self.main.iter_mut().enumerate() {
            let Some(dst) = dst.get_mut(..n) else { continue };
            let src = main_ch.as_ref().and_then(|c| {
                let count = c.channel_count();
                if count == 0 { None } else { c.channel((ch as u32).min(count - 1)) }
            });
            match src.and_then(|s| s.get(start..end)) {
                Some(s) => dst.copy_from_slice(s),
                None => dst.fill(0.0),
            }
        }
        let sc = audio.input_port(SIDECHAIN_PORT as usize);
        let connected = sc.as_ref().is_some_and(|p| {
            let count = u64::from(p.channel_count());
            count > 0 && !(0..count).all(|c| p.constant_mask().is_channel_constant(c))
        });
        let sc_ch = sc.as_ref().and_then(|p| p.channels().ok()).and_then(SampleType::into_f32);
        for (ch, dst) in self.sidechain.iter_mut().enumerate() {
            let Some(dst) = dst.get_mut(..n) else { continue };
            let src = sc_ch.as_ref().and_then(|c| {
                let count = c.channel_count();
                if count == 0 { None } else { c.channel((ch as u32).min(count - 1)) }
            });
            match src.and_then(|s| s.get(start..end)) {
                Some(s) => dst.copy_from_slice(s),
                None => dst.fill(0.0),
            }
        }
        connected && sc_ch.is_some()
    }

    /// Runs the engine on scratch `a..b` (relative to the chunk).
    ///
    /// # Realtime safety
    /// Real-time safe.
    fn run_engine(&mut self, a: usize, b: usize, sidechain: bool) {
        let [ml, mr] = &mut self.main;
        let [sl, sr] = &self.sidechain;
        let [ol, or] = &mut self.music;
        let (Some(ml), Some(mr), Some(sl), Some(sr), Some(ol), Some(or)) =
            (ml.get_mut(a..b), mr.get_mut(a..b), sl.get(a..b), sr.get(a..b), ol.get_mut(a..b), or.get_mut(a..b))
        else {
            return;
        };
        let sc: [&[f32]; 2] = [sl, sr];
        if let Some(bridge) = &mut self.bridge {
            let _ = bridge.process(&mut self.engine, [ml, mr], (sc, sidechain), [ol, or]);
            return;
        }
        let mut main: [&mut [f32]; 2] = [ml, mr];
        let mut music: [&mut [f32]; 2] = [ol, or];
        // The status needs no action here: on a layout error the engine wrote silence.
        let _ = self.engine.process(&mut main, sidechain.then_some(&sc[..]), Some(&mut music));
    }

    /// Writes scratch to the host's outputs for `start..end`.
    ///
    /// # Realtime safety
    /// Real-time safe.
    fn copy_out(&mut self, audio: &mut Audio, start: usize, end: usize) {
        let n = end - start;
        for (port, scratch) in [(MAIN_PORT, &self.main), (MUSIC_PORT, &self.music)] {
            let Some(mut out) = audio.output_port(port as usize) else { continue };
            let Some(mut chans) = out.channels().ok().and_then(SampleType::into_f32) else { continue };
            let count = chans.channel_count();
            for ch in 0..count {
                let Some(dst) = chans.channel_mut(ch).and_then(|d| d.get_mut(start..end)) else { continue };
                let src = scratch.get(ch as usize).and_then(|s| s.get(..n));
                match src {
                    Some(s) => dst.copy_from_slice(s),
                    None => dst.fill(0.0),
                }
            }
        }
    }
}

/// Writes each output port's constant mask from what it holds: a channel is flagged constant
/// only when every sample of the block equals its first (never "silent" on a sounding buffer).
///
/// # Realtime safety
/// Real-time safe.
fn mark_constant_outputs(audio: &mut Audio, frames: usize) {
    for port in 0..audio.output_port_count() {
        let Some(mut out) = audio.output_port(port) else { continue };
        let mut mask = clack_plugin::process::ConstantMask::FULLY_DYNAMIC;
        if let Some(chans) = out.channels().ok().and_then(SampleType::into_f32) {
            for ch in 0..chans.channel_count() {
                let constant = chans
                    .channel(ch)
                    .and_then(|c| c.get(..frames))
                    .is_some_and(|c| c.iter().all(|&x| x.to_bits() == c.first().map_or(0, |f| f.to_bits())));
                if constant && frames > 0 {
                    mask.set_channel_constant(u64::from(ch), true);
                }
            }
        }
        out.set_constant_mask(mask);
    }
}

/// Logs `message` as an error through the host's log extension, or on stderr without one.
fn log_error(host: &HostAudioProcessorHandle, message: &str) {
    log(host, LogSeverity::Error, message);
}

/// Logs `message` through the host's log extension, or on stderr without one.
fn log(host: &HostAudioProcessorHandle, severity: LogSeverity, message: &str) {
    let log: Option<HostLog> = host.get_extension();
    match (log, std::ffi::CString::new(message)) {
        (Some(log), Ok(text)) => log.log(host, severity, &text),
        _ => eprintln!("{message}"),
    }
}

impl PluginAudioProcessorParams for AudioProcessor<'_> {
    fn flush(&mut self, input: &InputEvents, output: &mut OutputEvents) {
        for e in input {
            self.handle_event(e, output);
        }
    }
}

impl PluginTailImpl for AudioProcessor<'_> {
    fn get(&self) -> TailLength {
        // The generative music keeps playing through silent input.
        TailLength::Infinite
    }
}

/// The library's CLAP entry: the plugin factory and the preset-discovery factory.
pub struct ResonanceEntry {
    plugin: SinglePluginEntry<Resonance>,
    presets: PresetDiscoveryFactoryWrapper<crate::presets::PresetFactory>,
}

impl std::fmt::Debug for ResonanceEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ResonanceEntry")
    }
}

impl Entry for ResonanceEntry {
    fn new(plugin_path: Option<&CStr>) -> Result<Self, clack_plugin::entry::EntryLoadError> {
        Ok(Self {
            plugin: SinglePluginEntry::new(plugin_path)?,
            presets: PresetDiscoveryFactoryWrapper::new(crate::presets::PresetFactory::default()),
        })
    }

    fn declare_factories<'a>(&'a self, builder: &mut clack_plugin::entry::EntryFactories<'a>) {
        self.plugin.declare_factories(builder);
        builder.register_factory(&self.presets);
    }
}

clack_export_entry!(ResonanceEntry);
