//! The music library from the command line: the live host's music deck end to end (a fake
//! Subsonic server on 127.0.0.1 serving a real music file, a `resonance bridge` whose library
//! selector chooses the track from telemetry and tells the live host over OSC, and a
//! `resonance live` that streams it through the bridge's stream URL into its programme mix:
//! the recording proves the track is audible and ducked while commentary plays), and
//! `resonance library scan` (moods of a folder stored, resumable).

use std::sync::Arc;
use std::time::{Duration, Instant};

use resonance_bridge::clients::subsonic::fake::{FakeSong, FakeSubsonic};

use crate::bridge::{Conn, spawn_bridge};

/// Recording and analysis rate.
const RATE: u32 = 48_000;
/// Envelope frame: 20 ms.
const FRAME: usize = 960;
/// Commentary is on in the odd `BLOCK_S`-second blocks of the programme file.
const BLOCK_S: usize = 3;

/// The commentary bus: a 100 Hz tone at −10 dBFS in the odd 3-second blocks, 60 s (looped by
/// the live host). A 100 Hz tone drives the ducker fully but has next to no energy in the band
/// the analysis measures the track in.
fn write_commentary(path: &std::path::Path) {
    let spec = hound::WavSpec { channels: 1, sample_rate: RATE, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
    let mut w = hound::WavWriter::create(path, spec).unwrap();
    for i in 0..60 * RATE as usize {
        let on = (i / RATE as usize / BLOCK_S) % 2 == 1;
        let x = if on { 0.3 * (std::f32::consts::TAU * 100.0 * i as f32 / RATE as f32).sin() } else { 0.0 };
        w.write_sample((x * 32767.0) as i16).unwrap();
    }
    w.finalize().unwrap();
}

/// 20 ms RMS envelope of the second difference of `x` (a high-pass that removes the 100 Hz
/// commentary by 60 dB and keeps the music's upper bands).
fn hf_envelope(x: &[f32]) -> Vec<f64> {
    let d: Vec<f64> = x.windows(3).map(|w| f64::from(w[2]) - 2.0 * f64::from(w[1]) + f64::from(w[0])).collect();
    d.chunks(FRAME).filter(|c| c.len() == FRAME).map(|c| (c.iter().map(|v| v * v).sum::<f64>() / FRAME as f64).sqrt()).collect()
}

/// The frame of `rec` where `reference` starts (best normalised correlation of their first
/// `span` frames), and that correlation.
fn align(rec: &[f64], reference: &[f64], span: usize) -> (usize, f64) {
    let r = &reference[..span];
    let mr = r.iter().sum::<f64>() / span as f64;
    let mut best = (0, f64::MIN);
    for t0 in 0..rec.len().saturating_sub(span) {
        let e = &rec[t0..t0 + span];
        let me = e.iter().sum::<f64>() / span as f64;
        let (mut num, mut er, mut ee) = (0.0, 0.0, 0.0);
        for (a, b) in e.iter().zip(r) {
            num += (a - me) * (b - mr);
            ee += (a - me) * (a - me);
            er += (b - mr) * (b - mr);
        }
        let c = num / (ee * er).sqrt().max(1e-30);
        if c > best.1 {
            best = (t0, c);
        }
    }
    best
}

fn wait_until(conn: &mut Conn, path: &str, what: &str, secs: u64, ok: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let (_, v) = conn.req("GET", path, None, "").unwrap();
        if ok(&v) {
            return v;
        }
        assert!(Instant::now() < deadline, "{what} within {secs} s: {v}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_subsonic_track_chosen_by_the_bridge_plays_on_the_live_host_and_ducks_under_commentary() {
    let track = crate::common::test_audio("music/battle.ogg");
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let song = FakeSong {
        id: "b1".into(),
        title: "Battle".into(),
        artist: "Wesnoth".into(),
        album: "Fights".into(),
        duration_s: 60,
        bytes: Arc::new(std::fs::read(&track).unwrap()),
        content_type: "audio/ogg".into(),
    };
    let fake = rt.block_on(FakeSubsonic::start("gm", "sesame", None, vec![song]));
    let dir = tempfile::tempdir().unwrap();
    let commentary = dir.path().join("commentary.wav");
    write_commentary(&commentary);
    let out = dir.path().join("out.wav");
    let bridge = spawn_bridge(dir.path(), &[]);
    let key = bridge.key.clone().expect("the first start prints an API key");
    let live = std::process::Command::new(env!("CARGO_BIN_EXE_resonance"))
        .current_dir(dir.path())
        .args(["live", "--output", "null", "--demo", "--duration", "24", "--json", "--osc-listen", "127.0.0.1:0"])
        .arg("--programme")
        .arg(&commentary)
        .arg("--record")
        .arg(&out)
        .args(["--osc-bridge", &bridge.osc.to_string()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut conn = Conn::open(bridge.http).unwrap();
    wait_until(&mut conn, "/api/v1/engines", "the live host's hello", 15, |v| {
        v["engines"].as_array().is_some_and(|a| a.iter().any(|e| e["session"] == "default"))
    });
    // the library: the fake server, followed on the live host's session
    let settings = format!(r#"{{"url": "{}", "password": {{"user": "gm", "password": "sesame"}}}}"#, fake.url());
    let (s, v) = conn.req("PUT", "/api/v1/library/providers/subsonic", Some(&key), &settings).unwrap();
    assert_eq!(s, 200, "{v}");
    let (s, v) = conn.req("PUT", "/api/v1/library/active", Some(&key), r#"{"provider": "subsonic", "session": "default"}"#).unwrap();
    assert_eq!(s, 200, "{v}");
    wait_until(&mut conn, "/api/v1/library", "the pool", 10, |v| v["pool_size"] == 1);
    // a trigger in telemetry: the selector chooses, the bridge tells the live host
    let t = r#"{"scene": "battle", "trigger": "boss_appears", "hp": 20, "max_hp": 100}"#;
    let (s, v) = conn.req("POST", "/api/v1/sessions/default/telemetry", Some(&key), t).unwrap();
    assert_eq!(s, 200, "{v}");
    let v = wait_until(&mut conn, "/api/v1/library", "the track sent to the live host", 10, |v| v["now"]["live_hosts"].as_u64() >= Some(1));
    assert_eq!(v["now"]["track"]["title"], "Battle", "{v}");
    let done = live.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&done.stderr);
    assert!(done.status.success(), "{err}");
    assert!(!err.contains("deck: cannot") && !err.contains("answered"), "the deck fetched the track: {err}");

    // the recording against the track itself
    let (spec, rec) = crate::common::read_wav(&out);
    assert_eq!(spec.sample_rate, RATE);
    let ch = usize::from(spec.channels);
    let rec: Vec<f32> = rec.chunks(ch).map(|c| c.iter().sum::<f32>() / ch as f32).collect();
    let decoded = resonance_io::decode::decode_file(&track).unwrap();
    let reference = resonance_io::decode::resample(&decoded.to_mono(), decoded.sample_rate, RATE).unwrap();
    let (env, renv) = (hf_envelope(&rec), hf_envelope(&reference));
    let span = 200.min(renv.len()); // the track's first 4 s
    let (t0, corr) = align(&env, &renv, span);
    assert!(corr > 0.6, "the track is in the output: its envelope correlates {corr:.2} (at {:.2} s)", t0 as f64 * 0.02);
    // its gain in the output, with and without commentary (steady parts only: after the
    // 250 ms fade-in, 0.2 s after commentary starts, 1.5 s after it stops)
    let frames_s = RATE as usize / FRAME;
    let on = |j: usize| (j / frames_s / BLOCK_S) % 2 == 1;
    let (mut on_out, mut on_ref, mut off_out, mut off_ref) = (0.0, 0.0, 0.0, 0.0);
    for (k, r) in renv.iter().enumerate().skip(frames_s / 2) {
        let j = t0 + k;
        let Some(e) = env.get(j) else { break };
        if on(j) && j >= 10 && on(j - 10) {
            on_out += e * e;
            on_ref += r * r;
        } else if (0..=75).all(|b| j >= b && !on(j - b)) {
            off_out += e * e;
            off_ref += r * r;
        }
    }
    assert!(on_ref > 0.0 && off_ref > 0.0, "the track played through both commentary and silence (from {:.2} s)", t0 as f64 * 0.02);
    let g_on = 10.0 * (on_out / on_ref).log10();
    let g_off = 10.0 * (off_out / off_ref).log10();
    println!("deck: track at {:.2} s (correlation {corr:.2}); gain {g_off:.1} dB, {g_on:.1} dB under commentary", t0 as f64 * 0.02);
    // deck −6 dB and music level −6 dB: about −12 dB in the output
    assert!((-20.0..=-6.0).contains(&g_off), "the track is audible at its level: {g_off:.1} dB");
    assert!(g_on < g_off - 6.0, "ducked under commentary: {g_on:.1} dB vs {g_off:.1} dB");
    drop(bridge);
    drop(fake);
}

#[test]
fn library_scan_measures_a_folder_stores_the_moods_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let music = dir.path().join("music");
    std::fs::create_dir_all(music.join("sub")).unwrap();
    std::fs::copy(crate::common::test_audio("music/battle.ogg"), music.join("Wesnoth - Battle.ogg")).unwrap();
    std::fs::copy(crate::common::test_audio("events/crowdcheer.wav"), music.join("sub").join("cheer.wav")).unwrap();
    std::fs::write(music.join("broken.wav"), b"RIFF but not audio").unwrap();
    std::fs::write(music.join("notes.txt"), b"not listed").unwrap();
    let data = dir.path().join("data");
    let scan = |extra: &[&str]| {
        let mut args = vec!["library", "scan", music.to_str().unwrap(), "--json", "--data", data.to_str().unwrap()];
        args.extend_from_slice(extra);
        crate::common::resonance(dir.path(), &args)
    };
    let out = scan(&[]);
    let (so, se) = (crate::common::stdout(&out), crate::common::stderr(&out));
    assert!(out.status.success(), "{se}");
    let rows: Vec<serde_json::Value> = so.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 2, "two tracks measured, the broken file skipped: {so}\n{se}");
    assert!(se.contains("broken.wav") && se.contains("skipped"), "the broken file is named: {se}");
    for r in &rows {
        assert_eq!(r["source"], "audio", "{r}");
        assert!(r["key"].as_str().unwrap().starts_with("local:"), "{r}");
        for k in ["valence", "arousal", "confidence"] {
            assert!(r[k].as_f64().is_some_and(|x| (-1.0..=1.0).contains(&x)), "{k}: {r}");
        }
    }
    let battle = rows.iter().find(|r| r["title"] == "Battle").expect("artist and title from the name");
    assert_eq!(battle["artist"], "Wesnoth");
    assert!(battle["confidence"].as_f64() > Some(0.3), "a long track is measured with confidence: {battle}");
    // resumable: a second run measures nothing again and still reports every stored track
    let again = scan(&[]);
    let se2 = crate::common::stderr(&again);
    assert!(se2.contains("2 already stored, 1 to measure"), "{se2}");
    let rows2: Vec<serde_json::Value> = crate::common::stdout(&again).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows2.len(), 2);
    assert_eq!(rows2.iter().find(|r| r["title"] == "Battle").unwrap()["valence"], battle["valence"]);
    // not a folder: a clear error
    let bad = crate::common::resonance(dir.path(), &["library", "scan", "/nonexistent/music", "--data", data.to_str().unwrap()]);
    assert!(!bad.status.success() && crate::common::stderr(&bad).contains("is not a folder"), "{}", crate::common::stderr(&bad));
}

/// `resonance library scan URL` lists a Subsonic server through the Subsonic client (against
/// the fake on 127.0.0.1), downloads each song with `stream`, stores its mood keyed as the
/// bridge keys it, skips a song that does not decode, resumes, and says what to do when the
/// log-in or the stored server is missing.
#[test]
fn library_scan_measures_a_subsonic_server_and_resumes() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let song = |id: &str, title: &str, bytes: Vec<u8>, ct: &str| FakeSong {
        id: id.into(),
        title: title.into(),
        artist: "Wesnoth".into(),
        album: "Fights".into(),
        duration_s: 60,
        bytes: Arc::new(bytes),
        content_type: ct.into(),
    };
    let songs = vec![
        song("b1", "Battle", std::fs::read(crate::common::test_audio("music/battle.ogg")).unwrap(), "audio/ogg"),
        song("x1", "Broken", b"RIFF but not audio".to_vec(), "audio/wav"),
    ];
    let fake = rt.block_on(FakeSubsonic::start("gm", "sesame", None, songs));
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let url = fake.url();
    let scan = |source: &str, password: Option<&str>| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_resonance"));
        c.current_dir(dir.path()).args(["library", "scan", source, "--json", "--user", "gm", "--data", data.to_str().unwrap()]);
        c.env_remove("RESONANCE_SUBSONIC_API_KEY");
        match password {
            Some(p) => c.env("RESONANCE_SUBSONIC_PASSWORD", p),
            None => c.env_remove("RESONANCE_SUBSONIC_PASSWORD"),
        };
        c.output().unwrap()
    };
    let out = scan(&url, Some("sesame"));
    let (so, se) = (crate::common::stdout(&out), crate::common::stderr(&out));
    assert!(out.status.success(), "{se}");
    let rows: Vec<serde_json::Value> = so.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 1, "the real song measured, the broken one skipped: {so}\n{se}");
    assert_eq!((rows[0]["key"].as_str(), rows[0]["source"].as_str()), (Some("subsonic:b1"), Some("audio")), "{}", rows[0]);
    assert!(rows[0]["confidence"].as_f64() > Some(0.3), "{}", rows[0]);
    assert!(se.contains("Broken") && se.contains("skipped"), "the broken song is named: {se}");
    // resumable
    let again = scan(&url, Some("sesame"));
    let se2 = crate::common::stderr(&again);
    assert!(se2.contains("2 tracks in the Subsonic server, 1 already stored, 1 to measure"), "{se2}");
    // a wrong password, no password, no stored server: each says what to do
    let wrong = crate::common::stderr(&scan(&url, Some("nope")));
    assert!(wrong.contains("password") || wrong.contains("Wrong"), "{wrong}");
    let none = crate::common::stderr(&scan(&url, None));
    assert!(none.contains("RESONANCE_SUBSONIC_PASSWORD"), "{none}");
    let stored = crate::common::stderr(&scan("subsonic", None));
    assert!(stored.contains("no Subsonic server is set") && stored.contains("on the page"), "{stored}");
}
