//! The clip library end to end through the router: uploads of real audio (the test audio's
//! WAV and Ogg Vorbis files), validation and what a refused upload leaves (nothing), the same
//! file stored once, listing, stats, edits, deletes, streaming with ranges and validators,
//! the play-counting rule under 100 concurrent playbacks, bad ids, a clip deleted while it
//! streams, and the private mode.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use resonance_bridge::{AppState, Config, app};
use serde_json::Value;
use tower::ServiceExt;

use crate::common::{bearer, config, multipart};

fn audio(rel: &str) -> PathBuf {
    resonance_test_support::test_audio_dir().join(rel)
}

/// Sends a request; the status, headers and body bytes.
async fn raw(app: &axum::Router, method: &str, uri: &str, headers: &[(&str, &str)], body: Vec<u8>) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut b = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let resp = app.clone().oneshot(b.body(Body::from(body)).unwrap()).await.unwrap();
    let (status, headers) = (resp.status(), resp.headers().clone());
    (status, headers, resp.into_body().collect().await.unwrap().to_bytes().to_vec())
}

async fn json(app: &axum::Router, method: &str, uri: &str, key: Option<&str>, body: Option<&str>) -> (StatusCode, Value) {
    let (s, _, v) = crate::common::call(app, method, uri, key.map(bearer).as_deref(), body).await;
    (s, v)
}

/// Uploads `file` as `name` with text fields.
async fn upload(app: &axum::Router, key: &str, file: &[u8], name: &str, fields: &[(&str, &str)]) -> (StatusCode, Value) {
    let (ct, body) = multipart(file, name, fields);
    let auth = bearer(key);
    let (s, _, b) = raw(app, "POST", "/play", &[("authorization", &auth), ("content-type", &ct)], body).await;
    (s, serde_json::from_slice(&b).unwrap_or(Value::Null))
}

async fn open(dir: &Path, f: impl FnOnce(&mut Config)) -> (AppState, String) {
    let mut c = config(dir);
    f(&mut c);
    let (st, key) = AppState::open(c).await.unwrap();
    (st, key.unwrap_or_default())
}

/// Every file below `dir` (blobs and temporaries).
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            if e.path().is_dir() {
                out.extend(files(&e.path()));
            } else {
                out.push(e.path());
            }
        }
    }
    out
}

