//! The processor's output stage, per sample: ducking of the music under the programme, the
//! music level, the dry/wet mix, the output safety limiter, the bypass crossfade and the
//! music-only bus; and, once per `process()` call, the meters it publishes to the main thread.

use super::processor::EngineProcessor;
use crate::dsp::{db_to_lin, lin_to_db};
use crate::types::Meters;

/// Dry and wet gains for a dry/wet value: both at unity in the middle (0.5), dry only at 0,
/// music only at 1.
pub(super) fn dry_wet_gains(dw: f32) -> (f32, f32) {
    ((2.0 * (1.0 - dw)).min(1.0), (2.0 * dw).min(1.0))
}

impl EngineProcessor {
    /// Mixes the chunk's music (`music_l`/`music_r`) with its input (`in_l`/`in_r`) into
    /// `main[..][off..off + n]` and, if given, the music alone into `music_out`; ducks the
    /// music by up to `duck_depth` dB under the programme (`prog`). Returns the output peak.
    pub(super) fn mix_output(
        &mut self,
        main: &mut [&mut [f32]],
        mut music_out: Option<&mut [&mut [f32]]>,
        off: usize,
        n: usize,
        duck_depth: f32,
    ) -> f32 {
        let stereo = main.len() == 2;
        let mut out_peak = 0.0f32;
        for i in 0..n {
            let x = self.prog[i].abs();
            let coef = if x > self.duck_env { self.duck_attack } else { self.duck_release };
            self.duck_env += (x - self.duck_env) * coef;
            // Full depth from -20 dBFS programme upwards, none below -50 dBFS.
            let amount = ((lin_to_db(self.duck_env) + 50.0) / 30.0).clamp(0.0, 1.0);
            let duck = db_to_lin(-duck_depth * amount);
            self.duck_min_gain = self.duck_min_gain.min(duck);
            let g = self.music_gain.tick() * duck;
            let ml = self.music_l[i] * g;
            let mr = self.music_r[i] * g;
            let dry = self.dry_gain.tick();
            let wet = self.wet_gain.tick();
            let mut ol = dry * self.in_l[i] + wet * ml;
            let mut or = dry * self.in_r[i] + wet * mr;
            self.limiter.process(&mut ol, &mut or);
            let b = self.bypass.tick();
            ol = b * self.in_l[i] + (1.0 - b) * ol;
            or = b * self.in_r[i] + (1.0 - b) * or;
            if !ol.is_finite() {
                ol = 0.0;
            }
            if !or.is_finite() {
                or = 0.0;
            }
            if stereo {
                main[0][off + i] = ol;
                main[1][off + i] = or;
            } else {
                main[0][off + i] = 0.5 * (ol + or);
            }
            out_peak = out_peak.max(ol.abs()).max(or.abs());
            if let Some(m) = music_out.as_deref_mut() {
                let (a, b2) = (ml.clamp(-1.0, 1.0), mr.clamp(-1.0, 1.0));
                let mono = m.len() == 1;
                if let Some(c) = m.get_mut(0).and_then(|c| c.get_mut(off + i)) {
                    *c = if mono { 0.5 * (a + b2) } else { a };
                }
                if let Some(c) = m.get_mut(1).and_then(|c| c.get_mut(off + i)) {
                    *c = b2;
                }
            }
        }
        out_peak
    }

    /// Publishes this `process()` call's [`Meters`] through the triple buffer: the peaks, the
    /// limiter's and the ducker's deepest gain reduction, the counters, the style and moods.
    pub(super) fn publish_meters(&mut self, in_peak: f32, out_peak: f32) {
        let limiter_gr_db = self.limiter.take_reduction_db();
        let (music_momentary_lufs, music_short_term_lufs) = self.synth.music_loudness();
        self.meters.write(Meters {
            time: self.time,
            sample_rate: self.sample_rate,
            input_peak_db: lin_to_db(in_peak),
            output_peak_db: lin_to_db(out_peak),
            limiter_gr_db,
            duck_db: lin_to_db(self.duck_min_gain),
            sanitized_samples: self.sanitized,
            dropped_telemetry: self.dropped_telemetry,
            dropped_landmarks: self.dropped_landmarks,
            style: self.synth.style(),
            mood: self.analysis.mood(),
            target: self.target.into(),
            music_momentary_lufs,
            music_short_term_lufs,
            guard_db: self.guard.gain_db(),
            guard_lapses: self.guard.lapses(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dry_wet_law() {
        assert_eq!(dry_wet_gains(0.0), (1.0, 0.0));
        assert_eq!(dry_wet_gains(0.5), (1.0, 1.0));
        assert_eq!(dry_wet_gains(1.0), (0.0, 1.0));
    }
}
