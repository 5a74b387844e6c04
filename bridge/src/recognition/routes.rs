//! The recognition API: identify audio, manage the catalogue, its statistics.
//!
//! Every route needs an API key; a key created with scopes needs `recognize` for the two
//! identify routes and `manage` for the catalogue's, and a key with a rate limit gets 429 with
//! `Retry-After` beyond it (auth::policy). Audio arrives as the raw body (its `Content-Type` or none)
//! or as multipart field `file`; these routes read their bodies themselves, with their own
//! limits (`max_query_bytes`, `max_track_bytes`) instead of the bridge's 16 KiB JSON limit.

use std::time::Instant;

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::allow;
use crate::auth::extract::Authed;
use crate::error::{AppError, ErrorBody};
use crate::extract::{json_body, verr};
use crate::recognition::audio::{Tags, extension_hint};
use crate::recognition::catalogue::Hit;
use crate::recognition::service::{IMPORT_CHUNK, ImportFile, NewTrack, audio_files, prepare_files};
use crate::recognition::store::TrackRow;
use crate::state::AppState;

/// The recognition routes (their own body limits, see the module docs).
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(recognize))
        .routes(routes!(recognize_fingerprint))
        .routes(routes!(list_tracks, add_track))
        .routes(routes!(import_tracks))
        .routes(routes!(get_track, patch_track, delete_track))
        .routes(routes!(index_stats))
        .routes(routes!(list_webhooks, add_webhook))
        .routes(routes!(delete_webhook))
        .routes(routes!(webhook_deliveries))
        .layer(DefaultBodyLimit::disable())
}

/// An uploaded audio file and the text fields beside it.
#[derive(Debug, Default)]
struct Upload {
    bytes: Vec<u8>,
    ext: Option<String>,
    name: Option<String>,
    tags: Tags,
}

fn too_large(limit: usize) -> AppError {
    AppError::rejected(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        format!("the audio is larger than {limit} bytes; send a shorter excerpt or a compressed format (FLAC, MP3, Ogg Vorbis)"),
    )
}

fn bad_multipart(e: impl std::fmt::Display) -> AppError {
    AppError::rejected(StatusCode::BAD_REQUEST, "bad_json", format!("malformed multipart body ({e}); send field `file` with the audio"))
}

/// Reads the audio of a request: multipart field `file` (plus `title`, `artist`, `album`) or
/// the raw body, at most `limit` bytes.
async fn read_upload(st: &AppState, req: Request, limit: usize) -> Result<Upload, AppError> {
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
    if content_type.as_deref().is_some_and(|c| c.starts_with("multipart/form-data")) {
        let mut mp = Multipart::from_request(req, st).await.map_err(bad_multipart)?;
        let mut up = Upload::default();
        let mut seen_file = false;
        while let Some(mut field) = mp.next_field().await.map_err(bad_multipart)? {
            let name = field.name().unwrap_or("").to_string();
            match name.as_str() {
                "file" => {
                    seen_file = true;
                    up.name = field.file_name().map(str::to_string);
                    up.ext = extension_hint(field.content_type(), field.file_name());
                    while let Some(chunk) = field.chunk().await.map_err(bad_multipart)? {
                        if up.bytes.len() + chunk.len() > limit {
                            return Err(too_large(limit));
                        }
                        up.bytes.extend_from_slice(&chunk);
                    }
                }
                "title" | "artist" | "album" => {
                    let text = field.text().await.map_err(bad_multipart)?;
                    let text = check_tag(&name, &text)?;
                    let slot = match name.as_str() {
                        "title" => &mut up.tags.title,
                        "artist" => &mut up.tags.artist,
                        _ => &mut up.tags.album,
                    };
                    *slot = Some(text);
                }
                other => return Err(verr(other, "unknown multipart field; allowed: file, title, artist, album")),
            }
        }
        if !seen_file {
            return Err(verr("file", "missing multipart field `file` with the audio"));
        }
        return Ok(up);
    }
    let ext = extension_hint(content_type.as_deref(), None);
    let bytes = axum::body::to_bytes(req.into_body(), limit).await.map_err(|_| too_large(limit))?;
    Ok(Upload { bytes: bytes.to_vec(), ext, ..Upload::default() })
}

