//! The copyright guard: which catalogue tracks may be broadcast (their clearance), and what
//! the bridge does when a track that may not is recognised in the programme.
//!
//! Files: [`clearance`](mod@clearance) (the model, its scope, the CSV of a rights list),
//! [`store`](mod@store) (the `track_clearance` table), [`decide`](mod@decide) (the decision,
//! without I/O), [`service`](mod@service) (the guard's state: policy, log, segments),
//! [`run`](mod@run) (reports in, commands out), [`report`](mod@report) (the after-show report
//! as CSV, JSON and an EDL), [`routes`](mod@routes) (`GET`/`PATCH
//! /api/v1/tracks/{id}/clearance`, `POST /api/v1/clearance/import`, `GET /api/v1/guard`,
//! `POST /api/v1/guard/mode`, `POST /api/v1/guard/override`, `GET /api/v1/guard/report`).
//!
//! The clearance is kept beside the recognition catalogue, not in it: the catalogue's table
//! and code are unchanged, and a track without a clearance row is `unknown`.

pub mod clearance;
pub mod decide;
pub mod report;
pub mod routes;
pub mod run;
pub mod service;
pub mod store;
