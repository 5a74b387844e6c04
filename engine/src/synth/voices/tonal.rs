//! A subtractive synthesiser voice: up to three detuned band-limited oscillators, an ADSR,
//! a resonant low-pass with its own envelope, vibrato and equal-power panning.
//!
//! Sources: PolyBLEP anti-aliasing (Välimäki & Huovilainen, "Antialiasing oscillators in
//! subtractive synthesis", IEEE Signal Processing Magazine 24(2), 2007); the filter is
//! Andrew Simper's linear trapezoidal state-variable filter ("Linear trapezoidal integrated
//! SVF", Cytomic technical paper, 2013). Control values (cutoff, vibrato) are recomputed every
//! [`CONTROL_HOP`] samples of the voice's own age, so the output never depends on how the
//! host splits blocks.

use super::{StealFade, Timbre, Wave, decay_coef};
use crate::synth::theory::midi_hz;

/// Samples between control-rate updates, counted from the voice's note-on.
pub const CONTROL_HOP: u32 = 16;
/// A voice is freed once its envelope falls below this (-80 dB re its peak; tails above
/// -60 dBFS are never cut).
pub const SILENT: f32 = 1e-4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Off,
    Attack,
    Decay,
    Release,
}

/// What a note-on needs.
#[derive(Clone, Copy, Debug)]
pub struct NoteOn {
    pub note: f32,
    pub velocity: f32,
    /// Samples until the note is released (its gate length).
    pub gate: u32,
    pub timbre: Timbre,
    /// Brightness multiplier on the cutoff (the conductor's timbre control).
    pub brightness: f32,
    /// Layer id (for legato extension and stealing priority).
    pub layer: u8,
    /// Stinger voices are not ducked and are stolen last.
    pub stinger: bool,
}

/// One tonal voice.
#[derive(Clone, Copy, Debug)]
pub struct Tonal {
    stage: Stage,
    pub(crate) layer: u8,
    pub(crate) stinger: bool,
    pub(crate) note: f32,
    pub(crate) serial: u64,
    gate: u32,
    age: u32,
    timbre: Timbre,
    sr: f32,
    phase: [f32; 3],
    inc: [f32; 3],
    base_inc: [f32; 3],
    env: f32,
    att_step: f32,
    dec_coef: f32,
    rel_coef: f32,
    fenv: f32,
    fenv_coef: f32,
    cutoff: f32,
    brightness: f32,
    ic1: f32,
    ic2: f32,
    a1: f32,
    a2: f32,
    a3: f32,
    k: f32,
    gain_l: f32,
    gain_r: f32,
    fade: StealFade,
}

impl Tonal {
    pub fn new(sr: f32) -> Self {
        Self {
            stage: Stage::Off,
            layer: 0,
            stinger: false,
            note: 0.0,
            serial: 0,
            gate: 0,
            age: 0,
            timbre: Timbre::default(),
            sr,
            phase: [0.0; 3],
            inc: [0.0; 3],
            base_inc: [0.0; 3],
            env: 0.0,
            att_step: 1.0,
            dec_coef: 0.0,
            rel_coef: 0.0,
            fenv: 0.0,
            fenv_coef: 0.0,
            cutoff: 1000.0,
            brightness: 1.0,
            ic1: 0.0,
            ic2: 0.0,
            a1: 0.0,
            a2: 0.0,
            a3: 0.0,
            k: 2.0,
            gain_l: 0.0,
            gain_r: 0.0,
            fade: StealFade::IDLE,
        }
    }

    #[inline]
    pub fn is_active(&self) -> bool {
        self.stage != Stage::Off
    }

    /// Sounding and not being stolen (counts against the polyphony limit).
    #[inline]
    pub fn counts(&self) -> bool {
        self.stage != Stage::Off && !self.fade.is_fading()
    }

    #[inline]
    pub fn is_releasing(&self) -> bool {
        self.stage == Stage::Release
    }

    #[inline]
    pub fn level(&self) -> f32 {
        self.env * self.fade.gain()
    }

    /// Silences at once (used by `reset()` only).
    pub fn kill(&mut self) {
        *self = Self::new(self.sr);
    }

    /// Fades out over 5 ms (voice stealing: no click).
    pub fn steal(&mut self) {
        self.fade.start(self.sr, 0.005);
    }

