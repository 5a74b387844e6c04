//! Discovery's API (`/api/v1/discovery/...`): the overview, the queue and decisions on it
//! (one or many keys at once), the wishlist, downloads, settings (secrets write-only), the
//! jobs (status, run now, runs and their logs). Every route needs an API key; changes need
//! the `manage` scope.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::allow;
use crate::auth::extract::Authed;
use crate::discovery::model::{Item, SECRETS, Settings, norm_key};
use crate::error::AppError;
use crate::extract::{json_body, verr};
use crate::state::AppState;

/// The discovery routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_discovery))
        .routes(routes!(get_queue))
        .routes(routes!(post_decision))
        .routes(routes!(get_wishlist, post_wishlist))
        .routes(routes!(get_downloads))
        .routes(routes!(get_settings, put_settings))
        .routes(routes!(post_run))
        .routes(routes!(get_runs))
        .routes(routes!(get_run_log))
}

/// The settings with secrets shown as `"set"` (or null).
fn redacted(s: &Settings) -> Value {
    let mut v = serde_json::to_value(s).unwrap_or_default();
    for k in SECRETS {
        if !v[*k].is_null() {
            v[*k] = json!("set");
        }
    }
    v
}

/// Discovery at a glance: albums per state, the jobs, the settings (secrets hidden)
#[utoipa::path(get, path = "/api/v1/discovery", tag = "discovery",
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{counts, jobs, settings}`", body = Object), (status = 401, response = crate::error::ErrorBody)))]
pub async fn get_discovery(State(st): State<AppState>, _auth: Authed) -> Result<Json<Value>, AppError> {
    let d = &st.inner.discovery;
    let counts: serde_json::Map<String, Value> = d.shared.store.item_counts().await?.into_iter().map(|(k, n)| (k, json!(n))).collect();
    Ok(Json(json!({"counts": counts, "jobs": d.jobs(), "settings": redacted(&d.settings())})))
}

/// A page of the queue.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct QueueQuery {
    /// pending (default), wishlist, downloading, downloaded, failed, rejected; comma-separated.
    pub state: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

const STATES: &[&str] = &["pending", "wishlist", "downloading", "downloaded", "failed", "rejected"];

async fn page(st: &AppState, states: &[&str], limit: Option<i64>, offset: Option<i64>) -> Result<Json<Value>, AppError> {
    let limit = limit.unwrap_or(50);
    if !(1..=1000).contains(&limit) {
        return Err(verr("limit", format!("{limit} is out of range; give 1..1000")));
    }
    let items = st.inner.discovery.shared.store.items(states, limit, offset.unwrap_or(0).max(0)).await?;
    Ok(Json(json!({"items": items})))
}

/// Proposed albums, best score first (with cover, score, source, why)
#[utoipa::path(get, path = "/api/v1/discovery/queue", tag = "discovery", params(QueueQuery),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{items: [Item]}`", body = Object), (status = 422, response = crate::error::ErrorBody)))]
pub async fn get_queue(State(st): State<AppState>, _auth: Authed, Query(q): Query<QueueQuery>) -> Result<Json<Value>, AppError> {
    let raw = q.state.unwrap_or_else(|| "pending".into());
    let states: Vec<&str> = raw.split(',').map(str::trim).collect();
    if let Some(bad) = states.iter().find(|s| !STATES.contains(s)) {
        return Err(verr("state", format!("unknown state {bad:?}; use one or more of {}", STATES.join(", "))));
    }
    page(&st, &states, q.limit, q.offset).await
}

/// Approves (→ wishlist) or rejects (for good) albums: `{keys: [...]}`, one or many
#[utoipa::path(post, path = "/api/v1/discovery/queue/{action}", tag = "discovery", request_body = Object,
    params(("action" = String, Path, description = "approve or reject")),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{results: [{key, state, changed}]}`", body = Object), (status = 404, response = crate::error::ErrorBody),
        (status = 422, response = crate::error::ErrorBody)))]
pub async fn post_decision(
    State(st): State<AppState>,
    auth: Authed,
    Path(action): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, AppError> {
    allow(&st, &auth, "manage")?;
    if action != "approve" && action != "reject" {
        return Err(AppError::NotFound(format!("no action {action:?}; use approve or reject")));
    }
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let keys: Vec<String> =
        serde_json::from_value(v["keys"].clone()).map_err(|_| verr("keys", "send {\"keys\": [\"<key>\", ...]} with the items' keys"))?;
    if keys.is_empty() || keys.len() > 1000 {
        return Err(verr("keys", format!("{} keys; send 1..1000", keys.len())));
    }
    let results = st.inner.discovery.decide(&keys, &action).await?;
    Ok(Json(json!({"results": results})))
}

/// The wishlist: albums to download and downloading
#[utoipa::path(get, path = "/api/v1/discovery/wishlist", tag = "discovery",
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{items: [Item]}`", body = Object)))]
pub async fn get_wishlist(State(st): State<AppState>, _auth: Authed) -> Result<Json<Value>, AppError> {
    page(&st, &["wishlist", "downloading"], Some(1000), None).await
}