/// A title, artist or album: at most 512 characters, no control characters.
fn check_tag(field: &str, text: &str) -> Result<String, AppError> {
    let t = text.trim();
    if t.chars().count() > 512 || t.chars().any(char::is_control) {
        return Err(verr(field, "must be at most 512 characters without control characters"));
    }
    Ok(t.to_string())
}

/// One recognised track, as the API answers it.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct MatchBody {
    pub track_id: String,
    pub title: String,
    pub artist: String,
    pub album: String,
    /// Position of the query's start in the track, seconds.
    pub offset_s: f64,
    /// `0..=1`.
    pub confidence: f64,
    /// Matched landmark hashes in the best offset window.
    pub score: u32,
    /// `-log10` of the chance-match probability.
    pub significance: f64,
}

/// The answer of `POST /api/v1/recognize`.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct RecognizeResponse {
    /// The best match, or `null`.
    #[serde(rename = "match")]
    pub best: Option<MatchBody>,
    /// Other tracks that matched, most significant first.
    pub alternatives: Vec<MatchBody>,
    /// Time from the request's arrival to the answer, milliseconds.
    pub query_ms: f64,
    /// Seconds of audio in the query.
    pub duration_s: f64,
}

async fn match_bodies(st: &AppState, hits: &[Hit]) -> Result<Vec<MatchBody>, AppError> {
    let mut out = Vec::with_capacity(hits.len());
    for h in hits {
        // A track removed since the snapshot was taken has no row any more: not reported.
        if let Some(t) = st.inner.store.track(st.inner.recognition.catalogue.id(), &h.track_id).await? {
            out.push(MatchBody {
                track_id: h.track_id.clone(),
                title: t.title,
                artist: t.artist,
                album: t.album,
                offset_s: (h.offset_s * 1000.0).round() / 1000.0,
                confidence: h.confidence,
                score: h.score,
                significance: h.significance,
            });
        }
    }
    Ok(out)
}

/// Identify audio
///
/// The body is an audio file (raw, or multipart field `file`): WAV, FLAC, Ogg Vorbis, MP3,
/// AAC/ALAC in MP4/M4A, AIFF, CAF or Matroska/WebM with those codecs, at most the configured
/// duration (20 s by default) and size. Decoded and matched on a bounded worker pool; a full
/// pool answers 503 with `Retry-After`.
#[utoipa::path(post, path = "/api/v1/recognize", tag = "recognition",
    params(NotifyQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "audio file, or multipart/form-data with field `file`"),
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 200, description = "result (`match` is null when nothing matched)", body = RecognizeResponse),
        (status = 400, response = ErrorBody),
        (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody),
        (status = 413, response = ErrorBody),
        (status = 415, response = ErrorBody),
        (status = 422, response = ErrorBody),
        (status = 503, response = ErrorBody),
    ))]
pub async fn recognize(State(st): State<AppState>, auth: Authed, Query(n): Query<NotifyQuery>, req: Request) -> Result<Response, AppError> {
    allow(&st, &auth, "recognize")?;
    let t = Instant::now();
    let rec = &st.inner.recognition;
    let up = read_upload(&st, req, rec.max_query_bytes).await?;
    let r = rec.recognise(up.bytes, up.ext, &st.inner.metrics).await?;
    let mut bodies = match_bodies(&st, &r.result.hits).await?;
    let best = if bodies.is_empty() { None } else { Some(bodies.remove(0)) };
    let body = RecognizeResponse { best, alternatives: bodies, query_ms: t.elapsed().as_secs_f64() * 1000.0, duration_s: r.duration_s };
    if n.notify.unwrap_or(false) {
        let payload = serde_json::to_value(&body).unwrap_or(Value::Null);
        rec.webhooks.emit("recognition", &payload, &st.inner.metrics);
    }
    Ok(Json(body).into_response())
}

/// `POST /api/v1/recognize` query.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotifyQuery {
    /// `true`: send the result to the webhooks subscribed to `recognition` (after answering;
    /// never delays the answer).
    notify: Option<bool>,
}

