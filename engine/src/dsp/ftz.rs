//! Flush-to-zero / denormals-are-zero guard for the audio thread.
//!
//! Subnormal floats make IIR filter tails and reverbs hundreds of times slower on x86. Like
//! nih-plug's `ScopedFtz`, [`ScopedFtz`] sets FTZ+DAZ (x86_64 MXCSR) or FZ (aarch64 FPCR) for
//! the duration of `process()` and restores the host's mode afterwards. On other targets it
//! does nothing; [`super::sanitize`] still flushes subnormal input there.
#![allow(unsafe_code)]

/// Sets flush-to-zero while alive; restores the previous floating-point mode on drop.
#[derive(Debug)]
pub struct ScopedFtz {
    #[cfg_attr(not(any(target_arch = "x86_64", target_arch = "aarch64")), allow(dead_code))]
    previous: u64,
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use core::arch::asm;

    const FTZ: u32 = 1 << 15;
    const DAZ: u32 = 1 << 6;

    pub fn read() -> u64 {
        let mut csr: u32 = 0;
        // SAFETY: `stmxcsr` stores the 32-bit MXCSR register to the given, valid and aligned
        // u32; it has no other effect. SSE is part of the x86_64 baseline.
        unsafe { asm!("stmxcsr [{}]", in(reg) &raw mut csr, options(nostack, preserves_flags)) };
        u64::from(csr)
    }

    pub fn write(v: u64) {
        let csr = v as u32;
        // SAFETY: `ldmxcsr` loads MXCSR from a valid u32; the values written are either the
        // previous register contents or those with the FTZ/DAZ bits set, both valid modes.
        unsafe { asm!("ldmxcsr [{}]", in(reg) &raw const csr, options(nostack, preserves_flags, readonly)) };
    }

    pub fn enabled(v: u64) -> u64 {
        v | u64::from(FTZ | DAZ)
    }
}

#[cfg(target_arch = "aarch64")]
mod imp {
    use core::arch::asm;

    const FZ: u64 = 1 << 24;

    pub fn read() -> u64 {
        let v: u64;
        // SAFETY: reading FPCR has no side effects and is allowed at EL0.
        unsafe { asm!("mrs {}, fpcr", out(reg) v, options(nomem, nostack, preserves_flags)) };
        v
    }

    pub fn write(v: u64) {
        // SAFETY: writes back either the previous FPCR or it with the FZ bit set.
        unsafe { asm!("msr fpcr, {}", in(reg) v, options(nomem, nostack, preserves_flags)) };
    }

    pub fn enabled(v: u64) -> u64 {
        v | FZ
    }
}

impl ScopedFtz {
    /// Enables flush-to-zero on this thread until the guard is dropped.
    ///
    /// # Realtime safety
    /// Real-time safe: two register accesses.
    #[inline]
    pub fn enable() -> Self {
        #[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
        {
            let previous = imp::read();
            imp::write(imp::enabled(previous));
            Self { previous }
        }
        #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
        {
            Self { previous: 0 }
        }
    }

    /// Whether flush-to-zero is currently set on this thread.
    #[cfg(test)]
    pub fn is_active() -> bool {
        #[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
        {
            let v = imp::read();
            imp::enabled(v) == v
        }
        #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
        {
            false
        }
    }
}

impl Drop for ScopedFtz {
    fn drop(&mut self) {
        #[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
        imp::write(self.previous);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
    fn guard_flushes_subnormals_and_restores_mode() {
        let before = ScopedFtz::is_active();
        {
            let _g = ScopedFtz::enable();
            assert!(ScopedFtz::is_active());
            let tiny = std::hint::black_box(f32::MIN_POSITIVE);
            let r = std::hint::black_box(tiny) * std::hint::black_box(0.5);
            assert_eq!(r, 0.0, "subnormal result must flush to zero");
        }
        assert_eq!(ScopedFtz::is_active(), before);
    }
}
