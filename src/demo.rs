//! The built-in demo match: a synthesised stadium crowd with scripted moments (kick-off
//! whistle, chant, near miss, goal roar, boos, final whistle). Deterministic for a seed.
//!
//! It is a stand-in for a real crowd microphone when none is at hand; the tests and benchmarks
//! use real recordings.

use resonance_engine::Cue;

/// A scripted moment of the demo.
#[derive(Debug, Clone, Copy)]
pub struct Moment {
    pub t: f64,
    pub what: &'static str,
    /// The cue a match-data feed would send at this moment, if any.
    pub cue: Option<Cue>,
}

/// The demo's script.
pub const SCRIPT: &[Moment] = &[
    Moment { t: 3.0, what: "kick-off whistle", cue: Some(Cue::KickOff) },
    Moment { t: 10.0, what: "chant starts", cue: None },
    Moment { t: 25.0, what: "near miss", cue: Some(Cue::NearMiss) },
    Moment { t: 35.0, what: "home goal", cue: Some(Cue::HomeGoal) },
    Moment { t: 48.0, what: "boos", cue: Some(Cue::Card) },
    Moment { t: 57.0, what: "final whistle", cue: Some(Cue::FullTime) },
];

/// Small deterministic PRNG (xorshift64*), enough for noise.
struct Rng(u64);

impl Rng {
    fn next_f32(&mut self) -> f32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let v = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        ((v >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    }
}

fn smoothstep(x: f64) -> f64 {
    let x = x.clamp(0.0, 1.0);
    x * x * (3.0 - 2.0 * x)
}

/// Envelope that rises over `attack` s from `start`, holds `hold` s, falls over `release` s.
fn env(t: f64, start: f64, attack: f64, hold: f64, release: f64) -> f64 {
    if t < start {
        0.0
    } else if t < start + attack {
        smoothstep((t - start) / attack)
    } else if t < start + attack + hold {
        1.0
    } else {
        1.0 - smoothstep((t - start - attack - hold) / release)
    }
}

/// Renders `duration_s` of the demo crowd at `rate` as stereo.
pub fn crowd(rate: u32, duration_s: f64, seed: u64) -> [Vec<f32>; 2] {
    let n = (duration_s * f64::from(rate)) as usize;
    let mut l = vec![0.0f32; n];
    let mut r = vec![0.0f32; n];
    let mut rng = Rng(seed | 1);
    let sr = f64::from(rate);
    // band-limited "babble": two one-pole low-passes and a high-pass per channel
    let lp = |fc: f64| 1.0 - (-2.0 * std::f64::consts::PI * fc / sr).exp();
    let (a_lo, a_hi, a_boo) = (lp(2500.0) as f32, lp(250.0) as f32, lp(400.0) as f32);
    let mut st = [[0.0f32; 4]; 2];
    let mut phase_w = 0.0f64;
    let mut phase_c = 0.0f64;
    let mut phase_b = 0.0f64;
    for i in 0..n {
        let t = i as f64 / sr;
        // crowd level: murmur, lifts for the chant, ooh, roar, boos
        let roar = env(t, 35.0, 0.4, 5.0, 4.0);
        let ooh = env(t, 25.0, 0.5, 0.6, 1.2);
        let level = 0.05 + 0.02 * (t * 0.21).sin().abs() + 0.12 * ooh + 0.35 * roar;
        let chant = env(t, 10.0, 1.0, 8.0, 2.0);
        let boo = env(t, 48.0, 0.6, 3.0, 1.5);
        let whistle =
            [(3.0, 0.5), (57.0, 0.7), (58.0, 0.7), (59.0, 1.2)].iter().map(|&(s, d)| env(t, s, 0.01, d, 0.03)).fold(0.0, f64::max);
        // chanting: sung vowel on a 220 Hz fundamental with 1.6 s call-and-response pulses
        phase_c += 2.0 * std::f64::consts::PI * (220.0 + 3.0 * (t * 5.5).sin()) / sr;
        let pulse = (0.5 + 0.5 * (2.0 * std::f64::consts::PI * t / 1.6).sin()).powi(3);
        let sung = (phase_c.sin() + 0.5 * (2.0 * phase_c).sin() + 0.3 * (3.0 * phase_c).sin()) * 0.08 * chant * pulse;
        // boos: low "oo" drone around 140 Hz
        phase_b += 2.0 * std::f64::consts::PI * (140.0 + 4.0 * (t * 3.0).sin()) / sr;
        let booing = (phase_b.sin() + 0.4 * (2.0 * phase_b).sin()) * 0.12 * boo;
        // referee whistle: 3.4 kHz with a 25 Hz trill
        phase_w += 2.0 * std::f64::consts::PI * (3400.0 + 120.0 * (2.0 * std::f64::consts::PI * 25.0 * t).sin()) / sr;
        let wh = phase_w.sin() * 0.25 * whistle;
        for (c, out) in [&mut l, &mut r].into_iter().enumerate() {
            let x = rng.next_f32();
            let s = &mut st[c];
            s[0] += (x - s[0]) * a_lo;
            s[1] += (s[0] - s[1]) * a_hi;
            s[2] += (rng.next_f32() - s[2]) * a_boo;
            let babble = (s[0] - s[1]) * 3.0;
            // headroom: the loudest moment (roar + whistle) stays below full scale
            out[i] = (0.5 * (f64::from(babble) * level + sung + booing * (1.0 + f64::from(s[2])) + wh)) as f32;
        }
    }
    [l, r]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_is_deterministic_finite_and_loud_at_the_goal() {
        let a = crowd(22_050, 40.0, 7);
        let b = crowd(22_050, 40.0, 7);
        assert_eq!(a, b);
        assert!(a[0].iter().all(|x| x.is_finite() && x.abs() < 1.0));
        let rms = |from: f64, to: f64| {
            let s = &a[0][(from * 22_050.0) as usize..(to * 22_050.0) as usize];
            (s.iter().map(|x| x * x).sum::<f32>() / s.len() as f32).sqrt()
        };
        assert!(rms(36.0, 39.0) > 3.0 * rms(30.0, 33.0), "goal roar must stand out");
    }
}
