//! On-air clips in the live host: the shared clip player of [`resonance_io::clips`] (decision
//! records 0039, 0052 and 0069) driven from the control loop, its reports sent to the bridge.
//!
//! The control loop hands the bridge's `/resonance/command/clip` to [`ClipPlayer::fire`] and
//! calls [`ClipPlayer::step`] every turn; [`reporter`] turns what the player reports into
//! `/resonance/clip_scheduled` and `/resonance/clip_refused` for the bridge (which counts the
//! on-air play from the first) and a line on the terminal.

use resonance_io::clips::ClipReport;
pub use resonance_io::clips::{ClipPlayer, FireRequest, Sources};
use resonance_protocol::{Inbound, OscPeer};

/// Where the clip player's reports go: the bridge through `peer`, and stderr unless `quiet`.
/// `sr` is the engine's rate (the report's output sample is shown in seconds).
pub fn reporter(peer: Option<&OscPeer>, sr: f64, quiet: bool) -> impl FnMut(ClipReport) + '_ {
    move |r| {
        let inbound = match r {
            ClipReport::Scheduled { id, fire_id, at } => {
                if !quiet {
                    eprintln!("{:>8.2} s  clip {id} on air at output sample {at}", at as f64 / sr);
                }
                Inbound::ClipScheduled { id, fire_id, at }
            }
            ClipReport::Refused { id, fire_id, reason } => {
                if !quiet {
                    eprintln!("clip {id}: {reason}");
                }
                Inbound::ClipRefused { id, fire_id, reason }
            }
            _ => return,
        };
        if let Some(p) = peer {
            p.report(&inbound);
        }
    }
}
