//! Signal levels: RMS, mean power and decibel conversions.

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
