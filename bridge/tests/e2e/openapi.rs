//! The OpenAPI document matches the router: same (method, path) set, and every documented
//! operation is routed (neither 404 nor 405).

use std::collections::BTreeSet;

use axum::http::StatusCode;
use resonance_bridge::{OPENAPI, app, http::ROUTES};
use serde_json::Value;

use crate::common::{bearer, call, state};

#[tokio::test]
async fn document_matches_routes() {
    let doc: Value = serde_json::from_str(OPENAPI).expect("openapi.json is valid JSON");
    assert_eq!(doc["openapi"], "3.1.0");
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let routed: BTreeSet<(String, String)> = ROUTES.iter().map(|(m, p)| ((*m).to_string(), (*p).to_string())).collect();
    assert_eq!(documented, routed, "openapi.json and http::ROUTES disagree");

    let (st, key, _dir) = state().await;
    let app = app(st);
    // The served document is the same text.
    let (s, _, served) = call(&app, "GET", "/api/v1/openapi.json", None, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(served, doc);
    for (method, path) in &routed {
        let uri = path.replace("{session}", "doc-check").replace("{id}", "k0");
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
