//! `resonance index` and `resonance identify` on real music from the test-audio set.

use resonance_test_support::test_audio_dir as audio_dir;
use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_resonance"))
}

/// Writes `secs` seconds of `file` from `start_s` as a 16-bit WAV (mono mixdown), with
/// deterministic white noise of peak `noise` added (xorshift32, fixed seed).
pub(crate) fn excerpt(file: &Path, start_s: f64, secs: f64, out: &Path, noise: f32) {
    let d = resonance_io::decode::decode_file(file).expect("decode test music");
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

/// Writes `x` (mono, 44.1 kHz) as a 16-bit WAV.
fn write_wav(out: &Path, x: &[f32]) {
    let spec = hound::WavSpec { channels: 1, sample_rate: 44100, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
    let mut w = hound::WavWriter::create(out, spec).expect("create wav");
    for &s in x {
        w.write_sample((s.clamp(-1.0, 1.0) * 32767.0) as i16).expect("write wav");
    }
    w.finalize().expect("finish wav");
}

/// Queries with no music in them (digital silence, white noise, a real crowd recording, a
/// 0.8 s clip) answer "no match" or "too short", never a track and never a crash; an index
/// written by another format version is refused with an error naming the command that
/// rebuilds it.
#[test]
fn queries_without_music_and_an_old_index_get_clear_answers() {
    let music = audio_dir().join("music");
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("music.rfp");
    let out = bin().arg("index").arg(music.join("battle.ogg")).arg(music.join("sad.ogg")).arg("--db").arg(&db).output().expect("run index");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let silence = tmp.path().join("silence.wav");
    write_wav(&silence, &vec![0.0; 44100 * 5]);
    let noise = tmp.path().join("noise.wav");
    let mut seed = 0x9e37_79b9u32;
    let white: Vec<f32> = (0..44100 * 5)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            (seed as f32 / u32::MAX as f32 - 0.5) * 0.5
        })
        .collect();
    write_wav(&noise, &white);
    let crowd = tmp.path().join("crowd.wav");
    excerpt(&audio_dir().join("crowd/crowd01.wav"), 0.0, 5.0, &crowd, 0.0);
    let short = tmp.path().join("short.wav");
    excerpt(&music.join("sad.ogg"), 10.0, 0.8, &short, 0.0);
    let out =
        bin().arg("identify").args([&silence, &noise, &crowd, &short]).arg("--db").arg(&db).arg("--json").output().expect("run identify");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 4, "{err}");
    for l in &lines {
        assert!(l["track"].is_null(), "a query without indexed music matched: {l}");
    }
    assert!(err.contains("too short to identify"), "{err}");

    // The same index with another format version in its header.
    let mut bytes = std::fs::read(&db).expect("read index");
    bytes[8] = bytes[8].wrapping_sub(1);
    let old = tmp.path().join("old.rfp");
    std::fs::write(&old, &bytes).expect("write old index");
    let out = bin().arg("identify").arg(&silence).arg("--db").arg(&old).output().expect("run identify");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("format version") && err.contains("resonance index") && err.contains("--db"), "{err}");
}

