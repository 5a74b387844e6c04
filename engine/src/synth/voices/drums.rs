//! Synthesised percussion: kick, snare, hats, toms and crash, no samples needed.
//!
//! Modelled on the analogue drum machines' circuits as described by Gordon Reid's "Synth
//! Secrets" series (Sound On Sound, 2002: "Synthesizing drums: the bass drum", "... the snare
//! drum", "... cymbals"): a sine with a fast exponential pitch drop for kick and toms, a tone
//! plus band-passed noise for the snare, high-passed noise for hats and crash.

use super::{DrumKit, StealFade, decay_coef};
use crate::synth::rng::Noise;

/// Percussion instruments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DrumKind {
    Kick,
    Snare,
    ClosedHat,
    OpenHat,
    LowTom,
    HighTom,
    Crash,
}

/// A drum hit to start.
#[derive(Clone, Copy, Debug)]
pub struct Hit {
    pub kind: DrumKind,
    pub velocity: f32,
    pub pan: f32,
    pub noise_seed: u32,
    /// Onset ramp, seconds.
    pub onset_s: f32,
}

/// One percussion voice.
#[derive(Clone, Copy, Debug)]
pub struct Drum {
    active: bool,
    pub(crate) serial: u64,
    /// Stinger hits bypass the bed's ducking.
    pub(crate) stinger: bool,
    kind: DrumKind,
    sr: f32,
    phase: f32,
    f_end: f32,
    f_sweep: f32,
    pitch_env: f32,
    pitch_coef: f32,
    amp: f32,
    amp_coef: f32,
    tone_amp: f32,
    tone_coef: f32,
    noise: Noise,
    // noise filter (Simper SVF, fixed per hit)
    ic1: f32,
    ic2: f32,
    a1: f32,
    a2: f32,
    a3: f32,
    k: f32,
    highpass: bool,
    tone_mix: f32,
    noise_mix: f32,
    gain_l: f32,
    gain_r: f32,
    fade: StealFade,
    /// 1 ms linear onset ramp so that no hit starts with a step (declick).
    onset: f32,
    onset_step: f32,
}

impl Drum {
    pub fn new(sr: f32) -> Self {
        Self {
            active: false,
            serial: 0,
            stinger: false,
            kind: DrumKind::Kick,
            sr,
            phase: 0.0,
            f_end: 50.0,
            f_sweep: 0.0,
            pitch_env: 0.0,
            pitch_coef: 0.0,
            amp: 0.0,
            amp_coef: 0.0,
            tone_amp: 0.0,
            tone_coef: 0.0,
            noise: Noise::new(1),
            ic1: 0.0,
            ic2: 0.0,
            a1: 0.0,
            a2: 0.0,
            a3: 0.0,
            k: 1.0,
            highpass: false,
            tone_mix: 0.0,
            noise_mix: 0.0,
            gain_l: 0.0,
            gain_r: 0.0,
            fade: StealFade::IDLE,
            onset: 0.0,
            onset_step: 1.0,
        }
    }

    #[inline]
    pub fn is_active(&self) -> bool {
        self.active
    }

    pub fn kill(&mut self) {
        *self = Self::new(self.sr);
    }

    pub fn steal(&mut self) {
        self.fade.start(self.sr, 0.003);
    }

    #[inline]
    pub fn counts(&self) -> bool {
        self.active && !self.fade.is_fading()
    }

    fn coef(&self, seconds: f32) -> f32 {
        decay_coef(self.sr, seconds, 0.002, 0.001)
    }

    fn set_filter(&mut self, hz: f32, q: f32, highpass: bool) {
        let g = (std::f32::consts::PI * hz.min(0.45 * self.sr) / self.sr).tan();
        self.k = 1.0 / q.max(0.3);
        self.a1 = 1.0 / (1.0 + g * (g + self.k));
        self.a2 = g * self.a1;
        self.a3 = g * self.a2;
        self.highpass = highpass;
        self.ic1 = 0.0;
        self.ic2 = 0.0;
    }

