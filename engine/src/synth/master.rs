//! Output stage of the music bus: loudness targeting (EBU R 128) and a true-peak limiter.
//!
//! * Loudness: two `ebur128` meters in `Mode::HISTOGRAM` (the default mode keeps every gating
//!   block in a growing queue, i.e. allocates; the histogram mode has fixed bins). One
//!   measures the limited output with the normaliser's own gain and the conductor's dynamics
//!   (pp..ff from arousal) divided out — the music at unity gain and mezzo-forte, with what
//!   the limiter took — the other the output as delivered (reported). (With the
//!   dynamics left in, a quiet opening counted as quiet *music*, and the gain rose to make it
//!   up.) The gain is the profile target minus
//!   the gated integrated loudness of the first meter since the start (open loop, no
//!   integrator to wind up) plus, after 30 s, the output's own integrated error (proportional,
//!   bounded to ±2 dB: it makes up for gains that were lower or higher during the loud
//!   passages than they are now), gliding at most 0.5 dB/s once the first 10 s are measured (in
//!   those it falls at up to 5 dB/s and rises at up to 1 dB/s: the first gating blocks hold
//!   the slow attacks of pads, not the music's level). So the
//!   normaliser is integrated-style, like the measure it must meet: loud and quiet passages
//!   keep their difference (a 30 s fortissimo after 5 minutes moves the integrated loudness,
//!   and with it the gain, by a fraction of a dB) while the whole lands on target. (Steering a
//!   pre-dynamics content meter plus a trim integrating the output's error was rejected: the
//!   trim wound up on the first seconds' overshoot and swung the level by up to 8 dB over the
//!   first two minutes, hiding the dynamics; see
//!   `docs/decisions/0005-loudness-targeting.md`.) Meters are fed every 100 ms of samples, so the
//!   result is independent of the host's block size.
//! * Live short-term ceiling: the control meter also keeps the 3 s short-term window
//!   (`Mode::S`: a fixed ring, no allocation). Its short-term loudness plus the current
//!   dynamics and gain is what the listener gets over 3 s; the gain may not put that over
//!   target + 5 LU (EBU R 128 s1, 2016: maximum short-term loudness of short-form
//!   programmes): it falls at up to 5 dB/s while it would and never rises into it. Being
//!   computed from the unity-gain meter, the ceiling is open loop (no 3 s feedback lag to
//!   overshoot on). So a programme that opens quietly (the integrated history low, the gain
//!   high) cannot send its first loud passage far over target.
//! * Offline: [`Loudness::set_fixed_gain_db`] freezes the gain. An offline render that knows
//!   the whole piece renders it once to measure, then again with the one static gain that puts
//!   it on target (`render_music` in the CLI): the dynamics exact, on target at any length.
//! * True peak: ITU-R BS.1770-4 Annex 2 measures inter-sample peaks on a 4x oversampled signal.
//!   The limiter detects peaks the same way, with the same 4-phase, 12-taps-per-phase
//!   Hann-windowed-sinc interpolator as the `ebur128` meter that measures the result, holds the needed gain over a window that covers every detection a sample
//!   contributes to, releases exponentially, then smooths the gain with a moving average as
//!   long as the lookahead (the "min-hold + box filter" limiter, as in G. Reiss & A. McPherson,
//!   *Audio Effects*, 2014, ch. 6, and Signalsmith Audio's "Designing a straightforward
//!   limiter", 2022). The audio is delayed so that the gain has fully arrived when the peak
//!   does. The ceiling sits 0.5 dB under −1 dBTP to cover interpolator differences.

use ebur128::{EbuR128, Mode};

/// Samples per phase of the true-peak interpolator.
const TAPS: usize = 12;
const PHASES: usize = 4;