/// Music through the real engine: the streaming recogniser names the track within 3 s of it
/// becoming audible and reports "ended" after it stops.
#[test]
fn streaming_recognition_through_the_engine() {
    use resonance_engine::fingerprint::hasher::EMIT_DELAY_FRAMES;
    use resonance_engine::{Engine, EngineConfig, Layout};
    use resonance_io::fingerprint::index::{Index, build_entries};
    use resonance_io::fingerprint::stream::{RecognitionEvent, StreamRecognizer};

    let music = audio_dir().join("music");
    let mut index = Index::new();
    let items = ["knolls", "sad", "battle"].iter().map(|n| build_entries(&music.join(format!("{n}.ogg"))).expect("index track")).collect();
    index.add_tracks(items);
    let index = std::sync::Arc::new(index);

    let d = resonance_io::decode::decode_file(&music.join("knolls.ogg")).expect("decode");
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
        // stream time from the engine's clock: the anchors whose landmarks are out by now
        let anchor = handle.landmarks.frames_hashed().saturating_sub(u64::from(EMIT_DELAY_FRAMES));
        rec.advance_to(anchor as u32, &mut |e| events.push((now, e)));
    }
    let playing = events.iter().find(|(_, e)| matches!(e, RecognitionEvent::NowPlaying { .. })).expect("no now-playing event");
    let RecognitionEvent::NowPlaying { name, offset_s, confidence, .. } = &playing.1 else { unreachable!() };
    assert_eq!(name, "knolls");
    let latency = playing.0 - silence_s;
    assert!(latency <= 3.0, "recognised {latency:.2} s after the music started");
    let RecognitionEvent::NowPlaying { at_s, .. } = &playing.1 else { unreachable!() };
    assert!((at_s - playing.0).abs() < 0.1, "the event's stream time {at_s:.2} is the engine's {:.2}", playing.0);
    // The reported position is where the music is in the track at that stream time (within
    // the pairing delay).
    let expected = 40.0 + latency;
    assert!((offset_s - expected).abs() < 2.5, "offset {offset_s:.2} vs {expected:.2}");
    assert!(*confidence > 0.5);
    let ended = events.iter().find(|(_, e)| matches!(e, RecognitionEvent::Ended { .. })).expect("no ended event");
    let after_stop = ended.0 - silence_s - music_s;
    // The last landmarks come out 1.2 s after the audio, then 2.5 s without fresh ones.
    assert!((0.0..=5.0).contains(&after_stop), "ended {after_stop:.2} s after the music stopped");
    assert_eq!(events.iter().filter(|(_, e)| matches!(e, RecognitionEvent::NowPlaying { .. })).count(), 1, "{events:?}");
}