/// Adds an album to the wishlist by hand: `{artist, album, rgid?, year?}`
#[utoipa::path(post, path = "/api/v1/discovery/wishlist", tag = "discovery", request_body = Object,
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{key, added}`", body = Object), (status = 422, response = crate::error::ErrorBody)))]
pub async fn post_wishlist(State(st): State<AppState>, auth: Authed, body: Result<Bytes, BytesRejection>) -> Result<Json<Value>, AppError> {
    allow(&st, &auth, "manage")?;
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let text = |k: &str| v[k].as_str().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    let (Some(artist), Some(album)) = (text("artist"), text("album")) else {
        return Err(verr("album", "send {\"artist\": \"...\", \"album\": \"...\"} (and \"rgid\" when known)"));
    };
    let rgid = text("rgid");
    let key = rgid.clone().unwrap_or_else(|| format!("norm:{}", norm_key(&artist, &album)));
    let it = Item {
        key: key.clone(),
        rgid,
        artist,
        album,
        year: v["year"].as_i64().map(|y| y as i32),
        cover_url: None,
        state: "wishlist".into(),
        score: 1.0,
        source: "manual".into(),
        similar_to: Vec::new(),
        reason: "added by hand".into(),
        attempts: 0,
        created_ms: 0,
        updated_ms: 0,
    };
    let added = st.inner.discovery.propose(it).await?;
    if !added {
        // known: approve it if it waits in the queue (a rejected album stays rejected)
        st.inner.discovery.decide(std::slice::from_ref(&key), "approve").await?;
    }
    Ok(Json(json!({"key": key, "added": added})))
}

/// Downloads, newest first, with progress
#[utoipa::path(get, path = "/api/v1/discovery/downloads", tag = "discovery",
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{downloads: [Download]}`", body = Object)))]
pub async fn get_downloads(State(st): State<AppState>, _auth: Authed) -> Result<Json<Value>, AppError> {
    let d = st.inner.discovery.shared.store.downloads(false, 200).await?;
    Ok(Json(json!({"downloads": d})))
}

/// Discovery's settings (secrets shown as "set")
#[utoipa::path(get, path = "/api/v1/discovery/settings", tag = "discovery",
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "the settings", body = Object)))]
pub async fn get_settings(State(st): State<AppState>, _auth: Authed) -> Json<Value> {
    Json(redacted(&st.inner.discovery.settings()))
}

/// Changes settings: the fields sent replace the stored ones (a secret sent as "set" is kept)
#[utoipa::path(put, path = "/api/v1/discovery/settings", tag = "discovery", request_body = Object,
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "the settings", body = Object), (status = 422, response = crate::error::ErrorBody)))]
pub async fn put_settings(State(st): State<AppState>, auth: Authed, body: Result<Bytes, BytesRejection>) -> Result<Json<Value>, AppError> {
    allow(&st, &auth, "manage")?;
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let Value::Object(patch) = v else { return Err(verr("(body)", "send a JSON object of the settings to change")) };
    let d = &st.inner.discovery;
    let mut cur = serde_json::to_value(d.settings()).unwrap_or_default();
    for (k, val) in patch {
        if cur.get(&k).is_none() {
            return Err(verr(&k, "no such setting; see GET /api/v1/discovery/settings"));
        }
        if SECRETS.contains(&k.as_str()) && val.as_str() == Some("set") {
            continue;
        }
        if k == "intervals"
            && let (Some(c), Value::Object(p)) = (cur[&k].as_object_mut(), val.clone())
        {
            c.extend(p);
            continue;
        }
        cur[&k] = val;
    }
    let s: Settings = serde_json::from_value(cur).map_err(|e| verr("(body)", format!("{e}")))?;
    s.check().map_err(|(f, m)| verr(f, m))?;
    d.set_settings(s).await?;
    Ok(Json(redacted(&d.settings())))
}

/// Runs a job now (lb-fetch, catalog-discovery, slskd-downloader); 409 when it is running
#[utoipa::path(post, path = "/api/v1/discovery/jobs/{name}/run", tag = "discovery",
    params(("name" = String, Path, description = "lb-fetch, catalog-discovery or slskd-downloader")),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 202, description = "`{run_id}`", body = Object), (status = 404, response = crate::error::ErrorBody),
        (status = 409, response = crate::error::ErrorBody)))]
pub async fn post_run(State(st): State<AppState>, auth: Authed, Path(name): Path<String>) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    match st.inner.discovery.run_now(&name) {
        None => Err(AppError::NotFound(format!("no job {name:?}; the jobs are lb-fetch, catalog-discovery and slskd-downloader"))),
        Some(Err(running)) => Err(AppError::rejected(
            StatusCode::CONFLICT,
            "busy",
            format!("{name} is already running (run {running}); wait for it to finish"),
        )),
        Some(Ok(id)) => Ok((StatusCode::ACCEPTED, Json(json!({"run_id": id}))).into_response()),
    }
}

/// A job's latest runs (outcome, counts, error)
#[utoipa::path(get, path = "/api/v1/discovery/jobs/{name}/runs", tag = "discovery",
    params(("name" = String, Path, description = "the job")),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{runs: [Run]}`", body = Object)))]
pub async fn get_runs(State(st): State<AppState>, _auth: Authed, Path(name): Path<String>) -> Result<Json<Value>, AppError> {
    let runs = st.inner.discovery.shared.store.runs(&name, 50).await?;
    Ok(Json(json!({"runs": runs})))
}

/// A run's log
#[utoipa::path(get, path = "/api/v1/discovery/runs/{id}/log", tag = "discovery",
    params(("id" = String, Path, description = "the run id")),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{lines: [{at_ms, line}]}`", body = Object)))]
pub async fn get_run_log(State(st): State<AppState>, _auth: Authed, Path(id): Path<String>) -> Result<Json<Value>, AppError> {
    let lines: Vec<Value> =
        st.inner.discovery.shared.store.log_lines(&id).await?.into_iter().map(|(at, l)| json!({"at_ms": at, "line": l})).collect();
    Ok(Json(json!({"lines": lines})))
}