/// The true-peak limiter.
#[derive(Debug)]
pub struct TruePeakLimiter {
    ceiling: f32,
    /// Polyphase interpolator, `TAPS * PHASES` coefficients (tap-major, oldest tap first).
    fir: Vec<f32>,
    /// Input history per channel for the interpolator: a ring of `TAPS` written twice, so the
    /// last `TAPS` samples are always one contiguous slice.
    hist: [[f32; 2 * TAPS]; 2],
    hist_pos: usize,
    /// Monotonic deque of (time, needed gain) for the sliding minimum over `hold` samples
    /// (Lemire, "Streaming maximum-minimum filter using no more than three comparisons per
    /// element", 2006).
    dq_t: Vec<u64>,
    dq_g: Vec<f32>,
    dq_head: usize,
    dq_len: usize,
    clock: u64,
    hold: usize,
    /// Released gains, ring of `box_len` values, and their running sum.
    rel: Vec<f32>,
    rel_pos: usize,
    rel_sum: f64,
    since_rel: usize,
    box_len: usize,
    released: f32,
    release_coef: f32,
    /// Audio delay line per channel (ring of `delay + 1`).
    delay_buf: [Vec<f32>; 2],
    delay_pos: usize,
    delay: usize,
    min_gain: f32,
}

impl TruePeakLimiter {
    /// A limiter holding the 4x-oversampled peak at `ceiling_db`. Allocates.
    pub fn new(sr: f32, ceiling_db: f32) -> Self {
        let box_len = ((0.0015 * sr).round() as usize).max(8);
        let hold = box_len + TAPS - 1;
        let delay = box_len + TAPS - 2;
        // The interpolator of the `ebur128` crate's true-peak meter (libebur128's): a 48-tap
        // Hann-windowed sinc at the original Nyquist, tap `k` (0 = newest) and phase `p` using
        // coefficient `j = 4k + p`. Detecting with the very filter the meter uses means the
        // limiter and the measurement agree on where the inter-sample peaks are (a gentler
        // 0.9-Nyquist design under-read bright supersaw material by ~0.5 dB).
        let n = PHASES * TAPS;
        let mut fir = vec![0.0f32; n];
        for k in 0..TAPS {
            for p in 0..PHASES {
                let j = (k * PHASES + p) as f64;
                let w = 0.5 * (1.0 - (std::f64::consts::TAU * j / n as f64).cos());
                let m = j - n as f64 / 2.0;
                let x = m * std::f64::consts::PI / PHASES as f64;
                let h = if m.abs() > 1e-6 { w * x.sin() / x } else { w };
                // tap-major (the four phases of one tap side by side, so the detector runs the
                // phases as one 4-lane multiply-add per tap), taps stored oldest-first to match
                // the contiguous history slice
                fir[(TAPS - 1 - k) * PHASES + p] = h as f32;
            }
        }
        Self {
            ceiling: 10f32.powf(ceiling_db / 20.0),
            fir,
            hist: [[0.0; 2 * TAPS]; 2],
            hist_pos: 0,
            dq_t: vec![0; hold + 1],
            dq_g: vec![1.0; hold + 1],
            dq_head: 0,
            dq_len: 0,
            clock: 0,
            hold,
            rel: vec![1.0; box_len],
            rel_pos: 0,
            rel_sum: box_len as f64,
            since_rel: usize::MAX,
            box_len,
            released: 1.0,
            release_coef: 1.0 - (-1.0 / (0.12 * sr)).exp(),
            delay_buf: [vec![0.0; delay + 1], vec![0.0; delay + 1]],
            delay_pos: 0,
            delay,
            min_gain: 1.0,
        }
    }

    /// Latency in samples.
    pub fn latency(&self) -> usize {
        self.delay
    }

    /// Returns to the state right after construction (real-time safe).
    pub fn reset(&mut self) {
        for h in &mut self.hist {
            h.fill(0.0);
        }
        self.hist_pos = 0;
        self.dq_head = 0;
        self.dq_len = 0;
        self.clock = 0;
        self.rel.fill(1.0);
        self.rel_pos = 0;
        self.rel_sum = self.box_len as f64;
        self.since_rel = usize::MAX;
        self.released = 1.0;
        for d in &mut self.delay_buf {
            d.fill(0.0);
        }
        self.delay_pos = 0;
        self.min_gain = 1.0;
    }

