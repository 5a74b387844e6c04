//! Match events from a lagging feed paired with the crowd's reactions from an engine
//! (`telemetry::sync`, decision record 0080): a real bridge, a fake engine over OSC, the feed
//! over HTTP.

use std::time::Duration;

use resonance_bridge::osc::{self, Inbound, Outbound};
use resonance_bridge::start;
use resonance_engine::{CrowdEvent, CrowdEventKind, Cue, WhistleKind};
use serde_json::Value;

use crate::common::{Http, config, engine_socket, expect_command, ws_connect, ws_expect};

fn reaction(kind: CrowdEventKind, confidence: f32) -> Vec<u8> {
    osc::to_datagram(osc::encode_inbound(&Inbound::Event(CrowdEvent {
        kind,
        onset: 0,
        detected: 0,
        confidence,
        whistle: WhistleKind::Short,
    })))
}

/// The value of one sample line of a metrics text.
fn sample(metrics: &str, key: &str) -> Option<f64> {
    metrics.lines().find_map(|l| l.strip_prefix(key)).and_then(|v| v.trim().parse().ok())
}

/// A roar, then the feed's side-less goal: one moment at the roar, labelled `home_goal`, and
/// the home goal's stinger; boos, then another side-less goal: `away_goal` and its stinger; a
/// kick-off the feed sends before the referee's whistle reaches the bridge pairs with it; a
/// card nobody reacted to stays the feed's alone; the lag, the moments and the counts are on
/// the session's state, the WebSocket and `/metrics`.
#[tokio::test]
async fn a_lagging_feed_is_paired_with_the_crowds_reactions() {
    let dir = tempfile::tempdir().unwrap();
    let b = start(resonance_bridge::Config { default_rules: "broadcast".into(), ..config(dir.path()) }).await.unwrap();
    let key = b.first_key.clone().unwrap();
    let mut ws = ws_connect(b.http_addr, "?session=match").await;
    ws_expect(&mut ws, 5, |v| v["type"] == "hello").await;
    let engine = engine_socket().await;
    engine
        .send_to(&osc::to_datagram(osc::encode_inbound(&Inbound::Hello { session: "match".into(), token: None })), b.osc_addr)
        .await
        .unwrap();
    let mut http = Http::connect(b.http_addr).await;
    let moment = |v: &Value, source: &str| v["type"] == "sync" && v["moment"]["source"] == source;

    // The roar is the crowd's alone until the feed speaks.
    engine.send_to(&reaction(CrowdEventKind::GoalRoar, 0.8), b.osc_addr).await.unwrap();
    let f = ws_expect(&mut ws, 5, |v| moment(v, "crowd")).await;
    assert_eq!((f["moment"]["kind"].as_str(), f["moment"]["waiting"].as_bool()), (Some("goal_roar"), Some(true)), "{f}");
    tokio::time::sleep(Duration::from_millis(120)).await;
    let (s, v) = http.req("POST", "/api/v1/sessions/match/telemetry", Some(&key), Some(r#"{"event": "goal", "score_home": 1}"#)).await;
    assert_eq!(s, 200, "{v}");
    let f = ws_expect(&mut ws, 5, |v| moment(v, "both")).await;
    let m = &f["moment"];
    assert_eq!(
        (m["kind"].as_str(), m["feed"].as_str(), m["reaction"].as_str()),
        (Some("home_goal"), Some("goal"), Some("goal_roar")),
        "{f}"
    );
    let lag = m["lag_s"].as_f64().unwrap();
    assert!((0.1..5.0).contains(&lag), "the feed came ~0.12 s after the roar: {f}");
    // The stinger is the side the pair gave, not a neutral goal.
    expect_command(&engine, 5, |c| *c == Outbound::Cue(Cue::HomeGoal)).await;

    engine.send_to(&reaction(CrowdEventKind::Booing, 0.7), b.osc_addr).await.unwrap();
    ws_expect(&mut ws, 5, |v| moment(v, "crowd") && v["moment"]["kind"] == "booing").await;
    http.req("POST", "/api/v1/sessions/match/telemetry", Some(&key), Some(r#"{"event": "goal", "score_away": 1}"#)).await;
    let f = ws_expect(&mut ws, 5, |v| moment(v, "both")).await;
    assert_eq!(f["moment"]["kind"], "away_goal", "{f}");
    expect_command(&engine, 5, |c| *c == Outbound::Cue(Cue::AwayGoal)).await;

    // The feed first, the whistle after: the waiting feed event takes it (a negative lag).
    http.req("POST", "/api/v1/sessions/match/telemetry", Some(&key), Some(r#"{"event": "kick_off"}"#)).await;
    ws_expect(&mut ws, 5, |v| moment(v, "feed") && v["moment"]["kind"] == "kick_off").await;
    engine.send_to(&reaction(CrowdEventKind::Whistle, 0.9), b.osc_addr).await.unwrap();
    let f = ws_expect(&mut ws, 5, |v| moment(v, "both")).await;
    assert_eq!((f["moment"]["kind"].as_str(), f["moment"]["reaction"].as_str()), (Some("kick_off"), Some("whistle")), "{f}");
    assert!(f["moment"]["lag_s"].as_f64().unwrap() <= 0.0, "{f}");

    // A card with no reaction: the feed's alone, with confidence 0.5, once its 2 s are over.
    http.req("POST", "/api/v1/sessions/match/telemetry", Some(&key), Some(r#"{"event": "card", "team": "away"}"#)).await;
    let f = ws_expect(&mut ws, 5, |v| moment(v, "feed") && v["moment"]["kind"] == "card").await;
    assert_eq!(f["moment"]["confidence"], 0.5, "{f}");
    tokio::time::sleep(Duration::from_millis(2100)).await;
    // a near miss cannot answer a card; its arrival settles the card as the feed's alone
    engine.send_to(&reaction(CrowdEventKind::NearMiss, 0.6), b.osc_addr).await.unwrap();
    let f = ws_expect(&mut ws, 5, |v| v["type"] == "sync" && v["moment"]["kind"] == "near_miss").await;
    assert_eq!((f["paired"].as_u64(), f["feed_only"].as_u64()), (Some(3), Some(1)), "{f}");

    let (_, s) = http.req("GET", "/api/v1/sessions/match", None, None).await;
    let sync = &s["sync"];
    assert_eq!(sync["paired"], 3, "{sync}");
    assert!(sync["lag_s"].as_f64().is_some(), "{sync}");
    let kinds: Vec<&str> = sync["moments"].as_array().unwrap().iter().map(|m| m["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["home_goal", "away_goal", "kick_off", "card", "near_miss"], "{sync}");
    assert!(
        s["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "sync" && e["name"].as_str().unwrap().starts_with("home_goal = goal + goal_roar")),
        "{s}"
    );
    let (_, m) = http.req("GET", "/metrics", None, None).await;
    let m = m.as_str().unwrap().to_string();
    assert_eq!(sample(&m, "resonance_bridge_match_sync_total{outcome=\"paired\"} "), Some(3.0), "{m}");
    assert_eq!(sample(&m, "resonance_bridge_match_sync_total{outcome=\"feed_only\"} "), Some(1.0), "{m}");
    assert!(sample(&m, "resonance_bridge_match_feed_lag_ms ").is_some(), "{m}");
    b.stop().await.unwrap();
}
