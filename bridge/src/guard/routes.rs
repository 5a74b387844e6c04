//! The clearance API: read and edit one track's clearance, import a rights list as CSV.
//!
//! Every route needs an API key with the `manage` scope (when the key has scopes), like the
//! catalogue's routes.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::allow;
use crate::auth::extract::Authed;
use crate::error::{AppError, ErrorBody};
use crate::extract::{json_body, verr};
use crate::guard::clearance::{Clearance, ClearanceState, MAX_NOTE, Problem, parse_import, territory};
use crate::guard::decide::Mode;
use crate::guard::report;
use crate::guard::service::lock;
use crate::state::AppState;

/// Largest CSV import body.
pub const MAX_IMPORT_BYTES: usize = 10 << 20;

/// The clearance routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_clearance, patch_clearance))
        .routes(routes!(import_clearance))
        .routes(routes!(get_guard))
        .routes(routes!(set_guard_mode))
        .routes(routes!(override_guard))
        .routes(routes!(guard_report))
        .layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES))
}

fn no_track(id: &str) -> AppError {
    AppError::NotFound(format!("no track {id:?} in the catalogue; GET /api/v1/tracks lists them"))
}

async fn existing(st: &AppState, id: &str) -> Result<Clearance, AppError> {
    let cat = st.inner.recognition.catalogue.id();
    if st.inner.store.track(cat, id).await?.is_none() {
        return Err(no_track(id));
    }
    Ok(st.inner.store.clearance(cat, id).await?.unwrap_or_default())
}

/// A track's clearance
///
/// A track nobody cleared is `unknown` (with `updated_ms` 0).
#[utoipa::path(get, path = "/api/v1/tracks/{id}/clearance", tag = "recognition",
    params(("id" = String, Path)),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "the clearance", body = Clearance), (status = 401, response = ErrorBody),
        (status = 403, response = ErrorBody), (status = 429, response = ErrorBody), (status = 404, response = ErrorBody)))]
pub async fn get_clearance(State(st): State<AppState>, auth: Authed, Path(id): Path<String>) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    Ok(Json(existing(&st, &id).await?).into_response())
}

/// `PATCH /api/v1/tracks/{id}/clearance`: any of the three.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "documents the body the handler validates")]
struct ClearancePatch {
    state: Option<ClearanceState>,
    note: Option<String>,
    /// ISO 3166-1 alpha-2 codes and platform names; empty: everywhere.
    territories: Option<Vec<String>>,
}

/// Set a track's clearance
#[utoipa::path(patch, path = "/api/v1/tracks/{id}/clearance", tag = "recognition",
    params(("id" = String, Path)),
    request_body = ClearancePatch,
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "the clearance", body = Clearance), (status = 400, response = ErrorBody),
        (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody),
        (status = 404, response = ErrorBody), (status = 422, response = ErrorBody)))]
pub async fn patch_clearance(
    State(st): State<AppState>,
    auth: Authed,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let obj = v.as_object().ok_or_else(|| verr("(body)", "must be a JSON object"))?;
    let mut c = existing(&st, &id).await?;
    for (k, val) in obj {
        match k.as_str() {
            "state" => {
                let s = val.as_str().ok_or_else(|| verr(k, "must be a string"))?;
                c.state = ClearanceState::parse(s)
                    .filter(|_| !s.trim().is_empty())
                    .ok_or_else(|| verr(k, "must be one of cleared, not_cleared, unknown"))?;
            }
            "note" => {
                let s = val.as_str().ok_or_else(|| verr(k, "must be a string"))?;
                if s.len() > MAX_NOTE || s.chars().any(|ch| ch.is_control() && ch != '\n') {
                    return Err(verr(k, format!("must be at most {MAX_NOTE} bytes without control characters")));
                }
                c.note = s.trim().to_string();
            }
            "territories" => {
                let list = val.as_array().ok_or_else(|| verr(k, "must be an array of strings, e.g. [\"DE\", \"twitch\"]"))?;
                let mut t = list
                    .iter()
                    .map(|x| x.as_str().ok_or_else(|| "every entry must be a string".to_string()).and_then(territory))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| verr(k, e))?;
                t.sort();
                t.dedup();
                c.territories = t;
            }
            _ => return Err(verr(k, "unknown field; allowed: state, note, territories")),
        }
    }
    c.updated_ms = crate::clock::now_ms();
    st.inner.store.set_clearances(st.inner.recognition.catalogue.id(), &[(id, c.clone())]).await?;
    Ok(Json(c).into_response())
}

