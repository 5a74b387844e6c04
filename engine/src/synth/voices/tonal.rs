//! Subtractive synthesiser voices: up to three detuned band-limited oscillators, an ADSR, a
//! resonant low-pass with its own envelope, vibrato and equal-power panning — rendered eight
//! voices at a time.
//!
//! ## Layout
//! Voices live in lanes of [`Chunk`]s: structure-of-arrays state for [`LANES`] voices that
//! share a waveform (one [`Bank`] of chunks per waveform, so the audio loop never branches on
//! the waveform). The audio loop runs per sample over the lanes with no branches (selects
//! only) and no transcendental calls, so it vectorises across voices; chunks with no sounding
//! voice are skipped.
//!
//! ## Control rate
//! Everything that needs `exp2`, `tan` or `sin` — the envelope's segment, filter coefficients,
//! vibrato — is computed once per [`FRAME`] samples, at frame boundaries counted in absolute
//! generator time (every note-on falls on one: sequencer steps are whole multiples of 8
//! samples), with the fast approximations of [`crate::synth::fastmath`]. Between two frame
//! boundaries the amplitude moves on a straight line to the envelope's value at the end of
//! the frame (the exponential decay sampled every 8 samples, 0.17 ms at 48 kHz). The output
//! depends only on absolute time, never on how the host splits blocks: a frame split across
//! two `process()` calls continues with the same per-sample arithmetic.
//!
//! Sources: PolyBLEP anti-aliasing (Välimäki & Huovilainen, "Antialiasing oscillators in
//! subtractive synthesis", IEEE Signal Processing Magazine 24(2), 2007); the filter is
//! Andrew Simper's linear trapezoidal state-variable filter ("Linear trapezoidal integrated
//! SVF", Cytomic technical paper, 2013).
//!
//! Length: the oscillator, filter, envelope and voice types are one signal path whose inner
//! loop is read as a whole when checking its cost per sample.
// `#[inline(always)]` is deliberate here: the voice kernels must be inlined into the caller
// that `simd::Isa::run` compiles for AVX2, or they would run with the baseline instruction set.
#![allow(clippy::inline_always)]

use super::{Timbre, Wave, decay_coef, pan_into_buses};
use crate::synth::fastmath::{exp2, fract, sin_turns, tan_pi};
use crate::synth::theory::midi_hz;

/// Voices per chunk (the width the audio loop is written for: two SSE or one AVX register).
pub const LANES: usize = 8;
/// Samples per control frame. Frames start at multiples of `FRAME` samples of generator time.
pub const FRAME: usize = 8;
/// A voice is freed once its envelope falls below this (-80 dB re its peak; tails above
/// -60 dBFS are never cut).
pub const SILENT: f32 = 1e-4;
/// Frames between two updates of the filter coefficients and vibrato (32 samples: a 1.5 kHz
/// control rate at 48 kHz).
pub const FILTER_FRAMES: u64 = 4;
/// Vibrato rate, Hz.
const VIBRATO_HZ: f32 = 5.5;
/// Seconds before the vibrato starts fading in (over the next 0.5 s).
const VIBRATO_DELAY_S: f32 = 0.25;

type Lanes = [f32; LANES];

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

/// Control-rate state of one voice (scalar, branchy, once per frame).
#[derive(Clone, Copy, Debug)]
struct Meta {
    stage: Stage,
    layer: u8,
    stinger: bool,
    note: f32,
    serial: u64,
    /// Samples until release (counted down a frame at a time).
    gate: u32,
    unison: u8,
    /// Envelope at the end of the current frame.
    env: f32,
    /// Amplitude (envelope x steal fade) at the end of the current frame.
    target: f32,
    /// Attack progress in `0..1` (linear); the envelope is this, or its square for a soft
    /// entry.
    ramp: f32,
    /// Soft entry ([`super::Pool::set_soft`]): the attack rises as `ramp²`, starting with
    /// zero slope, so its first milliseconds add far less than a straight line would.
    curved: bool,
    /// Per-frame envelope movement: attack increment, decay/release multipliers.
    att: f32,
    dec: f32,
    rel: f32,
    sustain: f32,
    /// Steal fade: gain and per-frame decrement (0 = not fading).
    fade: f32,
    fade_step: f32,
    /// The amplitude reaches 0 at the end of the current frame; the lane is freed at the next
    /// frame boundary.
    ending: bool,
}

