//! The copyright guard: which catalogue tracks may be broadcast (their clearance), and what
//! the bridge does when a track that may not is recognised in the programme.
//!
//! Files: [`clearance`](mod@clearance) (the model, its scope, the CSV of a rights list),
//! [`store`](mod@store) (the `track_clearance` table), [`routes`](mod@routes)
//! (`GET`/`PATCH /api/v1/tracks/{id}/clearance`, `POST /api/v1/clearance/import`).
//!
//! The clearance is kept beside the recognition catalogue, not in it: the catalogue's table
//! and code are unchanged, and a track without a clearance row is `unknown`.

pub mod clearance;
pub mod routes;
pub mod store;