    /// Moves the note-off `extra` samples later (a held chord tone).
    pub fn extend(&mut self, gate: u32) {
        if matches!(self.stage, Stage::Attack | Stage::Decay) {
            self.gate = self.gate.max(gate);
        }
    }

    /// Releases now.
    pub fn release(&mut self) {
        if matches!(self.stage, Stage::Attack | Stage::Decay) {
            self.stage = Stage::Release;
        }
    }

    fn time_coef(&self, seconds: f32, ratio: f32) -> f32 {
        decay_coef(self.sr, seconds, 0.001, ratio)
    }

    /// Starts a note.
    pub fn start(&mut self, on: &NoteOn, serial: u64) {
        let t = on.timbre;
        self.stage = Stage::Attack;
        self.layer = on.layer;
        self.stinger = on.stinger;
        self.note = on.note;
        self.serial = serial;
        self.gate = on.gate.max(1);
        self.age = 0;
        self.timbre = t;
        let note = on.note + 12.0 * f32::from(t.octave);
        let hz = midi_hz(note);
        let n = usize::from(t.unison.clamp(1, 3));
        let spread = [0.0, 1.0, -1.0];
        for i in 0..3 {
            let cents = if i < n { spread[i] * t.detune_cents } else { 0.0 };
            self.base_inc[i] = (hz * (cents / 1200.0).exp2() / self.sr).min(0.45);
            self.inc[i] = self.base_inc[i];
            // deterministic, decorrelated start phases
            self.phase[i] = [0.0, 0.33, 0.67][i];
        }
        self.env = 0.0;
        self.att_step = 1.0 / (t.attack.max(0.0005) * self.sr);
        self.dec_coef = self.time_coef(t.decay, 0.001);
        self.rel_coef = self.time_coef(t.release, 0.001);
        self.fenv = 1.0;
        self.fenv_coef = self.time_coef(t.decay.max(0.02) * 1.5, 0.01);
        self.brightness = on.brightness.clamp(0.1, 8.0);
        self.ic1 = 0.0;
        self.ic2 = 0.0;
        self.k = 2.0 - 2.0 * t.resonance.clamp(0.0, 0.95);
        let amp = on.velocity.clamp(0.0, 1.0) * 10f32.powf(t.gain_db / 20.0) / (n as f32).sqrt();
        let angle = (t.pan.clamp(-1.0, 1.0) + 1.0) * std::f32::consts::FRAC_PI_4;
        self.gain_l = amp * angle.cos();
        self.gain_r = amp * angle.sin();
        self.fade = StealFade::IDLE;
        self.update_control();
    }

    fn update_control(&mut self) {
        let t = &self.timbre;
        let fc = (t.cutoff_hz * self.brightness * (t.env_cutoff * self.fenv).exp2()).clamp(20.0, 0.45 * self.sr);
        self.cutoff = fc;
        let g = (std::f32::consts::PI * fc / self.sr).tan();
        self.a1 = 1.0 / (1.0 + g * (g + self.k));
        self.a2 = g * self.a1;
        self.a3 = g * self.a2;
        if t.vibrato_cents > 0.0 {
            let secs = self.age as f32 / self.sr;
            let depth = t.vibrato_cents * ((secs - 0.25) * 2.0).clamp(0.0, 1.0);
            let lfo = (std::f32::consts::TAU * 5.5 * secs).sin();
            let m = (depth * lfo / 1200.0).exp2();
            for i in 0..3 {
                self.inc[i] = self.base_inc[i] * m;
            }
        }
    }

    /// Adds `left.len()` samples of this voice into the buffers.
    pub fn render(&mut self, left: &mut [f32], right: &mut [f32]) {
        // one monomorphised loop per waveform and oscillator count
        match (self.timbre.wave, self.timbre.unison.clamp(1, 3)) {
            (Wave::Saw, 1) => self.render_with::<0, 1>(left, right),
            (Wave::Saw, 2) => self.render_with::<0, 2>(left, right),
            (Wave::Saw, _) => self.render_with::<0, 3>(left, right),
            (Wave::Square, 1) => self.render_with::<1, 1>(left, right),
            (Wave::Square, 2) => self.render_with::<1, 2>(left, right),
            (Wave::Square, _) => self.render_with::<1, 3>(left, right),
            (Wave::Triangle, 1) => self.render_with::<2, 1>(left, right),
            (Wave::Triangle, 2) => self.render_with::<2, 2>(left, right),
            (Wave::Triangle, _) => self.render_with::<2, 3>(left, right),
            (Wave::Sine, 1) => self.render_with::<3, 1>(left, right),
            (Wave::Sine, 2) => self.render_with::<3, 2>(left, right),
            (Wave::Sine, _) => self.render_with::<3, 3>(left, right),
        }
    }

