//! The router through `oneshot`: telemetry, validation, auth, keys, director, CORS, pages.

use axum::http::StatusCode;
use base64::Engine as _;
use proptest::prelude::*;
use resonance_bridge::app;
use serde_json::{Value, json};

use crate::common::{bearer, call, state};

#[tokio::test]
async fn telemetry_creates_session_and_state_is_readable() {
    let (st, key, _dir) = state().await;
    let app = app(st);
    let body = json!({"hp": 31, "max_hp": 40, "stress": 0.2, "location": "crypt"}).to_string();
    let (s, _, v) = call(&app, "POST", "/api/v1/sessions/campaign-1/telemetry", Some(&bearer(&key)), Some(&body)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["updates"], 1);
    let (s, _, v) = call(&app, "GET", "/api/v1/sessions/campaign-1", None, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["metrics"]["hp"], 31.0);
    assert_eq!(v["metrics"]["location"], "crypt");
    assert!(v["target"]["arousal"].is_number());
    let (_, _, v) = call(&app, "GET", "/api/v1/sessions", None, None).await;
    assert_eq!(v["sessions"][0]["name"], "campaign-1");
}

#[tokio::test]
async fn bad_input_gets_clear_errors_and_is_counted() {
    let (st, key, _dir) = state().await;
    let app = app(st);
    let auth = bearer(&key);
    let url = "/api/v1/sessions/m/telemetry";
    for (body, field) in [
        (r#"{"hp": 31, "mana": 3}"#, "mana"),
        (r#"{"stress": 7}"#, "stress"),
        (r#"{"hp": "full"}"#, "hp"),
        (r#"{"trigger": "explode"}"#, "trigger"),
        (r#"{"minute": 1e300}"#, "minute"),
        ("[]", "(body)"),
    ] {
        let (s, _, v) = call(&app, "POST", url, Some(&auth), Some(body)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {v}");
        assert_eq!(v["field"], field, "{body}: {v}");
        assert!(v["message"].as_str().unwrap().contains(field));
    }
    let (s, _, v) = call(&app, "POST", url, Some(&auth), Some("{\"hp\": ")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!(v["error"], "bad_json");
    let big = format!("{{\"location\": \"{}\"}}", "x".repeat(40_000));
    let (s, _, v) = call(&app, "POST", url, Some(&auth), Some(&big)).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    let (s, h, _) = call(&app, "POST", url, None, Some(r#"{"hp": 1}"#)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(h.get("www-authenticate").is_some());
    let (s, _, _) = call(&app, "POST", url, Some("Bearer rsn_wrong"), Some(r#"{"hp": 1}"#)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _, v) = call(&app, "GET", "/api/v1/sessions/nobody", None, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let (s, _, v) = call(&app, "GET", "/api/v1/sessions/bad%20name", None, None).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["field"], "session");
    // Nothing was applied, and every reason shows up in /metrics.
    let (_, _, v) = call(&app, "GET", "/api/v1/sessions", None, None).await;
    assert_eq!(v["sessions"].as_array().unwrap().len(), 0, "{v}");
    let (_, _, m) = call(&app, "GET", "/metrics", None, None).await;
    let m = m.as_str().unwrap();
    for (reason, n) in [("validation", 7), ("bad_json", 1), ("too_large", 1), ("unauthorized", 2), ("not_found", 1)] {
        let line = format!("resonance_bridge_rejects_total{{reason=\"{reason}\"}} {n}");
        assert!(m.contains(&line), "missing {line} in\n{m}");
    }
    assert!(
        m.contains("resonance_bridge_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/sessions/{session}/telemetry\"")
    );
}

#[tokio::test]
async fn every_mutating_route_needs_a_key() {
    let (st, key, _dir) = state().await;
    let app = app(st);
    for (method, path) in resonance_bridge::api_routes().iter().filter(|(m, _)| *m != "GET") {
        let path = path.replace("{session}", "s1").replace("{id}", "k1");
        let (s, _, v) = call(&app, method, &path, None, Some("{}")).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{method} {path}: {v}");
    }
    let (s, _, _) = call(&app, "GET", "/api/v1/keys", None, None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // HTTP Basic with the key as password works too.
    let basic = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("game:{key}")));
    let (s, _, v) = call(&app, "POST", "/api/v1/sessions/s1/telemetry", Some(&basic), Some(r#"{"danger": 0.5}"#)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

#[tokio::test]
async fn keys_can_be_created_and_revoked() {
    let (st, key, _dir) = state().await;
    let app = app(st);
    let (s, _, v) = call(&app, "POST", "/api/v1/keys", Some(&bearer(&key)), Some(r#"{"name": "obs"}"#)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let new_key = v["key"].as_str().unwrap().to_string();
    let id = v["id"].as_str().unwrap().to_string();
    let (s, _, _) = call(&app, "POST", "/api/v1/sessions/a/telemetry", Some(&bearer(&new_key)), Some(r#"{"hp": 3}"#)).await;
    assert_eq!(s, StatusCode::OK);
    let (_, _, v) = call(&app, "GET", "/api/v1/keys", Some(&bearer(&key)), None).await;
    assert_eq!(v["keys"].as_array().unwrap().len(), 2);
    assert!(!v.to_string().contains(&new_key), "secrets are never listed");
    assert!(v["keys"][0].get("hash").is_none());
    let (s, _, _) = call(&app, "DELETE", &format!("/api/v1/keys/{id}"), Some(&bearer(&key)), None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _, _) = call(&app, "POST", "/api/v1/sessions/a/telemetry", Some(&bearer(&new_key)), Some(r#"{"hp": 3}"#)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _, _) = call(&app, "DELETE", &format!("/api/v1/keys/{id}"), Some(&bearer(&key)), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn director_reacts_to_game_and_match_telemetry() {
    let (st, key, _dir) = state().await;
    let app = app(st);
    let auth = bearer(&key);
    let post = |body: Value| {
        let app = app.clone();
        let auth = auth.clone();
        async move { call(&app, "POST", "/api/v1/sessions/g/telemetry", Some(&auth), Some(&body.to_string())).await.2 }
    };
    let healthy = post(json!({"hp": 40, "max_hp": 40})).await;
    let hurt = post(json!({"hp": 6})).await;
    assert!(hurt["target"]["arousal"].as_f64() > healthy["target"]["arousal"].as_f64(), "{healthy} -> {hurt}");
    assert!(hurt["target"]["valence"].as_f64() < healthy["target"]["valence"].as_f64());
    let boss = post(json!({"trigger": "boss_appears"})).await;
    assert_eq!(boss["style"], "cinematic-orchestral", "boss fights are battle music: the orchestral preset");
    let (_, _, s) = call(&app, "GET", "/api/v1/sessions/g", None, None).await;
    let timeline = s["timeline"].to_string();
    assert!(timeline.contains("critical_hp") && timeline.contains("boss_appears"), "{timeline}");
    // Page controls: manual intensity and style.
    let (st_, _, v) = call(
        &app,
        "POST",
        "/api/v1/sessions/g/control",
        Some(&auth),
        Some(r#"{"intensity": 0.9, "style": "dark-ambient-dungeon", "quantize": "phrase"}"#),
    )
    .await;
    assert_eq!(st_, StatusCode::OK, "{v}");
    assert_eq!(v["style"], "dark-ambient-dungeon");
    assert!((v["target"]["intensity"].as_f64().unwrap() - 0.9).abs() < 1e-6);
    // A style that is not a preset is refused with the valid ones, and nothing changes.
    let (s, _, v) = call(&app, "POST", "/api/v1/sessions/g/control", Some(&auth), Some(r#"{"style": "lament"}"#)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["field"], "style");
    let msg = v["message"].as_str().unwrap();
    assert!(msg.contains("\"lament\"") && msg.contains("tavern-folk") && msg.contains("stadium-anthem"), "{msg}");
    let (_, _, styles) = call(&app, "GET", "/api/v1/styles", None, None).await;
    assert_eq!(styles["factory"].as_array().map(Vec::len), Some(5), "{styles}");
    assert!(!styles["styles"].to_string().contains("lament"), "{styles}");
    let (s, _, v) = call(&app, "POST", "/api/v1/sessions/g/control", Some(&auth), Some(r#"{"rules": "nope"}"#)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["field"], "rules");
    let (s, _, v) = call(&app, "POST", "/api/v1/sessions/g/stinger", Some(&auth), Some(r#"{"cue": "fanfare"}"#)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["field"], "cue");
    let (s, _, _) = call(&app, "POST", "/api/v1/midi/learn", Some(&auth), Some(r#"{"param": "intensity"}"#)).await;
    assert_eq!(s, StatusCode::ACCEPTED);
}

#[tokio::test]
async fn cors_is_restricted_to_the_bridge_origin() {
    let (st, _key, _dir) = state().await;
    st.inner.bound.set("127.0.0.1:7878".parse().unwrap()).unwrap();
    let app = app(st);
    let preflight = |origin: &'static str| {
        let app = app.clone();
        async move {
            let req = axum::http::Request::builder()
                .method("OPTIONS")
                .uri("/api/v1/sessions/x/telemetry")
                .header("origin", origin)
                .header("access-control-request-method", "POST")
                .header("access-control-request-headers", "authorization,content-type")
                .body(axum::body::Body::empty())
                .unwrap();
            tower::ServiceExt::oneshot(app, req).await.unwrap().headers().get("access-control-allow-origin").cloned()
        }
    };
    assert_eq!(preflight("http://127.0.0.1:7878").await.unwrap(), "http://127.0.0.1:7878");
    assert!(preflight("http://evil.example").await.is_none());
}

#[tokio::test]
async fn pages_overlays_health_and_metrics_need_no_key() {
    let (st, _key, _dir) = state().await;
    let app = app(st);
    let (s, _, v) = call(&app, "GET", "/", None, None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(v.as_str().unwrap().contains("/api/v1/ws"));
    for p in ["/overlay/now-playing", "/overlay/mood"] {
        let (s, _, v) = call(&app, "GET", p, None, None).await;
        assert_eq!(s, StatusCode::OK);
        assert!(v.as_str().unwrap().contains("background:transparent"), "{p}");
    }
    let (s, _, v) = call(&app, "GET", "/healthz", None, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["storage"], "sqlite");
    let (s, _, v) = call(&app, "GET", "/metrics", None, None).await;
    assert_eq!(s, StatusCode::OK);
    for name in [
        "resonance_bridge_telemetry_total",
        "resonance_bridge_ws_clients",
        "resonance_bridge_engine_xruns_total",
        "resonance_bridge_rejects_total",
    ] {
        assert!(v.as_str().unwrap().contains(&format!("# TYPE {name}")), "{name}");
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-2.0f64..2.0).prop_map(Value::from),
        "[a-z_]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    prop::sample::select(vec!["hp", "max_hp", "stress", "danger", "trigger", "event", "team", "minute", "card"])
                        .prop_map(String::from),
                    "[a-z]{1,6}"
                ],
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Random JSON bodies through the real router: only 200 or a 4xx naming a field, never a 5xx.
    #[test]
    fn random_telemetry_bodies_never_break_the_api(bodies in prop::collection::vec(json_value(), 1..6)) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let (st, key, _dir) = state().await;
            let app = app(st);
            for b in &bodies {
                let (s, _, v) = call(&app, "POST", "/api/v1/sessions/p/telemetry", Some(&bearer(&key)), Some(&b.to_string())).await;
                assert!(s == StatusCode::OK || s == StatusCode::UNPROCESSABLE_ENTITY, "{b} -> {s} {v}");
                if s == StatusCode::UNPROCESSABLE_ENTITY {
                    let field = v["field"].as_str().unwrap();
                    assert!(field == "(body)" || b.get(field).is_some(), "{b} -> {v}");
                }
            }
        });
    }
}

/// A write that fails is answered with an error and leaves no trace: not in memory, not in a
/// later write built on it; the next write after the repair is stored normally.
#[tokio::test]
async fn a_failed_write_is_refused_and_rolled_back() {
    let (st, key, dir) = state().await;
    let app = app(st.clone());
    let auth = bearer(&key);
    let uri = "/api/v1/sessions/fragile/telemetry";
    let (s, _, v) = call(&app, "POST", uri, Some(&auth), Some(r#"{"hp": 1, "max_hp": 10}"#)).await;
    assert_eq!((s, v["updates"].as_u64()), (StatusCode::OK, Some(1)), "{v}");
    // Break storage from a second connection: the log table disappears.
    let db = format!("sqlite://{}", dir.path().join("resonance.db").display());
    let mut c = <sqlx::SqliteConnection as sqlx::Connection>::connect(&db).await.unwrap();
    sqlx::query("ALTER TABLE telemetry_log RENAME TO broken").execute(&mut c).await.unwrap();
    let (s, _, v) = call(&app, "POST", uri, Some(&auth), Some(r#"{"hp": 2}"#)).await;
    assert_eq!(s, StatusCode::INTERNAL_SERVER_ERROR, "{v}");
    assert!(v["message"].as_str().unwrap().contains("retry"), "{v}");
    let (_, _, v) = call(&app, "GET", "/api/v1/sessions/fragile", None, None).await;
    assert_eq!((v["updates"].as_u64(), v["metrics"]["hp"].as_f64()), (Some(1), Some(1.0)), "rolled back: {v}");
    // Repaired: the next write is stored on top of the last stored state.
    sqlx::query("ALTER TABLE broken RENAME TO telemetry_log").execute(&mut c).await.unwrap();
    let (s, _, v) = call(&app, "POST", uri, Some(&auth), Some(r#"{"hp": 3}"#)).await;
    assert_eq!((s, v["updates"].as_u64()), (StatusCode::OK, Some(2)), "{v}");
    let stored = st.inner.store.load_session("fragile").await.unwrap().unwrap();
    assert_eq!((stored.updates, stored.metrics.hp), (2, Some(3.0)));
    assert_eq!(st.inner.store.log_seqs("fragile").await.unwrap(), [1, 2]);
}
