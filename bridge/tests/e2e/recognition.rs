//! The recognition service end to end: a small catalogue of real music (the test audio's
//! Wesnoth tracks, Ogg Vorbis), queries cut from it as WAV, live adds/edits/removals, imports
//! confined to the library root, every kind of bad input, and `kill -9` during catalogue
//! writes (a child process: this test binary run again on one test).

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use resonance_bridge::recognition::catalogue::Catalogue;
use resonance_bridge::{AppState, app};
use resonance_io::fingerprint_wire::fingerprint_of;
use serde_json::Value;
use tower::ServiceExt;

use crate::common::{bearer, config, multipart, send};

/// [`crate::common::call`] without the headers.
async fn api(app: &axum::Router, method: &str, uri: &str, auth: Option<&str>, body: Option<&str>) -> (StatusCode, Value) {
    let (s, _, v) = crate::common::call(app, method, uri, auth, body).await;
    (s, v)
}

pub(crate) fn music(name: &str) -> PathBuf {
    resonance_test_support::test_audio_dir().join("music").join(name)
}

/// A 16-bit PCM WAV of mono `samples`.
pub(crate) fn wav(samples: &[f32], rate: u32) -> Vec<u8> {
    let data = samples.len() as u32 * 2;
    let mut out = Vec::with_capacity(44 + data as usize);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&rate.to_le_bytes());
    out.extend_from_slice(&(rate * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data.to_le_bytes());
    for s in samples {
        out.extend_from_slice(&((s.clamp(-1.0, 1.0) * 32767.0) as i16).to_le_bytes());
    }
    out
}

/// `seconds` of `file` from `start_s`, as a mono WAV.
fn excerpt(file: &Path, start_s: f64, seconds: f64) -> Vec<u8> {
    let d = resonance_io::decode::decode_file(file).unwrap();
    let mono = d.to_mono();
    let a = (start_s * f64::from(d.sample_rate)) as usize;
    let b = (a + (seconds * f64::from(d.sample_rate)) as usize).min(mono.len());
    wav(&mono[a..b], d.sample_rate)
}

/// `seconds` of `file` from `start_s` encoded by `ffmpeg` (`args`: the codec) into a file of
/// extension `ext`; its bytes.
pub(crate) fn ffmpeg_encode(file: &Path, start_s: f64, seconds: f64, ext: &str, args: &[&str]) -> Vec<u8> {
    let out = std::env::temp_dir().join(format!("resonance-e2e-{}-{}.{ext}", std::process::id(), rand::random::<u32>()));
    let ok = Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-ss", &start_s.to_string(), "-t", &seconds.to_string(), "-i"])
        .arg(file)
        .args(args)
        .arg(&out)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "ffmpeg {args:?} failed (install the Debian package ffmpeg)");
    let bytes = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    bytes
}

async fn open(dir: &Path, library: Option<&Path>) -> (AppState, Option<String>) {
    let mut c = config(dir);
    c.recognition.library_root = library.map(Path::to_path_buf);
    c.recognition.merge_at = 3;
    // imports decode several files at once (the order of the answer is the files')
    c.recognition.import_threads = 2;
    AppState::open(c).await.unwrap()
}

fn metric(text: &str, line_prefix: &str) -> f64 {
    text.lines().find_map(|l| l.strip_prefix(line_prefix)).and_then(|v| v.trim().parse().ok()).unwrap_or(-1.0)
}

