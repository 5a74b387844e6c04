//! The clip API: `GET /play` (list), `POST /play` (add), `GET /play/{id}/stream`,
//! `GET /play/{id}/stats`, `PATCH` and `DELETE /play/{id}`, `POST /play/{id}/fire` (on air)
//! (docs/clips.md).
//!
//! Mutations need an API key (a key created with scopes needs `manage`). Listing, streaming
//! and stats need none while `--clips-public` is on (the default), and a key otherwise.
//! Uploads are read by the handler itself, streamed to a temporary file with their own limit
//! (`--clip-max-bytes`), not the bridge's 16 KiB JSON limit.

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt as _;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::allow;
use crate::auth::extract::Authed;
use crate::auth::keys::key_from_header;
use crate::clips::service::{bad_id, check_title, is_id, is_slug, no_clip, parse_tags, view};
use crate::clips::store::{ClipRow, ListQuery, Sort};
use crate::clips::stream::{Plan, content_range, plan};
use crate::clock::now_ms;
use crate::error::{AppError, ErrorBody, RejectReason};
use crate::extract::{json_body, verr};
use crate::recognition::audio::extension_hint;
use crate::state::AppState;

/// Bytes read from a clip file per chunk of a stream.
const STREAM_CHUNK: usize = 256 * 1024;

/// The clip routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_clips, add_clip))
        .routes(routes!(clip_stats))
        .routes(routes!(stream_clip))
        .routes(routes!(patch_clip, delete_clip))
        .routes(routes!(fire_clip))
        .layer(DefaultBodyLimit::disable())
}

/// Listing, streaming and stats: free while the library is public, else an active key.
fn read_access(st: &AppState, headers: &HeaderMap) -> Result<(), AppError> {
    if st.inner.clips.config.public {
        return Ok(());
    }
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or(AppError::Unauthorized("this clip library is private (--clips-public false); send `Authorization: Bearer KEY`"))?;
    let key = value
        .to_str()
        .ok()
        .and_then(key_from_header)
        .ok_or(AppError::Unauthorized("malformed Authorization header; use `Bearer KEY` or HTTP Basic with the key as password"))?;
    let key_id = st.inner.keys.check(&key).ok_or(AppError::Unauthorized("unknown or revoked API key"))?;
    allow(st, &Authed { key_id }, "manage")
}

/// The clip id of a path, checked before any lookup (`../..`, `%00`, 10 kB → 400).
fn clip_id(path: Result<Path<String>, PathRejection>) -> Result<String, AppError> {
    match path {
        Ok(Path(id)) if is_id(&id) => Ok(id),
        Ok(Path(id)) => Err(bad_id(&id)),
        Err(e) => Err(bad_id(&e.body_text())),
    }
}

async fn row(st: &AppState, id: &str) -> Result<ClipRow, AppError> {
    st.inner.store.clip(id).await?.ok_or_else(|| no_clip(id))
}

/// `GET /play` query.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only clips with this tag.
    tag: Option<String>,
    /// Case-insensitive text in the title or slug.
    q: Option<String>,
    /// `plays` (most played first), `added` (newest first, the default) or `title` (A to Z).
    sort: Option<String>,
    /// `desc` or `asc`: `asc` reverses the sort's natural direction.
    order: Option<String>,
    /// Page size, 1..=500 (default 50).
    limit: Option<i64>,
    /// Clips to skip (default 0).
    offset: Option<i64>,
}

/// List clips (paginated; filter by tag, search, sort by plays, added or title)
#[utoipa::path(get, path = "/play", tag = "clips",
    params(ListParams),
    responses((status = 200, description = "`{clips, total, limit, offset}`", body = Object), (status = 401, response = ErrorBody), (status = 422, response = ErrorBody)))]
pub async fn list_clips(State(st): State<AppState>, headers: HeaderMap, Query(q): Query<ListParams>) -> Result<Response, AppError> {
    read_access(&st, &headers)?;
    let limit = q.limit.unwrap_or(50);
    if !(1..=500).contains(&limit) {
        return Err(verr("limit", "must be 1..=500"));
    }
    let offset = q.offset.unwrap_or(0);
    if offset < 0 {
        return Err(verr("offset", "must be >= 0"));
    }
    let sort = match q.sort.as_deref().unwrap_or("added") {
        "plays" => Sort::Plays,
        "added" => Sort::Added,
        "title" => Sort::Title,
        _ => return Err(verr("sort", "must be plays, added or title")),
    };
    let reverse = match q.order.as_deref() {
        None => false,
        Some("desc") => sort == Sort::Title,
        Some("asc") => sort != Sort::Title,
        Some(_) => return Err(verr("order", "must be asc or desc")),
    };
    let tag = q.tag.as_deref().filter(|t| !t.is_empty()).map(str::to_ascii_lowercase);
    if q.q.as_deref().is_some_and(|s| s.chars().count() > 200) {
        return Err(verr("q", "at most 200 characters"));
    }
    let lq = ListQuery { tag: tag.as_deref(), search: q.q.as_deref().filter(|s| !s.is_empty()), sort, reverse, limit, offset };
    let (rows, total) = st.inner.store.list_clips(&lq).await?;
    let clips: Vec<Value> = rows.iter().map(view).collect();
    Ok(Json(json!({"clips": clips, "total": total, "limit": limit, "offset": offset})).into_response())
}