impl Meta {
    const OFF: Self = Self {
        stage: Stage::Off,
        layer: 0,
        stinger: false,
        note: 0.0,
        serial: 0,
        gate: 0,
        unison: 1,
        env: 0.0,
        target: 0.0,
        ramp: 0.0,
        curved: false,
        att: 1.0,
        dec: 0.0,
        rel: 0.0,
        sustain: 0.0,
        fade: 1.0,
        fade_step: 0.0,
        ending: false,
    };
}

/// Structure-of-arrays state of [`LANES`] voices of one waveform.
#[derive(Clone, Debug)]
struct Chunk {
    // audio rate
    phase: [Lanes; 3],
    inc: [Lanes; 3],
    inv_inc: [Lanes; 3],
    /// 1 for the voice's oscillators, 0 for unused unison slots.
    osc_on: [Lanes; 3],
    amp: Lanes,
    amp_step: Lanes,
    ic1: Lanes,
    ic2: Lanes,
    a1: Lanes,
    a2: Lanes,
    a3: Lanes,
    /// Pan gains into the bed (`bed_*`) or the stinger bus (`st_*`); the other pair is 0.
    bed_l: Lanes,
    bed_r: Lanes,
    st_l: Lanes,
    st_r: Lanes,
    // control rate
    base_inc: [Lanes; 3],
    /// Cutoff at rest (Hz, with the note's brightness), envelope depth (octaves), damping
    /// `k = 2 - 2 resonance`, vibrato depth (cents).
    cutoff: Lanes,
    env_oct: Lanes,
    /// The filter envelope is `2^(fenv_rate * age_s)`.
    fenv_rate: Lanes,
    k: Lanes,
    vib_cents: Lanes,
    /// Seconds since note-on (advanced a frame at a time).
    age_s: Lanes,
    meta: [Meta; LANES],
    /// A note started since the last filter update: update at the next frame.
    dirty: bool,
    /// Bit `j` set: lane `j` sounds.
    active: u8,
    /// Highest unison among the sounding lanes (oscillators the audio loop runs).
    unison: u8,
}

impl Chunk {
    fn new() -> Self {
        let z = [0.0; LANES];
        // a harmless increment for silent lanes keeps the PolyBLEP arithmetic finite
        let idle_inc = [0.01; LANES];
        Self {
            phase: [z; 3],
            inc: [idle_inc; 3],
            inv_inc: [[100.0; LANES]; 3],
            osc_on: [z; 3],
            amp: z,
            amp_step: z,
            ic1: z,
            ic2: z,
            a1: z,
            a2: z,
            a3: z,
            bed_l: z,
            bed_r: z,
            st_l: z,
            st_r: z,
            base_inc: [idle_inc; 3],
            cutoff: [1000.0; LANES],
            env_oct: z,
            fenv_rate: z,
            k: [2.0; LANES],
            vib_cents: z,
            age_s: z,
            meta: [Meta::OFF; LANES],
            dirty: false,
            active: 0,
            unison: 1,
        }
    }

    /// Silences lane `j` at once and makes its state harmless.
    fn clear_lane(&mut self, j: usize) {
        let fresh = Self::new();
        macro_rules! copy {
            ($($f:ident),*) => { $( self.$f[j] = fresh.$f[j]; )* };
        }
        copy!(amp, amp_step, ic1, ic2, a1, a2, a3, bed_l, bed_r, st_l, st_r, cutoff, env_oct, fenv_rate, k, vib_cents, age_s);
        for o in 0..3 {
            self.phase[o][j] = fresh.phase[o][j];
            self.inc[o][j] = fresh.inc[o][j];
            self.inv_inc[o][j] = fresh.inv_inc[o][j];
            self.osc_on[o][j] = fresh.osc_on[o][j];
            self.base_inc[o][j] = fresh.base_inc[o][j];
        }
        if let Some(m) = self.meta.get_mut(j) {
            *m = Meta::OFF;
        }
        self.active &= !(1u8 << j);
    }
}

