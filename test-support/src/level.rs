//! Signal levels: RMS, mean power and decibel conversions, and loudness envelopes that
//! compare renders made at different sample rates.

/// Root mean square of `x` in `f32` (0 for an empty slice).
pub fn rms(x: &[f32]) -> f32 {
    (x.iter().map(|v| v * v).sum::<f32>() / x.len().max(1) as f32).sqrt()
}

/// Root mean square of `x`, summed in `f64` (0 for an empty slice).
pub fn rms_f64(x: &[f32]) -> f64 {
    power(x).sqrt()
}

/// Mean power of `x`, summed in `f64` (0 for an empty slice).
pub fn power(x: &[f32]) -> f64 {
    x.iter().map(|&v| f64::from(v) * f64::from(v)).sum::<f64>() / x.len().max(1) as f64
}

/// An amplitude ratio in dB (`20 log10`), floored at -180 dB so silence stays finite.
pub fn lin_to_db(x: f64) -> f64 {
    20.0 * x.max(1e-9).log10()
}

/// A level in dB as an amplitude ratio.
pub fn db_to_lin(db: f64) -> f64 {
    10f64.powf(db / 20.0)
}

/// Loudness envelope of `x` (one channel at `rate` Hz) in 5 ms frames of time, whatever the
/// rate, after a two-pole 300 Hz low-pass, so that rates down to 1 kHz compare on the same
/// band.
pub fn envelope_5ms(x: impl Iterator<Item = f32>, rate: f64) -> Vec<f64> {
    let a = (-std::f64::consts::TAU * 300.0 / rate).exp();
    let (mut y1, mut y2) = (0.0f64, 0.0f64);
    let low: Vec<f64> = x
        .map(|v| {
            y1 = (1.0 - a) * f64::from(v) + a * y1;
            y2 = (1.0 - a) * y1 + a * y2;
            y2
        })
        .collect();
    let frames = (low.len() as f64 / rate * 200.0) as usize;
    (0..frames)
        .map(|k| {
            let (s, e) = ((k as f64 * rate / 200.0) as usize, (((k + 1) as f64 * rate / 200.0) as usize).min(low.len()));
            (low[s..e.max(s + 1)].iter().map(|v| v * v).sum::<f64>() / (e.max(s + 1) - s) as f64).sqrt()
        })
        .collect()
}

/// The offset (in envelope frames, linearly interpolated to 1/10 frame, at most
/// `max_frames` either way) that best maps `env` onto `reference` over the reference's frames
/// `span`, and the normalised correlation there.
pub fn best_offset(env: &[f64], reference: &[f64], span: std::ops::Range<usize>, max_frames: i32) -> (f64, f64) {
    let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len() as f64;
    let (mr, me) = (mean(&reference[span.clone()]), mean(&env[span.clone()]));
    let mut best = (0.0, f64::MIN);
    for d in -max_frames * 10..=max_frames * 10 {
        let d = f64::from(d) / 10.0;
        let (mut num, mut er, mut ee) = (0.0, 0.0, 0.0);
        for k in span.clone() {
            let t = k as f64 + d;
            if t < 0.0 {
                continue;
            }
            let (i, f) = (t.floor() as usize, t.fract());
            let Some(&b) = env.get(i + 1) else { continue };
            let v = env[i] * (1.0 - f) + b * f - me;
            let r = reference[k] - mr;
            num += v * r;
            er += r * r;
            ee += v * v;
        }
        let c = num / (er * ee).sqrt().max(1e-30);
        if c > best.1 {
            best = (d, c);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assert_close;

    #[test]
    fn rms_of_a_square_wave_is_its_amplitude() {
        let x: Vec<f32> = (0..1000).map(|i| if i % 2 == 0 { 0.5 } else { -0.5 }).collect();
        assert_close!(rms(&x), 0.5, 1e-6);
        assert_close!(rms_f64(&x), 0.5, 1e-12);
        assert_close!(power(&x), 0.25, 1e-12);
        assert_eq!(rms(&[]), 0.0);
    }

    #[test]
    fn decibels_round_trip() {
        assert_close!(lin_to_db(0.1), -20.0, 1e-9);
        assert_close!(db_to_lin(-6.0), 0.501_187, 1e-6);
        assert_close!(lin_to_db(db_to_lin(-37.5)), -37.5, 1e-9);
        assert_close!(lin_to_db(0.0), -180.0, 1e-9);
    }
}
