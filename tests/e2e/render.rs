//! `resonance render`, `resonance demo` and `resonance presets`.

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
