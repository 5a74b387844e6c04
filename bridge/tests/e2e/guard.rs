//! Track clearances: the API (read, edit, bad input) and the CSV import (all or nothing,
//! dry run, every bad row reported by line), on a catalogue of two synthetic tracks.

use axum::http::StatusCode;
use serde_json::json;

use crate::common::{bearer, call, send};

/// `seconds` of tone bursts (a new pitch every 80 ms, from `seed`) as a mono 16-bit WAV.
fn bursts(seed: u64, seconds: f32) -> Vec<u8> {
    let rate = 22_050u32;
    let n = (seconds * rate as f32) as usize;
    let mut x = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut f = 440.0f32;
    let mut pcm = Vec::with_capacity(n * 2);
    for i in 0..n {
        if i % 1764 == 0 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            f = 200.0 + (x >> 40) as f32 % 3000.0;
        }
        let s = (std::f32::consts::TAU * f * i as f32 / rate as f32).sin() * 0.5;
        pcm.extend_from_slice(&((s * 32767.0) as i16).to_le_bytes());
    }
    let mut out = Vec::new();
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + pcm.len() as u32).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&rate.to_le_bytes());
    out.extend_from_slice(&(rate * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&(pcm.len() as u32).to_le_bytes());
    out.extend_from_slice(&pcm);
    out
}

