//! `resonance analyze`: timeline, JSON shape, plot, and a clear error on a bad file.

use resonance_test_support::test_audio_dir as audio_dir;
use std::process::Command;

fn resonance() -> Command {
    Command::new(env!("CARGO_BIN_EXE_resonance"))
}

#[test]
fn analyze_json_has_the_documented_shape_and_finds_the_whistle() {
    let file = audio_dir().join("events/refwhistlelong.wav");
    let out = resonance().args(["analyze", "--json"]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is one JSON document");
    let obj = doc.as_object().unwrap();
    assert_eq!(obj.len(), 2, "{doc}");
    let events = doc["events"].as_array().unwrap();
    let moods = doc["mood"].as_array().unwrap();
    assert!(events.iter().any(|e| e["kind"] == "whistle"), "{doc}");
    for e in events {
        assert_eq!(e.as_object().unwrap().len(), 3);
        let c = e["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c));
        assert!(e["t"].as_f64().unwrap() >= 0.0);
        assert!(
            ["goal_roar", "whistle", "applause", "chant_start", "chant_end", "booing", "near_miss"].contains(&e["kind"].as_str().unwrap())
        );
    }
    // 2.24 s of audio: a mood every 0.5 s.
    assert_eq!(moods.len(), 4, "{doc}");
    for m in moods {
        assert_eq!(m.as_object().unwrap().len(), 5);
        for k in ["valence", "arousal"] {
            assert!((-1.0..=1.0).contains(&m[k].as_f64().unwrap()));
        }
        assert!(m["label"].is_string());
    }
}

#[test]
fn analyze_prints_a_timeline_and_draws_a_plot() {
    let file = audio_dir().join("crowd/crowd05.wav");
    let dir = tempfile::tempdir().unwrap();
    for name in ["arc.png", "arc.svg"] {
        let plot = dir.path().join(name);
        let out = resonance().arg("analyze").arg(&file).arg("--plot").arg(&plot).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.lines().filter(|l| l.contains(" mood ")).count() >= 20, "{text}");
        assert!(text.contains("chant_start"), "{text}");
        // the timeline is in time order: events sit at their onsets among the moods (a chant is
        // decided seconds after it starts)
        let times: Vec<f64> = text.lines().skip(1).map(|l| l.trim_start().split('s').next().unwrap().parse().unwrap()).collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "the timeline is not in time order:\n{text}");
        assert!(times.len() > 20 && text.lines().any(|l| l.contains("EVENT")), "{text}");
        let len = std::fs::metadata(&plot).unwrap().len();
        assert!(len > 2_000, "{name}: {len} bytes");
    }
    // the SVG names the mood labels in its strip (the chant is labelled, not only marked)
    let svg = std::fs::read_to_string(dir.path().join("arc.svg")).unwrap();
    assert!(svg.contains("\ncalm\n") && svg.contains("\nchanting\n"), "the plot's label strip");
}

#[test]
fn analyze_rejects_an_unreadable_file_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("not-audio.wav");
    std::fs::write(&bad, b"this is not a wav file").unwrap();
    for path in [bad, dir.path().join("missing.wav")] {
        let out = resonance().arg("analyze").arg(&path).output().unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot read") && err.contains("check that the file exists"), "{err}");
        assert!(err.contains(&path.file_name().unwrap().to_string_lossy().to_string()), "{err}");
        // the cause is said once (a chained I/O error printed it twice)
        assert!(err.matches("os error").count() <= 1, "{err}");
    }
}

