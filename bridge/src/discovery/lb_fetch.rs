//! The lb-fetch job: the ListenBrainz user's recommended recordings and the tracks of the
//! playlists created for them (one more call per playlist) → MusicBrainz: each recording's
//! album (release group), year and cover → the pending queue (manual mode) or the wishlist
//! (auto). Recordings and playlists already processed are skipped; a recording whose lookup
//! failed for a passing reason is not marked, so the next run tries it again. A failed call is
//! logged and the job goes on with the next item.

use std::collections::HashSet;
use std::time::Duration;

use crate::clients::http::ClientError;
use crate::clients::listenbrainz::ListenBrainzClient;
use crate::clients::musicbrainz::{best_release_group, cover_url};
use crate::discovery::jobs::{Outcome, Run};
use crate::discovery::model::Item;

/// A recording to look up: mbid, score 0..1, cover when the source gave one, why.
struct Wanted {
    mbid: String,
    score: f64,
    cover: Option<String>,
    why: String,
}

fn storage(e: &crate::error::BridgeError) -> String {
    format!("storage failed: {e}")
}

/// Runs lb-fetch.
///
/// # Errors
/// A message when the run cannot go on (unknown user, storage failure).
pub async fn run(r: &Run) -> Result<Outcome, String> {
    let s = r.settings();
    let user = s.lb_user.trim().to_string();
    if user.is_empty() {
        return Ok(Outcome::Skipped("no ListenBrainz user is set; set lb_user in the discovery settings".into()));
    }
    let lb = ListenBrainzClient::new(&s.listenbrainz_url, s.lb_token.clone(), Duration::from_secs(s.timeout_s));
    let mut wanted = Vec::new();
    let no_user = || format!("ListenBrainz user {user} does not exist; check lb_user in the discovery settings");
    match lb.recommendations(&user, s.lb_count).await {
        Ok(v) if v.is_empty() => r.log(format!("no recommendations yet for {user}")).await,
        Ok(v) => {
            let max = v.iter().map(|x| x.score).fold(f64::MIN_POSITIVE, f64::max);
            r.log(format!("{} recommended recordings", v.len())).await;
            wanted.extend(v.into_iter().map(|x| Wanted {
                mbid: x.recording_mbid,
                score: (x.score / max).clamp(0.0, 1.0),
                cover: None,
                why: "recommended by ListenBrainz".into(),
            }));
        }
        Err(ClientError::Rejected { status: 404, .. }) => return Err(no_user()),
        Err(e) => {
            r.count("errors");
            r.log(format!("recommendations failed: {e}")).await;
        }
    }
    let playlists = playlists(r, &lb, &user, &s.lb_playlists, &mut wanted).await?;
    let errors = lookup(r, wanted).await?;
    if errors == 0 {
        for p in playlists {
            r.shared.store.mark_processed(&format!("lb:pl:{p}")).await.map_err(|e| storage(&e))?;
        }
    }
    Ok(Outcome::Ok)
}

/// Adds the tracks of the wanted created-for playlists not processed yet; their ids.
async fn playlists(
    r: &Run,
    lb: &ListenBrainzClient,
    user: &str,
    patches: &[String],
    wanted: &mut Vec<Wanted>,
) -> Result<Vec<String>, String> {
    let mut done = Vec::new();
    let lists = match lb.created_for(user).await {
        Ok(l) => l,
        Err(ClientError::Rejected { status: 404, .. }) => {
            return Err(format!("ListenBrainz user {user} does not exist; check lb_user in the discovery settings"));
        }
        Err(e) => {
            r.count("errors");
            r.log(format!("created-for playlists failed: {e}")).await;
            return Ok(done);
        }
    };
    for p in lists.into_iter().filter(|p| patches.contains(&p.source_patch)) {
        if r.shared.store.processed(&format!("lb:pl:{}", p.mbid)).await.map_err(|e| storage(&e))? {
            r.count("playlists_already_processed");
            continue;
        }
        match lb.playlist(&p.mbid).await {
            Ok(tracks) => {
                r.log(format!("playlist {:?}: {} tracks", p.title, tracks.len())).await;
                r.count("playlists");
                wanted.extend(tracks.into_iter().map(|t| Wanted {
                    mbid: t.recording_mbid,
                    score: 0.5,
                    cover: t.cover_url,
                    why: format!("in {}", p.title),
                }));
                done.push(p.mbid);
            }
            Err(e) => {
                r.count("errors");
                r.log(format!("playlist {:?} failed: {e}", p.title)).await;
            }
        }
    }
    Ok(done)
}

/// Looks each recording up and proposes its album; the number of passing failures.
async fn lookup(r: &Run, wanted: Vec<Wanted>) -> Result<usize, String> {
    let s = r.settings();
    let mb = r.shared.musicbrainz(&s);
    let mut seen = HashSet::new();
    let mut errors = 0;
    for w in wanted {
        if !seen.insert(w.mbid.clone()) {
            continue;
        }
        let pk = format!("lb:rec:{}", w.mbid);
        if r.shared.store.processed(&pk).await.map_err(|e| storage(&e))? {
            r.count("already_processed");
            continue;
        }
        match mb.recording(&w.mbid).await {
            Ok(rec) => {
                if let Some((g, _)) = best_release_group(&rec) {
                    let album = g.title.clone();
                    let it = Item {
                        key: g.id.clone(),
                        rgid: Some(g.id.clone()),
                        artist: rec.artist.clone(),
                        album: album.clone(),
                        year: g.year(),
                        cover_url: w.cover.or_else(|| Some(cover_url(&s.coverart_url, &g.id))),
                        state: String::new(),
                        score: w.score,
                        source: "listenbrainz".into(),
                        similar_to: Vec::new(),
                        reason: format!("{}: {}", w.why, rec.title),
                        attempts: 0,
                        created_ms: 0,
                        updated_ms: 0,
                    };
                    if r.propose(it).await.map_err(|e| storage(&e))? {
                        r.log(format!("proposed {} — {album} ({})", rec.artist, w.why)).await;
                    }
                    r.shared.store.mark_processed(&pk).await.map_err(|e| storage(&e))?;
                } else {
                    r.count("no_release_group");
                    r.log(format!("recording {} ({}) is on no album in MusicBrainz; skipped", w.mbid, rec.title)).await;
                    r.shared.store.mark_processed(&pk).await.map_err(|e| storage(&e))?;
                }
            }
            Err(ClientError::Rejected { status: 404, .. }) => {
                r.count("not_found");
                r.log(format!("recording {} is not in MusicBrainz; skipped", w.mbid)).await;
                r.shared.store.mark_processed(&pk).await.map_err(|e| storage(&e))?;
            }
            Err(e) => {
                errors += 1;
                r.count("errors");
                r.shared.metrics.discovery.service_errors.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                r.log(format!("recording {}: {e}; tried again next run", w.mbid)).await;
            }
        }
    }
    Ok(errors)
}
