//! Synthesised percussion: kick, snare, hats, toms and crash, no samples needed.
//!
//! Modelled on the analogue drum machines' circuits as described by Gordon Reid's "Synth
//! Secrets" series (Sound On Sound, 2002: "Synthesizing drums: the bass drum", "... the snare
//! drum", "... cymbals"): a sine with a fast exponential pitch drop for kick and toms, a tone
//! plus band-passed noise for the snare, high-passed noise for hats and crash.
//!
//! Rendered like the tonal voices ([`super::tonal`]): eight voices per chunk in
//! structure-of-arrays lanes, a branch-free per-sample loop (polynomial sine, xorshift noise,
//! Simper SVF with a low-/high-pass blend) that vectorises across voices, and the envelopes
//! (pitch sweep, tone and noise decay, onset ramp, steal fade) moved once per
//! [`FRAME`]-sample control frame of absolute time, as straight lines within a frame.
// `#[inline(always)]` is deliberate here: the voice kernels must be inlined into the caller
// that `simd::Isa::run` compiles for AVX2, or they would run with the baseline instruction set.
#![allow(clippy::inline_always)]

use super::DrumKit;
use super::tonal::{FRAME, FrameAcc, LANES, SILENT};
use super::{decay_coef, pan_into_buses};
use crate::synth::fastmath::{sin_turns, tan_pi};

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
    /// Soft entry ([`super::Pool::set_soft`]): the onset rises as the square of a straight
    /// line (zero slope at the start) instead of the line itself.
    pub curved: bool,
}

type Lanes = [f32; LANES];

/// Control-rate state of one drum voice.
#[derive(Clone, Copy, Debug)]
struct Meta {
    active: bool,
    serial: u64,
    /// Pitch: `f_end + f_sweep * pitch_env`, in cycles per sample.
    f_end: f32,
    f_sweep: f32,
    pitch_env: f32,
    pitch_coef: f32,
    amp: f32,
    amp_coef: f32,
    tone_amp: f32,
    tone_coef: f32,
    tone_mix: f32,
    noise_mix: f32,
    onset: f32,
    onset_step: f32,
    curved: bool,
    fade: f32,
    fade_step: f32,
    ending: bool,
    /// Values at the end of the current frame (where the next frame's lines start).
    inc_end: f32,
    tone_end: f32,
    noise_end: f32,
}

impl Meta {
    const OFF: Self = Self {
        active: false,
        serial: 0,
        f_end: 0.0,
        f_sweep: 0.0,
        pitch_env: 0.0,
        pitch_coef: 0.0,
        amp: 0.0,
        amp_coef: 0.0,
        tone_amp: 0.0,
        tone_coef: 0.0,
        tone_mix: 0.0,
        noise_mix: 0.0,
        onset: 0.0,
        onset_step: 1.0,
        curved: false,
        fade: 1.0,
        fade_step: 0.0,
        ending: false,
        inc_end: 0.0,
        tone_end: 0.0,
        noise_end: 0.0,
    };
}

/// Eight drum voices in structure-of-arrays form.
#[derive(Clone, Debug)]
struct Chunk {
    phase: Lanes,
    inc: Lanes,
    inc_step: Lanes,
    tone: Lanes,
    tone_step: Lanes,
    noise: Lanes,
    noise_step: Lanes,
    rng: [u32; LANES],
    ic1: Lanes,
    ic2: Lanes,
    a1: Lanes,
    a2: Lanes,
    a3: Lanes,
    /// High-pass share (1 high-pass, 0 band-pass) and the `v1` coefficient of the blend.
    hp: Lanes,
    kv1: Lanes,
    bed_l: Lanes,
    bed_r: Lanes,
    st_l: Lanes,
    st_r: Lanes,
    meta: [Meta; LANES],
    active: u8,
}

impl Chunk {
    fn new() -> Self {
        let z = [0.0; LANES];
        Self {
            phase: z,
            inc: z,
            inc_step: z,
            tone: z,
            tone_step: z,
            noise: z,
            noise_step: z,
            rng: [0x1234_5678; LANES],
            ic1: z,
            ic2: z,
            a1: z,
            a2: z,
            a3: z,
            hp: z,
            kv1: z,
            bed_l: z,
            bed_r: z,
            st_l: z,
            st_r: z,
            meta: [Meta::OFF; LANES],
            active: 0,
        }
    }

