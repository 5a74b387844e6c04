//! Moods for tracks Resonance cannot hear (Spotify-only tracks with no analysed copy), from
//! the tags listeners gave them: the track is matched on MusicBrainz by artist, title and
//! duration (Spotify no longer sends ISRCs) and on Last.fm by artist and title, their tags
//! and genres are looked up, and each tag found in [`TAG_TABLE`] pulls the mood towards its
//! place on Russell's circumplex.
//!
//! The table places mood words at the centres of the eight octants of Russell's circumplex
//! (Russell 1980, "A circumplex model of affect", J. Pers. Soc. Psychol. 39(6): pleasure 0°,
//! excitement 45°, arousal 90°, distress 135°, displeasure 180°, depression 225°, sleepiness
//! 270°, relaxation 315°; valence = cos, arousal = sin). That listeners' mood tags on Last.fm
//! carry valence and arousal in this arrangement is the finding of Laurier, Sordo, Serrà &
//! Herrera (2009, "Music mood representations from social tags", ISMIR) and of Saari & Eerola
//! (2014, "Semantic computing of moods based on tags in social media of music", IEEE TKDE
//! 26(10)). Which octant each word goes to, and each word's weight, are this project's
//! reading of the word (synonyms of Russell's eight labels weigh 1, looser words less); a few
//! genre tags are weak priors (weight ≤ 0.5) of the project's own, not taken from a study.
//! docs/library.md prints the table.
//!
//! A failing service gives no mood (the caller leaves the track unknown and asks again
//! later), never a mood from half the answers.

use std::collections::HashMap;

use crate::clients::http::ClientError;
use crate::clients::lastfm::LastfmClient;
use crate::clients::musicbrainz::{MusicBrainzClient, RecordingHit};
use crate::library::mood::{MoodSource, TrackMood};

