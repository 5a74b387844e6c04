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

/// The document as served, its (method, path) set, and a check that it equals [`ROUTES`].
fn documented() -> (Value, BTreeSet<(String, String)>) {
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
    (doc, routed)
}

/// Follows a `$ref` within the document.
fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v["$ref"].as_str().and_then(|r| r.strip_prefix("#/")) {
        Some(path) => resolve(doc, path.split('/').fold(doc, |at, part| &at[part])),
        None => v,
    }
}

/// The properties a schema documents, through `$ref`s and every part of `allOf`, `oneOf` and
/// `anyOf` (a part that is `null`, or free-form, adds none).
fn properties(doc: &Value, schema: &Value, out: &mut BTreeSet<String>) {
    let schema = resolve(doc, schema);
    if let Some(p) = schema["properties"].as_object() {
        out.extend(p.keys().cloned());
    }
    for k in ["allOf", "oneOf", "anyOf"] {
        for part in schema[k].as_array().into_iter().flatten() {
            properties(doc, part, out);
        }
    }
}

/// Whether a JSON object fits a documented schema at its top level: every key of the body is
/// a documented property (of one alternative, for a top-level `oneOf`/`anyOf`). A free-form
/// schema (no properties anywhere) accepts any body. `Err` names the keys not documented.
fn fits(doc: &Value, schema: &Value, body: &serde_json::Map<String, Value>) -> Result<(), String> {
    let schema = resolve(doc, schema);
    if let Some(alts) = schema["oneOf"].as_array().or_else(|| schema["anyOf"].as_array()) {
        let errs: Vec<String> = alts.iter().filter_map(|a| fits(doc, a, body).err()).collect();
        return if errs.len() < alts.len() { Ok(()) } else { Err(errs.join(" | ")) };
    }
    let mut props = BTreeSet::new();
    properties(doc, schema, &mut props);
    let unknown: Vec<&String> = body.keys().filter(|k| !props.contains(*k)).collect();
    if props.is_empty() || unknown.is_empty() { Ok(()) } else { Err(format!("undocumented {unknown:?} (documented {props:?})")) }
}

/// Calls every documented operation on `app` and checks it is routed (neither 404 "no such
/// route" nor 405), that the status it answers is documented, and that a JSON object it answers
/// fits the schema documented for that status. `session` replaces `{session}`.
async fn check_operations(app: &axum::Router, doc: &Value, routed: &BTreeSet<(String, String)>, key: &str, session: &str, mode: &str) {
    for (method, path) in routed {
        let uri = path.replace("{session}", session).replace("{id}", "k0").replace("{key}", "k0").replace("{token}", "t0");
        let (s, _, v) = call(app, method, &uri, Some(&bearer(key)), Some("{}")).await;
        let unrouted = s == StatusCode::METHOD_NOT_ALLOWED
            || (s == StatusCode::NOT_FOUND && v["message"].as_str().is_some_and(|m| m.contains("no such route")));
        assert!(!unrouted, "{mode}: {method} {path} is documented but not routed: {s} {v}");
        // Every documented error/success code list contains what we got.
        let op = &doc["paths"][path][method.to_lowercase()];
        let code = s.as_u16().to_string();
        let Some(response) = op["responses"].get(&code) else {
            panic!("{mode}: {method} {path} answered {code}, which the document does not list: {v}");
        };
        let response = resolve(doc, response);
        if let (Some(body), Some(schema)) = (v.as_object(), response["content"]["application/json"].get("schema"))
            && let Err(e) = fits(doc, schema, body)
        {
            panic!("{mode}: {method} {path} answered {code} with a body its documented schema does not hold: {e}\n{v}");
        }
    }
}

#[tokio::test]
async fn document_matches_routes() {
    let (doc, routed) = documented();
    let (st, key, _dir) = state().await;
    let app = app(st);
    // The served document is the same document.
    let (s, _, served) = call(&app, "GET", "/api/v1/openapi.json", None, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(served, doc);
    check_operations(&app, &doc, &routed, &key, "doc-check", "one bridge").await;
    // An undocumented route is a 404 with the bridge's error body.
    let (s, _, v) = call(&app, "GET", "/api/v1/nothing", None, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(v["error"], "not_found");
}

/// The same document is true of a bridge in cluster mode (`--cluster`, a real `nats-server
/// -js` and PostgreSQL): every documented route is routed there too, and the answers that
/// differ in cluster mode — telemetry, controls and stingers stored in the match's stream
/// (`accepted`, `seq`, `duplicate`), 503 with `Retry-After` while NATS is away, 409 for a
/// delete, `/readyz` and `/healthz` with the cluster's fields — are the documented ones, with
/// NATS connected and with NATS gone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_matches_routes_in_cluster_mode() {
    use crate::cluster::{Nats, make_key, nats_available, postgres_url};
    let Some(pg) = postgres_url() else { return };
    if !nats_available() {
        return;
    }
    let (doc, routed) = documented();
    let mut nats = Nats::start();
    let key = make_key(&pg).await;
    let dir = tempfile::tempdir().unwrap();
    let config =
        resonance_bridge::Config { database: Some(pg.clone()), cluster: Some(nats.url.clone()), ..crate::common::config(dir.path()) };
    let (st, _) = resonance_bridge::state::AppState::open(config).await.unwrap();
    let cluster = tokio::spawn(resonance_bridge::cluster::director::run(st.clone()));
    let app = app(st.clone());
    let ready = async |app: &axum::Router, want: StatusCode| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let (s, _, v) = call(app, "GET", "/readyz", None, None).await;
            if s == want {
                return v;
            }
            assert!(std::time::Instant::now() < deadline, "/readyz not {want} within 20 s: {s} {v}");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    };
    let v = ready(&app, StatusCode::OK).await;
    assert_eq!((v["nats"].as_str(), v["postgres"].as_str()), (Some("connected"), Some("ok")), "{v}");
    let session = format!("doc{:x}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis());
    check_operations(&app, &doc, &routed, &key, &session, "cluster mode").await;
    let (s, _, v) =
        call(&app, "POST", &format!("/api/v1/sessions/{session}/telemetry"), Some(&bearer(&key)), Some(r#"{"minute": 1}"#)).await;
    assert_eq!((s, v["accepted"].as_bool()), (StatusCode::OK, Some(true)), "cluster mode answers from the stream: {v}");
    let (s, _, v) = call(&app, "DELETE", &format!("/api/v1/sessions/{session}"), Some(&bearer(&key)), None).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");

    nats.kill();
    let v = ready(&app, StatusCode::SERVICE_UNAVAILABLE).await;
    assert_ne!(v["nats"], "connected", "{v}");
    check_operations(&app, &doc, &routed, &key, &session, "cluster mode without NATS").await;
    let (s, headers, v) =
        call(&app, "POST", &format!("/api/v1/sessions/{session}/telemetry"), Some(&bearer(&key)), Some(r#"{"minute": 2}"#)).await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert_eq!(headers.get("retry-after").map(|h| h.to_str().unwrap()), Some("1"), "{v}");
    cluster.abort();
}