/// Per-frame constants derived from the sample rate.
#[derive(Clone, Copy, Debug)]
struct Rates {
    sr: f32,
    frame_s: f32,
}

/// Where a voice lives: bank (waveform), chunk, lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VoiceId {
    bank: usize,
    chunk: usize,
    lane: usize,
}

/// Accumulators of one control frame: `[bed_l, bed_r, st_l, st_r][sample][lane]`.
pub type FrameAcc = [[Lanes; FRAME]; 4];

/// All tonal voices: one bank of chunks per waveform.
#[derive(Clone, Debug)]
pub struct Voices {
    banks: [Vec<Chunk>; 4],
    rates: Rates,
}

/// A voice as the pool's stealing policy sees it.
#[derive(Clone, Copy, Debug)]
pub struct VoiceView {
    pub id: VoiceId,
    pub layer: u8,
    pub stinger: bool,
    pub note: f32,
    pub serial: u64,
    pub releasing: bool,
    /// Sounding and not being stolen (counts against the polyphony limit).
    pub counts: bool,
    /// Amplitude (envelope x steal fade) at the end of the current frame.
    pub level: f32,
}

fn bank_of(wave: Wave) -> usize {
    match wave {
        Wave::Saw => 0,
        Wave::Square => 1,
        Wave::Triangle => 2,
        Wave::Sine => 3,
    }
}

impl Voices {
    /// Room for `capacity` voices of any one waveform. Allocates.
    pub fn new(sr: f32, capacity: usize) -> Self {
        let chunks = capacity.div_ceil(LANES).max(1);
        let mk = || vec![Chunk::new(); chunks];
        let frame_s = FRAME as f32 / sr;
        Self { banks: [mk(), mk(), mk(), mk()], rates: Rates { sr, frame_s } }
    }

    /// Silences every voice.
    pub fn reset(&mut self) {
        for c in self.banks.iter_mut().flatten() {
            *c = Chunk::new();
        }
    }

