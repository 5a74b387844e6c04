//! A fake slskd (`/api/v0/`) on 127.0.0.1: searches under the caller's id (in progress on
//! the first poll, then `Completed, Succeeded`), scripted peers answering searches whose text
//! names their album, downloads that progress one step per poll (`Queued, Remotely` →
//! `InProgress` → `Completed, Succeeded`, writing the file into a downloads folder) or fail
//! (`Completed, Errored`), stall at half, or refuse the enqueue (peer offline, 500). It
//! counts enqueues per (user, file) so tests can assert nothing is downloaded twice. Every
//! request needs the API key (`X-API-Key`, checked before the routes; 401 without it).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use serde_json::{Value, json};

use crate::clients::fakekit::{Fake, Faults, Shared, lock};

/// What a peer's transfers do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    /// Queued, in progress, completed with every byte (the file is written).
    Complete,
    /// Queued, in progress, then `Completed, Errored`.
    Fail,
    /// Stays `InProgress` at half the bytes.
    Stall,
    /// The enqueue answers 500 (the peer is offline).
    Offline,
    /// Claims `Completed, Succeeded` with fewer bytes than the file has.
    Short,
}

/// A peer sharing one album folder.
#[derive(Clone, Debug)]
pub struct FakePeer {
    pub username: String,
    /// Searches whose text contains this (case-insensitive) get this peer's files.
    pub matches: String,
    /// The remote folder, e.g. `@@music\\Artist\\Album (1997) [FLAC]`.
    pub directory: String,
    /// (file name, size in bytes, length in s, bit rate in kbit/s for lossy files).
    pub files: Vec<(String, u64, u32, Option<u32>)>,
    pub upload_speed: u64,
    pub free_slot: bool,
    pub queue_length: u64,
    pub behaviour: Behaviour,
}

#[derive(Debug, Clone)]
struct Xfer {
    id: String,
    username: String,
    filename: String,
    size: u64,
    step: u32,
}

#[derive(Debug, Default)]
struct Db {
    key: String,
    peers: Vec<FakePeer>,
    /// search id → (text, polls).
    searches: HashMap<String, (String, u32)>,
    xfers: Vec<Xfer>,
    enqueues: HashMap<(String, String), usize>,
    downloads_dir: PathBuf,
    next: u64,
}

/// A running fake slskd.
#[derive(Debug)]
pub struct FakeSlskd {
    fake: Fake<Db>,
}

impl FakeSlskd {
    /// A fake with API key `key` that writes completed files under `downloads_dir`.
    pub async fn start(key: &str, downloads_dir: PathBuf) -> Self {
        let routes = Router::new()
            .route("/api/v0/searches", post(start_search))
            .route("/api/v0/searches/{id}", get(get_search).delete(delete_search))
            .route("/api/v0/searches/{id}/responses", get(responses))
            .route("/api/v0/transfers/downloads/{user}", post(enqueue).get(user_downloads))
            .route("/api/v0/transfers/downloads/{user}/{id}", delete(cancel));
        Self { fake: Fake::spawn(Db { key: key.into(), downloads_dir, ..Db::default() }, routes, authed).await }
    }

    pub fn url(&self) -> String {
        self.fake.url()
    }

    pub fn faults(&self) -> &Arc<Faults> {
        self.fake.faults()
    }

    pub fn add_peer(&self, p: FakePeer) {
        self.fake.db().peers.push(p);
    }

    /// Changes what a peer's transfers do from now on.
    pub fn set_behaviour(&self, username: &str, b: Behaviour) {
        for p in &mut self.fake.db().peers {
            if p.username == username {
                p.behaviour = b;
            }
        }
    }

    /// How many times each (user, remote file) was enqueued.
    pub fn enqueues(&self) -> HashMap<(String, String), usize> {
        self.fake.db().enqueues.clone()
    }

    /// Searches started (ids).
    pub fn searches(&self) -> usize {
        self.fake.db().searches.len()
    }
}

/// The API key check before every request.
fn authed(db: &mut Db, h: &HeaderMap) -> Option<Response> {
    (h.get("x-api-key").and_then(|v| v.to_str().ok()) != Some(db.key.as_str())).then(|| (StatusCode::UNAUTHORIZED, "").into_response())
}

async fn start_search(State(db): State<Shared<Db>>, axum::Json(body): axum::Json<Value>) -> Response {
    let mut d = lock(&db);
    let id = body["id"].as_str().unwrap_or("").to_string();
    let text = body["searchText"].as_str().unwrap_or("").to_string();
    if id.is_empty() || text.is_empty() {
        return (StatusCode::BAD_REQUEST, "id and searchText are required").into_response();
    }
    if d.searches.contains_key(&id) {
        return (StatusCode::CONFLICT, "a search with this id exists").into_response();
    }
    d.searches.insert(id.clone(), (text.clone(), 0));
    axum::Json(json!({"id": id, "searchText": text, "state": "InProgress", "isComplete": false, "responseCount": 0, "fileCount": 0,
        "lockedFileCount": 0, "startedAt": "2026-12-07T00:00:00Z", "token": 1}))
    .into_response()
}

fn hits<'a>(d: &'a Db, text: &str) -> Vec<&'a FakePeer> {
    let t = text.to_lowercase();
    d.peers.iter().filter(|p| t.contains(&p.matches.to_lowercase())).collect()
}

