//! Options of `resonance live`: the command-line flags, and the TOML config file they override.
//!
//! Every option can be given on the command line or in the file named by `--config` (keys as
//! the long flags); a flag given on the command line wins.

use std::path::PathBuf;

use anyhow::{Context, Result};

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
    /// Commentary microphone (an input device id or part of its name): added to the output
    /// after the engine at unity, so the copyright guard's duck of the programme (and the
    /// engine's dry/wet) never touch it.
    #[arg(long, value_name = "PATTERN", conflicts_with = "commentary")]
    pub commentary_device: Option<String>,
    /// A file played as the commentary input, looping (rehearsals); as `--commentary-device`.
    #[arg(long, value_name = "FILE")]
    pub commentary: Option<PathBuf>,
    /// Output device id or part of its name (default: the system's default output); `null`
    /// runs on a null output paced in real time (headless).
    #[arg(long, value_name = "PATTERN")]
    pub output: Option<String>,
    /// Play a file as the crowd input, looping (rehearsals).
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Play a file as the programme (commentary) bus, looping, in place of
    /// `--programme-device`: the crowd then feeds the sidechain and the music ducks under it
    /// (rehearsals, tests).
    #[arg(long, value_name = "FILE", conflicts_with = "programme_device")]
    pub programme: Option<PathBuf>,
    /// Play `--input` once, then silence, instead of looping it.
    #[arg(long, requires = "input")]
    #[serde(default)]
    pub input_once: bool,
    /// Music recognition: a fingerprint index made by `resonance index`. The programme (main
    /// input) is matched against it; "now playing" and "ended" go to the bridge as
    /// `/resonance/now_playing`, to stderr, and (with `--json`) to stdout as JSON lines.
    #[arg(long, value_name = "INDEX", conflicts_with = "recognition")]
    pub db: Option<PathBuf>,
    /// Music recognition by a recognition service (the bridge, or `resonance
    /// serve-recognition`): its URL, e.g. `http://127.0.0.1:7878`. The programme's fingerprint
    /// is computed here and sent (a few kilobytes per query); "now playing" comes from the
    /// answers and is reported as with `--db`.
    #[arg(long, value_name = "URL")]
    pub recognition: Option<String>,
    /// API key for `--recognition` (scope `recognize`).
    #[arg(long, value_name = "KEY", env = "RESONANCE_RECOGNITION_KEY", hide_env_values = true)]
    pub recognition_key: Option<String>,
    /// Seconds of audio between two queries to `--recognition` (1 to 60; default 2).
    #[arg(long, value_name = "SECONDS", requires = "recognition")]
    pub recognition_every: Option<f64>,
    /// Use the built-in demo match as the crowd input.
    #[arg(long)]
    #[serde(default)]
    pub demo: bool,
    /// Sample rate in Hz (1000 to 768000; outside 22050-192000 the engine runs behind its rate
    /// converter).
    #[arg(long, value_parser = crate::limits::rate)]
    pub rate: Option<u32>,
    /// Device buffer size in frames (16 to 8192).
    #[arg(long, value_parser = crate::limits::live_buffer)]
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
    #[arg(long, value_parser = crate::limits::live_seconds)]
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
    /// OSC token sent in the hello: needed when the bridge does not trust this machine's
    /// address (the bridge's `--osc-token`). `resonance up` makes one per run for its bridge.
    #[arg(long, value_name = "TOKEN", env = "RESONANCE_OSC_TOKEN", hide_env_values = true)]
    pub osc_token: Option<String>,
    /// No OSC at all.
    #[arg(long)]
    #[serde(default)]
    pub no_osc: bool,
    /// The bridge's HTTP address (`http://HOST:PORT`) on-air clips are fetched from. Default:
    /// the `--osc-bridge` host and the HTTP port the bridge names when it fires a clip.
    #[arg(long, value_name = "URL")]
    pub clips_url: Option<String>,
    /// The bridge's data folder (its `--data`), when on this machine: clip files are read from
    /// it directly instead of over HTTP.
    #[arg(long, value_name = "DIR")]
    pub clips_dir: Option<PathBuf>,
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
        let merged = self.merge_file()?;
        if let Err(e) = crate::limits::check_live(merged.rate, merged.buffer, merged.duration) {
            return Err(match &merged.config {
                Some(p) => e.context(format!("an option of {} or the command line is out of range", p.display())),
                None => e,
            });
        }
        Ok(merged)
    }

    /// The config file's values, overridden by the flags (not yet checked).
    fn merge_file(&self) -> Result<LiveArgs> {
        let Some(path) = &self.config else { return Ok(self.clone()) };
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read config file {}", path.display()))?;
        let file: LiveArgs = toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.message()))?;
        Ok(LiveArgs {
            config: self.config.clone(),
            host: self.host.clone().or(file.host),
            input_device: self.input_device.clone().or(file.input_device),
            programme_device: self.programme_device.clone().or(file.programme_device),
            commentary_device: self.commentary_device.clone().or(file.commentary_device),
            commentary: self.commentary.clone().or(file.commentary),
            output: self.output.clone().or(file.output),
            input: self.input.clone().or(file.input),
            programme: self.programme.clone().or(file.programme),
            input_once: self.input_once || file.input_once,
            db: self.db.clone().or(file.db),
            recognition: self.recognition.clone().or(file.recognition),
            recognition_key: self.recognition_key.clone().or(file.recognition_key),
            recognition_every: self.recognition_every.or(file.recognition_every),
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
            osc_token: self.osc_token.clone().or(file.osc_token),
            no_osc: self.no_osc || file.no_osc,
            clips_url: self.clips_url.clone().or(file.clips_url),
            clips_dir: self.clips_dir.clone().or(file.clips_dir),
            quiet: self.quiet || file.quiet,
            json: self.json || file.json,
        })
    }
}
