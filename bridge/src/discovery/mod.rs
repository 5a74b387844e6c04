//! Music discovery (docs/discovery.md): three jobs find albums for the user — **lb-fetch**
//! (ListenBrainz recommendations and created-for playlists → MusicBrainz albums),
//! **catalog-discovery** (Subsonic library artists → Last.fm similar artists → their
//! MusicBrainz albums) and **slskd-downloader** (wishlist → slskd search → the best copy →
//! a download verified complete) — feeding a pending queue the user approves or rejects (a
//! rejected album never comes back), a wishlist and downloads, all stored so every step
//! survives a restart.
//!
//! Files: [`model`] (settings, items, downloads), [`service`] (scheduler, runs, proposals,
//! decisions), [`lb_fetch`], [`catalog`], [`downloader`] (the jobs), [`score`] (choosing a
//! copy, pure), [`legacy`] (import and export of other tools' files), [`store`](mod@store) (tables and queries), [`routes`](mod@routes)
//! (`/api/v1/discovery/...`).
//!
//! The clients are `crate::clients::{listenbrainz, musicbrainz, lastfm, slskd, subsonic}`.

pub mod catalog;
pub mod downloader;
pub mod jobs;
pub mod lb_fetch;
pub mod legacy;
pub mod model;
pub mod routes;
pub mod score;
pub mod service;
pub mod store;
