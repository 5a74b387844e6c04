//! OSC on the live host: the peer that reports telemetry to the bridge and receives commands
//! from it (or any OSC controller), and its turn in the control loop.

use std::sync::atomic::Ordering;
use std::time::Instant;

use anyhow::{Context, Result};
use resonance_engine::prelude::*;
use resonance_protocol::{Inbound, OscConfig, OscPeer, Outbound};

use super::clips::{ClipPlayer, FireRequest};
use super::deck::LiveDeck;
use super::midi::Midi;
use super::options::LiveArgs;
use super::rt::LiveStats;

/// The OSC peer: reports to the bridge, commands from it (or any OSC controller).
pub fn open_osc(args: &LiveArgs) -> Result<Option<OscPeer>> {
    if args.no_osc {
        return Ok(None);
    }
    let config = OscConfig::parse(
        args.osc_bridge.as_deref().unwrap_or(resonance_protocol::link::DEFAULT_BRIDGE),
        args.osc_listen.as_deref().unwrap_or(resonance_protocol::link::DEFAULT_LISTEN),
        args.session.as_deref().unwrap_or("default"),
    )
    .map_err(|e| anyhow::anyhow!("OSC options: {e}"))?
    .with_token(args.osc_token.clone().filter(|t| !t.is_empty()));
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

/// The control loop's OSC turn: meters and the xrun count to the bridge every
/// [`METERS_INTERVAL`](resonance_protocol::link::METERS_INTERVAL), the hello kept alive, and
/// the commands received since the last turn dispatched — MIDI learn to the MIDI side, the
/// music deck's to the deck, clips fired on air to the clip player, the rest to the engine.
pub fn serve(
    peer: &mut OscPeer,
    handle: &mut EngineHandle,
    players: Players<'_>,
    mut midi: Option<&mut Midi>,
    stats: &LiveStats,
    last_meters: &mut Instant,
    quiet: bool,
) {
    let Players { deck, clips, sr } = players;
    if last_meters.elapsed() >= resonance_protocol::link::METERS_INTERVAL {
        *last_meters = Instant::now();
        peer.report_meters(&handle.meters.read());
        peer.report(&Inbound::Xruns(stats.xruns.load(Ordering::Relaxed)));
    }
    peer.keep_alive();
    let peer_stats = std::sync::Arc::clone(peer.stats());
    let peer_stats = &*peer_stats;
    let mut fires = Vec::new();
    peer.poll(|o| match o {
        Outbound::Clip { id, sha256, quantize, gain_db, fire_id, port } => {
            fires.push(FireRequest { id, sha256, quantize, gain_db, fire_id, port });
        }
        Outbound::MidiLearn { id } => match &mut midi {
            Some(m) => {
                m.learn(id);
                if !quiet {
                    eprintln!("midi learn: armed for {}; move a control", id.info().id);
                }
            }
            None => {
                eprintln!("midi learn for {} ignored: this host has no MIDI input (start it with --midi PATTERN)", id.info().id);
            }
        },
        Outbound::DeckPlay { url, fade_s, gain_db, layer, quantize } => deck.play(handle, &url, fade_s, gain_db, layer, quantize),
        Outbound::DeckStop { fade_s, quantize } => deck.stop(handle, fade_s, quantize),
        Outbound::DeckLayer { layer, fade_s } => LiveDeck::layer(handle, layer, fade_s),
        Outbound::Style { name, .. } if !handle.styles.contains(&name) => {
            refuse_unknown_style(peer_stats, &name, &handle.styles);
        }
        other => {
            if let Some(c) = other.to_command(&handle.styles) {
                if let (Command::SetParam { id, value }, Some(m)) = (c, &mut midi) {
                    // soft takeover must know where the parameter is now
                    m.set_current(id, value);
                }
                let _ = handle.commands.send(c);
            }
        }
    });
    for f in fires {
        clips.fire(&f, &mut handle.clips, &mut super::clips::reporter(Some(peer), sr, quiet));
    }
}

/// What plays besides the engine's own music: the deck's whole tracks and the on-air clips.
pub struct Players<'a> {
    /// The music deck (whole tracks the bridge chooses).
    pub deck: &'a mut LiveDeck,
    /// Clips fired on air.
    pub clips: &'a mut ClipPlayer,
    /// The engine's sample rate (Hz).
    pub sr: f64,
}

/// A style command naming a style this engine does not have: refused, counted and said (with
/// the styles it has), so a controller's typo is not silently ignored.
fn refuse_unknown_style(stats: &resonance_protocol::OscStats, name: &str, styles: &[String]) {
    stats.unknown_styles.fetch_add(1, Ordering::Relaxed);
    eprintln!("osc: style {name:?} refused: this engine's styles are {}", styles.join(", "));
}