    /// Lowest gain since the last call (linear), and restarts the measurement.
    pub fn take_min_gain(&mut self) -> f32 {
        let g = self.min_gain;
        self.min_gain = 1.0;
        g
    }

    /// 4x-oversampled peak of the newest input (the sample itself and three interpolated
    /// points).
    #[inline]
    fn detect(&self) -> f32 {
        let mut peak = 0.0f32;
        let start = self.hist_pos + 1;
        for h in &self.hist {
            let Some(window) = h.get(start..start + TAPS) else { continue };
            let mut acc = [0.0f32; PHASES];
            for (taps, &x) in self.fir.chunks_exact(PHASES).zip(window) {
                for (a, &c) in acc.iter_mut().zip(taps) {
                    *a += c * x;
                }
            }
            for a in acc {
                peak = peak.max(a.abs());
            }
        }
        peak
    }

    /// Pushes a needed gain and returns the minimum over the last `hold` samples.
    #[inline]
    fn sliding_min(&mut self, g: f32) -> f32 {
        let cap = self.dq_t.len();
        let wrap = |i: usize| if i >= cap { i - cap } else { i };
        self.clock += 1;
        // drop larger-or-equal values from the back
        while self.dq_len > 0 {
            let back = wrap(self.dq_head + self.dq_len - 1);
            if self.dq_g.get(back).copied().unwrap_or(f32::INFINITY) >= g {
                self.dq_len -= 1;
            } else {
                break;
            }
        }
        let slot = wrap(self.dq_head + self.dq_len);
        if let (Some(t), Some(v)) = (self.dq_t.get_mut(slot), self.dq_g.get_mut(slot)) {
            *t = self.clock;
            *v = g;
            self.dq_len += 1;
        }
        // drop the front if it left the window
        while self.dq_len > 0 && self.dq_t.get(self.dq_head).copied().unwrap_or(0) + (self.hold as u64) <= self.clock {
            self.dq_head = wrap(self.dq_head + 1);
            self.dq_len -= 1;
        }
        self.dq_g.get(self.dq_head).copied().unwrap_or(1.0)
    }

    /// Limits one stereo frame: takes the newest input, returns the output `latency()` samples
    /// older.
    #[inline]
    pub fn process(&mut self, l: f32, r: f32) -> (f32, f32) {
        self.hist_pos = if self.hist_pos + 1 >= TAPS { 0 } else { self.hist_pos + 1 };
        for (h, x) in self.hist.iter_mut().zip([l, r]) {
            if let Some(v) = h.get_mut(self.hist_pos) {
                *v = x;
            }
            if let Some(v) = h.get_mut(self.hist_pos + TAPS) {
                *v = x;
            }
        }
        let peak = self.detect().max(l.abs()).max(r.abs());
        let need = if peak > self.ceiling { self.ceiling / peak } else { 1.0 };
        let held = self.sliding_min(need);
        self.released = if held < self.released { held } else { (self.released + (1.0 - self.released) * self.release_coef).min(held) };
        if self.released > 0.999_999 {
            self.released = 1.0;
        }
        self.rel_pos = if self.rel_pos + 1 >= self.box_len { 0 } else { self.rel_pos + 1 };
        if let Some(x) = self.rel.get_mut(self.rel_pos) {
            self.rel_sum += f64::from(self.released) - f64::from(*x);
            *x = self.released;
        }
        self.since_rel = if self.released < 1.0 { 0 } else { self.since_rel.saturating_add(1) };
        let gain = if self.since_rel >= self.box_len {
            // exactly unity when idle, and the running sum is re-based so it cannot drift
            self.rel_sum = self.box_len as f64;
            1.0
        } else {
            (self.rel_sum / self.box_len as f64) as f32
        };
        self.min_gain = self.min_gain.min(gain);
        let len = self.delay + 1;
        self.delay_pos = if self.delay_pos + 1 >= len { 0 } else { self.delay_pos + 1 };
        let read = if self.delay_pos + 1 >= len { 0 } else { self.delay_pos + 1 };
        let mut out = [0.0f32; 2];
        for (ch, x) in [l, r].into_iter().enumerate() {
            if let Some(buf) = self.delay_buf.get_mut(ch) {
                if let Some(w) = buf.get_mut(self.delay_pos) {
                    *w = x;
                }
                out[ch] = buf.get(read).copied().unwrap_or(0.0) * gain;
            }
        }
        (out[0], out[1])
    }
}