fn bad_multipart(e: impl std::fmt::Display) -> AppError {
    AppError::rejected(
        StatusCode::BAD_REQUEST,
        "bad_json",
        format!("malformed multipart body ({e}); send field `file` with the audio, and `title`, `tags`"),
    )
}

/// Add a clip (multipart: `file`, `title`, `tags`)
///
/// The audio in field `file` (WAV, FLAC, Ogg Vorbis, MP3, AAC/ALAC in MP4/M4A, AIFF, CAF,
/// Matroska/WebM), an optional `title` (default: the file name) and `tags` (comma-separated
/// or repeated). The whole file is decoded and measured before it is stored; the same file
/// twice is stored once (the second upload answers 200 with the existing clip and
/// `"duplicate": true`).
#[utoipa::path(post, path = "/play", tag = "clips",
    request_body(content = Vec<u8>, content_type = "multipart/form-data", description = "`file` (audio), `title`, `tags`"),
    security(("bearer" = []), ("basic" = [])),
    responses(
        (status = 201, description = "the new clip", body = Object),
        (status = 200, description = "the clip that already holds this file (`duplicate: true`)", body = Object),
        (status = 400, response = ErrorBody), (status = 401, response = ErrorBody), (status = 403, response = ErrorBody),
        (status = 413, response = ErrorBody), (status = 415, response = ErrorBody), (status = 422, response = ErrorBody),
        (status = 503, response = ErrorBody), (status = 507, response = ErrorBody),
    ))]
pub async fn add_clip(State(st): State<AppState>, auth: Authed, req: Request) -> Result<Response, AppError> {
    allow(&st, &auth, "manage")?;
    let clips = &st.inner.clips;
    let is_multipart =
        req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|c| c.starts_with("multipart/form-data"));
    if !is_multipart {
        return Err(AppError::rejected(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not_audio",
            "send multipart/form-data with the audio in field `file` (and `title`, `tags`)",
        ));
    }
    let mut mp = Multipart::from_request(req, &st).await.map_err(bad_multipart)?;
    let (mut upload, mut name, mut title, mut tags) = (None, None, None, Vec::new());
    while let Some(mut field) = mp.next_field().await.map_err(bad_multipart)? {
        match field.name().unwrap_or("") {
            "file" => {
                if upload.is_some() {
                    return Err(verr("file", "send one file per upload"));
                }
                name = field.file_name().map(str::to_string);
                let ext = extension_hint(field.content_type(), field.file_name()).unwrap_or_else(|| "bin".into());
                let mut up = clips.begin_upload(&ext).await?;
                while let Some(chunk) = field.chunk().await.map_err(bad_multipart)? {
                    up.append(&chunk).await?;
                }
                upload = Some(up.finish().await?);
            }
            "title" => title = Some(check_title(&field.text().await.map_err(bad_multipart)?)?),
            "tags" => tags.push(field.text().await.map_err(bad_multipart)?),
            other => return Err(verr(other, "unknown multipart field; allowed: file, title, tags")),
        }
    }
    let (temp, bytes, sha) = upload.ok_or_else(|| verr("file", "missing multipart field `file` with the audio"))?;
    let tags = parse_tags(tags.iter().map(String::as_str))?;
    let stem = name.as_deref().and_then(|n| std::path::Path::new(n).file_stem()).map(|s| s.to_string_lossy().into_owned());
    let title = match title {
        Some(t) => t,
        None => check_title(&stem.unwrap_or_else(|| "clip".into()).chars().take(200).collect::<String>()).unwrap_or_else(|_| "clip".into()),
    };
    let source = format!("upload:{}", name.as_deref().unwrap_or("file").chars().take(200).collect::<String>());
    let clip = clips.measure(temp, bytes, sha, title, tags, source).await?;
    let (row, duplicate) = clips.add(&st.inner.store, clip).await?;
    let mut v = view(&row);
    v["duplicate"] = json!(duplicate);
    if duplicate {
        return Ok(Json(v).into_response());
    }
    st.inner.metrics.clips.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    st.publish(None, &json!({"type": "clip_added", "clip": v}));
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// A clip's play count and metadata
#[utoipa::path(get, path = "/play/{id}/stats", tag = "clips",
    params(("id" = String, Path, description = "`clp_` and 16 hex digits")),
    responses((status = 200, description = "`{id, play_count, listens, on_air_plays, last_played_ms, duration_s, format, loudness, mood, tags, ...}`", body = Object),
        (status = 400, response = ErrorBody), (status = 401, response = ErrorBody), (status = 404, response = ErrorBody)))]