/// Largest fingerprint body (a minute of audio is well under 100 KiB).
const MAX_FINGERPRINT_BYTES: usize = 1 << 20;

/// Identify a client-side fingerprint
///
/// The body is a fingerprint in the compact binary format of `resonance_io::fingerprint_wire`
/// (version 1, documented in docs/recognition-service.md): a few kilobytes instead of the
/// audio. Matched in one attempt per index segment (no dense look or speed search).
#[utoipa::path(post, path = "/api/v1/recognize/fingerprint", tag = "recognition",
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "fingerprint, format version 1"),
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 200, description = "result (`match` is null when nothing matched)", body = RecognizeResponse),
        (status = 400, response = ErrorBody),
        (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody),
        (status = 413, response = ErrorBody),
        (status = 422, response = ErrorBody),
        (status = 503, response = ErrorBody),
    ))]
pub async fn recognize_fingerprint(State(st): State<AppState>, auth: Authed, req: Request) -> Result<Response, AppError> {
    allow(&st, &auth, "recognize")?;
    let t = Instant::now();
    let bytes = axum::body::to_bytes(req.into_body(), MAX_FINGERPRINT_BYTES).await.map_err(|_| {
        AppError::rejected(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("a fingerprint is at most {MAX_FINGERPRINT_BYTES} bytes; fingerprint a shorter excerpt"),
        )
    })?;
    let r = st.inner.recognition.recognise_fingerprint(bytes.to_vec(), &st.inner.metrics).await?;
    let mut bodies = match_bodies(&st, &r.result.hits).await?;
    let best = if bodies.is_empty() { None } else { Some(bodies.remove(0)) };
    let body = RecognizeResponse { best, alternatives: bodies, query_ms: t.elapsed().as_secs_f64() * 1000.0, duration_s: r.duration_s };
    Ok(Json(body).into_response())
}

/// `GET /api/v1/tracks` query.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Case-insensitive text in the title, artist or album.
    q: Option<String>,
    /// Page size, 1..=500 (default 50).
    limit: Option<i64>,
    /// Tracks to skip (default 0).
    offset: Option<i64>,
}

