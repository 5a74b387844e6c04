//! Choosing the copy to download (pure, no I/O): slskd's search responses are grouped into
//! candidates — one peer's one folder of audio files — and each gets a score out of 120 (format first: a FLAC copy beats an MP3 one with a free slot and a fast peer):
//!
//! | part | points |
//! |---|---|
//! | track count vs the release's (MusicBrainz) | exact 40, off by one 15, else 0; fewer than 70 % of the tracks: rejected |
//! | durations (files in order vs tracks in order, mean absolute difference) | ≤ 3 s: 20, ≤ 10 s: 10, else 0; unknown: 10 |
//! | format | all FLAC 40, all MP3 ≥ 320 kbit/s 20, else 5 |
//! | free upload slot | 10 |
//! | upload speed | 0..10, logarithmic (10 kB/s → 0, 10 MB/s → 10) |
//! | queue length | minus 1 per 10 queued, at most minus 10 |
//!
//! Folders whose path does not name the album (fewer than 60 % of the album title's words,
//! or the artist's when the title is a single short word) are rejected: the "files of the
//! wrong album" case. Locked files are ignored. The best score wins; ties go to the faster peer.

use std::collections::BTreeMap;

use crate::clients::musicbrainz::Track;
use crate::clients::slskd::PeerResponse;
use crate::discovery::model::norm;

/// Audio file extensions considered.
pub const AUDIO: &[&str] = &["flac", "mp3", "m4a", "ogg", "opus", "wav", "aac", "alac", "ape", "wv"];

/// One peer's folder, scored.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub username: String,
    pub directory: String,
    /// (full remote file name, size), in file-name order.
    pub files: Vec<(String, u64)>,
    pub score: f64,
    /// How the score came about, for the log.
    pub why: String,
}

fn ext(name: &str) -> String {
    name.rsplit('.').next().unwrap_or("").to_lowercase()
}

fn folder(path: &str) -> &str {
    path.rsplit_once('\\').or_else(|| path.rsplit_once('/')).map_or("", |(d, _)| d)
}

/// Whether `path` names the album (enough of its title's words, or the artist for a
/// one-word title).
pub fn names_album(path: &str, artist: &str, album: &str) -> bool {
    let hay: Vec<String> = norm(path).split(' ').map(String::from).collect();
    let album_n = norm(album);
    let words: Vec<&str> = album_n.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return false;
    }
    let hit = words.iter().filter(|w| hay.iter().any(|h| h == *w)).count();
    let ok = hit as f64 / words.len() as f64 >= 0.6;
    if words.len() == 1 && words[0].len() <= 4 {
        let a = norm(artist);
        return ok && a.split(' ').all(|w| hay.iter().any(|h| h == w));
    }
    ok
}

