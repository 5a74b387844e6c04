//! Cheap, branch-free approximations of `exp2`, `sin` and `tan` for the voices' control and
//! audio loops.
//!
//! Written with comparisons that compile to selects and with truncating casts instead of
//! `floor` (which is a library call on the x86-64 baseline without SSE4.1), so that loops over
//! an array of voices vectorise. Every function is plain IEEE arithmetic in a fixed order, so
//! results are identical on every run and platform with the same float semantics.
//!
//! Sources: the sine is the odd Taylor polynomial of degree 9 on a range reduced to
//! `[-π/2, π/2]` (error below 4e-6, −108 dB); `exp2` splits integer and fraction and evaluates
//! the degree-6 polynomial of Cephes' `exp2f` (S. L. Moshier, 1984) on `[-1/2, 1/2]`
//! (relative error below 1e-6), scaled by the exponent bits; `tan(πx) = sin(πx) / sin(π(1/2 − x))`.
// `#[inline(always)]` is deliberate here: the voice kernels must be inlined into the caller
// that `simd::Isa::run` compiles for AVX2, or they would run with the baseline instruction set.
#![allow(clippy::inline_always)]

/// `floor(x)` for `|x| < 2^31` as an integer, without a library call.
#[inline(always)]
fn floor_i(x: f32) -> i32 {
    let t = x as i32;
    t - i32::from((t as f32) > x)
}

/// `x - floor(x)`, for `|x| < 2^31`.
#[inline(always)]
pub fn fract(x: f32) -> f32 {
    x - floor_i(x) as f32
}

/// `2^x`, for `x` in `[-126, 126]` (clamped). Exact at integers (in particular `exp2(0) == 1`).
#[inline(always)]
pub fn exp2(x: f32) -> f32 {
    let x = x.clamp(-126.0, 126.0);
    let i = floor_i(x + 0.5);
    let f = x - i as f32;
    // Cephes exp2f: 2^f on [-1/2, 1/2]
    let p = 1.0
        + f * (6.931_472e-1 + f * (2.402_264_8e-1 + f * (5.550_332_5e-2 + f * (9.618_437e-3 + f * (1.339_887_4e-3 + f * 1.535_336_2e-4)))));
    p * f32::from_bits(((i + 127) as u32) << 23)
}

/// `sin(y)` for `y` in `[-π/2, π/2]`.
#[inline(always)]
fn sin_poly(y: f32) -> f32 {
    let y2 = y * y;
    y * (1.0 + y2 * (-1.0 / 6.0 + y2 * (1.0 / 120.0 + y2 * (-1.0 / 5040.0 + y2 * (1.0 / 362_880.0)))))
}

/// `sin(2π p)` for a phase `p` in turns, `p` in `[0, 1)`.
#[inline(always)]
pub fn sin_turns(p: f32) -> f32 {
    // sin(2πp) = -sin(2πx) with x = p - 1/2 in [-1/2, 1/2); fold |x| > 1/4 onto the half wave
    let x = p - 0.5;
    let a = x.abs();
    let folded = if a > 0.25 { 0.5 - a } else { a };
    let s = sin_poly(std::f32::consts::TAU * folded);
    if x < 0.0 { s } else { -s }
}

/// `tan(π x)` for `x` in `[0, 0.49]`: the bilinear transform's frequency warping.
#[inline(always)]
pub fn tan_pi(x: f32) -> f32 {
    let x = x.clamp(0.0, 0.49);
    sin_poly(std::f32::consts::PI * x) / sin_poly(std::f32::consts::PI * (0.5 - x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approximations_are_close_to_libm() {
        for i in -2000..=2000 {
            let x = i as f32 * 0.01;
            let want = x.exp2();
            assert!(((exp2(x) - want) / want).abs() < 4e-6, "exp2({x}) = {} vs {want}", exp2(x));
        }
        for k in 0..=20 {
            assert_eq!(exp2(k as f32), (k as f32).exp2());
            assert_eq!(exp2(-(k as f32)), (-(k as f32)).exp2());
        }
        for i in 0..10_000 {
            let p = i as f32 / 10_000.0;
            let want = (std::f32::consts::TAU * p).sin();
            assert!((sin_turns(p) - want).abs() < 5e-6, "sin_turns({p}) = {} vs {want}", sin_turns(p));
        }
        for i in 0..=490 {
            let x = i as f32 / 1000.0;
            let want = (std::f32::consts::PI * x).tan();
            assert!(((tan_pi(x) - want) / want.max(1e-3)).abs() < 2e-5, "tan_pi({x}) = {} vs {want}", tan_pi(x));
        }
    }
}