/// List catalogue tracks (paginated, searchable)
#[utoipa::path(get, path = "/api/v1/tracks", tag = "recognition",
    params(ListQuery),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{tracks, total, limit, offset}`", body = Object), (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody), (status = 422, response = ErrorBody)))]
pub async fn list_tracks(State(st): State<AppState>, auth: Authed, Query(q): Query<ListQuery>) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    let limit = q.limit.unwrap_or(50);
    if !(1..=500).contains(&limit) {
        return Err(verr("limit", "must be 1..=500"));
    }
    let offset = q.offset.unwrap_or(0);
    if offset < 0 {
        return Err(verr("offset", "must be >= 0"));
    }
    let (tracks, total) =
        st.inner.store.list_tracks(st.inner.recognition.catalogue.id(), q.q.as_deref().filter(|s| !s.is_empty()), limit, offset).await?;
    Ok(Json(json!({"tracks": tracks, "total": total, "limit": limit, "offset": offset})).into_response())
}

/// Add a track to the catalogue
///
/// The body is the audio file (raw), or multipart with the audio in field `file` and optional
/// `title`, `artist`, `album`; tags missing there are read from the file. Visible to the next
/// query when answered.
#[utoipa::path(post, path = "/api/v1/tracks", tag = "recognition",
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "audio file, or multipart/form-data with `file`, `title`, `artist`, `album`"),
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 201, description = "the new track", body = TrackRow),
        (status = 400, response = ErrorBody),
        (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody),
        (status = 413, response = ErrorBody),
        (status = 415, response = ErrorBody),
        (status = 422, response = ErrorBody),
        (status = 503, response = ErrorBody),
    ))]
pub async fn add_track(State(st): State<AppState>, auth: Authed, req: Request) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    let rec = &st.inner.recognition;
    let up = read_upload(&st, req, rec.max_track_bytes).await?;
    let source = format!("upload:{}", up.name.as_deref().unwrap_or("body"));
    let track = rec.prepare_upload(up.bytes, up.ext, up.tags, source).await?;
    let mut rows = rec.add(&st.inner.store, &st.inner.metrics, vec![track]).await?;
    let row = rows.pop().ok_or_else(|| AppError::Internal("the track was not added; retry".into()))?;
    Ok((StatusCode::CREATED, Json(row)).into_response())
}

/// `POST /api/v1/tracks/import`.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "documents the body the handler validates")]
struct ImportRequest {
    /// A folder below the library root (relative to it, or absolute inside it).
    path: String,
}

/// Import a server folder below the library root
///
/// Every audio file below the folder (symbolic links are not followed) is decoded, hashed and
/// added, eight files per durable step; the answer lists what was added and what failed.
#[utoipa::path(post, path = "/api/v1/tracks/import", tag = "recognition",
    request_body = ImportRequest,
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 200, description = "`{added, failed, skipped}`", body = Object),
        (status = 400, response = ErrorBody),
        (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody),
        (status = 403, response = ErrorBody),
        (status = 422, response = ErrorBody),
        (status = 503, response = ErrorBody),
    ))]
pub async fn import_tracks(State(st): State<AppState>, auth: Authed, body: Result<Bytes, BytesRejection>) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let obj = v.as_object().ok_or_else(|| verr("(body)", "must be a JSON object"))?;
    if let Some(k) = obj.keys().find(|k| *k != "path") {
        return Err(verr(k, "unknown field; allowed: path"));
    }
    let requested = obj.get("path").and_then(Value::as_str).ok_or_else(|| verr("path", "required string"))?;
    let rec = &st.inner.recognition;
    let folder = rec.library_folder(requested)?;
    let root = rec.library_root.clone().and_then(|r| r.canonicalize().ok()).unwrap_or_default();
    let files = audio_files(&folder);
    let present: std::collections::HashSet<String> = st.inner.store.track_sources(rec.catalogue.id()).await?.into_iter().collect();
    let (mut added, mut failed, mut skipped) = (Vec::new(), Vec::new(), Vec::new());
    let (max_s, threads) = (rec.max_track_s, rec.import_threads);
    let started = Instant::now();
    let total = files.len();
    // Chunk k+1 is decoded and hashed while chunk k is written (rows, segment, manifest), so
    // the writes cost no decoding time; chunks are still added in order, one at a time.
    let mut ready: Vec<NewTrack> = Vec::new();
    for (n, chunk) in files.chunks(IMPORT_CHUNK).enumerate() {
        let mut todo: Vec<ImportFile> = Vec::new();
        for p in chunk {
            let rel = p.strip_prefix(&root).unwrap_or(p).to_string_lossy().into_owned();
            let source = format!("library:{rel}");
            if present.contains(&source) { skipped.push(rel) } else { todo.push((p.clone(), source, rel)) }
        }
        let prepare = rec.ingest.run(move || prepare_files(todo, max_s, threads));
        let write = rec.add(&st.inner.store, &st.inner.metrics, std::mem::take(&mut ready));
        let (prepared, written) = tokio::join!(prepare, write);
        added.extend(written?);
        let prepared = prepared.map_err(|_| AppError::RetryLater {
            status: StatusCode::SERVICE_UNAVAILABLE,
            reason: "busy",
            retry_after_s: 5,
            message: "another upload or import is running; retry after the Retry-After delay (files imported so far stay)".into(),
        })?;
        for (rel, r) in prepared {
            match r {
                Ok(t) => ready.push(t),
                Err(e) => failed.push(json!({"path": rel, "error": error_text(e)})),
            }
        }
        if (n + 1) % 16 == 0 {
            tracing::info!(
                "recognition import of {requested:?}: {} of {total} files done in {:.0} s",
                ((n + 1) * IMPORT_CHUNK).min(total),
                started.elapsed().as_secs_f64()
            );
        }
    }
    added.extend(rec.add(&st.inner.store, &st.inner.metrics, ready).await?);
    Ok(Json(json!({"added": added, "failed": failed, "skipped": skipped})).into_response())
}

fn error_text(e: AppError) -> String {
    match e {
        AppError::Rejected { message, .. } | AppError::RetryLater { message, .. } | AppError::Internal(message) => message,
        other => format!("{other:?}"),
    }
}

/// One catalogue track
#[utoipa::path(get, path = "/api/v1/tracks/{id}", tag = "recognition",
    params(("id" = String, Path)),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "the track", body = TrackRow), (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody), (status = 404, response = ErrorBody)))]
pub async fn get_track(State(st): State<AppState>, auth: Authed, Path(id): Path<String>) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    let t = st.inner.store.track(st.inner.recognition.catalogue.id(), &id).await?.ok_or_else(|| no_track(&id))?;
    Ok(Json(t).into_response())
}

fn no_track(id: &str) -> AppError {
    AppError::NotFound(format!("no track {id:?} in the catalogue; GET /api/v1/tracks lists them"))
}

/// `PATCH /api/v1/tracks/{id}`: any of the three.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "documents the body the handler validates")]
struct TrackPatch {
    title: Option<String>,
    artist: Option<String>,
    album: Option<String>,
}

/// Edit a track's title, artist or album
#[utoipa::path(patch, path = "/api/v1/tracks/{id}", tag = "recognition",
    params(("id" = String, Path)),
    request_body = TrackPatch,
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 200, description = "the track", body = TrackRow),
        (status = 400, response = ErrorBody),
        (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody),
        (status = 404, response = ErrorBody),
        (status = 422, response = ErrorBody),
    ))]
pub async fn patch_track(
    State(st): State<AppState>,
    auth: Authed,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let obj = v.as_object().ok_or_else(|| verr("(body)", "must be a JSON object"))?;
    let mut t: TrackRow = st.inner.store.track(st.inner.recognition.catalogue.id(), &id).await?.ok_or_else(|| no_track(&id))?;
    for (k, val) in obj {
        let text = val.as_str().ok_or_else(|| verr(k, "must be a string"))?;
        let text = check_tag(k, text)?;
        match k.as_str() {
            "title" if text.is_empty() => return Err(verr("title", "must not be empty")),
            "title" => t.title = text,
            "artist" => t.artist = text,
            "album" => t.album = text,
            _ => return Err(verr(k, "unknown field; allowed: title, artist, album")),
        }
    }
    if !st.inner.store.update_track(st.inner.recognition.catalogue.id(), &t).await? {
        return Err(no_track(&id));
    }
    Ok(Json(t).into_response())
}

/// Remove a track from the catalogue (the next query no longer finds it)
#[utoipa::path(delete, path = "/api/v1/tracks/{id}", tag = "recognition",
    params(("id" = String, Path)),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 204, description = "removed"), (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody), (status = 404, response = ErrorBody)))]
pub async fn delete_track(State(st): State<AppState>, auth: Authed, Path(id): Path<String>) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    if !st.inner.recognition.remove(&st.inner.store, &st.inner.metrics, &id).await? {
        return Err(no_track(&id));
    }
    Ok(Response::builder().status(StatusCode::NO_CONTENT).body(Body::empty()).unwrap_or_default())
}

/// Catalogue and index statistics
#[utoipa::path(get, path = "/api/v1/index/stats", tag = "recognition",
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{tracks, duration_s, postings, segments, generation, merges, workers, queue, in_flight}`", body = Object), (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody)))]
pub async fn index_stats(State(st): State<AppState>, auth: Authed) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    let rec = &st.inner.recognition;
    let snap = rec.catalogue.snapshot();
    let (workers, queue) = rec.queries.size();
    Ok(Json(json!({
        "tracks": snap.tracks(),
        "duration_s": (snap.duration_s() * 10.0).round() / 10.0,
        "postings": snap.postings(),
        "segments": snap.segments.len(),
        "generation": snap.generation,
        "merges": st.inner.metrics.catalogue_merges.load(std::sync::atomic::Ordering::Relaxed),
        "workers": workers,
        "queue": queue,
        "in_flight": rec.queries.in_flight(),
        "max_query_s": rec.max_query_s,
    }))
    .into_response())
}