    /// Triggers a hit with an onset ramp of `onset_s` seconds.
    pub fn start(&mut self, hit: &Hit, kit: &DrumKit, serial: u64) {
        let Hit { kind, velocity, pan, noise_seed, onset_s } = *hit;
        self.active = true;
        self.serial = serial;
        self.kind = kind;
        self.phase = 0.0;
        self.noise = Noise::new(noise_seed);
        self.fade = StealFade::IDLE;
        self.onset = 0.0;
        self.onset_step = 1.0 / (onset_s * self.sr).max(1.0);
        let (f_end, sweep, pitch_t, decay, tone_t, tone_mix, noise_mix) = match kind {
            DrumKind::Kick => (kit.kick_hz, kit.kick_hz * 2.5, 0.035, kit.kick_decay, kit.kick_decay, 1.0, 0.04),
            DrumKind::Snare => (kit.snare_hz, kit.snare_hz * 0.5, 0.02, kit.snare_decay, 0.09, 0.45, 0.8),
            DrumKind::ClosedHat => (0.0, 0.0, 0.01, kit.hat_decay, 0.01, 0.0, 0.5),
            DrumKind::OpenHat => (0.0, 0.0, 0.01, kit.hat_decay * 5.0, 0.01, 0.0, 0.45),
            DrumKind::LowTom => (kit.tom_hz, kit.tom_hz * 0.8, 0.06, 0.35, 0.35, 0.9, 0.1),
            DrumKind::HighTom => (kit.tom_hz * 1.5, kit.tom_hz * 1.2, 0.05, 0.28, 0.28, 0.9, 0.1),
            DrumKind::Crash => (0.0, 0.0, 0.01, kit.crash_decay, 0.01, 0.0, 0.42),
        };
        self.f_end = f_end;
        self.f_sweep = sweep;
        self.pitch_env = 1.0;
        self.pitch_coef = self.coef(pitch_t);
        self.amp = 1.0;
        self.amp_coef = self.coef(decay);
        self.tone_amp = 1.0;
        self.tone_coef = self.coef(tone_t);
        self.tone_mix = tone_mix;
        self.noise_mix = noise_mix;
        match kind {
            DrumKind::Snare => self.set_filter(kit.snare_noise_hz, 0.9, false),
            DrumKind::ClosedHat | DrumKind::OpenHat => self.set_filter(kit.hat_hz, 0.8, true),
            DrumKind::Crash => self.set_filter(kit.hat_hz * 0.6, 0.6, true),
            _ => self.set_filter(3000.0, 0.7, false),
        }
        let amp = velocity.clamp(0.0, 1.0) * 10f32.powf(kit.gain_db / 20.0);
        let angle = (pan.clamp(-1.0, 1.0) + 1.0) * std::f32::consts::FRAC_PI_4;
        self.gain_l = amp * angle.cos();
        self.gain_r = amp * angle.sin();
    }

    /// Adds this voice into the buffers.
    #[inline]
    pub fn render(&mut self, left: &mut [f32], right: &mut [f32]) {
        for (l, r) in left.iter_mut().zip(right.iter_mut()) {
            if !self.active {
                return;
            }
            let hz = self.f_end + self.f_sweep * self.pitch_env;
            self.pitch_env *= self.pitch_coef;
            self.phase += hz / self.sr;
            if self.phase >= 1.0 {
                self.phase -= 1.0;
            }
            let tone = (std::f32::consts::TAU * self.phase).sin() * self.tone_amp;
            self.tone_amp *= self.tone_coef;
            let n = self.noise.sample();
            let v3 = n - self.ic2;
            let v1 = self.a1 * self.ic1 + self.a2 * v3;
            let v2 = self.ic2 + self.a2 * self.ic1 + self.a3 * v3;
            self.ic1 = 2.0 * v1 - self.ic1;
            self.ic2 = 2.0 * v2 - self.ic2;
            let filtered = if self.highpass { n - self.k * v1 - v2 } else { v1 * self.k };
            self.onset = (self.onset + self.onset_step).min(1.0);
            let fade = self.fade.next().unwrap_or_else(|| {
                self.active = false;
                0.0
            });
            let y = (self.tone_mix * tone + self.noise_mix * filtered) * self.amp * fade * self.onset;
            self.amp *= self.amp_coef;
            if self.amp < super::tonal::SILENT {
                self.active = false;
            }
            *l += y * self.gain_l;
            *r += y * self.gain_r;
        }
    }
}