#[tokio::test]
async fn clearance_api_and_csv_import() {
    let (st, key, _dir) = crate::common::state().await;
    let app = resonance_bridge::app(st);
    let auth = bearer(&key);
    let mut ids = Vec::new();
    for (seed, title) in [(1, "Anthem"), (2, "Chant")] {
        let uri = format!("/api/v1/tracks?title={title}&artist=Band");
        let (s, v) = send(&app, "POST", &uri, &key, "audio/wav", bursts(seed, 6.0)).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        ids.push(v["id"].as_str().or_else(|| v["tracks"][0]["id"].as_str()).unwrap().to_string());
    }
    let (a, b) = (&ids[0], &ids[1]);

    // Nobody said: unknown.
    let (s, _, v) = call(&app, "GET", &format!("/api/v1/tracks/{a}/clearance"), Some(&auth), None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v, json!({"state": "unknown", "note": "", "territories": [], "updated_ms": 0}));
    let (s, _, v) = call(
        &app,
        "PATCH",
        &format!("/api/v1/tracks/{a}/clearance"),
        Some(&auth),
        Some(r#"{"state": "not_cleared", "note": "label said no", "territories": ["de", "twitch", "DE"]}"#),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!((&v["state"], &v["territories"]), (&json!("not_cleared"), &json!(["DE", "twitch"])));
    let (_, _, v) = call(&app, "GET", &format!("/api/v1/tracks/{a}/clearance"), Some(&auth), None).await;
    assert_eq!(v["note"], "label said no");
    for (body, field) in
        [(r#"{"state": "maybe"}"#, "state"), (r#"{"territories": ["Deutschland!"]}"#, "territories"), (r#"{"colour": 1}"#, "colour")]
    {
        let (s, _, v) = call(&app, "PATCH", &format!("/api/v1/tracks/{a}/clearance"), Some(&auth), Some(body)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {v}");
        assert_eq!(v["field"], field, "{v}");
    }
    let (s, _, _) = call(&app, "GET", "/api/v1/tracks/trk_nope/clearance", Some(&auth), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // Import: one bad row refuses the whole file and names every bad row.
    let csv = format!("\u{feff}track_id,state,note\r\n{a},cleared,\"ok, signed\"\r\n{b},perhaps,\r\ntrk_nope,cleared,\r\n{a},no,\r\n");
    let (s, v) = send(&app, "POST", "/api/v1/clearance/import", &key, "text/csv", csv.into_bytes()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let lines: Vec<u64> = v["problems"].as_array().unwrap().iter().map(|p| p["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [3, 4, 5], "{v}");
    let (_, _, still) = call(&app, "GET", &format!("/api/v1/tracks/{a}/clearance"), Some(&auth), None).await;
    assert_eq!(still["state"], "not_cleared", "nothing applied");

    let csv = format!("track_id,state,territories,note\n{a},cleared,,\"ok, signed\"\n{b},not cleared,GB;US,\n");
    let (s, v) = send(&app, "POST", "/api/v1/clearance/import?dry_run=true", &key, "text/csv", csv.clone().into_bytes()).await;
    assert_eq!((s, &v), (StatusCode::OK, &json!({"applied": 2, "dry_run": true})));
    let (_, _, still) = call(&app, "GET", &format!("/api/v1/tracks/{a}/clearance"), Some(&auth), None).await;
    assert_eq!(still["state"], "not_cleared", "a dry run changes nothing");
    let (s, v) = send(&app, "POST", "/api/v1/clearance/import", &key, "text/csv", csv.into_bytes()).await;
    assert_eq!((s, &v), (StatusCode::OK, &json!({"applied": 2, "dry_run": false})));
    let (_, _, va) = call(&app, "GET", &format!("/api/v1/tracks/{a}/clearance"), Some(&auth), None).await;
    let (_, _, vb) = call(&app, "GET", &format!("/api/v1/tracks/{b}/clearance"), Some(&auth), None).await;
    assert_eq!((&va["state"], &va["note"], &va["territories"]), (&json!("cleared"), &json!("ok, signed"), &json!([])));
    assert_eq!((&vb["state"], &vb["territories"]), (&json!("not_cleared"), &json!(["GB", "US"])));

    let (s, v) = send(&app, "POST", "/api/v1/clearance/import", &key, "text/csv", b"id,state\nx,cleared\n".to_vec()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["message"].as_str().unwrap().contains("lacks track_id"), "{v}");
}

/// A not-cleared track reported by a fake engine over OSC: the engine is told to duck the
/// programme (a guard command with a lease, renewed while the duck lasts), a recognition flip to a cleared track holds the duck
/// (and the report says that stretch was ducked), the end of the track releases it, an
/// override releases it and leaves the track alone, turning the guard off releases a duck at
/// once, and the after-show report lists each segment with its action.
#[tokio::test]
async fn a_not_cleared_track_over_osc_ducks_the_programme_until_it_ends() {
    use resonance_bridge::osc::{self, Inbound, Outbound};

    let dir = tempfile::tempdir().unwrap();
    let b = resonance_bridge::start(crate::common::config(dir.path())).await.unwrap();
    let key = b.first_key.clone().unwrap();
    let app = resonance_bridge::app(b.state.clone());
    let auth = bearer(&key);
    let mut ids = Vec::new();
    for (seed, title) in [(3, "Anthem"), (4, "Chant")] {
        let (s, v) = send(&app, "POST", "/api/v1/tracks", &key, "audio/wav", bursts(seed, 6.0)).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let id = v["id"].as_str().unwrap().to_string();
        let body = format!(r#"{{"title": "{title}", "artist": "Band"}}"#);
        assert_eq!(call(&app, "PATCH", &format!("/api/v1/tracks/{id}"), Some(&auth), Some(&body)).await.0, StatusCode::OK);
        ids.push(id);
    }
    let csv = format!("track_id,state\n{},not_cleared\n{},cleared\n", ids[0], ids[1]);
    assert_eq!(send(&app, "POST", "/api/v1/clearance/import", &key, "text/csv", csv.into_bytes()).await.0, StatusCode::OK);

    let engine = crate::common::engine_socket().await;
    let send = |i: Inbound| osc::to_datagram(osc::encode_inbound(&i));
    let np = |t: &str| Inbound::NowPlaying {
        title: t.into(),
        artist: if t.is_empty() { String::new() } else { "band".into() },
        confidence: 0.9,
    };
    let guard_cmd = |db: f32| move |c: &Outbound| matches!(c, Outbound::Guard { gain_db, fade_ms: 150, lease_ms } if (gain_db - db).abs() < 1e-3 && (*lease_ms > 0) == (db < 0.0));
    engine.send_to(&send(Inbound::Hello { session: "show".into(), token: None }), b.osc_addr).await.unwrap();
    engine.send_to(&send(np("anthem")), b.osc_addr).await.unwrap();
    // -20 dB on the programme, with a lease; renewed every 2 s while the duck lasts.
    crate::common::expect_command(&engine, 5, guard_cmd(-20.0)).await;
    let t = std::time::Instant::now();
    crate::common::expect_command(&engine, 5, guard_cmd(-20.0)).await;
    assert!(t.elapsed() > std::time::Duration::from_secs(1), "a renewal, not a repeat: {:?}", t.elapsed());
    // A flip to the cleared track and back within the hold: no release in between.
    engine.send_to(&send(np("chant")), b.osc_addr).await.unwrap();
    engine.send_to(&send(np("anthem")), b.osc_addr).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let (_, _, g) = call(&app, "GET", "/api/v1/guard?session=show", Some(&auth), None).await;
    assert_eq!(g["ducking"][0]["title"], "anthem", "{g}");
    engine.send_to(&send(np("")), b.osc_addr).await.unwrap();
    crate::common::expect_command(&engine, 5, guard_cmd(0.0)).await;

    // Ducking again; overridden by hand: released, and the same track is left alone.
    engine.send_to(&send(np("anthem")), b.osc_addr).await.unwrap();
    crate::common::expect_command(&engine, 5, guard_cmd(-20.0)).await;
    let (s, _, v) = call(&app, "POST", "/api/v1/guard/override", Some(&auth), Some(r#"{"session": "show"}"#)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    crate::common::expect_command(&engine, 5, guard_cmd(0.0)).await;
    let (s, _, _) = call(&app, "POST", "/api/v1/guard/override", Some(&auth), Some(r#"{"session": "show"}"#)).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "nothing left to override");
    engine.send_to(&send(np("")), b.osc_addr).await.unwrap();
    // Ducking again, then the guard is turned off: released at once.
    engine.send_to(&send(np("anthem")), b.osc_addr).await.unwrap();
    crate::common::expect_command(&engine, 5, guard_cmd(-20.0)).await;
    let (s, _, v) = call(&app, "POST", "/api/v1/guard/mode", Some(&auth), Some(r#"{"mode": "off"}"#)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    crate::common::expect_command(&engine, 5, guard_cmd(0.0)).await;
    let (s, _, _) = call(&app, "POST", "/api/v1/guard/mode", Some(&auth), Some(r#"{"mode": "loud"}"#)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

    let (_, _, r) = call(&app, "GET", "/api/v1/guard/report?session=show", Some(&auth), None).await;
    let segs: Vec<(String, String, String)> = r["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["title"].as_str().unwrap().into(), s["clearance"].as_str().unwrap().into(), s["action"].as_str().unwrap().into()))
        .collect();
    let seg = |t: &str, c: &str, a: &str| (t.to_string(), c.to_string(), a.to_string());
    assert_eq!(
        segs,
        [
            seg("anthem", "not_cleared", "ducked"),
            seg("chant", "cleared", "ducked"),
            seg("anthem", "not_cleared", "ducked"),
            seg("anthem", "not_cleared", "ducked"),
            seg("anthem", "not_cleared", "ducked")
        ],
        "{r}"
    );
    let kinds: Vec<&str> =
        r["log"].as_array().unwrap().iter().filter_map(|e| e["kind"].as_str()).filter(|k| *k == "duck" || *k == "release").collect();
    assert_eq!(kinds, ["duck", "release", "duck", "release", "duck", "release"], "{r}");
    let (s, _, csv) = call(&app, "GET", "/api/v1/guard/report?session=show&format=csv", Some(&auth), None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(csv.as_str().unwrap().starts_with("session,track_id,title,artist,clearance,start,end,duration_s,action\nshow,trk_"), "{csv}");
    let (_, _, edl) = call(&app, "GET", "/api/v1/guard/report?session=show&format=edl", Some(&auth), None).await;
    assert!(edl.as_str().unwrap().contains("* COMMENT: NOT CLEARED - DUCKED"), "{edl}");
}
