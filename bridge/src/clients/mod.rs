//! Clients of external services (clips, recognition, music providers, discovery, guard/OBS,
//! cluster peers): one module per service, `clients/<service>/`. Today: [`obs`] (obs-websocket
//! v5, for the director's OBS actions and the copyright guard).
//!
//! The rule for each client module:
//! * `mod.rs` holds the client: a small typed API over the service (what the bridge needs, not
//!   the whole service), its configuration, timeouts, retries and errors mapped to
//!   [`crate::error::BridgeError`] with a message that says what to change.
//! * `fake.rs` holds a fake server for tests: a real HTTP (or UDP) server on 127.0.0.1 that
//!   plays the service's part, with knobs for its failure modes (slow, down, malformed). Tests
//!   of the client and of the domains that use it run against the fake, never the network.
//! * A client depends on nothing of the bridge but `error` and `config` (it is a leaf); the
//!   domain that uses it owns the routes, the store queries and the metrics around it.

pub mod obs;
