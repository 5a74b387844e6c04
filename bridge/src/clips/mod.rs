//! The clip library and sound board: short clips (goal horns, jingles, chants, stings)
//! listed, streamed with range requests, counted per playback, added by upload or import
//! (docs/clips.md).
//!
//! Files: [`blobs`] (content-addressed files under `DIR/clips`), [`measure`] (decoding the
//! whole file, loudness, true peak, the engine's mood reading), [`service`] (the operations,
//! keeping files and rows in agreement), [`store`](mod@store) (the `clips`, `clip_tags` and
//! `clip_plays` tables), [`stream`] (the range and validator decisions of a stream),
//! [`routes`](mod@routes) (`/play`, `/play/{id}/stream`, `/play/{id}/stats`, `/play/{id}/fire`),
//! [`fire`] (firing clips on air on a session's engines, counting the plays they report),
//! [`fires`] (the ledger of fires sent and the engines whose report was counted).

pub mod blobs;
pub mod fire;
pub mod fires;
pub mod measure;
pub mod routes;
pub mod service;
pub mod store;
pub mod stream;

pub use service::Clips;
