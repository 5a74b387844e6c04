//! The catalog-discovery job: the artists of the user's Subsonic library (plus, when the
//! setting is on, artists recognised on air and of tracks the user labelled) → Last.fm
//! `artist.getSimilar` for each → similarity summed over the seeds (an artist similar to
//! several library artists ranks higher), artists already in the library dropped → the best
//! `catalog_top` → their albums from MusicBrainz (newest first, no compilations or live
//! albums) → the pending queue or the wishlist. Subsonic unreachable: the run is skipped; an
//! invalid Last.fm key stops it; a rate limit longer than the client waits out stops asking
//! Last.fm for this run (what was gathered is used); any other failed call is logged and the
//! job goes on.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use crate::clients::http::ClientError;
use crate::clients::lastfm::LastfmClient;
use crate::clients::musicbrainz::{ReleaseGroup, cover_url};
use crate::clients::subsonic::{Settings as SubsonicSettings, SubsonicClient};
use crate::discovery::jobs::{Outcome, Run};
use crate::discovery::model::{Item, norm};

/// A candidate artist: name, MusicBrainz id if known, summed similarity, seeds it is like.
#[derive(Debug, Default)]
struct Cand {
    name: String,
    mbid: Option<String>,
    score: f64,
    similar_to: Vec<String>,
    on_air_only: bool,
}

fn storage(e: &crate::error::BridgeError) -> String {
    format!("storage failed: {e}")
}

/// The seeds: library artists (weight 1) and, with the setting, on-air and labelled artists
/// (weight 0.5, remembered across restarts); the library as normalised names.
async fn seeds(r: &Run, library: &[String], on_air: bool) -> Result<Vec<(String, f64, bool)>, String> {
    let mut out: Vec<(String, f64, bool)> = library.iter().map(|a| (a.clone(), 1.0, false)).collect();
    if !on_air {
        return Ok(out);
    }
    let store = &r.shared.store;
    for a in r.shared.on_air() {
        store.add_seed(&norm(&a), &a, "on-air").await.map_err(|e| storage(&e))?;
    }
    for m in store.moods().await.map_err(|e| storage(&e))? {
        if m.mood.source == crate::library::mood::MoodSource::User && !m.artist.is_empty() {
            store.add_seed(&norm(&m.artist), &m.artist, "labelled").await.map_err(|e| storage(&e))?;
        }
    }
    let mut have: HashSet<String> = library.iter().map(|a| norm(a)).collect();
    for (a, _) in store.seeds().await.map_err(|e| storage(&e))? {
        if have.insert(norm(&a)) {
            out.push((a, 0.5, true));
        }
    }
    Ok(out)
}