/// The live recogniser under commentary at 0 dB (espeak-ng speech at the music's RMS, as in
/// `guard-eval`), in stream time through the real engine: 36 s of three tracks that are not in
/// the index name nothing (each name would be a false duck of the copyright guard); an
/// indexed track after them is named, at its position.
#[test]
fn live_recognition_under_commentary_names_only_indexed_music() {
    use resonance_engine::fingerprint::hasher::EMIT_DELAY_FRAMES;
    use resonance_engine::{Engine, EngineConfig, Layout};
    use resonance_io::decode::{decode_file, resample};
    use resonance_io::fingerprint::index::{Index, build_entries};
    use resonance_io::fingerprint::stream::{RecognitionEvent, StreamRecognizer};

    const SR: u32 = 44_100;
    let load = |p: &Path| {
        let d = decode_file(p).expect("decode");
        resample(&d.to_mono(), d.sample_rate, SR).expect("resample")
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let wav = dir.path().join("commentary.wav");
    let said = "And he shoots, the keeper dives, and the ball goes just wide of the far post. \
                Welcome back to the second half here at a packed stadium on a cold evening. \
                That is the third corner in a row, and the pressure is building on the visitors now.";
    let ok = Command::new("espeak-ng").args(["-v", "en", "-s", "160", "-w"]).arg(&wav).arg(said).status().is_ok_and(|s| s.success());
    assert!(ok, "espeak-ng failed: install the Debian package espeak-ng (scripts/setup.sh)");
    let speech = load(&wav);

    let music = audio_dir().join("music");
    let mut index = Index::new();
    index.add_tracks(
        ["knolls", "sad", "battle"].iter().map(|n| build_entries(&music.join(format!("{n}.ogg"))).expect("index track")).collect(),
    );
    let index = std::sync::Arc::new(index);
    let piece_s = 12.0;
    let n = (piece_s * f64::from(SR)) as usize;
    let mut programme = Vec::new();
    for (name, from_s) in [("frantic", 30.0), ("suspense", 40.0), ("northerners", 20.0), ("knolls", 60.0)] {
        let x = load(&music.join(format!("{name}.ogg")));
        let a = (from_s * f64::from(SR)) as usize;
        programme.extend_from_slice(&x[a..a + n]);
    }
    // Commentary at the RMS of the music under it, second by second.
    let rms = |x: &[f32]| (x.iter().map(|v| v * v).sum::<f32>() / x.len().max(1) as f32).sqrt();
    let speech_rms = rms(&speech).max(1e-6);
    for (k, sec) in programme.chunks_mut(SR as usize).enumerate() {
        let g = rms(sec) / speech_rms;
        for (i, v) in sec.iter_mut().enumerate() {
            *v = 0.5 * (*v + g * speech[(k * SR as usize + i) % speech.len()]);
        }
    }

    let (mut proc, mut handle) = Engine::new(EngineConfig::default()).prepare(f64::from(SR), 512, Layout::MONO).expect("prepare");
    let mut rec = StreamRecognizer::new(index);
    let mut events: Vec<(f64, RecognitionEvent)> = Vec::new();
    let mut done = 0usize;
    for block in programme.chunks(512) {
        let mut buf = block.to_vec();
        proc.process(&mut [&mut buf[..]], None, None);
        done += block.len();
        let now = done as f64 / f64::from(SR);
        while let Some(l) = handle.landmarks.pop() {
            rec.push(l, &mut |e| events.push((now, e)));
        }
        let anchor = handle.landmarks.frames_hashed().saturating_sub(u64::from(EMIT_DELAY_FRAMES));
        rec.advance_to(anchor as u32, &mut |e| events.push((now, e)));
    }
    let named: Vec<(f64, String, f64)> = events
        .into_iter()
        .filter_map(|(now, e)| match e {
            RecognitionEvent::NowPlaying { name, offset_s, .. } => Some((now, name, offset_s)),
            _ => None,
        })
        .collect();
    let known_from = 3.0 * piece_s;
    let false_names: Vec<_> = named.iter().filter(|n| n.0 < known_from || n.1 != "knolls").collect();
    assert!(false_names.is_empty(), "music not in the index was named: {false_names:?}");
    let first = named.first().expect("the indexed track under commentary was not named");
    assert_eq!(first.1, "knolls", "{named:?}");
    // Its position in the track at the event: 60 s in at `known_from`, within the pairing delay.
    let expected = 60.0 + first.0 - known_from;
    assert!((first.2 - expected).abs() < 2.5, "offset {:.2} s vs {expected:.2} s", first.2);
}

/// The recogniser's own thread (`StreamRecognizer::spawn`), fed from `EngineHandle::landmarks`
/// while the engine plays music in real-time-sized blocks, names the track and reports
/// "ended" once the landmarks stop (stream time then follows the wall clock).
#[test]
fn recognizer_thread_fed_by_the_engine() {
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    use resonance_engine::{Engine, EngineConfig, Layout};
    use resonance_io::fingerprint::index::{Index, build_entries};
    use resonance_io::fingerprint::stream::{RecognitionEvent, StreamRecognizer};

    let music = audio_dir().join("music");
    let mut index = Index::new();
    let items = ["knolls", "sad", "battle"].iter().map(|n| build_entries(&music.join(format!("{n}.ogg"))).expect("index track")).collect();
    index.add_tracks(items);
    let d = resonance_io::decode::decode_file(&music.join("battle.ogg")).expect("decode");
    let sr = d.sample_rate;
    let mono = d.to_mono();
    let start = (30.0 * f64::from(sr)) as usize;
    let clip = &mono[start..start + (8.0 * f64::from(sr)) as usize];

    let engine = Engine::new(EngineConfig::default());
    let (mut proc, handle) = engine.prepare(f64::from(sr), 256, Layout::MONO).expect("prepare");
    let (tx, rx) = mpsc::channel();
    let thread = StreamRecognizer::new(std::sync::Arc::new(index))
        .spawn(handle.landmarks, move |e| {
            let _ = tx.send((Instant::now(), e));
        })
        .expect("spawn recogniser");
    // Feed the audio a little faster than real time (8 s in ~2 s) so the test stays short.
    let t0 = Instant::now();
    for (k, block) in clip.chunks(256).enumerate() {
        let mut buf = block.to_vec();
        proc.process(&mut [&mut buf[..]], None, None);
        if k % 64 == 63 {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let fed = Instant::now();
    let mut events = Vec::new();
    while let Ok(e) = rx.recv_timeout(Duration::from_secs(10)) {
        let ended = matches!(e.1, RecognitionEvent::Ended { .. });
        events.push(e);
        if ended {
            break;
        }
    }
    thread.stop();
    let names: Vec<String> = events
        .iter()
        .map(|(_, e)| match e {
            RecognitionEvent::NowPlaying { name, .. } => format!("playing {name}"),
            RecognitionEvent::Ended { name, .. } => format!("ended {name}"),
            _ => "other".into(),
        })
        .collect();
    assert_eq!(names, ["playing battle", "ended battle"], "events after {:.1} s of feeding", (fed - t0).as_secs_f64());
    let ended_after = events[1].0.duration_since(fed).as_secs_f64();
    assert!(ended_after < 8.0, "ended {ended_after:.1} s after the audio stopped");
}

/// The product path: `resonance index` builds the index, `resonance live --db` plays a real
/// music excerpt once (then silence) on the real-time-paced null output and reports to a real
/// `resonance bridge` over OSC. The live host names the track within 3 s of audio time (JSON
/// event lines on stdout), the bridge's session shows it as now playing, and both see it end
/// after the music stops.
#[test]
fn live_host_reports_now_playing_to_the_bridge() {
    use std::time::{Duration, Instant};

    use crate::bridge::{Conn, spawn_bridge};

    let music = audio_dir().join("music");
    let tmp = tempfile::tempdir().expect("tempdir");
    let lib = tmp.path().join("library");
    std::fs::create_dir(&lib).expect("mkdir");
    for n in ["battle", "knolls", "sad", "wanderer", "defeat"] {
        std::fs::copy(music.join(format!("{n}.ogg")), lib.join(format!("{n}.ogg"))).expect("copy");
    }
    let db = tmp.path().join("music.rfp");
    let out = bin().arg("index").arg(&lib).arg("--db").arg(&db).output().expect("run index");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (start_s, music_s) = (40.0, 8.0);
    let clip = tmp.path().join("programme.wav");
    excerpt(&music.join("knolls.ogg"), start_s, music_s, &clip, 0.0);
    // What the bridge will show as the title: the tag title, else the file's stem.
    let out = bin().arg("identify").arg(&clip).arg("--db").arg(&db).arg("--json").output().expect("run identify");
    let id = &json_lines(&out.stdout)[0];
    assert_eq!(id["track"], "knolls", "{id}");
    let title = id["title"].as_str().unwrap_or("knolls").to_string();

    let bridge = spawn_bridge(tmp.path(), &[]);
    let live = bin()
        .current_dir(tmp.path())
        .args(["live", "--output", "null", "--rate", "48000", "--input-once", "--duration", "20", "--json"])
        .arg("--input")
        .arg(&clip)
        .arg("--db")
        .arg(&db)
        .args(["--osc-listen", "127.0.0.1:0", "--osc-bridge", &bridge.osc.to_string()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start resonance live");
    let mut conn = Conn::open(bridge.http).expect("connect to the bridge");
    let started = Instant::now();
    let (mut shown, mut cleared) = (None, None);
    while started.elapsed() < Duration::from_secs(22) && cleared.is_none() {
        let (code, s) = conn.req("GET", "/api/v1/sessions/default", None, "").expect("GET session");
        let np = &s["now_playing"];
        if code == 200 && shown.is_none() && np["title"] == title.as_str() {
            assert!(np["confidence"].as_f64().unwrap_or(0.0) > 0.5, "{np}");
            shown = Some(started.elapsed().as_secs_f64());
        } else if shown.is_some() && np.is_null() {
            cleared = Some(started.elapsed().as_secs_f64());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = live.wait_with_output().expect("wait for resonance live");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let events: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["type"].is_string())
        .collect();
    let kinds: Vec<String> =
        events.iter().map(|e| format!("{} {}", e["type"].as_str().unwrap(), e["name"].as_str().unwrap_or("?"))).collect();
    assert_eq!(kinds, ["now_playing knolls", "ended knolls"], "events: {events:?}\n{err}");
    let at = events[0]["at_s"].as_f64().unwrap();
    assert!(at <= 3.0, "recognised at {at:.2} s of audio time: {}", events[0]);
    let offset = events[0]["offset_s"].as_f64().unwrap();
    assert!((offset - (start_s + at)).abs() < 0.5, "position in the track {offset:.2} vs {:.2}", start_s + at);
    assert!(events[0]["confidence"].as_f64().unwrap() > 0.5, "{}", events[0]);
    let ended = events[1]["at_s"].as_f64().unwrap();
    assert!((music_s..=music_s + 5.0).contains(&ended), "ended at {ended:.2} s; the music stopped at {music_s} s");
    assert!(err.contains("now playing knolls"), "{err}");
    let shown = shown.unwrap_or_else(|| panic!("the bridge never showed {title:?} as now playing\n{err}"));
    let cleared = cleared.unwrap_or_else(|| panic!("the bridge still shows now playing after the music ended\n{err}"));
    eprintln!(
        "live: recognised at {at:.2} s, ended at {ended:.2} s; bridge: shown after {shown:.1} s, cleared after {cleared:.1} s (wall)"
    );
}

/// A POST's headers (lower-case names) and body.
type Delivered = (Vec<(String, String)>, Vec<u8>);

/// A webhook receiver on 127.0.0.1: every POST, answered 200.
fn webhook_receiver() -> (std::net::SocketAddr, std::sync::mpsc::Receiver<Delivered>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind the receiver");
    let addr = listener.local_addr().expect("receiver address");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let mut head = Vec::new();
            let mut b = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && s.read(&mut b).unwrap_or(0) == 1 {
                head.push(b[0]);
            }
            let headers: Vec<(String, String)> = String::from_utf8_lossy(&head)
                .lines()
                .skip(1)
                .filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string())))
                .collect();
            let len = headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
            let mut body = vec![0u8; len];
            if s.read_exact(&mut body).is_ok() {
                let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                let _ = tx.send((headers, body));
            }
        }
    });
    (addr, rx)
}

