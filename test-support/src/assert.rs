//! Float-tolerance assertions (after HexoDSP's `assert_float_eq!`/`assert_decimated_feq!`):
//! a failure says which value or which sample differed, by how much, and what the tolerance was.

/// Asserts `|a - b| <= tol` for two floats (any type that converts losslessly to `f64`).
///
/// ```
/// resonance_test_support::assert_close!(0.1 + 0.2, 0.3, 1e-12);
/// resonance_test_support::assert_close!(1.0f32, 1.0001, 1e-3, "gain of {}", "the limiter");
/// ```
#[macro_export]
macro_rules! assert_close {
    ($a:expr, $b:expr, $tol:expr $(,)?) => {
        $crate::assert_close!($a, $b, $tol, "{} ≈ {}", stringify!($a), stringify!($b))
    };
    ($a:expr, $b:expr, $tol:expr, $($what:tt)+) => {{
        let (a, b, tol): (f64, f64, f64) = (f64::from($a), f64::from($b), f64::from($tol));
        assert!(
            (a - b).abs() <= tol,
            "{}: {a} vs {b} differ by {} (tolerance {tol})",
            format_args!($($what)+),
            (a - b).abs()
        );
    }};
}

/// Asserts two signals have the same length and are equal within `tol` sample by sample,
/// reporting the first sample that differs.
///
/// # Panics
/// When the lengths differ or a sample differs by more than `tol`.
#[track_caller]
pub fn assert_slice_close(a: &[f32], b: &[f32], tol: f32) {
    assert_slice_close_named(a, b, tol, "signals");
}

/// [`assert_slice_close`] with a name for the signals in the failure message.
///
/// # Panics
/// When the lengths differ or a sample differs by more than `tol`.
#[track_caller]
pub fn assert_slice_close_named(a: &[f32], b: &[f32], tol: f32, what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: lengths differ");
    if let Some((i, (x, y))) = a.iter().zip(b).enumerate().find(|(_, (x, y))| (*x - *y).abs() > tol) {
        panic!("{what}: sample {i} differs: {x} vs {y} (tolerance {tol})");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_values_pass() {
        assert_close!(1.0, 1.0 + 1e-10, 1e-9);
        assert_close!(0.5f32, 0.5f32, 0.0f32, "exact {}", 1);
        assert_slice_close(&[0.1, 0.2], &[0.1, 0.200_001], 1e-5);
    }

    #[test]
    #[should_panic(expected = "differ by")]
    fn far_values_fail() {
        assert_close!(1.0, 1.1, 1e-3);
    }

    #[test]
    #[should_panic(expected = "gain: sample 1 differs")]
    fn a_differing_sample_is_named() {
        assert_slice_close_named(&[0.0, 0.5], &[0.0, 0.6], 1e-3, "gain");
    }

    #[test]
    #[should_panic(expected = "lengths differ")]
    fn lengths_must_match() {
        assert_slice_close(&[0.0], &[0.0, 0.0], 1.0);
    }
}
