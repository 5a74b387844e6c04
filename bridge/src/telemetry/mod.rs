//! Sessions and telemetry: a named session's state, the strict validation of game and match
//! telemetry, how updates and controls are applied, the sessions API and the sessions' tables.
//!
//! Files: [`validate`](mod@validate) (telemetry fields), [`session`](mod@session) (the state), [`control`](mod@control) (the control
//! request), [`ingest`](mod@ingest) (applying updates, controls and stingers), [`routes`](mod@routes)
//! (`/api/v1/sessions/...`), [`store`] (the `sessions` and `telemetry_log` tables, the
//! group-commit batch), [`sync`](mod@sync) (match events paired with the crowd's reactions).

pub mod control;
pub mod ingest;
pub mod routes;
pub mod session;
pub mod store;
pub mod sync;
pub mod validate;

pub use control::ControlRequest;
pub use routes::routes;
pub use session::SessionState;
pub use validate::{
    FIELDS, FieldValue, MATCH_EVENTS, TRIGGERS, Team, TelemetryUpdate, ValidationError, validate, validate_json, validate_session_name,
};
