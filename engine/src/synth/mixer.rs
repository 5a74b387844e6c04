//! The music bus before the output stage: bed ducking under stingers, stinger bus and a
//! stereo reverb shared by both.
//!
//! The reverb is a reduced Freeverb (Jezar at Dreampoint, 2000, public domain; described in
//! J. O. Smith, *Physical Audio Signal Processing*, "Freeverb"): four damped feedback combs
//! and two Schroeder all-passes per channel, delay lengths scaled from the 44.1 kHz tunings.

/// A damped feedback comb filter.
#[derive(Debug, Clone)]
struct Comb {
    buf: Vec<f32>,
    pos: usize,
    store: f32,
}

impl Comb {
    fn new(len: usize) -> Self {
        Self { buf: vec![0.0; len.max(1)], pos: 0, store: 0.0 }
    }

    #[inline]
    fn process(&mut self, x: f32, feedback: f32, damp: f32) -> f32 {
        let Some(slot) = self.buf.get_mut(self.pos) else { return 0.0 };
        let y = *slot;
        self.store = y * (1.0 - damp) + self.store * damp;
        *slot = x + self.store * feedback;
        self.pos += 1;
        if self.pos >= self.buf.len() {
            self.pos = 0;
        }
        y
    }

    fn clear(&mut self) {
        self.buf.fill(0.0);
        self.pos = 0;
        self.store = 0.0;
    }
}

/// A Schroeder all-pass (Freeverb form).
#[derive(Debug, Clone)]
struct AllPass {
    buf: Vec<f32>,
    pos: usize,
}

impl AllPass {
    fn new(len: usize) -> Self {
        Self { buf: vec![0.0; len.max(1)], pos: 0 }
    }

    #[inline]
    fn process(&mut self, x: f32) -> f32 {
        let Some(slot) = self.buf.get_mut(self.pos) else { return x };
        let b = *slot;
        let y = b - x;
        *slot = x + b * 0.5;
        self.pos += 1;
        if self.pos >= self.buf.len() {
            self.pos = 0;
        }
        y
    }

    fn clear(&mut self) {
        self.buf.fill(0.0);
        self.pos = 0;
    }
}

/// Stereo reverb.
#[derive(Debug)]
pub struct Reverb {
    combs: [Vec<Comb>; 2],
    aps: [Vec<AllPass>; 2],
}

const COMBS: [usize; 4] = [1116, 1188, 1277, 1356];
const APS: [usize; 2] = [556, 441];
const SPREAD: usize = 23;

impl Reverb {
    pub fn new(sr: f32) -> Self {
        let scale = sr / 44_100.0;
        let mk = |extra: usize| -> (Vec<Comb>, Vec<AllPass>) {
            (
                COMBS.iter().map(|&c| Comb::new(((c + extra) as f32 * scale) as usize)).collect(),
                APS.iter().map(|&a| AllPass::new(((a + extra) as f32 * scale) as usize)).collect(),
            )
        };
        let (cl, al) = mk(0);
        let (cr, ar) = mk(SPREAD);
        Self { combs: [cl, cr], aps: [al, ar] }
    }

    pub fn reset(&mut self) {
        for c in self.combs.iter_mut().flatten() {
            c.clear();
        }
        for a in self.aps.iter_mut().flatten() {
            a.clear();
        }
    }

    /// One stereo frame in, the wet stereo frame out.
    #[inline]
    pub fn process(&mut self, l: f32, r: f32) -> (f32, f32) {
        let input = (l + r) * 0.03;
        let mut out = [0.0f32; 2];
        for (ch, o) in out.iter_mut().enumerate() {
            let mut acc = 0.0;
            if let Some(cs) = self.combs.get_mut(ch) {
                for c in cs.iter_mut() {
                    acc += c.process(input, 0.84, 0.25);
                }
            }
            if let Some(aps) = self.aps.get_mut(ch) {
                for a in aps.iter_mut() {
                    acc = a.process(acc);
                }
            }
            *o = acc;
        }
        (out[0], out[1])
    }
}

/// Bed ducking under stingers: a gain that moves to `depth` with a 30 ms attack and back with
/// a 600 ms release (per sample, so block-size invariant).
#[derive(Debug, Clone, Copy)]
pub struct Ducker {
    gain: f32,
    target: f32,
    attack: f32,
    release: f32,
}

impl Ducker {
    pub fn new(sr: f32) -> Self {
        Self { gain: 1.0, target: 1.0, attack: 1.0 - (-1.0 / (0.03 * sr)).exp(), release: 1.0 - (-1.0 / (0.6 * sr)).exp() }
    }

    pub fn reset(&mut self) {
        self.gain = 1.0;
        self.target = 1.0;
    }

    pub fn set(&mut self, target: f32) {
        self.target = target.clamp(0.0, 1.0);
    }

    #[inline]
    pub fn next_gain(&mut self) -> f32 {
        let c = if self.target < self.gain { self.attack } else { self.release };
        self.gain += (self.target - self.gain) * c;
        if (self.gain - self.target).abs() < 1e-6 {
            self.gain = self.target;
        }
        self.gain
    }
}