/// Loudness profiles for the music bus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Profile {
    /// EBU R 128 broadcast: −23 LUFS.
    #[default]
    Broadcast,
    /// Streaming platforms: −14 LUFS.
    Streaming,
}

impl Profile {
    /// The integrated loudness target (LUFS).
    pub const fn target_lufs(self) -> f32 {
        match self {
            Profile::Broadcast => -23.0,
            Profile::Streaming => -14.0,
        }
    }

    /// `broadcast` or `streaming`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "broadcast" => Some(Self::Broadcast),
            "streaming" => Some(Self::Streaming),
            _ => None,
        }
    }
}

/// Loudness targeting (see the module docs).
#[derive(Debug)]
pub struct Loudness {
    /// Meter of the output with the loudness gain undone (dynamics and limiter kept): what the
    /// music would measure at unity gain. Drives the gain.
    ctl: Option<EbuR128>,
    /// Meter of the output as delivered (reported as [`Loudness::output_lufs`],
    /// [`Loudness::momentary_lufs`] and [`Loudness::short_term_lufs`]).
    out: Option<EbuR128>,
    hop: usize,
    ctl_buf: [Vec<f32>; 2],
    out_buf: [Vec<f32>; 2],
    fill: usize,
    target_db: f32,
    gain_db: f32,
    gain: f32,
    gain_target: f32,
    gain_coef: f32,
    hops: u64,
    /// The dynamics gain of the last pushed frame (linear).
    dynamics: f32,
    /// A static gain (dB) set by an offline render that measured the whole piece first: no
    /// adaptation at all (the arc's dynamics are kept exactly).
    fixed_db: Option<f32>,
    /// Best guess of the music's loudness at unity gain before anything is measured.
    initial_lufs: f32,
    out_lufs: f32,
    out_momentary: f32,
    out_short: f32,
}

/// Hops (100 ms) during which the gain may move fast: the first gating blocks.
const SETTLE_HOPS: u64 = 100;
/// Largest correction of the output's integrated error, dB.
const MAX_CORRECTION_DB: f32 = 2.0;
/// Short-term loudness ceiling of the live normaliser, LU above the target: EBU R 128 s1
/// (2016) recommends a maximum short-term loudness of +5 LU for short-form programmes.
const SHORT_TERM_CEILING_LU: f32 = 5.0;
/// Fastest fall of the gain while the short-term ceiling is exceeded, dB per 100 ms hop.
const CEILING_FALL_DB: f32 = 0.5;

impl Loudness {
    /// Best guess of the music's loudness at unity gain before anything is measured, LUFS.
    pub const INITIAL_LUFS: f32 = -18.0;

    /// Allocates both meters.
    pub fn new(sr: f32, profile: Profile) -> Self {
        let rate = sr.round() as u32;
        let mk = |mode| EbuR128::new(2, rate, mode | Mode::I | Mode::HISTOGRAM).ok();
        let hop = ((sr * 0.1).round() as usize).max(1);
        let mut s = Self {
            ctl: mk(Mode::S),
            // `Mode::S` (which includes the momentary window): a fixed 3 s ring, no allocation
            out: mk(Mode::S),
            hop,
            ctl_buf: [vec![0.0; hop], vec![0.0; hop]],
            out_buf: [vec![0.0; hop], vec![0.0; hop]],
            fill: 0,
            target_db: profile.target_lufs(),
            gain_db: 0.0,
            gain: 1.0,
            gain_target: 1.0,
            gain_coef: 1.0 - (-1.0 / (1.5 * sr)).exp(),
            hops: 0,
            dynamics: 1.0,
            fixed_db: None,
            initial_lufs: Self::INITIAL_LUFS,
            out_lufs: f32::NEG_INFINITY,
            out_momentary: f32::NEG_INFINITY,
            out_short: f32::NEG_INFINITY,
        };
        s.reset();
        s
    }

