//! Held applause: a noise-like (flat), bright, unvoiced rise held for 1 s. (Applause that
//! bursts out like a goal roar is decided at the roar's moment by the surge detector.)

use super::sustained::Sustained;
use super::{Detection, H, Hop, clamp01};
use crate::analysis::features::FRAME;
use crate::types::{CrowdEventKind, WhistleKind};

/// Applause: a noise-like (flat), bright, unvoiced rise held for 1 s.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Applause {
    state: Sustained,
}

impl Applause {
    /// One hop; `whistle_active` (a whistle, or applause already decided by the surge
    /// detector) keeps it out.
    pub(super) fn hop(&mut self, h: &Hop, whistle_active: bool, out: &mut dyn FnMut(Detection)) {
        let f = &h.f;
        let [_, _, b2, b3, _] = h.band_rel;
        let cond = h.present
            && !whistle_active
            && h.rel_m >= 3.0 + h.sens_db
            && f.flatness >= 0.2
            && b3 >= 6.0 + h.sens_db
            && b2 >= 3.0
            && f.pitch.clarity < 0.5;
        if self.state.hop(cond, f.end.saturating_sub(FRAME as u64), 0.0, H, f32::NEG_INFINITY).is_some() {
            let confidence = clamp01(0.3 + f.flatness + (h.rel_m - 3.0) / 20.0);
            out(Detection { kind: CrowdEventKind::Applause, onset: self.state.start, confidence, whistle: WhistleKind::Short });
        }
    }

    /// Whether held applause is being heard now.
    pub(super) fn active(&self) -> bool {
        self.state.active()
    }
}