/// `resonance live --recognition URL`: the live host computes the programme's fingerprint
/// itself and asks a real `resonance serve-recognition` (seven tracks of the test audio
/// imported over the API) every 2 s of audio. The host names the right track at the right
/// position from the service's answers, reports it ended after the music stops, the service
/// (its bridge, over OSC) shows it as the session's now playing, and a webhook registered
/// for `now_playing` and `ended` receives both, signed.
#[test]
fn live_host_asks_a_recognition_service() {
    use std::time::{Duration, Instant};

    use crate::bridge::{Conn, spawn_service};

    let music = audio_dir().join("music");
    let tmp = tempfile::tempdir().expect("tempdir");
    let lib = tmp.path().join("library");
    std::fs::create_dir(&lib).expect("mkdir");
    // the seven shortest tracks of the test audio (3.6 min): a quick import in a debug build
    let names = ["defeat", "defeat2", "victory2", "elf-land", "sad", "transience", "main_menu"];
    for n in names {
        std::fs::copy(music.join(format!("{n}.ogg")), lib.join(format!("{n}.ogg"))).expect("copy");
    }
    let catalogue = tmp.path().join("catalogue");
    let service = spawn_service(
        "serve-recognition",
        tmp.path(),
        &["--index", catalogue.to_str().unwrap(), "--library", lib.to_str().unwrap(), "--webhook-allow-private"],
    );
    let key = service.key.clone().expect("the first start prints a key");
    // (decoding and hashing five tracks takes a while in a debug build)
    let mut conn = Conn::open_waiting(service.http, Duration::from_mins(2)).expect("connect to the service");
    let (code, imported) = conn.req("POST", "/api/v1/tracks/import", Some(&key), r#"{"path": "."}"#).expect("import");
    let added = imported["added"].as_array().cloned().unwrap_or_default();
    assert_eq!((code, added.len()), (200, names.len()), "{imported}");
    let played = added.iter().find(|t| t["source"] == "library:main_menu.ogg").expect("main_menu.ogg imported");
    let title = played["title"].as_str().unwrap().to_string();
    let (receiver, deliveries) = webhook_receiver();
    let secret = "a-test-secret-of-32-characters!!";
    let body = format!(r#"{{"url": "http://{receiver}/hook", "events": ["now_playing", "ended"], "secret": "{secret}"}}"#);
    let (code, hook) = conn.req("POST", "/api/v1/webhooks", Some(&key), &body).expect("register a webhook");
    assert_eq!(code, 201, "{hook}");

    let (start_s, music_s) = (20.0, 10.0);
    let clip = tmp.path().join("programme.wav");
    excerpt(&music.join("main_menu.ogg"), start_s, music_s, &clip, 0.0);
    let live = bin()
        .current_dir(tmp.path())
        .args(["live", "--output", "null", "--rate", "48000", "--input-once", "--duration", "18", "--json"])
        .arg("--input")
        .arg(&clip)
        .args(["--recognition", &format!("http://{}", service.http), "--recognition-key", &key])
        .args(["--osc-listen", "127.0.0.1:0", "--osc-bridge", &service.osc.to_string()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start resonance live");
    let started = Instant::now();
    let (mut shown, mut cleared) = (None, None);
    while started.elapsed() < Duration::from_secs(20) && cleared.is_none() {
        let (code, s) = conn.req("GET", "/api/v1/sessions/default", None, "").expect("GET session");
        let np = &s["now_playing"];
        if code == 200 && shown.is_none() && np["title"] == title.as_str() {
            shown = Some(started.elapsed().as_secs_f64());
        } else if shown.is_some() && np.is_null() {
            cleared = Some(started.elapsed().as_secs_f64());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = live.wait_with_output().expect("wait for resonance live");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let events: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["type"].is_string())
        .collect();
    let kinds: Vec<String> =
        events.iter().map(|e| format!("{} {}", e["type"].as_str().unwrap(), e["name"].as_str().unwrap_or("?"))).collect();
    assert_eq!(kinds, [format!("now_playing {title}"), format!("ended {title}")], "events: {events:?}\n{err}");
    assert!(err.contains("asking http://") && !err.contains("asking again"), "{err}");
    let at = events[0]["at_s"].as_f64().unwrap();
    assert!(at <= 6.0, "recognised at {at:.2} s of audio time: {}", events[0]);
    let offset = events[0]["offset_s"].as_f64().unwrap();
    assert!((offset - (start_s + at)).abs() < 0.5, "position in the track {offset:.2} vs {:.2}", start_s + at);
    assert!(events[0]["confidence"].as_f64().unwrap() > 0.5, "{}", events[0]);
    let ended = events[1]["at_s"].as_f64().unwrap();
    assert!((music_s..=music_s + 8.0).contains(&ended), "ended at {ended:.2} s; the music stopped at {music_s} s");
    let shown = shown.unwrap_or_else(|| panic!("the service never showed {title:?} as now playing\n{err}"));
    let cleared = cleared.unwrap_or_else(|| panic!("the service still shows now playing after the music ended\n{err}"));

    let mut got = Vec::new();
    while got.len() < 2 {
        let (headers, body) = deliveries.recv_timeout(Duration::from_secs(10)).expect("a webhook delivery within 10 s");
        let h = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
        let ts: i64 = h("resonance-timestamp").parse().expect("a timestamp header");
        assert_eq!(h("resonance-signature"), resonance_bridge::recognition::webhooks::signature(secret, ts, &body), "signature");
        let v: serde_json::Value = serde_json::from_slice(&body).expect("JSON delivery");
        got.push(format!("{} {}", v["event"].as_str().unwrap_or("?"), v["data"]["title"].as_str().unwrap_or("?")));
    }
    assert_eq!(got, [format!("now_playing {title}"), format!("ended {title}")]);
    eprintln!(
        "remote: recognised at {at:.2} s, ended at {ended:.2} s; service: shown after {shown:.1} s, cleared after {cleared:.1} s (wall)"
    );
}