    /// Switches the loudness target (broadcast or streaming); real-time safe.
    pub fn set_profile(&mut self, profile: Profile) {
        self.target_db = profile.target_lufs();
        self.gain_db = self.fixed_db.unwrap_or(self.target_db - self.initial_lufs);
        self.gain_target = 10f32.powf(self.gain_db / 20.0);
    }

    /// Moves the target while playing: the measurements are kept and the gain glides by the
    /// difference.
    pub fn retarget(&mut self, profile: Profile) {
        let delta = profile.target_lufs() - self.target_db;
        self.target_db = profile.target_lufs();
        if self.fixed_db.is_some() {
            return;
        }
        self.gain_db += delta;
        self.gain_target = 10f32.powf(self.gain_db / 20.0);
    }

    /// The profile whose target is nearer the current one.
    pub fn profile(&self) -> Profile {
        if self.target_db > -18.5 { Profile::Streaming } else { Profile::Broadcast }
    }

    /// The current loudness target (LUFS).
    pub fn target_lufs(&self) -> f32 {
        self.target_db
    }

    /// Integrated loudness of the output so far (−inf before the first gating block).
    pub fn output_lufs(&self) -> f32 {
        self.out_lufs
    }

    /// Momentary (400 ms) loudness of the delivered output at the last 100 ms hop (LUFS; −inf
    /// before the first).
    pub fn momentary_lufs(&self) -> f32 {
        self.out_momentary
    }

    /// Short-term (3 s) loudness of the delivered output at the last 100 ms hop (LUFS; −inf
    /// before the first).
    pub fn short_term_lufs(&self) -> f32 {
        self.out_short
    }

    /// The normaliser's current gain (dB).
    pub fn gain_db(&self) -> f32 {
        self.gain_db
    }

    /// Fixes the gain at `gain_db` (no adaptation; `None` returns to the live normaliser). For
    /// offline renders that measured the piece in a first pass. Takes effect at `reset()`.
    pub fn set_fixed_gain_db(&mut self, gain_db: Option<f32>) {
        self.fixed_db = gain_db.filter(|g| g.is_finite()).map(|g| g.clamp(-60.0, 60.0));
    }

    /// The fixed gain, if any.
    pub fn fixed_gain_db(&self) -> Option<f32> {
        self.fixed_db
    }

    /// Real-time safe (the meters' `reset` clears fixed buffers).
    pub fn reset(&mut self) {
        if let Some(m) = self.ctl.as_mut() {
            m.reset();
        }
        if let Some(m) = self.out.as_mut() {
            m.reset();
        }
        self.fill = 0;
        self.hops = 0;
        self.dynamics = 1.0;
        self.out_lufs = f32::NEG_INFINITY;
        self.out_momentary = f32::NEG_INFINITY;
        self.out_short = f32::NEG_INFINITY;
        self.gain_db = self.fixed_db.unwrap_or(self.target_db - self.initial_lufs);
        self.gain_target = 10f32.powf(self.gain_db / 20.0);
        self.gain = self.gain_target;
    }

    /// The gain to apply to the next sample.
    #[inline]
    pub fn next_gain(&mut self) -> f32 {
        self.gain += (self.gain_target - self.gain) * self.gain_coef;
        self.gain
    }