    fn clear_lane(&mut self, j: usize) {
        for lanes in [
            &mut self.phase,
            &mut self.inc,
            &mut self.inc_step,
            &mut self.tone,
            &mut self.tone_step,
            &mut self.noise,
            &mut self.noise_step,
            &mut self.ic1,
            &mut self.ic2,
            &mut self.a1,
            &mut self.a2,
            &mut self.a3,
            &mut self.hp,
            &mut self.kv1,
            &mut self.bed_l,
            &mut self.bed_r,
            &mut self.st_l,
            &mut self.st_r,
        ] {
            if let Some(x) = lanes.get_mut(j) {
                *x = 0.0;
            }
        }
        if let Some(m) = self.meta.get_mut(j) {
            *m = Meta::OFF;
        }
        self.active &= !(1u8 << j);
    }
}

/// The percussion voices.
#[derive(Clone, Debug)]
pub struct Drums {
    chunks: Vec<Chunk>,
    sr: f32,
}

impl Drums {
    /// Room for `voices` (rounded up to whole chunks). Allocates.
    pub fn new(sr: f32, voices: usize) -> Self {
        Self { chunks: vec![Chunk::new(); voices.div_ceil(LANES).max(1)], sr }
    }

    pub fn reset(&mut self) {
        for c in &mut self.chunks {
            *c = Chunk::new();
        }
    }

    /// Voice slots.
    pub fn capacity(&self) -> usize {
        self.chunks.len() * LANES
    }

    /// Sounding voices (including fading stolen ones).
    pub fn active(&self) -> usize {
        self.chunks.iter().map(|c| c.active.count_ones() as usize).sum()
    }

    /// Sounding voices not being stolen.
    pub fn counting(&self) -> usize {
        self.chunks.iter().flat_map(|c| c.meta.iter()).filter(|m| m.active && m.fade_step == 0.0).count()
    }

    /// Fades the oldest counting voice out over 3 ms; `false` if there is none.
    pub fn steal_oldest(&mut self) -> bool {
        let frames = (0.003 * self.sr / FRAME as f32).max(1.0);
        let oldest =
            self.chunks.iter_mut().flat_map(|c| c.meta.iter_mut()).filter(|m| m.active && m.fade_step == 0.0).min_by_key(|m| m.serial);
        match oldest {
            Some(m) => {
                m.fade_step = 1.0 / frames;
                true
            }
            None => false,
        }
    }

    fn coef(&self, seconds: f32) -> f32 {
        decay_coef(self.sr, seconds, 0.002, 0.001).powf(FRAME as f32)
    }

