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
use crate::recognition::{ffmpeg_encode, music, wav};

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
    let ac3 = ffmpeg_encode(&music("elf-land.ogg"), 2.0, 2.0, "mka", &["-c:a", "ac3"]);
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
        (wav(&[0.3; 400], 16_000), "25ms.wav", vec![], StatusCode::UNPROCESSABLE_ENTITY, "too_short"),
        (ac3, "ac3.mka", vec![], StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_codec"),
    ] {
        let (s, v) = upload(&app, &key, &bytes, name, &fields).await;
        assert_eq!((s, v["error"].as_str().unwrap_or("")), (status, reason), "{name}: {v}");
        assert!(!v["message"].as_str().unwrap_or("").is_empty());
    }
    // The transfer cut short (the body ends inside the file, no closing boundary).
    let (ct, body) = multipart(&cheer, "cut.wav", &[]);
    let auth = bearer(&key);
    let (s, _, b) = raw(&app, "POST", "/play", &[("authorization", &auth), ("content-type", &ct)], body[..body.len() / 2].to_vec()).await;
    let v: Value = serde_json::from_slice(&b).unwrap_or(Value::Null);
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["message"].as_str().unwrap_or("").contains("malformed multipart body"), "{v}");
    assert_eq!(files(&dir.path().join("clips/blobs")).len(), 2);
    assert!(files(&dir.path().join("clips/tmp")).is_empty(), "{:?}", files(&dir.path().join("clips/tmp")));
    let (_, list) = json(&app, "GET", "/play", None, None).await;
    assert_eq!(list["total"], 2, "{list}");

    // Over the size limit, over the length limit: 413, nothing left.
    let dir2 = tempfile::tempdir().unwrap();
    let (st2, key2) = open(dir2.path(), |c| {
        c.clips.max_bytes = 50_000;
        c.clips.max_s = 1.0;
    })
    .await;
    let app2 = app_of(st2);
    let (s, v) = upload(&app2, &key2, &cheer, "big.wav", &[]).await;
    assert_eq!((s, v["error"].as_str().unwrap()), (StatusCode::PAYLOAD_TOO_LARGE, "too_large"), "{v}");
    let (s, v) = upload(&app2, &key2, &wav(&vec![0.2; 16_000], 8_000), "2s.wav", &[]).await;
    assert_eq!((s, v["error"].as_str().unwrap()), (StatusCode::PAYLOAD_TOO_LARGE, "too_long"), "{v}");
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

    // A file gone from under its row (removed by hand): 410 naming what to do, not a 500.
    let (_, v) = json(&app, "GET", &format!("/play/{}/stats", ids[2]), None, None).await;
    let sha = v["sha256"].as_str().unwrap();
    std::fs::remove_file(dir.path().join("clips/blobs").join(&sha[..2]).join(sha)).unwrap();
    let (s, v) = json(&app, "GET", &format!("/play/{}/stream", ids[2]), None, None).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::GONE, Some("blob_missing")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("upload it again"), "{v}");
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
    for unsatisfiable in ["bytes=-0", &format!("bytes={}-{}", len + 10, len + 20)] {
        let (s, h, body) = raw(&app, "GET", &uri, &[("range", unsatisfiable)], Vec::new()).await;
        assert_eq!(s, StatusCode::RANGE_NOT_SATISFIABLE, "{unsatisfiable}");
        // no audio bytes: at most the JSON error naming the problem
        assert!(body.is_empty() || serde_json::from_slice::<serde_json::Value>(&body).is_ok(), "{unsatisfiable}: {body:?}");
        assert_eq!(h["content-range"], format!("bytes */{len}").as_str());
    }
    // 16 ranges are read (overlapping: merged into one 206), 17 are not; nor a header over 1 KiB
    let (s, _, body) = raw(&app, "GET", &uri, &[("range", &format!("bytes={}", ["0-4"; 16].join(",")))], Vec::new()).await;
    assert_eq!((s, body.as_slice()), (StatusCode::PARTIAL_CONTENT, &file[..5]));
    let many = format!("bytes={}", ["0-4"; 17].join(","));
    let huge = format!("bytes=0-4,{}5-9", " ".repeat(1100));
    for malformed in
        ["bytes=abc", "bytes=9-1", "lines=1-2", "bytes=1-2-3", "bytes=0-9,100-109", "bytes=99999999999999999999-", &many, &huge]
    {
        let (s, _, body) = raw(&app, "GET", &uri, &[("range", malformed)], Vec::new()).await;
        assert_eq!((s, body.len()), (StatusCode::OK, len), "{} is ignored", &malformed[..malformed.len().min(40)]);
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

    // Counted: the 200s (no Range, an ignored Range, the If-Range fallback) and the 206s from
    // byte 0 (the merged 16 ranges, the If-Range match); not the seeks, the 416s, the 304 or
    // the HEAD.
    let (_, v) = json(&app, "GET", &format!("/play/{id}/stats"), None, None).await;
    assert_eq!(v["listens"], 12, "{v}");

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
    let auth = bearer(&key);
    for bad in ["%00", "..%2F..", long.as_str()] {
        for (method, path) in [("DELETE", format!("/play/{bad}")), ("PATCH", format!("/play/{bad}")), ("POST", format!("/play/{bad}/fire"))]
        {
            let (s, _, b) =
                raw(&app, method, &path, &[("authorization", &auth), ("content-type", "application/json")], b"{}".to_vec()).await;
            let v: Value = serde_json::from_slice(&b).unwrap_or(Value::Null);
            assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_id")), "{method} {}", &path[..path.len().min(60)]);
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

/// The data directory full: an upload, and an import (`Clips::add_file`, what `resonance
/// clips import` runs for each file), is refused with 507 `storage_full` naming the path and
/// what to do; nothing is left (no temporary, no blob, no row), the counts and the metrics are
/// unchanged, and the clip already there still lists and streams. The disk is full for real:
/// the upload's bytes go to `/dev/full` (`Clips::divert_uploads`), so the real write path gets
/// the kernel's `ENOSPC`, as root or not. With space again the same upload is added.
#[tokio::test]
async fn a_full_data_directory_refuses_uploads_with_507_and_leaves_nothing() {
    if !Path::new("/dev/full").exists() {
        eprintln!("skipped: this system has no /dev/full");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (st, key) = open(dir.path(), |_| {}).await;
    let app = app(st.clone());
    let cheer = std::fs::read(audio("events/crowdcheer.wav")).unwrap();
    let (s, v) = upload(&app, &key, &cheer, "crowdcheer.wav", &[("title", "Goal Cheer")]).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["id"].as_str().unwrap().to_string();
    let (s, _, _) = raw(&app, "GET", &format!("/play/{id}/stream"), &[], Vec::new()).await;
    assert_eq!(s, StatusCode::OK);
    let clips_dir = dir.path().join("clips");
    let before = files(&clips_dir);
    assert_eq!(before.len(), 1, "one blob, no temporary: {before:?}");

    st.inner.clips.divert_uploads(Some(PathBuf::from("/dev/full")));
    let boo = std::fs::read(audio("events/crowdboo.wav")).unwrap();
    let (s, v) = upload(&app, &key, &boo, "crowdboo.wav", &[("title", "Boo"), ("tags", "crowd")]).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::INSUFFICIENT_STORAGE, Some("storage_full")), "{v}");
    let msg = v["message"].as_str().unwrap();
    assert!(
        msg.contains("/dev/full") && msg.contains("os error 28") && msg.contains("free space"),
        "names the path, the OS error and what to do: {msg}"
    );
    let e =
        st.inner.clips.add_file(&st.inner.store, &audio("events/crowdboo.wav"), vec![], "import:crowdboo.wav".into()).await.unwrap_err();
    assert_eq!(e.reason(), "storage_full", "{e:?}");

    assert_eq!(files(&clips_dir), before, "no temporary and no blob left");
    let (s, list) = json(&app, "GET", "/play", None, None).await;
    assert_eq!((s, list["total"].as_i64()), (StatusCode::OK, Some(1)), "no row: {list}");
    let (_, stats) = json(&app, "GET", &format!("/play/{id}/stats"), None, None).await;
    assert_eq!((stats["listens"].as_i64(), stats["on_air_plays"].as_i64()), (Some(1), Some(0)), "{stats}");
    let (s, _, body) = raw(&app, "GET", &format!("/play/{id}/stream"), &[], Vec::new()).await;
    assert_eq!((s, body.len()), (StatusCode::OK, cheer.len()), "the library still streams");
    let m = st.inner.metrics.render();
    assert!(m.contains("resonance_bridge_clips 1") && m.contains("resonance_bridge_clip_plays_total{kind=\"listen\"} 2"), "{m}");
    assert_eq!(st.inner.metrics.rejects("storage_full"), 1);

    st.inner.clips.divert_uploads(None);
    let (s, v) = upload(&app, &key, &boo, "crowdboo.wav", &[("title", "Boo")]).await;
    assert_eq!((s, v["title"].as_str()), (StatusCode::CREATED, Some("Boo")), "with space again the upload is added: {v}");
    assert!(files(&clips_dir.join("tmp")).is_empty());
    assert_eq!(files(&clips_dir.join("blobs")).len(), 2);
}

/// A clip deleted while it is queued on air. The engine's side is the real clip player (its
/// loader fetching from a real bridge on 127.0.0.1, as the live host's and the plugin's do)
/// and the engine's real clip bank, driven block by block; the fires arrive as the bridge's
/// OSC commands and the reports go back as OSC, as from a live host.
///
/// * Played and counted, then fired again on the bar; deleted while that play waits in the
///   bank: it plays from the engine's own buffer, sample for sample where it was scheduled,
///   without an allocation on the audio thread; its report is not counted (no row), and the
///   on-air total does not go back.
/// * Fired, then deleted before the engine fetches it: the engine refuses it with the bridge's
///   404 as the reason (the live host prints it), the bridge logs it and counts it as
///   `clip_refused_by_engine`; nothing reaches the bank.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[expect(clippy::too_many_lines, reason = "one scripted sequence (fire, delete, play or refuse), read top to bottom")]
async fn a_clip_deleted_while_queued_on_air_plays_from_the_engine_buffer_or_is_refused() {
    use resonance_bridge::osc::{self, Inbound, Outbound};
    use resonance_engine::synth::clips::{ClipSender, channel};
    use resonance_engine::testing::count_allocations;
    use resonance_io::clips::{ClipPlayer, ClipReport, FireRequest, Sources};

    use crate::common::{engine_socket, expect_command, ws_connect, ws_expect};

    const RATE: u32 = 48_000;
    let dir = tempfile::tempdir().unwrap();
    let b = resonance_bridge::start(crate::common::config(dir.path())).await.unwrap();
    let (st, key) = (b.state.clone(), b.first_key.clone().unwrap());
    let app = app(st.clone());
    let mut ids = Vec::new();
    for (file, title) in [("events/crowdcheer.wav", "Cheer"), ("events/crowdboo.wav", "Boo")] {
        let (s, v) = upload(&app, &key, &std::fs::read(audio(file)).unwrap(), "f.wav", &[("title", title)]).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        ids.push(v["id"].as_str().unwrap().to_string());
    }
    let (cheer, boo) = (ids[0].clone(), ids[1].clone());
    let mut ws = ws_connect(b.http_addr, "?session=default").await;
    let engine = engine_socket().await;
    let to_bridge = |m: Inbound| osc::to_datagram(osc::encode_inbound(&m));
    engine.send_to(&to_bridge(Inbound::Hello { session: "default".into(), token: None }), b.osc_addr).await.unwrap();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while json(&app, "GET", "/api/v1/engines", None, None).await.1["engines"].as_array().is_none_or(Vec::is_empty) {
        assert!(tokio::time::Instant::now() < deadline, "the engine's hello did not reach the bridge");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }

    let (mut sender, mut bank) = channel(RATE as f32);
    let mut player = ClipPlayer::start(Sources { url: Some(format!("http://{}", b.http_addr)), ..Sources::default() }, RATE);
    let mut reports: Vec<ClipReport> = Vec::new();
    // Fires `id` over HTTP; the command the engine receives, as the live host turns it into a fire.
    let fire = async |id: &str, quantize: &str| -> FireRequest {
        let (s, v) = json(&app, "POST", &format!("/play/{id}/fire"), Some(&key), Some(&format!(r#"{{"quantize":"{quantize}"}}"#))).await;
        assert_eq!(s, StatusCode::ACCEPTED, "{v}");
        match expect_command(&engine, 5, |c| matches!(c, Outbound::Clip { fire_id, .. } if *fire_id == v["fire_id"])).await {
            Outbound::Clip { id, sha256, quantize, gain_db, fire_id, port } => FireRequest { id, sha256, quantize, gain_db, fire_id, port },
            _ => unreachable!(),
        }
    };
    // The control thread's turns until the loader is done.
    let settle = async |player: &mut ClipPlayer, sender: &mut ClipSender, reports: &mut Vec<ClipReport>| {
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
        while player.is_loading() {
            assert!(tokio::time::Instant::now() < deadline, "the clip loader did not finish");
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            player.step(sender, &mut |r| reports.push(r));
        }
    };

    // 1. Played at once and counted.
    let f = fire(&cheer, "immediate").await;
    player.fire(&f, &mut sender, &mut |r| reports.push(r));
    settle(&mut player, &mut sender, &mut reports).await;
    bank.drain(0, 0, 0, 0, 0);
    player.step(&mut sender, &mut |r| reports.push(r));
    let Some(ClipReport::Scheduled { at: 0, fire_id, .. }) = reports.pop() else { panic!("not scheduled: {reports:?}") };
    engine.send_to(&to_bridge(Inbound::ClipScheduled { id: cheer.clone(), fire_id, at: 0 }), b.osc_addr).await.unwrap();
    let on_air = ws_expect(&mut ws, 5, |v| v["type"] == "clip_on_air").await;
    assert_eq!(on_air["counted"], true, "{on_air}");
    let mut t: u64 = 0;
    let (mut l, mut r) = (vec![0f32; 512], vec![0f32; 512]);
    while bank.active() {
        bank.render(t, &mut l, &mut r, 0);
        t += 512;
    }

    // 2. Fired again on the bar (loaded: no fetch), deleted while the play waits in the bank.
    let f = fire(&cheer, "bar").await;
    player.fire(&f, &mut sender, &mut |r| reports.push(r));
    assert!(!player.is_loading() && reports.is_empty(), "{reports:?}");
    let (s, _) = json(&app, "DELETE", &format!("/play/{cheer}"), Some(&key), None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _, _) = raw(&app, "GET", &format!("/play/{cheer}/stream?count=false"), &[], Vec::new()).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "the bridge no longer has it");
    let bar = t + 4_800;
    let d = resonance_io::decode::decode_file(&audio("events/crowdcheer.wav")).unwrap().resampled(RATE).unwrap();
    let [want, _] = d.to_stereo();
    let gain = 10f32.powf(f.gain_db / 20.0);
    let from = t;
    let end = bar + want.len() as u64 + 512;
    let mut out = Vec::with_capacity(usize::try_from(end - from).unwrap() + 512);
    let ((), allocs) = count_allocations(|| {
        bank.drain(t, t, bar, bar, 0);
        while t < end {
            l.fill(0.0);
            r.fill(0.0);
            bank.render(t, &mut l, &mut r, 0);
            out.extend_from_slice(&l);
            t += 512;
        }
    });
    assert_eq!(allocs, 0, "the audio thread allocated");
    player.step(&mut sender, &mut |r| reports.push(r));
    let Some(ClipReport::Scheduled { at, fire_id, .. }) = reports.pop() else { panic!("not scheduled: {reports:?}") };
    assert_eq!(at, bar, "scheduled on the bar");
    let start = usize::try_from(bar - from).unwrap();
    assert!(out[..start].iter().all(|x| *x == 0.0), "silence before the bar");
    let peak = want.iter().fold(0f32, |m, x| m.max(x.abs()));
    for (i, (got, w)) in out[start..start + want.len()].iter().zip(&want).enumerate() {
        assert!((got - w * gain).abs() <= 1e-5 * peak, "sample {i}: {got} is not the clip's {}", w * gain);
    }
    engine.send_to(&to_bridge(Inbound::ClipScheduled { id: cheer.clone(), fire_id, at }), b.osc_addr).await.unwrap();
    let on_air = ws_expect(&mut ws, 5, |v| v["type"] == "clip_on_air").await;
    assert_eq!(on_air["counted"], false, "a deleted clip's play is not counted: {on_air}");

    // 3. Fired, deleted before the engine fetches it: refused with the bridge's reason.
    let f = fire(&boo, "beat").await;
    let (s, _) = json(&app, "DELETE", &format!("/play/{boo}"), Some(&key), None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    player.fire(&f, &mut sender, &mut |r| reports.push(r));
    settle(&mut player, &mut sender, &mut reports).await;
    let Some(ClipReport::Refused { id, fire_id, reason }) = reports.pop() else { panic!("not refused: {reports:?}") };
    assert!(id == boo && reason.contains("404") && reason.contains("no_such_clip"), "{reason}");
    bank.drain(t, t, t, t, 0);
    assert!(!bank.active(), "nothing reached the bank");
    engine.send_to(&to_bridge(Inbound::ClipRefused { id: boo.clone(), fire_id, reason }), b.osc_addr).await.unwrap();
    let refused = ws_expect(&mut ws, 5, |v| v["type"] == "clip_refused").await;
    assert!(refused["reason"].as_str().unwrap().contains("404"), "{refused}");
    assert_eq!(st.inner.metrics.rejects("clip_refused_by_engine"), 1);

    let m = st.inner.metrics.render();
    assert!(m.contains("resonance_bridge_clip_plays_total{kind=\"on_air\"} 1"), "counted once, never taken back: {m}");
    assert!(m.contains("resonance_bridge_clips 0"), "{m}");
    b.stop().await.unwrap();
}
