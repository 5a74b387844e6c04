//! The recognition service: identify music from audio sent over HTTP, and manage the
//! catalogue it is matched against while it runs (docs/recognition-service.md).
//!
//! Files: [`catalogue`] (index segments and their manifest: the live, crash-safe fingerprint
//! catalogue), [`audio`] (decoding request bodies, their limits and 4xx), [`pool`] (the
//! bounded worker pool), [`service`] (the operations, keeping catalogue and store in
//! agreement), [`store`](mod@store) (the `recognition_tracks` table), [`routes`](mod@routes)
//! (`/api/v1/recognize`, `/api/v1/tracks`, `/api/v1/index/stats`, `/api/v1/webhooks`),
//! [`webhooks`] (signed POSTs to registered receivers, retried, off the request path).
//!
//! Fingerprinting and matching are `resonance_io::fingerprint`'s, unchanged: the same hasher,
//! index format and matcher as `resonance index` and `resonance identify`.

pub mod audio;
pub mod catalogue;
pub mod pool;
pub mod routes;
pub mod service;
pub mod store;
pub mod webhooks;