    /// Triggers a hit in the lowest free lane; `false` if every lane is busy.
    pub fn start(&mut self, hit: &Hit, kit: &DrumKit, serial: u64, stinger: bool) -> bool {
        let Hit { kind, velocity, pan, noise_seed, onset_s, curved } = *hit;
        let sr = self.sr;
        let (f_end, sweep, pitch_t, decay, tone_t, tone_mix, noise_mix) = match kind {
            DrumKind::Kick => (kit.kick_hz, kit.kick_hz * 2.5, 0.035, kit.kick_decay, kit.kick_decay, 1.0, 0.04),
            DrumKind::Snare => (kit.snare_hz, kit.snare_hz * 0.5, 0.02, kit.snare_decay, 0.09, 0.45, 0.8),
            DrumKind::ClosedHat => (0.0, 0.0, 0.01, kit.hat_decay, 0.01, 0.0, 0.5),
            DrumKind::OpenHat => (0.0, 0.0, 0.01, kit.hat_decay * 5.0, 0.01, 0.0, 0.45),
            DrumKind::LowTom => (kit.tom_hz, kit.tom_hz * 0.8, 0.06, 0.35, 0.35, 0.9, 0.1),
            DrumKind::HighTom => (kit.tom_hz * 1.5, kit.tom_hz * 1.2, 0.05, 0.28, 0.28, 0.9, 0.1),
            DrumKind::Crash => (0.0, 0.0, 0.01, kit.crash_decay, 0.01, 0.0, 0.42),
        };
        let (pitch_coef, amp_coef, tone_coef) = (self.coef(pitch_t), self.coef(decay), self.coef(tone_t));
        let (hz, q, highpass) = match kind {
            DrumKind::Snare => (kit.snare_noise_hz, 0.9, false),
            DrumKind::ClosedHat | DrumKind::OpenHat => (kit.hat_hz, 0.8, true),
            DrumKind::Crash => (kit.hat_hz * 0.6, 0.6, true),
            _ => (3000.0, 0.7, false),
        };
        let Some(ch) = self.chunks.iter_mut().find(|c| c.active != u8::MAX) else { return false };
        let j = ch.active.trailing_ones() as usize;
        if j >= LANES {
            return false;
        }
        ch.clear_lane(j);
        let g = tan_pi(hz.min(0.45 * sr) / sr);
        let k = 1.0 / f32::max(q, 0.3);
        let a1 = 1.0 / (1.0 + g * (g + k));
        ch.a1[j] = a1;
        ch.a2[j] = g * a1;
        ch.a3[j] = g * g * a1;
        let hp = if highpass { 1.0 } else { 0.0 };
        ch.hp[j] = hp;
        ch.kv1[j] = (1.0 - hp) * k - hp * k;
        ch.rng[j] = if noise_seed == 0 { 0x1234_5678 } else { noise_seed };
        let amp = velocity.clamp(0.0, 1.0) * 10f32.powf(kit.gain_db / 20.0);
        let angle = (pan.clamp(-1.0, 1.0) + 1.0) * std::f32::consts::FRAC_PI_4;
        let (gl, gr) = (amp * angle.cos(), amp * angle.sin());
        if stinger {
            ch.st_l[j] = gl;
            ch.st_r[j] = gr;
        } else {
            ch.bed_l[j] = gl;
            ch.bed_r[j] = gr;
        }
        let inc = (f_end + sweep) / sr;
        ch.inc[j] = inc;
        if let Some(m) = ch.meta.get_mut(j) {
            *m = Meta {
                active: true,
                serial,
                f_end: f_end / sr,
                f_sweep: sweep / sr,
                pitch_env: 1.0,
                pitch_coef,
                amp: 1.0,
                amp_coef,
                tone_amp: 1.0,
                tone_coef,
                tone_mix,
                noise_mix,
                onset: 0.0,
                onset_step: FRAME as f32 / (onset_s * sr).max(1.0),
                curved,
                fade: 1.0,
                fade_step: 0.0,
                ending: false,
                inc_end: inc,
                tone_end: 0.0,
                noise_end: 0.0,
            };
        }
        ch.active |= 1 << j;
        true
    }

    /// Runs the control frame that starts now.
    #[inline(always)]
    pub fn control(&mut self) {
        let frame = FRAME as f32;
        for ch in self.chunks.iter_mut().filter(|c| c.active != 0) {
            for j in 0..LANES {
                if ch.active & (1 << j) == 0 {
                    continue;
                }
                let Some(m) = ch.meta.get_mut(j) else { continue };
                if m.ending {
                    ch.clear_lane(j);
                    continue;
                }
                // this frame's lines start where the last one ended, exactly
                let (inc0, tone0, noise0) = (m.inc_end, m.tone_end, m.noise_end);
                m.pitch_env *= m.pitch_coef;
                m.amp *= m.amp_coef;
                m.tone_amp *= m.tone_coef;
                m.onset = (m.onset + m.onset_step).min(1.0);
                if m.fade_step > 0.0 {
                    m.fade = (m.fade - m.fade_step).max(0.0);
                }
                m.ending = m.amp < SILENT || m.fade <= 0.0;
                let onset = if m.curved { m.onset * m.onset } else { m.onset };
                let level = if m.ending { 0.0 } else { m.amp * onset * m.fade };
                m.inc_end = m.f_end + m.f_sweep * m.pitch_env;
                m.tone_end = m.tone_mix * m.tone_amp * level;
                m.noise_end = m.noise_mix * level;
                ch.inc[j] = inc0;
                ch.inc_step[j] = (m.inc_end - inc0) / frame;
                ch.tone[j] = tone0;
                ch.tone_step[j] = (m.tone_end - tone0) / frame;
                ch.noise[j] = noise0;
                ch.noise_step[j] = (m.noise_end - noise0) / frame;
            }
        }
    }

