//! `resonance render`, `resonance demo` and `resonance presets`.

use resonance_test_support::level::{best_offset, envelope_5ms};

use crate::common::{files_in, read_wav, resonance, stderr, stdout, test_audio};

#[test]
fn renders_real_8bit_crowd_wav_and_ogg_music() {
    let dir = tempfile::tempdir().unwrap();
    for (rel, rate, seconds) in [("crowd/crowd01.wav", 22_050u32, 7.05f64), ("music/defeat2.ogg", 44_100, 14.165)] {
        let src = test_audio(rel);
        let out = dir.path().join("out.wav");
        let o = resonance(dir.path(), &["render", "--in", src.to_str().unwrap(), "--out", "out.wav"]);
        assert!(o.status.success(), "{rel}: {}", stderr(&o));
        let (spec, samples) = read_wav(&out);
        assert_eq!(spec.sample_rate, rate, "{rel}: keeps the input rate");
        assert_eq!(spec.channels, 2);
        let secs = samples.len() as f64 / 2.0 / f64::from(rate);
        assert!((secs - seconds).abs() < 0.05, "{rel}: {secs} s");
        let peak = samples.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        assert!(peak > 0.01 && peak <= 0.892, "{rel}: audible and under the -1 dBFS ceiling, peak {peak}");
        assert!(stderr(&o).contains("wrote"), "{}", stderr(&o));
        std::fs::remove_file(&out).unwrap();
    }
}

#[test]
fn resamples_when_asked_and_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let src = test_audio("events/refwhistleshort.wav");
    for name in ["a.wav", "b.wav"] {
        let o = resonance(
            dir.path(),
            &["render", "--in", src.to_str().unwrap(), "--out", name, "--rate", "48000", "--seed", "9", "--format", "f32"],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let (sa, a) = read_wav(&dir.path().join("a.wav"));
    let (_, b) = read_wav(&dir.path().join("b.wav"));
    assert_eq!(sa.sample_rate, 48_000);
    assert_eq!(sa.sample_format, hound::SampleFormat::Float);
    assert_eq!(a, b, "same input, preset and seed: identical output");
}

/// Every bad input: non-zero exit, a message that says what is wrong, and no output file
/// (not even a temporary) left behind.
#[test]
fn bad_inputs_fail_cleanly_and_leave_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let real = std::fs::read(test_audio("crowd/crowd01.wav")).unwrap();
    std::fs::write(dir.path().join("truncated.wav"), &real[..real.len() / 3]).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "this is a text file, not audio\n".repeat(50)).unwrap();
    std::fs::write(dir.path().join("empty.wav"), b"").unwrap();
    let before = files_in(dir.path());
    let cases: [(&str, &[&str]); 5] = [
        ("truncated.wav", &["truncated"]),
        ("/dev/null", &["empty"]),
        ("notes.txt", &["not an audio file"]),
        ("empty.wav", &["empty"]),
        ("missing.flac", &["No such file"]),
    ];
    for (input, expect) in cases {
        let o = resonance(dir.path(), &["render", "--in", input, "--out", "out.wav"]);
        let err = stderr(&o);
        assert!(!o.status.success(), "{input}: must fail");
        assert!(err.starts_with("error:") && expect.iter().all(|e| err.contains(e)), "{input}: unclear error: {err}");
        assert!(err.contains(input.trim_start_matches("/dev/")), "{input}: the error names the file: {err}");
        assert_eq!(files_in(dir.path()), before, "{input}: left files behind");
    }
}