async fn get_search(State(db): State<Shared<Db>>, Path(id): Path<String>) -> Response {
    let mut d = lock(&db);
    let Some((text, polls)) = d.searches.get_mut(&id) else { return (StatusCode::NOT_FOUND, "").into_response() };
    *polls += 1;
    let (text, done) = (text.clone(), *polls > 1);
    let n = hits(&d, &text).len();
    let state = if done { "Completed, Succeeded" } else { "InProgress" };
    axum::Json(json!({"id": id, "searchText": text, "state": state, "isComplete": done, "responseCount": n, "fileCount": 0,
        "lockedFileCount": 0, "startedAt": "2026-12-07T00:00:00Z", "token": 1}))
    .into_response()
}

async fn delete_search(Path(_id): Path<String>) -> Response {
    // keeps the id (the test counts searches); slskd forgets it
    StatusCode::NO_CONTENT.into_response()
}

async fn responses(State(db): State<Shared<Db>>, Path(id): Path<String>) -> Response {
    let d = lock(&db);
    let Some((text, _)) = d.searches.get(&id) else { return (StatusCode::NOT_FOUND, "").into_response() };
    let out: Vec<Value> = hits(&d, text)
        .iter()
        .map(|p| {
            let files: Vec<Value> = p
                .files
                .iter()
                .map(|(name, size, len, br)| {
                    let ext = name.rsplit('.').next().unwrap_or("").to_lowercase();
                    json!({"filename": format!("{}\\{name}", p.directory), "size": size, "code": 1, "extension": ext, "bitRate": br,
                        "bitDepth": if br.is_none() { Some(16) } else { None }, "sampleRate": 44_100, "length": len,
                        "isVariableBitRate": false, "isLocked": false})
                })
                .collect();
            json!({"username": p.username, "token": 1, "fileCount": files.len(), "lockedFileCount": 0, "hasFreeUploadSlot": p.free_slot,
                "uploadSpeed": p.upload_speed, "queueLength": p.queue_length, "files": files, "lockedFiles": []})
        })
        .collect();
    axum::Json(Value::Array(out)).into_response()
}

async fn enqueue(State(db): State<Shared<Db>>, Path(user): Path<String>, axum::Json(body): axum::Json<Value>) -> Response {
    let mut d = lock(&db);
    if d.peers.iter().any(|p| p.username == user && p.behaviour == Behaviour::Offline) {
        return (StatusCode::INTERNAL_SERVER_ERROR, format!("Failed to establish a connection to {user}")).into_response();
    }
    for f in body.as_array().into_iter().flatten() {
        let filename = f["filename"].as_str().unwrap_or("").to_string();
        let size = f["size"].as_u64().unwrap_or(0);
        *d.enqueues.entry((user.clone(), filename.clone())).or_default() += 1;
        d.next += 1;
        let id = format!("00000000-0000-4000-8000-{:012}", d.next);
        d.xfers.retain(|x| !(x.username == user && x.filename == filename));
        d.xfers.push(Xfer { id, username: user.clone(), filename, size, step: 0 });
    }
    StatusCode::CREATED.into_response()
}

/// Advances the user's transfers one step and answers the per-user shape.
async fn user_downloads(State(db): State<Shared<Db>>, Path(user): Path<String>) -> Response {
    let mut d = lock(&db);
    let behaviour = d.peers.iter().find(|p| p.username == user).map_or(Behaviour::Complete, |p| p.behaviour);
    let dir = d.downloads_dir.clone();
    let mut dirs: HashMap<String, Vec<Value>> = HashMap::new();
    for x in d.xfers.iter_mut().filter(|x| x.username == user) {
        if x.step < 3 && !(behaviour == Behaviour::Stall && x.step == 1) {
            x.step += 1;
        }
        let (state, bytes) = match x.step {
            0 => ("Queued, Remotely", 0),
            1 => ("InProgress", x.size / 2),
            2 => ("InProgress", x.size * 3 / 4),
            _ => match behaviour {
                Behaviour::Fail => ("Completed, Errored", x.size / 2),
                Behaviour::Short => ("Completed, Succeeded", x.size.saturating_sub(1)),
                _ => ("Completed, Succeeded", x.size),
            },
        };
        if state == "Completed, Succeeded" {
            let mut parts = x.filename.rsplit('\\');
            let (file, folder) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            let p = dir.join(folder).join(file);
            if !p.exists() {
                let _ = std::fs::create_dir_all(dir.join(folder));
                let _ = std::fs::write(&p, vec![0u8; usize::try_from(bytes).unwrap_or(0)]);
            }
        }
        let folder = x.filename.rsplit_once('\\').map_or("", |(a, _)| a).to_string();
        let pct = if x.size == 0 { 0.0 } else { bytes as f64 * 100.0 / x.size as f64 };
        dirs.entry(folder).or_default().push(json!({"id": x.id, "username": x.username, "direction": "Download",
            "filename": x.filename, "size": x.size, "startOffset": 0, "state": state, "requestedAt": "2026-12-07T00:00:00",
            "bytesTransferred": bytes, "averageSpeed": 1000.0, "bytesRemaining": x.size - bytes, "percentComplete": pct}));
    }
    if dirs.is_empty() {
        return (StatusCode::NOT_FOUND, "").into_response();
    }
    let directories: Vec<Value> =
        dirs.into_iter().map(|(k, files)| json!({"directory": k, "fileCount": files.len(), "files": files})).collect();
    axum::Json(json!({"username": user, "directories": directories})).into_response()
}

async fn cancel(State(db): State<Shared<Db>>, Path((user, id)): Path<(String, String)>) -> Response {
    let mut d = lock(&db);
    d.xfers.retain(|x| !(x.username == user && x.id == id));
    StatusCode::NO_CONTENT.into_response()
}
