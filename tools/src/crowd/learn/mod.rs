//! Learning the reaction type (issue 28, decisions 0042 and 0059): `crowd-train` builds composites from
//! the labelled corpus (`tools/corpus/crowd-labels.tsv`, fetched by
//! `scripts/fetch-crowd-corpus.sh`), runs the real analyser over them and reads the vector the
//! reaction classifier decided on at every surge ([`CrowdAnalyzer::last_reaction`]), trains a
//! small perceptron on those vectors, scores it leave-one-source-out against the hand-set rules
//! on the same composites, and writes the final weights into
//! `engine/src/analysis/reaction_weights.rs`.
//!
//! * [`corpus`] — the label table and its audio.
//! * [`mix`] — composites: every event span over beds of two disjoint groups (A, B), at
//!   several levels, sped/slowed, filtered, with music or speech over them; and negatives
//!   (swells of +2…+6 dB, music, speech, fireworks, calm beds).
//! * [`train`] — the perceptron (deterministic full-batch Adam in `f64`).
//! * [`loso`] — leave-one-source-out evaluation at event level with the analyser itself.
//! * [`tape`] — the arousal-scale demonstration over a match-like tape (`--tape`).
//! * [`beds`] — false events on every calm bed of the table, bed by bed (`--beds`).
//!
//! [`CrowdAnalyzer::last_reaction`]: resonance_engine::analysis::CrowdAnalyzer::last_reaction

pub mod beds;
pub mod corpus;
pub mod loso;
pub mod mix;
pub mod tape;
pub mod train;

use resonance_engine::analysis::CrowdAnalyzer;
use resonance_engine::analysis::probes::{Model, N_CLASS, N_FEAT, ReactionClass};
use resonance_engine::{CrowdEvent, Telemetry};

use super::RATE;

/// One classifier decision read off the analyser: onset (s), input vector.
#[derive(Debug, Clone, Copy)]
pub struct Decision {
    /// The surge's onset, seconds into the composite.
    pub onset: f64,
    /// The classifier's input.
    pub x: [f32; N_FEAT],
    /// The probabilities the analyser's own model gave.
    pub p: [f32; N_CLASS],
}

/// Runs the analyser (with `model`, else the compiled-in weights) over `x` (mono at
/// [`RATE`]) in 10 ms blocks: its events and every classifier decision.
pub fn analyse(x: &[f32], model: Option<&Model>) -> (Vec<CrowdEvent>, Vec<Decision>) {
    let mut a = CrowdAnalyzer::new(RATE as f32);
    if let Some(m) = model {
        a.set_reaction_model(m);
    }
    let (mut ev, mut dec) = (Vec::new(), Vec::new());
    let mut seen = 0;
    for b in x.chunks(RATE as usize / 100) {
        a.process(b, &mut |t| {
            if let Telemetry::Event(e) = t {
                ev.push(e);
            }
        });
        let (n, onset, v, p) = a.last_reaction();
        if n != seen {
            seen = n;
            dec.push(Decision { onset: onset as f64 / f64::from(RATE), x: v, p });
        }
    }
    (ev, dec)
}

/// The class of a label-table kind (`None` for beds: they are the "other" of negatives).
pub fn class_of(kind: &str) -> Option<ReactionClass> {
    Some(match kind {
        "cheer" => ReactionClass::Cheer,
        "boo" => ReactionClass::Boo,
        "applause" => ReactionClass::Applause,
        "ooh" => ReactionClass::Ooh,
        "chant" => ReactionClass::Chant,
        "whistle" => ReactionClass::Whistle,
        "speech" | "music" | "bait" => ReactionClass::Other,
        _ => return None,
    })
}