/// `POST /api/v1/clearance/import` options.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct ImportQuery {
    /// Check the file and report what would change, without changing anything.
    #[serde(default)]
    dry_run: bool,
}

/// Import clearances from CSV
///
/// The body is a CSV file (at most 10 MiB, 100,000 rows): a header naming `track_id`, `state`
/// and optionally `note` and `territories`, then one row per track. All or nothing: when any
/// row is wrong (bad state, unknown track, a track twice) nothing is applied and the answer
/// (422) lists every such row by line; otherwise every row is applied in one transaction.
#[utoipa::path(post, path = "/api/v1/clearance/import", tag = "recognition",
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv"),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{applied, dry_run}`", body = Object), (status = 400, response = ErrorBody),
        (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 413, response = ErrorBody),
        (status = 429, response = ErrorBody), (status = 422, description = "`{error, message, problems: [{line, reason}]}`", body = Object)))]
pub async fn import_clearance(
    State(st): State<AppState>,
    auth: Authed,
    Query(q): Query<ImportQuery>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge { limit: MAX_IMPORT_BYTES }
        } else {
            AppError::BadJson(e.body_text())
        }
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|e| verr("(body)", format!("the CSV is not UTF-8 ({e}); save it as UTF-8")))?;
    let (rows, mut problems) = parse_import(text).map_err(|e| verr("(body)", e))?;
    let cat = st.inner.recognition.catalogue.id();
    let known: std::collections::HashSet<String> = st.inner.store.track_ids(cat).await?.into_iter().collect();
    let mut seen = std::collections::HashMap::new();
    for r in &rows {
        if !known.contains(&r.track_id) {
            problems.push(Problem { line: r.line, reason: format!("no track {:?} in the catalogue", r.track_id) });
        } else if let Some(first) = seen.insert(r.track_id.clone(), r.line) {
            problems.push(Problem { line: r.line, reason: format!("track {:?} is already on line {first}", r.track_id) });
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        let body = json!({
            "error": "validation",
            "message": format!("{} row(s) cannot be applied; nothing was changed (the rows are listed in `problems`)", problems.len()),
            "problems": problems,
        });
        let mut resp = (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response();
        resp.extensions_mut().insert(crate::error::RejectReason("validation"));
        return Ok(resp);
    }
    let now = crate::clock::now_ms();
    let applied: Vec<(String, Clearance)> = rows
        .into_iter()
        .map(|r| (r.track_id, Clearance { state: r.state, note: r.note, territories: r.territories, updated_ms: now }))
        .collect();
    if !q.dry_run {
        st.inner.store.set_clearances(cat, &applied).await?;
    }
    Ok(Json(json!({"applied": applied.len(), "dry_run": q.dry_run})).into_response())
}

/// `?session=NAME` (all sessions when absent).
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct GuardQuery {
    session: Option<String>,
}

/// The guard: mode, what it is ducking now, its action log
#[utoipa::path(get, path = "/api/v1/guard", tag = "recognition",
    params(GuardQuery),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{mode, duck_db, flip_hold_ms, ducking: [{session, title, artist, clearance}], sessions: [{session, now_playing: {track_id, title, artist, clearance} | null, ducking}], obs: status | null, log: [...]}`", body = Object),
        (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody)))]
pub async fn get_guard(State(st): State<AppState>, auth: Authed, Query(q): Query<GuardQuery>) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    let g = &st.inner.guard;
    let p = g.policy();
    let ducking: Vec<serde_json::Value> = lock(&g.sessions)
        .iter()
        .filter(|(n, _)| q.session.as_ref().is_none_or(|s| s == *n))
        .filter_map(|(n, (gs, _))| {
            gs.ducking.as_ref().map(|(h, _)| json!({"session": n, "title": h.title, "artist": h.artist, "clearance": h.clearance}))
        })
        .collect();
    let sessions: Vec<serde_json::Value> = {
        let s = lock(&g.sessions);
        let mut v: Vec<_> = s.iter().filter(|(n, _)| q.session.as_ref().is_none_or(|s| s == *n)).collect();
        v.sort_by_key(|(n, _)| *n);
        v.into_iter().map(|(n, (gs, _))| json!({"session": n, "now_playing": gs.last(), "ducking": gs.ducking.is_some()})).collect()
    };
    Ok(Json(json!({
        "sessions": sessions,
        "obs": st.inner.obs.as_ref().map(crate::clients::obs::ObsClient::status),
        "mode": p.mode,
        "duck_db": if p.duck_db.is_finite() { json!(p.duck_db) } else { json!("mute") },
        "flip_hold_ms": p.flip_hold.as_millis() as u64,
        "ducking": ducking,
        "log": g.log(q.session.as_deref()),
    }))
    .into_response())
}

/// `POST /api/v1/guard/mode`.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "documents the body the handler validates")]
struct ModeBody {
    mode: Mode,
}

/// Set the guard's mode
///
/// `off` releases every duck at once; `normal` ducks tracks that are not cleared; `strict`
/// also ducks tracks whose clearance is unknown.
#[utoipa::path(post, path = "/api/v1/guard/mode", tag = "recognition",
    request_body = ModeBody,
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{mode}`", body = Object), (status = 400, response = ErrorBody),
        (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody),
        (status = 422, response = ErrorBody)))]
