//! Cluster mode (`resonance bridge --cluster nats://… --database postgres://…`): several
//! bridges share many matches. Any bridge accepts any match's telemetry and serves its
//! WebSocket stream; each match's director runs on exactly one bridge at a time, the holder of
//! the match's lease in a NATS JetStream key-value bucket; the match's input is a JetStream
//! stream consumed in order by the owner; the durable state is in PostgreSQL, fenced by the
//! lease's epoch. Design and failure behaviour: docs/cluster.md, decision records 0063–0065,
//! 0078, 0079, 0084 and 0085.
//!
//! Files: [`link`](mod@link) (NATS: stream, buckets, lease operations), [`store`](mod@store)
//! (PostgreSQL: claim and fenced apply), [`director`](mod@director) (submit, the lease loop, the
//! per-match director tasks, frame fan-out), [`routes`](mod@routes) (`/readyz`).

pub mod director;
pub mod link;
pub mod routes;
pub mod store;