    /// Records one limited output frame, the loudness gain that was applied to its input
    /// (linear, [`Loudness::next_gain`]) and the conductor's dynamics gain (linear, pp..ff);
    /// every 100 ms updates the gain.
    #[inline]
    pub fn push(&mut self, out: (f32, f32), applied_gain: f32, dynamics: f32) {
        let i = self.fill;
        // the control meter sees the music at unity loudness gain and mezzo-forte: its own
        // level and what the limiter took, independent of the gain being steered and of the
        // dynamics it must leave alone
        let total = applied_gain * dynamics;
        let undo = if total > 1e-9 { 1.0 / total } else { 1.0 };
        self.dynamics = dynamics;
        let ctl = (out.0 * undo, out.1 * undo);
        for (buf, v) in [(&mut self.ctl_buf, ctl), (&mut self.out_buf, out)] {
            if let Some(x) = buf[0].get_mut(i) {
                *x = v.0;
            }
            if let Some(x) = buf[1].get_mut(i) {
                *x = v.1;
            }
        }
        self.fill += 1;
        if self.fill >= self.hop {
            self.fill = 0;
            self.update();
        }
    }

    fn update(&mut self) {
        self.hops += 1;
        let [cl, cr] = &self.ctl_buf;
        let [ol, or] = &self.out_buf;
        let mut ctl_lufs = f32::NEG_INFINITY;
        let mut ctl_short = f32::NEG_INFINITY;
        if let Some(m) = self.ctl.as_mut()
            && m.add_frames_planar_f32(&[cl.as_slice(), cr.as_slice()]).is_ok()
        {
            ctl_lufs = m.loudness_global().map_or(f32::NEG_INFINITY, |v| v as f32);
            ctl_short = m.loudness_shortterm().map_or(f32::NEG_INFINITY, |v| v as f32);
        }
        if let Some(m) = self.out.as_mut()
            && m.add_frames_planar_f32(&[ol.as_slice(), or.as_slice()]).is_ok()
        {
            self.out_lufs = m.loudness_global().map_or(f32::NEG_INFINITY, |v| v as f32);
            self.out_momentary = m.loudness_momentary().map_or(f32::NEG_INFINITY, |v| v as f32);
            self.out_short = m.loudness_shortterm().map_or(f32::NEG_INFINITY, |v| v as f32);
        }
        if self.fixed_db.is_some() {
            return;
        }
        // open loop on the integrated (gated) loudness of the whole render so far: a loud
        // passage moves it little once a minute has been measured, so the conductor's
        // dynamics survive. Early on the gain settles fast, rising more slowly than it falls
        // (the first gating blocks hold the slow attacks of pads, not the music's level).
        if ctl_lufs.is_finite() && ctl_lufs > -70.0 {
            // what the past gains left over: the output's own integrated loudness is off
            // target when the gain was lower (or higher) during the loud passages than it is
            // now. Made up proportionally, with no integrator (so nothing winds up), bounded,
            // and only once 30 s are measured.
            let correction = if self.hops > 3 * SETTLE_HOPS && self.out_lufs.is_finite() {
                (self.target_db - self.out_lufs).clamp(-MAX_CORRECTION_DB, MAX_CORRECTION_DB)
            } else {
                0.0
            };
            let wanted = (self.target_db - ctl_lufs + correction).clamp(-30.0, 36.0);
            let (up, down) = if self.hops < SETTLE_HOPS { (0.1, 0.5) } else { (0.05, 0.05) };
            let mut next = self.gain_db + (wanted - self.gain_db).clamp(-down, up);
            // the short-term ceiling: a history that is quiet so far (a broadcast opening on a
            // quiet crowd) lets the wanted gain sit high, and the first loud passage would come
            // out far above the target. The delivered short-term loudness would be the music's
            // (measured at unity gain, so open loop: no lag to overshoot on) plus the dynamics
            // plus this gain; the gain may not put it over target + 5 LU: it falls (up to
            // 5 dB/s) while it would, and does not rise into it.
            if ctl_short.is_finite() && ctl_short > -70.0 {
                let dyn_db = 20.0 * self.dynamics.max(1e-6).log10();
                let ceiling = self.target_db + SHORT_TERM_CEILING_LU - ctl_short - dyn_db;
                if next > ceiling {
                    next = ceiling.max(self.gain_db - CEILING_FALL_DB).min(next);
                }
            }
            self.gain_db = next;
        }
        self.gain_target = 10f32.powf(self.gain_db / 20.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a mono 1 kHz sine of the given amplitudes (one per second) through the
    /// normaliser and returns the short-term loudness of the delivered output, per second.
    fn normalise(l: &mut Loudness, amps: &[f32]) -> Vec<f64> {
        let sr = 48_000usize;
        let mut meter = EbuR128::new(2, 48_000, Mode::S | Mode::HISTOGRAM).unwrap();
        let mut st = Vec::new();
        let mut buf = vec![0.0f32; 2 * sr];
        for (s, &a) in amps.iter().enumerate() {
            for i in 0..sr {
                let x = a * (std::f32::consts::TAU * 1000.0 * ((s * sr + i) % 48) as f32 / 48.0).sin();
                let g = l.next_gain();
                let y = x * g;
                l.push((y, y), g, 1.0);
                buf[2 * i] = y;
                buf[2 * i + 1] = y;
            }
            meter.add_frames_f32(&buf).unwrap();
            st.push(meter.loudness_shortterm().unwrap());
        }
        st
    }

    #[test]
    fn a_quiet_opening_cannot_send_the_first_loud_passage_over_the_short_term_ceiling() {
        let mut l = Loudness::new(48_000.0, Profile::Broadcast);
        // 20 s at about -60 LUFS: the integrated history is quiet, the gain rises; then 20 s
        // at about -20 LUFS at unity gain
        let amps: Vec<f32> = (0..40).map(|s| if s < 20 { 0.001 } else { 0.1 }).collect();
        let st = normalise(&mut l, &amps);
        assert!(l.gain_db() < 0.0, "the gain came down: {} dB", l.gain_db());
        for (s, v) in st.iter().enumerate().skip(26) {
            assert!(*v <= -23.0 + 5.0 + 1.0, "second {s}: short-term {v:.1} LUFS over target + 5 LU");
        }
    }

    #[test]
    fn a_fixed_gain_does_not_move() {
        let mut l = Loudness::new(48_000.0, Profile::Streaming);
        l.set_fixed_gain_db(Some(-6.0));
        l.reset();
        let amps: Vec<f32> = (0..12).map(|s| if s < 6 { 0.001 } else { 0.5 }).collect();
        let _ = normalise(&mut l, &amps);
        assert!((l.gain_db() + 6.0).abs() < 1e-6);
        assert!((l.next_gain() - 10f32.powf(-6.0 / 20.0)).abs() < 1e-6);
        l.set_fixed_gain_db(None);
        l.reset();
        assert!((l.gain_db() - (-14.0 - Loudness::INITIAL_LUFS)).abs() < 1e-6);
    }

    #[test]
    fn limiter_holds_true_peak_and_delays_by_its_latency() {
        let sr = 48_000.0;
        let mut lim = TruePeakLimiter::new(sr, -1.3);
        let d = lim.latency();
        // a loud 997 Hz tone near Nyquist/48 plus a 11 kHz tone whose inter-sample peaks exceed
        // its samples
        let n = 48_000;
        let x: Vec<f32> = (0..n)
            .map(|i| {
                let t = i as f32 / sr;
                1.5 * (std::f32::consts::TAU * 11_025.0 * t + 0.7).sin() * (1.0 + 0.5 * (std::f32::consts::TAU * 3.0 * t).sin())
            })
            .collect();
        let mut out_l = Vec::with_capacity(n);
        for &v in &x {
            out_l.push(lim.process(v, v).0);
        }
        let mut meter = EbuR128::new(1, 48_000, Mode::TRUE_PEAK).unwrap();
        meter.add_frames_f32(&out_l).unwrap();
        let tp = 20.0 * meter.true_peak(0).unwrap().log10();
        assert!(tp <= -1.0, "true peak {tp} dBTP");
        // quiet input passes unchanged, delayed by the latency
        let mut lim = TruePeakLimiter::new(sr, -1.3);
        let quiet: Vec<f32> = (0..1000).map(|i| 0.1 * (i as f32 * 0.05).sin()).collect();
        let out: Vec<f32> = quiet.iter().map(|&v| lim.process(v, v).0).collect();
        for i in d..1000 {
            assert_eq!(out[i], quiet[i - d]);
        }
    }
}
