//! `resonance index` and `resonance identify` on real music from the test-audio set.

use resonance_engine::testing::test_audio_dir as audio_dir;
use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_resonance"))
}

/// Writes `secs` seconds of `file` from `start_s` as a 16-bit WAV (mono mixdown).
fn excerpt(file: &Path, start_s: f64, secs: f64, out: &Path, noise: f32) {
    let d = resonance_engine::decode::decode_file(file).expect("decode test music");
    let mono = d.to_mono();
    let sr = d.sample_rate;
    let a = (start_s * f64::from(sr)) as usize;
    let b = (a + (secs * f64::from(sr)) as usize).min(mono.len());
    let spec = hound::WavSpec { channels: 1, sample_rate: sr, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
    let mut w = hound::WavWriter::create(out, spec).expect("create wav");
    let mut seed = 0x1234_5678u32;
    for &x in &mono[a..b] {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let n = (seed as f32 / u32::MAX as f32 - 0.5) * 2.0 * noise;
        w.write_sample(((x + n).clamp(-1.0, 1.0) * 32767.0) as i16).expect("write wav");
    }
    w.finalize().expect("finish wav");
}

fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out).lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect()
}

#[test]
fn index_then_identify_real_music() {
    let music = audio_dir().join("music");
    let tmp = tempfile::tempdir().expect("tempdir");
    let lib = tmp.path().join("library");
    std::fs::create_dir(&lib).expect("mkdir");
    let names = ["battle", "defeat", "knolls", "sad"];
    for n in names {
        std::fs::copy(music.join(format!("{n}.ogg")), lib.join(format!("{n}.ogg"))).expect("copy");
    }
    std::fs::write(lib.join("notes.txt"), "not audio").expect("write");
    let db = tmp.path().join("music.rfp");

    let out = bin().arg("index").arg(&lib).arg("--db").arg(&db).output().expect("run index");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("warning: skipping") && err.contains("notes.txt"), "{err}");
    assert!(err.contains("4 tracks"), "{err}");

    // Extend the index with one more file.
    let out = bin().arg("index").arg(music.join("wanderer.ogg")).arg("--db").arg(&db).output().expect("run index");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("5 tracks"));

    let q1 = tmp.path().join("q1.wav");
    excerpt(&music.join("knolls.ogg"), 30.0, 5.0, &q1, 0.0);
    let q2 = tmp.path().join("q2.wav");
    excerpt(&music.join("wanderer.ogg"), 12.5, 5.0, &q2, 0.05);
    let neg = tmp.path().join("neg.wav");
    excerpt(&music.join("transience.ogg"), 20.0, 5.0, &neg, 0.0);
    let short = tmp.path().join("short.wav");
    excerpt(&music.join("battle.ogg"), 10.0, 0.5, &short, 0.0);

    let out = bin().arg("identify").args([&q1, &q2, &neg, &short]).arg("--db").arg(&db).arg("--json").output().expect("run identify");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 4);
    for l in &lines {
        let keys: Vec<&str> = l.as_object().expect("object").keys().map(String::as_str).collect();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, ["confidence", "offset_s", "query", "query_ms", "score", "title", "track"]);
    }
    assert_eq!(lines[0]["track"], "knolls");
    assert!((lines[0]["offset_s"].as_f64().unwrap() - 30.0).abs() <= 0.1, "{}", lines[0]);
    assert!(lines[0]["confidence"].as_f64().unwrap() > 0.5);
    assert_eq!(lines[1]["track"], "wanderer");
    assert!((lines[1]["offset_s"].as_f64().unwrap() - 12.5).abs() <= 0.1, "{}", lines[1]);
    assert!(lines[2]["track"].is_null(), "negative matched: {}", lines[2]);
    assert!(lines[3]["track"].is_null());
    assert!(String::from_utf8_lossy(&out.stderr).contains("too short to identify"));

    // Human output.
    let out = bin().arg("identify").arg(&q1).arg("--db").arg(&db).output().expect("run identify");
    assert!(String::from_utf8_lossy(&out.stdout).contains("knolls"));

    // Remove a track: the query no longer matches it.
    let out = bin().args(["index", "knolls", "--remove", "--db"]).arg(&db).output().expect("run index --remove");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = bin().arg("identify").arg(&q1).arg("--db").arg(&db).arg("--json").output().expect("run identify");
    assert!(json_lines(&out.stdout)[0]["track"].is_null());
}