/// `(tag, angle on the circumplex in degrees, weight)`; tags are compared lower-case, with
/// `-` and `_` read as spaces.
pub const TAG_TABLE: &[(&str, f32, f32)] = &[
    // pleasure (0°)
    ("happy", 0.0, 1.0),
    ("cheerful", 0.0, 1.0),
    ("joyful", 0.0, 1.0),
    ("joy", 0.0, 1.0),
    ("fun", 0.0, 0.8),
    ("feel good", 0.0, 1.0),
    ("feelgood", 0.0, 1.0),
    ("positive", 0.0, 0.8),
    ("optimistic", 0.0, 0.8),
    ("sunny", 0.0, 0.7),
    ("beautiful", 0.0, 0.5),
    ("love", 0.0, 0.4),
    // excitement (45°)
    ("exciting", 45.0, 1.0),
    ("excited", 45.0, 1.0),
    ("energetic", 45.0, 1.0),
    ("upbeat", 45.0, 1.0),
    ("uplifting", 45.0, 1.0),
    ("euphoric", 45.0, 1.0),
    ("party", 45.0, 0.8),
    ("playful", 45.0, 0.8),
    ("epic", 45.0, 0.6),
    ("groovy", 45.0, 0.6),
    // arousal (90°)
    ("intense", 90.0, 1.0),
    ("frantic", 90.0, 1.0),
    ("high energy", 90.0, 1.0),
    ("adrenaline", 90.0, 1.0),
    ("powerful", 90.0, 0.8),
    ("loud", 90.0, 0.7),
    ("fast", 90.0, 0.6),
    ("heavy", 90.0, 0.6),
    // distress (135°)
    ("aggressive", 135.0, 1.0),
    ("angry", 135.0, 1.0),
    ("anger", 135.0, 1.0),
    ("rage", 135.0, 1.0),
    ("furious", 135.0, 1.0),
    ("tense", 135.0, 1.0),
    ("anxious", 135.0, 1.0),
    ("nervous", 135.0, 1.0),
    ("menacing", 135.0, 1.0),
    ("scary", 135.0, 1.0),
    ("creepy", 135.0, 0.8),
    ("disturbing", 135.0, 0.8),
    ("chaotic", 135.0, 0.8),
    ("hate", 135.0, 0.8),
    ("eerie", 135.0, 0.7),
    ("brutal", 135.0, 0.7),
    // displeasure (180°)
    ("sad", 180.0, 1.0),
    ("sadness", 180.0, 1.0),
    ("sorrow", 180.0, 1.0),
    ("heartbreak", 180.0, 1.0),
    ("heartbreaking", 180.0, 1.0),
    ("tragic", 180.0, 1.0),
    ("bitter", 180.0, 0.8),
    ("lonely", 180.0, 0.8),
    ("loneliness", 180.0, 0.8),
    ("painful", 180.0, 0.8),
    ("angst", 180.0, 0.6),
    ("dark", 180.0, 0.6),
    // depression (225°)
    ("depressing", 225.0, 1.0),
    ("depressive", 225.0, 1.0),
    ("depressed", 225.0, 1.0),
    ("melancholy", 225.0, 1.0),
    ("melancholic", 225.0, 1.0),
    ("gloomy", 225.0, 1.0),
    ("bleak", 225.0, 1.0),
    ("somber", 225.0, 1.0),
    ("sombre", 225.0, 1.0),
    ("mournful", 225.0, 1.0),
    ("haunting", 225.0, 0.6),
    // sleepiness (270°)
    ("sleepy", 270.0, 1.0),
    ("drowsy", 270.0, 1.0),
    ("sleep", 270.0, 0.8),
    ("lullaby", 270.0, 0.8),
    ("lazy", 270.0, 0.8),
    ("slow", 270.0, 0.6),
    // relaxation (315°)
    ("calm", 315.0, 1.0),
    ("relaxing", 315.0, 1.0),
    ("relaxed", 315.0, 1.0),
    ("relax", 315.0, 1.0),
    ("peaceful", 315.0, 1.0),
    ("serene", 315.0, 1.0),
    ("soothing", 315.0, 1.0),
    ("tranquil", 315.0, 1.0),
    ("mellow", 315.0, 1.0),
    ("chill", 315.0, 1.0),
    ("chillout", 315.0, 1.0),
    ("chill out", 315.0, 1.0),
    ("laid back", 315.0, 1.0),
    ("laidback", 315.0, 1.0),
    ("gentle", 315.0, 0.8),
    ("tender", 315.0, 0.8),
    ("meditative", 315.0, 0.8),
    ("soft", 315.0, 0.7),
    ("dreamy", 315.0, 0.7),
    ("romantic", 315.0, 0.7),
    ("smooth", 315.0, 0.6),
    ("warm", 315.0, 0.6),
    ("easy listening", 315.0, 0.6),
    ("ethereal", 315.0, 0.6),
    // genres: weak priors of the project's own
    ("ambient", 270.0, 0.4),
    ("drone", 270.0, 0.4),
    ("new age", 315.0, 0.4),
    ("downtempo", 315.0, 0.4),
    ("lounge", 315.0, 0.4),
    ("dark ambient", 225.0, 0.5),
    ("doom metal", 225.0, 0.5),
    ("blues", 180.0, 0.3),
    ("metal", 135.0, 0.4),
    ("heavy metal", 135.0, 0.4),
    ("death metal", 135.0, 0.5),
    ("black metal", 135.0, 0.5),
    ("thrash metal", 135.0, 0.5),
    ("grindcore", 135.0, 0.5),
    ("hardcore", 135.0, 0.4),
    ("industrial", 135.0, 0.4),
    ("punk", 90.0, 0.4),
    ("hard rock", 90.0, 0.4),
    ("drum and bass", 90.0, 0.4),
    ("techno", 90.0, 0.4),
    ("hardstyle", 90.0, 0.4),
    ("trance", 45.0, 0.4),
    ("house", 45.0, 0.4),
    ("dance", 45.0, 0.4),
    ("disco", 45.0, 0.4),
    ("funk", 45.0, 0.4),
    ("ska", 45.0, 0.4),
    ("pop", 0.0, 0.3),
];

