//! Import and export of the plain files other discovery tools keep, so a user can migrate:
//!
//! * `pending_queue.json`: `{"pending": [...], "approved": [...], "rejected": [...]}`, each
//!   entry an object with at least `artist` and `album` (optional `release_group_mbid`/`rgid`/
//!   `mbid`, `score`, `source`, `similar_to`, `cover_url`, `year`; unknown fields ignored) or a
//!   string `"Artist - Album"`. Approved entries go on the wishlist.
//! * `wishlist.txt`: lines `a:"Artist - Album"`; blank and `#` lines are skipped, other
//!   prefixes counted as ignored.
//! * `downloaded.json`: a JSON array of `"Artist - Album"` strings or such objects.
//! * `processed.json`, `catalog_*.json`: JSON arrays of strings (or objects, kept as their
//!   JSON): remembered as processed so the jobs skip them, and written back by export.
//!
//! Import is idempotent and follows the store's rules: an album already known is not added
//! again, and a rejection always wins (an imported rejected album is rejected even if it was
//! pending or on the wishlist). Every malformed entry is reported with where it is.

use std::path::Path;

use serde_json::{Value, json};

use crate::discovery::model::{Item, norm_key};
use crate::error::BridgeError;
use crate::store::Store;

/// What an import did with one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct FileReport {
    pub file: String,
    /// Albums added (or processed keys remembered).
    pub added: usize,
    /// Entries already known (nothing changed), or lines ignored.
    pub known: usize,
    /// Albums rejected by this import that were pending or wished before.
    pub rejected_now: usize,
    /// Entries that could not be read: where and why.
    pub bad: Vec<String>,
}

/// An entry as (artist, album, rgid, extra fields).
fn entry(v: &Value) -> Option<(String, String, Option<String>, Value)> {
    match v {
        Value::String(s) => {
            let (a, b) = s.split_once(" - ")?;
            let (a, b) = (a.trim(), b.trim());
            (!a.is_empty() && !b.is_empty()).then(|| (a.to_string(), b.to_string(), None, Value::Null))
        }
        Value::Object(o) => {
            let text = |k: &str| o.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(String::from);
            let artist = text("artist")?;
            let album = text("album").or_else(|| text("title"))?;
            let rgid = text("release_group_mbid").or_else(|| text("rgid")).or_else(|| text("mbid"));
            Some((artist, album, rgid, v.clone()))
        }
        _ => None,
    }
}

async fn add(store: &Store, v: &Value, state: &str, source: &str, r: &mut FileReport, at: &str) -> Result<(), BridgeError> {
    let Some((artist, album, rgid, extra)) = entry(v) else {
        r.bad.push(format!("{at}: {} is neither \"Artist - Album\" nor an object with artist and album", short(v)));
        return Ok(());
    };
    let norm = norm_key(&artist, &album);
    let key = rgid.clone().unwrap_or_else(|| format!("norm:{norm}"));
    let it = Item {
        key: key.clone(),
        rgid,
        artist,
        album,
        year: extra["year"].as_i64().map(|y| y as i32),
        cover_url: extra["cover_url"].as_str().map(String::from),
        state: state.into(),
        score: extra["score"].as_f64().unwrap_or(0.5).clamp(0.0, 1.0),
        source: extra["source"].as_str().unwrap_or(source).to_string(),
        similar_to: serde_json::from_value(extra["similar_to"].clone()).unwrap_or_default(),
        reason: format!("imported from {}", r.file),
        attempts: 0,
        created_ms: crate::discovery::model::now_ms(),
        updated_ms: crate::discovery::model::now_ms(),
    };
    if store.propose(&it, &norm).await? {
        r.added += 1;
    } else if state == "rejected" && store.reject_known(&key, &norm).await? {
        r.rejected_now += 1;
    } else {
        r.known += 1;
    }
    Ok(())
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 { format!("{}…", s.chars().take(60).collect::<String>()) } else { s }
}

