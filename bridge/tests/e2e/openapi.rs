//! The OpenAPI document (generated from the handlers) matches the router: it holds exactly the
//! API's (method, path) set, and every documented operation is routed (neither 404 nor 405).

use std::collections::BTreeSet;

use axum::http::StatusCode;
use resonance_bridge::{app, openapi};
use serde_json::Value;

use crate::common::{bearer, call, state};

/// Every API route as (method, path), in axum's path syntax: the API's surface, which the
/// generated document must hold exactly.
const ROUTES: &[(&str, &str)] = &[
    ("GET", "/healthz"),
    ("GET", "/metrics"),
    ("GET", "/api/v1/openapi.json"),
    ("GET", "/api/v1/sessions"),
    ("GET", "/api/v1/sessions/{session}"),
    ("DELETE", "/api/v1/sessions/{session}"),
    ("POST", "/api/v1/sessions/{session}/telemetry"),
    ("POST", "/api/v1/sessions/{session}/control"),
    ("POST", "/api/v1/sessions/{session}/stinger"),
    ("GET", "/api/v1/rules"),
    ("GET", "/api/v1/styles"),
    ("GET", "/api/v1/engines"),
    ("POST", "/api/v1/midi/learn"),
    ("GET", "/api/v1/keys"),
    ("POST", "/api/v1/keys"),
    ("DELETE", "/api/v1/keys/{id}"),
    ("GET", "/api/v1/ws"),
    ("POST", "/api/v1/recognize"),
    ("POST", "/api/v1/recognize/fingerprint"),
    ("GET", "/api/v1/tracks"),
    ("POST", "/api/v1/tracks"),
    ("POST", "/api/v1/tracks/import"),
    ("GET", "/api/v1/tracks/{id}"),
    ("PATCH", "/api/v1/tracks/{id}"),
    ("DELETE", "/api/v1/tracks/{id}"),
    ("GET", "/api/v1/tracks/{id}/clearance"),
    ("PATCH", "/api/v1/tracks/{id}/clearance"),
    ("POST", "/api/v1/clearance/import"),
    ("GET", "/api/v1/guard"),
    ("POST", "/api/v1/guard/mode"),
    ("POST", "/api/v1/guard/override"),
    ("GET", "/api/v1/guard/report"),
    ("GET", "/api/v1/index/stats"),
    ("GET", "/api/v1/webhooks"),
    ("POST", "/api/v1/webhooks"),
    ("DELETE", "/api/v1/webhooks/{id}"),
    ("GET", "/api/v1/webhooks/{id}/deliveries"),
    ("GET", "/play"),
    ("POST", "/play"),
    ("GET", "/play/{id}/stats"),
    ("GET", "/play/{id}/stream"),
    ("PATCH", "/play/{id}"),
    ("DELETE", "/play/{id}"),
    ("POST", "/play/{id}/fire"),
    ("GET", "/api/v1/library"),
    ("GET", "/api/v1/library/tracks"),
    ("PUT", "/api/v1/library/active"),
    ("PUT", "/api/v1/library/providers/subsonic"),
    ("PUT", "/api/v1/library/providers/spotify"),
    ("DELETE", "/api/v1/library/providers/spotify"),
    ("PUT", "/api/v1/library/providers/local"),
    ("GET", "/api/v1/providers/spotify/login"),
    ("GET", "/api/v1/providers/spotify/callback"),
    ("GET", "/api/v1/library/devices"),
    ("POST", "/api/v1/library/skip"),
    ("POST", "/api/v1/library/approve"),
    ("POST", "/api/v1/library/play"),
    ("PUT", "/api/v1/library/tracks/{key}/mood"),
    ("DELETE", "/api/v1/library/tracks/{key}/mood"),
    ("GET", "/api/v1/library/stream/{token}"),
    ("GET", "/api/v1/discovery"),
    ("GET", "/api/v1/discovery/queue"),
    ("POST", "/api/v1/discovery/queue/{action}"),
    ("GET", "/api/v1/discovery/wishlist"),
    ("POST", "/api/v1/discovery/wishlist"),
    ("GET", "/api/v1/discovery/downloads"),
    ("GET", "/api/v1/discovery/settings"),
    ("PUT", "/api/v1/discovery/settings"),
    ("POST", "/api/v1/discovery/jobs/{name}/run"),
    ("GET", "/api/v1/discovery/jobs/{name}/runs"),
    ("GET", "/api/v1/discovery/runs/{id}/log"),
    ("GET", "/readyz"),
    ("PUT", "/api/v1/library/layer"),
    ("GET", "/api/v1/library/pool.svg"),
];

#[tokio::test]
async fn document_matches_routes() {
    let doc: Value = serde_json::to_value(openapi()).expect("the document serialises");
    assert_eq!(doc["openapi"], "3.1.0");
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let routed: BTreeSet<(String, String)> = ROUTES.iter().map(|(m, p)| ((*m).to_string(), (*p).to_string())).collect();
    assert_eq!(documented, routed, "the generated document and the API's routes disagree");

    let (st, key, _dir) = state().await;
    let app = app(st);
    // The served document is the same document.
    let (s, _, served) = call(&app, "GET", "/api/v1/openapi.json", None, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(served, doc);
    for (method, path) in &routed {
        let uri = path.replace("{session}", "doc-check").replace("{id}", "k0").replace("{key}", "k0").replace("{token}", "t0");
        let (s, _, v) = call(&app, method, &uri, Some(&bearer(&key)), Some("{}")).await;
        let unrouted = s == StatusCode::METHOD_NOT_ALLOWED
            || (s == StatusCode::NOT_FOUND && v["message"].as_str().is_some_and(|m| m.contains("no such route")));
        assert!(!unrouted, "{method} {path} is documented but not routed: {s} {v}");
        // Every documented error/success code list contains what we got.
        let op = &doc["paths"][path][method.to_lowercase()];
        let code = s.as_u16().to_string();
        assert!(op["responses"].get(&code).is_some(), "{method} {path} answered {code}, which the document does not list");
    }
    // An undocumented route is a 404 with the bridge's error body.
    let (s, _, v) = call(&app, "GET", "/api/v1/nothing", None, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(v["error"], "not_found");
}