#[tokio::test]
async fn recognises_and_manages_the_catalogue_live() {
    let dir = tempfile::tempdir().unwrap();
    let library = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(library.path().join("album")).unwrap();
    for f in ["sad.ogg", "transience.ogg"] {
        std::fs::copy(music(f), library.path().join("album").join(f)).unwrap();
    }
    std::fs::write(library.path().join("album").join("notes.ogg"), b"not audio at all").unwrap();
    let (st, key) = open(dir.path(), Some(library.path())).await;
    let key = key.unwrap();
    let app = app(st.clone());

    // Upload: raw Ogg Vorbis (tags from the file), and multipart with a given title.
    let (s, elf) = send(&app, "POST", "/api/v1/tracks", &key, "audio/ogg", std::fs::read(music("elf-land.ogg")).unwrap()).await;
    assert_eq!(s, StatusCode::CREATED, "{elf}");
    assert!(!elf["title"].as_str().unwrap().is_empty() && elf["album"] != "", "tags read from the file: {elf}");
    let (ct, body) =
        multipart(&std::fs::read(music("main_menu.ogg")).unwrap(), "main_menu.ogg", &[("title", "Menu Theme"), ("artist", "Tester")]);
    let (s, menu) = send(&app, "POST", "/api/v1/tracks", &key, &ct, body).await;
    assert_eq!(s, StatusCode::CREATED, "{menu}");
    assert_eq!(menu["title"], "Menu Theme");
    assert_eq!(menu["artist"], "Tester");

    // Import a folder below the library root; never outside it.
    let (s, v) = api(&app, "POST", "/api/v1/tracks/import", Some(&bearer(&key)), Some(r#"{"path": "album"}"#)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["added"].as_array().unwrap().len(), 2, "{v}");
    let failed = v["failed"].as_array().unwrap();
    assert!(failed.len() == 1 && failed[0]["path"].as_str().unwrap().ends_with("notes.ogg"), "the file that is not audio is named: {v}");
    let (_, again) = api(&app, "POST", "/api/v1/tracks/import", Some(&bearer(&key)), Some(r#"{"path": "album"}"#)).await;
    assert_eq!(again["skipped"].as_array().unwrap().len(), 2, "a second import skips what is there: {again}");
    for bad in [r#"{"path": "../"}"#, r#"{"path": "album/../.."}"#, r#"{"path": "/etc"}"#, r#"{"path": "nowhere"}"#] {
        let (s, v) = api(&app, "POST", "/api/v1/tracks/import", Some(&bearer(&key)), Some(bad)).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{bad}: {v}");
        assert_eq!(v["error"], "bad_path");
    }
    let sad_id = v["added"].as_array().unwrap().iter().find(|t| t["source"].as_str().unwrap().ends_with("sad.ogg")).unwrap()["id"].clone();

    // Queries: 8 s excerpts as WAV, raw and multipart.
    let q_menu = excerpt(&music("main_menu.ogg"), 20.0, 8.0);
    let (s, r) = send(&app, "POST", "/api/v1/recognize", &key, "audio/wav", q_menu.clone()).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["match"]["track_id"], menu["id"], "{r}");
    assert_eq!(r["match"]["title"], "Menu Theme");
    assert!((r["match"]["offset_s"].as_f64().unwrap() - 20.0).abs() < 0.5, "{r}");
    assert!(r["query_ms"].as_f64().unwrap() > 0.0);
    let q_sad = excerpt(&music("sad.ogg"), 12.0, 6.0);
    let (ct, body) = multipart(&q_sad, "query.wav", &[]);
    let (s, r) = send(&app, "POST", "/api/v1/recognize", &key, &ct, body).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["match"]["track_id"], sad_id, "{r}");
    // Music that is not in the catalogue.
    let (s, r) = send(&app, "POST", "/api/v1/recognize", &key, "audio/wav", excerpt(&music("victory2.ogg"), 5.0, 8.0)).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert!(r["match"].is_null(), "{r}");

    // The same query as a client-side fingerprint: kilobytes instead of the audio.
    let d = resonance_io::decode::decode_file(&music("main_menu.ogg")).unwrap();
    let rate = d.sample_rate as usize;
    let fp = fingerprint_of(&d.to_mono()[rate * 20..rate * 28], rate as f64).to_bytes();
    assert!(fp.len() < 64 * 1024, "{} bytes", fp.len());
    let (s, r) = send(&app, "POST", "/api/v1/recognize/fingerprint", &key, "application/octet-stream", fp.clone()).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["match"]["track_id"], menu["id"], "{r}");
    assert!((r["match"]["offset_s"].as_f64().unwrap() - 20.0).abs() < 0.5, "{r}");
    let mut v2 = fp.clone();
    v2[4] = 2;
    let mut garbled = fp.clone();
    garbled[30] ^= 0x55;
    for (what, body, status) in [
        ("version 2", v2, StatusCode::UNPROCESSABLE_ENTITY),
        ("garbled", garbled, StatusCode::BAD_REQUEST),
        ("audio", q_menu.clone(), StatusCode::BAD_REQUEST),
        ("0 bytes", Vec::new(), StatusCode::BAD_REQUEST),
        ("truncated", fp[..fp.len() / 2].to_vec(), StatusCode::BAD_REQUEST),
    ] {
        let (s, v) = send(&app, "POST", "/api/v1/recognize/fingerprint", &key, "application/octet-stream", body).await;
        assert_eq!((s, v["error"].as_str()), (status, Some("bad_fingerprint")), "{what}: {v}");
    }

    // List, search, page.
    let (_, all) = api(&app, "GET", "/api/v1/tracks?limit=2", Some(&bearer(&key)), None).await;
    assert_eq!(all["total"], 4);
    assert_eq!(all["tracks"].as_array().unwrap().len(), 2);
    let (_, found) = api(&app, "GET", "/api/v1/tracks?q=menu%20THEME", Some(&bearer(&key)), None).await;
    assert_eq!(found["total"], 1, "{found}");
    // Edit: the next answer carries the new title.
    let uri = format!("/api/v1/tracks/{}", menu["id"].as_str().unwrap());
    let (s, v) = api(&app, "PATCH", &uri, Some(&bearer(&key)), Some(r#"{"title": "Main Menu", "album": "OST"}"#)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = api(&app, "PATCH", &uri, Some(&bearer(&key)), Some(r#"{"tempo": "fast"}"#)).await;
    assert_eq!((s, v["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("tempo")));
    let (_, r) = send(&app, "POST", "/api/v1/recognize", &key, "audio/wav", q_menu.clone()).await;
    assert_eq!((r["match"]["title"].as_str(), r["match"]["album"].as_str()), (Some("Main Menu"), Some("OST")), "{r}");

    // Remove: the next query no longer finds it; the others still match.
    let (s, _) = api(&app, "DELETE", &uri, Some(&bearer(&key)), None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = api(&app, "GET", &uri, Some(&bearer(&key)), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, r) = send(&app, "POST", "/api/v1/recognize", &key, "audio/wav", q_menu).await;
    assert!(r["match"].is_null(), "a removed track is not found: {r}");
    let (_, r) = send(&app, "POST", "/api/v1/recognize", &key, "audio/wav", q_sad).await;
    assert_eq!(r["match"]["track_id"], sad_id, "{r}");

    let (_, stats) = api(&app, "GET", "/api/v1/index/stats", Some(&bearer(&key)), None).await;
    assert_eq!(stats["tracks"], 3, "{stats}");
    assert!(stats["segments"].as_u64().unwrap() >= 1 && stats["postings"].as_u64().unwrap() > 1000, "{stats}");

    // Without a key: 401.
    let (s, _) = api(&app, "POST", "/api/v1/recognize", None, Some("{}")).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);

    // Metrics.
    let (_, m) = api(&app, "GET", "/metrics", None, None).await;
    let m = m.as_str().unwrap().to_string();
    assert!(metric(&m, "resonance_bridge_recognitions_total{outcome=\"match\"}") >= 3.0, "{m}");
    assert!(metric(&m, "resonance_bridge_recognitions_total{outcome=\"no_match\"}") >= 2.0, "{m}");
    assert_eq!(metric(&m, "resonance_bridge_catalogue_tracks"), 3.0, "{m}");
    assert!(metric(&m, "resonance_bridge_recognition_seconds_count") >= 5.0, "{m}");
}

#[tokio::test]
async fn bad_audio_gets_a_clear_4xx_and_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let (st, key) = open(dir.path(), None).await;
    let key = key.unwrap();
    let app = app(st.clone());
    let tone: Vec<f32> = (0..8000 * 4).map(|i| (i as f32 * 0.3).sin() * 0.5).collect();
    let good = wav(&tone, 8000);
    let mut truncated = good.clone();
    truncated.truncate(good.len() / 3);
    let long = wav(&vec![0.1; 8000 * 25], 8000);
    let ten_minutes = wav(&vec![0.0; 8000 * 600], 8000);
    let mut opus = b"OggS\0\x02\0\0\0\0\0\0\0\0".to_vec();
    opus.extend_from_slice(b"\x01\0\0\0\0\0\0\0\0\0\0\0\x01\x13OpusHead\x01\x02\x38\x01\x80\xbb\0\0\0\0\0");
    let ac3 = ffmpeg_encode(&music("elf-land.ogg"), 2.0, 4.0, "mka", &["-c:a", "ac3"]);
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        ("0 bytes", Vec::new(), StatusCode::BAD_REQUEST, "empty_body"),
        ("text", b"this is not audio at all, just some words".to_vec(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "not_audio"),
        ("truncated WAV", truncated, StatusCode::UNPROCESSABLE_ENTITY, "bad_audio"),
        ("25 s", long, StatusCode::PAYLOAD_TOO_LARGE, "too_long"),
        ("10 minutes", ten_minutes, StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
        ("an Ogg Opus header alone", opus, StatusCode::UNPROCESSABLE_ENTITY, "bad_audio"),
        ("AC-3 in Matroska", ac3, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_codec"),
        ("0.5 s", wav(&tone[..4000], 8000), StatusCode::UNPROCESSABLE_ENTITY, "too_short"),
    ];
    for (what, body, status, reason) in cases {
        let (s, v) = send(&app, "POST", "/api/v1/recognize", &key, "application/octet-stream", body).await;
        assert_eq!((s, v["error"].as_str()), (status, Some(reason)), "{what}: {v}");
        assert!(v["message"].as_str().is_some_and(|m| m.len() > 20), "{what}: the message says what to do: {v}");
    }
    let (ct, body) = multipart(b"", "x.wav", &[("tempo", "x")]);
    let (s, v) = send(&app, "POST", "/api/v1/recognize", &key, &ct, body).await;
    assert_eq!((s, v["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("tempo")), "{v}");
    // Uploads get the same answers, and nothing is added.
    let (s, v) = send(&app, "POST", "/api/v1/tracks", &key, "audio/ogg", b"OggS garbage".to_vec()).await;
    assert!(s == StatusCode::UNSUPPORTED_MEDIA_TYPE || s == StatusCode::UNPROCESSABLE_ENTITY, "{s} {v}");
    let (s, v) = api(&app, "POST", "/api/v1/tracks/import", Some(&bearer(&key)), Some(r#"{"path": "x"}"#)).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::FORBIDDEN, Some("bad_path")), "imports are off without a library: {v}");
    // A good query still works against the empty catalogue.
    let (s, v) = send(&app, "POST", "/api/v1/recognize", &key, "audio/wav", good).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["match"].is_null());
    let m = st.inner.metrics.render();
    for reason in ["empty_body", "not_audio", "bad_audio", "too_long", "too_large", "unsupported_codec", "too_short"] {
        assert!(metric(&m, &format!("resonance_bridge_rejects_total{{reason=\"{reason}\"}}")) >= 1.0, "{reason} counted: {m}");
    }
    assert_eq!(st.inner.recognition.catalogue.snapshot().tracks(), 0);
}

/// Opus as browsers record it (WebM from Chromium's `MediaRecorder`, Ogg from Firefox's),
/// made by `ffmpeg -c:a libopus` from the test audio: recognised with the right track and
/// offset; cut or garbled, a 422 naming the problem.
#[tokio::test]
async fn opus_in_webm_and_ogg_is_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let (st, key) = open(dir.path(), None).await;
    let key = key.unwrap();
    let app = app(st.clone());
    let mut ids = Vec::new();
    for f in ["main_menu.ogg", "sad.ogg"] {
        let (s, t) = send(&app, "POST", "/api/v1/tracks", &key, "audio/ogg", std::fs::read(music(f)).unwrap()).await;
        assert_eq!(s, StatusCode::CREATED, "{t}");
        ids.push(t["id"].clone());
    }
    let opus = ["-c:a", "libopus", "-b:a", "48k"];
    let cases = [
        ("WebM stereo", "audio/webm;codecs=opus", ffmpeg_encode(&music("main_menu.ogg"), 20.0, 8.0, "webm", &opus), 0, 20.0),
        ("WebM mono", "audio/webm", ffmpeg_encode(&music("sad.ogg"), 12.0, 6.0, "webm", &[&opus[..], &["-ac", "1"]].concat()), 1, 12.0),
        ("Ogg Opus", "audio/ogg;codecs=opus", ffmpeg_encode(&music("sad.ogg"), 30.0, 8.0, "opus", &opus), 1, 30.0),
        (
            "Ogg Opus voice",
            "audio/ogg",
            ffmpeg_encode(&music("main_menu.ogg"), 40.0, 8.0, "ogg", &[&opus[..], &["-application", "voip", "-ac", "1"]].concat()),
            0,
            40.0,
        ),
    ];
    for (what, ct, body, track, offset) in &cases {
        let (s, r) = send(&app, "POST", "/api/v1/recognize", &key, ct, body.clone()).await;
        assert_eq!(s, StatusCode::OK, "{what}: {r}");
        assert_eq!(r["match"]["track_id"], ids[*track], "{what}: {r}");
        assert!((r["match"]["offset_s"].as_f64().unwrap() - offset).abs() < 0.5, "{what}: {r}");
    }
    let webm = &cases[0].2;
    let ogg = &cases[2].2;
    let mut garbled = webm.clone();
    let mut x = 0x2545_f491u32;
    for b in &mut garbled[2048..] {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
    for (what, ct, body) in [
        ("half a WebM", "audio/webm", webm[..webm.len() / 2].to_vec()),
        ("half an Ogg Opus", "audio/ogg", ogg[..ogg.len() / 2].to_vec()),
        ("a garbled WebM", "audio/webm", garbled),
    ] {
        let (s, v) = send(&app, "POST", "/api/v1/recognize", &key, ct, body).await;
        assert_eq!((s, v["error"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("bad_audio")), "{what}: {v}");
        let m = v["message"].as_str().unwrap();
        assert!(m.contains("truncated") || m.contains("corrupt"), "{what}: the message names the problem: {m}");
    }
}

/// Env var that makes [`kill_child_adds_tracks`] run (in the child process).
const CHILD_DIR: &str = "RESONANCE_RECOGNITION_KILL_CHILD";

/// The child of [`kill_9_during_catalogue_writes_loses_nothing_acknowledged`]: adds tracks
/// one at a time forever (merging every third segment), printing `ACK id` once each add is
/// acknowledged. Does nothing unless run by that test.
#[tokio::test]
async fn kill_child_adds_tracks() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else { return };
    let (st, _) = open(Path::new(&dir), None).await;
    let rec = &st.inner.recognition;
    let (info, landmarks) = resonance_io::fingerprint::index::build_entries(&music("defeat2.ogg")).unwrap();
    loop {
        let mut tracks = Vec::new();
        for _ in 0..2 {
            let row = resonance_bridge::recognition::store::TrackRow {
                id: resonance_bridge::recognition::service::new_track_id(),
                title: "defeat2".into(),
                artist: String::new(),
                album: String::new(),
                source: "upload:defeat2.ogg".into(),
                duration_ms: (info.duration_s * 1000.0) as i64,
                created_ms: 0,
            };
            tracks.push(resonance_bridge::recognition::service::NewTrack { row, landmarks: landmarks.clone() });
        }
        for row in rec.add(&st.inner.store, &st.inner.metrics, tracks).await.unwrap() {
            println!("ACK {}", row.id);
        }
    }
}

#[tokio::test]
async fn kill_9_during_catalogue_writes_loses_nothing_acknowledged() {
    if std::env::var_os(CHILD_DIR).is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut acked: Vec<String> = Vec::new();
    for round in 0..4u64 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "recognition::kill_child_adds_tracks", "--nocapture", "--test-threads=1"])
            .env(CHILD_DIR, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Kill after a varying number of acknowledgements, so the kill lands at different
        // points of a segment, manifest or merge write.
        let want = 3 + round * 2;
        let mut got = 0;
        while got < want {
            let line = lines.next().expect("the child acknowledges adds").unwrap();
            if let Some(id) = line.strip_prefix("ACK ") {
                acked.push(id.to_string());
                got += 1;
            }
        }
        std::thread::sleep(Duration::from_millis(7 * round));
        child.kill().unwrap(); // SIGKILL
        let _ = child.wait();
        for line in lines.map_while(Result::ok) {
            if let Some(id) = line.strip_prefix("ACK ") {
                acked.push(id.to_string());
            }
        }
        // The catalogue loads, and every acknowledged track is in both the index and the store.
        let (st, _) = open(dir.path(), None).await;
        let snap = st.inner.recognition.catalogue.snapshot();
        let rows = st.inner.store.track_ids(st.inner.recognition.catalogue.id()).await.unwrap();
        for id in &acked {
            assert!(snap.contains(id), "round {round}: acknowledged {id} lost from the index");
            assert!(rows.contains(id), "round {round}: acknowledged {id} lost from the store");
        }
        assert_eq!(snap.tracks(), rows.len(), "round {round}: index and store agree");
        st.inner.store.close().await;
    }
    // The last state answers queries.
    let (st, _) = open(dir.path(), None).await;
    let d = resonance_io::decode::decode_file(&music("defeat2.ogg")).unwrap();
    let rate = d.sample_rate as usize;
    let mono = d.to_mono();
    let r = Catalogue::identify(&st.inner.recognition.catalogue.snapshot(), &mono[rate * 3..rate * 9], rate as f64);
    // (Tracks added but killed before their acknowledgement was read may be there too.)
    let rows = st.inner.store.track_ids(st.inner.recognition.catalogue.id()).await.unwrap();
    assert!(!r.hits.is_empty() && r.hits.iter().all(|h| rows.contains(&h.track_id)), "the reloaded catalogue matches: {r:?}");
}

#[tokio::test]
async fn key_scopes_and_rate_limits() {
    let dir = tempfile::tempdir().unwrap();
    let (st, key) = open(dir.path(), None).await;
    let key = key.unwrap();
    let app = app(st.clone());
    let (s, v) =
        api(&app, "POST", "/api/v1/keys", Some(&bearer(&key)), Some(r#"{"name": "phone", "scopes": ["recognize"], "rate_per_s": 0.5}"#))
            .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let phone = v["key"].as_str().unwrap().to_string();
    let (s, v) = api(&app, "POST", "/api/v1/keys", Some(&bearer(&key)), Some(r#"{"name": "x", "scopes": ["root"]}"#)).await;
    assert_eq!((s, v["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("scopes")), "{v}");
    // A recognize-only key cannot change the catalogue.
    let (s, v) = api(&app, "GET", "/api/v1/index/stats", Some(&bearer(&phone)), None).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")), "{v}");
    // One request every two seconds, a burst of one: the second in a row is refused with
    // Retry-After (the seconds until a token is back).
    let tone: Vec<f32> = (0..8000 * 3).map(|i| (i as f32 * 0.2).sin() * 0.5).collect();
    let q = wav(&tone, 8000);
    let mut statuses = Vec::new();
    let mut retry_after = None;
    for _ in 0..2 {
        let req = Request::builder()
            .method("POST")
            .uri("/api/v1/recognize")
            .header("authorization", bearer(&phone))
            .header("content-type", "audio/wav")
            .body(Body::from(q.clone()))
            .unwrap();
        let resp = app.clone().oneshot(req).await.unwrap();
        statuses.push(resp.status());
        if resp.status() == StatusCode::TOO_MANY_REQUESTS {
            retry_after = resp.headers().get("retry-after").and_then(|h| h.to_str().ok()).map(str::to_string);
        }
    }
    assert_eq!(statuses, [StatusCode::OK, StatusCode::TOO_MANY_REQUESTS]);
    let wait: u64 = retry_after.unwrap().parse().unwrap();
    assert!((1..=2).contains(&wait), "{wait}");
    // The first key (no policy) may do everything, unlimited.
    let (s, _) = api(&app, "GET", "/api/v1/index/stats", Some(&bearer(&key)), None).await;
    assert_eq!(s, StatusCode::OK);
    let m = st.inner.metrics.render();
    for reason in ["forbidden", "rate_limited"] {
        assert!(metric(&m, &format!("resonance_bridge_rejects_total{{reason=\"{reason}\"}}")) >= 1.0, "{reason} counted");
    }
    // Policies are stored: a restart keeps them.
    drop(app);
    st.inner.store.close().await;
    let (st, _) = open(dir.path(), None).await;
    let (s, _) = api(&app_of(st), "GET", "/api/v1/index/stats", Some(&bearer(&phone)), None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

fn app_of(st: AppState) -> axum::Router {
    app(st)
}

/// What a test receiver got: headers and body of each POST.
type Received = std::sync::Arc<std::sync::Mutex<Vec<(axum::http::HeaderMap, Vec<u8>)>>>;

/// A webhook receiver on 127.0.0.1: answers 503 to the first `fail_first` POSTs, then 200;
/// with `stall`, never answers. Its URL and what it received.
async fn receiver(fail_first: usize, stall: bool) -> (String, Received) {
    let got: Received = Received::default();
    let g = got.clone();
    let handler = move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
        let g = g.clone();
        async move {
            let n = {
                let mut v = g.lock().unwrap();
                v.push((headers, body.to_vec()));
                v.len()
            };
            if stall {
                tokio::time::sleep(Duration::from_mins(1)).await;
            }
            if n <= fail_first { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::OK }
        }
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, axum::Router::new().route("/hook", axum::routing::post(handler))).await });
    (format!("http://{addr}/hook"), got)
}

/// Webhooks: bad URLs refused (scheme, the service itself, private addresses by default); a
/// receiver that fails twice (503) gets the signed recognition on the third attempt; a
/// stalled receiver does not hold up recognitions; deliveries and metrics show it all.
#[tokio::test]
async fn webhooks_are_signed_retried_and_never_in_the_way() {
    use hmac::{KeyInit as _, Mac as _};
    let dir = tempfile::tempdir().unwrap();
    let mut c = config(dir.path());
    c.recognition.webhook_allow_private = true;
    c.recognition.webhook_backoff = Duration::from_millis(50);
    let (st, key) = AppState::open(c).await.unwrap();
    let key = key.unwrap();
    let app = app(st.clone());
    let auth = bearer(&key);
    let own = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    st.inner.bound.set(own.local_addr().unwrap()).unwrap();
    let own_url = format!("http://127.0.0.1:{}/api/v1/health", own.local_addr().unwrap().port());
    for url in ["ftp://example.com/hook", "file:///etc/passwd", "gopher://example.com/", "http://user:pw@example.com/", own_url.as_str()] {
        let (s, v) = api(&app, "POST", "/api/v1/webhooks", Some(&auth), Some(&format!(r#"{{"url": "{url}"}}"#))).await;
        assert_eq!((s, v["error"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("bad_webhook_url")), "{url}: {v}");
    }
    let (s, v) = api(&app, "POST", "/api/v1/webhooks", Some(&auth), Some(r#"{"url": "http://127.0.0.1:9/x", "events": ["lunch"]}"#)).await;
    assert_eq!((s, v["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("events")), "{v}");
    {
        // without webhook_allow_private, loopback and private addresses are refused
        let dir2 = tempfile::tempdir().unwrap();
        let (st2, key2) = AppState::open(config(dir2.path())).await.unwrap();
        let app2 = app_of(st2);
        for url in ["http://127.0.0.1:8080/x", "http://10.0.0.7/x", "http://169.254.169.254/latest", "http://[::1]:80/"] {
            let (s, v) =
                api(&app2, "POST", "/api/v1/webhooks", Some(&bearer(&key2.clone().unwrap())), Some(&format!(r#"{{"url": "{url}"}}"#)))
                    .await;
            assert_eq!((s, v["error"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("bad_webhook_url")), "{url}: {v}");
        }
    }

    let (flaky_url, flaky_got) = receiver(2, false).await;
    let (stalled_url, stalled_got) = receiver(0, true).await;
    let (s, flaky) =
        api(&app, "POST", "/api/v1/webhooks", Some(&auth), Some(&format!(r#"{{"url": "{flaky_url}", "events": ["recognition"]}}"#))).await;
    assert_eq!(s, StatusCode::CREATED, "{flaky}");
    let secret = flaky["secret"].as_str().unwrap().to_string();
    assert_eq!(secret.len(), 64, "{flaky}");
    let (s, stalled) = api(&app, "POST", "/api/v1/webhooks", Some(&auth), Some(&format!(r#"{{"url": "{stalled_url}"}}"#))).await;
    assert_eq!(s, StatusCode::CREATED, "{stalled}");
    let (_, list) = api(&app, "GET", "/api/v1/webhooks", Some(&auth), None).await;
    assert_eq!(list["webhooks"].as_array().unwrap().len(), 2, "{list}");
    assert!(list["webhooks"][0].get("secret").is_none(), "secrets are shown once: {list}");

    let (s, track) = send(&app, "POST", "/api/v1/tracks", &key, "audio/ogg", std::fs::read(music("main_menu.ogg")).unwrap()).await;
    assert_eq!(s, StatusCode::CREATED, "{track}");
    let q = excerpt(&music("main_menu.ogg"), 20.0, 6.0);
    // a plain query sends nothing; with notify=true each webhook gets it, and the stalled
    // receiver holds no query up
    let (s, _) = send(&app, "POST", "/api/v1/recognize", &key, "audio/wav", q.clone()).await;
    assert_eq!(s, StatusCode::OK);
    for _ in 0..3 {
        let (s, r) = send(&app, "POST", "/api/v1/recognize?notify=true", &key, "audio/wav", q.clone()).await;
        assert_eq!(s, StatusCode::OK, "{r}");
        assert_eq!(r["match"]["track_id"], track["id"], "{r}");
    }
    let flaky_id = flaky["id"].as_str().unwrap();
    let mut delivered = Value::Null;
    for _ in 0..200 {
        let (_, d) = api(&app, "GET", &format!("/api/v1/webhooks/{flaky_id}/deliveries"), Some(&auth), None).await;
        let all = d["deliveries"].as_array().unwrap().clone();
        if all.len() == 3 && all.iter().all(|x| x["status"] != "pending") {
            delivered = d;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let all = delivered["deliveries"].as_array().unwrap_or_else(|| panic!("the flaky receiver's deliveries never finished"));
    assert!(all.iter().all(|x| x["status"] == "delivered" && x["last_code"] == 200), "{delivered}");
    assert_eq!(all.iter().map(|x| x["attempts"].as_u64().unwrap()).sum::<u64>(), 5, "two 503s retried: {delivered}");
    // every POST is signed: v1=HMAC-SHA256(secret, "{timestamp}.{body}")
    let got = flaky_got.lock().unwrap().clone();
    assert_eq!(got.len(), 5);
    for (headers, body) in &got {
        let ts = headers["resonance-timestamp"].to_str().unwrap();
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(format!("{ts}.").as_bytes());
        mac.update(body);
        let hex = mac.finalize().into_bytes().iter().fold(String::new(), |mut s, b| {
            use std::fmt::Write as _;
            let _ = write!(s, "{b:02x}");
            s
        });
        assert_eq!(headers["resonance-signature"].to_str().unwrap(), format!("v1={hex}"));
        let v: Value = serde_json::from_slice(body).unwrap();
        assert_eq!((v["event"].as_str(), &v["data"]["match"]["track_id"]), (Some("recognition"), &track["id"]), "{v}");
        assert_eq!(headers["resonance-webhook-id"].to_str().unwrap(), v["id"].as_str().unwrap());
    }
    // the stalled receiver got its POSTs and holds them; their deliveries are still pending
    assert!(!stalled_got.lock().unwrap().is_empty());
    let (_, d) = api(&app, "GET", &format!("/api/v1/webhooks/{}/deliveries", stalled["id"].as_str().unwrap()), Some(&auth), None).await;
    assert!(d["deliveries"].as_array().unwrap().iter().all(|x| x["status"] == "pending"), "{d}");
    let m = st.inner.metrics.render();
    assert_eq!(metric(&m, "resonance_bridge_webhook_deliveries_total{outcome=\"delivered\"}"), 3.0, "{m}");
    assert_eq!(metric(&m, "resonance_bridge_webhook_deliveries_total{outcome=\"retry\"}"), 2.0, "{m}");
    // delete: gone from the list, its deliveries 404
    let (s, _) = api(&app, "DELETE", &format!("/api/v1/webhooks/{flaky_id}"), Some(&auth), None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = api(&app, "GET", &format!("/api/v1/webhooks/{flaky_id}/deliveries"), Some(&auth), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

/// A certificate authority and a server certificate for 127.0.0.1 signed by it, made with
/// `openssl` in `dir`: (CA PEM, certificate PEM file, key PEM file).
fn test_certificates(dir: &Path) -> (Vec<u8>, PathBuf, PathBuf) {
    let run = |args: &[&str]| {
        let out = Command::new("openssl").args(args).current_dir(dir).output().expect("run openssl (Debian: apt install openssl)");
        assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    run(&[&["req", "-x509"][..], &ec, &["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=resonance test CA"]].concat());
    run(&[&["req"][..], &ec, &["-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=127.0.0.1"]].concat());
    std::fs::write(
        dir.join("leaf.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "leaf.pem",
        "-days",
        "2",
        "-extfile",
        "leaf.ext",
    ]);
    (std::fs::read(dir.join("ca.pem")).unwrap(), dir.join("leaf.pem"), dir.join("leaf.key"))
}

/// An https receiver on 127.0.0.1 (rustls, the given certificate): every POST's headers
/// (lower-case names) and body, answered 200. Its URL.
async fn tls_receiver(cert: &Path, key: &Path) -> (String, tokio::sync::mpsc::UnboundedReceiver<(Vec<(String, String)>, Vec<u8>)>) {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    use tokio_rustls::rustls::{self, pki_types::CertificateDer, pki_types::PrivateKeyDer, pki_types::pem::PemObject as _};
    let certs = CertificateDer::pem_file_iter(cert).unwrap().collect::<Result<Vec<_>, _>>().unwrap();
    let key = PrivateKeyDer::from_pem_file(key).unwrap();
    // (the process's crypto provider: ring, the one the tree's rustls is built with)
    let tls = rustls::ServerConfig::builder().with_no_client_auth().with_single_cert(certs, key).unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(tls));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let (acceptor, tx) = (acceptor.clone(), tx.clone());
            tokio::spawn(async move {
                let Ok(mut s) = acceptor.accept(tcp).await else { return };
                let mut head = Vec::new();
                while !head.ends_with(b"\r\n\r\n") {
                    let Ok(b) = s.read_u8().await else { return };
                    head.push(b);
                }
                let headers: Vec<(String, String)> = String::from_utf8_lossy(&head)
                    .lines()
                    .skip(1)
                    .filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string())))
                    .collect();
                let len = headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
                let mut body = vec![0u8; len];
                if s.read_exact(&mut body).await.is_ok() {
                    let _ = s.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n").await;
                    let _ = s.shutdown().await;
                    let _ = tx.send((headers, body));
                }
            });
        }
    });
    (format!("https://{addr}/hook"), rx)
}

/// A live stream's recognised track changing fires signed `now_playing` and `ended` webhooks:
/// a fake engine's `/resonance/now_playing` reports over OSC (a track, the same again, another,
/// the end) reach an https receiver (rustls, a certificate signed by a CA made for the test and
/// trusted through `webhook_ca`) as four deliveries (the repeat sends nothing; the switch ends
/// the first track), each signed; a receiver subscribed only to `recognition` gets none.
#[tokio::test]
async fn now_playing_and_ended_webhooks_reach_an_https_receiver() {
    use resonance_bridge::osc::{self, Inbound};
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key_file) = test_certificates(dir.path());
    let mut c = config(dir.path());
    c.recognition.webhook_allow_private = true;
    c.recognition.webhook_backoff = Duration::from_millis(50);
    c.recognition.webhook_ca = Some(ca);
    let b = resonance_bridge::start(c).await.unwrap();
    let key = b.first_key.clone().unwrap();
    let app = app(b.state.clone());
    let auth = bearer(&key);
    let (url, mut got) = tls_receiver(&cert, &key_file).await;
    let secret = "0123456789abcdef0123456789abcdef";
    let body = format!(r#"{{"url": "{url}", "events": ["now_playing", "ended"], "secret": "{secret}"}}"#);
    let (s, hook) = api(&app, "POST", "/api/v1/webhooks", Some(&auth), Some(&body)).await;
    assert_eq!(s, StatusCode::CREATED, "{hook}");
    let (other_url, other_got) = receiver(0, false).await;
    let (s, v) =
        api(&app, "POST", "/api/v1/webhooks", Some(&auth), Some(&format!(r#"{{"url": "{other_url}", "events": ["recognition"]}}"#))).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");

    let engine = crate::common::engine_socket().await;
    let np = |t: &str| {
        let artist = if t.is_empty() { String::new() } else { "Band".into() };
        osc::to_datagram(osc::encode_inbound(&Inbound::NowPlaying { title: t.into(), artist, confidence: 0.9 }))
    };
    engine
        .send_to(&osc::to_datagram(osc::encode_inbound(&Inbound::Hello { session: "show".into(), token: None })), b.osc_addr)
        .await
        .unwrap();
    for t in ["Anthem", "Anthem", "Chant", ""] {
        engine.send_to(&np(t), b.osc_addr).await.unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut events = Vec::new();
    while events.len() < 4 {
        let (headers, body) = tokio::time::timeout(Duration::from_secs(10), got.recv()).await.expect("a delivery within 10 s").unwrap();
        let h = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
        let ts: i64 = h("resonance-timestamp").parse().unwrap();
        assert_eq!(h("resonance-signature"), resonance_bridge::recognition::webhooks::signature(secret, ts, &body));
        let v: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!((v["data"]["session"].as_str(), v["data"]["artist"].as_str()), (Some("show"), Some("Band")), "{v}");
        events.push(format!("{} {}", v["event"].as_str().unwrap(), v["data"]["title"].as_str().unwrap()));
    }
    // (deliveries run concurrently, so their order at the receiver may differ)
    events.sort();
    assert_eq!(events, ["ended Anthem", "ended Chant", "now_playing Anthem", "now_playing Chant"]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(got.try_recv().is_err(), "the repeated report sent nothing more");
    assert!(other_got.lock().unwrap().is_empty(), "a receiver of `recognition` gets no live events");
    let (_, d) = api(&app, "GET", &format!("/api/v1/webhooks/{}/deliveries", hook["id"].as_str().unwrap()), Some(&auth), None).await;
    let all = d["deliveries"].as_array().unwrap();
    assert!(all.len() == 4 && all.iter().all(|x| x["status"] == "delivered" && x["last_code"] == 200 && x["attempts"] == 1), "{d}");
}