/// Runs catalog-discovery.
///
/// # Errors
/// A message when the run cannot go on (invalid Last.fm key, storage failure).
pub async fn run(r: &Run) -> Result<Outcome, String> {
    let s = r.settings();
    let Some(key) = s.lastfm_key.clone().filter(|k| !k.trim().is_empty()) else {
        return Ok(Outcome::Skipped("no Last.fm API key is set; set lastfm_key in the discovery settings".into()));
    };
    let timeout = Duration::from_secs(s.timeout_s);
    let stored = r.shared.store.library_setting("subsonic").await.map_err(|e| storage(&e))?;
    let sub = match stored.map(|v| r.shared.vault.open_value("subsonic", &v)) {
        Some(Ok(plain)) => serde_json::from_str::<SubsonicSettings>(&plain).ok(),
        Some(Err(e)) => return Ok(Outcome::Skipped(format!("the library's Subsonic settings do not open: {e}"))),
        None => None,
    };
    let Some(sub) = sub else {
        return Ok(Outcome::Skipped("no Subsonic server is set; connect one in the library settings".into()));
    };
    let artists = match SubsonicClient::new(sub, timeout) {
        Ok(c) => c.artists().await,
        Err(e) => Err(e),
    };
    let library: Vec<String> = match artists {
        Ok(a) => a.into_iter().map(|a| a.name).filter(|n| !n.trim().is_empty()).collect(),
        Err(e) => return Ok(Outcome::Skipped(format!("Subsonic unreachable ({e}); the catalog run is skipped until next time"))),
    };
    r.log(format!("{} library artists", library.len())).await;
    let seeds = seeds(r, &library, s.on_air_seeds).await?;
    let in_library: HashSet<String> = library.iter().map(|a| norm(a)).collect();
    let lastfm = LastfmClient::new(&s.lastfm_url, &key, timeout);
    let mut agg: HashMap<String, Cand> = HashMap::new();
    for (seed, weight, on_air) in &seeds {
        match lastfm.similar(seed, s.similar_limit).await {
            Ok(list) => {
                r.count("seeds");
                for a in list {
                    let n = norm(&a.name);
                    if n.is_empty() || in_library.contains(&n) {
                        continue;
                    }
                    let c = agg.entry(n).or_insert_with(|| Cand { name: a.name.clone(), on_air_only: true, ..Cand::default() });
                    c.score += a.score * weight;
                    c.mbid = c.mbid.take().or(a.mbid);
                    c.similar_to.push(seed.clone());
                    c.on_air_only &= *on_air;
                }
            }
            Err(e @ ClientError::Auth { .. }) => return Err(e.to_string()),
            Err(e @ ClientError::RateLimited { .. }) => {
                // waited out and retried already when short; a longer wait ends the asking for this run
                r.count("errors");
                r.log(format!("similar artists of {seed}: {e}; the remaining seeds wait for the next run")).await;
                break;
            }
            Err(e) => {
                r.count("errors");
                r.log(format!("similar artists of {seed}: {e}")).await;
            }
        }
    }
    let mut cands: Vec<Cand> = agg.into_values().collect();
    cands.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.name.cmp(&b.name)));
    cands.truncate(s.catalog_top as usize);
    let max = cands.first().map_or(1.0, |c| c.score.max(f64::MIN_POSITIVE));
    r.log(format!("{} candidate artists", cands.len())).await;
    for c in cands {
        albums_of(r, c, max).await?;
    }
    Ok(Outcome::Ok)
}

/// Finds the candidate in MusicBrainz and proposes its newest albums.
async fn albums_of(r: &Run, c: Cand, max: f64) -> Result<(), String> {
    let s = r.settings();
    let mb = r.shared.musicbrainz(&s);
    let mbid = match c.mbid.clone() {
        Some(m) => m,
        None => match mb.search_artist(&c.name).await {
            Ok(hits) => {
                let Some(h) = hits.into_iter().find(|h| h.score >= 95 && norm(&h.name) == norm(&c.name)) else {
                    r.count("artist_not_found");
                    r.log(format!("{} is not in MusicBrainz; skipped", c.name)).await;
                    return Ok(());
                };
                h.id
            }
            Err(e) => {
                r.count("errors");
                r.log(format!("MusicBrainz search for {}: {e}", c.name)).await;
                return Ok(());
            }
        },
    };
    let mut albums: Vec<ReleaseGroup> = match mb.albums(&mbid).await {
        Ok(a) => a,
        Err(e) => {
            r.count("errors");
            r.log(format!("albums of {}: {e}", c.name)).await;
            return Ok(());
        }
    };
    albums.retain(|g| g.secondary_types.is_empty() && g.primary_type.as_deref().is_none_or(|t| t == "Album"));
    albums.sort_by(|a, b| b.first_release_date.cmp(&a.first_release_date));
    let mut like = c.similar_to.clone();
    like.dedup();
    let reason = match like.len() {
        0 => String::new(),
        1 => format!("similar to {}", like[0]),
        n => format!("similar to {} and {}", like[..n - 1].join(", "), like[n - 1]),
    };
    for g in albums.into_iter().take(s.albums_per_artist as usize) {
        let it = Item {
            key: g.id.clone(),
            rgid: Some(g.id.clone()),
            artist: c.name.clone(),
            album: g.title.clone(),
            year: g.year(),
            cover_url: Some(cover_url(&s.coverart_url, &g.id)),
            state: String::new(),
            score: (c.score / max).clamp(0.0, 1.0),
            source: if c.on_air_only { "on-air".into() } else { "catalog".into() },
            similar_to: like.clone(),
            reason: reason.clone(),
            attempts: 0,
            created_ms: 0,
            updated_ms: 0,
        };
        if r.propose(it).await.map_err(|e| storage(&e))? {
            r.log(format!("proposed {} — {} ({reason})", c.name, g.title)).await;
        }
    }
    Ok(())
}
