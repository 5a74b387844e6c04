//! The programme guard: a gain on the programme (the main input) alone, set by the bridge's
//! copyright guard through [`Command::Guard`](crate::Command::Guard) (decision record 0061).
//!
//! * It acts on the main input only, after the fingerprint hasher and the crowd analysis have
//!   heard it (so a duck never makes the recogniser report "ended"), and before the dry/wet mix.
//!   The engine's own music and the sidechain (a crowd or commentary microphone) are never
//!   touched by it.
//! * Changes are linear gain ramps of `fade_ms` (1–5000 ms), so the fade length is exact in
//!   samples and a duck never clicks.
//! * A duck carries a **lease**: it lapses by itself `lease_ms` after the last command, fading
//!   back to unity. The bridge renews the lease while it keeps ducking, so a bridge that stops,
//!   a lost datagram or a session that goes away can never leave the programme muted.
//! * Every value is sanitised: a gain above 0 dB or NaN is unity (a guard only lowers), below
//!   −120 dB or −inf mutes, fades and leases are clamped to their ranges.
//!
//! Allocation-free: a handful of numbers, advanced per sample and per chunk.

use crate::dsp::{db_to_lin, lin_to_db};

/// Shortest and longest fade (ms).
pub const GUARD_FADE_MS: (u16, u16) = (1, 5000);
/// Shortest and longest lease (ms).
pub const GUARD_LEASE_MS: (u32, u32) = (100, 600_000);
/// Gains below this (dB) mute.
pub const GUARD_MUTE_DB: f32 = -120.0;

/// The programme guard's state (owned by the processor).
#[derive(Debug, Clone)]
pub(super) struct ProgrammeGuard {
    sample_rate: f32,
    /// The gain applied now (linear).
    gain: f32,
    /// Where the ramp starts and goes.
    from: f32,
    target: f32,
    /// The ramp's length and the samples of it done (done == len: at the target).
    ramp_len: u32,
    ramp_done: u32,
    /// Samples left before the duck lapses (0: no lease running).
    lease_left: u64,
    /// The fade the lapse uses (the last command's), in samples.
    fade_samples: u32,
    /// Leases that lapsed since the last reset.
    lapses: u64,
}

impl ProgrammeGuard {
    pub(super) fn new(sample_rate: f32) -> Self {
        Self { sample_rate, gain: 1.0, from: 1.0, target: 1.0, ramp_len: 1, ramp_done: 1, lease_left: 0, fade_samples: 1, lapses: 0 }
    }

    /// Back to unity at once, no lease.
    pub(super) fn reset(&mut self) {
        self.gain = 1.0;
        self.from = 1.0;
        self.target = 1.0;
        self.ramp_done = self.ramp_len;
        self.lease_left = 0;
        self.lapses = 0;
    }

    /// A guard command: ramp to `gain_db` over `fade_ms`; a duck (below 0 dB) lapses after
    /// `lease_ms` unless renewed by another command.
    pub(super) fn command(&mut self, gain_db: f32, fade_ms: u16, lease_ms: u32) {
        let target = if gain_db.is_nan() || gain_db >= 0.0 {
            1.0
        } else if gain_db < GUARD_MUTE_DB {
            0.0
        } else {
            db_to_lin(gain_db)
        };
        let fade_ms = fade_ms.clamp(GUARD_FADE_MS.0, GUARD_FADE_MS.1);
        self.fade_samples = ((f32::from(fade_ms) * 0.001 * self.sample_rate).round() as u32).max(1);
        self.ramp_to(target);
        self.lease_left = if target < 1.0 {
            let ms = lease_ms.clamp(GUARD_LEASE_MS.0, GUARD_LEASE_MS.1);
            ((f64::from(ms) * 0.001 * f64::from(self.sample_rate)) as u64).max(1)
        } else {
            0
        };
    }

    /// A linear ramp from the gain now to `target` over the fade.
    fn ramp_to(&mut self, target: f32) {
        self.from = self.gain;
        self.target = target;
        self.ramp_len = self.fade_samples;
        self.ramp_done = 0;
    }