/// An Ogg file of many pages (257 kB) is checked to its last page, not only its first 64 KiB:
/// the whole file is accepted and measured, the same file cut short is refused.
#[tokio::test]
async fn a_long_ogg_upload_is_checked_to_its_last_page() {
    let dir = tempfile::tempdir().unwrap();
    let (st, key) = open(dir.path(), |_| {}).await;
    let app = app(st.clone());
    let sting = std::fs::read(audio("music/defeat2.ogg")).unwrap();
    assert!(sting.len() > 65_536);
    let (s, long) = upload(&app, &key, &sting, "defeat2.ogg", &[("title", "Full Time Sting")]).await;
    assert_eq!(s, StatusCode::CREATED, "{long}");
    assert!(long["duration_s"].as_f64().is_some_and(|d| (d - 14.17).abs() < 0.1), "{long}");
    let (s, cut) = upload(&app, &key, &sting[..sting.len() - 100], "cut.ogg", &[]).await;
    assert_eq!((s, cut["error"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("bad_audio")), "{cut}");
}

#[tokio::test]
async fn uploads_are_validated_measured_and_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let (st, key) = open(dir.path(), |_| {}).await;
    let app = app(st.clone());
    let cheer = std::fs::read(audio("events/crowdcheer.wav")).unwrap();
    let (s, v) = upload(&app, &key, &cheer, "crowdcheer.wav", &[("title", "Goal Cheer"), ("tags", "goal, Crowd")]).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("clp_") && id.len() == 20, "{id}");
    assert_eq!(v["title"], "Goal Cheer");
    assert_eq!(v["slug"], "goal-cheer");
    assert_eq!(v["tags"], serde_json::json!(["crowd", "goal"]));
    assert_eq!(v["content_type"], "audio/wav");
    assert_eq!(v["bytes"], cheer.len());
    assert_eq!(v["duplicate"], false);
    let d = resonance_io::decode::decode_file(&audio("events/crowdcheer.wav")).unwrap();
    assert!((v["duration_s"].as_f64().unwrap() - d.duration_s()).abs() < 0.002, "{v}");
    assert_eq!(v["sample_rate"], d.sample_rate);
    let lufs = v["loudness"]["lufs"].as_f64().unwrap();
    let tp = v["loudness"]["true_peak_dbtp"].as_f64().unwrap();
    assert!((-60.0..0.0).contains(&lufs) && tp > lufs && tp < 3.0, "{v}");
    assert!((0.0..=1.0).contains(&v["mood"]["energy"].as_f64().unwrap()), "{v}");
    let gain = v["gain_db"].as_f64().unwrap();
    assert!(gain <= -1.0 - tp + 1e-3, "normalisation keeps the true peak under -1 dBTP: {v}");

    // An Ogg Vorbis file; the same bytes again are stored once and answer the first clip.
    let applause = std::fs::read(audio("extra/applause.ogg")).unwrap();
    let (s, ogg) = upload(&app, &key, &applause, "applause.ogg", &[("tags", "crowd"), ("tags", "applause")]).await;
    assert_eq!(s, StatusCode::CREATED, "{ogg}");
    assert_eq!(ogg["content_type"], "audio/ogg");
    assert_eq!(ogg["title"], "applause");
    let (s, again) = upload(&app, &key, &cheer, "other-name.wav", &[("title", "Copy")]).await;
    assert_eq!(s, StatusCode::OK, "{again}");
    assert_eq!(again["duplicate"], true);
    assert_eq!(again["id"], id.as_str());
    let blobs = files(&dir.path().join("clips/blobs"));
    assert_eq!(blobs.len(), 2, "{blobs:?}");

    // Refused uploads leave no file and no row.
    let mut truncated = cheer[..cheer.len() / 3].to_vec();
    truncated.truncate(truncated.len() - 1);
    let not_audio = b"this is a text file, not audio at all; ".repeat(100);
    let silence_10ms = {
        let mut w = cheer[..44].to_vec();
        w.truncate(44);
        w
    };
    for (bytes, name, fields, status, reason) in [
        (not_audio.clone(), "notes.txt", vec![], StatusCode::UNSUPPORTED_MEDIA_TYPE, "not_audio"),
        (truncated, "cut.wav", vec![], StatusCode::UNPROCESSABLE_ENTITY, "bad_audio"),
        (Vec::new(), "empty.wav", vec![], StatusCode::BAD_REQUEST, "empty_body"),
        (silence_10ms, "header.wav", vec![], StatusCode::UNPROCESSABLE_ENTITY, "bad_audio"),
        (cheer.clone(), "x.wav", vec![("tags", "no spaces")], StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        (cheer.clone(), "x.wav", vec![("colour", "red")], StatusCode::UNPROCESSABLE_ENTITY, "validation"),
    ] {
        let (s, v) = upload(&app, &key, &bytes, name, &fields).await;
        assert_eq!((s, v["error"].as_str().unwrap_or("")), (status, reason), "{name}: {v}");
        assert!(!v["message"].as_str().unwrap_or("").is_empty());
    }
    assert_eq!(files(&dir.path().join("clips/blobs")).len(), 2);
    assert!(files(&dir.path().join("clips/tmp")).is_empty(), "{:?}", files(&dir.path().join("clips/tmp")));
    let (_, list) = json(&app, "GET", "/play", None, None).await;
    assert_eq!(list["total"], 2, "{list}");

    // Over the size limit: 413, nothing left.
    let dir2 = tempfile::tempdir().unwrap();
    let (st2, key2) = open(dir2.path(), |c| c.clips.max_bytes = 50_000).await;
    let (s, v) = upload(&app_of(st2), &key2, &cheer, "big.wav", &[]).await;
    assert_eq!((s, v["error"].as_str().unwrap()), (StatusCode::PAYLOAD_TOO_LARGE, "too_large"), "{v}");
    assert!(files(&dir2.path().join("clips")).is_empty());

    // Mutations need a key.
    let (ct, body) = multipart(&cheer, "x.wav", &[]);
    let (s, _, _) = raw(&app, "POST", "/play", &[("content-type", &ct)], body).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = json(&app, "DELETE", &format!("/play/{id}"), None, None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);

    // A restart finds both clips; a blob no row names (a crash between rename and insert)
    // and a dead process's temporary are swept.
    let orphan = dir.path().join("clips/blobs/00").join("0".repeat(64));
    std::fs::create_dir_all(orphan.parent().unwrap()).unwrap();
    std::fs::write(&orphan, b"x").unwrap();
    std::fs::write(dir.path().join("clips/tmp/.resonance-999999999-0.wav.part"), b"x").unwrap();
    st.inner.store.close().await;
    drop((app, st));
    let (st, _) = open(dir.path(), |_| {}).await;
    assert!(!orphan.exists());
    assert!(files(&dir.path().join("clips/tmp")).is_empty());
    let (_, list) = json(&app_of(st), "GET", "/play", None, None).await;
    assert_eq!(list["total"], 2, "{list}");
}

