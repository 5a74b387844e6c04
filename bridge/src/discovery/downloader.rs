//! The slskd-downloader job, in two steps per run:
//!
//! 1. **Follow** every live download: slskd's transfers of its files. All files
//!    `Completed, Succeeded` with every byte — and, when slskd's download folder is visible
//!    to the bridge (`slskd_downloads_dir`), each file there with its full size — marks the
//!    album downloaded; nothing less does. A failed transfer (errored, rejected, timed out,
//!    cancelled, short) or one without byte progress for `stall_s` is cancelled, the copy is
//!    remembered as tried, and the album goes back to the wishlist for the next-best copy on a
//!    later run (after `max_attempts`, failed). A download recorded but never confirmed (the
//!    bridge died around the enqueue) is checked against slskd: enqueued there → followed,
//!    absent → enqueued once more.
//! 2. **Start** up to `max_new_downloads` wishlist albums: search slskd (the search id is
//!    stored before the search starts, so a restarted run finds it again), rank the copies
//!    ([`score`](crate::discovery::score)), skip copies tried before, record the download and
//!    move the album to downloading in one transaction, then enqueue. A peer that refuses the
//!    enqueue moves on to the next copy.
//!
//! slskd unreachable: the run is skipped and the downloads are followed next time.

use std::time::Duration;

use crate::clients::http::ClientError;
use crate::clients::musicbrainz::Track;
use crate::clients::slskd::{SlskdClient, Transfer};
use crate::discovery::jobs::{Outcome, Run};
use crate::discovery::model::{Download, Item, Settings, now_ms, uuid};
use crate::discovery::score::rank;

fn storage(e: &crate::error::BridgeError) -> String {
    format!("storage failed: {e}")
}

/// Runs the downloader.
///
/// # Errors
/// A message when the run cannot go on (storage failure, slskd refusing the key).
pub async fn run(r: &Run) -> Result<Outcome, String> {
    let s = r.settings();
    if s.slskd_url.trim().is_empty() {
        return Ok(Outcome::Skipped("no slskd is set; set slskd_url and slskd_key in the discovery settings".into()));
    }
    let sk = SlskdClient::new(&s.slskd_url, s.slskd_key.as_deref().unwrap_or(""), Duration::from_secs(s.timeout_s));
    // one cheap call decides whether slskd is there at all
    match sk.search("00000000-0000-4000-8000-000000000000").await {
        Ok(_) | Err(ClientError::Rejected { .. }) => {}
        Err(e @ ClientError::Auth { .. }) => return Err(e.to_string()),
        Err(e) => return Ok(Outcome::Skipped(format!("slskd unreachable ({e}); downloads are retried next run"))),
    }
    for d in r.shared.store.downloads(true, 1000).await.map_err(|e| storage(&e))? {
        follow(r, &sk, &s, d).await?;
    }
    let items = r.shared.store.items(&["wishlist"], i64::from(s.max_new_downloads), 0).await.map_err(|e| storage(&e))?;
    for it in items {
        if let Err(e) = start(r, &sk, &s, &it).await {
            if e.starts_with("storage") {
                return Err(e);
            }
            r.count("errors");
            r.log(format!("{} — {}: {e}", it.artist, it.album)).await;
        }
    }
    Ok(Outcome::Ok)
}

/// The local copy check: each file in slskd's folder (`<folder>/<file>`) with its size.
fn files_on_disk(s: &Settings, d: &Download) -> Result<(), String> {
    let Some(dir) = &s.slskd_downloads_dir else { return Ok(()) };
    for (name, size) in &d.files {
        let mut parts = name.rsplit(['\\', '/']);
        let (file, folder) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let p = dir.join(folder).join(file);
        match std::fs::metadata(&p) {
            Ok(m) if m.len() == *size => {}
            Ok(m) => return Err(format!("{} has {} of {size} bytes", p.display(), m.len())),
            Err(_) => return Err(format!("{} is missing", p.display())),
        }
    }
    Ok(())
}