/// Highest confidence of a tag mood (below a measured one's 0.8: tags describe a song, or
/// its artist, not this recording's audio).
pub const MAX_CONFIDENCE: f32 = 0.5;
/// Weight of an artist's tags against the track's own.
pub const ARTIST_WEIGHT: f32 = 0.5;
/// Tags used less than this share of the most used one are noise.
const MIN_SHARE: f32 = 0.05;
/// Total weight of mapped tags below which no mood is given.
const MIN_EVIDENCE: f32 = 0.2;
/// Total weight at which the evidence counts fully.
const FULL_EVIDENCE: f32 = 1.5;

/// A tag with the weight it carries into the mood: its share of the most used tag × the
/// level's weight (track 1, artist [`ARTIST_WEIGHT`]).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct WeightedTag {
    pub name: String,
    pub weight: f32,
}

/// `tag` as the table spells it: lower case, `-`/`_` as spaces, single spaces.
pub fn normalise_tag(tag: &str) -> String {
    tag.to_lowercase().replace(['-', '_'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The table's entry for a tag: (angle in degrees, weight).
pub fn lookup_tag(tag: &str) -> Option<(f32, f32)> {
    let t = normalise_tag(tag);
    TAG_TABLE.iter().find(|(name, _, _)| *name == t).map(|(_, angle, w)| (*angle, *w))
}

/// `(name, count)` pairs as weighted tags: each count relative to the largest, times `level`;
/// tags under `MIN_SHARE` dropped.
pub fn weigh<'a>(tags: impl IntoIterator<Item = (&'a str, u32)>, level: f32) -> Vec<WeightedTag> {
    let tags: Vec<(&str, u32)> = tags.into_iter().collect();
    let max = tags.iter().map(|t| t.1).max().unwrap_or(0).max(1) as f32;
    tags.into_iter()
        .map(|(name, count)| (name, count as f32 / max))
        .filter(|(_, share)| *share >= MIN_SHARE)
        .map(|(name, share)| WeightedTag { name: name.to_string(), weight: share * level })
        .collect()
}

/// The mood the tags point to: the weighted mean of their places on the circumplex (tags
/// not in the table ignored). Opposed tags cancel: the mean's distance from the centre (how
/// much the tags agree) and the evidence (total weight, full at 1.5) scale the confidence,
/// at most [`MAX_CONFIDENCE`]. `None` when too little maps.
pub fn mood_from_tags(tags: &[WeightedTag]) -> Option<TrackMood> {
    let (mut sw, mut v, mut a) = (0.0f32, 0.0f32, 0.0f32);
    for t in tags {
        if let Some((angle, w)) = lookup_tag(&t.name) {
            let w = w * t.weight;
            let r = angle.to_radians();
            sw += w;
            v += w * r.cos();
            a += w * r.sin();
        }
    }
    if sw < MIN_EVIDENCE {
        return None;
    }
    let (valence, arousal) = (v / sw, a / sw);
    let agreement = valence.hypot(arousal).min(1.0);
    let confidence = MAX_CONFIDENCE * (sw / FULL_EVIDENCE).min(1.0) * agreement;
    Some(TrackMood { valence, arousal, confidence, energy: f32::midpoint(arousal, 1.0), tempo_bpm: None, source: MoodSource::Tags })
}

/// The services tags are looked up on (each optional: set in the discovery settings).
#[derive(Clone, Debug, Default)]
pub struct TagServices {
    pub musicbrainz: Option<MusicBrainzClient>,
    pub lastfm: Option<LastfmClient>,
}

impl TagServices {
    pub fn is_empty(&self) -> bool {
        self.musicbrainz.is_none() && self.lastfm.is_none()
    }
}

/// What a look-up found.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct TagLookup {
    /// The MusicBrainz recording matched by artist, title and duration.
    pub recording_mbid: Option<String>,
    /// Every tag found, with its weight.
    pub tags: Vec<WeightedTag>,
    /// Tags the table maps.
    pub mapped: Vec<String>,
}