fn no_webhook(id: &str) -> AppError {
    AppError::NotFound(format!("no webhook {id:?}; list them with GET /api/v1/webhooks"))
}

/// Register a webhook
///
/// `{"url": "https://HOST/PATH", "events": ["recognition", "now_playing", "ended"], "secret"?: "..."}`
/// (events default `["recognition"]`: API queries with `?notify=true`; `now_playing` and
/// `ended`: a live session's recognised track changing). The answer
/// holds the signing secret (random when not given), shown this once. Deliveries are signed
/// (`Resonance-Signature: v1=HEX`, HMAC-SHA256 of `"{Resonance-Timestamp}.{body}"`).
#[utoipa::path(post, path = "/api/v1/webhooks", tag = "recognition",
    security(("bearer" = []), ("basic" = [])),
    responses((status = 201, description = "registered, with its secret", body = crate::recognition::webhooks::Webhook), (status = 400, response = ErrorBody), (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody), (status = 422, response = ErrorBody)))]
pub async fn add_webhook(State(st): State<AppState>, auth: Authed, body: Result<Bytes, BytesRejection>) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let obj = v.as_object().ok_or_else(|| verr("(body)", "must be a JSON object"))?;
    if let Some(k) = obj.keys().find(|k| !matches!(k.as_str(), "url" | "events" | "secret")) {
        return Err(verr(k, "unknown field; allowed: url, events, secret"));
    }
    let url = obj.get("url").and_then(Value::as_str).ok_or_else(|| verr("url", "give the receiver's URL as a string"))?;
    let events = match obj.get("events") {
        None => vec!["recognition".to_string()],
        Some(Value::Array(a)) => {
            a.iter().map(|e| e.as_str().map(str::to_string).ok_or_else(|| verr("events", "must be strings"))).collect::<Result<_, _>>()?
        }
        Some(_) => return Err(verr("events", "must be an array of event names")),
    };
    let secret = match obj.get("secret") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(verr("secret", "must be a string")),
    };
    let wh = &st.inner.recognition.webhooks;
    if let Some(b) = st.inner.bound.get() {
        let _ = wh.own.set(*b);
    }
    let hook = wh.register(&st.inner.store, url, events, secret).await?;
    Ok((StatusCode::CREATED, Json(hook)).into_response())
}