/// Imports one file (its kind from its name).
///
/// # Errors
/// [`BridgeError::Config`] for a file name that is none of the formats or a file that is not
/// the JSON it should be; [`BridgeError::Storage`].
pub async fn import(store: &Store, name: &str, text: &str) -> Result<FileReport, BridgeError> {
    let mut r = FileReport { file: name.to_string(), ..FileReport::default() };
    let json = || -> Result<Value, BridgeError> {
        serde_json::from_str(text).map_err(|e| BridgeError::Config(format!("{name} is not valid JSON ({e}); fix or leave out that file")))
    };
    if name == "pending_queue.json" {
        let v = json()?;
        for (list, state) in [("pending", "pending"), ("approved", "wishlist"), ("rejected", "rejected")] {
            for (i, e) in v[list].as_array().into_iter().flatten().enumerate() {
                add(store, e, state, "import", &mut r, &format!("{list}[{i}]")).await?;
            }
        }
    } else if name == "wishlist.txt" {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.strip_prefix("a:") {
                Some(q) if q.len() >= 2 && q.starts_with('"') && q.ends_with('"') => {
                    add(store, &Value::String(q[1..q.len() - 1].to_string()), "wishlist", "import", &mut r, &format!("line {}", n + 1))
                        .await?;
                }
                Some(_) => r.bad.push(format!("line {}: expected a:\"Artist - Album\"", n + 1)),
                None => r.known += 1,
            }
        }
    } else if name == "downloaded.json" {
        let v = json()?;
        let Some(a) = v.as_array() else { return Err(BridgeError::Config(format!("{name} must be a JSON array"))) };
        for (i, e) in a.iter().enumerate() {
            add(store, e, "downloaded", "import", &mut r, &format!("[{i}]")).await?;
        }
    } else if name == "processed.json"
        || (name.starts_with("catalog_") && Path::new(name).extension().is_some_and(|e| e.eq_ignore_ascii_case("json")))
    {
        let v = json()?;
        let Some(a) = v.as_array() else { return Err(BridgeError::Config(format!("{name} must be a JSON array"))) };
        for e in a {
            let s = e.as_str().map_or_else(|| e.to_string(), String::from);
            let key = format!("legacy:{name}:{s}");
            if store.processed(&key).await? {
                r.known += 1;
            } else {
                store.mark_processed(&key).await?;
                r.added += 1;
            }
        }
    } else {
        return Err(BridgeError::Config(format!(
            "{name} is not a file discovery can import; give pending_queue.json, wishlist.txt, processed.json, downloaded.json or catalog_*.json"
        )));
    }
    Ok(r)
}

fn line(i: &Item) -> String {
    format!("{} - {}", i.artist, i.album)
}

fn obj(i: &Item) -> Value {
    json!({"artist": i.artist, "album": i.album, "release_group_mbid": i.rgid, "score": i.score, "source": i.source,
        "similar_to": i.similar_to, "cover_url": i.cover_url, "year": i.year})
}

/// Writes `name` in `dir` through a temporary file and a rename (never a half file).
fn write(dir: &Path, name: &str, body: &str) -> Result<(), BridgeError> {
    let tmp = dir.join(format!(".{name}.part"));
    std::fs::write(&tmp, body).and_then(|()| std::fs::rename(&tmp, dir.join(name))).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        BridgeError::Config(format!("cannot write {} ({e}); check the folder", dir.join(name).display()))
    })
}

/// Exports everything into `dir` in the same formats; the files written with their entry counts.
///
/// # Errors
/// [`BridgeError::Config`] when a file cannot be written; [`BridgeError::Storage`].
pub async fn export(store: &Store, dir: &Path) -> Result<Vec<(String, usize)>, BridgeError> {
    std::fs::create_dir_all(dir).map_err(|e| BridgeError::Config(format!("cannot create {} ({e})", dir.display())))?;
    let all = |states: &'static [&'static str]| store.items(states, i64::MAX, 0);
    let pending = all(&["pending"]).await?;
    let approved = all(&["wishlist", "downloading", "failed"]).await?;
    let rejected = all(&["rejected"]).await?;
    let downloaded = all(&["downloaded"]).await?;
    let mut out = Vec::new();
    let q = json!({"pending": pending.iter().map(obj).collect::<Vec<_>>(), "approved": approved.iter().map(obj).collect::<Vec<_>>(),
        "rejected": rejected.iter().map(obj).collect::<Vec<_>>()});
    write(dir, "pending_queue.json", &serde_json::to_string_pretty(&q).unwrap_or_default())?;
    out.push(("pending_queue.json".to_string(), pending.len() + approved.len() + rejected.len()));
    let wish = approved.iter().filter(|i| i.state == "wishlist").fold(String::new(), |mut w, i| {
        w.push_str("a:\"");
        w.push_str(&line(i));
        w.push_str("\"\n");
        w
    });
    write(dir, "wishlist.txt", &wish)?;
    out.push(("wishlist.txt".to_string(), wish.lines().count()));
    let d: Vec<String> = downloaded.iter().map(line).collect();
    write(dir, "downloaded.json", &serde_json::to_string_pretty(&d).unwrap_or_default())?;
    out.push(("downloaded.json".to_string(), d.len()));
    let mut files: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    files.entry("processed.json".into()).or_default();
    for k in store.processed_keys().await? {
        match k.strip_prefix("legacy:").and_then(|r| r.split_once(':')) {
            Some((file, v)) => files.entry(file.to_string()).or_default().push(v.to_string()),
            None => files.entry("processed.json".into()).or_default().push(k),
        }
    }
    for (f, v) in files {
        write(dir, &f, &serde_json::to_string_pretty(&v).unwrap_or_default())?;
        out.push((f, v.len()));
    }
    Ok(out)
}