/// Letters and digits only, lower case.
fn squash(s: &str) -> String {
    s.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A title without what Spotify and shops add to it: ` - Remastered 2011`, `(feat. X)`,
/// `[Live]` (the duration tells versions apart); what is searched for.
pub fn plain_title(t: &str) -> String {
    let t = t.split(" - ").next().unwrap_or(t);
    let mut out = String::new();
    let mut depth = 0i32;
    for c in t.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if out.is_empty() { t.trim().to_string() } else { out }
}

/// [`plain_title`], letters and digits only (for comparing).
fn bare_title(t: &str) -> String {
    squash(&plain_title(t))
}

/// Durations that are the same recording: within 3 s or 3 %.
fn same_length(a_ms: u64, b_ms: u64) -> bool {
    a_ms.abs_diff(b_ms) <= 3000.max(a_ms.max(b_ms) * 3 / 100)
}

/// The search hit that is this track: the same bare title, the first credited artist
/// within the hit's credit (or the other way round), and — when the track's duration is
/// known — a length within `same_length`; the best-scored of those.
pub fn best_match<'a>(hits: &'a [RecordingHit], artist: &str, title: &str, duration_ms: u32) -> Option<&'a RecordingHit> {
    let first = squash(artist.split(", ").next().unwrap_or(artist));
    let title = bare_title(title);
    hits.iter()
        .filter(|h| bare_title(&h.title) == title && !title.is_empty())
        .filter(|h| {
            let credit = squash(&h.artist);
            !first.is_empty() && !credit.is_empty() && (credit.contains(&first) || first.contains(&credit))
        })
        .filter(|h| duration_ms == 0 || h.length_ms.is_some_and(|l| same_length(l, u64::from(duration_ms))))
        .max_by_key(|h| h.score)
}

/// `Ok(empty)` for an answer that says "not known" (404, Last.fm error 6), the error else.
fn known<T: Default>(r: Result<T, ClientError>) -> Result<T, ClientError> {
    match r {
        Err(ClientError::Rejected { reason, .. }) if reason == "not_found" => Ok(T::default()),
        r => r,
    }
}

