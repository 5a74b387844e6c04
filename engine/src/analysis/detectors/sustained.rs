//! The start/end state machine that booing and applause share: a condition that must hold for
//! most of a minimum duration, with a mean quality (voicing, roughness) over its run, and ends
//! after 2 s without it.

use super::H;

/// A sustained condition with a start and an end, shared by booing and applause: a score
/// rises by one per hop while the condition holds and falls by two while it does not; the
/// state starts when the score reaches the detector's minimum duration and the mean of a
/// per-hop quality value over the run (e.g. voicing) is high enough, and ends after 2 s
/// without the condition.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Sustained {
    /// Rises by one per hop while the condition holds, falls by two while it does not.
    score: u32,
    /// Analysis-rate sample where the current run of the condition began.
    pub(super) start: u64,
    /// Sum of the quality value over the hops of the run where the condition held.
    quality: f32,
    /// Sum of the spectral roughness over the same hops.
    rough: f32,
    active: bool,
    /// Hops since the condition last held, while active.
    off: u32,
}

impl Sustained {
    /// Advances one hop; returns the run's mean quality on the hop where the state starts.
    pub(super) fn hop(&mut self, cond: bool, frame_start: u64, quality: f32, need: u32, min_quality: f32) -> Option<f32> {
        self.hop_rough(cond, frame_start, quality, 0.0, need, min_quality, f32::INFINITY)
    }

    /// [`Self::hop`], also requiring the run's mean spectral roughness `rough` to stay at
    /// most `max_rough` (noise-like, see [`super::CROWD_ROUGH_MAX`]).
    #[expect(clippy::too_many_arguments, reason = "the condition, its start and quality, and the three thresholds of one detector")]
    pub(super) fn hop_rough(
        &mut self,
        cond: bool,
        frame_start: u64,
        quality: f32,
        rough: f32,
        need: u32,
        min_quality: f32,
        max_rough: f32,
    ) -> Option<f32> {
        if self.active {
            if cond {
                self.off = 0;
            } else {
                self.off += 1;
                if self.off >= 2 * H {
                    self.active = false;
                    self.score = 0;
                }
            }
            return None;
        }
        if cond {
            if self.score == 0 {
                self.start = frame_start;
                self.quality = 0.0;
                self.rough = 0.0;
            }
            self.score += 1;
            self.quality += quality;
            self.rough += rough;
        } else {
            self.score = self.score.saturating_sub(2);
        }
        let mean = self.quality / self.score.max(1) as f32;
        if self.score >= need && mean >= min_quality && self.rough / self.score.max(1) as f32 <= max_rough {
            self.active = true;
            self.off = 0;
            return Some(mean);
        }
        None
    }

    /// Whether the state is on.
    pub(super) fn active(&self) -> bool {
        self.active
    }
}