/// Scores every candidate folder of `responses` for the album, best first; rejected ones
/// are left out.
pub fn rank(responses: &[PeerResponse], artist: &str, album: &str, tracks: &[Track]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for r in responses {
        let mut dirs: BTreeMap<&str, Vec<&crate::clients::slskd::SearchFile>> = BTreeMap::new();
        for f in r.files.iter().filter(|f| !f.is_locked && AUDIO.contains(&ext(&f.filename).as_str())) {
            dirs.entry(folder(&f.filename)).or_default().push(f);
        }
        for (dir, mut files) in dirs {
            if !names_album(dir, artist, album) {
                continue;
            }
            files.sort_by(|a, b| a.filename.cmp(&b.filename));
            let mut score = 0.0;
            let mut why = Vec::new();
            if tracks.is_empty() {
                score += 20.0;
                why.push("track count unknown +20".to_string());
            } else {
                let (n, want) = (files.len(), tracks.len());
                if (n as f64) < 0.7 * want as f64 {
                    continue;
                }
                let s = if n == want {
                    40.0
                } else if n.abs_diff(want) == 1 {
                    15.0
                } else {
                    0.0
                };
                score += s;
                why.push(format!("{n}/{want} tracks +{s}"));
            }
            let diffs: Vec<f64> =
                files.iter().zip(tracks).filter_map(|(f, t)| Some((f64::from(f.length?) - t.length_ms? as f64 / 1000.0).abs())).collect();
            let dur = if diffs.is_empty() {
                10.0
            } else {
                let mean = diffs.iter().sum::<f64>() / diffs.len() as f64;
                if mean <= 3.0 {
                    20.0
                } else if mean <= 10.0 {
                    10.0
                } else {
                    0.0
                }
            };
            score += dur;
            why.push(format!("durations +{dur}"));
            let fmt = if files.iter().all(|f| ext(&f.filename) == "flac") {
                40.0
            } else if files.iter().all(|f| ext(&f.filename) == "mp3" && f.bit_rate.is_some_and(|b| b >= 320)) {
                20.0
            } else {
                5.0
            };
            score += fmt;
            why.push(format!("format +{fmt}"));
            if r.has_free_upload_slot {
                score += 10.0;
                why.push("free slot +10".into());
            }
            let speed = ((r.upload_speed.max(1) as f64).log10() - 4.0).clamp(0.0, 3.0) * 10.0 / 3.0;
            score += speed;
            let queue = (r.queue_length as f64 / 10.0).min(10.0);
            score -= queue;
            why.push(format!("speed +{speed:.1}, queue -{queue:.1}"));
            out.push(Candidate {
                username: r.username.clone(),
                directory: dir.to_string(),
                files: files.iter().map(|f| (f.filename.clone(), f.size)).collect(),
                score,
                why: why.join(", "),
            });
        }
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.username.cmp(&b.username)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clients::slskd::SearchFile;

    fn peer(user: &str, dir: &str, ext: &str, n: usize, br: Option<u32>, slot: bool, speed: u64) -> PeerResponse {
        PeerResponse {
            username: user.into(),
            has_free_upload_slot: slot,
            upload_speed: speed,
            queue_length: 0,
            files: (0..n)
                .map(|i| SearchFile {
                    filename: format!("{dir}\\{:02} Song.{ext}", i + 1),
                    size: 1000,
                    extension: ext.into(),
                    bit_rate: br,
                    length: Some(200),
                    is_locked: false,
                })
                .collect(),
        }
    }

    #[test]
    fn flac_with_the_right_tracks_beats_mp3_and_wrong_albums_are_dropped() {
        let tracks: Vec<Track> = (0..10).map(|i| Track { title: format!("t{i}"), length_ms: Some(201_000) }).collect();
        let r = vec![
            peer("mp3", "@@a\\Band\\Great Album (1997) [320]", "mp3", 10, Some(320), true, 5_000_000),
            peer("flac", "@@b\\Band - Great Album [FLAC]", "flac", 10, None, false, 1_000_000),
            peer("short", "@@c\\Band\\Great Album", "flac", 5, None, true, 9_000_000),
            peer("wrong", "@@d\\Band\\Other Record", "flac", 10, None, true, 9_000_000),
        ];
        let c = rank(&r, "Band", "Great Album", &tracks);
        let users: Vec<&str> = c.iter().map(|c| c.username.as_str()).collect();
        assert_eq!(users, ["flac", "mp3"], "{c:#?}");
        assert!(c[0].score > c[1].score);
        assert_eq!(c[0].files.len(), 10);
    }

    #[test]
    fn folder_names_must_name_the_album() {
        assert!(names_album("@@x\\Music\\Radiohead\\OK Computer (1997)", "Radiohead", "OK Computer"));
        assert!(!names_album("@@x\\Music\\Radiohead\\Kid A", "Radiohead", "OK Computer"));
        assert!(!names_album("@@x\\Music\\Other\\Up", "R.E.M.", "Up"), "a one-word title needs the artist too");
        assert!(names_album("@@x\\Music\\R.E.M. - Up", "R.E.M.", "Up"));
    }
}
