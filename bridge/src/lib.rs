//! Resonance bridge: the tokio service that connects engines to games, pages and metrics.
//!
//! * [`app()`](crate::app()) builds the axum router (HTTP API, WebSocket, web page, overlays, metrics) from
//!   each domain's routes; [`openapi`] is the API document generated from the same routes.
//! * [`start`] opens storage, binds HTTP and OSC and spawns the tasks; [`run`] is `start`
//!   plus waiting for a shutdown signal, then a graceful stop (in-flight requests finish,
//!   dirty sessions are written, the database is closed).
//! * [`osc`] is the `/resonance/...` address space and its codec: the `resonance-protocol`
//!   crate, shared with the plugin and the live host, re-exported here.
//!
//! Data flow: OSC from engines and games ([`osc_in`]) -> [`state::AppState`] (per-session
//! state, the [`director`]) -> storage ([`store`] and the group-commit [`writer`]), WebSocket
//! subscribers ([`ws`]) and OSC commands back to engines. HTTP telemetry ([`telemetry`]) takes
//! the same path, with a write-through before the answer.
//!
//! # Layout
//! One module per domain, each owning its routes (`routes()`, declared next to the handlers),
//! its operations, its store queries and tables, and its tests: [`telemetry`] (sessions and
//! telemetry), [`director`] (rules), [`auth`] (API keys), [`osc_in`] (OSC in, engines),
//! [`ws`] (the live stream), [`web`] (page and overlays), [`metrics`] (`/metrics`,
//! `/healthz`), [`recognition`] (the recognition service and its catalogue), [`guard`] (track clearances, the copyright guard), [`library`] (music from the user's Spotify, Subsonic or folders, chosen by mood), [`discovery`] (new music found for the user: queue, wishlist, downloads), [`cluster`] (several bridges sharing matches through NATS JetStream and PostgreSQL). Infrastructure below them: [`state`], [`store`], [`writer`], [`error`],
//! [`config`], [`extract`], [`clock`]. Clients of external services go in [`clients`].
//!
//! Dependencies between modules form a DAG, checked by a test (`tests/e2e/modules.rs`):
//! infrastructure and domain models never import handlers; handlers import [`state`]; the
//! crate root and [`app()`](crate::app()) import everything. Inside the crate, paths name the defining file
//! (`crate::director::rules::RuleBook`), not a re-export, so the check sees real edges.

pub mod app;
pub mod auth;
pub mod clients;
pub mod clips;
pub mod clock;
pub mod cluster;
pub mod config;
pub mod director;
pub mod discovery;
pub mod error;
pub mod extract;
pub mod guard;
pub mod library;
pub mod metrics;
pub use resonance_protocol as osc;
pub mod osc_in;
pub mod recognition;
pub mod server;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod web;
pub mod writer;
pub mod ws;

pub use app::{api_routes, app, openapi};
pub use config::Config;
pub use error::{AppError, BridgeError};
pub use server::{Running, run, start};
pub use state::AppState;
