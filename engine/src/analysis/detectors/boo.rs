//! Booing: a dark (added tilt ≤ -13 dB), voiced rise ≥ 4 dB over the floor held for 1.5 s, and
//! noise-like on average (spectral roughness ≤ 7 dB, [`super::CROWD_ROUGH_MAX`]): a surge of
//! music is tonal.

use super::sustained::Sustained;
use super::{CROWD_ROUGH_MAX, Detection, H, Hop, clamp01};
use crate::analysis::features::FRAME;
use crate::types::{CrowdEventKind, WhistleKind};

/// Booing: the crowd ≥ 4 dB over its floor, what was added dark (tilt ≤ -13 dB) and voiced (MPM clarity), for most of 1.5 s.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Boo {
    state: Sustained,
}

impl Boo {
    /// One hop; `roaring` and `chanting` keep booing out.
    pub(super) fn hop(&mut self, h: &Hop, roaring: bool, chanting: bool, out: &mut dyn FnMut(Detection)) {
        let f = &h.f;
        let s = h.sens_db;
        let [_, b1, ..] = h.band_rel;
        let cond = h.present && !roaring && !chanting && h.rel_m >= 4.0 + s && b1 >= 4.0 + s && h.added_tilt <= -13.0;
        if let Some(voiced) = self.state.hop_rough(
            cond,
            f.end.saturating_sub(FRAME as u64),
            f.pitch.clarity,
            f.roughness,
            (15 * H) / 10,
            0.3,
            CROWD_ROUGH_MAX,
        ) {
            let confidence = clamp01(0.3 + (h.rel_m - 4.0) / 12.0 + (voiced - 0.3));
            out(Detection { kind: CrowdEventKind::Booing, onset: self.state.start, confidence, whistle: WhistleKind::Short });
        }
    }

    /// Whether booing is being heard now.
    pub(super) fn active(&self) -> bool {
        self.state.active()
    }
}
