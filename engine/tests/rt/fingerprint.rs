//! The fingerprint hasher on the audio thread: no allocation, block-size invariance, reset.

use resonance_engine::Landmark;
use resonance_engine::fingerprint::Hasher;
use resonance_engine::testing::count_allocations;
use resonance_test_support::test_audio_dir as audio_dir;

/// Real programme material: a crowd recording's samples (8-bit PCM WAV, read by hand so this
/// test needs no decoder) repeated with a melody on top, `secs` long at `rate`.
fn programme(rate: u32, secs: f64) -> Vec<f32> {
    let wav = std::fs::read(audio_dir().join("crowd/crowd01.wav")).expect("read crowd01.wav");
    let data = wav.windows(4).position(|w| w == b"data").map_or(44, |p| p + 8);
    let crowd: Vec<f32> = wav[data..].iter().map(|&b| (f32::from(b) - 128.0) / 128.0).collect();
    assert!(crowd.len() > 10_000);
    let n = (f64::from(rate) * secs) as usize;
    let notes = [220.0, 330.0, 440.0, 587.0, 262.0, 392.0, 523.0, 698.0];
    (0..n)
        .map(|i| {
            let t = i as f64 / f64::from(rate);
            let k = (t * 4.0) as usize;
            let f = notes[(k * 5) % notes.len()];
            let env = (-(t * 4.0).fract() * 3.0).exp();
            0.3 * crowd[i % crowd.len()] + (0.4 * env * (2.0 * std::f64::consts::PI * f * t).sin()) as f32
        })
        .collect()
}

fn run(h: &mut Hasher, x: &[f32], block: usize) -> Vec<Landmark> {
    let mut out = Vec::with_capacity(x.len() / 16);
    for chunk in x.chunks(block) {
        h.process(chunk, &mut |l| out.push(l));
    }
    out
}

#[test]
fn hasher_never_allocates() {
    for rate in [22050u32, 44100, 48000, 96000] {
        let x = programme(rate, 150.0);
        for block in [1usize, 7, 64, 512] {
            let mut h = Hasher::new(rate as f32);
            let mut count = 0usize;
            let mut sink = |_l: Landmark| count += 1;
            let ((), allocs) = count_allocations(|| {
                for chunk in x.chunks(block) {
                    h.process(chunk, &mut sink);
                }
                h.reset();
                h.process(&x[..rate as usize], &mut sink);
            });
            assert_eq!(allocs, 0, "{allocs} allocations at {rate} Hz, block {block}");
            assert!(count > 1000, "only {count} landmarks from 150 s at {rate} Hz");
        }
    }
}

#[test]
fn landmarks_do_not_depend_on_block_size() {
    for rate in [44100u32, 48000] {
        let x = programme(rate, 30.0);
        let reference = run(&mut Hasher::new(rate as f32), &x, 512);
        assert!(reference.len() > 500, "{}", reference.len());
        for block in [1usize, 7, 64, 333, 4096] {
            assert_eq!(run(&mut Hasher::new(rate as f32), &x, block), reference, "block {block} at {rate} Hz");
        }
    }
}

#[test]
fn reset_reproduces_landmarks_bit_for_bit() {
    let x = programme(48000, 20.0);
    let mut h = Hasher::new(48000.0);
    let first = run(&mut h, &x, 64);
    let _ = run(&mut h, &programme(48000, 3.0), 100);
    h.reset();
    let second = run(&mut h, &x, 64);
    assert!(!first.is_empty());
    assert_eq!(first, second);
}

#[test]
fn non_finite_input_is_harmless() {
    let mut h = Hasher::new(44100.0);
    let mut x = programme(44100, 5.0);
    for v in x.iter_mut().step_by(97) {
        *v = f32::NAN;
    }
    x[1000] = f32::INFINITY;
    let out = run(&mut h, &x, 64);
    assert!(out.iter().all(|l| l.hash < 1 << resonance_engine::fingerprint::HASH_BITS));
}

/// The engine hashes its main input on the audio thread without allocating, fills the landmark
/// queue, and publishes the hasher's clock (`LandmarkReceiver::frames_hashed`), which keeps
/// advancing through silence so a matcher thread can tell that the music ended.
#[test]
fn engine_publishes_landmarks_and_the_stream_clock_without_allocating() {
    use resonance_engine::fingerprint::{ANALYSIS_RATE, HOP};
    use resonance_engine::{Engine, EngineConfig, Layout};

    for rate in [22050u32, 44100, 48000, 96000] {
        let mut x = programme(rate, 6.0);
        x.extend(std::iter::repeat_n(0.0, 4 * rate as usize));
        for block in [1usize, 7, 64, 512] {
            let (mut p, mut h) = Engine::new(EngineConfig::default()).prepare(f64::from(rate), 512, Layout::MONO).expect("prepare");
            let mut buf = vec![0.0f32; block];
            let mut landmarks = 0usize;
            let mut clock_at_music_end = 0;
            let music_len = 6 * rate as usize;
            for (k, chunk) in x.chunks(block).enumerate() {
                let b = &mut buf[..chunk.len()];
                b.copy_from_slice(chunk);
                let (_, allocs) = count_allocations(|| p.process(&mut [&mut b[..]], None, None));
                assert_eq!(allocs, 0, "{allocs} allocations at {rate} Hz, block {block}");
                while h.landmarks.pop().is_some() {
                    landmarks += 1;
                }
                if (k + 1) * block <= music_len {
                    clock_at_music_end = h.landmarks.frames_hashed();
                }
            }
            let expected = (x.len() as f64 / f64::from(rate) * ANALYSIS_RATE / HOP as f64) as u64;
            let clock = h.landmarks.frames_hashed();
            assert!(clock.abs_diff(expected) <= 2, "clock {clock} frames, expected {expected} ({rate} Hz, block {block})");
            assert!(clock >= clock_at_music_end + 240, "the clock advanced through 4 s of silence: {clock_at_music_end} -> {clock}");
            assert!(landmarks > 500, "only {landmarks} landmarks from 6 s of programme at {rate} Hz, block {block}");
        }
    }
}
