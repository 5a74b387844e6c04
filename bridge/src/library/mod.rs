//! The music library: tracks from the user's own Spotify, Subsonic/Navidrome server or
//! folders, chosen by mood to follow the story (docs/library.md).
//!
//! Files: [`model`] (providers, tracks, the view, events, shared state), [`mood`] (a mood
//! for every track, measured from its audio), [`tags`] (moods of Spotify-only tracks from
//! MusicBrainz and Last.fm tags), [`select`] (the pure choice of the next track:
//! nearest mood, no repeats, dwell and hysteresis, triggers), [`player`] (the task that
//! calls providers, off the telemetry path), [`service`] (opening, settings, the Spotify
//! log-in), [`store`](mod@store) (settings and moods), [`routes`](mod@routes)
//! (`/api/v1/library/...`, `/api/v1/providers/spotify/...`), [`vault`] (the provider
//! secrets encrypted at rest).
//!
//! The clients are `crate::clients::spotify` (rspotify) and `crate::clients::subsonic`.

pub mod model;
pub mod mood;
pub mod player;
pub mod plot;
pub mod routes;
pub mod select;
pub mod service;
pub mod store;
pub mod tags;
pub mod vault;