pub async fn set_guard_mode(State(st): State<AppState>, auth: Authed, body: Result<Bytes, BytesRejection>) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let mode = v["mode"].as_str().and_then(Mode::parse).ok_or_else(|| verr("mode", "must be one of off, normal, strict"))?;
    st.set_guard_mode(mode);
    Ok(Json(json!({"mode": mode})).into_response())
}

/// `POST /api/v1/guard/override`.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "documents the body the handler validates")]
struct OverrideBody {
    session: String,
}

/// Override the guard for the track a session is ducking
///
/// The duck is released now and the track is left alone until it ends or another track plays
/// (logged as `release` with the reason). 404 when the session is ducking nothing.
#[utoipa::path(post, path = "/api/v1/guard/override", tag = "recognition",
    request_body = OverrideBody,
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{released: true}`", body = Object), (status = 400, response = ErrorBody),
        (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 404, response = ErrorBody),
        (status = 429, response = ErrorBody), (status = 422, response = ErrorBody)))]
pub async fn override_guard(State(st): State<AppState>, auth: Authed, body: Result<Bytes, BytesRejection>) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let session = v["session"].as_str().ok_or_else(|| verr("session", "must be the name of the session"))?;
    if !st.override_guard(session) {
        return Err(AppError::NotFound(format!("session {session:?} is ducking nothing; GET /api/v1/guard shows what is ducked")));
    }
    Ok(Json(json!({"released": true})).into_response())
}

/// `GET /api/v1/guard/report` options.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct ReportQuery {
    /// The session (all sessions when absent).
    session: Option<String>,
    /// `json` (default), `csv`, `edl` (CMX 3600) or `chapters`.
    format: Option<String>,
    /// Frames per second of the EDL's timecodes (default 30).
    fps: Option<u32>,
}

/// The after-show report of recognised segments
///
/// Every recognised stretch of the programme with its track, start and end in stream time
/// (from the session's first recognition report), clearance and the action taken.
#[utoipa::path(get, path = "/api/v1/guard/report", tag = "recognition",
    params(ReportQuery),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "the report in the format asked for", body = Object),
        (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody),
        (status = 422, response = ErrorBody)))]
pub async fn guard_report(State(st): State<AppState>, auth: Authed, Query(q): Query<ReportQuery>) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    let g = &st.inner.guard;
    let segments = g.segments(q.session.as_deref());
    let now = q.session.as_deref().map_or(0, |s| lock(&g.sessions).get(s).map_or(0, |(_, origin)| crate::clock::now_ms() - origin));
    let fps = q.fps.unwrap_or(30);
    if !(1..=120).contains(&fps) {
        return Err(verr("fps", "must be 1..=120"));
    }
    let text = |ct: &'static str, body: String| ([(axum::http::header::CONTENT_TYPE, ct)], body).into_response();
    Ok(match q.format.as_deref().unwrap_or("json") {
        "json" => Json(json!({"segments": segments, "log": g.log(q.session.as_deref())})).into_response(),
        "csv" => text("text/csv; charset=utf-8", report::csv(&segments, now)),
        "edl" => text("text/plain; charset=utf-8", report::edl(q.session.as_deref().unwrap_or("resonance"), &segments, now, fps)),
        "chapters" => text("text/plain; charset=utf-8", report::chapters(&segments)),
        _ => return Err(verr("format", "must be one of json, csv, edl, chapters")),
    })
}