pub async fn clip_stats(
    State(st): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    let id = clip_id(path)?;
    read_access(&st, &headers)?;
    Ok(Json(view(&row(&st, &id).await?)).into_response())
}

/// `GET /play/{id}/stream` query.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StreamParams {
    /// `false`: do not count this request as a play (previews, waveforms, engines fetching a
    /// clip to play it on air).
    count: Option<bool>,
}

/// Stream a clip (Range, ETag, If-None-Match, If-Range); counts one play per playback
///
/// A GET that delivers byte 0 and more than 2 bytes counts one play (a 200, or a 206 from
/// byte 0); seeks (206 from elsewhere), `bytes=0-1` probes, HEAD, 304 and 416 do not, nor
/// `?count=false`.
#[utoipa::path(get, path = "/play/{id}/stream", tag = "clips",
    params(("id" = String, Path, description = "`clp_` and 16 hex digits"), StreamParams),
    responses(
        (status = 200, description = "the whole file", content_type = "audio/*"),
        (status = 206, description = "one range of it, with `Content-Range`"),
        (status = 304, description = "the client's copy is current"),
        (status = 400, response = ErrorBody), (status = 401, response = ErrorBody), (status = 404, response = ErrorBody),
        (status = 410, response = ErrorBody), (status = 416, description = "no requested range is in the file; `Content-Range: bytes */LEN`"),
    ))]
pub async fn stream_clip(
    State(st): State<AppState>,
    method: Method,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    Query(q): Query<StreamParams>,
) -> Result<Response, AppError> {
    let id = clip_id(path)?;
    read_access(&st, &headers)?;
    let c = row(&st, &id).await?;
    let blob = st.inner.clips.blobs.path(&c.sha256);
    let file = match tokio::fs::File::open(&blob).await {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(AppError::rejected(
                StatusCode::GONE,
                "blob_missing",
                format!("clip {id}'s file is missing from the data directory ({}); delete the clip and upload it again", blob.display()),
            ));
        }
        Err(e) => return Err(AppError::Internal(format!("cannot open clip {id}'s file {} ({e})", blob.display()))),
    };
    let len = u64::try_from(c.bytes).unwrap_or(0);
    let etag = format!("\"sha256:{}\"", c.sha256);
    let decision = plan(&headers, &etag, len);
    let mut b = Response::builder()
        .header(header::ETAG, &etag)
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::CACHE_CONTROL, if st.inner.clips.config.public { "public, no-cache" } else { "private, no-cache" });
    let (status, start, n) = match decision {
        Plan::NotModified => return Ok(b.status(StatusCode::NOT_MODIFIED).body(Body::empty()).unwrap_or_default()),
        Plan::Unsatisfiable => {
            let mut r = b
                .status(StatusCode::RANGE_NOT_SATISFIABLE)
                .header(header::CONTENT_RANGE, format!("bytes */{len}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(
                    json!({"error": "bad_range", "message": format!("the requested range is outside clip {id}, which is {len} bytes long")})
                        .to_string(),
                ))
                .unwrap_or_default();
            r.extensions_mut().insert(RejectReason("bad_range"));
            return Ok(r);
        }
        Plan::Full => (StatusCode::OK, 0, len),
        Plan::Partial { start, end } => {
            b = b.header(header::CONTENT_RANGE, content_range(start, end, len));
            (StatusCode::PARTIAL_CONTENT, start, end - start + 1)
        }
    };
    if method == Method::GET && q.count != Some(false) && decision.counts_as_play(len) {
        count_listen(&st, &id).await?;
    }
    let ext = crate::clips::measure::extension_of(&c.content_type);
    b = b
        .status(status)
        .header(
            header::CONTENT_TYPE,
            HeaderValue::from_str(&c.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")),
        )
        .header(header::CONTENT_LENGTH, n)
        .header(header::CONTENT_DISPOSITION, format!("inline; filename=\"{}.{ext}\"", c.slug))
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    if method == Method::HEAD {
        return Ok(b.body(Body::empty()).unwrap_or_default());
    }
    Ok(b.body(body(&st, file, start, n).await?).unwrap_or_default())
}