    /// Counts `n` samples off the lease; a lapsed lease fades back to unity.
    pub(super) fn advance(&mut self, n: usize) {
        if self.lease_left > 0 {
            self.lease_left = self.lease_left.saturating_sub(n as u64);
            if self.lease_left == 0 {
                self.lapses += 1;
                self.ramp_to(1.0);
            }
        }
    }

    /// Applies the gain to `l` and `r` (and `mid`, the programme the music ducks under), one
    /// ramp step per sample.
    pub(super) fn apply(&mut self, l: &mut [f32], r: &mut [f32], mid: &mut [f32]) {
        if self.gain == 1.0 && self.ramp_done == self.ramp_len {
            return;
        }
        for ((a, b), m) in l.iter_mut().zip(r.iter_mut()).zip(mid.iter_mut()) {
            if self.ramp_done < self.ramp_len {
                self.ramp_done += 1;
                let t = self.ramp_done as f32 / self.ramp_len as f32;
                self.gain = if self.ramp_done == self.ramp_len { self.target } else { self.from + (self.target - self.from) * t };
            }
            *a *= self.gain;
            *b *= self.gain;
            *m *= self.gain;
        }
    }

    /// The gain now in dB (0 = not ducked; −144 = muted).
    pub(super) fn gain_db(&self) -> f32 {
        if self.gain >= 1.0 { 0.0 } else { lin_to_db(self.gain) }
    }

    /// Leases that lapsed since the last reset.
    pub(super) fn lapses(&self) -> u64 {
        self.lapses
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(g: &mut ProgrammeGuard, n: usize) -> Vec<f32> {
        let mut l = vec![1.0; n];
        let mut r = vec![1.0; n];
        let mut m = vec![1.0; n];
        g.apply(&mut l, &mut r, &mut m);
        g.advance(n);
        assert_eq!(l, r);
        l
    }

    #[test]
    fn a_duck_fades_in_exactly_fade_ms_and_releases_the_same_way() {
        let mut g = ProgrammeGuard::new(48_000.0);
        g.command(-20.0, 150, 10_000);
        let out = run(&mut g, 7200); // 150 ms
        assert!((out[3599] - 0.55).abs() < 1e-3, "half way: {}", out[3599]);
        assert!((out[7199] - 0.1).abs() < 1e-5, "at 150 ms: {}", out[7199]);
        assert!(out[7198] > 0.1, "not before: {}", out[7198]);
        assert!(out.windows(2).all(|w| w[1] <= w[0]), "monotonic");
        assert!((g.gain_db() + 20.0).abs() < 1e-3);
        g.command(0.0, 10, 0);
        let out = run(&mut g, 480);
        assert_eq!(out[479], 1.0);
        assert_eq!(g.gain_db(), 0.0);
    }

    #[test]
    fn the_lease_lapses_at_its_sample_and_mutes_come_back() {
        let mut g = ProgrammeGuard::new(48_000.0);
        g.command(f32::NEG_INFINITY, 1, 100);
        let out = run(&mut g, 4800);
        assert_eq!(out[100], 0.0, "muted after 1 ms");
        assert_eq!(g.lapses(), 1, "100 ms lease lapsed");
        let out = run(&mut g, 48);
        assert_eq!(out[47], 1.0, "back after the 1 ms fade");
        // A renewal before the lapse keeps the duck.
        g.command(-6.0, 1, 100);
        run(&mut g, 4000);
        g.command(-6.0, 1, 100);
        run(&mut g, 4000);
        assert!((g.gain_db() + 6.0).abs() < 1e-3, "renewed: {}", g.gain_db());
        assert_eq!(g.lapses(), 1);
    }

    #[test]
    fn hostile_values_are_sanitised() {
        let mut g = ProgrammeGuard::new(48_000.0);
        for (db, fade, lease) in [(f32::NAN, 0, 0), (12.0, u16::MAX, u32::MAX), (f32::INFINITY, 0, 0)] {
            g.command(db, fade, lease);
            run(&mut g, 1000);
            assert_eq!(g.gain_db(), 0.0, "{db} never raises the programme");
        }
        g.command(-1e9, 0, 0);
        let out = run(&mut g, 48);
        assert_eq!(out[47], 0.0, "far below −120 dB mutes");
        run(&mut g, 48_000 / 10);
        assert_eq!(g.lapses(), 1, "a lease of 0 is clamped to 100 ms, not forever");
    }
}