    /// Adds `len` (≤ [`FRAME`]) samples of every drum voice into `acc[..][..len]`.
    #[inline(always)]
    pub fn render(&mut self, acc: &mut FrameAcc, len: usize) {
        for ch in self.chunks.iter_mut().filter(|c| c.active != 0) {
            render_chunk(ch, acc, len);
        }
    }
}

#[inline(always)]
fn render_chunk(ch: &mut Chunk, acc: &mut FrameAcc, len: usize) {
    let len = len.min(FRAME);
    let mut y = [[0.0f32; LANES]; FRAME];
    let (mut phase, mut inc, mut tone, mut noise, mut rng) = (ch.phase, ch.inc, ch.tone, ch.noise, ch.rng);
    let (mut ic1, mut ic2) = (ch.ic1, ch.ic2);
    let (inc_step, tone_step, noise_step) = (ch.inc_step, ch.tone_step, ch.noise_step);
    let (a1, a2, a3, hp, kv1) = (ch.a1, ch.a2, ch.a3, ch.hp, ch.kv1);
    for yk in y.iter_mut().take(len) {
        for j in 0..LANES {
            inc[j] += inc_step[j];
            let p = phase[j] + inc[j];
            phase[j] = if p >= 1.0 { p - 1.0 } else { p };
            let t = sin_turns(phase[j]);
            // xorshift32 (Marsaglia 2003)
            let mut x = rng[j];
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            rng[j] = x;
            let n = ((x >> 8) as i32) as f32 * (2.0 / 16_777_216.0) - 1.0;
            let v3 = n - ic2[j];
            let v1 = a1[j] * ic1[j] + a2[j] * v3;
            let v2 = ic2[j] + a2[j] * ic1[j] + a3[j] * v3;
            ic1[j] = 2.0 * v1 - ic1[j];
            ic2[j] = 2.0 * v2 - ic2[j];
            let filtered = hp[j] * (n - v2) + kv1[j] * v1;
            tone[j] += tone_step[j];
            noise[j] += noise_step[j];
            yk[j] = tone[j] * t + noise[j] * filtered;
        }
    }
    ch.phase = phase;
    ch.inc = inc;
    ch.tone = tone;
    ch.noise = noise;
    ch.rng = rng;
    ch.ic1 = ic1;
    ch.ic2 = ic2;
    pan_into_buses(acc, &y, [ch.bed_l, ch.bed_r, ch.st_l, ch.st_r], len);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_drum_sounds_decays_and_frees_its_lane() {
        let kit = DrumKit::default();
        for kind in
            [DrumKind::Kick, DrumKind::Snare, DrumKind::ClosedHat, DrumKind::OpenHat, DrumKind::LowTom, DrumKind::HighTom, DrumKind::Crash]
        {
            let mut d = Drums::new(48_000.0, 8);
            assert!(d.start(&Hit { kind, velocity: 1.0, pan: 0.0, noise_seed: 9, onset_s: 0.001, curved: false }, &kit, 1, false));
            let mut out = Vec::new();
            for _ in 0..(8 * 48_000 / FRAME) {
                d.control();
                let mut acc: FrameAcc = [[[0.0; LANES]; FRAME]; 4];
                d.render(&mut acc, FRAME);
                out.extend(acc[0].iter().map(|l| l.iter().sum::<f32>()));
            }
            let peak = out.iter().fold(0.0f32, |m, x| m.max(x.abs()));
            assert!(peak > 0.05, "{kind:?}: {peak}");
            assert!(out.iter().all(|x| x.is_finite()));
            // the 1 ms onset ramp: the first sample is at most an eighth of the way up
            assert!(out[0].abs() < 0.25 * peak, "{kind:?} must start from silence (onset ramp): {} of {peak}", out[0]);
            assert_eq!(d.active(), 0, "{kind:?} must free its lane");
        }
    }
}
