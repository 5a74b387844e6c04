//! Real servers on 127.0.0.1: OSC in -> WebSocket, controls -> OSC out, slow WebSocket clients,
//! malformed OSC, restart restores sessions.

use std::time::Duration;

use futures_util::StreamExt;
use resonance_bridge::osc::{self, Inbound, Outbound, TelemetryArg};
use resonance_bridge::{Config, start};
use resonance_engine::{CrowdEvent, CrowdEventKind, Cue, MoodLabel, MoodSnapshot, Quantize, WhistleKind};
use serde_json::json;

use crate::common::{Http, config, engine_socket, expect_command, ws_connect, ws_expect};

fn mood(v: f32, a: f32, t: u64) -> Vec<u8> {
    osc::to_datagram(osc::encode_inbound(&Inbound::Mood(MoodSnapshot {
        time: t,
        valence: v,
        arousal: a,
        label: MoodLabel::Excitement,
        confidence: 0.9,
    })))
}

#[tokio::test]
async fn engine_osc_reaches_websocket_and_controls_reach_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let b = start(config(dir.path())).await.unwrap();
    let key = b.first_key.clone().unwrap();
    let mut ws = ws_connect(b.http_addr, "?session=match").await;
    ws_expect(&mut ws, 5, |v| v["type"] == "hello").await;

    let engine = engine_socket().await;
    engine
        .send_to(&osc::to_datagram(osc::encode_inbound(&Inbound::Hello { session: "match".into(), token: None })), b.osc_addr)
        .await
        .unwrap();
    engine.send_to(&mood(0.4, 0.7, 4800), b.osc_addr).await.unwrap();
    let m = ws_expect(&mut ws, 5, |v| v["type"] == "mood").await;
    assert_eq!(m["session"], "match");
    assert_eq!(m["label"], "excitement");
    assert_eq!(m["time"], 4800);
    let np = Inbound::NowPlaying { title: "Anthem".into(), artist: "Band".into(), confidence: 0.8 };
    engine.send_to(&osc::to_datagram(osc::encode_inbound(&np)), b.osc_addr).await.unwrap();
    ws_expect(&mut ws, 5, |v| v["type"] == "now_playing" && v["title"] == "Anthem").await;
    engine.send_to(&osc::to_datagram(osc::encode_inbound(&Inbound::Xruns(3))), b.osc_addr).await.unwrap();
    ws_expect(&mut ws, 5, |v| v["type"] == "meters" && v["meters"]["xruns"] == 3).await;
    // The crowd mood moved the director's target: a mood command went back to the engine.
    expect_command(&engine, 5, |c| matches!(c, Outbound::Mood(_))).await;

    // A manual stinger from the API reaches the engine as OSC.
    let mut http = Http::connect(b.http_addr).await;
    let (s, v) = http.req("POST", "/api/v1/sessions/match/stinger", Some(&key), Some(r#"{"cue": "home_goal"}"#)).await;
    assert_eq!(s, 202, "{v}");
    expect_command(&engine, 5, |c| *c == Outbound::Cue(Cue::HomeGoal)).await;
    // Game telemetry over OSC: boss_appears switches style at the next bar with a stinger.
    let t = Inbound::Telemetry { session: "match".into(), fields: vec![("trigger".into(), TelemetryArg::Text("boss_appears".into()))] };
    engine.send_to(&osc::to_datagram(osc::encode_inbound(&t)), b.osc_addr).await.unwrap();
    let c = expect_command(&engine, 5, |c| matches!(c, Outbound::Style { .. })).await;
    assert_eq!(c, Outbound::Style { name: "cinematic-orchestral".into(), quantize: Quantize::Bar });
    expect_command(&engine, 5, |c| *c == Outbound::Cue(Cue::BossAppears)).await;
    // Match telemetry over HTTP: a home goal fires the celebration stinger.
    let (s, _) = http
        .req("POST", "/api/v1/sessions/match/telemetry", Some(&key), Some(r#"{"event": "goal", "team": "home", "score_home": 1}"#))
        .await;
    assert_eq!(s, 200);
    expect_command(&engine, 5, |c| *c == Outbound::Cue(Cue::HomeGoal)).await;
    let (_, engines) = http.req("GET", "/api/v1/engines", None, None).await;
    assert_eq!(engines["engines"][0]["session"], "match");

    let (_, m) = http.req("GET", "/metrics", None, None).await;
    let m = m.as_str().unwrap().to_string();
    assert!(m.contains("resonance_bridge_engine_xruns_total 3"), "{m}");
    assert!(m.contains("resonance_bridge_ws_clients 1"), "{m}");
    b.stop().await.unwrap();
}

#[tokio::test]
async fn malformed_osc_is_counted_and_harmless() {
    let dir = tempfile::tempdir().unwrap();
    let b = start(config(dir.path())).await.unwrap();
    let s = engine_socket().await;
    s.send_to(b"\x00\x01garbage", b.osc_addr).await.unwrap();
    s.send_to(&[0u8; 9000], b.osc_addr).await.unwrap();
    s.send_to(&osc::to_datagram(rosc_msg("/resonance/nope")), b.osc_addr).await.unwrap();
    let bad = Inbound::Telemetry { session: "x".into(), fields: vec![("stress".into(), TelemetryArg::Number(f64::NAN))] };
    s.send_to(&osc::to_datagram(osc::encode_inbound(&bad)), b.osc_addr).await.unwrap();
    s.send_to(&mood(0.1, 0.1, 1), b.osc_addr).await.unwrap();
    let mut http = Http::connect(b.http_addr).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let (_, m) = http.req("GET", "/metrics", None, None).await;
        let m = m.as_str().unwrap().to_string();
        let ok = m.contains("reason=\"osc_malformed\"} 2")
            && m.contains("reason=\"osc_unknown_address\"} 1")
            && m.contains("reason=\"osc_invalid_telemetry\"} 1")
            && m.contains("source=\"osc_engine\"} 1");
        if ok {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "metrics never showed the rejects:\n{m}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The invalid telemetry created nothing; the valid mood landed in `default`.
    let (s, _) = http.req("GET", "/api/v1/sessions/x", None, None).await;
    assert_eq!(s, 404);
    let (s, v) = http.req("GET", "/api/v1/sessions/default", None, None).await;
    assert_eq!(s, 200);
    assert_eq!(v["crowd"]["label"], "excitement");
    b.stop().await.unwrap();
}

fn rosc_msg(addr: &str) -> rosc::OscMessage {
    rosc::OscMessage { addr: addr.into(), args: vec![] }
}

/// A client that stops reading must not hold up the others; when it reads again it gets a
/// lag notice instead of the messages it missed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_websocket_client_never_stalls_others() {
    let dir = tempfile::tempdir().unwrap();
    let b = start(Config { ws_buffer: 2048, ..config(dir.path()) }).await.unwrap();
    // The slow client: a tiny receive buffer and nobody reading it.
    let sock = tokio::net::TcpSocket::new_v4().unwrap();
    sock.set_recv_buffer_size(4096).unwrap();
    let stream = sock.connect(b.http_addr).await.unwrap();
    let (mut slow, _) = tokio_tungstenite::client_async(format!("ws://{}/api/v1/ws", b.http_addr), stream).await.unwrap();
    let mut fast = ws_connect(b.http_addr, "").await;
    ws_expect(&mut fast, 5, |v| v["type"] == "hello").await;

    let engine = engine_socket().await;
    let total = 30_000u64;
    let finished = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sender = tokio::spawn({
        let osc_addr = b.osc_addr;
        let finished = finished.clone();
        async move {
            for i in 1..=total {
                // Occurrences, not moods: moods are coalesced per receive batch, occurrences never
                // are, so each one is a frame every subscriber must get (or be told it lost).
                // ~0.5 KB each, so the kernel's socket buffers hold only some thousands of them
                // and the unread client really falls behind.
                let np = Inbound::NowPlaying { title: format!("track {i} {}", "x".repeat(200)), artist: "a".repeat(250), confidence: 0.5 };
                engine.send_to(&osc::to_datagram(osc::encode_inbound(&np)), osc_addr).await.unwrap();
                // At most ~10k/s: a pace an unoptimised client on a busy machine can follow.
                if i % 10 == 0 {
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
            }
            // End marker, repeated (UDP may drop) until the fast client has seen it.
            let end = Inbound::NowPlaying { title: "END".into(), artist: String::new(), confidence: 1.0 };
            while !finished.load(std::sync::atomic::Ordering::Relaxed) {
                engine.send_to(&osc::to_datagram(osc::encode_inbound(&end)), osc_addr).await.unwrap();
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    });
    // The fast client keeps up while the slow one is not read at all.
    let t0 = std::time::Instant::now();
    let mut received = 0u64;
    let mut fast_dropped = 0u64;
    loop {
        let Ok(Some(Ok(msg))) = tokio::time::timeout(Duration::from_secs(20), fast.next()).await else {
            panic!("fast client stalled after {received} messages");
        };
        if let tokio_tungstenite::tungstenite::Message::Text(t) = msg {
            // String tests, not a JSON parse per frame: the client must be the fast one.
            let s = t.as_str();
            if s.contains("\"title\":\"track ") {
                received += 1;
            } else if s.contains("\"type\":\"lag\"") {
                let v: serde_json::Value = serde_json::from_str(s).unwrap();
                fast_dropped += v["dropped"].as_u64().unwrap();
            } else if s.contains("\"title\":\"END\"") {
                break;
            }
        }
    }
    finished.store(true, std::sync::atomic::Ordering::Relaxed);
    sender.await.unwrap();
    eprintln!("fast client: {received} tracks, {fast_dropped} dropped, in {:?}", t0.elapsed());
    // (Loopback UDP into an unoptimised test build drops part of the burst before the bridge.)
    assert!(received > total / 10, "fast client received too little: {received}/{total}");
    // Now the slow client reads everything: what the kernel buffered, then lag notices instead
    // of what it missed, then the newest messages up to the end marker.
    let mut slow_dropped = 0u64;
    let mut notices = 0;
    loop {
        let v = ws_expect(&mut slow, 20, |v| v["type"] == "lag" || (v["type"] == "now_playing" && v["title"] == "END")).await;
        if v["type"] == "lag" {
            notices += 1;
            slow_dropped += v["dropped"].as_u64().unwrap();
        } else {
            break;
        }
    }
    eprintln!("slow client: {notices} lag notices, {slow_dropped} dropped");
    assert!(slow_dropped > 0);
    assert!(fast_dropped * 4 < slow_dropped, "the fast client lost {fast_dropped}, the slow one {slow_dropped}");
    let mut http = Http::connect(b.http_addr).await;
    let (_, m) = http.req("GET", "/metrics", None, None).await;
    let dropped: f64 = m
        .as_str()
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("resonance_bridge_ws_dropped_total "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap();
    assert!(dropped > 0.0);
    b.stop().await.unwrap();
}

#[tokio::test]
async fn restart_restores_every_session() {
    let dir = tempfile::tempdir().unwrap();
    let b = start(config(dir.path())).await.unwrap();
    let key = b.first_key.clone().unwrap();
    let mut http = Http::connect(b.http_addr).await;
    for (i, s) in ["alpha", "beta", "gamma"].iter().enumerate() {
        let body = json!({"hp": 10 + i, "max_hp": 40, "scene": format!("scene-{i}")}).to_string();
        let (st, v) = http.req("POST", &format!("/api/v1/sessions/{s}/telemetry"), Some(&key), Some(&body)).await;
        assert_eq!(st, 200, "{v}");
    }
    let (_, _) = http.req("POST", "/api/v1/sessions/beta/telemetry", Some(&key), Some(r#"{"trigger": "victory"}"#)).await;
    // An engine report (persisted by the background writer).
    let engine = engine_socket().await;
    engine.send_to(&mood(-0.5, 0.5, 7), b.osc_addr).await.unwrap();
    let mut before = Vec::new();
    tokio::time::sleep(Duration::from_millis(300)).await;
    for s in ["alpha", "beta", "gamma", "default"] {
        before.push(http.req("GET", &format!("/api/v1/sessions/{s}"), None, None).await.1);
    }
    drop(http);
    b.stop().await.unwrap();

    let b2 = start(config(dir.path())).await.unwrap();
    assert!(b2.first_key.is_none(), "the key is only created (and shown) once");
    let mut http = Http::connect(b2.http_addr).await;
    for (s, old) in ["alpha", "beta", "gamma", "default"].iter().zip(&before) {
        let (st, now) = http.req("GET", &format!("/api/v1/sessions/{s}"), None, None).await;
        assert_eq!(st, 200);
        assert_eq!(&now, old, "session {s} changed across the restart");
    }
    assert_eq!(before[1]["style"], "stadium-anthem");
    assert_eq!(before[3]["crowd"]["valence"], -0.5);
    // The old key still works.
    let (st, _) = http.req("POST", "/api/v1/sessions/alpha/telemetry", Some(&key), Some(r#"{"hp": 1}"#)).await;
    assert_eq!(st, 200);
    b2.stop().await.unwrap();
}

/// One OSC receive batch: moods are coalesced (the latest one is published, and never after
/// an event that followed it), events all go out in order, and the state ends at the last mood.
#[tokio::test]
async fn a_batch_coalesces_moods_but_delivers_every_event_in_order() {
    let (st, _key, _dir) = crate::common::state().await;
    let mut sub = st.inner.hub.subscribe();
    let peer: std::net::SocketAddr = "127.0.0.1:5555".parse().unwrap();
    let m = |t: u64| Inbound::Mood(MoodSnapshot { time: t, valence: 0.1, arousal: 0.2, label: MoodLabel::Tension, confidence: 0.9 });
    let e = |t: u64| {
        Inbound::Event(CrowdEvent { kind: CrowdEventKind::Booing, onset: t, detected: t, confidence: 0.6, whistle: WhistleKind::Short })
    };
    let mut batch: Vec<_> = [m(1), m(2), e(3), e(4), m(5), m(6), m(7), e(8), m(9)].into_iter().map(|x| (peer, x)).collect();
    st.handle_batch(&mut batch).await;
    assert!(batch.is_empty());
    let mut seen = Vec::new();
    while let Ok(f) = sub.try_recv() {
        let v: serde_json::Value = serde_json::from_str(f.json.as_str()).unwrap();
        match v["type"].as_str().unwrap() {
            "mood" => seen.push(format!("m{}", v["time"])),
            "event" => seen.push(format!("e{}", v["onset"])),
            _ => {}
        }
    }
    assert_eq!(seen, ["m2", "e3", "e4", "m7", "e8", "m9"], "published frames");
    let e = st.get("default").unwrap();
    let e = e.lock().await;
    assert_eq!(e.state.crowd.as_ref().map(|c| c.time), Some(9));
    assert_eq!(e.state.timeline.iter().filter(|t| t.kind == "crowd").count(), 3, "every event is in the timeline");
    assert_eq!(st.inner.metrics.osc_engine_messages.load(std::sync::atomic::Ordering::Relaxed), 9);
}

/// The value of one `resonance_bridge_rejects_total` reason in a metrics text.
fn rejects(metrics: &str, reason: &str) -> u64 {
    let key = format!("resonance_bridge_rejects_total{{reason=\"{reason}\"}} ");
    metrics.lines().find_map(|l| l.strip_prefix(&key)).and_then(|v| v.trim().parse().ok()).unwrap_or(0)
}

/// Decision record 0022: a bridge that trusts no address takes OSC only from senders with a
/// token. 20,000 hellos and telemetry datagrams from an unauthenticated sender create no
/// session and are all counted; authenticated HTTP telemetry and an engine holding the token
/// are unaffected.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unauthenticated_osc_flood_cannot_fill_the_session_cap() {
    const FLOOD: u64 = 20_000;
    let dir = tempfile::tempdir().unwrap();
    let b = start(Config { osc_trust: Vec::new(), osc_tokens: vec!["stage-token".into()], ..config(dir.path()) }).await.unwrap();
    let key = b.first_key.clone().unwrap();
    let spam = engine_socket().await;
    for i in 0..FLOOD {
        let m = if i % 2 == 0 {
            Inbound::Hello { session: format!("spam{i}"), token: Some("guess".into()) }
        } else {
            Inbound::Telemetry { session: format!("spam{i}"), fields: vec![("stress".into(), TelemetryArg::Number(0.5))] }
        };
        spam.send_to(&osc::to_datagram(osc::encode_inbound(&m)), b.osc_addr).await.unwrap();
        if i % 256 == 0 {
            tokio::task::yield_now().await;
        }
    }
    let mut http = Http::connect(b.http_addr).await;
    // Every datagram the kernel delivered is counted: wait until the count stops moving.
    let mut last = (0, 0);
    loop {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let (_, m) = http.req("GET", "/metrics", None, None).await;
        let m = m.as_str().unwrap().to_string();
        let now = (rejects(&m, "osc_unauthenticated"), rejects(&m, "osc_rate_limited"));
        if now == last && now.0 > 0 {
            assert!(now.1 > 0, "the flood was rate limited: {now:?}");
            assert!(now.0 + now.1 <= FLOOD, "{now:?}");
            assert!(m.contains("resonance_bridge_sessions 0"), "{m}");
            break;
        }
        last = now;
    }
    // Authenticated telemetry for a real match is answered as if nothing happened.
    let (s, v) = http.req("POST", "/api/v1/sessions/match/telemetry", Some(&key), Some(r#"{"score_home": 1}"#)).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(b.state.session_names(), ["match"]);
    // An engine with the token is heard (its address shares the flood's rate bucket: it
    // repeats its hello and report until the bucket has refilled, as engines do).
    let engine = engine_socket().await;
    let hello = osc::to_datagram(osc::encode_inbound(&Inbound::Hello { session: "match".into(), token: Some("stage-token".into()) }));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        engine.send_to(&hello, b.osc_addr).await.unwrap();
        engine.send_to(&mood(0.3, 0.6, 960), b.osc_addr).await.unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
        let (_, v) = http.req("GET", "/api/v1/sessions/match", None, None).await;
        if v["crowd"]["time"] == 960 {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "the engine with the token was never heard: {v}");
    }
    b.stop().await.unwrap();
}

/// Decision record 0022: sessions made only by hellos (even from a trusted address) are never
/// stored and give way at the cap to a session an authenticated request creates.
#[tokio::test]
async fn hello_only_sessions_are_not_stored_and_give_way() {
    let dir = tempfile::tempdir().unwrap();
    let b = start(config(dir.path())).await.unwrap();
    let key = b.first_key.clone().unwrap();
    let engine: std::net::SocketAddr = "127.0.0.1:40000".parse().unwrap();
    // A real engine: hello, then a report; its session is kept.
    let mut batch = vec![(engine, Inbound::Hello { session: "stage".into(), token: None }), (engine, Inbound::Xruns(0))];
    b.state.handle_batch(&mut batch).await;
    // Hellos alone, to the cap and past it.
    let cap = resonance_bridge::state::MAX_SESSIONS;
    let mut batch: Vec<_> = (0..cap + 100)
        .map(|i| {
            (std::net::SocketAddr::from(([127, 0, 0, 1], 20_000 + i as u16)), Inbound::Hello { session: format!("spam{i}"), token: None })
        })
        .collect();
    b.state.handle_batch(&mut batch).await;
    assert_eq!(b.state.session_names().len(), cap);
    let mut http = Http::connect(b.http_addr).await;
    let (s, v) = http.req("POST", "/api/v1/sessions/match/telemetry", Some(&key), Some(r#"{"minute": 3}"#)).await;
    assert_eq!(s, 200, "{v}");
    assert!(b.state.session_names().contains(&"stage".to_string()));
    b.stop().await.unwrap();
    // After a restart only the sessions that held something are back.
    let b = start(config(dir.path())).await.unwrap();
    assert_eq!(b.state.session_names(), ["match", "stage"]);
    b.stop().await.unwrap();
}

/// An engine's announced styles join the vocabulary (a control may name them, the page lists
/// them); its music-bus loudness reaches the session's meters; an engine's style report is
/// kept as `engine_style`.
#[tokio::test]
async fn engine_styles_and_loudness_reach_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let b = start(config(dir.path())).await.unwrap();
    let key = b.first_key.clone().unwrap();
    let engine = engine_socket().await;
    let send = |i: Inbound| osc::to_datagram(osc::encode_inbound(&i));
    let mut http = Http::connect(b.http_addr).await;
    let (s, v) = http.req("POST", "/api/v1/sessions/show/control", Some(&key), Some(r#"{"style": "my-preset"}"#)).await;
    assert_eq!(s, 422, "not a style before an engine announces it: {v}");
    engine.send_to(&send(Inbound::Hello { session: "show".into(), token: None }), b.osc_addr).await.unwrap();
    engine.send_to(&send(Inbound::Styles(vec!["stadium-anthem".into(), "my-preset".into()])), b.osc_addr).await.unwrap();
    engine.send_to(&send(Inbound::Loudness { momentary_lufs: -22.5, short_term_lufs: -23.25 }), b.osc_addr).await.unwrap();
    engine.send_to(&send(Inbound::StyleChanged { index: 1, at: 96_000, name: Some("my-preset".into()) }), b.osc_addr).await.unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let (_, styles) = http.req("GET", "/api/v1/styles", None, None).await;
        let (_, show) = http.req("GET", "/api/v1/sessions/show", None, None).await;
        if styles["styles"].as_array().is_some_and(|a| a.iter().any(|s| s == "my-preset"))
            && show["meters"]["momentary_lufs"] == -22.5
            && show["engine_style"] == "my-preset"
        {
            assert_eq!(show["meters"]["short_term_lufs"], -23.25);
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "styles {styles}, session {show}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (s, v) = http.req("POST", "/api/v1/sessions/show/control", Some(&key), Some(r#"{"style": "stadium-anthem"}"#)).await;
    assert_eq!(s, 200, "{v}");
    let c = expect_command(&engine, 5, |c| matches!(c, Outbound::Style { .. })).await;
    assert_eq!(c, Outbound::Style { name: "stadium-anthem".into(), quantize: Quantize::Bar });
    b.stop().await.unwrap();
}