#[test]
fn unknown_preset_lists_the_available_ones() {
    let dir = tempfile::tempdir().unwrap();
    let src = test_audio("events/refwhistleshort.wav");
    let o = resonance(dir.path(), &["render", "--in", src.to_str().unwrap(), "--out", "x.wav", "--preset", "polka-disco"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("polka-disco") && err.contains("stadium-anthem"), "{err}");
    assert!(!dir.path().join("x.wav").exists());
    let o = resonance(dir.path(), &["presets", "--params"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("stadium-anthem") && stdout(&o).contains("music_level"));
}

#[test]
fn demo_renders_the_scripted_match() {
    let dir = tempfile::tempdir().unwrap();
    let o = resonance(dir.path(), &["demo", "--duration", "12", "--out", "demo.wav", "--rate", "22050"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (spec, samples) = read_wav(&dir.path().join("demo.wav"));
    assert_eq!(spec.sample_rate, 22_050);
    assert_eq!(samples.len(), 12 * 22_050 * 2);
    assert!(stdout(&o).contains("kick-off whistle"));
}

/// `render --rate` from 1 kHz to 768 kHz: outside 22.05-192 kHz the engine runs at the nearest
/// of those behind its rate converter. Over silence the music alone: the WAV has the rate and
/// the input's length, is finite, and the music keeps the tempo and timeline of the music the
/// engine makes natively at the rate it runs at there (22.05 kHz below, 192 kHz above).
/// Through `demo` (the same render loop) the kick-off whistle at 3 s is detected at the time
/// it is at the engine's native rate wherever the rate carries its 3.4 kHz.
#[test]
fn render_serves_1_khz_to_768_khz_with_tempo_and_events_in_time() {
    let dir = tempfile::tempdir().unwrap();
    let seconds = 6u32;
    let silence = dir.path().join("silence.wav");
    let spec = hound::WavSpec { channels: 2, sample_rate: 48_000, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
    let mut w = hound::WavWriter::create(&silence, spec).unwrap();
    for _ in 0..seconds * 48_000 * 2 {
        w.write_sample(0i16).unwrap();
    }
    w.finalize().unwrap();
    let render = |rate: u32| {
        let name = format!("r{rate}.wav");
        let o = resonance(
            dir.path(),
            &["render", "--in", silence.to_str().unwrap(), "--out", &name, "--rate", &rate.to_string(), "--seed", "5", "--format", "f32"],
        );
        assert!(o.status.success(), "{rate} Hz: {}", stderr(&o));
        let (spec, samples) = read_wav(&dir.path().join(&name));
        std::fs::remove_file(dir.path().join(&name)).unwrap();
        assert_eq!(spec.sample_rate, rate);
        let frames = samples.len() / 2;
        let want = (seconds * rate) as usize;
        assert!(frames.abs_diff(want) <= 1, "{rate} Hz: {frames} frames for {seconds} s ({want})");
        assert!(samples.iter().all(|x| x.is_finite()), "{rate} Hz: non-finite output");
        envelope_5ms(samples.iter().step_by(2).copied(), f64::from(rate))
    };
    let references = [(22_050, render(22_050)), (192_000, render(192_000))];
    for (_, env) in &references {
        assert!(env.iter().any(|&v| v > 1e-3), "the music plays over silence");
    }
    eprintln!("rate (Hz) | engine (Hz) | tempo error (%) | offset first/last 2 s (ms) | correlation");
    for rate in [1_000, 8_000, 12_345, 768_000] {
        let (inner, reference) = if rate < 22_050 { &references[0] } else { &references[1] };
        let env = render(rate);
        let n = reference.len().min(env.len());
        let (early, c1) = best_offset(&env, reference, 40..440, 20);
        let (late, c2) = best_offset(&env, reference, n - 420..n - 20, 20);
        // the two spans' centres are 740 frames (3.7 s) apart
        let tempo_error = (late - early) / 740.0 * 100.0;
        eprintln!("{rate:>9} | {inner} | {tempo_error:+.3} | {:+.1} / {:+.1} | {:.3}", early * 5.0, late * 5.0, c1.min(c2));
        assert!(c1.min(c2) > 0.8, "{rate} Hz: the music differs from the music at {inner} Hz ({c1}, {c2})");
        assert!(tempo_error.abs() <= 0.25, "{rate} Hz: tempo off by {tempo_error} %");
        assert!(early.abs() * 5.0 <= 10.0, "{rate} Hz: the music is {} ms off its timeline", early * 5.0);
    }

    // Crowd events, through `demo`: the kick-off whistle (3.4 kHz) at 3 s.
    let whistle = |rate: u32| -> Option<f64> {
        let o = resonance(dir.path(), &["demo", "--duration", "5", "--out", "demo.wav", "--rate", &rate.to_string()]);
        assert!(o.status.success(), "demo at {rate} Hz: {}", stderr(&o));
        let (spec, samples) = read_wav(&dir.path().join("demo.wav"));
        assert_eq!((spec.sample_rate, samples.len()), (rate, 5 * rate as usize * 2), "demo at {rate} Hz: rate and length");
        assert!(samples.iter().all(|x| x.is_finite()));
        stdout(&o).lines().find(|l| l.contains("event whistle")).and_then(|l| l.split_whitespace().next()?.parse().ok())
    };
    let reference = whistle(22_050).expect("the kick-off whistle is detected at 22.05 kHz");
    for rate in [1_000, 8_000, 12_345, 768_000] {
        let at = whistle(rate);
        eprintln!("{rate:>9} Hz: whistle at {at:?} s (22.05 kHz: {reference} s)");
        if rate >= 8_000 {
            let at = at.unwrap_or_else(|| panic!("{rate} Hz: the whistle is not detected"));
            assert!((at - reference).abs() <= 0.05, "{rate} Hz: whistle at {at} s, at 22.05 kHz {reference} s");
        }
    }
}
