//! Loading test audio: WAV files through hound (the crowd and event clips of the test-audio set
//! are WAV), mixed to mono and brought to a rate by linear interpolation.
//!
//! Compressed files (the Ogg music of the test-audio set) go through the project's own decoder
//! instead, so that a test exercises the code it ships.

use std::path::Path;

/// Reads a WAV file: its spec and the interleaved samples as `f32` in -1..1.
///
/// # Panics
/// When the file cannot be opened or a sample cannot be read, naming the file.
pub fn read_wav(path: &Path) -> (hound::WavSpec, Vec<f32>) {
    let mut r = hound::WavReader::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let spec = r.spec();
    let samples = match spec.sample_format {
        hound::SampleFormat::Float => r.samples::<f32>().map(|s| s.unwrap_or_else(|e| panic!("{}: {e}", path.display()))).collect(),
        hound::SampleFormat::Int => {
            let scale = 1.0 / (1u64 << (spec.bits_per_sample - 1)) as f32;
            r.samples::<i32>().map(|s| s.unwrap_or_else(|e| panic!("{}: {e}", path.display())) as f32 * scale).collect()
        }
    };
    (spec, samples)
}

/// Reads a WAV file as mono (the mean of its channels) at its own rate: (rate, samples).
///
/// # Panics
/// As [`read_wav`].
pub fn read_wav_mono(path: &Path) -> (u32, Vec<f32>) {
    let (spec, samples) = read_wav(path);
    let ch = usize::from(spec.channels.max(1));
    (spec.sample_rate, samples.chunks(ch).map(|c| c.iter().sum::<f32>() / ch as f32).collect())
}

/// Linear-interpolation resampling from `from` Hz to `to` Hz: enough for test material that the
/// code under test band-limits itself; not a production resampler.
pub fn resample_linear(x: &[f32], from: u32, to: u32) -> Vec<f32> {
    if from == to {
        return x.to_vec();
    }
    let n = (x.len() as u64 * u64::from(to) / u64::from(from)) as usize;
    (0..n)
        .map(|i| {
            let pos = i as f64 * f64::from(from) / f64::from(to);
            let k = pos as usize;
            let a = x.get(k).copied().unwrap_or(0.0);
            let b = x.get(k + 1).copied().unwrap_or(a);
            a + (b - a) * (pos - k as f64) as f32
        })
        .collect()
}

/// A WAV file as mono at `rate` ([`read_wav_mono`], then [`resample_linear`]).
///
/// # Panics
/// As [`read_wav`].
pub fn wav_mono_at(path: &Path, rate: u32) -> Vec<f32> {
    let (from, mono) = read_wav_mono(path);
    resample_linear(&mono, from, rate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assert_slice_close;

    #[test]
    fn reads_int_and_float_wavs_and_mixes_to_mono() {
        let dir = std::env::temp_dir().join(format!("resonance-test-support-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let int = dir.join("int.wav");
        let spec = hound::WavSpec { channels: 2, sample_rate: 8000, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
        let mut w = hound::WavWriter::create(&int, spec).unwrap();
        for s in [16384i16, -16384, 8192, 8192] {
            w.write_sample(s).unwrap();
        }
        w.finalize().unwrap();
        let (spec_read, x) = read_wav(&int);
        assert_eq!(spec_read.channels, 2);
        assert_slice_close(&x, &[0.5, -0.5, 0.25, 0.25], 0.0);
        let (rate, mono) = read_wav_mono(&int);
        assert_eq!(rate, 8000);
        assert_slice_close(&mono, &[0.0, 0.25], 0.0);

        let float = dir.join("float.wav");
        let spec = hound::WavSpec { channels: 1, sample_rate: 8000, bits_per_sample: 32, sample_format: hound::SampleFormat::Float };
        let mut w = hound::WavWriter::create(&float, spec).unwrap();
        for s in [0.125f32, -0.75] {
            w.write_sample(s).unwrap();
        }
        w.finalize().unwrap();
        assert_slice_close(&wav_mono_at(&float, 16000), &[0.125, -0.3125, -0.75, -0.75], 1e-7);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn resampling_keeps_the_same_rate_bit_exact() {
        let x = [0.1f32, -0.3, 0.7];
        assert_eq!(resample_linear(&x, 48_000, 48_000), x);
        assert_eq!(resample_linear(&x, 48_000, 24_000).len(), 1);
    }
}