/// Runs `resonance ARGS` and fails if it has not finished within `limit` (a hang is the bug
/// this guards against: the pitch picker once looped forever on NaN).
fn run_bounded(args: &[&std::ffi::OsStr], limit: std::time::Duration) -> std::process::Output {
    let mut child =
        resonance().args(args).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().expect("run resonance");
    let start = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("resonance {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

/// A named sample generator: sample index -> value.
type Pattern = (&'static str, fn(usize) -> f32);

#[test]
fn hostile_float_samples_never_hang_analyze_or_highlight() {
    let dir = tempfile::tempdir().unwrap();
    let spec = hound::WavSpec { channels: 1, sample_rate: 48_000, bits_per_sample: 32, sample_format: hound::SampleFormat::Float };
    // 2 s each of: ±1e30, alternating ±f32::MAX, NaN/±Inf bursts between a quiet tone, and
    // denormals.
    let patterns: [Pattern; 4] = [
        ("huge", |i| if i % 2 == 0 { 1e30 } else { -1e30 }),
        ("extremes", |i| if (i / 7) % 2 == 0 { f32::MAX } else { f32::MIN }),
        ("nonfinite", |i| match i % 97 {
            0 => f32::NAN,
            1 => f32::INFINITY,
            2 => f32::NEG_INFINITY,
            _ => 0.1 * (i as f32 * 0.05).sin(),
        }),
        ("denormal", |i| if i % 2 == 0 { 1e-40 } else { -1e-42 }),
    ];
    for (name, f) in patterns {
        let wav = dir.path().join(format!("{name}.wav"));
        let mut w = hound::WavWriter::create(&wav, spec).unwrap();
        for i in 0..96_000 {
            w.write_sample(f(i)).unwrap();
        }
        w.finalize().unwrap();
        let limit = std::time::Duration::from_mins(2);
        let out = run_bounded(&["analyze".as_ref(), "--json".as_ref(), wav.as_os_str()], limit);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
        for m in doc["mood"].as_array().unwrap() {
            assert!(m["valence"].as_f64().unwrap().is_finite() && m["arousal"].as_f64().unwrap().is_finite(), "{name}: {m}");
        }
        let soundtrack = dir.path().join(format!("{name}-highlight.wav"));
        let out = run_bounded(&["highlight".as_ref(), wav.as_os_str(), "--out".as_ref(), soundtrack.as_os_str()], limit);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let mut r = hound::WavReader::open(&soundtrack).unwrap();
        assert!(r.samples::<f32>().all(|s| s.is_ok_and(f32::is_finite)) || r.spec().sample_format == hound::SampleFormat::Int, "{name}");
    }
}

/// Peak resident memory (`VmHWM`, kB) of `resonance` run with `args`, read from /proc while it
/// runs (the high-water mark only grows, so the last reading before it exits is its peak up
/// to the last few milliseconds).
#[cfg(target_os = "linux")]
fn peak_rss_kb(args: &[&std::ffi::OsStr]) -> u64 {
    let mut child = resonance().args(args).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(kb) =
                text.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        {
            peak = kb;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(peak > 0, "no memory reading of the child");
    peak
}

/// Writes `secs` seconds of a real crowd recording, looped, as 48 kHz stereo 16-bit WAV.
fn looped_crowd(path: &std::path::Path, secs: usize) {
    let d = resonance_io::decode::decode_file(&audio_dir().join("crowd/crowd05.wav")).unwrap().resampled(48_000).unwrap();
    let [l, r] = d.to_stereo();
    let spec = hound::WavSpec { channels: 2, sample_rate: 48_000, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
    let mut w = hound::WavWriter::create(path, spec).unwrap();
    for i in 0..secs * 48_000 {
        for s in [l[i % l.len()], r[i % r.len()]] {
            w.write_sample((s.clamp(-1.0, 1.0) * 32767.0) as i16).unwrap();
        }
    }
    w.finalize().unwrap();
}

/// Memory bounded by design (decision record 0023): the decoder hands out chunks of at most
/// `MAX_CHUNK_FRAMES` whatever the file's length, adding up to the whole file, and `analyze`
/// of 120 s needs no more memory than of 20 s, give or take 16 MB (holding the decoded file, as
/// it once did, costs 58 MB more for the extra 100 s).
#[test]
fn file_commands_memory_does_not_grow_with_length() {
    use resonance_io::decode::{DecodeStream, MAX_CHUNK_FRAMES, decode_file};
    let dir = tempfile::tempdir().unwrap();
    let (short, long) = (dir.path().join("short.wav"), dir.path().join("long.wav"));
    looped_crowd(&short, 20);
    looped_crowd(&long, 120);
    let mut stream = DecodeStream::open(&long).unwrap();
    let (mut frames, mut chunks) = (0usize, 0usize);
    while let Some(chunk) = stream.next_chunk().unwrap() {
        assert_eq!(chunk.len(), 2);
        assert!((1..=MAX_CHUNK_FRAMES).contains(&chunk[0].len()) && chunk[1].len() == chunk[0].len(), "{}", chunk[0].len());
        frames += chunk[0].len();
        chunks += 1;
    }
    assert_eq!(frames, 120 * 48_000);
    assert_eq!(frames, decode_file(&long).unwrap().frames());
    assert!(chunks >= frames / MAX_CHUNK_FRAMES);
    #[cfg(target_os = "linux")]
    {
        let a = peak_rss_kb(&["analyze".as_ref(), "--json".as_ref(), short.as_os_str()]);
        let b = peak_rss_kb(&["analyze".as_ref(), "--json".as_ref(), long.as_os_str()]);
        assert!(b < a + 16 * 1024, "analyze: peak {a} kB for 20 s, {b} kB for 120 s");
    }
}