/// Counts one listen and tells the page the new counts.
async fn count_listen(st: &AppState, id: &str) -> Result<(), AppError> {
    if let Some((listens, on_air)) = st.inner.store.count_listen(id, now_ms()).await? {
        st.inner.metrics.clip_listens.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        st.publish(
            None,
            &json!({"type": "clip_counts", "id": id, "listens": listens, "on_air_plays": on_air, "play_count": listens + on_air}),
        );
    }
    Ok(())
}

/// Decrements the active-streams gauge when a stream's body is dropped (sent or aborted).
struct ActiveStream(std::sync::Arc<crate::metrics::Metrics>);

impl Drop for ActiveStream {
    fn drop(&mut self) {
        self.0.clip_streams_active.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    }
}

/// `n` bytes of `file` from `start`, read in [`STREAM_CHUNK`]s, each counted in
/// `resonance_bridge_clip_bytes_streamed_total` as it is handed to the connection.
async fn body(st: &AppState, mut file: tokio::fs::File, start: u64, n: u64) -> Result<Body, AppError> {
    use tokio::io::{AsyncReadExt as _, AsyncSeekExt as _};
    file.seek(std::io::SeekFrom::Start(start)).await.map_err(|e| AppError::Internal(format!("cannot read a clip file ({e})")))?;
    let metrics = st.inner.metrics.clone();
    metrics.clip_streams_active.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let guard = ActiveStream(metrics);
    let stream = futures_util::stream::unfold((Some(file), n, guard), |(file, left, g)| async move {
        let mut file = file?;
        if left == 0 {
            return None;
        }
        let mut buf = vec![0u8; STREAM_CHUNK.min(usize::try_from(left).unwrap_or(STREAM_CHUNK))];
        match file.read(&mut buf).await {
            Ok(0) => {
                let e = std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "the clip file is shorter than its row says");
                Some((Err(e), (None, 0, g)))
            }
            Ok(k) => {
                buf.truncate(k);
                g.0.clip_bytes_streamed.fetch_add(k as u64, std::sync::atomic::Ordering::Relaxed);
                Some((Ok(Bytes::from(buf)), (Some(file), left - k as u64, g)))
            }
            Err(e) => Some((Err(e), (None, 0, g))),
        }
    });
    Ok(Body::from_stream(stream.boxed()))
}

/// `PATCH /play/{id}`: any of these.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "documents the body the handler validates")]
struct ClipPatch {
    title: Option<String>,
    /// `[a-z0-9-]{1,64}`, unique: the name rules, MIDI maps and OSC use.
    slug: Option<String>,
    /// Replaces the tags.
    tags: Option<Vec<String>>,
}

/// Edit a clip's title, slug or tags
#[utoipa::path(patch, path = "/play/{id}", tag = "clips",
    params(("id" = String, Path)),
    request_body = ClipPatch,
    security(("bearer" = []), ("basic" = [])),
    responses((status = 200, description = "the clip", body = Object), (status = 400, response = ErrorBody), (status = 401, response = ErrorBody),
        (status = 403, response = ErrorBody), (status = 404, response = ErrorBody), (status = 422, response = ErrorBody)))]
pub async fn patch_clip(
    State(st): State<AppState>,
    auth: Authed,
    path: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    let id = clip_id(path)?;
    allow(&st, &auth, "manage")?;
    let (v, _) = json_body(body, st.inner.config.body_limit)?;
    let obj = v.as_object().ok_or_else(|| verr("(body)", "must be a JSON object"))?;
    let mut c = row(&st, &id).await?;
    for (k, val) in obj {
        match k.as_str() {
            "title" => c.title = check_title(val.as_str().ok_or_else(|| verr("title", "must be a string"))?)?,
            "slug" => {
                let s = val.as_str().ok_or_else(|| verr("slug", "must be a string"))?;
                if !is_slug(s) {
                    return Err(verr("slug", "must be 1..=64 of a-z, 0-9 and -, not starting with clp_"));
                }
                c.slug = s.to_string();
            }
            "tags" => {
                let list = val.as_array().ok_or_else(|| verr("tags", "must be an array of strings"))?;
                let texts = list
                    .iter()
                    .map(|t| t.as_str().ok_or_else(|| verr("tags", "must be an array of strings")))
                    .collect::<Result<Vec<_>, _>>()?;
                c.tags = parse_tags(texts)?;
            }
            _ => return Err(verr(k, "unknown field; allowed: title, slug, tags")),
        }
    }
    let c = st.inner.clips.edit(&st.inner.store, c).await?;
    let v = view(&c);
    st.publish(None, &json!({"type": "clip_updated", "clip": v}));
    Ok(Json(v).into_response())
}

