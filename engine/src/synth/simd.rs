//! Runtime choice of the instruction set for the voices' per-frame kernels.
//!
//! The voice loops ([`super::voices::tonal`], [`super::voices::drums`]) are written as
//! branch-free loops over eight lanes that the compiler vectorises. Built for the x86-64
//! baseline (SSE2) that is two 4-lane registers per operation; on a CPU with AVX2 the same
//! source, compiled a second time with AVX2 enabled, does it in one 8-lane register. The CPU
//! is asked once, when the synth is built (`prepare()`); the choice is a plain `bool` after
//! that, so dispatch is real-time safe.
//!
//! Results are bit-identical on both paths: every lane runs the same IEEE-754 single-precision
//! operations in the same order (Rust never fuses a multiply and an add on its own, and FMA is
//! not enabled), only the register width differs. `tests` checks this.
#![allow(unsafe_code)]
// `#[inline(always)]` is deliberate here: the voice kernels must be inlined into the caller
// that `simd::Isa::run` compiles for AVX2, or they would run with the baseline instruction set.
#![allow(clippy::inline_always)]

/// Something that runs one kernel invocation; `run` must be `#[inline(always)]` down to its
/// loops so that it is compiled for the instruction set of its caller.
pub trait Kernel {
    fn run(&mut self);
}

/// The instruction set the kernels run with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Isa {
    avx2: bool,
}

impl Isa {
    /// The best this CPU offers (asks the CPU: call from `prepare()`).
    pub fn detect() -> Self {
        #[cfg(target_arch = "x86_64")]
        {
            Self { avx2: std::arch::is_x86_feature_detected!("avx2") }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            Self { avx2: false }
        }
    }

    /// The build's baseline instruction set.
    #[cfg(test)]
    pub const fn baseline() -> Self {
        Self { avx2: false }
    }

    /// Runs `k` with this instruction set.
    ///
    /// # Realtime safety
    /// Real-time safe (a branch on a `bool`).
    #[inline]
    pub fn run<K: Kernel>(self, k: &mut K) {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: `avx2` is only true when `is_x86_feature_detected!("avx2")` said this CPU
            // has AVX2 (`Isa::detect`); the function needs nothing else.
            unsafe { run_avx2(k) };
            return;
        }
        k.run();
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn run_avx2<K: Kernel>(k: &mut K) {
    k.run();
}
