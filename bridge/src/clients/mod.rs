//! Clients of external services (clips, recognition, music providers, discovery, guard/OBS,
//! cluster peers): one module per service, `clients/<service>/`.
//!
//! The rule for each client module:
//! * `mod.rs` holds the client: a small typed API over the service (what the bridge needs, not
//!   the whole service), its configuration, timeouts, retries and errors mapped to
//!   [`http::ClientError`] with a message that says what to change.
//! * `fake.rs` holds a fake server for tests: a real HTTP (or UDP) server on 127.0.0.1 that
//!   plays the service's part, with knobs for its failure modes (slow, down, malformed),
//!   built on [`fakekit`]. Tests of the client and of the domains that use it run against
//!   the fake, never the network.
//! * A client depends on nothing of the bridge but `error`, `config` and the shared
//!   [`http`] plumbing (it is a leaf); the domain that uses it owns the routes, the store
//!   queries and the metrics around it.
//!
//! Services: [`obs`] (obs-websocket v5, for the director's OBS actions and the copyright
//! guard), [`spotify`] (Web API through rspotify), [`subsonic`] (Subsonic/OpenSubsonic),
//! and for music discovery [`listenbrainz`], [`musicbrainz`] (with the Cover Art Archive
//! URLs), [`lastfm`] and [`slskd`].

pub mod fakekit;
pub mod http;
pub mod lastfm;
pub mod listenbrainz;
pub mod musicbrainz;
pub mod obs;
pub mod slskd;
pub mod spotify;
pub mod subsonic;