/// Delete a clip (its file too, unless another clip holds the same file)
///
/// A stream already open goes on to its end; the clip's row, tags and play log are gone.
#[utoipa::path(delete, path = "/play/{id}", tag = "clips",
    params(("id" = String, Path)),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 204, description = "deleted"), (status = 400, response = ErrorBody), (status = 401, response = ErrorBody),
        (status = 403, response = ErrorBody), (status = 404, response = ErrorBody)))]
pub async fn delete_clip(
    State(st): State<AppState>,
    auth: Authed,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    let id = clip_id(path)?;
    allow(&st, &auth, "manage")?;
    if st.inner.clips.delete(&st.inner.store, &id).await?.is_none() {
        return Err(no_clip(&id));
    }
    st.inner.metrics.clips.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    st.publish(None, &json!({"type": "clip_removed", "id": id}));
    Ok(Response::builder().status(StatusCode::NO_CONTENT).body(Body::empty()).unwrap_or_default())
}

/// Fire a clip on air
///
/// Body (all optional): `{"session": "default", "quantize": "immediate"|"beat"|"bar"|"phrase"
/// (default `beat`), "gain_db": 0}`. Sends the clip to every engine of the session; each
/// fetches it, decodes it off its audio thread and plays it on the music's next beat (or bar,
/// or at once), ducked under commentary like a stinger. Answers 202 with the fire's id; the
/// on-air play is counted when an engine reports the clip scheduled (`clip_on_air` on the
/// WebSocket). 409 `no_engine` when no engine is listening for the session.
#[utoipa::path(post, path = "/play/{id}/fire", tag = "clips",
    params(("id" = String, Path)),
    security(("bearer" = []), ("basic" = [])),
    responses((status = 202, description = "`{fire_id, session, engines, quantize, gain_db}`", body = Object),
        (status = 400, response = ErrorBody), (status = 401, response = ErrorBody), (status = 403, response = ErrorBody),
        (status = 404, response = ErrorBody), (status = 409, response = ErrorBody), (status = 422, response = ErrorBody)))]
pub async fn fire_clip(
    State(st): State<AppState>,
    auth: Authed,
    path: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    let id = clip_id(path)?;
    allow(&st, &auth, "manage")?;
    let (mut session, mut quantize, mut gain_db) = ("default".to_string(), resonance_engine::Quantize::Beat, 0.0f32);
    let empty = body.as_ref().is_ok_and(|b| b.iter().all(u8::is_ascii_whitespace));
    if !empty {
        let (v, _) = json_body(body, st.inner.config.body_limit)?;
        let obj = v.as_object().ok_or_else(|| verr("(body)", "must be a JSON object"))?;
        for (k, val) in obj {
            match k.as_str() {
                "session" => {
                    let s = val.as_str().ok_or_else(|| verr("session", "must be a string"))?;
                    if !crate::osc::is_valid_session_name(s) {
                        return Err(verr("session", "must be 1..=64 characters of A-Z, a-z, 0-9, '_', '-', '.'"));
                    }
                    s.clone_into(&mut session);
                }
                "quantize" => {
                    let q = val.as_str().ok_or_else(|| verr("quantize", "must be a string"))?;
                    quantize = crate::osc::parse_quantize(q).ok_or_else(|| verr("quantize", "must be immediate, beat, bar or phrase"))?;
                }
                "gain_db" => {
                    gain_db = val
                        .as_f64()
                        .filter(|g| (-60.0..=24.0).contains(g))
                        .ok_or_else(|| verr("gain_db", "must be a number in -60..=24"))? as f32;
                }
                _ => return Err(verr(k, "unknown field; allowed: session, quantize, gain_db")),
            }
        }
    }
    let c = row(&st, &id).await?;
    let fired = st.fire_clip(&session, &c, quantize, gain_db, "http");
    if fired.engines == 0 {
        return Err(AppError::Rejected {
            status: StatusCode::CONFLICT,
            reason: "no_engine",
            message: format!(
                "no engine is listening for session {session:?}: start `resonance live --session {session}` (or `resonance up`) against this bridge, or name another session"
            ),
        });
    }
    Ok((StatusCode::ACCEPTED, Json(serde_json::to_value(&fired).unwrap_or_default())).into_response())
}
