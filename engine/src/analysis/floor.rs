//! The adaptive crowd floor: a slowly moving baseline of the loudness and of each band, so
//! that levels are read relative to *this* crowd (a half-empty ground and a full stadium both
//! sit at 0 dB relative) and the analysis is invariant to input gain.
//!
//! The baseline is an asymmetric exponential average in dB, in the spirit of minimum
//! statistics noise estimation (R. Martin, "Noise power spectral density estimation based on
//! optimal smoothing and minimum statistics", IEEE TSAP 2001), simplified: it falls quickly
//! (τ = 3 s) and rises slowly (τ = 20 s), and rises even more slowly (τ = 90 s) while an event
//! holds the crowd above its floor, so a long roar does not become the new normal. During the
//! first second after silence it converges fast so the first real event is read correctly.

use super::features::HOPS_PER_S;

/// Loudness (LUFS, short window) under which the analyser reports "no crowd".
pub(crate) const NO_CROWD_LUFS: f32 = -62.0;

const WARMUP_HOPS: u32 = HOPS_PER_S as u32;

fn coef(tau_s: f32) -> f32 {
    1.0 - (-1.0 / (tau_s * HOPS_PER_S as f32)).exp()
}

/// One asymmetric dB tracker.
#[derive(Clone, Copy, Debug, Default)]
struct Track {
    value: f32,
}

impl Track {
    fn update(&mut self, x: f32, warm: bool, hold: bool) {
        let c = if warm {
            coef(0.25)
        } else if x < self.value {
            coef(3.0)
        } else if hold {
            coef(90.0)
        } else {
            coef(20.0)
        };
        self.value += (x - self.value) * c;
    }
}

/// Baselines of the momentary loudness and of the five feature bands.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CrowdFloor {
    loud: Track,
    bands: [Track; 5],
    /// Hops with a crowd present since the last silence (for the warm-up).
    present: u32,
}

impl CrowdFloor {
    pub(crate) fn reset(&mut self) {
        *self = Self::default();
    }

    /// Updates with the hop's smoothed momentary loudness and band levels (dB). `hold` slows
    /// the rise while an event is active.
    pub(crate) fn update(&mut self, loud_m: f32, bands_db: &[f32; 5], hold: bool) {
        if loud_m < NO_CROWD_LUFS {
            self.present = 0;
        } else {
            self.present = self.present.saturating_add(1);
        }
        let warm = self.present < WARMUP_HOPS;
        if self.present == 1 {
            // First hop with a crowd: start from it rather than from 0 dB.
            self.loud.value = loud_m;
            for (t, &b) in self.bands.iter_mut().zip(bands_db) {
                t.value = b;
            }
        }
        self.loud.update(loud_m, warm, hold);
        for (t, &b) in self.bands.iter_mut().zip(bands_db) {
            t.update(b, warm, hold);
        }
    }

    /// Loudness baseline (LUFS).
    pub(crate) fn loud(&self) -> f32 {
        self.loud.value
    }

    /// Band baseline (dB).
    pub(crate) fn band(&self, i: usize) -> f32 {
        self.bands.get(i).map_or(0.0, |t| t.value)
    }

    /// Whether the floor is still converging after silence.
    pub(crate) fn warming_up(&self) -> bool {
        self.present < WARMUP_HOPS
    }
}