/// Follows one live download (see the module docs).
async fn follow(r: &Run, sk: &SlskdClient, s: &Settings, d: Download) -> Result<(), String> {
    let store = &r.shared.store;
    let transfers = match sk.downloads(&d.username).await {
        Ok(t) => t,
        Err(e) => {
            r.count("errors");
            r.log(format!("transfers of {}: {e}", d.username)).await;
            return Ok(());
        }
    };
    let mine: Vec<&Transfer> = d.files.iter().filter_map(|(f, _)| transfers.iter().find(|t| t.filename == *f)).collect();
    if mine.len() < d.files.len() {
        if d.state == "enqueuing" && mine.is_empty() {
            // recorded, never reached slskd (the bridge stopped around the enqueue): once more
            return match sk.enqueue(&d.username, &d.files).await {
                Ok(()) => {
                    store.update_download(&d.id, "enqueued", 0, None).await.map_err(|e| storage(&e))?;
                    r.log(format!("re-enqueued {} from {}", d.directory, d.username)).await;
                    Ok(())
                }
                Err(e) => fail(r, sk, s, &d, &[], &format!("enqueue failed: {e}")).await,
            };
        }
        return fail(r, sk, s, &d, &mine, "slskd no longer has the transfers").await;
    }
    let bytes: i64 = mine.iter().map(|t| t.bytes_transferred as i64).sum();
    if let Some(t) = mine.iter().find(|t| t.failed()) {
        let why = format!("{} ended {} at {} of {} bytes", t.filename, t.state, t.bytes_transferred, t.size);
        return fail(r, sk, s, &d, &mine, &why).await;
    }
    if mine.iter().all(|t| t.succeeded()) {
        if let Err(why) = files_on_disk(s, &d) {
            return fail(r, sk, s, &d, &mine, &format!("slskd says complete but {why}")).await;
        }
        store.update_download(&d.id, "downloaded", bytes, None).await.map_err(|e| storage(&e))?;
        store.transition(&d.item_key, &["downloading"], "downloaded", 0).await.map_err(|e| storage(&e))?;
        r.shared.metrics.discovery.downloads_done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        r.count("downloaded");
        r.log(format!("downloaded {} from {} ({bytes} bytes, verified)", d.directory, d.username)).await;
        r.shared.publish(
            serde_json::json!({"type": "discovery_download", "id": d.id, "state": "downloaded", "bytes": bytes, "total": d.total}),
        );
        return Ok(());
    }
    let stalled = bytes <= d.bytes && now_ms() - d.progress_ms > s.stall_s as i64 * 1000;
    if stalled {
        return fail(r, sk, s, &d, &mine, &format!("no progress for {} s", s.stall_s)).await;
    }
    store.update_download(&d.id, "enqueued", bytes, None).await.map_err(|e| storage(&e))?;
    r.count("in_progress");
    r.shared.publish(serde_json::json!({"type": "discovery_download", "id": d.id, "state": "enqueued", "bytes": bytes, "total": d.total}));
    Ok(())
}

/// Ends a download as failed: cancels what is left in slskd, puts the album back on the
/// wishlist (or marks it failed after `max_attempts`).
async fn fail(r: &Run, sk: &SlskdClient, s: &Settings, d: &Download, mine: &[&Transfer], why: &str) -> Result<(), String> {
    for t in mine.iter().filter(|t| !t.succeeded()) {
        let _ = sk.cancel(&d.username, &t.id).await;
    }
    let store = &r.shared.store;
    store.update_download(&d.id, "failed", d.bytes, Some(why)).await.map_err(|e| storage(&e))?;
    let attempts = store.item(&d.item_key).await.map_err(|e| storage(&e))?.map_or(0, |i| i.attempts) + 1;
    let to = if attempts >= i64::from(s.max_attempts) { "failed" } else { "wishlist" };
    store.transition(&d.item_key, &["downloading"], to, 1).await.map_err(|e| storage(&e))?;
    r.shared.metrics.discovery.downloads_failed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    r.count("download_failed");
    r.log(format!("download of {} from {} failed: {why}; album back to {to}", d.directory, d.username)).await;
    r.shared.publish(serde_json::json!({"type": "discovery_download", "id": d.id, "state": "failed", "error": why}));
    Ok(())
}