    /// Every voice that sounds (stage not off).
    pub fn views(&self) -> impl Iterator<Item = VoiceView> + '_ {
        self.banks.iter().enumerate().flat_map(|(b, chunks)| {
            chunks.iter().enumerate().flat_map(move |(c, ch)| {
                ch.meta.iter().enumerate().filter(|(_, m)| m.stage != Stage::Off).map(move |(j, m)| VoiceView {
                    id: VoiceId { bank: b, chunk: c, lane: j },
                    layer: m.layer,
                    stinger: m.stinger,
                    note: m.note,
                    serial: m.serial,
                    releasing: m.stage == Stage::Release,
                    counts: m.fade_step == 0.0,
                    level: m.target,
                })
            })
        })
    }

    /// Number of sounding voices (including fading stolen ones).
    pub fn active(&self) -> usize {
        self.banks.iter().flatten().map(|c| c.active.count_ones() as usize).sum()
    }

    fn meta_mut(&mut self, id: VoiceId) -> Option<&mut Meta> {
        self.banks.get_mut(id.bank)?.get_mut(id.chunk)?.meta.get_mut(id.lane)
    }

    /// Fades a voice out over 5 ms (voice stealing: no click).
    pub fn steal(&mut self, id: VoiceId) {
        let frames = (0.005 / self.rates.frame_s).max(1.0);
        if let Some(m) = self.meta_mut(id)
            && m.fade_step == 0.0
        {
            m.fade_step = 1.0 / frames;
        }
    }

    /// Moves the note-off of a held voice to at least `gate` samples from now.
    pub fn extend(&mut self, id: VoiceId, gate: u32) {
        if let Some(m) = self.meta_mut(id)
            && matches!(m.stage, Stage::Attack | Stage::Decay)
        {
            m.gate = m.gate.max(gate);
        }
    }

    /// Releases (from the next frame) every held voice for which `pick(stinger, layer, note)`
    /// is true.
    pub fn release_matching(&mut self, pick: impl Fn(bool, u8, f32) -> bool) {
        for m in self.banks.iter_mut().flatten().flat_map(|c| c.meta.iter_mut()) {
            if matches!(m.stage, Stage::Attack | Stage::Decay) && pick(m.stinger, m.layer, m.note) {
                m.stage = Stage::Release;
            }
        }
    }

    /// Starts a note in the lowest free lane of its waveform's bank; `false` if the bank is
    /// full. `curved`: a soft entry, whose attack rises as the square of a straight line.
    pub fn start(&mut self, on: &NoteOn, serial: u64, curved: bool) -> bool {
        let rates = self.rates;
        let t = on.timbre;
        let Some(bank) = self.banks.get_mut(bank_of(t.wave)) else { return false };
        let Some(ch) = bank.iter_mut().find(|c| c.active != u8::MAX) else { return false };
        let j = ch.active.trailing_ones() as usize;
        if j >= LANES {
            return false;
        }
        ch.clear_lane(j);
        let sr = rates.sr;
        let note = on.note + 12.0 * f32::from(t.octave);
        let hz = midi_hz(note);
        let n = usize::from(t.unison.clamp(1, 3));
        let spread = [0.0, 1.0, -1.0];
        for o in 0..3 {
            // unused unison slots run at the first oscillator's pitch, silenced by `osc_on`
            let cents = if o < n { spread[o] * t.detune_cents } else { 0.0 };
            let inc = (hz * (cents / 1200.0).exp2() / sr).clamp(1e-6, 0.45);
            ch.base_inc[o][j] = inc;
            ch.inc[o][j] = inc;
            ch.inv_inc[o][j] = 1.0 / inc;
            ch.osc_on[o][j] = if o < n { 1.0 } else { 0.0 };
            // deterministic, decorrelated start phases
            ch.phase[o][j] = [0.0, 0.33, 0.67][o];
        }
        let amp = on.velocity.clamp(0.0, 1.0) * 10f32.powf(t.gain_db / 20.0) / (n as f32).sqrt();
        let angle = (t.pan.clamp(-1.0, 1.0) + 1.0) * std::f32::consts::FRAC_PI_4;
        let (gl, gr) = (amp * angle.cos(), amp * angle.sin());
        if on.stinger {
            ch.st_l[j] = gl;
            ch.st_r[j] = gr;
        } else {
            ch.bed_l[j] = gl;
            ch.bed_r[j] = gr;
        }
        let frame = FRAME as f32;
        ch.cutoff[j] = t.cutoff_hz * on.brightness.clamp(0.1, 8.0);
        ch.env_oct[j] = t.env_cutoff;
        // falls to 1 % over 1.5x the decay time
        ch.fenv_rate[j] = 0.01f32.log2() / (t.decay.max(0.02) * 1.5);
        ch.k[j] = 2.0 - 2.0 * t.resonance.clamp(0.0, 0.95);
        ch.vib_cents[j] = t.vibrato_cents;
        if let Some(m) = ch.meta.get_mut(j) {
            *m = Meta {
                stage: Stage::Attack,
                layer: on.layer,
                stinger: on.stinger,
                note: on.note,
                serial,
                gate: on.gate.max(1),
                unison: n as u8,
                env: 0.0,
                target: 0.0,
                ramp: 0.0,
                curved,
                att: frame / (t.attack.max(0.0005) * sr),
                dec: decay_coef(sr, t.decay, 0.001, 0.001).powf(frame),
                rel: decay_coef(sr, t.release, 0.001, 0.001).powf(frame),
                sustain: t.sustain.clamp(0.0, 1.0),
                fade: 1.0,
                fade_step: 0.0,
                ending: false,
            };
        }
        ch.active |= 1 << j;
        ch.dirty = true;
        true
    }

    /// Runs the control frame that starts now (frame `frame` of generator time, i.e. samples
    /// `frame * FRAME ..`): envelopes every frame; filter coefficients and vibrato every
    /// [`FILTER_FRAMES`] frames, and at once for a chunk where a note just started.
    #[inline(always)]
    pub fn control(&mut self, frame: u64) {
        let rates = self.rates;
        let full = frame.is_multiple_of(FILTER_FRAMES);
        for ch in self.banks.iter_mut().flatten() {
            if ch.active != 0 {
                if full || ch.dirty {
                    update_filters(ch, rates);
                    ch.dirty = false;
                }
                envelopes(ch, rates);
            }
        }
    }

    /// Adds `len` (≤ [`FRAME`]) samples of every voice into `acc[..][..len]`.
    #[inline(always)]
    pub fn render(&mut self, acc: &mut FrameAcc, len: usize) {
        let len = len.min(FRAME);
        for (b, bank) in self.banks.iter_mut().enumerate() {
            for ch in bank.iter_mut().filter(|c| c.active != 0) {
                match (b, ch.unison) {
                    (0, 1) => render_chunk::<0, 1>(ch, acc, len),
                    (0, 2) => render_chunk::<0, 2>(ch, acc, len),
                    (0, _) => render_chunk::<0, 3>(ch, acc, len),
                    (1, 1) => render_chunk::<1, 1>(ch, acc, len),
                    (1, 2) => render_chunk::<1, 2>(ch, acc, len),
                    (1, _) => render_chunk::<1, 3>(ch, acc, len),
                    (2, 1) => render_chunk::<2, 1>(ch, acc, len),
                    (2, 2) => render_chunk::<2, 2>(ch, acc, len),
                    (2, _) => render_chunk::<2, 3>(ch, acc, len),
                    (_, 1) => render_chunk::<3, 1>(ch, acc, len),
                    (_, 2) => render_chunk::<3, 2>(ch, acc, len),
                    (_, _) => render_chunk::<3, 3>(ch, acc, len),
                }
            }
        }
    }
}

