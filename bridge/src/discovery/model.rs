//! Discovery's types: the settings (mode, services, intervals), a proposed album and its
//! states, a download, the three jobs' names, and the normalised key that makes the same
//! album the same item whatever the source spelled it like.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Where proposals land: the pending queue (the user decides) or straight on the wishlist.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    Manual,
    Auto,
}

/// How often each job runs, seconds (at least 60).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Intervals {
    pub lb_fetch_s: u64,
    pub catalog_discovery_s: u64,
    pub slskd_downloader_s: u64,
}

impl Default for Intervals {
    fn default() -> Self {
        Self { lb_fetch_s: 6 * 3600, catalog_discovery_s: 7 * 86_400, slskd_downloader_s: 3600 }
    }
}

/// Discovery's settings (stored as one JSON value; secrets are write-only through the API).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Settings {
    pub mode: Mode,
    /// Tracks recognised on air and tracks the user labelled seed catalog-discovery too.
    pub on_air_seeds: bool,
    pub listenbrainz_url: String,
    /// The ListenBrainz user whose recommendations are fetched (empty: lb-fetch skips).
    pub lb_user: String,
    pub lb_token: Option<String>,
    /// Created-for playlists taken (their `source_patch`).
    pub lb_playlists: Vec<String>,
    pub lb_count: u32,
    pub musicbrainz_url: String,
    /// Contact (e-mail or URL) in the User-Agent MusicBrainz asks for.
    pub mb_contact: String,
    pub coverart_url: String,
    pub lastfm_url: String,
    pub lastfm_key: Option<String>,
    /// Similar artists asked per library artist.
    pub similar_limit: u32,
    /// Candidate artists kept per catalog run (best aggregate similarity first).
    pub catalog_top: u32,
    /// Albums proposed per candidate artist (newest first).
    pub albums_per_artist: u32,
    /// slskd's address (empty: the downloader skips).
    pub slskd_url: String,
    pub slskd_key: Option<String>,
    /// slskd's download folder when the bridge can see it: completed files are checked there.
    #[schema(value_type = Option<String>)]
    pub slskd_downloads_dir: Option<PathBuf>,
    /// New downloads started per downloader run.
    pub max_new_downloads: u32,
    /// How long a search may take, seconds.
    pub search_wait_s: u64,
    /// Poll interval of searches, milliseconds.
    pub poll_ms: u64,
    /// A transfer without byte progress this long is cancelled and the next copy tried, seconds.
    pub stall_s: u64,
    /// Download attempts before an album is marked failed.
    pub max_attempts: u32,
    /// Timeout of each call to a service, seconds.
    pub timeout_s: u64,
    pub intervals: Intervals,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            mode: Mode::Manual,
            on_air_seeds: false,
            listenbrainz_url: crate::clients::listenbrainz::DEFAULT_URL.into(),
            lb_user: String::new(),
            lb_token: None,
            lb_playlists: vec!["weekly-exploration".into()],
            lb_count: 100,
            musicbrainz_url: crate::clients::musicbrainz::DEFAULT_URL.into(),
            mb_contact: String::new(),
            coverart_url: crate::clients::musicbrainz::COVER_ART_URL.into(),
            lastfm_url: crate::clients::lastfm::DEFAULT_URL.into(),
            lastfm_key: None,
            similar_limit: 50,
            catalog_top: 30,
            albums_per_artist: 2,
            slskd_url: String::new(),
            slskd_key: None,
            slskd_downloads_dir: None,
            max_new_downloads: 5,
            search_wait_s: 30,
            poll_ms: 2000,
            stall_s: 1200,
            max_attempts: 5,
            timeout_s: 10,
            intervals: Intervals::default(),
        }
    }
}

/// The settings fields that are secrets (shown as `"set"`, never sent back).
pub const SECRETS: &[&str] = &["lb_token", "lastfm_key", "slskd_key"];

/// The three jobs.
pub const JOBS: [&str; 3] = ["lb-fetch", "catalog-discovery", "slskd-downloader"];

impl Settings {
    /// The interval of a job.
    pub fn interval_s(&self, job: &str) -> u64 {
        match job {
            "lb-fetch" => self.intervals.lb_fetch_s,
            "catalog-discovery" => self.intervals.catalog_discovery_s,
            _ => self.intervals.slskd_downloader_s,
        }
    }