/// Looks up a track's tags on the configured services, asking by its first artist and its
/// [`plain_title`]: on MusicBrainz the recording matched by [`best_match`] (its tags and
/// genres, and its artist's at [`ARTIST_WEIGHT`]), on Last.fm the track's and the artist's top
/// tags. `artist_cache` keeps artists' tags across tracks (key: `mb:ID` or `fm:name`).
///
/// # Errors
/// The first service error that is not "not known" (after the clients' own retries: 429
/// waited out, 5xx backed off); the caller then stores nothing for the track.
pub async fn lookup<S: std::hash::BuildHasher>(
    s: &TagServices,
    artist: &str,
    title: &str,
    duration_ms: u32,
    artist_cache: &mut HashMap<String, Vec<WeightedTag>, S>,
) -> Result<TagLookup, ClientError> {
    let mut out = TagLookup::default();
    let first = artist.split(", ").next().unwrap_or(artist).trim().to_string();
    let plain = plain_title(title);
    if let Some(mb) = &s.musicbrainz {
        let hits = mb.search_recordings(&first, &plain).await?;
        if let Some(hit) = best_match(&hits, artist, title, duration_ms) {
            out.recording_mbid = Some(hit.id.clone());
            let tags = known(mb.tags("recording", &hit.id).await)?;
            out.tags.extend(weigh(tags.iter().map(|t| (t.name.as_str(), t.count)), 1.0));
            if let Some(id) = &hit.artist_id {
                let key = format!("mb:{id}");
                let artist_tags = if let Some(t) = artist_cache.get(&key) {
                    t.clone()
                } else {
                    let tags = known(mb.tags("artist", id).await)?;
                    let t = weigh(tags.iter().map(|t| (t.name.as_str(), t.count)), ARTIST_WEIGHT);
                    artist_cache.insert(key, t.clone());
                    t
                };
                out.tags.extend(artist_tags);
            }
        }
    }
    if let Some(fm) = &s.lastfm {
        let tags = known(fm.top_tags(&first, Some(plain.as_str())).await)?;
        out.tags.extend(weigh(tags.iter().map(|t| (t.name.as_str(), t.count)), 1.0));
        let key = format!("fm:{}", first.to_lowercase());
        let artist_tags = if let Some(t) = artist_cache.get(&key) {
            t.clone()
        } else {
            let tags = known(fm.top_tags(&first, None).await)?;
            let t = weigh(tags.iter().map(|t| (t.name.as_str(), t.count)), ARTIST_WEIGHT);
            artist_cache.insert(key, t.clone());
            t
        };
        out.tags.extend(artist_tags);
    }
    out.mapped = out.tags.iter().filter(|t| lookup_tag(&t.name).is_some()).map(|t| normalise_tag(&t.name)).collect();
    out.mapped.sort();
    out.mapped.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[(&str, u32)]) -> Vec<WeightedTag> {
        weigh(list.iter().copied(), 1.0)
    }

    #[test]
    fn mood_words_land_in_their_quadrants() {
        let calm = mood_from_tags(&tags(&[("chillout", 100), ("relaxing", 60), ("electronic", 90)])).unwrap();
        assert!(calm.valence > 0.5 && calm.arousal < -0.5, "{calm:?}");
        let angry = mood_from_tags(&tags(&[("aggressive", 100), ("Death-Metal", 80)])).unwrap();
        assert!(angry.valence < -0.5 && angry.arousal > 0.5, "{angry:?}");
        let sad = mood_from_tags(&tags(&[("melancholy", 100), ("sad", 100)])).unwrap();
        assert!(sad.valence < -0.8 && sad.arousal < 0.0, "{sad:?}");
        let party = mood_from_tags(&tags(&[("party", 100), ("upbeat", 70), ("happy", 40)])).unwrap();
        assert!(party.valence > 0.5 && party.arousal > 0.4, "{party:?}");
        assert_eq!(party.source, MoodSource::Tags);
        assert!(party.confidence <= MAX_CONFIDENCE && party.confidence > 0.3, "{party:?}");
    }

    #[test]
    fn no_mood_from_unmapped_or_scarce_tags_and_opposed_tags_lower_the_confidence() {
        assert_eq!(mood_from_tags(&tags(&[("rock", 100), ("90s", 80), ("female vocalists", 60)])), None);
        assert_eq!(mood_from_tags(&tags(&[("rock", 100), ("sad", 3)])), None, "a 3 % tag is noise");
        assert_eq!(mood_from_tags(&weigh([("pop", 100)], ARTIST_WEIGHT)), None, "a weak genre prior alone says too little");
        let agree = mood_from_tags(&tags(&[("happy", 100), ("cheerful", 100)])).unwrap();
        let torn = mood_from_tags(&tags(&[("happy", 100), ("sad", 100)])).unwrap();
        assert!(torn.confidence < 0.1 * agree.confidence, "{torn:?} vs {agree:?}");
    }

    #[test]
    fn the_match_needs_title_artist_and_duration() {
        let hit = |id: &str, title: &str, artist: &str, len: Option<u64>, score: u32| RecordingHit {
            id: id.into(),
            title: title.into(),
            artist: artist.into(),
            artist_id: None,
            length_ms: len,
            score,
        };
        let hits = vec![
            hit("live", "Song (Live)", "The Band", Some(300_000), 100),
            hit("studio", "Song", "The Band feat. Guest", Some(241_000), 90),
            hit("other", "Song", "Another Band", Some(240_000), 100),
            hit("nolen", "Song", "The Band", None, 100),
        ];
        assert_eq!(best_match(&hits, "The Band, Guest", "Song - Remastered 2011", 240_000).map(|h| h.id.as_str()), Some("studio"));
        assert_eq!(best_match(&hits, "The Band", "Song", 200_000), None, "no length within 3 s or 3 %");
        assert_eq!(best_match(&hits, "Nobody", "Song", 240_000), None);
        assert!(same_length(300_000, 308_000) && !same_length(100_000, 104_000));
        assert_eq!(normalise_tag("  Laid-Back "), "laid back");
        assert_eq!(plain_title("Song (feat. Guest) [Live] - Remastered 2011"), "Song");
        assert_eq!(plain_title("(Untitled)"), "(Untitled)");
    }

    #[test]
    fn every_table_entry_is_normalised_and_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for (name, angle, w) in TAG_TABLE {
            assert_eq!(normalise_tag(name), *name);
            assert!(seen.insert(*name), "{name} twice");
            assert!(angle % 45.0 == 0.0 && (0.0..360.0).contains(angle) && *w > 0.0 && *w <= 1.0, "{name}");
        }
    }
}