/// One control frame of a chunk's envelopes: the amplitude's straight line to the
/// envelope's value at the end of the frame, stage changes, gates, steal fades, freeing.
#[inline(always)]
fn envelopes(ch: &mut Chunk, rates: Rates) {
    let frame = FRAME as f32;
    let mut unison = 1;
    for j in 0..LANES {
        if ch.active & (1 << j) == 0 {
            continue;
        }
        let Some(m) = ch.meta.get_mut(j) else { continue };
        if m.ending {
            ch.clear_lane(j);
            continue;
        }
        unison = unison.max(m.unison);
        let start = m.target;
        let env = match m.stage {
            Stage::Attack => {
                let r = m.ramp + m.att;
                if r >= 1.0 {
                    m.stage = Stage::Decay;
                    1.0
                } else {
                    m.ramp = r;
                    if m.curved { r * r } else { r }
                }
            }
            Stage::Decay => {
                let e = m.sustain + (m.env - m.sustain) * m.dec;
                if m.sustain <= 0.0 && e < SILENT {
                    m.ending = true;
                }
                e
            }
            Stage::Release => {
                let e = m.env * m.rel;
                if e < SILENT {
                    m.ending = true;
                }
                e
            }
            Stage::Off => 0.0,
        };
        m.env = env;
        if m.fade_step > 0.0 {
            m.fade = (m.fade - m.fade_step).max(0.0);
            if m.fade <= 0.0 {
                m.ending = true;
            }
        }
        if m.gate > 0 {
            m.gate = m.gate.saturating_sub(FRAME as u32);
            if m.gate == 0 && matches!(m.stage, Stage::Attack | Stage::Decay) {
                m.stage = Stage::Release;
            }
        }
        m.target = if m.ending { 0.0 } else { env * m.fade };
        ch.amp[j] = start;
        ch.amp_step[j] = (m.target - start) / frame;
        ch.age_s[j] += rates.frame_s;
    }
    ch.unison = unison;
}

