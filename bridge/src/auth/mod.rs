//! Authentication: API keys (created, hashed, checked), the [`Authed`] extractor, the keys API
//! and the keys' storage.
//!
//! Files: [`keys`] (key material and the in-memory set), [`policy`] (scopes and rate
//! limits), [`extract`] (the extractor),
//! [`routes`](mod@routes) (`/api/v1/keys`), [`store`](mod@store) (the `api_keys` table).

pub mod extract;
pub mod keys;
pub mod policy;
pub mod routes;
pub mod store;

pub use extract::Authed;
pub use keys::{KEY_PREFIX, KeyRecord, KeySet, hash_key, key_from_header, new_key};
pub use routes::routes;