fn app_of(st: AppState) -> axum::Router {
    app(st)
}

#[tokio::test]
async fn listing_filters_sorts_pages_edits_and_deletes() {
    let dir = tempfile::tempdir().unwrap();
    let (st, key) = open(dir.path(), |_| {}).await;
    let app = app(st.clone());
    let mut ids = Vec::new();
    for (file, title, tags) in [
        ("events/crowdcheer.wav", "Zebra Cheer", "goal,crowd"),
        ("events/crowdboo.wav", "Alpha Boo", "crowd"),
        ("events/refwhistleshort.wav", "Mid Whistle", "referee"),
    ] {
        let (s, v) = upload(&app, &key, &std::fs::read(audio(file)).unwrap(), "f.wav", &[("title", title), ("tags", tags)]).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        ids.push(v["id"].as_str().unwrap().to_string());
    }
    let titles = |v: &Value| v["clips"].as_array().unwrap().iter().map(|c| c["title"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    let (_, v) = json(&app, "GET", "/play?sort=title", None, None).await;
    assert_eq!(titles(&v), ["Alpha Boo", "Mid Whistle", "Zebra Cheer"]);
    let (_, v) = json(&app, "GET", "/play?sort=title&order=desc", None, None).await;
    assert_eq!(titles(&v), ["Zebra Cheer", "Mid Whistle", "Alpha Boo"]);
    let (_, v) = json(&app, "GET", "/play", None, None).await;
    assert_eq!(titles(&v)[0], "Mid Whistle", "newest first by default");
    let (_, v) = json(&app, "GET", "/play?tag=crowd&sort=title", None, None).await;
    assert_eq!((titles(&v), v["total"].as_i64()), (vec!["Alpha Boo".to_string(), "Zebra Cheer".to_string()], Some(2)));
    let (_, v) = json(&app, "GET", "/play?q=WHIST", None, None).await;
    assert_eq!(titles(&v), ["Mid Whistle"]);
    let (_, v) = json(&app, "GET", "/play?q=%25", None, None).await;
    assert_eq!(v["total"], 0, "a % is a character, not a wildcard");
    let (_, v) = json(&app, "GET", "/play?sort=title&limit=1&offset=1", None, None).await;
    assert_eq!((titles(&v), v["total"].as_i64(), v["limit"].as_i64()), (vec!["Mid Whistle".to_string()], Some(3), Some(1)));
    // Plays: stream the boo twice and the whistle once.
    for id in [&ids[1], &ids[1], &ids[2]] {
        let (s, _, _) = raw(&app, "GET", &format!("/play/{id}/stream"), &[], Vec::new()).await;
        assert_eq!(s, StatusCode::OK);
    }
    let (_, v) = json(&app, "GET", "/play?sort=plays", None, None).await;
    assert_eq!(titles(&v), ["Alpha Boo", "Mid Whistle", "Zebra Cheer"]);
    for bad in ["limit=0", "limit=501", "offset=-1", "sort=size", "order=up", "limit=x"] {
        let (s, v) = json(&app, "GET", &format!("/play?{bad}"), None, None).await;
        assert!(s.is_client_error(), "{bad}: {s} {v}");
    }

    // Edit.
    let (s, v) = json(
        &app,
        "PATCH",
        &format!("/play/{}", ids[0]),
        Some(&key),
        Some(r#"{"title":"Home Goal","slug":"goal-horn","tags":["Goal","horn"]}"#),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!((v["title"].as_str(), v["slug"].as_str()), (Some("Home Goal"), Some("goal-horn")));
    assert_eq!(v["tags"], serde_json::json!(["goal", "horn"]));
    let (s, v) = json(&app, "PATCH", &format!("/play/{}", ids[1]), Some(&key), Some(r#"{"slug":"goal-horn"}"#)).await;
    assert_eq!((s, v["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("slug")), "a slug is unique: {v}");
    for body in [r#"{"slug":"Bad Slug"}"#, r#"{"title":""}"#, r#"{"tags":"x"}"#, r#"{"bytes":1}"#, "[]"] {
        let (s, v) = json(&app, "PATCH", &format!("/play/{}", ids[1]), Some(&key), Some(body)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {v}");
    }
    let (_, v) = json(&app, "GET", "/play?tag=horn", None, None).await;
    assert_eq!(titles(&v), ["Home Goal"]);
    let (_, v) = json(&app, "GET", &format!("/play/{}/stats", ids[1]), None, None).await;
    assert_eq!((v["play_count"].as_i64(), v["listens"].as_i64(), v["on_air_plays"].as_i64()), (Some(2), Some(2), Some(0)), "{v}");
    assert!(v["last_played_ms"].as_i64().unwrap() > 0);
    assert_eq!(v["format"], "wav");

    // Delete: the row and its file go.
    let sha = v["sha256"].as_str().unwrap().to_string();
    let blob = dir.path().join("clips/blobs").join(&sha[..2]).join(&sha);
    assert!(blob.exists());
    let (s, _) = json(&app, "DELETE", &format!("/play/{}", ids[1]), Some(&key), None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert!(!blob.exists());
    let (s, v) = json(&app, "GET", &format!("/play/{}/stats", ids[1]), None, None).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::NOT_FOUND, Some("no_such_clip")));
    let (s, _) = json(&app, "DELETE", &format!("/play/{}", ids[1]), Some(&key), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let m = st.inner.metrics.render();
    assert!(m.contains("resonance_bridge_clips 2"), "{m}");
}

#[tokio::test]
async fn streams_ranges_validators_and_bad_ids() {
    let dir = tempfile::tempdir().unwrap();
    let (st, key) = open(dir.path(), |_| {}).await;
    let app = app(st.clone());
    let file = std::fs::read(audio("extra/whistle.ogg")).unwrap();
    let (_, v) = upload(&app, &key, &file, "whistle.ogg", &[]).await;
    let id = v["id"].as_str().unwrap().to_string();
    let uri = format!("/play/{id}/stream");
    let len = file.len();

    let (s, h, body) = raw(&app, "GET", &uri, &[], Vec::new()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(body, file);
    assert_eq!(h["content-type"], "audio/ogg");
    assert_eq!(h["accept-ranges"], "bytes");
    assert_eq!(h["content-length"], len.to_string().as_str());
    let etag = h["etag"].to_str().unwrap().to_string();
    assert_eq!(etag, format!("\"sha256:{}\"", v["sha256"].as_str().unwrap()));

    let (s, h, body) = raw(&app, "GET", &uri, &[("range", "bytes=100-199")], Vec::new()).await;
    assert_eq!((s, body.as_slice()), (StatusCode::PARTIAL_CONTENT, &file[100..200]));
    assert_eq!(h["content-range"], format!("bytes 100-199/{len}").as_str());
    let (s, h, body) = raw(&app, "GET", &uri, &[("range", "bytes=-50")], Vec::new()).await;
    assert_eq!((s, body.as_slice()), (StatusCode::PARTIAL_CONTENT, &file[len - 50..]));
    assert_eq!(h["content-range"], format!("bytes {}-{}/{len}", len - 50, len - 1).as_str());
    let (s, _, body) = raw(&app, "GET", &uri, &[("range", "bytes=5000-")], Vec::new()).await;
    assert_eq!((s, body.as_slice()), (StatusCode::PARTIAL_CONTENT, &file[5000..]));
    let (s, h, _) = raw(&app, "GET", &uri, &[("range", &format!("bytes={len}-"))], Vec::new()).await;
    assert_eq!(s, StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(h["content-range"], format!("bytes */{len}").as_str());
    for malformed in ["bytes=abc", "bytes=9-1", "lines=1-2", "bytes=1-2-3", "bytes=0-9,100-109"] {
        let (s, _, body) = raw(&app, "GET", &uri, &[("range", malformed)], Vec::new()).await;
        assert_eq!((s, body.len()), (StatusCode::OK, len), "{malformed} is ignored");
    }
    let (s, _, body) = raw(&app, "GET", &uri, &[("if-none-match", &etag)], Vec::new()).await;
    assert_eq!((s, body.len()), (StatusCode::NOT_MODIFIED, 0));
    let (s, _, body) = raw(&app, "GET", &uri, &[("if-range", &etag), ("range", "bytes=0-9")], Vec::new()).await;
    assert_eq!((s, body.len()), (StatusCode::PARTIAL_CONTENT, 10));
    let (s, _, body) = raw(&app, "GET", &uri, &[("if-range", "\"sha256:old\""), ("range", "bytes=0-9")], Vec::new()).await;
    assert_eq!((s, body.len()), (StatusCode::OK, len), "a changed validator gets the whole file");
    let (s, h, body) = raw(&app, "HEAD", &uri, &[], Vec::new()).await;
    assert_eq!((s, body.len()), (StatusCode::OK, 0));
    assert_eq!(h["content-length"], len.to_string().as_str());

    // Counted: the two 200s without Range, the If-Range fallback 200s (whole file) and the
    // If-Range 206 from 0 (10 bytes); not the seeks, the 416, the 304 or the HEAD.
    let (_, v) = json(&app, "GET", &format!("/play/{id}/stats"), None, None).await;
    assert_eq!(v["listens"], 8, "{v}");

    // Bad ids: 400 before any lookup; unknown: 404.
    let long = "a".repeat(10_000);
    for bad in ["..%2F..", "%00", "clp_%00", long.as_str(), "clp_0123456789ABCDEF", "%2e%2e", "%FF%FE"] {
        for path in [format!("/play/{bad}/stream"), format!("/play/{bad}/stats")] {
            let (s, _, b) = raw(&app, "GET", &path, &[], Vec::new()).await;
            let v: Value = serde_json::from_slice(&b).unwrap_or(Value::Null);
            assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_id")), "{}", &path[..path.len().min(60)]);
            assert!(v["message"].as_str().unwrap().len() < 300, "the message does not echo 10 kB");
        }
    }
    let (s, _, _) = raw(&app, "GET", "/play/../../etc/passwd/stream", &[], Vec::new()).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _, b) = raw(&app, "GET", "/play/clp_0123456789abcdef/stream", &[], Vec::new()).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{}", String::from_utf8_lossy(&b));

    // Deleted while streaming: the open stream delivers the whole file; then 404.
    let resp = app.clone().oneshot(Request::builder().uri(&uri).body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let (s, _) = json(&app, "DELETE", &format!("/play/{id}"), Some(&key), None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(body.as_ref(), file.as_slice());
    let (s, _, _) = raw(&app, "GET", &uri, &[], Vec::new()).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let m = st.inner.metrics.render();
    assert!(m.contains("resonance_bridge_clip_streams_active 0"), "{m}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hundred_concurrent_playbacks_count_exactly_100() {
    let dir = tempfile::tempdir().unwrap();
    let (st, key) = open(dir.path(), |_| {}).await;
    let app = app(st.clone());
    let file = std::fs::read(audio("events/crowdooh.wav")).unwrap();
    let (_, v) = upload(&app, &key, &file, "ooh.wav", &[]).await;
    let uri = format!("/play/{}/stream", v["id"].as_str().unwrap());
    let mut tasks = Vec::new();
    // 100 playbacks (50 plain GETs, 50 `bytes=0-` as Chrome sends), 100 seeks, 50 probes.
    for i in 0..250 {
        let (app, uri) = (app.clone(), uri.clone());
        tasks.push(tokio::spawn(async move {
            let range = match i % 5 {
                0 => None,
                1 => Some("bytes=0-"),
                2 | 3 => Some("bytes=100-"),
                _ => Some("bytes=0-1"),
            };
            let h: Vec<(&str, &str)> = range.map(|r| ("range", r)).into_iter().collect();
            let (s, _, body) = raw(&app, "GET", &uri, &h, Vec::new()).await;
            assert!(s.is_success(), "{s}");
            body.len()
        }));
    }
    let mut bytes = 0;
    for t in tasks {
        bytes += t.await.unwrap();
    }
    let (_, v) = json(&app, "GET", &format!("/play/{}/stats", v["id"].as_str().unwrap()), None, None).await;
    assert_eq!(v["play_count"], 100, "{v}");
    assert_eq!(v["listens"], 100);
    let m = st.inner.metrics.render();
    assert!(m.contains("resonance_bridge_clip_plays_total{kind=\"listen\"} 100"), "{m}");
    assert!(m.contains(&format!("resonance_bridge_clip_bytes_streamed_total {bytes}")), "{m}");
}

#[tokio::test]
async fn a_private_library_needs_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let (st, key) = open(dir.path(), |c| c.clips.public = false).await;
    let app = app(st);
    let (_, v) = upload(&app, &key, &std::fs::read(audio("events/crowdooh.wav")).unwrap(), "ooh.wav", &[]).await;
    let id = v["id"].as_str().unwrap();
    for path in ["/play".to_string(), format!("/play/{id}/stats"), format!("/play/{id}/stream")] {
        let (s, _) = json(&app, "GET", &path, None, None).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{path}");
        let (s, _) = json(&app, "GET", &path, Some("wrong"), None).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{path}");
        let (s, _) = json(&app, "GET", &path, Some(&key), None).await;
        assert_eq!(s, StatusCode::OK, "{path}");
    }
}

/// The repository's Grafana dashboard names only metrics the bridge exports, and the
/// Prometheus scrape config points at /metrics.
#[tokio::test]
async fn grafana_dashboard_names_only_real_metrics() {
    let dir = tempfile::tempdir().unwrap();
    let (st, key) = open(dir.path(), |_| {}).await;
    let app = app(st.clone());
    let (_, v) = upload(&app, &key, &std::fs::read(audio("events/crowdooh.wav")).unwrap(), "ooh.wav", &[]).await;
    let (s, _, _) = raw(&app, "GET", &format!("/play/{}/stream", v["id"].as_str().unwrap()), &[], Vec::new()).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _, text) = raw(&app, "GET", "/metrics", &[], Vec::new()).await;
    assert_eq!(s, StatusCode::OK);
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("resonance_bridge_http_requests_total{method=\"GET\",route=\"/play/{id}/stream\",status_class=\"2xx\"} 1"),
        "{text}"
    );
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let dash: Value = serde_json::from_str(&std::fs::read_to_string(repo.join("ops/grafana/resonance-bridge.json")).unwrap()).unwrap();
    let mut names = Vec::new();
    for p in dash["panels"].as_array().unwrap() {
        for t in p["targets"].as_array().unwrap() {
            let expr = t["expr"].as_str().unwrap();
            let mut rest = expr;
            while let Some(i) = rest.find("resonance_bridge_") {
                let tail = &rest[i..];
                let end = tail.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(tail.len());
                names.push(tail[..end].to_string());
                rest = &tail[end..];
            }
        }
    }
    assert!(names.len() >= 8, "{names:?}");
    for n in &names {
        let base = n.trim_end_matches("_bucket").trim_end_matches("_count").trim_end_matches("_sum");
        assert!(
            text.lines().any(|l| l.starts_with(base) && !l.starts_with('#')),
            "the dashboard names {n}, which /metrics does not export"
        );
    }
    let prom = std::fs::read_to_string(repo.join("ops/prometheus/resonance.yml")).unwrap();
    assert!(prom.contains("metrics_path: /metrics") && prom.contains("job_name: resonance-bridge"));
}