/// Filter coefficients and vibrato of every lane, from each voice's age alone (so it can run
/// at any frame): branch-free over the lanes, so it vectorises.
#[inline(always)]
fn update_filters(ch: &mut Chunk, rates: Rates) {
    let inv_sr = 1.0 / rates.sr;
    for j in 0..LANES {
        let age = ch.age_s[j];
        let fenv = exp2(ch.fenv_rate[j] * age);
        let fc = (ch.cutoff[j] * exp2(ch.env_oct[j] * fenv) * inv_sr).clamp(20.0 * inv_sr, 0.45);
        let g = tan_pi(fc);
        let a1 = 1.0 / (1.0 + g * (g + ch.k[j]));
        ch.a1[j] = a1;
        ch.a2[j] = g * a1;
        ch.a3[j] = g * g * a1;
        let fade_in = ((age - VIBRATO_DELAY_S) * 2.0).clamp(0.0, 1.0);
        let m = exp2(ch.vib_cents[j] * fade_in * sin_turns(fract(VIBRATO_HZ * age)) * (1.0 / 1200.0));
        for o in 0..3 {
            let inc = ch.base_inc[o][j] * m;
            ch.inc[o][j] = inc;
            ch.inv_inc[o][j] = 1.0 / inc;
        }
    }
}

/// PolyBLEP sawtooth in `[-1, 1]` at phase `p` with increment `dt` (`inv = 1 / dt`).
#[inline(always)]
fn saw(p: f32, dt: f32, inv: f32) -> f32 {
    let x1 = p * inv;
    let r1 = x1 + x1 - x1 * x1 - 1.0;
    let x2 = (p - 1.0) * inv;
    let r2 = x2 * x2 + x2 + x2 + 1.0;
    let hi = if p > 1.0 - dt { r2 } else { 0.0 };
    let blep = if p < dt { r1 } else { hi };
    2.0 * p - 1.0 - blep
}

/// One sample of waveform `W` (0 saw, 1 square, 2 triangle, 3 sine).
#[inline(always)]
fn osc<const W: u8>(p: f32, dt: f32, inv: f32) -> f32 {
    match W {
        0 => saw(p, dt, inv),
        1 => {
            // square = saw(p + 1/2) - saw(p): naive +1 / -1 plus the two edges' residuals
            let q = p + 0.5;
            let q = if q >= 1.0 { q - 1.0 } else { q };
            saw(q, dt, inv) - saw(p, dt, inv)
        }
        2 => 1.0 - 4.0 * (p - 0.5).abs(),
        _ => sin_turns(p),
    }
}

/// Adds `len` samples of the chunk's voices, `N` oscillators each. Three passes over the
/// frame (oscillators, filter and amplitude, pan into the buses), each with few enough live
/// values to stay in registers.
#[inline(always)]
fn render_chunk<const W: u8, const N: usize>(ch: &mut Chunk, acc: &mut FrameAcc, len: usize) {
    let len = len.min(FRAME);
    // 1. oscillators
    let mut x = [[0.0f32; LANES]; FRAME];
    for o in 0..N.min(3) {
        let mut ph = ch.phase[o];
        let (inc, inv, on) = (ch.inc[o], ch.inv_inc[o], ch.osc_on[o]);
        for xk in x.iter_mut().take(len) {
            for j in 0..LANES {
                let p = ph[j];
                let v = osc::<W>(p, inc[j], inv[j]);
                xk[j] += if o == 0 { v } else { on[j] * v };
                let q = p + inc[j];
                ph[j] = if q >= 1.0 { q - 1.0 } else { q };
            }
        }
        ch.phase[o] = ph;
    }
    // 2. filter and amplitude
    let (mut amp, mut ic1, mut ic2) = (ch.amp, ch.ic1, ch.ic2);
    let (a1, a2, a3, step) = (ch.a1, ch.a2, ch.a3, ch.amp_step);
    for xk in x.iter_mut().take(len) {
        for j in 0..LANES {
            let v3 = xk[j] - ic2[j];
            let v1 = a1[j] * ic1[j] + a2[j] * v3;
            let v2 = ic2[j] + a2[j] * ic1[j] + a3[j] * v3;
            ic1[j] = 2.0 * v1 - ic1[j];
            ic2[j] = 2.0 * v2 - ic2[j];
            amp[j] += step[j];
            xk[j] = v2 * amp[j];
        }
    }
    ch.amp = amp;
    ch.ic1 = ic1;
    ch.ic2 = ic2;
    // 3. pan into the buses
    pan_into_buses(acc, &x, [ch.bed_l, ch.bed_r, ch.st_l, ch.st_r], len);
}