/// The release's track list (MusicBrainz, once per album: stored with it).
async fn tracks(r: &Run, s: &Settings, it: &Item, stored: Option<String>) -> Vec<Track> {
    if let Some(t) = stored.and_then(|t| serde_json::from_str(&t).ok()) {
        return t;
    }
    let Some(rgid) = &it.rgid else { return Vec::new() };
    match r.shared.musicbrainz(s).tracks(rgid).await {
        Ok(t) => {
            let _ = r.shared.store.set_item_search(&it.key, None, Some(&serde_json::to_string(&t).unwrap_or_default())).await;
            t
        }
        Err(e) => {
            r.log(format!("track list of {} — {}: {e}; scoring without it", it.artist, it.album)).await;
            Vec::new()
        }
    }
}

/// Searches, ranks and enqueues the best untried copy of a wishlist album.
async fn start(r: &Run, sk: &SlskdClient, s: &Settings, it: &Item) -> Result<(), String> {
    let store = &r.shared.store;
    let (search_id, stored_tracks) = store.item_search(&it.key).await.map_err(|e| storage(&e))?;
    let tracks = tracks(r, s, it, stored_tracks).await;
    let id = match search_id {
        Some(id) if sk.search(&id).await.is_ok() => id,
        _ => {
            let id = uuid();
            store.set_item_search(&it.key, Some(&id), None).await.map_err(|e| storage(&e))?;
            let text = format!("{} {}", it.artist, it.album);
            sk.start_search(&id, &text, s.search_wait_s * 1000).await.map_err(|e| format!("search failed: {e}"))?;
            r.count("searches");
            id
        }
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(s.search_wait_s);
    loop {
        match sk.search(&id).await {
            Ok(x) if x.done() => break,
            Ok(_) if tokio::time::Instant::now() >= deadline => break,
            Ok(_) => tokio::time::sleep(Duration::from_millis(s.poll_ms)).await,
            Err(e) => return Err(format!("search failed: {e}")),
        }
    }
    let responses = sk.responses(&id).await.map_err(|e| format!("search responses: {e}"))?;
    let _ = sk.delete_search(&id).await;
    store.set_item_search(&it.key, None, None).await.map_err(|e| storage(&e))?;
    let tried = store.tried(&it.key).await.map_err(|e| storage(&e))?;
    let ranked: Vec<_> = rank(&responses, &it.artist, &it.album, &tracks)
        .into_iter()
        .filter(|c| !tried.contains(&format!("{}|{}", c.username, c.directory)))
        .collect();
    if ranked.is_empty() {
        r.count("no_copy");
        r.log(format!("{} — {}: no matching copy among {} peers; tried again next run", it.artist, it.album, responses.len())).await;
        return Ok(());
    }
    for c in ranked.into_iter().take(3) {
        let total: u64 = c.files.iter().map(|f| f.1).sum();
        let now = now_ms();
        let d = Download {
            id: uuid(),
            item_key: it.key.clone(),
            username: c.username.clone(),
            directory: c.directory.clone(),
            files: c.files.clone(),
            state: "enqueuing".into(),
            bytes: 0,
            total: total as i64,
            error: None,
            created_ms: now,
            updated_ms: now,
            progress_ms: now,
        };
        if !store.begin_download(&d).await.map_err(|e| storage(&e))? {
            return Ok(()); // no longer on the wishlist (rejected or taken meanwhile)
        }
        match sk.enqueue(&c.username, &c.files).await {
            Ok(()) => {
                store.update_download(&d.id, "enqueued", 0, None).await.map_err(|e| storage(&e))?;
                r.count("enqueued");
                r.log(format!("enqueued {} from {} (score {:.1}: {})", c.directory, c.username, c.score, c.why)).await;
                r.shared.publish(
                    serde_json::json!({"type": "discovery_download", "id": d.id, "state": "enqueued", "bytes": 0, "total": total}),
                );
                return Ok(());
            }
            Err(e) => {
                store.update_download(&d.id, "failed", 0, Some(&e.to_string())).await.map_err(|e| storage(&e))?;
                store.transition(&it.key, &["downloading"], "wishlist", 0).await.map_err(|e| storage(&e))?;
                r.count("enqueue_refused");
                r.log(format!("{} refused the enqueue ({e}); next copy", c.username)).await;
            }
        }
    }
    Ok(())
}