    /// What is wrong with the settings, as (field, what to do).
    ///
    /// # Errors
    /// The first bad field.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        for (f, v) in [
            ("intervals.lb_fetch_s", self.intervals.lb_fetch_s),
            ("intervals.catalog_discovery_s", self.intervals.catalog_discovery_s),
            ("intervals.slskd_downloader_s", self.intervals.slskd_downloader_s),
        ] {
            if v < 60 {
                return Err((f, format!("{v} s is too short; give at least 60 s so the services are not hammered")));
            }
        }
        for (f, u) in [
            ("listenbrainz_url", &self.listenbrainz_url),
            ("musicbrainz_url", &self.musicbrainz_url),
            ("lastfm_url", &self.lastfm_url),
            ("coverart_url", &self.coverart_url),
        ] {
            if !(u.starts_with("http://") || u.starts_with("https://")) {
                return Err((f, format!("{u:?} is not an http:// or https:// URL")));
            }
        }
        if !(self.slskd_url.is_empty() || self.slskd_url.starts_with("http://") || self.slskd_url.starts_with("https://")) {
            return Err(("slskd_url", format!("{:?} is not an http:// or https:// URL, e.g. http://127.0.0.1:5030", self.slskd_url)));
        }
        if !(1..=60_000).contains(&self.timeout_s) || self.poll_ms < 10 || self.max_attempts == 0 {
            return Err(("timeout_s", "timeout_s must be 1..60000, poll_ms at least 10 and max_attempts at least 1".into()));
        }
        Ok(())
    }
}

/// A proposed album (release group) and where it is in its life.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Item {
    /// The MusicBrainz release-group id, or `norm:<artist - album>` when there is none.
    pub key: String,
    pub rgid: Option<String>,
    pub artist: String,
    pub album: String,
    pub year: Option<i32>,
    pub cover_url: Option<String>,
    /// pending, wishlist, downloading, downloaded, failed, rejected.
    pub state: String,
    /// 0..1: how strongly it is recommended.
    pub score: f64,
    /// listenbrainz, catalog, on-air, manual, import.
    pub source: String,
    /// Library artists it is similar to (catalog).
    pub similar_to: Vec<String>,
    /// Why it was proposed, in words.
    pub reason: String,
    pub attempts: i64,
    pub created_ms: i64,
    pub updated_ms: i64,
}

/// A download of one album copy from one peer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Download {
    pub id: String,
    pub item_key: String,
    pub username: String,
    pub directory: String,
    /// (remote file name, size).
    pub files: Vec<(String, u64)>,
    /// enqueuing (stored, not yet confirmed by slskd), enqueued, downloaded, failed.
    pub state: String,
    pub bytes: i64,
    pub total: i64,
    pub error: Option<String>,
    pub created_ms: i64,
    pub updated_ms: i64,
    /// When the bytes last grew.
    pub progress_ms: i64,
}

/// The comparison form of a name: lower case, letters and digits, single spaces, a leading
/// "the " dropped.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    let t = out.trim_end();
    t.strip_prefix("the ").unwrap_or(t).to_string()
}

/// The normalised `artist - album` key of an album.
pub fn norm_key(artist: &str, album: &str) -> String {
    format!("{} - {}", norm(artist), norm(album))
}

/// A random UUID v4 (slskd search ids, download and run ids).
pub fn uuid() -> String {
    let b: u128 = rand::random();
    let mut h: Vec<char> = format!("{b:032x}").chars().collect();
    h[12] = '4';
    h[16] = ['8', '9', 'a', 'b'][(b & 3) as usize];
    let h: String = h.into_iter().collect();
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

/// Milliseconds since the epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise_to_one_key() {
        assert_eq!(norm_key("The Beatles", "Abbey Road!"), norm_key("beatles", "abbey   road"));
        assert_ne!(norm_key("A", "B"), norm_key("A", "C"));
        let u = uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert!(matches!(&u[19..20], "8" | "9" | "a" | "b"), "{u}");
        assert_ne!(uuid(), u);
    }
}