/// Sums the lanes of `acc[bus][..len]` into the output slices (added).
pub fn mix_down(acc: &FrameAcc, len: usize, out: [&mut [f32]; 4]) {
    for (bus, o) in acc.iter().zip(out) {
        for (x, lanes) in o.iter_mut().zip(bus.iter()).take(len) {
            // a fixed pairwise order (deterministic)
            let a = (lanes[0] + lanes[4]) + (lanes[2] + lanes[6]);
            let b = (lanes[1] + lanes[5]) + (lanes[3] + lanes[7]);
            *x += a + b;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(v: &mut Voices, n: usize) -> (Vec<f32>, Vec<f32>) {
        let mut l = vec![0.0; n];
        let mut st = vec![0.0; n];
        let mut acc: FrameAcc = [[[0.0; LANES]; FRAME]; 4];
        let mut pos = 0;
        while pos < n {
            let len = FRAME.min(n - pos);
            v.control((pos / FRAME) as u64);
            acc = [[[0.0; LANES]; FRAME]; 4];
            v.render(&mut acc, len);
            let mut r = vec![0.0; len];
            let mut sr = vec![0.0; len];
            let (a, b) = (&mut l[pos..pos + len], &mut st[pos..pos + len]);
            mix_down(&acc, len, [a, &mut r, b, &mut sr]);
            pos += len;
        }
        let _ = acc;
        (l, st)
    }

    #[test]
    fn note_sounds_releases_and_frees_itself() {
        for wave in [Wave::Saw, Wave::Square, Wave::Triangle, Wave::Sine] {
            let mut v = Voices::new(48_000.0, 8);
            let t = Timbre { release: 0.2, wave, unison: 3, detune_cents: 10.0, vibrato_cents: 10.0, ..Timbre::default() };
            let on = NoteOn { note: 60.0, velocity: 1.0, gate: 4800, timbre: t, brightness: 1.0, layer: 0, stinger: false };
            assert!(v.start(&on, 1, false));
            assert_eq!(v.active(), 1);
            let (l, st) = render(&mut v, 48_000);
            let peak = l.iter().fold(0.0f32, |m, x| m.max(x.abs()));
            assert!(peak > 0.05, "{wave:?}: {peak}");
            assert!(l.iter().all(|x| x.is_finite()));
            assert!(st.iter().all(|&x| x == 0.0), "a bed voice must not reach the stinger bus");
            assert_eq!(v.active(), 0, "{wave:?}: voice must free itself after its release");
            assert!(l[40_000..].iter().all(|&x| x == 0.0));
        }
    }

    #[test]
    fn polyblep_saw_has_the_pitch_and_no_dc() {
        let mut v = Voices::new(48_000.0, 8);
        let t = Timbre { attack: 0.0, sustain: 1.0, cutoff_hz: 18_000.0, env_cutoff: 0.0, ..Timbre::default() };
        v.start(&NoteOn { note: 69.0, velocity: 1.0, gate: 48_000, timbre: t, brightness: 1.0, layer: 0, stinger: false }, 1, false);
        let (l, _) = render(&mut v, 24_000);
        let s = &l[4_800..24_000];
        let mean = s.iter().sum::<f32>() / s.len() as f32;
        let crossings = s.windows(2).filter(|w| w[0] < mean && w[1] >= mean).count();
        // 440 Hz over 0.4 s
        assert!((crossings as i32 - 176).abs() <= 2, "{crossings}");
        let peak = s.iter().fold(0.0f32, |m, x| m.max((x - mean).abs()));
        assert!(mean.abs() < 0.05 * peak, "mean {mean} peak {peak}");
    }
}