#[test]
fn corrupt_index_is_a_clear_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("bad.rfp");
    std::fs::write(&db, b"RSNFPIDX\x01\x00\x00\x00garbage garbage garbage garbage").expect("write");
    let q = tmp.path().join("q.wav");
    excerpt(&audio_dir().join("music/sad.ogg"), 1.0, 2.0, &q, 0.0);
    let out = bin().arg("identify").arg(&q).arg("--db").arg(&db).output().expect("run identify");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("rebuild it with `resonance index"), "{err}");
    // Indexing into it refuses too instead of overwriting.
    let out = bin().arg("index").arg(&q).arg("--db").arg(&db).output().expect("run index");
    assert!(!out.status.success());
    assert!(std::fs::read(&db).expect("read").starts_with(b"RSNFPIDX\x01\x00\x00\x00garbage"));
}

/// Music through the real engine: the streaming recogniser names the track within 3 s of it
/// becoming audible and reports "ended" after it stops.
#[test]
fn streaming_recognition_through_the_engine() {
    use resonance_engine::fingerprint::FRAME_S;
    use resonance_engine::fingerprint::index::{Index, build_entries};
    use resonance_engine::fingerprint::stream::{RecognitionEvent, StreamRecognizer};
    use resonance_engine::{Engine, EngineConfig, Layout};

    let music = audio_dir().join("music");
    let mut index = Index::new();
    let items = ["knolls", "sad", "battle"].iter().map(|n| build_entries(&music.join(format!("{n}.ogg"))).expect("index track")).collect();
    index.add_tracks(items);
    let index = std::sync::Arc::new(index);

    let d = resonance_engine::decode::decode_file(&music.join("knolls.ogg")).expect("decode");
    let sr = d.sample_rate;
    let mono = d.to_mono();
    let (silence_s, music_s, tail_s) = (2.0, 12.0, 8.0);
    let start = (40.0 * f64::from(sr)) as usize;
    let mut signal = vec![0.0f32; (silence_s * f64::from(sr)) as usize];
    signal.extend_from_slice(&mono[start..start + (music_s * f64::from(sr)) as usize]);
    signal.extend(std::iter::repeat_n(0.0f32, (tail_s * f64::from(sr)) as usize));

    let engine = Engine::new(EngineConfig::default());
    let (mut proc, mut handle) = engine.prepare(f64::from(sr), 512, Layout::MONO).expect("prepare");
    let mut rec = StreamRecognizer::new(index);
    let mut events: Vec<(f64, RecognitionEvent)> = Vec::new();
    let mut done = 0usize;
    for block in signal.chunks(512) {
        let mut buf = block.to_vec();
        proc.process(&mut [&mut buf[..]], None, None);
        done += block.len();
        let now = done as f64 / f64::from(sr);
        while let Some(l) = handle.landmarks.pop() {
            rec.push(l, &mut |e| events.push((now, e)));
        }
        rec.advance_to((now / FRAME_S) as u32, &mut |e| events.push((now, e)));
    }
    let playing = events.iter().find(|(_, e)| matches!(e, RecognitionEvent::NowPlaying { .. })).expect("no now-playing event");
    let RecognitionEvent::NowPlaying { name, offset_s, confidence, .. } = &playing.1 else { unreachable!() };
    assert_eq!(name, "knolls");
    let latency = playing.0 - silence_s;
    assert!(latency <= 3.0, "recognised {latency:.2} s after the music started");
    // The reported position is where the music is in the track at that stream time (within
    // the pairing delay).
    let expected = 40.0 + latency;
    assert!((offset_s - expected).abs() < 2.5, "offset {offset_s:.2} vs {expected:.2}");
    assert!(*confidence > 0.5);
    let ended = events.iter().find(|(_, e)| matches!(e, RecognitionEvent::Ended { .. })).expect("no ended event");
    let after_stop = ended.0 - silence_s - music_s;
    // Landmarks of the last window keep matching until they leave it (4 s), then 2.5 s pass.
    assert!((0.0..=7.0).contains(&after_stop), "ended {after_stop:.2} s after the music stopped");
    assert_eq!(events.iter().filter(|(_, e)| matches!(e, RecognitionEvent::NowPlaying { .. })).count(), 1, "{events:?}");
}