/// List webhooks (without their secrets)
#[utoipa::path(get, path = "/api/v1/webhooks", tag = "recognition",
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{webhooks}`", body = Object), (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody)))]
pub async fn list_webhooks(State(st): State<AppState>, auth: Authed) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    Ok(Json(json!({"webhooks": st.inner.recognition.webhooks.list()})).into_response())
}

/// Delete a webhook (deliveries under way finish)
#[utoipa::path(delete, path = "/api/v1/webhooks/{id}", tag = "recognition",
    params(("id" = String, Path)),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 204, description = "deleted"), (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody), (status = 404, response = ErrorBody)))]
pub async fn delete_webhook(State(st): State<AppState>, auth: Authed, Path(id): Path<String>) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    if !st.inner.recognition.webhooks.delete(&st.inner.store, &id).await? {
        return Err(no_webhook(&id));
    }
    Ok(Response::builder().status(StatusCode::NO_CONTENT).body(Body::empty()).unwrap_or_default())
}

/// A webhook's recent deliveries and their status
///
/// Newest first: `pending`, `delivered`, `failed` (after its retries, or a 4xx) or `dropped`
/// (the queue was full), with attempts, the receiver's last status and the last error.
#[utoipa::path(get, path = "/api/v1/webhooks/{id}/deliveries", tag = "recognition",
    params(("id" = String, Path)),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "`{deliveries}`", body = Object), (status = 401, response = ErrorBody), (status = 403, response = ErrorBody), (status = 429, response = ErrorBody), (status = 404, response = ErrorBody)))]
pub async fn webhook_deliveries(State(st): State<AppState>, auth: Authed, Path(id): Path<String>) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    let wh = &st.inner.recognition.webhooks;
    if !wh.list().iter().any(|h| h.id == id) {
        return Err(no_webhook(&id));
    }
    Ok(Json(json!({"deliveries": wh.deliveries(&id, 200)})).into_response())
}