    #[inline]
    fn render_with<const W: u8, const N: usize>(&mut self, left: &mut [f32], right: &mut [f32]) {
        let n_osc = N;
        let wave = match W {
            0 => Wave::Saw,
            1 => Wave::Square,
            2 => Wave::Triangle,
            _ => Wave::Sine,
        };
        for (l, r) in left.iter_mut().zip(right.iter_mut()) {
            if self.stage == Stage::Off {
                return;
            }
            if self.age.is_multiple_of(CONTROL_HOP) {
                self.update_control();
            }
            self.age = self.age.wrapping_add(1);
            // envelope
            match self.stage {
                Stage::Attack => {
                    self.env += self.att_step;
                    if self.env >= 1.0 {
                        self.env = 1.0;
                        self.stage = Stage::Decay;
                    }
                }
                Stage::Decay => {
                    let s = self.timbre.sustain.clamp(0.0, 1.0);
                    self.env = s + (self.env - s) * self.dec_coef;
                    if s <= 0.0 && self.env < SILENT {
                        self.stage = Stage::Off;
                    }
                }
                Stage::Release => {
                    self.env *= self.rel_coef;
                    if self.env < SILENT {
                        self.stage = Stage::Off;
                    }
                }
                Stage::Off => {}
            }
            if self.gate > 0 {
                self.gate -= 1;
                if self.gate == 0 && self.stage != Stage::Off {
                    self.stage = Stage::Release;
                }
            }
            self.fenv *= self.fenv_coef;
            let fade = self.fade.next().unwrap_or_else(|| {
                self.stage = Stage::Off;
                0.0
            });
            // oscillators
            let mut x = 0.0;
            for i in 0..n_osc.min(3) {
                let p = self.phase[i];
                let dt = self.inc[i];
                x += osc(wave, p, dt);
                let mut q = p + dt;
                if q >= 1.0 {
                    q -= 1.0;
                }
                self.phase[i] = q;
            }
            // filter
            let v3 = x - self.ic2;
            let v1 = self.a1 * self.ic1 + self.a2 * v3;
            let v2 = self.ic2 + self.a2 * self.ic1 + self.a3 * v3;
            self.ic1 = 2.0 * v1 - self.ic1;
            self.ic2 = 2.0 * v2 - self.ic2;
            let y = v2 * self.env * fade;
            *l += y * self.gain_l;
            *r += y * self.gain_r;
        }
    }
}

/// PolyBLEP residual (Välimäki & Huovilainen 2007).
#[inline]
fn blep(t: f32, dt: f32) -> f32 {
    if t < dt {
        let x = t / dt;
        x + x - x * x - 1.0
    } else if t > 1.0 - dt {
        let x = (t - 1.0) / dt;
        x * x + x + x + 1.0
    } else {
        0.0
    }
}

#[inline]
fn osc(wave: Wave, p: f32, dt: f32) -> f32 {
    match wave {
        Wave::Saw => 2.0 * p - 1.0 - blep(p, dt),
        Wave::Square => {
            let naive = if p < 0.5 { 1.0 } else { -1.0 };
            let mut q = p + 0.5;
            if q >= 1.0 {
                q -= 1.0;
            }
            naive + blep(p, dt) - blep(q, dt)
        }
        Wave::Triangle => 1.0 - 4.0 * (p - 0.5).abs(),
        Wave::Sine => (std::f32::consts::TAU * p).sin(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_sounds_releases_and_frees_itself() {
        let mut v = Tonal::new(48_000.0);
        let t = Timbre { release: 0.2, ..Timbre::default() };
        v.start(&NoteOn { note: 60.0, velocity: 1.0, gate: 4800, timbre: t, brightness: 1.0, layer: 0, stinger: false }, 1);
        let mut l = vec![0.0; 48_000];
        let mut r = vec![0.0; 48_000];
        v.render(&mut l, &mut r);
        let peak = l.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        assert!(peak > 0.05, "{peak}");
        assert!(!v.is_active(), "voice must free itself after its release");
        assert!(l[40_000..].iter().all(|&x| x == 0.0));
    }
}
